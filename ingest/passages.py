"""Cut blocks into citable passages that follow paragraphs and never cross a section."""

from __future__ import annotations

import hashlib
import itertools
import math
import re

from ingest.boilerplate import is_boilerplate
from ingest.types import Block, Passage

MIN_WORDS = 40
MAX_WORDS = 250
# A piece with fewer words than this is a fragment (a table cell's tail such as 'needs.', a
# form's 'Comment: ☐ ☐'), not something anyone would quote; it is left out
FRAGMENT_WORDS = 4
_REAL_WORD = re.compile(r"[^\W\d_]{2,}")
BLOCK_SEPARATOR = "\n\n"
_QUOTABLE = {"paragraph", "list_item", "note"}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"‘(])")


def assemble_text(blocks: list[Block]) -> str:
    """The document text: blocks joined by blank lines; sets each block's offsets."""
    parts: list[str] = []
    offset = 0
    for block in blocks:
        if parts:
            offset += len(BLOCK_SEPARATOR)
        block.char_start = offset
        block.char_end = offset + len(block.text)
        parts.append(block.text)
        offset = block.char_end
    return BLOCK_SEPARATOR.join(parts)


def make_passages(review_id: str, text: str, blocks: list[Block]) -> list[Passage]:
    """Passages of roughly MIN_WORDS to MAX_WORDS words; offsets point into `text`.

    Notices, distribution lists and contents pages are left out. A document whose every
    block was classed as a heading or debris (a cover and contents, a page of short lines)
    still gets passages from them: readable text is never left unsearchable. A note of a
    plain-text document (a reference, say) is a passage of its own, kept out of the body's.
    Fragments of a few words are left out, unless they are all there is.
    """
    quotable = [block for block in blocks if block.kind in _QUOTABLE and not is_boilerplate(block)]
    if not quotable:
        quotable = [b for b in blocks if b.kind != "footnote" and not is_boilerplate(b)] or [
            b for b in blocks if b.text.strip()
        ]
    chosen = {id(block) for block in quotable}
    passages: list[Passage] = []
    seen: dict[str, int] = {}  # the same text twice in one review still gets two ids
    groups = _groups(blocks, chosen)
    for group in [g for g in groups if not _fragment(g)] or groups:
        for start, end in _spans(group, text):
            occurrence = seen.get(text[start:end], 0)
            seen[text[start:end]] = occurrence + 1
            passages.append(_passage(review_id, text, group, start, end, occurrence))
    return passages


def _groups(blocks: list[Block], chosen: set[int]) -> list[list[Block]]:
    """Consecutive quotable blocks of one section, merged up to the size limits."""
    groups: list[list[Block]] = []
    current: list[Block] = []

    def flush() -> None:
        nonlocal current
        if current:
            groups.append(current)
        current = []

    for block in blocks:
        if id(block) not in chosen:
            flush()  # headings, footnotes, chart or table debris and notices end a passage
            continue
        if block.kind == "note":  # a note is quoted alone, never inside the body's passages
            flush()
            groups.append([block])
            continue
        words = _words(current)
        size = len(block.text.split())
        if (current and current[-1].section != block.section) or (
            current and words + size > MAX_WORDS
        ):
            flush()
        elif (
            current
            and words >= MIN_WORDS
            and block.kind == "paragraph"
            and (block.paragraph_number or size >= MIN_WORDS or _leads_in(block))
        ):
            # a numbered or full paragraph stands alone so it can be cited alone; a lead-in
            # ('Staff told us:') opens a passage with what it introduces
            flush()
        current.append(block)
    flush()
    return _merge_short_tails(groups)


def _fragment(group: list[Block]) -> bool:
    return sum(len(_REAL_WORD.findall(block.text)) for block in group) < FRAGMENT_WORDS


def _leads_in(block: Block) -> bool:
    return block.text.rstrip().endswith(":")


def _merge_short_tails(groups: list[list[Block]]) -> list[list[Block]]:
    merged: list[list[Block]] = []
    for group in groups:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and "note" not in {previous[-1].kind, group[0].kind}
            and _words(group) < MIN_WORDS
            and previous[-1].section == group[0].section
            and _adjacent(previous[-1], group[0])
            and _words(previous) + _words(group) <= MAX_WORDS
        ):
            previous.extend(group)
        else:
            merged.append(group)
    return merged


def _adjacent(left: Block, right: Block) -> bool:
    return right.char_start - left.char_end == len(BLOCK_SEPARATOR)


def _words(group: list[Block]) -> int:
    return sum(len(block.text.split()) for block in group)


def _spans(group: list[Block], text: str) -> list[tuple[int, int]]:
    """Character spans of the passages in a group: the group, or sentence-cut pieces of it."""
    start, end = group[0].char_start, group[-1].char_end
    words = len(text[start:end].split())
    if words <= MAX_WORDS:
        return [(start, end)]
    target = words / math.ceil(words / (MAX_WORDS * 0.8))
    spans: list[tuple[int, int]] = []
    piece_start, count = start, 0
    for unit_start, _unit_end in _units(text, start, end):
        size = len(text[unit_start:_unit_end].split())
        if count and (count + size > target * 1.15 or count + size > MAX_WORDS):
            spans.append((piece_start, _rstrip(text, piece_start, unit_start)))
            piece_start, count = unit_start, 0
        count += size
    spans.append((piece_start, end))
    return spans


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences; a sentence too long to quote whole is cut after a semicolon, comma or word."""
    units: list[tuple[int, int]] = []
    for sentence_start, sentence_end in _sentences(text, start, end):
        if len(text[sentence_start:sentence_end].split()) <= MAX_WORDS // 2:
            units.append((sentence_start, sentence_end))
            continue
        bounds, words = [sentence_start], 0
        # each gap ends a word: counting gaps keeps this linear in the sentence's length
        for match in re.finditer(r"\s+", text[sentence_start:sentence_end]):
            words += 1
            if words >= MAX_WORDS // 4:
                bounds.append(sentence_start + match.end())
                words = 0
        bounds.append(sentence_end)
        units.extend(itertools.pairwise(bounds))
    return [(a, b) for a, b in units if a < b]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start] + [start + m.end() for m in _SENTENCE_BREAK.finditer(text[start:end])] + [end]
    return list(itertools.pairwise(bounds))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _passage(
    review_id: str, text: str, group: list[Block], start: int, end: int, occurrence: int
) -> Passage:
    inside = [block for block in group if block.char_start < end and block.char_end > start]
    first, last = inside[0], inside[-1]
    passage_text = text[start:end]
    key = f"{review_id}\n{passage_text}" + (f"\n#{occurrence}" if occurrence else "")
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return Passage(
        id=digest,
        review_id=review_id,
        text=passage_text,
        section=first.section,
        paragraph_numbers=[b.paragraph_number for b in inside if b.paragraph_number],
        page_start=first.page_at(max(0, start - first.char_start)),
        page_end=last.page_at(min(last.char_end, end) - last.char_start - 1),
        char_start=start,
        char_end=end,
    )
