"""Rebuild headings, paragraphs, list items and footnotes from the lines of cleaned pages."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ingest.types import Block, BlockKind, Line, Page

_PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)")
_BULLET = re.compile(r"^(?:[•●▪◦■□➢➤✓]\s*|[-–*o]\s+|\(?[a-z]\)\s+|\(?\d{1,2}\)\s*|\d{1,2}\.\s+)")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.|Part \d+|Section \d+)\s+\S")
# Leaders (dots, ellipses or a wide gap) then a page number, or a line ending in dots. Fixed
# counts, not {3,}: with `search`, an open count re-scans a long run of dots from every start
# (20,000 dots took a minute); these match the same lines in linear time.
CONTENTS_LINE = re.compile(r"(?:\.{3}|…{2})\s*\d{1,3}\s*$|\s{2}\d{1,3}\s*$|\.{5}\s*$")
_CONTENTS_HEADING = re.compile(r"^(?:table of )?contents$", re.I)
_ENDS_IN_PAGE_NUMBER = re.compile(r"[A-Za-z)]\s+\d{1,3}$")
# '1 The Act…', '¹ See…', and '1. 1 The…' where a word processor printed the number twice
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}\.\s)?\s?(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*)\s*[A-Z“\"‘(]")
_SENTENCE_END = (".", "!", "?", ":", '."', ".”", "?”", '!"', ";")
# Prefixes whose line-end hyphen is usually part of the word ("extra-familial", "multi-agency").
_COMPOUND_PREFIXES = {"extra", "non", "multi", "self", "cross", "well", "semi", "half"}


@dataclass
class _Stats:
    body_size: float | None
    line_gap: dict[int, float]  # typical distance between lines, per page
    words: Counter[str]  # the document's own vocabulary, to undo hyphenation correctly


def build_blocks(pages: list[Page]) -> list[Block]:
    """Blocks in reading order, each with its page range, section and paragraph number."""
    stats = _measure(pages)
    builder = _Builder(stats)
    for page in pages:
        builder.add_page(page)
    return builder.finish()


def _measure(pages: list[Page]) -> _Stats:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.size:
                sizes[line.size] += len(line.text)
    deltas_by_page: dict[int, list[float]] = {}
    for page in pages:
        deltas_by_page[page.number] = [
            round(a.y - b.y, 1)
            for a, b in itertools.pairwise(page.lines)
            if a.y is not None and b.y is not None and 0 < a.y - b.y < 40
        ]
    everything = [delta for deltas in deltas_by_page.values() for delta in deltas]
    overall = statistics.median(everything) if everything else 14.0
    # a page with few lines says little about its line spacing: use the document's
    gaps = {
        number: statistics.median(deltas) if len(deltas) >= 6 else overall
        for number, deltas in deltas_by_page.items()
    }
    words = Counter(
        word.lower()
        for page in pages
        for line in page.lines
        for word in re.findall(r"\w[\w-]*\w", line.text.rstrip("-"))
    )
    return _Stats(sizes.most_common(1)[0][0] if sizes else None, gaps, words)


class _Builder:
    def __init__(self, stats: _Stats) -> None:
        self.stats = stats
        self.blocks: list[Block] = []
        self.footnotes: list[Block] = []  # kept apart so a paragraph can run on over a page break
        self.current: Block | None = None
        self.section: str | None = None
        self.previous: Line | None = None

    def add_page(self, page: Page) -> None:
        body, footnotes = self._split_footnotes(page)
        kinds = self._classify(page, body)
        self.previous = None
        for line, kind in zip(body, kinds, strict=True):
            self._add_line(page, line, kind)
            self.previous = line if line.text else None
        for note in footnotes:
            self.footnotes.append(Block("footnote", note, page.number, page.number, self.section))

    def finish(self) -> list[Block]:
        """Body blocks in reading order, then the footnotes, as endnotes are printed."""
        self._close()
        return [block for block in self.blocks + self.footnotes if block.text.strip()]

    # -- line classes ---------------------------------------------------------------

    def _classify(self, page: Page, lines: list[Line]) -> list[str]:
        kinds = [self._line_kind(page, lines, i) for i in range(len(lines))]
        return _mark_debris(lines, kinds, positioned=page.height is not None)

    def _line_kind(self, page: Page, lines: list[Line], i: int) -> str:
        line = lines[i]
        text = line.text
        if not text:
            return "blank"
        if CONTENTS_LINE.search(text) and len(text.split()) <= 16:
            return "contents"
        if self._looks_like_heading(page, lines, i):
            return "heading"
        if _PARAGRAPH_NUMBER.match(text):
            return "numbered"
        if _BULLET.match(text) and len(text) > 2:
            return "bullet"
        return "text"

    def _looks_like_heading(self, page: Page, lines: list[Line], i: int) -> bool:
        line = lines[i]
        words = line.text.split()
        if len(words) > 14 or line.text.endswith((".", ",", ";")) or not line.text[0].isalnum():
            return False
        body = self.stats.body_size
        if line.size and body:
            larger = line.size >= body + 1.0
            return (larger or line.bold) and not self._continues_paragraph(lines, i)
        # plain text: a markdown heading, or a short line standing alone
        if line.bold:
            return True
        before = i == 0 or not lines[i - 1].text
        after = i + 1 >= len(lines) or not lines[i + 1].text
        return before and after and len(words) <= 12 and not line.text.endswith("!")

    def _continues_paragraph(self, lines: list[Line], i: int) -> bool:
        """A bold line that is the first line of a bold paragraph, not a heading."""
        if i + 1 >= len(lines):
            return False
        this, following = lines[i], lines[i + 1]
        return this.bold and following.bold and following.text[:1].islower()

    # -- paragraphs -------------------------------------------------------------------

    def _add_line(self, page: Page, line: Line, kind: str) -> None:
        text = line.text
        if kind == "blank":
            if page.height is None or self.current is None or self.current.kind != "paragraph":
                self._close()
            elif _ends_sentence(self.current.text):
                self._close()  # OCR paragraph break
            return
        if kind in {"text", "bullet", "numbered"} and _CONTENTS_HEADING.match(self.section or ""):
            kind = "contents"  # entries under a Contents heading, with or without dot leaders
        if kind in {"contents", "debris"}:
            if self.current is None or self.current.kind != "debris":
                self._start("debris", text, page.number)
            else:
                self._append(text, page.number)
            return
        if kind == "heading":
            if (
                self.current is not None
                and self.current.kind == "heading"
                and self._same_heading(line)
            ):
                self._append(text, page.number)
            else:
                self._start("heading", text, page.number)
            self.section = self.current.text if self.current else text
            return
        if kind == "numbered":
            match = _PARAGRAPH_NUMBER.match(text)
            assert match is not None
            self._start("paragraph", text[match.end() :], page.number, match.group(1))
            return
        if kind == "bullet":
            self._start("list_item", text, page.number)
            return
        if self.current is not None and self._continues(page, line):
            self._append(text, page.number)
        else:
            self._start("paragraph", text, page.number)

    def _same_heading(self, line: Line) -> bool:
        previous = self.previous
        return previous is not None and previous.size == line.size and previous.bold == line.bold

    def _continues(self, page: Page, line: Line) -> bool:
        current = self.current
        if current is None or current.kind not in {"paragraph", "list_item"}:
            return False
        previous = self.previous
        if previous is None:  # first line of a page or after a blank: a page/column break
            return _open_ended(current.text) and _continuation_start(line.text)
        if previous.y is None or line.y is None:  # plain text: hard-wrapped lines only
            return _open_ended(current.text) and _continuation_start(line.text)
        gap = previous.y - line.y
        typical = self.stats.line_gap.get(page.number, 14.0)
        if gap < 0:  # moved up the page: next column
            return _open_ended(current.text) and _continuation_start(line.text)
        if gap > typical * 1.45:  # a paragraph gap, unless the sentence plainly runs on
            return _open_ended(current.text) and _continuation_start(line.text)
        return not (previous.size and line.size and abs(previous.size - line.size) > 1.5)

    def _start(self, kind: BlockKind, text: str, page: int, number: str | None = None) -> None:
        self._close()
        self.current = Block(kind, text, page, page, self.section, number)

    def _append(self, text: str, page: int) -> None:
        block = self.current
        assert block is not None
        joined = _join(block.text, text, self.stats.words)
        if page != block.page_end:
            offset = len(joined) - len(text) if joined.endswith(text) else len(block.text)
            block.page_breaks.append((offset, page))
            block.page_end = page
        block.text = joined

    def _close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None

    # -- footnotes --------------------------------------------------------------------

    def _split_footnotes(self, page: Page) -> tuple[list[Line], list[str]]:
        """Body lines, and the footnotes at the foot of the page (markers removed from the body)."""
        start = self._footnote_start(page)
        if start is None:
            return page.lines, []
        notes: list[str] = []
        for line in page.lines[start:]:
            if _FOOTNOTE_START.match(line.text) or not notes:
                notes.append(line.text)
            else:
                notes[-1] = _join(notes[-1], line.text, self.stats.words)
        numbers = {m.group(1) for note in notes if (m := re.match(r"(\d{1,3})", note))}
        body = [_strip_markers(line, numbers) for line in page.lines[:start]]
        return body, notes

    def _footnote_start(self, page: Page) -> int | None:
        """Where the footnotes begin: a numbered line low on the page, either in small print
        with only small print below it, or set apart from the body by a wide gap."""
        body_size = self.stats.body_size
        if page.height is None or body_size is None:
            return None
        lines = page.lines
        for index, line in enumerate(lines):
            if (
                line.y is None
                or line.y >= page.height * 0.4
                or not _FOOTNOTE_START.match(line.text)
            ):
                continue
            below = lines[index:]
            if all(self._small(other) for other in below):
                return index
            if (
                self._set_apart(page, index)
                and line.y < page.height * 0.25
                and not any(other.bold for other in below)
            ):
                return index
        return None

    def _small(self, line: Line) -> bool:
        body_size = self.stats.body_size
        return line.size is not None and body_size is not None and line.size <= body_size - 1.0

    def _set_apart(self, page: Page, index: int) -> bool:
        """A line with a gap of several lines above it, as footnotes are set below the body."""
        if index == 0:
            return False
        above, line = page.lines[index - 1], page.lines[index]
        if above.y is None or line.y is None:
            return False
        return above.y - line.y > 3 * self.stats.line_gap.get(page.number, 14.0)


def _strip_markers(line: Line, numbers: set[str]) -> Line:
    """Remove footnote markers glued to the end of words: 'Mechanism)1 or' -> 'Mechanism) or'."""
    if not numbers:
        return line
    markers = "|".join(sorted(numbers, key=len, reverse=True))
    # after a word or its closing punctuation, never inside a number like "1.1"
    pattern = rf"(?:(?<=[A-Za-z)\]’”\"])|(?<=[A-Za-z)\]’”\"][.,;:]))(?:{markers})(?=\s|$|[,.;:])"
    return Line(re.sub(pattern, "", line.text), line.y, line.size, line.bold)


def _mark_debris(lines: list[Line], kinds: list[str], positioned: bool) -> list[str]:
    """Runs of three or more short, unpunctuated lines are chart labels or table cells; runs
    of lines ending in a page number are a contents list."""
    if not positioned:
        return kinds
    small_print = _small_print(lines)
    short = [
        kind in {"text", "heading"}
        and (
            len(line.text.split()) <= 6
            or bool(_ENDS_IN_PAGE_NUMBER.search(line.text))
            or (line.size is not None and line.size < small_print and len(line.text.split()) <= 10)
        )
        and not line.text.endswith((".", "?", "!"))
        for line, kind in zip(lines, kinds, strict=True)
    ]
    result = list(kinds)
    i = 0
    while i < len(lines):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and (short[j] or kinds[j] == "blank"):
            j += 1
        if sum(short[i:j]) >= 3:
            for k in range(i, j):
                if short[k]:
                    result[k] = "debris"
        i = j
    return result


def _small_print(lines: list[Line]) -> float:
    """Below this size a line is small print (table cells, captions) on this page."""
    sizes = sorted(line.size for line in lines if line.size)
    return sizes[len(sizes) // 2] - 0.9 if sizes else 0.0


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _open_ended(text: str) -> bool:
    stripped = text.rstrip()
    return not _ends_sentence(stripped) or stripped.endswith(("-", ","))


def _continuation_start(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (first.islower() or first in "(,;–-" or first.isdigit())


def _join(left: str, right: str, vocabulary: Counter[str] | None = None) -> str:
    """Join two lines, undoing a line-end hyphenation where the hyphen is not part of the word.

    The document's own words decide first ('review' elsewhere: join; 'extra-familial'
    elsewhere: keep the hyphen); otherwise a few compound-forming prefixes keep it.
    """
    if not left:
        return right
    # only the end of the paragraph so far: searching all of it made joining lines quadratic
    end = max(len(left) - 200, 0)
    match = re.compile(r"(\w+)( ?)-$").search(left, end) if left.endswith("-") else None
    following = re.match(r"[a-z]\w*", right)
    if match and following:
        head, tail = match.group(1).lower(), following.group(0)
        vocabulary = vocabulary or Counter()
        joined, hyphenated = vocabulary[head + tail], vocabulary[f"{head}-{tail}"]
        if match.group(2):  # 'extra -' / 'familial': pypdf's spacing; join only known words
            if hyphenated:
                return left[: match.start(2)] + "-" + right
            return left[: match.start(2)] + right if joined else left + " " + right
        if hyphenated > joined or (not joined and head in _COMPOUND_PREFIXES):
            return left + right
        return left[:-1] + right
    return left + " " + right
