"""The number printed on each page of a PDF, which is what a reader looks for when a
citation says "p. 12" (PDF page 14 of a review whose cover and contents go unnumbered).

A PDF may say it in its /PageLabels; most reviews do not, and the label is inferred from the
bare page numbers in the margins: a page's number is trusted only when it agrees with an
offset (printed = PDF page - k) that a run of pages shares, so that a stray number in a
footer or a table never becomes a label. Labels map PDF page (1-based) -> printed label, and
hold only the pages whose label is known.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# Pages that must agree on an offset before it is trusted, unless they are most of the pages
# that carry a number at all (a short document numbered throughout)
MIN_RUN = 3

_ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class _Numbering:
    """One way of numbering pages: arabic or roman (in the case printed), and its offset."""

    style: str  # "arabic", "roman" or "ROMAN"
    offset: int  # PDF page - printed number

    def label(self, page: int) -> str | None:
        value = page - self.offset
        if value < 1:
            return None
        if self.style == "arabic":
            return str(value)
        roman = _to_roman(value)
        return roman.upper() if self.style == "ROMAN" else roman


def from_pdf(labels: list[str]) -> dict[int, str]:
    """The labels a PDF's /PageLabels gives (pypdf's `reader.page_labels`), or none when they
    only repeat the page's position (1, 2, 3...) and so say nothing of what is printed."""
    found = {page: label for page, label in enumerate(labels, start=1) if label.strip()}
    if all(label == str(page) for page, label in found.items()):
        return {}
    return found


def infer(margin_numbers: list[list[str]]) -> dict[int, str]:
    """Printed labels from the page numbers read in each page's margins (`margin_numbers[0]`
    is PDF page 1's: '7', 'Page 7 of 12', '- 7 -', 'iv'). Pages with no evidence between
    numbered pages of the same run take the run's number; other pages get no label."""
    readings = {
        page: {numbering for text in texts if (numbering := _reading(text, page)) is not None}
        for page, texts in enumerate(margin_numbers, start=1)
    }
    trusted = _trusted(readings)
    chosen: dict[int, _Numbering] = {}
    for page, numberings in readings.items():
        agreeing = [numbering for numbering in numberings if numbering in trusted]
        if agreeing:
            # the numbering most pages agree on; in a tie the nearest to the PDF's own count,
            # so a page gets the same label in every run (a set's order is not fixed)
            chosen[page] = max(agreeing, key=lambda n: (trusted[n], -abs(n.offset), n.style))
    labels: dict[int, str] = {}
    numbered = sorted(chosen)
    for position, page in enumerate(numbered):
        numbering = chosen[page]
        following = numbered[position + 1] if position + 1 < len(numbered) else None
        last = following - 1 if following and chosen[following] == numbering else page
        for filled in range(page, last + 1):
            label = numbering.label(filled)
            if label is not None:
                labels[filled] = label
    return labels


def _trusted(readings: dict[int, set[_Numbering]]) -> dict[_Numbering, int]:
    """The numberings enough pages agree on, with how many pages do."""
    counts: dict[_Numbering, int] = {}
    for numberings in readings.values():
        for numbering in numberings:
            counts[numbering] = counts.get(numbering, 0) + 1
    numbered_pages = sum(1 for numberings in readings.values() if numberings)
    # a short document is trusted on fewer pages only when no page reads two ways (a scan of
    # two pages side by side prints two numbers on each)
    one_each = all(len(numberings) <= 1 for numberings in readings.values())
    return {
        numbering: count
        for numbering, count in counts.items()
        if count >= MIN_RUN or (one_each and count >= 2 and count * 2 > numbered_pages)
    }


def _reading(text: str, page: int) -> _Numbering | None:
    """How `text` numbers `page`: 'Page 7 of 12' on PDF page 9 is arabic with offset 2."""
    digits = re.findall(r"\d+", text)
    if digits:
        return _Numbering("arabic", page - int(digits[0]))
    word = text.strip()
    if not word or not _ROMAN.match(word.lower()) or word not in (word.lower(), word.upper()):
        return None
    style = "roman" if word == word.lower() else "ROMAN"
    return _Numbering(style, page - _from_roman(word.lower()))


def _from_roman(word: str) -> int:
    total, rest = 0, word
    for value, letters in _ROMAN_VALUES:
        while rest.startswith(letters):
            total, rest = total + value, rest[len(letters) :]
    return total


def _to_roman(value: int) -> str:
    out = []
    for size, letters in _ROMAN_VALUES:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)


# -- storing and citing them -------------------------------------------------------------------


def to_json(labels: dict[int, str]) -> str:
    """Labels as the graph keeps them on a review: JSON {"14": "12"}."""
    return json.dumps({str(page): label for page, label in sorted(labels.items())})


def from_json(stored: Any) -> dict[int, str]:
    """A review's stored labels (JSON text, or nothing from a store written before they were
    kept) as {PDF page: label}; a damaged value costs the printed numbers, nothing more."""
    if not stored:
        return {}
    try:
        data = json.loads(stored) if isinstance(stored, str) else stored
        return {int(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (TypeError, ValueError, AttributeError):
        return {}


def printed(labels: dict[int, str] | None, start: int, end: int) -> tuple[str | None, str | None]:
    """The printed labels of a passage's first and last PDF pages (None where unknown)."""
    labels = labels or {}
    return labels.get(start), labels.get(end)


def cite_pages(
    start: int,
    end: int | None = None,
    printed_start: str | None = None,
    printed_end: str | None = None,
) -> str:
    """How every citation names a PDF's pages: 'p. 14 (printed 12)', 'pp. 14-15 (printed
    12-13)', or just 'p. 5' when the printed number is unknown or the same as the PDF's."""
    end = end or start
    pdf = f"p. {start}" if start == end else f"pp. {start}-{end}"
    if printed_start is None or (printed_end is None and end != start):
        return pdf
    shown = printed_start if start == end else f"{printed_start}-{printed_end}"
    same = shown == (str(start) if start == end else f"{start}-{end}")
    return pdf if same else f"{pdf} (printed {shown})"
