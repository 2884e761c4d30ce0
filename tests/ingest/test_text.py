from pathlib import Path

import pytest

from ingest.errors import NotUtf8
from ingest.text import read_text


def lines(name: str, text: str) -> list[str]:
    return [line.text for page in read_text(Path(name), text.encode()) for line in page.lines]


def test_bold_marks_make_a_txt_file_markdown_and_are_removed() -> None:
    text = "- **12.8.** Fathers were **not** seen.\n## Findings\nNo links here."
    expected = ["- 12.8. Fathers were not seen.", "Findings", "No links here."]
    assert lines("seed.txt", text) == expected


def test_a_markdown_heading_is_bold_like_a_pdf_heading() -> None:
    pages = read_text(Path("a.md"), b"# Learning\nText")
    assert [(line.text, line.bold) for line in pages[0].lines] == [
        ("Learning", True),
        ("Text", False),
    ]


def test_links_keep_their_words() -> None:
    assert lines("a.txt", "See [the report](https://example.org/r.pdf).") == ["See the report."]


def test_plain_text_keeps_asterisks_underscores_and_hashes() -> None:
    text = "Name: ________\n# of visits: 3\n* a star note"
    assert lines("form.txt", text) == text.splitlines()


def test_form_feeds_separate_pages() -> None:
    pages = read_text(Path("a.txt"), b"one\ftwo")
    assert [page.number for page in pages] == [1, 2]


def test_bytes_that_are_not_utf8_name_the_file_and_line() -> None:
    with pytest.raises(NotUtf8, match="line 2"):
        read_text(Path("a.txt"), b"ok\nbad \xe9 byte")
