"""Family factors told in the narrative are attributed to the adult they are said of, not to
a child, a service or parents in general; a denied factor does not count. Fixtures are
written for these tests."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.themes import load_taxonomy
from ingest.themes.attribution import attributed, denied, said_of_adult
from ingest.themes.review_level import family_factors, named_in_document


def themes(sentence: str) -> set[str]:
    return {theme for theme, _, _ in attributed(sentence)}


def test_a_pronoun_stands_for_the_adult_named_before_it() -> None:
    sentence = (
        "In the spring the court let both boys go home to the mother, although by then "
        "her mental health had been slipping for months."
    )
    assert themes(sentence) == {"parental_mental_health"}


def test_a_factor_said_of_the_child_is_not_the_parents() -> None:
    sentence = "The father took his son to the GP twice about the boy's anxiety at night."
    assert "parental_mental_health" not in themes(sentence)
    own = "The father went to the GP twice about his anxiety at night."
    assert themes(own) == {"parental_mental_health"}


def test_parents_in_general_are_not_this_familys_adults() -> None:
    sentence = (
        "Reviews of this kind look at cases where a parent with a mental illness harmed a child."
    )
    assert themes(sentence) == set()
    this_family = "The mother in this review had a mental illness when she harmed the child."
    assert themes(this_family) == {"parental_mental_health"}


def test_a_service_named_after_children_is_nobody() -> None:
    sentence = (
        "Her stepfather was known to children's social care because of heavy drinking "
        "and his depression."
    )
    assert {"substance_misuse", "parental_mental_health"} <= themes(sentence)
    start = sentence.index("depression")
    assert said_of_adult(sentence, start, start + len("depression"))


def test_a_parents_own_time_in_care_and_hard_childhood() -> None:
    sentence = (
        "The young mother had been in foster care from the age of twelve and spoke about "
        "a chaotic childhood."
    )
    assert {"care_leavers", "parents_childhood_adversity"} <= themes(sentence)


def test_a_denied_factor_does_not_count() -> None:
    sentence = "The midwife noted that the mother did not drink alcohol during the pregnancy."
    assert denied(sentence, sentence.index("alcohol"))
    assert themes(sentence) == set()


def test_every_factor_of_a_denied_list_is_denied() -> None:
    listed = "The health visitor found no sign of the mother's depression or drinking."
    assert themes(listed) == set()
    after = "The mother's drinking and her depression were not a concern at the time."
    assert themes(after) == set()


def test_a_factor_told_after_a_contrast_or_a_new_clause_still_counts() -> None:
    contrast = "The mother had no history of drinking, but her depression was long known."
    assert themes(contrast) == {"parental_mental_health"}
    other = "The mother did not keep the appointment and her depression was getting worse."
    assert themes(other) == {"parental_mental_health"}


def test_a_passing_or_denying_sentence_names_no_family_factor() -> None:
    negatable = frozenset(t.id for t in load_taxonomy().themes if t.negatable)
    denial = "Staff found no evidence that the mother had any mental health difficulty."
    assert family_factors(denial, negatable) == set()
    assert family_factors("Her father had long struggled with his mental health.", negatable)


def test_a_review_carries_a_family_factor_told_in_its_narrative(tmp_path: Path) -> None:
    text = """Rapid Review: Baby P

Summary

Baby P was seven weeks old when she was admitted to hospital. In the months before, the
family had moved twice and her father was using drugs most days, which the health visitor
did not know.
"""
    path = tmp_path / "review.txt"
    path.write_text(text)
    document = parse_document(path, path.read_bytes())
    assert "substance_misuse" in named_in_document(load_taxonomy(), document, set())


def test_a_long_run_without_a_sentence_break_is_still_read_word_by_word() -> None:
    """A flattened table gives thousands of words with no full stop: each factor word looks back
    a bounded way (it used to rescan the whole run for every word, minutes at 16,000 chars)."""
    run = "the stepfather kept drinking and " * 500
    assert themes(run) == {"substance_misuse"}


def test_a_parents_history_of_care_is_told_of_the_parent_not_care_proceedings() -> None:
    told = "The baby's father, we learned, had a long history of foster care as a boy."
    assert "care_leavers" in themes(told)
    court = "The mother had a history of care proceedings for her older children."
    assert "care_leavers" not in themes(court)
