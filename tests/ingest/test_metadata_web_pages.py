"""Real reviews also reach us as web pages about one review (a board's news item, a local
paper's report) and as covers run together by hosting sites. Patterns reproduced in our own
words: headlines over prose, prose that is never a title, reports 'into' something under
the kind of review, run-together covers cut at their contents list."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.types import ReviewMetadata


def meta(text: str, name: str = "page.txt") -> ReviewMetadata:
    return parse_document(Path(name), text.encode()).metadata


PARAGRAPH = (
    "A review published by the local partnership this week looked at how nurses, police "
    "officers and social workers shared what they knew about the family in the months before, "
    "and it makes six recommendations for the agencies involved."
)


def test_a_news_headline_over_its_first_paragraph_is_the_title() -> None:
    found = meta(
        "Council services missed warning signs before toddler was hurt\n\n- Published\n\n"
        f"{PARAGRAPH}\n\nThe review said staff changed often, but it did not blame one person.\n"
    )
    assert found.value("title") == "Council services missed warning signs before toddler was hurt"


def test_prose_is_never_the_title() -> None:
    found = meta(
        f"{PARAGRAPH}\n\nThe review said that records were kept in three separate systems and "
        "that nobody had read all of them before the case conference in the spring\n"
    )
    assert found.value("title") is None


def test_a_heading_after_the_first_paragraph_is_not_the_title() -> None:
    found = meta(f"{PARAGRAPH}\n\nSerious case reviews\n\nThe reviews look at what went wrong.\n")
    assert found.value("title") is None


def test_a_report_into_something_carries_the_title_on() -> None:
    found = meta(
        "ASHDOWN COMMUNITY SAFETY PARTNERSHIP\n\nDOMESTIC HOMICIDE REVIEW\n\n"
        "Overview Report into the death of RT\n\nIndependent Chair: Pat Ogundipe\n\n"
        "1. Introduction\n"
    )
    assert found.value("title") == "DOMESTIC HOMICIDE REVIEW Overview Report into the death of RT"


def test_a_run_together_cover_is_cut_at_its_contents_list() -> None:
    found = meta(
        "Fenmoor Safeguarding Children Board SERIOUS CASE REVIEW Child P, Child Q "
        "Final report for publication CONTENTS 1. Introduction 1.1 Why we reviewed Page 2 "
        "2. What happened Page 4 3. Findings Page 9 1. INTRODUCTION 1.1 In the spring of "
        "the year the police told the board that two girls had been harmed by adults they "
        "met online, and the board agreed to review how agencies had worked together.\n"
    )
    assert found.value("title") == "SERIOUS CASE REVIEW Child P, Child Q"
    assert found.value("review_type") == "serious_case_review"
    assert found.value("partnership") == "Fenmoor Safeguarding Children Board"


def test_a_board_name_with_its_initials_stays_in_a_headline() -> None:
    found = meta(
        "Westmarsh Safeguarding Children Board (WSCB) – Serious case review\n\n"
        "The board has published the report of a serious case review about a boy of nine.\n"
    )
    assert found.value("title") == (
        "Westmarsh Safeguarding Children Board (WSCB) – Serious case review"
    )


def test_a_hosting_sites_transcript_of_line_starts_the_document() -> None:
    found = meta(
        "Baby K Serious Case Review And\n\nPreparing to load PDF file. please wait...\n\n"
        "0 of 0\n\n100%\n\nTranscript Of Baby K Serious Case Review And\n\n"
        "BABY K SERIOUS CASE REVIEW\n\nReport into the injuries to Baby K\n\n"
        "Independent Reviewer: Dana Whitlow\n"
    )
    assert found.value("title") == "BABY K SERIOUS CASE REVIEW Report into the injuries to Baby K"
