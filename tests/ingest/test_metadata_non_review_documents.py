"""Documents that are no case review (guidance, factsheets, flowcharts) and the false metadata
they used to get, in our own words: a keyword before a topic taken for a child's name, a
statement in large print taken for the title, a charity's two-part name cut into a publisher.
And the same mechanisms left working on reviews."""

from __future__ import annotations

import pytest

from ingest.front import front_lines, reads_as_sentence
from ingest.metadata import extract_metadata
from ingest.pdf import read_pdf
from ingest.types import Line, Page, ReviewMetadata
from tests.conftest import shared_path
from tests.ingest.metadata_fixture import meta

# --- 'Child' or 'Baby' before a topic is no pseudonym ------------------------------------------


@pytest.mark.parametrize(
    "topic", ["Exploitation", "Mortality", "Poverty", "Neglect", "Welfare", "Death", "Wellbeing"]
)
def test_a_keyword_before_a_topic_is_no_childs_name(topic: str) -> None:
    found = meta(
        "Serious Case Review\n\n"
        "Eastmere Safeguarding Children Partnership\n\n"
        f"1. Child R was known to the Child {topic} Team before the incident in 2019.\n"
        f"2. The Child {topic} Team met twice about Child R and shared notes with the school.\n"
        "3. Child R was fourteen years old when she was found at a house in the town.\n"
    )
    assert found.value("child_pseudonyms") == ["Child R"]


def test_a_baby_before_a_topic_is_no_childs_name() -> None:
    found = meta(
        "Learning Review\n\nWestbrook Safeguarding Partnership\n\n"
        "The Baby Mortality Group looked at every case in the area over two years.\n"
        "The Baby Mortality Group then wrote to each team about safe sleeping.\n"
        "A member of the Baby Mortality Group chaired the first meeting.\n"
        "Baby T was six weeks old when she died at home.\n"
        "Baby T had been seen by the health visitor the week before.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby T"]


def test_a_first_name_after_the_keyword_is_still_the_childs() -> None:
    found = meta(
        "Serious Case Review\n\nEastmere Safeguarding Children Partnership\n\n"
        "1. Child Tobin lived with his grandmother from the age of three.\n"
        "2. Child Tobin was twelve when he was first reported missing from school.\n"
    )
    assert found.value("child_pseudonyms") == ["Child Tobin"]


# --- guidance is about no child ----------------------------------------------------------------


def _sized(*lines: tuple[str, float, bool]) -> Page:
    return Page(
        1,
        [
            Line(text, y=800 - 20 * i, size=size, bold=bold)
            for i, (text, size, bold) in enumerate(lines)
        ],
        height=842,
    )


def test_guidance_named_below_its_title_gets_no_child_fields() -> None:
    page = _sized(
        ("Keeping Young Runaways Safe", 24, True),
        ("Northvale multi-agency protocol", 14, False),
        (
            "When a young person goes missing, the first worker to know calls the duty team.",
            11,
            False,
        ),
        ("The Child Participation Lead then asks the young person what they need.", 11, False),
        (
            "A girl aged 14 who is missing overnight is always seen by a worker on her return.",
            11,
            False,
        ),
        ("The Child Participation Lead keeps a note of what each young person said.", 11, False),
    )
    found = extract_metadata([page])
    assert found.value("title") == "Keeping Young Runaways Safe"
    assert found.value("review_type") == "guidance"
    assert found.child_pseudonyms is None
    assert found.child_age is None and found.child_sex is None


# --- a statement is no title ------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Any worry about a young person going missing must be shared with the duty team the "
        "same day",
        "Every injury seen on a baby who is not yet crawling should be referred to a "
        "paediatrician for checks",
    ],
)
def test_a_statement_in_large_print_gives_way_to_the_heading_below_it(statement: str) -> None:
    page = _sized(
        (statement, 18, True),
        ("RESPONDING WHEN A CHILD GOES MISSING", 14, True),
        ("Workers from every agency use this chart to decide what to do next.", 11, False),
        ("Each box says who acts, and how quickly they should act.", 11, False),
        ("The chart is read from the top down, one box at a time.", 11, False),
    )
    found = extract_metadata([page])
    assert found.value("title") == "RESPONDING WHEN A CHILD GOES MISSING"


def test_a_statement_in_large_print_with_no_heading_is_no_title() -> None:
    statement = "Any worry about a young person going missing must be shared with the duty team"
    page = _sized(
        (statement, 18, True),
        ("Workers from every agency use this chart to decide what to do next.", 11, False),
        ("Each box says who acts, and how quickly they should act.", 11, False),
    )
    assert extract_metadata([page]).value("title") != statement


@pytest.mark.parametrize(
    "title",
    [
        "Serious Case Review: Child J",
        "Children who may be hidden from view in the care of adults who misuse alcohol",
        "What should practitioners have done when the school raised concerns about Sam?",
        "Seen but not heard: how agencies could listen to disabled children in their homes",
        "Death of a baby girl in the winter of 2019 “could have been avoided” for the board",
    ],
)
def test_a_title_with_a_modal_verb_in_a_clause_question_or_quotation_is_kept(title: str) -> None:
    assert not reads_as_sentence(title)
    page = _sized(
        (title, 20, True),
        ("Northvale Safeguarding Children Partnership", 14, False),
        ("The review looked at what each agency knew and when it knew it.", 11, False),
    )
    assert extract_metadata([page]).value("title") == title


@pytest.mark.parametrize(
    "title",
    [
        "How schools and health visitors can share what they know about a family in time",
        "What every duty social worker should ask when a parent of a newborn misses a visit",
        "Why the warning signs around a toddler could not be pieced together by anyone",
        "Learning from the harm to an infant: how the agencies could have listened sooner",
        "Learning from the harm to an infant so that every agency can spot the signs earlier",
        "Lessons from a teenager's disappearance on how police and schools can act sooner together",
    ],
)
def test_a_title_asking_how_or_drawing_lessons_is_the_title_of_its_cover(title: str) -> None:
    assert not reads_as_sentence(title)
    page = _sized(
        (title, 22, True),
        ("Northvale Safeguarding Children Partnership", 14, False),
        ("October 2021", 14, False),
        ("The partnership asked for this report after two referrals went unanswered.", 11, False),
    )
    assert extract_metadata([page]).value("title") == title


def test_a_clause_before_a_statement_still_reads_as_one() -> None:
    assert reads_as_sentence(
        "When a young person goes missing from care, every agency must tell the duty team at once"
    )


def test_the_largest_print_of_a_cover_naming_a_kind_of_review_is_its_title() -> None:
    title = "Every agency could have done more for the baby who lived with violence in his home"
    assert reads_as_sentence(title)  # alone it reads as a statement
    page = _sized(
        (title, 22, True),
        ("A thematic review", 16, False),
        ("Northvale Safeguarding Children Partnership", 14, False),
        ("The partnership asked for this report after two referrals went unanswered.", 11, False),
    )
    assert extract_metadata([page]).value("title") == title


def test_a_statement_over_a_text_cover_is_no_title() -> None:
    found = meta(
        "All practitioners should read the learning from this review alongside the local "
        "procedures\n\n"
        "Serious Case Review: Child W\n\n"
        "Northvale Safeguarding Children Board\n\n"
        "1. Introduction\n\nChild W was nine months old when he was admitted to hospital.\n"
    )
    assert found.value("title") == "Serious Case Review: Child W"


# --- a publisher is a whole name, never a cut part of one --------------------------------------


def test_a_two_part_name_written_again_is_not_cut_into_a_publisher() -> None:
    footer = "© BrightPath 2021. Please credit BrightPath when copying this sheet."
    pages = [
        Page(
            1,
            [
                Line("BrightPath home visit checklist"),
                Line("Some notes for workers."),
                Line(footer),
            ],
        ),
        Page(2, [Line("Ask each question in turn."), Line(footer)]),
    ]
    found = extract_metadata(pages)
    assert found.value("partnership") != "Bright"
    assert "BrightPath home visit checklist" in [line.text for line in front_lines(pages)]


def test_two_cover_lines_run_together_once_are_still_split() -> None:
    page = Page(1, [Line("Northvale TeamLearning from Reviews"), Line("Spring 2020")])
    assert [line.text for line in front_lines([page])][:2] == [
        "Northvale Team",
        "Learning from Reviews",
    ]


# --- the shared public PDFs -------------------------------------------------------------------


def _public(name: str) -> ReviewMetadata:
    path = shared_path("corpora", "public-pdfs", name)
    return extract_metadata(read_pdf(path, path.read_bytes()))


@pytest.mark.parametrize(
    "name",
    [
        "Working_together_to_safeguard_children_2023_-_statutory_guidance.pdf",
        "Multi-Agency-Flowchart.pdf",
    ],
)
def test_public_guidance_names_no_child(name: str) -> None:
    assert _public(name).child_pseudonyms is None


def test_the_public_flowchart_is_titled_by_its_heading() -> None:
    found = _public("Multi-Agency-Flowchart.pdf")
    assert found.value("title") == "CONCERNS ABOUT RISK OF CHILD EXPLOITATION (CE)"


def test_the_public_checklist_names_no_cut_publisher() -> None:
    assert _public("Dash-risk-checklist-quick-start-guidance.pdf").partnership is None
