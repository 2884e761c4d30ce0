"""Read a PDF into pages of positioned lines (pypdf), with OCR for pages that have no text."""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ingest import ocr
from ingest.blocks import UNIT  # a unit's raised power ('12 m²', '40 km2') is no marker
from ingest.errors import CorruptPdf, EncryptedPdf, NotAPdf, TooManyPages
from ingest.types import Line, Page

DEFAULT_MAX_PAGES = 1000
# A page with fewer visible characters than this is treated as having no text layer.
MIN_TEXT_CHARS = 25
# How far, in degrees, a line's baseline may lean off the horizontal or vertical and be read.
SLANT_TOLERANCE = 5

log = logging.getLogger(__name__)
# pypdf warns on stderr about what it repairs ("EOF marker not found"); a PDF it cannot read
# comes back as our own error naming the file, so its warnings would only repeat it, unlabelled.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(
    path: Path, data: bytes, max_pages: int = DEFAULT_MAX_PAGES, ocr_setting: str = "auto"
) -> list[Page]:
    """Pages of a PDF with their lines; OCR where a page has no text layer, unless
    `ocr_setting` is "off" (see ingest.ocr.available)."""
    if b"%PDF-" not in data[:1024]:
        raise NotAPdf(path)
    reader = _open(path, data)
    try:
        page_count = len(reader.pages)
    except Exception as error:  # pypdf raises many types on a broken page tree
        raise CorruptPdf(path, f"page tree unreadable: {error}") from error
    if page_count == 0:
        raise CorruptPdf(path, "the PDF has no pages")
    if page_count > max_pages:
        raise TooManyPages(path, f"{page_count} pages, limit {max_pages}; see --max-pages")
    pages = []
    with _font_cache():
        for index in range(page_count):
            pages.append(_read_page(reader, index, ocr_setting))
    for page, label in zip(pages, _declared_labels(reader), strict=False):
        page.label = label
    return pages


def _declared_labels(reader: PdfReader) -> list[str]:
    """The page labels the PDF declares (/PageLabels), or none: pypdf counts 1, 2, 3... for a
    PDF that declares none, which says nothing of what is printed."""
    try:
        if "/PageLabels" not in reader.root_object:
            return []
        return [str(label) for label in reader.page_labels]
    except Exception:  # a damaged label tree costs the labels, never the document
        return []


def _open(path: Path, data: bytes) -> PdfReader:
    import io

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as error:
        raise CorruptPdf(path, str(error) or type(error).__name__) from error
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # e.g. an unsupported crypto filter
            raise EncryptedPdf(path, f"cannot decrypt: {error}") from error
        if not opened:
            raise EncryptedPdf(path, "the empty password was refused")
    return reader


def _read_page(reader: PdfReader, index: int, ocr_setting: str = "auto") -> Page:
    number = index + 1
    try:
        page = reader.pages[index]
        height = float(page.mediabox.height)
        lines = _positioned_lines(page)
    except Exception as error:  # one bad page must not sink the document
        log.debug("page %d unreadable: %s", number, error)
        return Page(number, [], None, "unreadable", f"text extraction failed: {error}")
    if sum(len(line.text.strip()) for line in lines) >= MIN_TEXT_CHARS:
        return Page(number, lines, height, "text")
    return _ocr_page(page, number, height, lines, ocr_setting)


def _ocr_page(
    page: Any, number: int, height: float, text_lines: list[Line], ocr_setting: str = "auto"
) -> Page:
    if not ocr.available(ocr_setting):
        if text_lines:
            return Page(number, text_lines, height, "text")
        return Page(number, [], height, "unreadable", "no text layer and OCR is unavailable")
    image = _largest_image(page)
    if image is None:
        if text_lines:
            return Page(number, text_lines, height, "text")
        return Page(number, [], height, "unreadable", "no text layer and no image to OCR")
    lines = ocr.image_lines(image, page_height=height)
    if not lines:
        return Page(number, [], height, "unreadable", "OCR found no text")
    return Page(number, lines, height, "ocr")


def _largest_image(page: Any) -> Any:
    try:
        images = list(page.images)
    except Exception:
        return None
    if not images:
        return None
    best = max(images, key=lambda image: image.image.width * image.image.height)
    return best.image


def _positioned_lines(page: Any) -> list[Line]:
    """Lines as pypdf orders them, each with its height on the page and its font size."""
    lines: list[Line] = []
    starts: list[float | None] = []  # where each line begins across the page
    ends: list[float | None] = []  # and about where it ends (see _end)
    parts: list[str] = []
    sizes: dict[float, int] = {}
    bold_chars = 0
    y: float | None = None
    x: float | None = None

    carry = False  # a marker was cut out on a line of its own: its line runs on

    def finish() -> None:
        nonlocal parts, sizes, bold_chars, y, x, carry
        raw = "".join(parts)
        carry = raw.strip() == _CUT if raw.strip() else carry
        text = _CUT_MARKER.sub(_uncut, raw)
        if text.strip():
            size = max(sizes, key=lambda s: sizes[s]) if sizes else None
            joint = _set_in_line(lines, text, y, size)
            if joint is not None and _follows(starts, ends, x, lines[-1].size):
                # an ordinal's or a unit's raised letters ('1st', 'm2'), or a number set in
                # another font: part of the line before it, which runs on after them
                previous = lines[-1]
                joined = previous.text + joint + text.strip()
                lines[-1] = Line(joined, previous.y, previous.size, previous.bold)
                ends[-1] = _end(x, text, size)
                carry = True
                parts, sizes, bold_chars, y, x = [], {}, 0, None, None
                return
            chars = sum(sizes.values()) or 1
            lines.append(Line(text, y, size, bold_chars / chars > 0.6))
            starts.append(x)
            ends.append(_end(x, text, size))
        parts, sizes, bold_chars, y, x = [], {}, 0, None, None

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        nonlocal bold_chars, y, x, parts, sizes, carry
        if _slanted(cm, tm):
            for _ in range(text.count("\n")):
                finish()  # where pypdf saw a line end, the lines either side stay apart
            return
        pieces = text.split("\n")
        for position, piece in enumerate(pieces):
            if position > 0:
                finish()
            if not piece:
                continue
            visible = len(piece.strip())
            if visible:
                scale = abs(tm[3] * cm[3]) or 1.0
                size = round(font_size * scale, 1)
                if y is None:
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    if _abuts(lines, starts, x, y, size, piece):
                        # a letter set on its own ('A' + 'bi Gbago'): one word, not two
                        previous = lines.pop()
                        x = starts.pop()
                        ends.pop()
                        parts = [previous.text.strip()]
                    elif (
                        carry
                        and lines
                        and lines[-1].y is not None
                        and abs(lines[-1].y - y) < 1
                        and _follows(starts, ends, x, size)
                    ):
                        # the rest of a line whose raised marker pypdf set apart: one line
                        previous = lines.pop()
                        x = starts.pop()
                        ends.pop()
                        words = previous.text[-1:].isalnum() and piece[:1].isalnum()
                        parts = [previous.text, " " if words else _CUT]
                        if previous.size is not None:
                            sizes[previous.size] = len(previous.text.strip())
                        if previous.bold:
                            bold_chars += len(previous.text.strip())
                    carry = False
                sizes[size] = sizes.get(size, 0) + visible
                name = str(font.get("/BaseFont", "")) if font else ""
                if "bold" in name.lower() or "black" in name.lower():
                    bold_chars += visible
            parts.append(piece)

    markers = _ReferenceMarkers()
    page.extract_text(
        visitor_text=visit,
        visitor_operand_before=markers.before,
        visitor_operand_after=markers.after,
    )
    finish()
    return lines


def _slanted(cm: list[float], tm: list[float]) -> bool:
    """Text set at a slant, neither across nor up the page: a diagram's labels along its
    curves, a watermark. pypdf reads it letter by letter in the wrong order ('tioning nity
    alu'), and it is never the body of a page."""
    across = tm[0] * cm[0] + tm[1] * cm[2]
    up = tm[0] * cm[1] + tm[1] * cm[3]
    angle = abs(math.degrees(math.atan2(up, across))) % 90
    return SLANT_TOLERANCE < angle < 90 - SLANT_TOLERANCE


_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
# What a footnote reference looks like once set small and raised: '2', '12', '3,4', '5-7'
_MARKER = re.compile(r"\d{1,3}(?:[,–-]\d{1,3})*")
_WORD = re.compile(r"[^\W\d_]{2}")  # a marker follows words, not a bare list number
_CUT = "\u2063"  # left where a marker was cut out, until the line is put together
# the cut, with the space before it where punctuation follows ('the review 12.'), and the
# spaces around it as one where a word follows
_CUT_MARKER = re.compile(rf"\s*{_CUT}(?=[.,;:!?)\]’”])|(?<=\S){_CUT}\s+(?=\S)|{_CUT}")
# what runs on after a cut marker at its size and height ('133' then ',' '134' or ',135')
_MARKER_RUN_ON = re.compile(r"(?:[,–-]\s?)?\d{1,3}(?:[,–-]\d{1,3})*|[,–-]")


def _uncut(match: re.Match[str]) -> str:
    return " " if match.group(0)[-1:].isspace() else ""


SUPERSCRIPT_SIZE = 0.85  # a marker is set at most this share of the text's size ...
SUPERSCRIPT_RISE = 0.1  # ... and raised at least this share of it above the text's baseline
SUPERSCRIPT_TOP = 0.7  # ... but less than this share (higher is a line of its own)


def _raised(size: float, rise: float, text_size: float) -> bool:
    """Set as a superscript to text of `text_size`: smaller, and raised `rise` above its
    baseline by some but not a line's height."""
    return (
        size <= text_size * SUPERSCRIPT_SIZE
        and text_size * SUPERSCRIPT_RISE <= rise < text_size * SUPERSCRIPT_TOP
    )


class _ReferenceMarkers:
    """Drops footnote reference markers while pypdf reads a page: digits set smaller than the
    text before them on the same line and raised above its baseline ('the Act 1989³').
    pypdf runs them into the word ('19893'), where no later stage can tell them from a number.

    pypdf reports text only once a line is put together, so each text-showing operator is
    watched: what it added to pypdf's pending text, at which size and height. A marker is cut
    out of that pending text before pypdf hands the line on. A number at the start of a line
    (a footnote's own number at the foot of the page) has no text before it and is kept. With
    a pypdf whose text extraction is built otherwise, nothing is dropped.
    """

    def __init__(self) -> None:
        self.extractor: Any = None
        self.pending = ""  # pypdf's pending text before the current operator
        self.position: tuple[float, float] = (0.0, 0.0)  # its size and baseline
        self.text_run: tuple[float, float] | None = None  # size and baseline of the last text
        self.rise = 0.0  # the text rise (Ts), in unscaled text space units
        self.line = ""  # the text set so far on the last text's baseline
        self.cut: tuple[float, float] | None = None  # size and baseline of a marker just cut

    def before(
        self, operator: bytes, operands: list[Any], cm: list[float], tm: list[float]
    ) -> None:
        if operator == b"Ts" and operands:
            with contextlib.suppress(TypeError, ValueError):
                self.rise = float(operands[0])
        if operator not in _SHOW_TEXT:
            return
        # the caller is pypdf's _extract_text, whose TextExtraction holds the pending text
        extractor = sys._getframe(1).f_locals.get("extractor")
        pending = getattr(extractor, "text", None)
        font_size = getattr(extractor, "font_size", None)
        if not isinstance(pending, str) or not isinstance(font_size, (int, float)):
            self.extractor = None
            _warn_no_extractor()
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] + self.rise * scale
        self.extractor, self.pending = extractor, pending
        self.position = (abs(font_size) * scale, baseline)

    def after(self, operator: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        extractor, self.extractor = self.extractor, None
        if operator not in _SHOW_TEXT or extractor is None:
            return
        text = getattr(extractor, "text", None)
        if not isinstance(text, str) or not text.startswith(self.pending):
            return  # pypdf passed its pending text on meanwhile: leave it as it is
        added = text[len(self.pending) :]
        if not added.strip():
            return
        size, baseline = self.position
        core = added.strip()
        if self._is_marker(core, size, baseline) or (
            self.cut is not None
            and _MARKER_RUN_ON.fullmatch(core)
            and abs(self.cut[0] - size) < 0.5
            and abs(self.cut[1] - baseline) < 0.5
        ):
            start = added.index(core)
            extractor.text = self.pending + added[:start] + _CUT + added[start + len(core) :]
            self.cut = (size, baseline)
            return
        self.cut = None
        if self.text_run is not None and abs(baseline - self.text_run[1]) < 0.5 * size:
            self.line += added
        else:
            self.line = added
        self.text_run = (size, baseline)

    def _is_marker(self, added: str, size: float, baseline: float) -> bool:
        """Digits set small and raised after words on the same line; after a bare list
        number ('1. ¹ Act…', a footnote numbered twice) it is kept."""
        if self.text_run is None or not _MARKER.fullmatch(added) or not _WORD.search(self.line):
            return False
        if UNIT.search(self.line.rstrip()):
            return False
        run_size, run_baseline = self.text_run
        return _raised(size, baseline - run_baseline, run_size)


AVERAGE_ADVANCE = 0.5  # a character's width in ems, about, for where a line ends
FOLLOWS_WITHIN = 1.5  # ems: a piece this close after a line's end runs it on


def _end(x: float | None, text: str, size: float | None) -> float | None:
    """About where a line starting at `x` ends across the page: pypdf gives no widths here,
    so each character counts half an em."""
    if x is None or size is None:
        return None
    return x + len(text.rstrip()) * size * AVERAGE_ADVANCE


def _follows(
    starts: list[float | None], ends: list[float | None], x: float | None, size: float | None
) -> bool:
    """Whether a piece starting at `x` carries on the last line across the page: it starts
    after the line's start and within FOLLOWS_WITHIN ems of its estimated end, not in a
    table's next cell or the next column. Unknown positions keep the join."""
    if not starts or x is None or size is None or starts[-1] is None or ends[-1] is None:
        return True
    start, end = starts[-1], ends[-1]
    return start < x and x - end <= FOLLOWS_WITHIN * size


def _set_in_line(lines: list[Line], text: str, y: float | None, size: float | None) -> str | None:
    """How `text`, a few characters pypdf set on a line of their own, joins the last line: a
    superscript raised just after it ('1' + 'st': ''), or characters in another size on its
    baseline ('aged' + '3': ' '); None when it is a line of its own."""
    if not lines or y is None or size is None or len(text.strip()) > 3:
        return None
    previous = lines[-1]
    if previous.y is None or previous.size is None or not previous.text[-1:].isalnum():
        return None
    rise = y - previous.y
    if abs(rise) < 0.5 and abs(size - previous.size) >= 0.5:
        return " "
    if _raised(size, rise, previous.size):
        return ""
    return None


@functools.cache
def _warn_no_extractor() -> None:
    """Said once a run: this pypdf builds its text otherwise, so no marker is cut."""
    log.warning(
        "pypdf %s: its text extractor was not found; raised footnote markers are not cut",
        getattr(sys.modules.get("pypdf"), "__version__", "?"),
    )


def _abuts(
    lines: list[Line], starts: list[float | None], x: float, y: float, size: float, piece: str
) -> bool:
    """Whether `piece` carries on a single letter set just before it on the same baseline with
    no space between (a drop capital): it starts less than that letter's width away."""
    if not lines or lines[-1].y is None or starts[-1] is None:
        return False
    previous = lines[-1].text.strip()
    if not (len(previous) == 1 and previous.isalpha() and piece[:1].islower()):
        return False
    if abs(lines[-1].y - y) > 0.5:
        return False
    advance = x - (starts[-1] or 0.0)
    width = 0.75 if previous.isupper() else 0.55  # of the letter, in ems; a space adds ~0.28
    return 0 < advance < size * width


@contextlib.contextmanager
def _font_cache() -> Iterator[None]:
    """Parse each font once per document instead of once per page.

    pypdf rebuilds a font's character map on every page that uses it; on PDFs
    with large CID fonts that is most of the run time (0.8 s a page measured on
    the 2010 IRO guidance). The cache lives for one document only.
    """
    try:
        from pypdf.generic._font import Font
    except ImportError:  # a pypdf without this class: run uncached
        yield
        return
    original = Font.__dict__.get("from_font_resource")
    if original is None:
        yield
        return
    cache: dict[Any, Any] = {}

    def cached(cls: type, pdf_font_dict: Any) -> Any:
        key = getattr(pdf_font_dict, "indirect_reference", None)
        if key is None:
            return original.__func__(cls, pdf_font_dict)
        key = (key.idnum, key.generation)
        if key not in cache:
            cache[key] = original.__func__(cls, pdf_font_dict)
        return cache[key]

    Font.from_font_resource = classmethod(cached)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Font.from_font_resource = original  # type: ignore[method-assign]
