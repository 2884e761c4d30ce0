from ingest.blocks import build_blocks, is_byline
from ingest.types import Line, Page


def positioned(number: int, rows: list[tuple[str, float, float, bool]]) -> Page:
    return Page(number, [Line(t, y=y, size=s, bold=b) for t, y, s, b in rows], height=842)


def body(
    texts: list[str], top: float = 700, size: float = 10
) -> list[tuple[str, float, float, bool]]:
    return [(text, top - 14 * i, size, False) for i, text in enumerate(texts)]


def test_paragraph_rebuilt_across_lines_and_pages_with_dehyphenation() -> None:
    pages = [
        positioned(
            1,
            [
                ("4. Analysis", 740, 14, True),
                *body(
                    [
                        "4.11 Agencies knew the family well over the eighteen months that the",
                        "review examined, and each held part of the picture of the risks.",
                        "The partnership has asked each of them to reflect on what they knew.",
                        "4.12 The health visitor did not ask about the mother's new part-",
                        "ner and the review found that this was a significant missed",
                    ]
                ),
            ],
        ),
        positioned(
            2,
            [
                ("opportunity to understand the risk he posed.", 760, 10, False),
                ("A new paragraph starts after a paragraph gap.", 736, 10, False),
            ],
        ),
    ]
    blocks = build_blocks(pages)
    heading, paragraph = blocks[0], blocks[2]
    assert (heading.kind, heading.text) == ("heading", "4. Analysis")
    assert paragraph.paragraph_number == "4.12"
    assert paragraph.text.startswith(
        "The health visitor did not ask about the mother's new partner and"
    )
    assert paragraph.text.endswith("missed opportunity to understand the risk he posed.")
    assert (paragraph.page_start, paragraph.page_end) == (1, 2)
    assert paragraph.page_at(paragraph.text.index("opportunity")) == 2
    assert paragraph.section == "4. Analysis"


def test_hyphen_kept_when_the_document_writes_the_word_with_one() -> None:
    blocks = build_blocks(
        [
            positioned(
                1,
                body(
                    [
                        "Risk of extra-familial harm was known to the school and the police force.",
                        "The review found that extra-",
                        "familial risks were not shared.",
                    ]
                ),
            )
        ]
    )
    assert "extra-familial risks" in blocks[-1].text


def test_footnotes_are_kept_out_of_the_body_and_markers_removed() -> None:
    rows = body(["The case met the criteria for a review.1 The panel agreed on this."])
    rows += [("1 Working Together to Safeguard Children 2018, chapter 4.", 90, 7, False)]
    blocks = build_blocks([positioned(1, rows)])
    kinds = {block.kind: block.text for block in blocks}
    assert kinds["paragraph"] == "The case met the criteria for a review. The panel agreed on this."
    assert kinds["footnote"].startswith("1 Working Together")


def test_chart_labels_become_debris_not_paragraphs() -> None:
    rows = body(["The chart shows the types of harm seen across the reviews we read."])
    rows += [
        (label, 400 - 12 * i, 9, False)
        for i, label in enumerate(["Neglect", "Physical", "Emotional", "Sexual", "TYPE OF HARM"])
    ]
    blocks = build_blocks([positioned(1, rows)])
    assert [b.kind for b in blocks] == ["paragraph", "debris"]


def test_bullets_are_list_items() -> None:
    blocks = build_blocks(
        [
            positioned(
                1,
                body(
                    [
                        "Practice points for all agencies are set out below in order.",
                        "• See the father as well as the mother at every contact.",
                        "• Share information about the men in the household.",
                    ]
                ),
            )
        ]
    )
    assert [b.kind for b in blocks] == ["paragraph", "list_item", "list_item"]


def test_plain_text_headings_and_paragraphs() -> None:
    lines = [
        Line(t)
        for t in [
            "Background",
            "",
            "The child lived with her mother.",
            "",
            "Why does it matter?",
            "",
            "Children were harmed.",
        ]
    ]
    blocks = build_blocks([Page(1, lines)])
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Background"),
        ("paragraph", "The child lived with her mother."),
        ("heading", "Why does it matter?"),
        ("paragraph", "Children were harmed."),
    ]
    assert blocks[-1].section == "Why does it matter?"


def _plain(*texts: str) -> list[Page]:
    """Plain-text lines, a blank line between each."""
    lines: list[Line] = []
    for text in texts:
        lines += [Line(text), Line("")]
    return [Page(1, lines)]


def test_a_line_introducing_a_list_is_no_section_but_a_short_label_is() -> None:
    blocks = build_blocks(
        _plain(
            "4. Working with the family",
            "Staff from the health visiting service should:",
            "- ask who else lives in the household.",
            "Practice points:",
            "- record the name of every adult in the home.",
            "One practitioner told us:",
            "- we never asked about the new partner.",
        )
    )
    headings = [block.text for block in blocks if block.kind == "heading"]
    assert headings == ["4. Working with the family", "Practice points:"]
    lead_in = next(b for b in blocks if b.text.startswith("Staff from"))
    assert lead_in.kind == "paragraph"


def test_colon_headings_in_large_type_numbered_or_marked_up_stay_headings() -> None:
    page = positioned(
        5,
        [
            ("6. Recommendations to the partnership:", 700, 14, True),
            ("6.1 The partnership should audit its plans.", 680, 10, False),
            ("Terms of reference for the review:", 650, 14, False),
            ("The review looked at two years.", 636, 10, False),
            ("4.2 Background:", 610, 10, True),
            ("The family moved often.", 596, 10, False),
            ("Voice of the child:", 570, 10, True),
            ("Her wishes were not recorded.", 556, 10, False),
        ],
    )
    headings = [b.text for b in build_blocks([page]) if b.kind == "heading"]
    assert headings == [
        "6. Recommendations to the partnership:",
        "Terms of reference for the review:",
        "4.2 Background:",
        "Voice of the child:",
    ]
    marked_up = [Line("What the partnership should now do:", bold=True), Line("Act.")]
    assert build_blocks([Page(1, marked_up)])[0].kind == "heading"


def test_a_bold_lead_in_on_a_page_is_no_heading() -> None:
    page = positioned(
        3,
        [
            ("Partners in the area must:", 700, 10, True),
            ("agree how they will work together.", 686, 10, False),
            ("Key findings:", 650, 10, True),
            ("The plan was not reviewed.", 636, 10, False),
        ],
    )
    blocks = build_blocks([page])
    assert [b.text for b in blocks if b.kind == "heading"] == ["Key findings:"]


def test_a_plain_text_note_with_a_raised_number_is_a_note_not_a_heading() -> None:
    blocks = build_blocks(
        _plain(
            "Findings",
            "The family moved three times in one year.",
            "⁷ Smith and Jones, 2016",
            "¹² Department for Education, Children in Need statistics, 2020, table 4.",
            "Agencies did not share what they knew.",
        )
    )
    kinds = [(b.kind, b.section) for b in blocks if b.text.startswith(("⁷", "¹²"))]
    assert kinds == [("note", "Findings"), ("note", "Findings")]
    assert all(b.section == "Findings" for b in blocks if b.kind == "paragraph")


def test_a_plain_text_note_runs_on_to_the_blank_line_and_starts_only_after_one() -> None:
    lines = [
        Line("Findings"),
        Line(""),
        Line("The health visitor saw the baby at home"),
        Line("² weeks later, and again in May."),
        Line(""),
        Line("³ A national review of infant injuries, which found"),
        Line("that fathers were rarely seen by health services."),
        Line(""),
        Line("The GP was not told."),
    ]
    blocks = build_blocks([Page(1, lines)])
    notes = [b.text for b in blocks if b.kind == "note"]
    assert notes == [
        "³ A national review of infant injuries, which found that fathers were rarely seen by "
        "health services."
    ]
    body = [b.text for b in blocks if b.kind == "paragraph"]
    assert body[0].startswith("The health visitor") and body[0].endswith("again in May.")


def test_a_line_of_web_addresses_is_debris_and_names_no_section() -> None:
    blocks = build_blocks(
        _plain(
            "Contact",
            "enquiries www.example-board.org.uk/contact or safeguarding@example.gov.uk",
            "The board publishes its reviews.",
        )
    )
    address = next(b for b in blocks if "www." in b.text)
    assert address.kind == "debris"
    assert blocks[-1].section == "Contact"


def test_contents_entries_are_debris_with_or_without_leaders() -> None:
    rows = [("Contents", 760, 14, True)]
    rows += body(["1. Introduction 3", "2. Background ............ 4", "3. Analysis 6"], top=730)
    rows += [("1. Introduction", 500, 14, True)]
    rows += body(["The review was commissioned by the partnership in 2019."], top=470)
    blocks = build_blocks([positioned(2, rows)])
    assert [b.kind for b in blocks] == ["heading", "debris", "heading", "paragraph"]


def _contents_page(number: int) -> Page:
    """A contents page as word processors set it: the title in bold, entries ending in their
    page number after one space (no leaders), one entry wrapped onto a second line."""
    entries = [
        "Why the partnership asked for this review 4",
        "How the review was carried out 5",
        "What did the agencies know? 6",
        "The family and the people around them 7",
        "Contacts with health, housing, the school and the voluntary",
        "sector 9",
        "Findings for the partnership 12",
        "What should change next 15",
    ]
    return positioned(number, [("Table of Contents", 780, 16, True), *body(entries, top=740)])


def test_a_contents_page_without_leaders_is_debris_and_a_cover_date_is_no_section() -> None:
    cover = positioned(
        1,
        [("Learning from Child F", 600, 30, True), ("October 2022", 200, 20, True)],
    )
    prose = [
        ("Why the partnership asked for this review", 780, 14, True),
        *body(["The partnership asked for this review after the child was hurt at home."]),
    ]
    blocks = build_blocks([cover, _contents_page(2), positioned(3, prose)])
    on_contents = [b for b in blocks if b.page_start <= 2 <= b.page_end]
    assert on_contents and {b.kind for b in on_contents} == {"debris"}
    assert all(b.section != "October 2022" for b in blocks)
    assert blocks[-1].kind == "paragraph"
    assert blocks[-1].section == "Why the partnership asked for this review"


def test_contents_whose_printed_numbers_start_after_the_cover_are_debris() -> None:
    entries = [
        "Summary of the review 1",
        "Why the review was held 2",
        "Who took part 3",
        "The child and the household 5",
        "What each agency knew about the household and when it told",
        "the others what it knew 6",
        "Where help was missed 8",
        "What the partnership will do 12",
        "Terms used in this report 15",
    ]
    contents = positioned(3, [("In this report", 780, 16, True), *body(entries, top=740)])
    prose = [
        ("Summary of the review", 780, 14, True),
        *body(["The panel met four times and read the records of every agency involved."]),
    ]
    blocks = build_blocks(
        [*(positioned(n, body(["Front matter."])) for n in (1, 2)), contents, positioned(4, prose)]
    )
    on_contents = [b for b in blocks if b.page_start == 3]
    assert on_contents and {b.kind for b in on_contents} == {"debris"}
    assert blocks[-1].section == "Summary of the review"


def test_a_page_of_prose_whose_lines_end_in_numbers_is_not_contents() -> None:
    lines = [
        "The family moved house 3",  # a number here and there: not most of the lines
        "times in the year before the review, which the school did not know about.",
        "The health visitor saw the baby at 6",
        "weeks and again at 10 weeks, and nothing was said about the new partner.",
        "The police were called to the flat twice in the spring and once in the summer.",
    ]
    blocks = build_blocks([positioned(4, body(lines))])
    assert {b.kind for b in blocks} == {"paragraph"}
    assert "moved house 3 times" in blocks[0].text


def test_a_table_caption_is_no_section_and_table_rows_are_debris() -> None:
    rows = [
        ("3. What happened", 780, 14, True),
        *body(["The table below sets out the contacts that matter most to the review."]),
        ("Table 2: Contacts with the family, spring to autumn", 660, 9, True),
        ("When", 640, 8.5, True),
        ("Who", 640, 8.5, True),
        ("What was done", 640, 8.5, True),
        ("3 May", 624, 8.5, False),
        ("2019", 613, 8.5, False),
        ("School nurse", 624, 8.5, False),
        ("Home visit to talk about sleep; the mother was tired and", 624, 8.5, False),
        ("asked for help with the older children", 613, 8.5, False),
        ("9 July", 596, 8.5, False),
        ("Police", 596, 8.5, False),
        ("Called by a neighbour to a row at the flat; no one arrested", 596, 8.5, False),
        *body(
            [
                "3.4 The school nurse wrote to the GP after the visit but the letter was not",
                "read until the autumn, by which time the family had moved away.",
            ],
            top=560,
        ),
    ]
    blocks = build_blocks([positioned(5, rows)])
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    assert [b.section for b in paragraphs] == ["3. What happened", "3. What happened"]
    assert paragraphs[-1].paragraph_number == "3.4"
    assert not any("neighbour" in b.text or "sleep" in b.text for b in paragraphs)
    assert all(b.kind != "heading" or not b.text.startswith("Table") for b in blocks)


def test_two_columns_of_prose_on_shared_baselines_are_not_a_table() -> None:
    left = [
        "The mother told the midwife about the bruise on",
        "her arm, and the midwife made a note of it in",
        "the maternity record but did not ask any more.",
    ]
    right = [
        "The GP had seen the same bruise a week before,",
        "and had written to the health visitor about it,",
        "but the letter went to the wrong team and sat.",
    ]
    rows: list[tuple[str, float, float, bool]] = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        rows += [(a, 700 - 14 * i, 10, False), (b, 700 - 14 * i, 10, False)]
    blocks = build_blocks([positioned(1, rows)])
    assert "debris" not in {b.kind for b in blocks}


def _numbered_pages(count: int, per_page: int) -> list[Page]:
    pages, number = [], 1
    for page in range(1, count // per_page + 1):
        rows: list[tuple[str, float, float, bool]] = []
        for i in range(per_page):
            top = 760 - 120 * i
            rows += body(
                [
                    f"{number}. Agencies should write down who lives in the home and who",
                    "visits it, and should check what the other agencies know about them.",
                ],
                top=top,
            )
            number += 1
        pages.append(positioned(page, rows))
    return pages


def test_paragraphs_numbered_one_two_three_through_the_document_keep_their_numbers() -> None:
    pages = _numbered_pages(24, per_page=4)
    # a short numbered list inside: it keeps being a list
    pages[2].lines += [
        Line("1. ask who else lives at the address;", 200, 10),
        Line("2. ask who looks after the baby at night.", 186, 10),
    ]
    blocks = build_blocks(pages)
    numbered = [b.paragraph_number for b in blocks if b.paragraph_number]
    assert numbered == [str(n) for n in range(1, 25)]
    first = next(b for b in blocks if b.paragraph_number == "1")
    assert first.kind == "paragraph" and first.text.startswith("Agencies should write down")
    listed = [b for b in blocks if b.text.startswith(("1. ask", "2. ask"))]
    assert [b.kind for b in listed] == ["list_item", "list_item"]


def test_a_numbered_list_is_not_taken_for_numbered_paragraphs() -> None:
    blocks = build_blocks(_numbered_pages(8, per_page=4))
    assert not any(b.paragraph_number for b in blocks)
    assert {b.kind for b in blocks} == {"list_item"}


def test_three_columns_of_prose_and_small_print_columns_are_not_tables() -> None:
    columns = [
        [
            "The school saw the boy on every weekday",
            "and its staff knew that he was often",
            "hungry when he arrived in the morning",
        ],
        [
            "The GP saw him twice in that year",
            "and wrote to the school after each of",
            "the visits, but the letters were not read",
        ],
        [
            "The police were called to the flat four",
            "times in the spring but the officers never",
            "spoke to him or asked where he slept",
        ],
    ]
    rows: list[tuple[str, float, float, bool]] = []
    for i in range(3):
        rows += [(column[i], 700 - 14 * i, 10, False) for column in columns]
    sidebar: list[tuple[str, float, float, bool]] = [
        ("What the panel heard from the staff who", 500, 9, False),
        ("The staff told the panel that the referral", 500, 11, False),
        ("knew the family best about their worries", 488, 9, False),
        ("form was long and that they often gave up", 486, 11, False),
        ("over the winter when the heating was off", 476, 9, False),
        ("before they had finished filling it in", 472, 11, False),
    ]
    blocks = build_blocks([positioned(1, rows + sidebar)])
    assert "debris" not in {b.kind for b in blocks}


def test_the_last_rows_wrapped_cell_goes_with_the_table() -> None:
    rows = [
        ("2. Contacts", 780, 14, True),
        ("Date", 740, 8.5, True),
        ("Agency", 740, 8.5, True),
        ("Contact", 740, 8.5, True),
        ("4 June", 726, 8.5, False),
        ("Police", 726, 8.5, False),
        ("Called to the flat by a neighbour", 726, 8.5, False),
        ("9 July", 712, 8.5, False),
        ("School", 712, 8.5, False),
        ("Told the duty desk about a bruise and", 712, 8.5, False),
        ("asked for a home visit to the family by the end of that week", 702, 8.5, False),
        *body(["2.2 The panel found that no one joined these contacts up."], top=660),
    ]
    blocks = build_blocks([positioned(4, rows)])
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs == ["The panel found that no one joined these contacts up."]


def test_a_bold_heading_that_wraps_is_one_heading_naming_the_section() -> None:
    page = positioned(
        4,
        [
            ("Learning point 2: Health visitors met the mother at home, but", 700, 10.5, True),
            ("seldom with the father", 686, 10.5, True),
            ("5.1 The health visitor offered five contacts in the first year.", 660, 10, False),
            ("Episode 3: the move to temporary housing, March to", 620, 10.5, True),
            ("August 2019", 606, 10.5, True),
            ("5.2 The family moved twice in six months.", 580, 10, False),
            ("Where a plan ends without a review, and the family has not agreed to", 540, 10, True),
            ("what happens next:", 526, 10, True),
            ("5.3 Nobody told the school.", 500, 10, False),
        ],
    )
    blocks = build_blocks([page])
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == [
        "Learning point 2: Health visitors met the mother at home, but seldom with the father",
        "Episode 3: the move to temporary housing, March to August 2019",
    ]
    numbered = {b.paragraph_number: b for b in blocks}
    assert numbered["5.1"].section == headings[0]
    assert numbered["5.2"].section == headings[1]
    assert numbered["5.2"].text == "The family moved twice in six months."
    lead_in = [b for b in blocks if b.text.startswith("Where a plan ends")]
    assert lead_in and lead_in[0].kind == "paragraph"  # a lead-in, not a section name


def test_a_heading_may_open_with_a_quote_mark_but_large_print_prose_is_no_heading() -> None:
    page = positioned(
        2,
        [
            ("Read this note with your team. It will take ten minutes to go", 740, 13, False),
            ("through together.", 722, 13, False),
            ("‘Did not attend’: a label that hides the child", 690, 10.5, True),
            ("6.1 The dentist closed the referral after two missed visits.", 670, 10, False),
        ],
    )
    blocks = build_blocks([page])
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "‘Did not attend’: a label that hides the child"
    ]
    assert blocks[-1].section == "‘Did not attend’: a label that hides the child"


def test_an_acronym_broken_at_a_line_end_is_joined_when_the_document_writes_it_whole() -> None:
    blocks = build_blocks(
        [
            positioned(
                1,
                body(
                    [
                        "The school referred him to CAMHS in May and again in June of that year.",
                        "The second referral to CAM-",
                        "HS was closed after one call.",
                        "The NSPCC and the NS-",
                        "PCA are not the same body.",
                    ]
                ),
            )
        ]
    )
    text = " ".join(b.text for b in blocks)
    assert "referral to CAMHS was closed" in text
    assert "NS- PCA" in text or "NS-PCA" in text  # a word the document never writes whole


def test_a_quotation_standing_alone_or_a_bold_sentence_is_no_heading() -> None:
    page = positioned(
        5,
        [
            ("Background to the death of Mr. Smith", 760, 14, True),
            ("6.1 The family had lived in the town for a year.", 740, 10, False),
            ("“Nobody asked me what I wanted to happen”", 700, 13, False),
            ("6.2 The young person said this twice to the reviewer.", 680, 10, False),
            ("Agencies should record the name of every adult who lives in ", 640, 10, True),
            ("the household. ", 626, 10, True),
            ("6.3 The plan named only the mother.", 600, 10, False),
        ],
    )
    blocks = build_blocks([page])
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Background to the death of Mr. Smith"
    ]
    numbered = {b.paragraph_number: b for b in blocks}
    assert (
        numbered["6.2"].section == numbered["6.3"].section == "Background to the death of Mr. Smith"
    )


SUMMARY = [
    "This summary sets out what the partnership has learnt from the review of the care",
    "given to one family over two years, the questions it asked of each agency and the",
    "answers it found, and what the agencies have agreed to change as a result of it,",
    "with the dates by which they have said the changes will be made and checked.",
]


def test_a_cover_stacks_title_lines_and_bylines_that_name_no_section() -> None:
    cover = positioned(
        1,
        [
            ("Eastfold Safeguarding Children Partnership", 700, 13, False),
            ("A Local Child Safeguarding Practice Review:", 660, 22, True),
            ("Learning for the partnership from the care of", 620, 13, False),
            ("One Family Over Two Difficult Years", 604, 13, False),  # wrapped: one heading
            ("Lead reviewer: Dr Ann Other, independent social worker", 578, 13, False),
            ("Published by the partnership in March 2024", 552, 13, False),
            *body(SUMMARY, top=480),
        ],
    )
    blocks = build_blocks([cover])
    [passage_block] = [b for b in blocks if b.kind == "paragraph"]
    assert passage_block.section == (
        "Learning for the partnership from the care of One Family Over Two Difficult Years"
    )


def test_stacked_headings_in_the_body_still_read_as_one() -> None:
    page = positioned(
        5,
        [
            ("Appendix 2", 700, 14, True),
            ("Terms of reference", 670, 14, True),
            *body(SUMMARY, top=640),
        ],
    )
    [paragraph] = [b for b in build_blocks([page]) if b.kind == "paragraph"]
    assert paragraph.section == "Appendix 2 Terms of reference"


def test_a_byline_says_who_or_when_and_a_heading_about_publishing_does_not() -> None:
    assert is_byline("Author: Sam Example")
    assert is_byline("Independent reviewer: Sam Example MA")
    assert is_byline("Prepared by Sam Example")
    assert is_byline("Published 4 May 2023")
    assert is_byline("Published by the partnership in May 2023.")
    assert not is_byline("Published reviews and what they tell us")
    assert not is_byline("Authority and accountability")


def test_in_plain_text_a_date_line_still_heads_what_follows() -> None:
    lines = [Line("Date: 14 March 2019"), Line(""), Line("The health visitor saw the baby.")]
    [paragraph] = [b for b in build_blocks([Page(1, lines)]) if b.kind == "paragraph"]
    assert paragraph.section == "Date: 14 March 2019"
