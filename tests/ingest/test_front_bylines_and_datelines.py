"""The review's identity on new real openings, in our own words: news pages with a reporter's
byline or a stored page's dateline, board pages that say when they were posted, authors
introduced in a sentence, and an organisation's name that is no author."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

# --- the author named in a sentence ---------------------------------------------------------


def test_a_report_independently_authored_by_a_named_person() -> None:
    found = meta(
        "Northvale board publishes review into death of Child P\n"
        "The board has published its serious case review. The 40 page report was "
        "independently authored by Harriet Penrose OBE, a former director of children's "
        "services, and covers the years 2015 to 2019.\n"
    )
    assert found.value("author") == "Harriet Penrose"


def test_a_lead_author_named_after_a_comma() -> None:
    found = meta(
        "Serious Case Review Report – Child Q – Eastmoor LSCB\n"
        "A panel planned the review. The panel was chaired by Tom Avery and the lead review "
        "report author, Gwen Marlowe (an independent social worker), wrote this report.\n"
    )
    assert found.value("author") == "Gwen Marlowe"


def test_a_word_that_only_begins_with_author_is_no_author_label() -> None:
    found = meta(
        "Serious Case Review Report – Child Q – Eastmoor LSCB\n"
        "Representatives of the local authority children's services, the police and the "
        "health services sat on the panel that planned this review.\n"
    )
    assert found.value("author") is None
    labelled = meta(
        "Serious Case Review Report – Child Q – Eastmoor LSCB\n"
        "Author: Gwen Marlowe\n"
        "Representatives of the police and the health services sat on the panel that planned "
        "this review.\n"
    )
    assert labelled.value("author") == "Gwen Marlowe"


def test_a_report_by_a_partnership_has_no_author() -> None:
    found = meta(
        "A little girl died weeks after a meeting found her home had not improved.\n"
        "The report by West Dale Safeguarding Children Partnership says the family had "
        "moved into the area shortly before her birth.\n"
    )
    assert found.value("author") is None
    by_a_person = meta(
        "A little girl died weeks after a meeting found her home had not improved.\n"
        "The report, independently authored by Gwen Marlowe, says the family had moved into "
        "the area shortly before her birth.\n"
    )
    assert by_a_person.value("author") == "Gwen Marlowe"


# --- a news page's byline and dateline --------------------------------------------------------


def test_a_reporters_byline_is_the_date_not_the_headline() -> None:
    found = meta(
        "Peter Quill 14 February 2023\n"
        "Council sorry for missed chances to protect baby\n"
        "Westmoor Council has apologised after a review found that a ten-month-old boy "
        "was not seen by a social worker in the weeks before he died last year.\n"
    )
    assert found.value("title") == "Council sorry for missed chances to protect baby"
    assert found.value("publication_date") == "2023-02-14"


def test_a_stored_pages_dateline_is_neither_title_nor_caption() -> None:
    found = meta(
        "date 2018-09-03 The girl was cared for by a relative. Credit: Family photo\n"
        "A review into the death of a toddler has found that more checks by the council "
        "might have prevented the harm she suffered over several months.\n"
    )
    assert found.value("title") is None
    assert found.value("publication_date") == "2018-09-03"


def test_a_members_long_question_is_no_headline() -> None:
    found = meta(
        "Will the Minister make a statement on whether the terms of reference of the review "
        "of the safeguarding board in the east will be published before it ends?\n"
        "I said when we met last month that I could see no reason why the terms of "
        "reference should not be published now that the review is well advanced.\n"
    )
    assert found.value("title") is None
    headed = meta(
        "Terms of reference for board review to be published\n"
        "I said when we met last month that I could see no reason why the terms of "
        "reference should not be published now that the review is well advanced.\n"
    )
    assert headed.value("title") == "Terms of reference for board review to be published"


# --- a board page's posting date ---------------------------------------------------------------


def test_a_board_page_posted_on_a_day() -> None:
    found = meta(
        "Published Practice Reviews\n"
        "The board must hold a practice review when a child dies and abuse is suspected.\n"
        "CPR NVSB 04-2022 Final Report\n"
        "Posted on Tuesday 12th March 2024\n"
    )
    assert found.value("publication_date") == "2024-03-12"


def test_a_news_item_posted_with_a_colon() -> None:
    found = meta(
        "Baby death review finds missed chances\n"
        "Posted: 9th June 2021\n"
        "A review into the death of a baby in Northvale has found chances were missed.\n"
    )
    assert found.value("publication_date") == "2021-06-09"


def test_a_hosting_sites_upload_date_is_still_not_the_date() -> None:
    found = meta(
        "Serious Case Review Child T\n"
        "Post on 12-Mar-2021\n"
        "Serious Case Review Child T Overview Report\n"
    )
    assert found.value("publication_date") is None
    stated = meta(
        "Serious Case Review Child T\n"
        "Publication date: 12th March 2021\n"
        "Serious Case Review Child T Overview Report\n"
    )
    assert stated.value("publication_date") == "2021-03-12"


# --- the publisher after a person quoted in the story ---------------------------------------


def test_a_spokesperson_named_before_the_partnership_is_not_part_of_its_name() -> None:
    found = meta(
        "Toddler's death: council says sorry for missed chances\n"
        "A review found that the care given to the boy fell short in several ways.\n"
        "Dana Whitlow, the Westmoor Safeguarding Children Partnership's independent chair, "
        "said more could have been done to keep him safe.\n"
    )
    assert found.value("partnership") == "Westmoor Safeguarding Children Partnership"


def test_a_regional_board_with_no_place_is_no_publisher() -> None:
    found = meta(
        "Minutes:\n"
        "The head of service introduced a report on the latest child practice review in the "
        "county. The purpose of the reviews is to promote learning in local areas. The "
        "Regional Safeguarding Children's Board is responsible for making sure that reviews "
        "are carried out well.\n"
    )
    assert found.value("partnership") is None
    placed = meta(
        "Minutes:\n"
        "The head of service introduced a report on the latest child practice review, "
        "commissioned by the Northvale Regional Safeguarding Children's Board.\n"
    )
    assert placed.value("partnership") == "Northvale Regional Safeguarding Children's Board"


# --- a board page headed by the plural that names one review -----------------------------------


def test_a_board_page_on_reviews_that_announces_one_childs_review() -> None:
    found = meta(
        "Child Safeguarding Practice Reviews\n"
        "Our LCSPR 'Child Rowan' was published in March 2024. The chair of the Westmoor "
        "Safeguarding Children Partnership thanked everyone who took part.\n"
        "Reviews are a statutory duty of the partnership.\n"
    )
    assert found.value("review_type") == "lcspr"


def test_a_page_on_reviews_naming_two_children_stays_thematic() -> None:
    found = meta(
        "Child Safeguarding Practice Reviews\n"
        "Learning from 'Child Rowan' and 'Child Ivy' is summarised below for practitioners.\n"
    )
    assert found.value("review_type") == "thematic_review"
