"""Character clean-up and removal of running headers, footers and page numbers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ingest.splitwords import rejoin_pages
from ingest.types import Line, Page

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Share of a page's height at the top and bottom where running lines live.
MARGIN = 0.12
# A line counts as running text when it recurs on at least this share of pages.
RECURRING_SHARE = 0.3

_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$"
    r"|^\s*[ivxlc]{1,6}\s*$",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Expand ligatures, drop invisible characters and fold runs of spaces."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return _SPACES.sub(" ", text).strip()


def clean_pages(pages: list[Page]) -> list[Page]:
    """Pages with normalised lines and without running headers, footers or page numbers."""
    for page in pages:
        page.lines = [
            Line(normalise(line.text), line.y, line.size, line.bold) for line in page.lines
        ]
    rejoin_pages(pages)
    running = _recurring_margin_lines(pages)
    # Plain text has no page numbers to strip unless it has several pages.
    highest = 0 if len(pages) == 1 and pages[0].height is None else len(pages) + 20
    for page in pages:
        margin = _margin_lines(page)
        page.lines = [
            line
            for index, line in enumerate(page.lines)
            if not (index in margin and _is_running(line.text, running, highest))
        ]
    return pages


def margin_page_numbers(pages: list[Page]) -> list[list[str]]:
    """Each page's page numbers in its top and bottom margins, as printed (read before
    clean_pages strips them): bare ('7', 'Page 7 of 12', 'iv') or beside the running text
    ('IRO Handbook  8'). What ingest.page_labels reads the printed numbering from."""
    pages = [
        Page(page.number, [Line(normalise(line.text), line.y) for line in page.lines], page.height)
        for page in pages
    ]
    running = _recurring_margin_lines(pages)
    highest = len(pages) + 20
    found = []
    for page in pages:
        numbers = []
        for index in sorted(_margin_lines(page)):
            text = page.lines[index].text
            beside = _number_beside_running(text, running)
            if is_page_number(text, highest):
                numbers.append(text)
            elif beside is not None:
                numbers.append(beside)
        found.append(numbers)
    return found


def is_page_number(text: str, highest: int) -> bool:
    """A bare page number ('7', 'Page 7 of 12', '- 7 -', 'iv') no larger than `highest`."""
    if not _PAGE_NUMBER.match(text):
        return False
    digits = re.findall(r"\d+", text)
    return not digits or int(digits[0]) <= highest


def _shape(text: str) -> str:
    """A line's shape for spotting repeats: case-folded, digits and spacing ignored."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _is_running(text: str, running: set[str], highest: int) -> bool:
    return (
        is_page_number(text, highest)
        or _shape(text) in running
        or _ends_in_page_number(text, running)
    )


def _ends_in_page_number(text: str, running: set[str]) -> bool:
    """'Child D review | 7' or '7 Working Together 2023': running text beside a page number."""
    return _number_beside_running(text, running) is not None


def _number_beside_running(text: str, running: set[str]) -> str | None:
    """The page number of a line of running text that carries one, else None."""
    match = re.match(r"^\s*(\d{1,4})\s*[|•·-]?\s*(.+)$|^(.+?)\s*[|•·-]?\s*(\d{1,4})\s*$", text)
    if not match:
        return None
    rest = match.group(2) or match.group(3) or ""
    return (match.group(1) or match.group(4)) if _shape(rest) in running else None


def _recurring_margin_lines(pages: list[Page]) -> set[str]:
    readable = [page for page in pages if page.lines]
    if len(readable) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in readable:
        shapes = set()
        margin = _margin_lines(page)
        for index, line in enumerate(page.lines):
            if index in margin:
                shape = _shape(line.text)
                shapes.add(shape)
                # a page number printed beside the running text: count the text alone too
                stripped = re.sub(r"^#\s*[|•·-]?\s*|\s*[|•·-]?\s*#$", "", shape)
                shapes.add(stripped)
        counts.update(shapes)
    needed = max(2, int(RECURRING_SHARE * len(readable) + 0.999))
    return {shape for shape, count in counts.items() if count >= needed and len(shape) > 1}


def _margin_lines(page: Page) -> set[int]:
    """The indexes of the lines in the top or bottom margin band of the page, found in one
    pass over it (a plain-text file is one page of perhaps tens of thousands of lines)."""
    # Without positions (plain text), only the first and last two lines can be running text.
    texts = [i for i, candidate in enumerate(page.lines) if candidate.text.strip()]
    edges = set(texts[:2] + texts[-2:])
    return {index for index, line in enumerate(page.lines) if _in_band(page, line, index, edges)}


def _in_band(page: Page, line: Line, index: int, edges: set[int]) -> bool:
    if line.y is not None and page.height:
        return line.y > page.height * (1 - MARGIN) or line.y < page.height * MARGIN
    return index in edges
