"""Rejoin words that PDF text extraction split apart ('impor tant', 'co -sleeping').

pypdf puts a space wherever the gap between two glyphs looks wide, which cuts some
words in two. A split is undone only when the document itself vouches for it: the
joined word is written elsewhere in the same document and neither piece is a word the
document uses on its own. Two real words ('not able' beside 'notable') stay apart.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.types import Line, Page

_TOKEN = re.compile(r"[A-Za-z]+")
# 'co -sleeping', 'socio -economic': a hyphen with a space before it and a letter after it
# belongs to the word; a dash has spaces on both sides. (At a line end, see blocks._join.)
_SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z]) -(?=[a-z])")


# 'Child B', 'Appendix C', 'Family R': a capital letter after a capitalised word is a label
_LABEL = re.compile(r"\b[A-Z][a-z]+ [A-Z]$")


def vocabulary(pages: list[Page]) -> Counter[str]:
    """How often each word (lower case) stands on its own in the document."""
    return Counter(
        token.lower()
        for page in pages
        for line in page.lines
        for token in _TOKEN.findall(line.text)
    )


def rejoin(text: str, words: Counter[str]) -> str:
    """`text` with split words joined where the document's own vocabulary says so."""
    text = _SPACED_HYPHEN.sub("-", text)

    pieces = re.split(r"(?<=[A-Za-z]) (?=[a-z])", text)  # candidate split points, in order
    out = pieces[0]
    for piece in pieces[1:]:
        left = re.search(r"[A-Za-z]+$", out)
        right = re.match(r"[a-z]+", piece)
        assert left is not None and right is not None
        whole = (left.group(0) + right.group(0)).lower()
        if (
            words[whole] >= 1
            and _only_here(left.group(0), right.group(0), words)
            and not _LABEL.search(out)
        ):
            out += piece
        else:
            out += " " + piece
    return out


def _only_here(left: str, right: str, words: Counter[str]) -> bool:
    """Neither piece is a word the document uses elsewhere. A single letter is always used
    elsewhere ('I', 'a', 'S' in a list), so it is judged by its other piece alone: 'R
    epresentatives', 'S ection' (but 'Child B and' stays, 'and' being a word). After the
    words 'a' and 'I' only a piece of one or two letters is a fragment ('I n addition'):
    'a way' and 'a cross-border' stay apart in a document that writes 'way' only there."""
    if len(left) == 1:
        short = left not in ("a", "A", "I") or len(right) <= 2
        return short and words[right.lower()] <= 1
    if len(right) == 1:
        return words[left.lower()] <= 1
    return words[left.lower()] <= 1 and words[right.lower()] <= 1


def rejoin_pages(pages: list[Page]) -> list[Page]:
    words = vocabulary(pages)
    for page in pages:
        page.lines = [
            Line(rejoin(line.text, words), line.y, line.size, line.bold) for line in page.lines
        ]
    return pages
