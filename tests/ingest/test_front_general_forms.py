"""The review's identity read by general mechanisms rather than one layout each, in our own
words: a web page's controls and link trails by family, page furniture above a headline
passed over, a numbered section heading that is no title, prose before a board's name, a
date labelled as another event's, a dateline with its day and time, an author's role and grade
around the name, a board by its place and initials, a line of prose that is no headline, a
child's label or an area that is no author, the board said to publish first."""

from __future__ import annotations

import pytest

from ingest.front.lines import is_control
from tests.ingest.metadata_fixture import meta

_STORY = (
    "Missed chances to protect toddler, Eastmere review finds\n"
    "A review into the care of a two-year-old boy in Eastmere has found that several agencies "
    "did not share what they knew about his home, and that his mother's worries were not "
    "followed up by the services that saw her over the following months.\n"
    "The Eastmere Safeguarding Children Partnership said it accepted every recommendation.\n"
)
_HEADLINE = "Missed chances to protect toddler, Eastmere review finds"


# --- a web page's own controls, by family --------------------------------------------------------


@pytest.mark.parametrize(
    "control",
    [
        "Home > News > Reviews",
        "Home / Safeguarding / Case reviews",
        "You are here: Home / News",
        "Back to news",
        "Return to Serious Case Reviews",
        "Leave this site quickly",
        "Quick exit",
        "Share this page",
        "Print this article",
        "Search this site",
        "Follow us on social media",
        "Accept all cookies",
        "Sign in",
        "Show more",
        "1.2k views | 40 shares",
    ],
)
def test_a_web_page_control_over_the_headline_is_not_the_title(control: str) -> None:
    assert is_control(control)
    assert meta(f"{control}\n{_STORY}").value("title") == _HEADLINE


@pytest.mark.parametrize(
    "heading",
    [
        "Back to basics: what reviews of neglect tell us",
        "Share the learning from reviews",
        "Home alone: three reviews of young carers",
        "Signs of harm at the school gate",
        "Search for missing teenager ends as review begins",
        "Back to nursery after the summer",
        "Return to a grandmother’s care",
    ],
)
def test_a_title_that_opens_like_a_control_is_kept(heading: str) -> None:
    assert meta(f"{heading}\n{_BODY}").value("title") == heading


# --- furniture a page prints above its headline ---------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Latest news",
        "Download report (PDF)",
        "Last updated 3 May 2022",
        "By Jo Bloggs, Health Reporter",
        "Reading time: 4 minutes",
    ],
)
def test_page_furniture_above_the_headline_is_passed_over(furniture: str) -> None:
    assert meta(f"{furniture}\n{_STORY}").value("title") == _HEADLINE


def test_a_mix_of_site_furniture_above_a_headline_is_passed_over() -> None:
    headline = "Sisters were failed by agencies over six years, says review"
    found = meta(
        "Westmoor Courier\n"
        "Listen live\n"
        "Light rain\n12°C\n"
        "Updated 3 May 2021\n"
        f"{headline}\n"
        "Photo: library picture\n"
        "Each service that met three sisters in Westmoor held only one piece of the puzzle, "
        "and nobody put the pieces together while the girls went hungry at home, the council "
        "has been told.\n"
    )
    assert found.value("title") == headline


# --- a line of the page's prose is no headline ----------------------------------------------------

_BODY = (
    "A review into the care of a two-year-old boy in Eastmere has found that several agencies "
    "did not share what they knew about his home, and that his mother's worries were not "
    "followed up by anyone at all.\n"
)


@pytest.mark.parametrize(
    "prose",
    [
        "The Eastmere partnership carried out a review of the care given to Robin in",
        "This briefing sets out learning for health visitors across the county",
        "We commissioned this review after Robin was hurt at home in 2019",
        "Our board publishes reviews so that everyone can learn from them",
        "To seek the board's approval of the action plan after the review",
    ],
)
def test_a_line_of_prose_opening_the_page_is_no_title(prose: str) -> None:
    assert meta(f"{prose}\n{_BODY}").value("title") is None


@pytest.mark.parametrize(
    "headline",
    [
        "We must talk about bruising in babies: a thematic review",
        "Our families, our duty: lessons from six local reviews",
    ],
)
def test_a_headline_in_two_parts_about_a_colon_is_a_title_though_it_says_we(
    headline: str,
) -> None:
    assert meta(f"Home > Reviews\n{headline}\n{_BODY}").value("title") == headline


def test_a_cover_title_broken_on_a_small_word_is_still_the_title() -> None:
    found = meta(
        "The Overview Report of a Serious Case Review into the\n"
        "Circumstances of Child Robin\n"
        "March 2019\n"
        "1. Introduction\n"
        "1.1 This review looks at the help given to Robin and his mother over the two years "
        "before he was hurt at home, and at what each service knew of the risks he faced.\n"
    )
    assert found.value("title") == (
        "The Overview Report of a Serious Case Review into the Circumstances of Child Robin"
    )


def test_an_agenda_items_purpose_gives_way_to_the_review_it_names() -> None:
    found = meta(
        "Scrutiny Panel, 4 May\n"
        "Purpose of report: to advise councillors on work done since the Serious Case Review\n"
        "Serious Case Review\n"
        "1. The partnership published the review of the care given to a baby boy in March, and "
        "this report sets out what each agency has changed since the review was published.\n"
    )
    assert found.value("title") == "Serious Case Review"


# --- a numbered section heading -------------------------------------------------------------


def test_a_numbered_section_heading_is_no_title() -> None:
    found = meta(
        "Lessons from our reviews\n"
        "Go back to the reviews page\n"
        "An overview of the matters raised by eleven reviews held in Northvale over four years.\n"
        "1. Background\n"
        "2. What this report is for\n"
        "3. How the reviews were chosen\n"
    )
    assert found.value("title") == "Lessons from our reviews"


@pytest.mark.parametrize("heading", ["Contents", "CONTENTS", "Introduction", "Foreword"])
@pytest.mark.parametrize("child", ["Child Wren", "Young Person Kit", "The Marsh Family"])
def test_the_first_section_heading_under_a_cover_is_no_part_of_the_title(
    heading: str, child: str
) -> None:
    found = meta(
        f"Local Child Safeguarding Practice Review\n{child}\n{heading}\n"
        "1. Why this review was held\n"
        "1.1 This review looks at the help given to the child and the family over the two "
        "years before the harm, and at what each service knew of the risks at the time.\n"
    )
    assert found.value("title") == f"Local Child Safeguarding Practice Review {child}"


# --- prose before a board's name ------------------------------------------------------------------

_NEWS = (
    "Review into baby's death published\n{line}\n"
    "The review looked at the care given to a baby girl and her parents in the months before "
    "she died, and found that the health visitor and the hospital had not spoken to each other.\n"
)


@pytest.mark.parametrize(
    ("line", "board"),
    [
        (
            "Today, Eastmere and Westvale Safeguarding Children Partnership set out its findings.",
            "Eastmere and Westvale Safeguarding Children Partnership",
        ),
        (
            "On Monday, Eastmere Safeguarding Children Partnership released the review.",
            "Eastmere Safeguarding Children Partnership",
        ),
        (
            "However, Eastmere Safeguarding Children Partnership said no one agency was to blame.",
            "Eastmere Safeguarding Children Partnership",
        ),
        (
            "Jo Bloggs, Eastmere Safeguarding Children Partnership chair, said much had changed.",
            "Eastmere Safeguarding Children Partnership",
        ),
        (
            "Speaking for the Eastmere Safeguarding Children Partnership, Al Khan said sorry.",
            "Eastmere Safeguarding Children Partnership",
        ),
        # places listed before the body stay in its name
        (
            "Aston, Bede and Cole Safeguarding Children Board released the review.",
            "Aston, Bede and Cole Safeguarding Children Board",
        ),
        # areas of two or three words each, listed before the body, stay in its name too
        (
            "Upper Aston Borough, Bede Vale and Cole Safeguarding Children Partnership released "
            "the review.",
            "Upper Aston Borough, Bede Vale and Cole Safeguarding Children Partnership",
        ),
        (
            "The review was released by the Aston & Bede, Cole & Dunmore and Fenwick "
            "Safeguarding Children Partnership.",
            "Aston & Bede, Cole & Dunmore and Fenwick Safeguarding Children Partnership",
        ),
        (
            "Aston and Upper Bede Vale, Cole and Dunmore Safeguarding Children Partnership "
            "released the review.",
            "Aston and Upper Bede Vale, Cole and Dunmore Safeguarding Children Partnership",
        ),
        # a person whose role follows the name of a board of several areas
        (
            "Jo Bloggs, Eastmere and Westvale Safeguarding Children Partnership chair, said sorry.",
            "Eastmere and Westvale Safeguarding Children Partnership",
        ),
    ],
)
def test_prose_before_a_boards_name_is_no_part_of_it(line: str, board: str) -> None:
    assert meta(_NEWS.format(line=line)).value("partnership") == board


def test_a_cover_board_of_several_areas_keeps_every_area() -> None:
    board = "Upper Aston Borough, Bede Vale and Cole Safeguarding Children Partnership"
    found = meta(
        f"{board}\nLocal Child Safeguarding Practice Review\nChild Wren\nMay 2022\n"
        "1. Why this review was held\n"
        "1.1 This review looks at the help given to the child and the family over the two "
        "years before the harm, and at what each service knew of the risks at the time.\n"
    )
    assert found.value("partnership") == board


# --- a labelled date of something else ------------------------------------------------------------

_COVER = (
    "Eastmere Safeguarding Children Partnership\n"
    "Serious Case Review\n"
    "Child Robin\n"
    "{line}\n"
    "Contents\n"
    "1. Introduction 3\n"
    "1. Introduction\n"
    "1.1 This review looks at the help given to Robin and his mother over the two years "
    "before he was hurt at home, and at what each service knew of the risks he faced.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Meeting date: 4 April 2022",
        "Incident date: 4 April 2019",
        "Panel date: 4 April 2021",
        "Next review date: April 2024",
        "Date of next review: April 2024",
    ],
)
def test_a_date_labelled_as_another_events_is_no_publication_date(line: str) -> None:
    assert meta(_COVER.format(line=line)).value("publication_date") is None


@pytest.mark.parametrize(
    ("line", "date"),
    [("Date: 4 April 2022", "2022-04-04"), ("Publication date: April 2022", "2022-04")],
)
def test_a_bare_or_publication_date_label_still_dates_the_review(line: str, date: str) -> None:
    assert meta(_COVER.format(line=line)).value("publication_date") == date


@pytest.mark.parametrize(
    "heading",
    [
        "Safeguarding Review Panel yearly summary June 2022",
        "Lessons for the next year: the review of Child Wren, June 2022",
        "Westvale Review Panel   Date: June 2022",
        "Notes for panel members and partners June 2022",
    ],
)
def test_a_heading_naming_a_panel_or_the_next_year_still_dates_the_review(heading: str) -> None:
    found = meta(
        f"{heading}\n"
        "1. Why this review was held\n"
        "1.1 The partnership asked what each agency knew about the risks to the children in "
        "the family, and whether the help they were given over three years was enough.\n"
    )
    assert found.value("publication_date") == "2022-06"


# --- a web page's dateline, in any of the usual forms ---------------------------------------------


@pytest.mark.parametrize(
    "dateline",
    [
        "Posted 4th April 2022 by Jo Bloggs",
        "Mon 4 Apr 2022 10.15 BST",
        "April 4, 2022 at 10:15 am",
        "Thurs 4 April 2022, 09:30 GMT",
    ],
)
@pytest.mark.parametrize("above", [True, False])
def test_a_dateline_with_its_day_and_time_dates_the_page(dateline: str, above: bool) -> None:
    headline, rest = _STORY.split("\n", 1)
    text = f"{dateline}\n{headline}\n{rest}" if above else f"{headline}\n{dateline}\n{rest}"
    assert meta(text).value("publication_date") == "2022-04-04"


# --- an author's role and grade around the name -----------------------------------------------

# the same cover, with the reviewer's credit and a plain date in the labelled line's place
_AUTHOR_COVER = _COVER.replace("{line}", "{credit}\nMarch 2019")


@pytest.mark.parametrize(
    ("credit", "author"),
    [
        ("Jo Bloggs, Accredited Lead Reviewer", "Jo Bloggs"),
        ("Jo Bloggs MSc Accredited NWRB Lead Reviewer", "Jo Bloggs"),
        ("Jo Bloggs & Al Khan, Independent Reviewers", "Jo Bloggs and Al Khan"),
        ("Ann Lee, Bo Tran and Cy Dunn, Lead Reviewers", "Ann Lee and Bo Tran and Cy Dunn"),
        ("Jo Bloggs\nIndependent Safeguarding Consultant", "Jo Bloggs"),
        ("Dr Jo Bloggs\nIndependent Reviewer and Author", "Dr Jo Bloggs"),
        ("Jo Bloggs BA (Hons)\nSenior Lead Reviewer", "Jo Bloggs"),
    ],
)
def test_the_author_without_the_roles_grade_or_body(credit: str, author: str) -> None:
    assert meta(_AUTHOR_COVER.format(credit=credit)).value("author") == author


@pytest.mark.parametrize(
    "credit",
    [
        "Jo Bloggs, Independent Chair",
        "Jo Bloggs\nIndependent Chair",
        "Jo Bloggs\nBusiness Manager",
        "Jo Bloggs, Director of Children's Services",
        "Sam, Alex and Kit, Lead Reviewers",
    ],
)
def test_a_name_with_another_role_or_first_names_alone_is_no_author(credit: str) -> None:
    assert meta(_AUTHOR_COVER.format(credit=credit)).value("author") is None


# --- a board by its place and initials, in the initials' whole family -----------------------------


@pytest.mark.parametrize("initials", ["SCB", "LSCP", "CSCP", "SCMP", "LSCB"])
def test_a_board_by_its_place_and_initials(initials: str) -> None:
    found = meta(
        f"Eastmere {initials}\n"
        "Serious Case Review\n"
        "Child Robin\n"
        "March 2019\n"
        "1. Introduction\n"
        "1.1 This review looks at the help given to Robin and his mother over the two years "
        "before he was hurt at home, and at what each service knew of the risks he faced.\n"
    )
    assert found.value("partnership") == f"Eastmere {initials}"


# --- a child's label or a body's area over the reviewer's role is no author ----------------------


@pytest.mark.parametrize("above", ["Young Person Kit", "North Eastmere"])
def test_a_childs_label_or_an_area_over_a_role_line_is_no_author(above: str) -> None:
    found = meta(
        f"Serious Case Review\n{above}\nIndependent Reviewer\nMarch 2019\n"
        "1. Introduction\n"
        "1.1 This review was held by the North Eastmere Safeguarding Children Partnership and "
        "looks at the help given to the family over the two years before the harm.\n"
    )
    assert found.value("author") is None


def test_a_reviewer_over_the_role_line_is_still_the_author() -> None:
    found = meta(
        "Serious Case Review\nJo Bloggs\nIndependent Reviewer\nMarch 2019\n"
        "1. Introduction\n"
        "1.1 This review was held by the North Eastmere Safeguarding Children Partnership and "
        "looks at the help given to the family over the two years before the harm.\n"
    )
    assert found.value("author") == "Jo Bloggs"


# --- the board a page says published the review comes first -------------------------------------


def test_the_board_said_to_publish_beats_one_named_first_for_another_reason() -> None:
    found = meta(
        "Review into baby's death published\n"
        "Jo Bloggs, who chairs Westvale Safeguarding Children Board, said the Eastmere review held "
        "lessons for every area.\n"
        "The review was published by Eastmere Safeguarding Children Partnership on Monday.\n"
    )
    assert found.value("partnership") == "Eastmere Safeguarding Children Partnership"


def test_a_board_said_to_commission_jointly_keeps_its_partner() -> None:
    found = meta(
        "Serious Case Review\n"
        "Child Robin\n"
        "Before the move the family lived in Westvale, and Westvale Safeguarding Children "
        "Board knew them.\n"
        "The review was commissioned by Eastmere Safeguarding Children Partnership together "
        "with the Eastmere Safeguarding Adults Board.\n"
    )
    assert found.value("partnership") == (
        "Eastmere Safeguarding Children Partnership; Eastmere Safeguarding Adults Board"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "1.1 Work on the review began in 2018, when it was commissioned by Eastmere Local "
        "Safeguarding Children Board; the partnership took it over a year later.",
        "1.1 An earlier review of an older brother was commissioned by Westvale Safeguarding "
        "Children Board while the family still lived in that county.",
    ],
)
def test_the_board_alone_on_the_cover_beats_a_board_a_sentence_says_commissioned(
    sentence: str,
) -> None:
    found = meta(
        "Eastmere Safeguarding Children Partnership\nLocal Child Safeguarding Practice Review\n"
        f"Child Wren\nMay 2022\n1. Why this review was held\n{sentence}\n"
    )
    assert found.value("partnership") == "Eastmere Safeguarding Children Partnership"
