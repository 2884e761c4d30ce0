"""Plain data passed between the ingest stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageSource = Literal["text", "ocr", "unreadable"]
# "note": a note in plain text, kept as a passage of its own (a PDF's footnotes are not)
BlockKind = Literal["heading", "paragraph", "list_item", "footnote", "note", "debris"]


@dataclass
class Line:
    """One line of a page as it came out of the PDF (or text file, or OCR)."""

    text: str
    y: float | None = None  # distance from the page bottom, in points; None for plain text
    size: float | None = None  # font size in points
    bold: bool = False


@dataclass
class Page:
    """One page of a source document."""

    number: int  # 1-based
    lines: list[Line]
    height: float | None = None
    source: PageSource = "text"
    problem: str | None = None  # why the page is unreadable, when it is
    label: str | None = None  # the label the PDF's /PageLabels gives it, when it has them


@dataclass
class Block:
    """A paragraph-level unit of the rebuilt text: a heading, a paragraph, a footnote..."""

    kind: BlockKind
    text: str
    page_start: int
    page_end: int
    section: str | None = None
    paragraph_number: str | None = None
    # (offset into text, page) wherever the block carries on onto another page
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    char_start: int = 0  # offsets into ParsedDocument.text, filled when the text is assembled
    char_end: int = 0

    def page_at(self, offset: int) -> int:
        """The page on which the character at `offset` (relative to the block) stands."""
        page = self.page_start
        for break_offset, next_page in self.page_breaks:
            if offset >= break_offset:
                page = next_page
        return page


@dataclass
class Passage:
    """A citable chunk of a review: what is embedded, searched and quoted."""

    id: str
    review_id: str
    text: str
    section: str | None
    paragraph_numbers: list[str]
    page_start: int
    page_end: int
    char_start: int
    char_end: int
    kind: str = "analysis"  # narrative, analysis, recommendation, method, contents (ingest.kinds)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class FieldValue:
    """One metadata value with the page it was read from and the words that gave it."""

    value: str | int | list[str]
    page: int
    evidence: str


@dataclass
class ReviewMetadata:
    """What the document says about itself. A field is None when the document does not say."""

    title: FieldValue | None = None
    review_type: FieldValue | None = None
    partnership: FieldValue | None = None
    publication_date: FieldValue | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    publication_year: FieldValue | None = None
    author: FieldValue | None = None
    child_pseudonyms: FieldValue | None = None
    child_age: FieldValue | None = None  # as stated, e.g. "7 months"
    child_age_months: FieldValue | None = None
    child_sex: FieldValue | None = None  # male | female
    outcome: FieldValue | None = None  # died | serious_harm | other
    incident_year: FieldValue | None = None

    def value(self, name: str) -> str | int | list[str] | None:
        found = getattr(self, name)
        return None if found is None else found.value


@dataclass
class ParsedDocument:
    """A parsed review: its pages, rebuilt blocks, passages and metadata."""

    review_id: str  # content hash of the file's bytes
    source_path: str
    file_name: str
    content_sha256: str
    page_count: int
    text: str  # the rebuilt document text; block and passage offsets point into it
    blocks: list[Block]
    passages: list[Passage]
    metadata: ReviewMetadata
    unreadable_pages: list[dict[str, int | str]] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    document_kind: str = "case_review"  # case_review, thematic_review, briefing, guidance, other
    text_sha256: str = ""  # ingest.pipeline.text_fingerprint: its words, whatever its bytes
    # PDF page -> the number printed on it, where known (ingest.page_labels); none for text
    page_labels: dict[int, str] = field(default_factory=dict)
