from ingest.blocks import build_blocks
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


def test_contents_entries_are_debris_with_or_without_leaders() -> None:
    rows = [("Contents", 760, 14, True)]
    rows += body(["1. Introduction 3", "2. Background ............ 4", "3. Analysis 6"], top=730)
    rows += [("1. Introduction", 500, 14, True)]
    rows += body(["The review was commissioned by the partnership in 2019."], top=470)
    blocks = build_blocks([positioned(2, rows)])
    assert [b.kind for b in blocks] == ["heading", "debris", "heading", "paragraph"]
