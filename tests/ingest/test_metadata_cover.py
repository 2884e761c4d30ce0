"""Cover and front matter of real reviews, reproduced in our own words: title blocks,
review types, publishers, authors and publication dates."""

from __future__ import annotations

from ingest.metadata import extract_metadata
from ingest.types import Line, Page, ReviewMetadata
from tests.ingest.metadata_fixture import meta


def value(found: ReviewMetadata, field: str) -> object:
    return found.value(field)


def test_title_block_over_several_capital_lines_with_the_child_below() -> None:
    found = meta(
        "Suite 4, Mill House, Tanner Road, Oakbury OB3 7QT\n\n"
        "PELLING VALE SAFEGUARDING CHILDREN BOARD\n\n"
        "SERIOUS CASE REVIEW\n\n"
        "In respect of\n\n"
        "Child F\n\n"
        "OVERVIEW REPORT\n\n"
        "Author:\n\nMarcus Oyelaran BA (Hons) MSc CQSW\n\n"
        "March 2014\n\n"
        "1. Introduction\n\nThe review began after Child F was admitted to hospital.\n"
    )
    assert value(found, "title") == "SERIOUS CASE REVIEW In respect of Child F OVERVIEW REPORT"
    assert value(found, "review_type") == "serious_case_review"
    assert value(found, "partnership") == "PELLING VALE SAFEGUARDING CHILDREN BOARD"
    assert value(found, "author") == "Marcus Oyelaran"
    assert value(found, "publication_date") == "2014-03"


def test_running_headers_and_appendix_labels_are_not_the_title() -> None:
    header = "Child Q review | Dunmore Partnership"
    found = meta(
        f"{header}\n\nAppendix 2\n\nLocal Child Safeguarding Practice Review\n\nChild Q\n\n"
        f"{header}\n\nThe review looked at help given to Child Q.\n\n{header}\n\nMore text.\n"
    )
    assert value(found, "title") == "Local Child Safeguarding Practice Review Child Q"
    assert value(found, "review_type") == "lcspr"


def test_a_hosting_sites_own_lines_give_no_title_or_date() -> None:
    found = meta(
        "serious case review child n - westfold\n\nUpload: others\n\nPost on 03-Mar-2021\n\n"
        "4 views\n\nCategory:\n\nDocuments\n\nTRANSCRIPT\n\n"
        "Serious Case Review\n\nChild N\n\nRuth Adeyemi Independent review author\n"
    )
    assert value(found, "title") == "Serious Case Review Child N"
    assert value(found, "publication_date") is None
    assert value(found, "author") == "Ruth Adeyemi"


def test_national_panel_review_has_its_type_and_publisher() -> None:
    found = meta(
        "Safe at home?\n\nLearning about babies who were hurt by a parent\n\n"
        "The Child Safeguarding Practice Review Panel\n\n© Crown copyright 2023\n\n"
        "This report looks at what happened to eleven babies.\n"
    )
    assert value(found, "review_type") == "national_review"
    assert value(found, "partnership") == "Child Safeguarding Practice Review Panel"


def test_learning_review_and_child_practice_review_types() -> None:
    learning = meta("Multi-Agency Learning Review\n\nBaby T\n\nThis review is not statutory.\n")
    welsh = meta("Concise Child Practice Review\n\nCYSUR 4/2019\n\nThe family lived in Ceredig.\n")
    assert value(learning, "review_type") == "learning_review"
    assert value(welsh, "review_type") == "child_practice_review"


def test_publisher_in_full_with_ampersand_or_only_in_a_sentence() -> None:
    split = meta(
        "Harlow & Mere Safeguarding Children’s Partnership\n\nRapid Review summary\n\nText.\n"
    )
    sentence = meta(
        "Learning Review\n\nThe review was agreed by the chair of the Eastwick Safeguarding "
        "Children Board in May 2015 after a referral from the police.\n"
    )
    two_lines = meta("Ravenmoor Borough Safeguarding\n\nChildren Board\n\nSerious Case Review\n")
    assert value(split, "partnership") == "Harlow & Mere Safeguarding Children’s Partnership"
    assert value(sentence, "partnership") == "Eastwick Safeguarding Children Board"
    assert value(two_lines, "partnership") == "Ravenmoor Borough Safeguarding Children Board"


def test_author_lines_stop_before_date_and_roles() -> None:
    dated = meta(
        "Serious Case Review\n\nPrepared by:-\n\nGwen Idris Independent Author Date: 3rd May 2012\n"
    )
    lead = meta("Serious Case Review\n\nLead Reviewer Tomasz Brandt\n\n11 June 2016\n")
    below = meta("Serious Case Review\n\nSteve Halloran\n\nIndependent Author\n\nText.\n")
    assert value(dated, "author") == "Gwen Idris"
    assert value(dated, "publication_date") == "2012-05-03"
    assert value(lead, "author") == "Tomasz Brandt"
    assert value(lead, "publication_date") == "2016-06-11"
    assert value(below, "author") == "Steve Halloran"


def test_publication_date_is_never_a_commissioning_inquest_or_letter_date() -> None:
    found = meta(
        "Thematic Review of Youth Violence\n\n"
        "The review was commissioned in January 2019.\n\n"
        "Letter from the minister, 4 February 2020\n\n"
        "The inquest concluded on 9 March 2021.\n"
    )
    assert value(found, "publication_date") is None
    published = meta(
        "Thematic Review of Youth Violence\n\n"
        "Published May 2022\n\n"
        "The review was commissioned in January 2019.\n\n"
        "The inquest concluded on 9 March 2021.\n"
    )
    assert value(published, "publication_date") == "2022-05"


def test_explicit_publication_date_wins_over_the_cover_month() -> None:
    found = meta(
        "Serious Case Review\n\nBaby K\n\nOctober 2017\n\nFinal version: 14 February 2018\n"
    )
    assert value(found, "publication_date") == "2018-02-14"


def test_a_cover_with_nothing_recognisable_gives_empty_fields() -> None:
    found = meta("Blue skies\n\nwith thanks to everyone who came.\n")
    for field in ("review_type", "partnership", "publication_date", "author"):
        assert value(found, field) is None
    recognisable = meta(
        "Serious Case Review\n\nNorthvale Safeguarding Children Board\n\nMay 2019\n\n"
        "Author: Jo Bloggs\n"
    )
    assert value(recognisable, "review_type") == "serious_case_review"
    assert value(recognisable, "partnership") == "Northvale Safeguarding Children Board"
    assert value(recognisable, "publication_date") == "2019-05"
    assert value(recognisable, "author") == "Jo Bloggs"


def test_a_welsh_cover_names_a_child_practice_review() -> None:
    found = meta(
        "Adolygiad Ymarfer Plant Estynedig\n\nPlentyn T\n\nRoedd y teulu’n byw yn y dref.\n"
    )
    assert value(found, "review_type") == "child_practice_review"
    assert value(found, "publication_date") is None


def test_authors_listed_one_a_line_under_a_label() -> None:
    found = meta(
        "Learning Review\n\nAuthors\n\n• Hana Ollerton, Head of Service\n\n"
        "• Piotr Vance, Improvement Lead\n\n1.0 Introduction\n"
    )
    assert value(found, "author") == "Hana Ollerton and Piotr Vance"


def test_a_date_closing_the_author_line_or_beside_the_board() -> None:
    with_author = meta("Serious Case Review Child W Corin Bale Independent reviewer May 2017\n")
    with_board = meta("Serious Case Review Child W\n\nEastmere Safeguarding Children Board, 2013\n")
    assert value(with_author, "publication_date") == "2017-05"
    assert value(with_board, "publication_date") == "2013"


def test_a_site_name_above_the_review_is_not_its_title() -> None:
    found = meta(
        "Learning Together Online\n\nNews for practitioners in family services\n\n"
        "Rapid Review: Child E\n\nSouthby Safeguarding Children Partnership, 2021\n\n"
        "Child E was taken to hospital with a broken arm.\n"
    )
    assert value(found, "title") == "Rapid Review: Child E"


def test_words_the_text_uses_in_lower_case_are_not_an_author() -> None:
    found = meta(
        "Knowledge Bite\n\nA short knowledge bite written by Knowledge Bite staff on what "
        "a bite of learning means.\n"
    )
    assert value(found, "author") is None
    a_person = meta(
        "Knowledge Bite\n\nA short knowledge bite written by Jo Bloggs on what a bite of "
        "learning means.\n"
    )
    assert value(a_person, "author") == "Jo Bloggs"


def test_an_author_name_in_capitals() -> None:
    found = meta("SERIOUS CASE REVIEW\n\nCHILD H\n\nAUTHOR: BRONWEN TALLIS\n\nMAY 2015\n")
    assert value(found, "author") == "Bronwen Tallis"


def test_web_post_dates_in_either_order() -> None:
    posted = meta(
        "Child T: Learning Review published\n\nDate posted: 4th June 2021The partnership has "
        "published the review.\n"
    )
    us_order = meta("Child P - Serious Case Review\n\nTuesday, October 9, 2018\n\nThe review…\n")
    assert value(posted, "publication_date") == "2021-06-04"
    assert value(us_order, "publication_date") == "2018-10-09"


def test_series_labels_and_contents_entries_are_not_titles() -> None:
    found = meta(
        "Research Report RR-311\n\nExecutive summary 4\n\n"
        "Building on what we know: an analysis of reviews of infant deaths\n\nText.\n"
    )
    assert value(found, "title") == (
        "Building on what we know: an analysis of reviews of infant deaths"
    )
    assert value(found, "review_type") == "thematic_review"


def test_copyright_holder_and_year_as_last_resort() -> None:
    found = meta(
        "Deaths in Secure Care: What Changed\n\nA report on four reviews.\n\n"
        "© Northvale Youth Trust for England, 2016\n"
    )
    assert value(found, "partnership") == "Northvale Youth Trust for England"
    assert value(found, "publication_date") == "2016"


def test_a_pdf_cover_with_the_child_two_lines_below_the_title() -> None:
    cover = Page(
        1,
        [
            Line("Serious Case Review", y=700, size=26, bold=True),
            Line("Kettlebrook Safeguarding Children Board", y=650, size=14),
            Line("Child J", y=620, size=14),
            Line("September 2013", y=500, size=12),
        ],
        height=842,
    )
    found = extract_metadata([cover])
    assert found.value("title") == "Serious Case Review: Child J"
    assert found.value("partnership") == "Kettlebrook Safeguarding Children Board"


def test_a_cover_run_together_on_one_line() -> None:
    found = meta(
        "Serious Case Review Child P and Family P Overview Report Lead Reviewer Dana Whitlow "
        "14 March 2017\n\nThe review began in 2015.\n"
    )
    assert value(found, "title") == "Serious Case Review Child P and Family P Overview Report"
    assert value(found, "author") == "Dana Whitlow"
    assert value(found, "publication_date") == "2017-03-14"


def test_a_publisher_named_with_commas() -> None:
    found = meta("Serious Case Review\n\nAston, Bede and Cole Safeguarding Children Board\n")
    assert value(found, "partnership") == "Aston, Bede and Cole Safeguarding Children Board"


def test_a_title_ending_in_a_letter_pseudonym_stops_there() -> None:
    found = meta("Rapid Review: Child A\n\nOrley Partnership. Published May 2022.\n\nBackground\n")
    assert value(found, "title") == "Rapid Review: Child A"


def test_a_quotations_introduction_is_not_a_title() -> None:
    found = meta(
        "Chair of the Child Safeguarding Practice Review Panel, Lena Morrow said:\n\n"
        "“We must listen to children.”\n"
    )
    assert value(found, "title") is None
    headed = meta(
        "Panel calls for children to be heard in every review\n\n"
        "Chair of the Child Safeguarding Practice Review Panel, Lena Morrow said:\n\n"
        "“We must listen to children.”\n"
    )
    assert value(headed, "title") == "Panel calls for children to be heard in every review"


def test_an_unlabelled_author_under_the_years_keeps_off_their_honours() -> None:
    found = meta(
        "Independent Inquiry into Missing Children in Dunholm\n\n2004 - 2015\n\nRhona Vale OBE\n"
    )
    assert value(found, "author") == "Rhona Vale"


def test_a_copy_without_its_cover_has_no_title_rather_than_its_contents_heading() -> None:
    first = Page(
        1,
        [
            Line("Contents", y=760, size=20, bold=True),
            Line("1. Introduction", y=720, size=11),
            Line("2. The family", y=700, size=11),
        ],
        height=842,
    )
    second = Page(
        2,
        [
            Line("1. Introduction", y=760, size=14, bold=True),
            Line("1.1 Child Q, a girl of three, was admitted to hospital with burns.", y=730),
            Line("Her mother's partner was later charged with cruelty to Child Q.", y=715),
        ],
        height=842,
    )
    assert extract_metadata([first, second]).value("title") is None
