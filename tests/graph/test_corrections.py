"""Field corrections as plain data: which values are accepted, and the details a review shows
once corrections are in force."""

from __future__ import annotations

import json

import pytest

from graph import corrections, kuzu_queries
from graph.corrections import (
    QUOTE_COPIES,
    age_in_words,
    apply_corrections,
    field_correction,
    field_updates,
    fields_in_force,
    paired_age,
    typed_age,
)
from graph.schema import ReviewRows

PARSED = {
    "outcome": {"value": "died", "page": 2, "evidence": "the infant died in hospital"},
    "publication_date": {"value": "2019-03", "page": 1, "evidence": "March 2019"},
    "author": None,  # the parser found none
}


def history(*rows: tuple[str, object, bool]) -> list[dict[str, object]]:
    return [
        {"field": f, "value": v, "in_force": live, "who": "Analyst A", "made_at": "t", "note": None}
        for f, v, live in rows
    ]


def test_the_value_in_force_replaces_the_parsers_and_keeps_it_beside() -> None:
    shown = fields_in_force(
        PARSED,
        history(("outcome", "other", True), ("outcome", "serious_harm", False)),
    )
    assert shown["outcome"] == {
        "value": "other",
        "machine": "died",
        "page": 2,
        "corrected": {"who": "Analyst A", "made_at": "t", "note": None},
    }
    assert shown["publication_date"] == PARSED["publication_date"]  # untouched
    assert "author" not in shown


def test_a_field_the_parser_missed_and_a_corrected_year_show() -> None:
    shown = fields_in_force(
        PARSED, history(("author", "A. Writer", True), ("publication_year", 2020, True))
    )
    assert (shown["author"]["value"], shown["author"]["machine"]) == ("A. Writer", None)
    # the date of publication gives way to the corrected year, so the two never disagree
    assert (shown["publication_date"]["value"], shown["publication_date"]["machine"]) == (
        2020,
        "2019-03",
    )
    assert shown["publication_year"]["value"] == 2020
    alone = fields_in_force({}, history(("publication_year", 2020, True)))
    assert (alone["publication_date"]["value"], alone["publication_date"]["machine"]) == (
        2020,
        None,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("review_type", "scr", "review_type must be one of"),
        ("child_age_months", "two", "needs a whole number"),
        ("title", "  ", "title needs a value"),
        ("publication_date", "2019-03", "cannot be corrected"),
        ("child_pseudonyms", " , ;", "child_pseudonyms: at least one name is needed"),
        ("child_age_months", "-3", "from 0 to 300"),
        ("child_age_months", "400", "from 0 to 300"),
        ("publication_year", "19", "must be from 1970"),
        ("incident_year", "3019", "must be from 1970"),
        ("title", "Not stated", "a review keeps a title"),
        ("child_age", "-3", "cannot be negative"),
        ("child_age", "- 5 years", "cannot be negative"),
        ("title", ", ,", "needs letters or figures"),
        ("author", "...", "needs letters or figures"),
    ],
)
def test_a_bad_value_is_refused_with_a_reason(field: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        field_correction("r1", field, value, "Analyst A")


def test_a_known_review_type_is_accepted() -> None:
    assert field_correction("r1", "review_type", "rapid_review", "A")["value"] == '"rapid_review"'


@pytest.mark.parametrize(
    ("stated", "months"),
    [("2 years 3 months", 27), ("seven weeks", 1), ("15", 180), ("ten days", 0)],
)
def test_a_corrected_age_sets_the_months_the_age_bands_read(stated: str, months: int) -> None:
    paired = paired_age(field_correction("r1", "child_age", stated, "Analyst A", "from p. 4"))
    assert paired is not None
    assert (paired["id"], paired["field"], paired["value"], paired["who"]) == (
        "r1|child_age_months",
        "child_age_months",
        str(months),
        "Analyst A",
    )


def test_corrected_months_set_the_age_shown() -> None:
    paired = paired_age(field_correction("r1", "child_age_months", "30", "Analyst A"))
    assert paired is not None and (paired["field"], paired["value"]) == (
        "child_age",
        '"2 years 6 months"',
    )


def test_an_age_that_is_no_length_of_time_is_refused_and_other_fields_pair_nothing() -> None:
    for said in ("not known", "toddler", "40 years"):  # 40 years: past the oldest age band
        with pytest.raises(
            ValueError, match=r"child_age (should be a length of time|must be at most 25 years)"
        ):
            field_correction("r1", "child_age", said, "Analyst A")
    assert paired_age(field_correction("r1", "outcome", "died", "Analyst A")) is None


@pytest.mark.parametrize(
    ("typed", "months"),
    [
        ("2 years 3 months", 27),
        ("2.5 years", 30),
        ("two and a half years", 30),
        ("4yrs", 48),
        ("2y 3m", 27),
        ("19", 228),
        ("21 years", 252),
        ("9 weeks", 2),
        ("newborn", 0),
        ("not known", None),
        ("3 years old and tall", None),
    ],
)
def test_an_age_as_a_person_types_it(typed: str, months: int | None) -> None:
    assert typed_age(typed) == months


def test_the_persons_own_correction_comes_before_the_one_it_implies() -> None:
    own = field_correction("r1", "child_age", "4 years", "Analyst A")
    implied = paired_age(own)
    assert implied is not None and implied["made_at"] < own["made_at"]  # listed after it


def test_a_corrected_review_type_sets_the_kind_search_and_similar_cases_read() -> None:
    briefing = field_correction("r1", "review_type", "briefing", "Analyst A")
    assert field_updates([briefing])["document_kind"] == "briefing"
    scr = field_correction("r1", "review_type", "serious_case_review", "Analyst A")
    assert field_updates([scr])["document_kind"] == "case_review"


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (0, "under 1 month"),
        (1, "1 month"),
        (11, "11 months"),
        (24, "2 years"),
        (37, "3 years 1 month"),
    ],
)
def test_months_in_words(months: int, words: str) -> None:
    assert age_in_words(months) == words


@pytest.mark.parametrize(
    "field",
    [
        "child_age",
        "outcome",
        "author",
        "review_type",
        "incident_year",
        "partnership",
        "child_pseudonyms",
    ],
)
def test_not_stated_clears_a_field_the_parser_filled(field: str) -> None:
    assert field_correction("r1", field, " Not stated ", "Analyst A")["value"] == "null"


def test_clearing_the_age_clears_the_months_too() -> None:
    paired = paired_age(field_correction("r1", "child_age", "not stated", "Analyst A"))
    assert paired is not None and (paired["field"], paired["value"]) == ("child_age_months", "null")
    shown = fields_in_force(
        {"child_age": {"value": "7 weeks", "page": 1, "evidence": "a baby of seven weeks"}},
        history(("child_age", None, True)),
    )
    assert (shown["child_age"]["value"], shown["child_age"]["machine"]) == (None, "7 weeks")


def test_a_corrected_year_the_parsers_date_already_says_keeps_its_month() -> None:
    shown = fields_in_force(PARSED, history(("publication_year", 2019, True)))
    assert shown["publication_date"] == PARSED["publication_date"]  # '2019-03', not '2019'
    assert shown["publication_year"]["corrected"]["who"] == "Analyst A"
    other = fields_in_force(PARSED, history(("publication_year", 2020, True)))
    assert (other["publication_date"]["value"], other["publication_date"]["machine"]) == (
        2020,
        "2019-03",
    )


def test_the_childrens_names_are_typed_in_one_value_separated_by_commas() -> None:
    typed = field_correction("r1", "child_pseudonyms", " Child D,  Child  E ;Child D;", "A")
    assert typed["value"] == '["Child D", "Child E"]'  # tidied, each once, in the order given
    one = field_correction("r1", "child_pseudonyms", "Ashley", "A")
    assert one["value"] == '["Ashley"]'
    assert corrections.said(["Child D", "Child E"]) == "Child D, Child E"
    assert corrections.said(None) == "not stated"


def test_a_partnership_is_any_name_a_person_gives() -> None:
    typed = field_correction("r1", "partnership", "  Eastwick Children's Partnership ", "A")
    assert typed["value"] == '"Eastwick Children\'s Partnership"'


def test_cleared_names_leave_a_review_about_no_child_as_ingest_does() -> None:
    cleared = field_correction("r1", "child_pseudonyms", "not stated", "A")
    assert field_updates([cleared]) == {"child_pseudonyms": []}


def rows(partnership: str | None, children: list[str]) -> ReviewRows:
    """A review's rows as graph.schema.review_rows makes them, with no passage."""
    review = {"id": "r1", "partnership": partnership, "child_pseudonyms": children}
    by = {"id": f"partnership:{partnership.lower()}", "name": partnership} if partnership else None
    persons = [{"id": f"r1:{name}", "pseudonym": name} for name in children]
    return ReviewRows(review, [], [], [], {}, by, persons, [])


def test_a_reingested_review_is_by_the_partnership_and_about_the_children_in_force() -> None:
    written = rows("Westmoor Partnership", ["Child Q"])
    apply_corrections(
        written,
        [],
        [
            field_correction("r1", "partnership", "Eastmoor  Partnership", "A"),
            field_correction("r1", "child_pseudonyms", "Child R, Child S", "A"),
        ],
    )
    assert (written.review["partnership"], written.review["child_pseudonyms"]) == (
        "Eastmoor  Partnership",
        ["Child R", "Child S"],
    )
    assert written.partnership == {
        "id": "partnership:eastmoor partnership",
        "name": "Eastmoor  Partnership",
    }
    assert written.persons == [
        {"id": "r1:Child R", "pseudonym": "Child R"},
        {"id": "r1:Child S", "pseudonym": "Child S"},
    ]
    cleared = rows("Westmoor Partnership", ["Child Q"])
    apply_corrections(
        cleared,
        [],
        [
            field_correction("r1", "partnership", "not stated", "A"),
            field_correction("r1", "child_pseudonyms", "not stated", "A"),
        ],
    )
    assert (cleared.partnership, cleared.persons, cleared.review["child_pseudonyms"]) == (
        None,
        [],
        [],
    )
    untouched = rows("Westmoor Partnership", ["Child Q"])
    apply_corrections(untouched, [], [field_correction("r1", "outcome", "died", "A")])
    assert untouched.partnership == rows("Westmoor Partnership", []).partnership
    assert untouched.persons == [{"id": "r1:Child Q", "pseudonym": "Child Q"}]


def test_corrected_names_and_partnerships_are_written_again_in_kuzu() -> None:
    """Kùzu 0.11.3 could leave a text column set in place unreadable (see KuzuStore
    .correct_field): the partnership, the children's names and the quotes' copy of the
    partnership are written again like the title."""
    updates = field_updates(
        [
            field_correction("r1", "partnership", "Eastmoor Partnership", "A"),
            field_correction("r1", "child_pseudonyms", "Child R", "A"),
        ]
    )
    statements = kuzu_queries.rewrite_strings(updates, ["partnership"])
    assert statements == [
        "MATCH (x:Review) SET x.partnership = x.partnership, "
        "x.child_pseudonyms = x.child_pseudonyms",
        "MATCH (x:Quote) SET x.partnership = x.partnership",
        "MATCH (x:Partnership) SET x.name = x.name",  # a correction renames the node
    ]
    assert kuzu_queries.rewrite_strings({"outcome": "died"}, []) == [  # no partnership named
        "MATCH (x:Review) SET x.outcome = x.outcome"
    ]


def test_the_quotes_text_copies_are_the_quote_copies_of_text_fields() -> None:
    copies = set(QUOTE_COPIES.values())
    assert copies >= kuzu_queries.QUOTE_TEXT_COPIES
    assert copies - kuzu_queries.QUOTE_TEXT_COPIES == {"year"}  # a number needs no rewriting


def test_a_choice_is_taken_however_it_is_typed() -> None:
    def value(name: str, typed: str) -> object:
        return json.loads(field_correction("r1", name, typed, "Analyst A")["value"])

    assert value("child_sex", "Female") == "female"
    assert value("outcome", "Serious harm") == "serious_harm"
    assert value("review_type", "Serious case review") == "serious_case_review"
    assert value("review_type", "LCSPR") == "lcspr"
    with pytest.raises(ValueError, match="child_sex must be one of female, male"):
        field_correction("r1", "child_sex", "girl", "Analyst A")
