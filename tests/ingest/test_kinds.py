"""Passage and document kinds, on passages written for these tests in our own words."""

from pathlib import Path

import pytest

from ingest.kinds import document_kind, passage_kind
from ingest.pipeline import parse_document

NARRATIVE = (
    "In early March the mother took the baby, then aged seven weeks, to the walk-in centre "
    "with a swollen wrist. She said he had caught it in the cot bars. The nurse practitioner "
    "noted the injury and the family went home the same evening."
)
ANALYSIS = (
    "Practitioners did not ask who else lived in the home. Had the health visitor known about "
    "the new partner, the assessment would have looked different; this reflects a wider "
    "pattern the review found of men being invisible to services."
)
RECOMMENDATION = (
    "Recommendation 3: The partnership should ensure that midwives and health visitors record "
    "every adult living in the household, and should review within six months whether this "
    "has happened."
)
METHOD = (
    "The purpose of this review is to learn lessons and improve practice; it is not to "
    "apportion blame. The partnership commissioned an independent reviewer, who met the "
    "practitioners involved and read the agencies' chronologies."
)
CONTENTS = (
    "Smith, J. (2019) Hidden fathers. London: Example Press. Jones, K. et al (2021) Infant "
    "injury in context. www.example.org/report. Brown, A. (2018) Working with men. Patel, R. "
    "(2020) Safer sleep revisited."
)


@pytest.mark.parametrize(
    ("section", "text", "kind"),
    [
        ("Key practice episodes", NARRATIVE, "narrative"),
        (None, NARRATIVE, "narrative"),
        ("Findings", ANALYSIS, "analysis"),
        (None, ANALYSIS, "analysis"),
        ("Recommendations", RECOMMENDATION, "recommendation"),
        (None, RECOMMENDATION, "recommendation"),
        ("Introduction", METHOD, "method"),
        ("Methodology", "The reviewer spoke with six practitioners over two days.", "method"),
        (None, CONTENTS, "contents"),
        ("References", "Any text at all under the heading of a list of sources.", "contents"),
        ("Findings", "⁷ Okafor and Lane, Men in the nursery years, 2016.", "contents"),
        ("Findings", "¹⁴ Okafor A et al. Infant injuries in the home.", "contents"),
        ("Findings", "¹⁵ The families were chosen to cover every region.", "analysis"),
    ],
)
def test_passage_kinds_from_heading_and_wording(section: str | None, text: str, kind: str) -> None:
    assert passage_kind(section, text) == kind


def test_a_contents_list_is_recognised_by_its_page_numbers() -> None:
    listing = "1 Introduction 3\n2 The family 5\n3 Practice episodes 8\n4 Findings 14"
    assert passage_kind("Contents", listing) == "contents"
    assert passage_kind(None, listing) == "contents"


def test_document_kind_follows_the_review_type() -> None:
    assert document_kind("lcspr") == "case_review"
    assert document_kind("rapid_review") == "case_review"
    assert document_kind("national_review") == "thematic_review"
    assert document_kind("briefing") == "briefing"
    assert document_kind("guidance") == "guidance"
    assert document_kind(None) == "case_review"


def test_one_method_phrase_in_a_long_finding_does_not_make_it_method() -> None:
    finding = (
        "Practitioners did not link the baby's crying to the risk of injury, and nobody asked "
        "the father how he coped when the baby would not settle at night. "
        * 4
        + "A local programme on coping with crying exists and its terms of reference include "
        "reaching fathers, yet none of the men in this family was offered it."
    )
    assert passage_kind("Learning", finding) == "analysis"
    assert passage_kind(None, "These are the terms of reference agreed for the review.") == "method"


# Short documents in our own words: a note with no sign of a review, and notes each carrying
# one sign (a named child, a partnership, the word review) that keeps them case reviews.
NOT_A_REVIEW = {
    "dog.md": "# Walking the dog\n\nOur spaniel needs two walks a day and likes the park by "
    "the river. Remember to buy more biscuits for him on Friday.\n",
    "stray.txt": "Shopping list for the weekend: bread, apples, soap and a new kettle.\n",
}
STILL_REVIEWS = {
    "child.txt": "Child T was four years old when he was admitted to hospital with burns.\n",
    "partnership.txt": "Northfield Safeguarding Children Partnership\n\nA boy was found "
    "alone at home by a neighbour late one evening.\n",
    "review.txt": "This review looks at what professionals knew about a family who moved "
    "house four times in a year.\n",
}


@pytest.mark.parametrize("name", sorted(NOT_A_REVIEW))
def test_a_short_document_with_no_sign_of_a_review_is_other(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(NOT_A_REVIEW[name], encoding="utf-8")
    assert parse_document(path, path.read_bytes()).document_kind == "other"


@pytest.mark.parametrize("name", sorted(STILL_REVIEWS))
def test_any_sign_of_a_review_keeps_a_short_document_a_case_review(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text(STILL_REVIEWS[name], encoding="utf-8")
    assert parse_document(path, path.read_bytes()).document_kind == "case_review"


# How the review came about, in our own words: a partnership's notification and rapid
# review, the statutory test, a board's decision, the reasons for a thematic review.
HOW_THE_REVIEW_CAME_ABOUT = [
    "Northfield Safeguarding Children Partnership notified the national Child Safeguarding "
    "Practice Review Panel of the incident in May and held a rapid review in early June. The "
    "safeguarding partners agreed that the criteria for a local child safeguarding practice "
    "review were met, and the Panel endorsed that decision.",
    "In the spring the chair of the Westbury Safeguarding Children Board judged that the "
    "threshold for a serious case review under Regulation 5 was reached, because neglect was "
    "suspected and there was cause for concern about how agencies had worked together.",
    "Reviews of this kind are carried out under Part 7 of the Social Services and Well-being "
    "(Wales) Act 2014. A concise child practice review must be commissioned when a child on "
    "the register has been seriously harmed and abuse is suspected.",
]


@pytest.mark.parametrize("text", HOW_THE_REVIEW_CAME_ABOUT)
def test_how_the_review_came_about_is_method(text: str) -> None:
    assert passage_kind("1. Introduction", text) == "method"
    assert passage_kind(None, text) == "method"


def test_the_reasons_for_a_thematic_review_are_method_under_their_heading() -> None:
    reasons = (
        "Each of the four incidents was considered at a rapid review and none, on its own, met "
        "the criteria for a local child safeguarding practice review. Read side by side, "
        "though, they showed the same thing: teenage mothers moving between hostels, fathers "
        "nobody had met, and health visitors who changed with every move."
    )
    assert passage_kind("Reasons for this review", reasons) == "method"


def test_a_passage_telling_the_case_stays_narrative_when_it_mentions_the_review() -> None:
    case = (
        "In late October the baby, then aged eleven weeks, was taken to hospital by ambulance "
        "after his mother found him limp in his cot. Scans showed bleeding on the brain and "
        "two healing rib fractures. His mother told the paediatrician that the father had been "
        "alone with him the evening before, and the father was arrested the same day. The "
        "partnership notified the national Panel and held a rapid review."
    )
    assert passage_kind("1. Introduction", case) == "narrative"
    assert passage_kind("Circumstances that led to this review", case) == "narrative"


def test_what_a_rapid_review_found_about_the_case_is_not_method() -> None:
    finding = (
        "The rapid review found that the girl had been reported missing eleven times in a year, "
        "that each return interview was done by a different worker, and that nobody had put "
        "together what she said about the older men who collected her from school. The "
        "partners agreed that the criteria for a review were met."
    )
    assert passage_kind("1. Introduction", finding) == "analysis"


def test_a_recommendation_about_notifying_the_panel_stays_a_recommendation() -> None:
    recommendation = (
        "Recommendation 2: The partnership should ensure that every serious incident is "
        "notified to the national Panel within five working days, and should review whether "
        "the rapid review was held on time."
    )
    assert passage_kind("Recommendations", recommendation) == "recommendation"


def test_decisions_about_the_family_are_not_decisions_about_the_review() -> None:
    case = (
        "On the same day the duty manager decided that the threshold criteria were not met and "
        "closed the referral. The mother agreed with the decision and said she would take the "
        "baby, then aged nine weeks, to the GP herself."
    )
    assert passage_kind(None, case) == "narrative"
