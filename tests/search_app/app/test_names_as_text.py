"""Titles and file names reach Markdown-rendering widgets as text (issue 14)."""

from __future__ import annotations

import pytest

from search_app.app.shared import as_text


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("[click me](http://evil.example).pdf", "\\[click me\\](http://evil.example).pdf"),
        ("**bold** _it_ <b>x</b> `code`", "\\*\\*bold\\*\\* \\_it\\_ \\<b\\>x\\</b\\> \\`code\\`"),
        ("Serious Case Review: Baby M (2012)", "Serious Case Review: Baby M (2012)"),
        ("$x$ | #1 ~y~", "\\$x\\$ \\| \\#1 \\~y\\~"),
    ],
)
def test_markup_is_escaped_and_plain_titles_are_unchanged(name: str, shown: str) -> None:
    assert as_text(name) == shown
