"""Parse one source document: read → clean → blocks → passages → metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ingest import page_labels
from ingest.blocks import build_blocks
from ingest.clean import clean_pages, margin_page_numbers
from ingest.errors import (
    EmptyFile,
    NoReadableText,
    TooMuchText,
    UnreadableFile,
    UnsupportedType,
)
from ingest.kinds import mark_kinds
from ingest.metadata import extract_metadata
from ingest.passages import assemble_text, make_passages
from ingest.pdf import DEFAULT_MAX_PAGES, read_pdf
from ingest.text import read_text
from ingest.types import Page, ParsedDocument, ReviewMetadata

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md"}
_WORD = re.compile(r"[^\W\d_]{2}")  # two letters in a row: some text was read


# Characters of text per document: Working Together 2023 (168 pages) has about 600,000.
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class ParseOptions:
    max_pages: int = DEFAULT_MAX_PAGES
    text_encoding: str = "utf-8"
    max_chars: int = DEFAULT_MAX_CHARS
    ocr: str = "auto"  # Settings.ocr: "off" never reads a scanned page (see ingest.ocr)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, with a clear error when it vanished or cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise UnreadableFile(
            path, "it no longer exists (moved or deleted during the batch)"
        ) from error
    except IsADirectoryError as error:
        raise UnreadableFile(path, "it is a directory") from error
    except PermissionError as error:
        raise UnreadableFile(path, "permission denied") from error
    except OSError as error:
        raise UnreadableFile(path, error.strerror or str(error)) from error
    if not data:
        raise EmptyFile(path)
    return data


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Fewer words than this, and no fingerprint is kept: too little to tell one document from
# another (a bare cover, a scan whose pages were not read). A one-page briefing or flowchart
# of a hundred words is enough: the same words on the same number of pages are the same text.
FINGERPRINT_WORDS = 50


def text_fingerprint(text: str, page_count: int) -> str:
    """A hash of a document's words and its page count, blind to case, spacing and
    punctuation: the same review saved again (another PDF writer, a repository's re-encoding)
    keeps it though its bytes change."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < FINGERPRINT_WORDS:
        return ""
    return hashlib.sha256(f"{page_count}\n{' '.join(words)}".encode()).hexdigest()


def review_id_for(digest: str) -> str:
    """A review's id: the start of its content hash, so a renamed copy is the same review."""
    return digest[:16]


def parse_document(path: Path, data: bytes, options: ParseOptions | None = None) -> ParsedDocument:
    """Parse a PDF, text or Markdown document already read into `data`."""
    options = options or ParseOptions()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedType(path, f"got {suffix or 'no extension'!r}")
    if not data:
        raise EmptyFile(path)
    if suffix == ".pdf":
        pages = read_pdf(path, data, options.max_pages, options.ocr)
    else:
        pages = read_text(path, data, options.text_encoding)
    readable = [page for page in pages if page.source != "unreadable" and page.lines]
    if not readable:
        problems = {page.problem for page in pages if page.problem}
        raise NoReadableText(path, "; ".join(sorted(problems)) or "the document is blank")
    characters = sum(len(line.text) for page in pages for line in page.lines)
    if characters > options.max_chars:
        raise TooMuchText(
            path,
            f"{characters:,} characters, over the limit of {options.max_chars:,} "
            "(--max-chars, CASEGRAPH_MAX_CHARS)",
        )
    document = build_document(path, content_hash(data), pages)
    if not any(_WORD.search(passage.text) for passage in document.passages):
        # a damaged file whose few characters make no words: not stored as an empty review
        raise NoReadableText(path, "no words could be read from it")
    return document


def build_document(path: Path, digest: str, pages: list[Page]) -> ParsedDocument:
    """The parsed document from its pages: the stages after reading, usable on any pages."""
    review_id = review_id_for(digest)
    labels = _printed_labels(pages)
    pages = clean_pages(pages)
    blocks = build_blocks(pages)
    text = assemble_text(blocks)
    metadata = extract_metadata(pages)
    unreadable: list[dict[str, int | str]] = [
        {"page": page.number, "problem": page.problem or "unreadable"}
        for page in pages
        if page.source == "unreadable"
    ]
    document = ParsedDocument(
        review_id=review_id,
        source_path=str(path),
        file_name=path.name,
        content_sha256=digest,
        # a page not read may hold what tells two documents apart
        text_sha256="" if unreadable else text_fingerprint(text, len(pages)),
        page_count=len(pages),
        text=text,
        blocks=blocks,
        passages=make_passages(review_id, text, blocks),
        metadata=metadata,
        unreadable_pages=unreadable,
        ocr_pages=[page.number for page in pages if page.source == "ocr"],
        warnings=_cover_warnings(metadata),
        page_labels=labels,
    )
    return mark_kinds(document)


def _printed_labels(pages: list[Page]) -> dict[int, str]:
    """The number printed on each page of a PDF where known: as the PDF declares it, else as
    its margins show it. Plain text has no pages to number."""
    if all(page.height is None for page in pages):
        return {}
    declared = page_labels.from_pdf([page.label or "" for page in pages])
    return declared or page_labels.infer(margin_page_numbers(pages))


def _cover_warnings(metadata: ReviewMetadata) -> list[str]:
    """A cover with nothing recognisable is reported, its fields left empty rather than guessed."""
    cover = ("title", "review_type", "partnership", "publication_date", "author")
    if all(getattr(metadata, name) is None for name in cover):
        return ["no title, review type, partnership, date or author recognised on the cover"]
    return []
