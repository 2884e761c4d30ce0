"""Rebuild headings, paragraphs, list items and footnotes from the lines of cleaned pages."""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ingest.abbreviations import ends_in_abbreviation
from ingest.types import Block, BlockKind, Line, Page

_PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)")
_BULLET = re.compile(r"^(?:[•●▪◦■□➢➤✓]\s*|[-–*o]\s+|\(?[a-z]\)\s+|\(?\d{1,2}\)\s*|\d{1,2}\.\s+)")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.|Part \d+|Section \d+)\s+\S")
# Leaders (dots, ellipses or a wide gap) then a page number, or a line ending in dots. Fixed
# counts, not {3,}: with `search`, an open count re-scans a long run of dots from every start
# (20,000 dots took a minute); these match the same lines in linear time.
CONTENTS_LINE = re.compile(r"(?:\.{3}|…{2})\s*\d{1,3}\s*$|\s{2}\d{1,3}\s*$|\.{5}\s*$")
_CONTENTS_HEADING = re.compile(
    r"^(?:(?:table of )?contents|table of (?:figures|tables)|list of (?:figures|tables))$", re.I
)
# A contents entry whose page number follows after a single space ('Referral 57'), or a page
# number carried onto a line of its own when the entry wrapped
_PAGE_REFERENCE = re.compile(r"(?:^|\S\s+)(\d{1,3})$")
_SEE_PAGE = re.compile(r"\bsee\s+(?:page|p\.|pp\.)\s*\d{1,3}\W*$", re.I)
# A date standing alone ('May 2020', '4 March 2019', '04/03/2019'): on a cover or in a page's
# margin a cover's or a running line's date; in the body a chronology's sub-heading, kept.
# The month names are ingest.front's (built on first use: ingest.front imports this module)
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
FRONT_PAGES = 2  # a date standing alone on these pages is the cover's
WRAP_SPACING = 1.6  # a wrapped line sits this many times its size below the one above, or closer
MARGIN = 0.08  # a line within this share of the page's height from its top or foot


@functools.cache
def _bare_date() -> re.Pattern[str]:
    from ingest.front.dates import MONTHS

    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    return re.compile(
        rf"^(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{months})\.?,?\s+\d{{4}}|{_NUMERIC_DATE})$",
        re.I,
    )


def is_bare_date(text: str) -> bool:
    return bool(_bare_date().match(text.strip()))


# A cover's line that says who wrote the report or when ('Author: …', 'Published June 2021',
# 'Prepared by …'): set like a heading, but naming no section
_BYLINE = re.compile(
    r"^(?:(?:report\s+|lead\s+|independent\s+)?(?:authors?|reviewers?|writers?)"
    r"|prepared by|written by|date|dated|version|publication date|published)\s*:\s*\S"
    r"|^(?:prepared|written|authored|compiled) by\s+[A-Z]",
    re.I,
)
_PUBLISHED = re.compile(r"^(?:first\s+)?published\b", re.I)


def is_byline(text: str) -> bool:
    """'Author: …', 'Prepared by …', or 'Published …' ending in a date ('Published June 2021',
    'Published by the partnership in March 2024')."""
    text = text.strip().rstrip(".")
    if _BYLINE.match(text):
        return True
    words = text.split()
    return bool(_PUBLISHED.match(text)) and any(
        is_bare_date(" ".join(words[-n:])) for n in (1, 2, 3) if n < len(words)
    )


# 'Table 1: …', 'Figure 2.3 – …', 'Flow chart 4: …': a caption, which names a table or a
# figure and is never the heading of the prose after it
# (case-insensitive only in the keyword: without punctuation a capital must follow the number,
# as 'Table 1 shows that…' is prose)
_CAPTION = re.compile(
    r"^(?i:table|figure|fig\.|chart|diagram|graph|flow ?chart|box)\s+\d{1,2}[a-z]?(?:\.\d{1,2})?"
    r"(?P<sep>\s*[:.–—-]\s|\s+(?=[A-Z]))"
)
# A paragraph number without a decimal point ('12. Text…'): counted only where the document
# numbers its paragraphs in one run, as a list is numbered too
_PLAIN_NUMBER = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
SHORT_CELL = 6  # words: a table cell or a chart label; a line of prose is longer
PARAGRAPH_GAP = 1.45  # lines further apart than this many typical line gaps: a new paragraph
SMALL_PRINT = 1.0  # points below the body text's size
CONTENTS_BEHIND = 5  # pages: contents may point this far back (printed numbers restart)
NUMBERED_RUN = 20  # paragraphs numbered 1, 2, 3 … in a run of at least this many …
NUMBERED_RUN_PAGES = 5  # … over at least this many pages
_ENDS_IN_PAGE_NUMBER = re.compile(r"[A-Za-z)]\s+\d{1,3}$")
# '1 The Act…', '¹ See…', and '1. 1 The…' where a word processor printed the number twice
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}\.\s)?\s?(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*)\s*[A-Z“\"‘(]")
# a number and a unit of measure ('12 m', '9 km'): a raised power after them is no footnote
# marker; a number and a short word ('2019 at', '12 of') is no unit
UNIT = re.compile(r"\d\s?(?:mm|cm|km|m|ft|mg|µg|mcg|kg|g|ml|cl|l)$")
_SENTENCE_END = (".", "!", "?", ":", '."', ".”", "?”", '!"', ";")
# A note in plain text: a line that opens with a raised number ('³ See the report of…')
RAISED_NOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S")
# a web or mail address
_ADDRESS = re.compile(r"https?://|www\.|\w@\w|\.(?:gov|org|co|nhs|ac)\.uk\b|\.(?:com|org)\b", re.I)
# A line set as body text and ending in a colon is a label heading ('Key issues:', 'Voice of
# the child:') only when it is short and reads as a name, with no verb; otherwise it
# introduces what follows ('The police should:', 'Factors such as:', 'One mother said:') and
# belongs with it. Larger type, a markdown heading or a section number makes a heading anyway.
LABEL_WORDS = 6
HEADING_LINES = 3  # a bold heading wraps onto at most this many lines ...
HEADING_WORDS = 30  # ... of at most this many words in all; longer bold runs are paragraphs
_LEAD_IN_START = frozenset(
    {"all", "any", "each", "every", "some", "this", "that", "these", "those", "it", "its"}
    | {"they", "their", "there", "we", "our", "he", "his", "she", "her", "you", "your", "for"}
    | {"in", "on", "at", "by", "to", "when", "where", "if", "as", "one", "another"}
)
_LEAD_IN_END = frozenset(
    {"as", "such", "by", "to", "for", "of", "with", "and", "or", "that", "here", "below"}
    | {"following", "follows", "namely", "including"}
)
_LEAD_IN_VERBS = frozenset(
    {"should", "must", "will", "would", "could", "can", "may", "might", "shall", "is", "are"}
    | {"was", "were", "has", "have", "had", "do", "does", "did", "need", "needs", "said"}
    | {"says", "stated", "explained", "told", "added", "commented", "noted", "reported"}
    | {"recommends", "recommended", "agreed", "found", "described", "asked", "showed", "shows"}
    | {"include", "includes", "included"}
)
# Prefixes whose line-end hyphen is usually part of the word ("extra-familial", "multi-agency").
_COMPOUND_PREFIXES = {"extra", "non", "multi", "self", "cross", "well", "semi", "half"}


@dataclass
class _Stats:
    body_size: float | None
    line_gap: dict[int, float]  # typical distance between lines, per page
    words: Counter[str]  # the document's own vocabulary, to undo hyphenation correctly
    numbered: set[tuple[int, int]]  # (page, line index) of paragraphs numbered 1, 2, 3 …
    pages: int = 0

    def gap(self, page: int) -> float:
        """The typical distance between lines on this page."""
        return self.line_gap.get(page, 14.0)


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
    body_size = sizes.most_common(1)[0][0] if sizes else None
    return _Stats(body_size, gaps, words, _numbered_paragraphs(pages, body_size), len(pages))


def _numbered_paragraphs(pages: list[Page], body_size: float | None) -> set[tuple[int, int]]:
    """The lines that open paragraphs numbered 1., 2., 3. … through the document: runs of
    numbers each one more than the last (a number or two may be missed), long enough and over
    enough pages that they are the document's paragraph numbers, not a numbered list. Small
    print is left out: endnotes numbered 1.–40. must not outrun the body's 1.–30."""
    starts = [
        (int(match.group(1)), page.number, index)
        for page in pages
        for index, line in enumerate(page.lines)
        if (match := _PLAIN_NUMBER.match(line.text)) and not _small(line, body_size)
    ]
    chosen: set[tuple[int, int]] = set()
    low, high = float("inf"), float("-inf")  # the numbers the chosen runs cover
    remaining = list(range(len(starts)))
    while remaining:
        # the longest run: each start continues the longest run ending one to three numbers lower
        length: dict[int, int] = {}
        before: dict[int, int | None] = {}
        best_at: dict[int, int] = {}  # number -> the start ending the longest run so far
        for position in remaining:
            number = starts[position][0]
            previous = max(
                (best_at[n] for n in range(number - 3, number) if n in best_at),
                key=lambda p: length[p],
                default=None,
            )
            length[position] = 1 + (length[previous] if previous is not None else 0)
            before[position] = previous
            if number not in best_at or length[position] >= length[best_at[number]]:
                best_at[number] = position
        end: int | None = max(remaining, key=lambda p: length[p])
        run = []
        while end is not None:
            run.append(end)
            end = before[end]
        if len(run) < NUMBERED_RUN or len({starts[p][1] for p in run}) < NUMBERED_RUN_PAGES:
            break
        taken = set(run)
        remaining = [p for p in remaining if p not in taken]
        numbers = [starts[p][0] for p in run]
        if min(numbers) <= high and max(numbers) >= low:
            # numbered again from the start (endnotes '1. See…' after the body): not the
            # paragraphs' numbers, which a further run may only carry on
            continue
        low, high = min(low, *numbers), max(high, *numbers)
        chosen.update((starts[p][1], starts[p][2]) for p in run)
    return chosen


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
        if page.height is not None and _contents_page(body, kinds, page.number, self.stats.pages):
            kinds = ["contents" if kind != "blank" else kind for kind in kinds]
            self.section = None  # what stood before a contents page does not run on past it
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
        kinds = _caption_lines(lines, kinds, self.stats.body_size)
        kinds = _mark_debris(lines, kinds, positioned=page.height is not None)
        kinds = _heading_runs(lines, kinds)
        if page.height is None:
            return _carry_notes(kinds)
        return _mark_table_rows(lines, kinds, self.stats.body_size, self.stats.gap(page.number))

    def _line_kind(self, page: Page, lines: list[Line], i: int) -> str:
        line = lines[i]
        text = line.text
        if not text:
            return "blank"
        if page.height is None and RAISED_NOTE.match(text) and _stands_after_blank(lines, i):
            return "note"
        if page.height is None and _web_addresses(text) and _stands_alone(lines, i):
            return "debris"  # a publisher's web and mail addresses, not prose
        if CONTENTS_LINE.search(text) and len(text.split()) <= 16:
            return "contents"
        if _is_caption(text) and self._starts_block(page, lines, i):
            return "caption"
        if self._looks_like_heading(page, lines, i):
            if (
                is_byline(text)
                and page.height is not None
                and self._front_or_margin(page, lines, i)
            ):
                return "debris"  # a PDF's cover; in plain text a 'Date: …' line heads a chronology
            if is_bare_date(text):
                # a cover's or a running line's date; in the body a chronology's sub-heading,
                # kept with the events after it but naming no section
                return "debris" if self._front_or_margin(page, lines, i) else "date"
            return "heading"
        if _PARAGRAPH_NUMBER.match(text) or (page.number, i) in self.stats.numbered:
            return "numbered"
        if _BULLET.match(text) and len(text) > 2:
            return "bullet"
        return "text"

    def _starts_block(self, page: Page, lines: list[Line], i: int) -> bool:
        """Whether line i opens a block: the first line, after a blank, after a sentence's end,
        after a paragraph gap or set otherwise than the line above."""
        if i == 0 or not lines[i - 1].text:
            return True
        above, line = lines[i - 1], lines[i]
        if _ends_sentence(above.text) or (above.size, above.bold) != (line.size, line.bold):
            return True
        if above.y is None or line.y is None:
            return False
        return not 0 <= above.y - line.y <= self.stats.gap(page.number) * PARAGRAPH_GAP

    def _front_or_margin(self, page: Page, lines: list[Line], i: int) -> bool:
        """A line on the cover or front pages (unless under a numbered heading), or in a page's
        top or bottom margin; in plain text, before the first numbered heading."""
        line = lines[i]
        numbered = any(
            _NUMBERED_HEADING.match(text) and len(text.split()) <= 14
            for text in [self.section or ""] + [above.text for above in lines[:i]]
        )
        if page.height is None or line.y is None or page.number <= FRONT_PAGES:
            return not numbered
        return not page.height * MARGIN < line.y < page.height * (1 - MARGIN)

    def _looks_like_heading(self, page: Page, lines: list[Line], i: int) -> bool:
        line = lines[i]
        words = line.text.split()
        ending = line.text.rstrip()
        if len(words) > 14 or ending.endswith((".", ",", ";")) or not _opens_heading(line.text):
            return False
        body = self.stats.body_size
        if line.size and body:
            if line.size >= body + 1.0:
                return not self._continues_paragraph(lines, i)
            return line.bold and not self._continues_paragraph(lines, i) and _names(line.text)
        # plain text: a markdown heading, or a short line standing alone
        if line.bold:
            return True
        return (
            _stands_alone(lines, i)
            and len(words) <= 12
            and not line.text.endswith("!")
            and _names(line.text)
        )

    def _continues_paragraph(self, lines: list[Line], i: int) -> bool:
        """A bold line that is the first line of a bold paragraph, not a heading: a short run
        of bold lines that ends without a full stop, with plain text after it, is a heading
        that wraps ('Finding 1: Young parents were seen as parents, but' / 'rarely as both')."""
        if i + 1 >= len(lines):
            return False
        this, following = lines[i], lines[i + 1]
        if not (this.bold and following.bold and following.text[:1].islower()):
            return False
        return not _wrapped_heading(_bold_run(lines, i))

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
        if kind == "note":  # set apart, as a page's footnotes are; the paragraph runs on
            self.footnotes.append(Block("note", text, page.number, page.number, self.section))
            return
        if kind == "note_more":
            note = self.footnotes[-1]
            note.text = _join(note.text, text, self.stats.words)
            return
        if kind in {"contents", "debris", "caption"}:
            if self.current is None or self.current.kind != "debris":
                self._start("debris", text, page.number)
            else:
                self._append(text, page.number)
            return
        if kind == "date":
            self._start("paragraph", text, page.number)
            return
        if kind == "heading":
            if (
                self.current is not None
                and self.current.kind == "heading"
                and self._same_heading(page, line)
            ):
                self._append(text, page.number)
            else:
                self._start("heading", text, page.number)
            self.section = self.current.text if self.current else text
            return
        if kind == "numbered":
            match = _PARAGRAPH_NUMBER.match(text) or _PLAIN_NUMBER.match(text)
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

    def _same_heading(self, page: Page, line: Line) -> bool:
        """A heading line that carries on the one above: set alike and, on the front pages,
        at a line's spacing (a cover stacks its title, subtitle and partnership one style
        apart, which are not one heading)."""
        previous = self.previous
        if previous is None or (previous.size, previous.bold) != (line.size, line.bold):
            return False
        if page.number > FRONT_PAGES or previous.y is None or line.y is None or not line.size:
            return True
        return 0 <= previous.y - line.y <= line.size * WRAP_SPACING

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
        typical = self.stats.gap(page.number)
        if gap < 0:  # moved up the page: next column
            return _open_ended(current.text) and _continuation_start(line.text)
        if gap > typical * PARAGRAPH_GAP:  # a paragraph gap, unless the sentence runs on
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
            if all(_small(other, body_size) for other in below):
                return index
            if (
                self._set_apart(page, index)
                and line.y < page.height * 0.25
                and not any(other.bold for other in below)
            ):
                return index
        return None

    def _set_apart(self, page: Page, index: int) -> bool:
        """A line with a gap of several lines above it, as footnotes are set below the body."""
        if index == 0:
            return False
        above, line = page.lines[index - 1], page.lines[index]
        if above.y is None or line.y is None:
            return False
        return above.y - line.y > 3 * self.stats.gap(page.number)


def _wrapped_heading(run: list[Line]) -> bool:
    """A few bold lines that read as one heading: short, not ending a sentence, and if they
    end in a colon, a label rather than a lead-in."""
    text = " ".join(line.text.strip() for line in run)
    return (
        len(run) <= HEADING_LINES
        and len(text.split()) <= HEADING_WORDS
        and not text.endswith((".", "!", "?", ";", ","))
        and _names(text)
    )


def _heading_runs(lines: list[Line], kinds: list[str]) -> list[str]:
    """The lines a bold heading wraps onto are heading too, however they start or end."""
    kinds = list(kinds)
    for i, kind in enumerate(kinds):
        if kind != "heading" or not lines[i].bold:
            continue
        run = _bold_run(lines, i)
        if len(run) > 1 and _wrapped_heading(run):
            for j in range(i + 1, i + len(run)):
                kinds[j] = "heading" if kinds[j] in {"text", "date"} else kinds[j]
    return kinds


def _bold_run(lines: list[Line], i: int) -> list[Line]:
    """Line i and the bold lines of its size that follow it without a break."""
    run = [lines[i]]
    for line in lines[i + 1 :]:
        if not line.text or not line.bold or line.size != lines[i].size:
            break
        run.append(line)
    return run


def _strip_markers(line: Line, numbers: set[str]) -> Line:
    """Remove footnote markers glued to the end of words: 'Mechanism)1 or' -> 'Mechanism) or'."""
    if not numbers:
        return line
    markers = "|".join(sorted(numbers, key=len, reverse=True))
    # after a word or its closing punctuation, never inside a number like "1.1"
    pattern = rf"(?:(?<=[A-Za-z)\]’”\"])|(?<=[A-Za-z)\]’”\"][.,;:]))(?:{markers})(?=\s|$|[,.;:])"

    def cut(match: re.Match[str]) -> str:
        # a unit's power ('12 m2') stays
        return match.group(0) if UNIT.search(line.text, 0, match.start()) else ""

    return Line(re.sub(pattern, cut, line.text), line.y, line.size, line.bold)


def _mark_debris(lines: list[Line], kinds: list[str], positioned: bool) -> list[str]:
    """Runs of three or more short, unpunctuated lines are chart labels or table cells; runs
    of lines ending in a page number are a contents list."""
    if not positioned:
        return kinds
    short = [
        kind in {"text", "heading"}
        and (len(line.text.split()) <= SHORT_CELL or bool(_ENDS_IN_PAGE_NUMBER.search(line.text)))
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


def _stands_after_blank(lines: list[Line], i: int) -> bool:
    """In plain text, a line with a blank line (or the page's edge) above it."""
    return i == 0 or not lines[i - 1].text


def _stands_alone(lines: list[Line], i: int) -> bool:
    """In plain text, a line with a blank line (or the page's edge) above and below it."""
    after = i + 1 >= len(lines) or not lines[i + 1].text
    return _stands_after_blank(lines, i) and after


def _carry_notes(kinds: list[str]) -> list[str]:
    """In plain text, a note runs on over the lines below it, to the next blank line."""
    carried = list(kinds)
    for i in range(1, len(carried)):
        if carried[i - 1] in {"note", "note_more"} and carried[i] != "blank":
            carried[i] = "note_more"
    return carried


def _web_addresses(text: str) -> bool:
    """A line made mostly of web or mail addresses."""
    words = text.split()
    addresses = sum(1 for word in words if _ADDRESS.search(word))
    return addresses * 2 >= len(words)


_OPENING_QUOTES = "‘“'\""
# a heading may open with a short quotation when words follow it: "‘Was not brought’: ..."
_QUOTED_LABEL = re.compile(r"^[‘“'\"][^’”'\"]{1,60}[’”'\"]\s*[:–-]?\s*\w")
_SENTENCE_BREAK = re.compile(r"[a-z]\.\s+(?=[A-Z])")


def _opens_heading(text: str) -> bool:
    """A heading starts with a letter or a number (after an opening quote mark, as in
    '‘Was not brought’: ...'), not a raised note number; it holds no web address (a
    reference's title on a line of its own) and no sentence that ends for another to start."""
    if text[0] in _OPENING_QUOTES and not _QUOTED_LABEL.match(text):
        return False  # a quotation standing alone, not a label opening with one
    first = text[1] if text[0] in _OPENING_QUOTES else text[0]
    if not first.isalnum() or RAISED_NOTE.match(text) or _runs_on(text):
        return False
    return "http" not in text and "www." not in text


def _runs_on(text: str) -> bool:
    """A sentence of four or more words ends and another starts on the line: prose in large
    print, not a heading ("Mr. Smith" and "e.g. Teenagers" end no sentence)."""
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[: match.start() + 2]
        if len(before.split()) >= 4 and not ends_in_abbreviation(before):
            return True
    return False


def _names(text: str) -> bool:
    """Whether a line set as body text, if it ends in a colon, names what follows ('Key lines
    of enquiry:', '4.2 Background:') rather than starting a sentence that runs into it ('The
    police should:', 'One father said:'); a numbered line is a heading whatever its ending."""
    text = text.rstrip()
    if not text.endswith(":") or _NUMBERED_HEADING.match(text):
        return True
    words = text.rstrip(":").split()
    lowered = [word.lower() for word in words]
    return (
        len(words) <= LABEL_WORDS
        and words[0][0].isupper()
        and lowered[0] not in _LEAD_IN_START
        and lowered[-1] not in _LEAD_IN_END
        and not _LEAD_IN_VERBS.intersection(lowered)
    )


def _is_caption(text: str) -> bool:
    """'Table 1: Key events' or 'Figure 2 Assessment framework', not 'Table 1 shows that…'."""
    match = _CAPTION.match(text)
    if match is None:
        return False
    return not match.group("sep").isspace() or (len(text.split()) <= 12 and not text.endswith("."))


def _caption_lines(lines: list[Line], kinds: list[str], body_size: float | None) -> list[str]:
    """A caption's second line, set as the first and otherwise than the body text, is part of
    the caption; a caption set as the body is one line, and what follows it is prose."""
    result = list(kinds)
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        if (
            result[i - 1] == "caption"
            and result[i] in {"heading", "text"}
            and (above.size, above.bold) == (line.size, line.bold)
            and line.size is not None
            and (line.bold or body_size is None or abs(line.size - body_size) >= 0.5)
            and len(line.text.split()) <= 12
        ):
            result[i] = "caption"
    return result


def _contents_page(lines: list[Line], kinds: list[str], page: int, pages: int) -> bool:
    """A page of contents entries: most of its lines end in page numbers that do not go down
    ('Referral 57', 'Timeliness 58'), with or without dotted leaders, and point on to later
    pages. A number alone on its line (a chart's scale) and 'see page 12' (a cross-reference)
    are no entries; a list pointing back ('…, see page 12' on page 40) is no contents, though
    pointing up to CONTENTS_BEHIND pages back is (page 1 of the text is the PDF's third)."""
    written = [line for line, kind in zip(lines, kinds, strict=True) if kind != "blank"]
    numbers = [
        int(match.group(1))
        for line in written
        if not line.text.strip().isdigit()
        and not _SEE_PAGE.search(line.text)
        and (match := _PAGE_REFERENCE.search(line.text))
    ]
    numbers = [number for number in numbers if number <= pages + 20]
    if len(numbers) < 5 or len(numbers) < 0.5 * len(written):
        return False
    # printed page numbers often start again after the cover: a few pages back is still on
    if sum(number > page - CONTENTS_BEHIND for number in numbers) < 0.8 * len(numbers):
        return False
    rising = sum(b >= a for a, b in itertools.pairwise(numbers))
    return rising >= 0.8 * (len(numbers) - 1)


def _mark_table_rows(
    lines: list[Line], kinds: list[str], body_size: float | None, gap: float
) -> list[str]:
    """Lines set side by side on one baseline, three or more across in two or more rows with a
    short cell in most rows, or two across in three or more rows of small print whose cells are
    mostly short, are the cells of a table, with the lines of their cells that ran on below
    them. Prose in columns has long lines side by side; a chronology's dates hang beside
    sentences."""
    near = 6  # the cells of a row come out within a few lines of each other
    mates: dict[int, int] = {}
    for i, line in enumerate(lines):
        if line.y is None or not line.text:
            continue
        mates[i] = sum(
            1
            for j in range(max(0, i - near), min(len(lines), i + near + 1))
            if j != i
            and lines[j].text
            and lines[j].y is not None
            and abs((lines[j].y or 0.0) - line.y) < 1.0
        )
    cells = sorted(i for i, count in mates.items() if count)
    result = list(kinds)
    # a table: cells no more than three lines apart, in rows as the docstring says
    for group in _runs(cells, gap=3):
        rows: dict[int, list[int]] = {}
        for i in group:
            rows.setdefault(round(lines[i].y or 0.0), []).append(i)
        across = [row for row in rows.values() if len(row) >= 3]
        words = [len(lines[i].text.split()) for i in group]
        short_rows = sum(min(len(lines[i].text.split()) for i in row) <= 3 for row in across)
        small = all(_small(lines[i], body_size) for i in group)
        short = sum(count <= SHORT_CELL for count in words) >= 0.75 * len(words)
        if not (len(across) >= 2 and short_rows >= 0.5 * len(across)) and not (
            small and short and len(rows) >= 3
        ):
            continue
        end = group[-1]
        size = lines[end].size
        # the last row's cells run on below it, set as the cells; prose after a table is not
        while (
            end + 1 < len(lines)
            and lines[end + 1].text
            and lines[end + 1].size == size
            and lines[end].y is not None
            and lines[end + 1].y is not None
            and 0 < (lines[end].y or 0.0) - (lines[end + 1].y or 0.0) <= gap * PARAGRAPH_GAP
            and (_small(lines[end + 1], body_size) or _continuation_start(lines[end + 1].text))
        ):
            end += 1
        for k in range(group[0], end + 1):
            if result[k] != "blank":
                result[k] = "debris"
    return result


def _runs(indices: list[int], gap: int) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in indices:
        if runs and index - runs[-1][-1] <= gap:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _small(line: Line, body_size: float | None) -> bool:
    """Small print (footnotes, table cells, captions): a point or more below the body text."""
    return line.size is not None and body_size is not None and line.size <= body_size - SMALL_PRINT


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
    if match and not following and not match.group(2) and match.group(1).isupper():
        acronym = re.match(r"[A-Z]+\b", right)  # 'CAM-' / 'HS': join a word the document uses
        counts = vocabulary or Counter()
        if acronym and counts[(match.group(1) + acronym.group(0)).lower()]:
            return left[:-1] + right
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
