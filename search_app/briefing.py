"""Quote bank exports: a collection of quotes as Markdown, CSV, DOCX, and as a 7-minute
briefing that a trainer shapes: their own words in each section, each quote placed in the
section they choose, trimmed to the sentences they keep, with a note.

A quote is a plain dict saved in the store: text, review title, partnership, year, pages,
paragraph numbers, section, and an optional note. The trainer's work on a briefing is a
`Draft`, saved in the store beside the collection (the quote order is the collection's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from graph.csv_cells import comment_rows, csv_text, provenance_lines
from ingest.abbreviations import ABBREVIATION
from ingest.enrich import part_of_review
from ingest.page_labels import cite_pages, printed
from ingest.page_labels import from_json as page_labels

# The 7-minute briefing shape that safeguarding partnerships use: heading, what goes there
# (a hint for the trainer, shown in the app only), and which parts of a review it suggests.
BRIEFING_SECTIONS = [
    ("1. Background", "Why this briefing, and the review it draws on.", {"background", "other"}),
    ("2. What happened", "The key practice episodes.", {"practice"}),
    ("3. Key findings", "What the review found.", {"findings", "analysis"}),
    ("4. Learning for practice", "What should change, in the review's words.", {"recommendations"}),
    ("5. Reflective questions", "For supervision and team meetings.", set()),
    ("6. Resources", "The reviews quoted, and where to read them.", set()),
]
HEADINGS = [heading for heading, _, _ in BRIEFING_SECTIONS]
PROMPTS = {heading: prompt for heading, prompt, _ in BRIEFING_SECTIONS}
RESOURCES = HEADINGS[-1]  # filled with the reviews quoted, always
REFLECTIVE_QUESTIONS = [
    "Who are the adults in this child's life, and what do you know about each of them?",
    "What information do you hold that another agency would need, and have you shared it?",
    "What would the child say about their day, if you asked them?",
    "When did you last challenge a plan or an assessment, and what helped you to do it?",
]
# Sources without pages: a citation gives the section and paragraph instead of "p. 1".
PAGELESS_SUFFIXES = (".txt", ".md")
ELLIPSIS = "…"
# A title that already says it: "7-Minute Briefing: ...", "7 minute briefing – ...".
_BRIEFING_NAMED = re.compile(r"\b(?:7|seven)[\s-]*minute\s+briefing\b", re.I)
# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital or digit,
# except after a title or abbreviation ("Mr. Smith", "e.g. The").
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
# "s. 47", "ss. 17", "No. 3", "fig. 3", "3 Jan. 2019", "Sept. 2020": abbreviations only before a
# number, as each can end a sentence too ("the answer was no. Then ...", "moved in Oct. The ...").
# Not in ingest.abbreviations: the parser, which reads that list too, never ends a sentence
# before a number.
_NUMBERED_ABBREVIATIONS = re.compile(
    r"\b(?:s|ss|no|nos|figs?|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$", re.I
)
# A list item starts a new sentence: a bullet character anywhere (the text comes flattened from
# PDFs), or "-" or "*" opening a line.
_BULLET_START = re.compile(r"(?=[•◦▪‣●○■□⁃])|(?m:^[ \t]*(?=[-*][ \t]))")
# In the trainer's own words, a line opening with a bullet is a list item; one opening with a
# number ("2. ", "3) ") is a paragraph that keeps its number.
_OWN_BULLET = re.compile(r"^[ \t]*[-*+•◦▪‣●○■□⁃][ \t]+")
_OWN_NUMBER = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]")
# What Markdown would read as other than text at the start of a paragraph or list item: a
# list's number ("3. "), a bullet, a heading, a block quote, a rule ("---"), a code fence or HTML.
_LIST_NUMBER = re.compile(r"^\d{1,9}(?=[.)](?:\s|$))")
_MARKUP_OPENING = re.compile(
    r"^(?:[-+*](?:\s|$)|#{1,6}(?:\s|$)|>|([-*_])(?:\s*\1){2,}\s*$|```|~~~|<)"
)


# -- citations ---------------------------------------------------------------------------------


def has_pages(quote: dict[str, Any]) -> bool:
    """Whether the quote's source has pages: PDFs do, text and Markdown files do not."""
    name = str(quote.get("file_name") or quote.get("source_path") or "").lower()
    return not name.endswith(PAGELESS_SUFFIXES)


def citation(quote: dict[str, Any]) -> str:
    """'Title, Partnership, 2021, p. 4, para. 3.2' from whatever the quote holds; a source
    without pages is cited by section and paragraph: 'Title, ..., 2021, “Background”'."""
    name = quote.get("title") or quote.get("file_name") or quote.get("review_id")
    text = source_of({**quote, "title": name})
    if pages := pages_of(quote):
        text += ", " + pages
    elif quote.get("section"):
        text += f", section “{quote['section']}”"
    paragraphs = [str(p) for p in quote.get("paragraph_numbers") or []]
    if not paragraphs:
        return text
    return text + (", para. " if len(paragraphs) == 1 else ", paras. ") + ", ".join(paragraphs)


def pages_of(quote: dict[str, Any]) -> str | None:
    """'p. 14 (printed 12)', 'pp. 14-15' or 'p. 5' (ingest.page_labels.cite_pages), or None
    for a source without pages."""
    start = quote.get("page_start")
    if not has_pages(quote) or not start:
        return None
    return cite_pages(start, quote.get("page_end") or start, *printed_pages(quote))


def printed_pages(quote: dict[str, Any]) -> tuple[str | None, str | None]:
    """The numbers printed on a quote's first and last pages, where known: a search result
    carries them; a saved quote or a stored passage has its review's labels to look them in."""
    if "printed_start" in quote:
        return quote.get("printed_start"), quote.get("printed_end")
    start = quote.get("page_start")
    if not has_pages(quote) or not start:
        return None, None
    return printed(page_labels(quote.get("page_labels")), start, quote.get("page_end") or start)


def with_notes(quotes: list[dict[str, Any]], draft: Draft) -> list[dict[str, Any]]:
    """Quotes with the notes the trainer wrote on them in the builder, for the quotes-only
    exports (the briefing's own take them from the draft)."""
    return [{**quote, "note": draft.note_of(quote)} for quote in quotes]


def with_files(quotes: list[dict[str, Any]], reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes with their review's file name (which says whether the source has pages)."""
    files = {row["review_id"]: row.get("file_name") for row in reviews}
    return [
        {**quote, "file_name": quote.get("file_name") or files.get(quote.get("review_id") or "")}
        for quote in quotes
    ]


def with_themes(
    quotes: list[dict[str, Any]], passages: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Quotes with their passage's themes in force now (`passages` as Store.passages gives
    them: a person's correction over the machine's label), which a saved quote does not keep;
    a quote whose passage is no longer stored has none."""
    return [
        {
            **quote,
            "themes": list((passages.get(quote.get("passage_id") or "") or {}).get("themes") or []),
        }
        for quote in quotes
    ]


# -- excerpts ----------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The quote's sentences, on one line each; each bullet item starts a new one."""
    return [sentence for item in _BULLET_START.split(text) for sentence in _sentences_of(item)]


def _sentences_of(text: str) -> list[str]:
    flat = " ".join(text.split())
    found, start = [], 0
    for match in _SENTENCE_END.finditer(flat):
        if _abbreviated(flat[start : match.start() + 1], flat[match.end() :]):
            continue
        found.append(flat[start : match.end()].strip())
        start = match.end()
    found.append(flat[start:].strip())
    return [sentence for sentence in found if sentence]


def _abbreviated(before: str, after: str) -> bool:
    """Whether the full stop ending `before` is an abbreviation's, given the text after it."""
    if ABBREVIATION.search(before):
        return True
    return bool(_NUMBERED_ABBREVIATIONS.search(before)) and after[:1].isdigit()


def excerpt(text: str, keep: list[int] | None = None) -> str:
    """The chosen sentences, with an ellipsis wherever sentences were left out."""
    found = sentences(text)
    chosen = sorted({i for i in keep or [] if 0 <= i < len(found)})
    if not chosen:
        return " ".join(found)
    pieces = [ELLIPSIS] if chosen[0] > 0 else []
    for number, index in enumerate(chosen):
        if number and index != chosen[number - 1] + 1:
            pieces.append(ELLIPSIS)
        pieces.append(found[index])
    if chosen[-1] < len(found) - 1:
        pieces.append(ELLIPSIS)
    return " ".join(pieces)


def _bare(sentence: str) -> str:
    """A sentence without the bullet that opens it, to find it again whatever the cut."""
    return sentence.lstrip("•◦▪‣●○■□⁃-* \t").strip()


# -- the trainer's draft -----------------------------------------------------------------------


@dataclass
class Draft:
    """What a trainer made of a collection: a title, their words per section, where each
    quote goes, the sentences kept of each, and a note per quote (by quote id)."""

    title: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    placement: dict[str, str] = field(default_factory=dict)
    excerpts: dict[str, list[int]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    kept: dict[str, list[str]] = field(default_factory=dict)  # the kept sentences' own words

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Draft:
        data = data or {}
        return cls(
            title=str(data.get("title") or ""),
            texts={str(k): str(v) for k, v in (data.get("texts") or {}).items()},
            placement={
                str(k): str(v) for k, v in (data.get("placement") or {}).items() if v in HEADINGS
            },
            excerpts={str(k): [int(i) for i in v] for k, v in (data.get("excerpts") or {}).items()},
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
            kept={str(k): [str(x) for x in v] for k, v in (data.get("kept") or {}).items()},
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def keep(self, quote_id: str, text: str, chosen: list[int]) -> None:
        """Keep these sentences of a quote (by their numbers in `sentences(text)`)."""
        found = sentences(text)
        chosen = sorted({i for i in chosen if 0 <= i < len(found)})
        self.excerpts[quote_id] = chosen
        self.kept[quote_id] = [found[i] for i in chosen]

    def kept_sentences(self, quote_id: str, text: str) -> list[int]:
        """The numbers of the sentences kept of a quote, found again by their words: if the way
        a quote is cut into sentences changes (a bullet now starts one), numbers alone would
        keep other sentences. A kept sentence now cut in two keeps both parts."""
        if quote_id not in self.kept:
            return self.excerpts.get(quote_id, [])
        found = [_bare(sentence) for sentence in sentences(text)]
        chosen: set[int] = set()
        for words in map(_bare, self.kept[quote_id]):
            if words in found:
                chosen.add(found.index(words))
                continue
            parts = {i for i, sentence in enumerate(found) if sentence and sentence in words}
            whole = [i for i, sentence in enumerate(found) if words in sentence]
            chosen |= parts or set(whole[:1])
        return sorted(chosen)

    def note_of(self, quote: dict[str, Any]) -> str | None:
        """The trainer's note on the quote in the builder, else the one saved with it."""
        return self.notes.get(str(quote.get("id")), quote.get("note") or "").strip() or None

    def section_of(self, quote: dict[str, Any]) -> str:
        """Where the quote goes: the trainer's choice, else a suggestion from the part of the
        review it came from."""
        chosen = self.placement.get(str(quote.get("id")))
        if chosen in HEADINGS:
            return chosen
        part = part_of_review(quote.get("section"))
        return next(h for h, _, parts in BRIEFING_SECTIONS if part in parts or h == RESOURCES)

    def text_of(self, heading: str) -> str:
        """The trainer's words for a section; the reflective questions start with examples."""
        if heading in self.texts:
            return self.texts[heading]
        return "\n\n".join(REFLECTIVE_QUESTIONS) if heading == HEADINGS[4] else ""


@dataclass
class Block:
    """A paragraph of a briefing: the trainer's words, a quote with its citation, or an entry
    of a list (`listed`: the reviews quoted)."""

    text: str
    cite: str | None = None
    note: str | None = None
    listed: bool = False

    @property
    def is_quote(self) -> bool:
        return self.cite is not None


@dataclass
class Section:
    heading: str
    prompt: str
    blocks: list[Block]


def own_words(text: str) -> list[Block]:
    """The trainer's words for a section: paragraphs (blank lines between them), each on one
    line; a line opening with a bullet ("- ", "* ", "• ") is an item of a list, and a line
    opening with a number ("3. ") starts a paragraph of its own, its number kept as written."""
    blocks: list[Block] = []
    current: Block | None = None
    for line in text.splitlines():
        bullet = _OWN_BULLET.match(line)
        if not line.strip():
            current = None
        elif bullet:
            current = Block(line[bullet.end() :], listed=True)
            blocks.append(current)
        elif current is None or _OWN_NUMBER.match(line) or _ends_list(current, line):
            current = Block(line)
            blocks.append(current)
        else:
            current.text += " " + line
    return [
        replace(block, text=" ".join(block.text.split())) for block in blocks if block.text.strip()
    ]


def _ends_list(current: Block, line: str) -> bool:
    """A line after a list item goes on with the item only when indented."""
    return current.listed and not line[:1].isspace()


def compose(quotes: list[dict[str, Any]], draft: Draft | None = None) -> list[Section]:
    """Every section of the briefing, in order: the trainer's words, then the quotes placed
    there in the collection's order. A section may be empty (see `filled`)."""
    draft = draft or Draft()
    sections = []
    for heading, prompt, _ in BRIEFING_SECTIONS:
        blocks = own_words(draft.text_of(heading))
        for quote in quotes:
            if draft.section_of(quote) == heading:
                key = str(quote.get("id"))
                whole = quote.get("text") or ""
                text = excerpt(whole, draft.kept_sentences(key, whole))
                blocks.append(Block(text, citation(quote), draft.note_of(quote)))
        if heading == RESOURCES:
            blocks += [Block(text, listed=True) for text in reviews_quoted(quotes)]
        sections.append(Section(heading, prompt, blocks))
    return sections


def filled(sections: list[Section]) -> list[Section]:
    """The sections with something in them: an empty one is left out of an export."""
    return [section for section in sections if section.blocks]


def reviews_quoted(quotes: list[dict[str, Any]]) -> list[str]:
    """'Title, Partnership, Year' of each review quoted, once each."""
    return sorted({review for review in map(source_of, quotes) if review})


def source_of(quote: dict[str, Any]) -> str:
    """'Title, Partnership, Year' of the review a quote is from; the year once, when the
    title ends in it ("Working Together to Safeguard Children 2023", not "..., 2023, 2023")."""
    year, title = quote.get("year"), quote.get("title")
    if year and title and re.search(rf"\b{year}\)?\s*$", str(title)):
        year = None
    return ", ".join(str(part) for part in (title, quote.get("partnership"), year) if part)


# -- exports -----------------------------------------------------------------------------------


# what would start or end emphasis, code or a link inside a line of Markdown
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<>]")


def to_markdown(name: str, quotes: list[dict[str, Any]], about: Sequence[str] = ()) -> str:
    """The quotes with their citations; `about` (what the export holds, its filters and date)
    in italics under the title."""
    lines = [f"# {name}", ""]
    if about:
        lines += [
            "  \n".join("*" + _INLINE_MARKUP.sub(r"\\\g<0>", line) + "*" for line in about),
            "",
        ]
    for number, quote in enumerate(quotes, start=1):
        text = " ".join(quote["text"].split())
        lines += [f"{number}. > {text}", "", f"   — {citation(quote)}"]
        if quote.get("note"):
            lines += ["", f"   *Note:* {quote['note']}"]
        lines.append("")
    return "\n".join(lines)


def quotes_csv(name: str, quotes: list[dict[str, Any]], now: dt.datetime | None = None) -> str:
    """A quote bank's collection as CSV under the `#` rows every casegraph CSV starts with
    (graph.csv_cells.provenance_lines): the collection's name, no filters (its quotes were
    chosen one by one) and the date."""
    count = f"{len(quotes)} quote{'' if len(quotes) == 1 else 's'}"
    about = provenance_lines(f"quote bank {name!r} ({count})", "none", now)
    return comment_rows(about) + to_csv(quotes)


def to_csv(quotes: list[dict[str, Any]]) -> str:
    columns = [
        "position",
        "text",
        "title",
        "partnership",
        "year",
        "page_start",
        "page_end",
        "printed_page_start",  # the numbers printed on those pages, where known
        "printed_page_end",
        "paragraph_numbers",
        "section",
        "review_id",
        "passage_id",
        "note",
        "citation",
        "themes",  # theme ids, ';' between them: a quote's from with_themes
    ]
    rows = [
        {
            **quote,
            "position": position,
            "citation": citation(quote),
            **printed_columns(quote),
            "paragraph_numbers": ";".join(quote.get("paragraph_numbers") or []),
            "themes": ";".join(quote.get("themes") or []),
        }
        for position, quote in enumerate(quotes, start=1)
    ]
    return csv_text(columns, rows)  # no formula, no unquoted '#', in any cell


def printed_columns(quote: dict[str, Any]) -> dict[str, str | None]:
    """A CSV's printed-page cells: the numbers printed on the quote's first and last pages,
    empty where unknown (a text file, a page with no number, a store from before them)."""
    start, end = printed_pages(quote)
    return {"printed_page_start": start, "printed_page_end": end}


def briefing_markdown(title: str, quotes: list[dict[str, Any]], draft: Draft | None = None) -> str:
    return sections_markdown(title, compose(quotes, draft))


def briefing_heading(title: str) -> str:
    """'7-minute briefing: Title', unless the title already says it is one."""
    if _BRIEFING_NAMED.search(title):
        return title.strip()
    return f"7-minute briefing: {title}"


def sections_markdown(title: str, sections: list[Section]) -> str:
    """A 7-minute briefing as Markdown: the trainer's words as paragraphs and their list items
    bullets; each quote a block quote of its own (in quotation marks, with its citation) and
    the trainer's note on it a paragraph marked "Note:", so a quote never reads as one of the
    trainer's bullets; the sections headed as the builder heads them, empty ones left out."""
    lines = [f"# {briefing_heading(title)}", ""]
    for section in filled(sections):
        lines += [f"## {section.heading}", ""]
        previous = None
        for block in section.blocks:
            kind = _kind(block)
            if previous is not None and (kind, previous) != ("item", "item"):
                lines.append("")  # a list's items follow each other; all else stands apart
            lines += _markdown_block(block)
            previous = kind
        lines.append("")
    return "\n".join(lines)


def _kind(block: Block) -> str:
    return "quote" if block.is_quote else "item" if block.listed else "text"


def _markdown_block(block: Block) -> list[str]:
    if not block.is_quote:
        text = _as_text(block.text)
        return [f"- {text}" if block.listed else text]
    lines = [f"> “{block.text}”  ", f"> — *{block.cite}*"]
    return lines + (["", f"*Note:* {block.note}"] if block.note else [])


def _as_text(text: str) -> str:
    """Text that Markdown shows as written: "3. Act" would otherwise become a list the renderer
    numbers itself, and "- Ask" a bullet."""
    if number := _LIST_NUMBER.match(text):
        return f"{text[: number.end()]}\\{text[number.end() :]}"
    return f"\\{text}" if _MARKUP_OPENING.match(text) else text


def sections_docx(title: str, sections: list[Section], target: Path | BinaryIO) -> None:
    """A 7-minute briefing as an A4 Word document: the trainer's words as plain paragraphs and
    their list items bullets; each quote one paragraph in the Quote style with its citation
    inside it, and the trainer's note on it a paragraph of its own opening "Note:", so a quote
    never reads as one of the trainer's bullets; the sections headed as the builder heads
    them, empty ones left out."""
    document = _a4_document()
    document.add_heading(briefing_heading(title), level=0)
    for section in filled(sections):
        document.add_heading(section.heading, level=1)
        for block in section.blocks:
            if not block.is_quote:
                document.add_paragraph(block.text, style="List Bullet" if block.listed else None)
                continue
            paragraph = document.add_paragraph(style="Quote")
            paragraph.add_run(f"“{block.text}”")
            paragraph.add_run().add_break()
            paragraph.add_run(f"— {block.cite}").italic = True
            if block.note:
                note = document.add_paragraph()
                note.add_run("Note: ").bold = True
                note.add_run(block.note)
    document.save(target if not isinstance(target, Path) else str(target))


def _a4_document() -> Any:
    """A new Word document on A4 paper with 2 cm margins (python-docx starts on US Letter)."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
    return document


def to_docx(
    title: str,
    quotes: list[dict[str, Any]],
    path: Path,
    briefing: bool = False,
    draft: Draft | None = None,
    about: Sequence[str] = (),
) -> Path:
    """A Word document (A4): the quotes with citations, `about` (what the export holds, its
    filters and date) in italics under the title; or the 7-minute briefing."""
    if briefing:
        sections_docx(title, compose(quotes, draft), path)
        return path
    from docx.shared import Pt

    document = _a4_document()
    document.add_heading(title, level=0)
    for line in about:
        document.add_paragraph().add_run(line).italic = True
    for quote in quotes:
        body = document.add_paragraph(" ".join(quote["text"].split()), style="Intense Quote")
        body.runs[0].font.size = Pt(11)
        document.add_paragraph(citation(quote)).runs[0].italic = True
        if quote.get("note"):
            document.add_paragraph(f"Note: {quote['note']}")
    document.save(str(path))
    return path
