#!/usr/bin/env python3
"""Render the casegraph demo corpus.

Every ``corpora/demo/src/NN-slug.yaml`` (format: ``docs/demo-corpus-format.md``) becomes
``corpora/demo/NN-slug.pdf`` plus the ground-truth sidecar ``NN-slug.truth.json``.

Usage::

    python corpora/demo/build.py                      # every src/*.yaml
    python corpora/demo/build.py src/05-x.yaml        # just the named file(s)
    python corpora/demo/build.py --check              # validate the YAML only, write nothing
    python corpora/demo/build.py --outdir /tmp/demo   # write somewhere else (verify.py uses this)

The PDFs imitate the awkward parts of real published case reviews: running headers and
footers with page numbers, numbered paragraphs, footnotes at the bottom of the page on which
their marker lands, ligature codepoints (U+FB01/U+FB02) in the text layer, justified and
hyphenated text, tables, two-column pages and an image-only "scanned" page.

Output is deterministic (reportlab ``invariant=1``, seeded noise), so rebuilding does not
churn git. Needs ``reportlab``, ``pyyaml``, ``pillow`` and ``pyphen`` and the DejaVu fonts in
/usr/share/fonts/truetype/dejavu/.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ingest.review_types import REVIEW_TYPES

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "src"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

MIN_PAGES, MAX_PAGES = 4, 10

# ---------------------------------------------------------------------------
# page geometry (points)
PAGE_W, PAGE_H = A4
MARGIN_X = 2.3 * cm
FRAME_TOP = PAGE_H - 2.3 * cm
FRAME_BOTTOM = 2.2 * cm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = FRAME_TOP - FRAME_BOTTOM
COL_GAP = 0.8 * cm
HEADER_Y = PAGE_H - 1.45 * cm
HEADER_RULE_Y = PAGE_H - 1.65 * cm
FOOTER_RULE_Y = 1.65 * cm
FOOTER_Y = 1.2 * cm

# footnote block: gap above the rule, rule, gap below it, then the notes
FN_GAP_TOP = 8.0
FN_GAP_RULE = 4.0
FN_SPACING = 2.0

GREY = colors.Color(0.35, 0.35, 0.35)
HEADING_COLOUR = colors.Color(0.10, 0.20, 0.40)

# ---------------------------------------------------------------------------
# format constants (keep in step with FORMAT.md)
TOP_KEYS_REQUIRED = (
    "file",
    "metadata",
    "metadata_pages",
    "running_header",
    "running_footer",
    "page_number_style",
    "title_page",
    "body",
)
TOP_KEYS_OPTIONAL = ("footnotes",)
METADATA_KEYS = (
    "title",
    "review_type",
    "partnership",
    "publication_date",
    "author",
    "child_pseudonyms",
    "child_age",
    "child_age_months",
    "child_sex",
    "outcome",
    "incident_year",
    "themes",
)
SEXES = ("male", "female")
OUTCOMES = ("died", "serious_harm", "other")
ITEM_KINDS = (
    "heading",
    "subheading",
    "para",
    "bullets",
    "table",
    "page_break",
    "two_column",
    "scanned_page",
)
NESTABLE_KINDS = ("heading", "subheading", "para", "bullets", "table")

FN_MARK_RE = re.compile(r"\[\^(\d+)\]")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Words in which "fi"/"fl" are replaced by the ligature codepoints U+FB01/U+FB02, as the
# text layer of real (Word/InDesign-made) review PDFs often has them. Deterministic.
LIGATURE_WORD_RE = re.compile(
    r"\b\w*(?:signific|conflict|first|flat|specific|identif|difficult|officer|office|"
    r"benefit|confirm|reflect|influen|final|profil|flag|fluctuat|sufficien|qualifi|"
    r"notifi|classifi|clarifi|confident|fitted)\w*",
    re.IGNORECASE,
)
LIGATURES = {"fi": "\ufb01", "fl": "\ufb02"}


class SpecError(Exception):
    """A problem with a YAML source: the message names the file and the key."""


# ---------------------------------------------------------------------------
# YAML loading: keep "1.10", dates and yes/no as strings (they are text in a review)


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    ch: [
        (tag, rx)
        for tag, rx in resolvers
        if tag
        not in (
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:bool",
        )
    ]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# ---------------------------------------------------------------------------
# text helpers


def squash(text: str) -> str:
    """Collapse runs of whitespace (block scalars may contain newlines)."""
    return re.sub(r"\s+", " ", text).strip()


def clean_text(text: str) -> str:
    """Source text without footnote markers."""
    return squash(FN_MARK_RE.sub("", text))


def norm_match(text: str) -> str:
    """Aggressive normalisation for 'is this sentence inside that text' checks: undoes
    ligatures (NFKC), drops all whitespace and hyphens, so line breaks, justification and
    hyphenation cannot cause a false negative."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def ligate(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        w = m.group(0)
        for k, v in LIGATURES.items():
            w = w.replace(k, v)
        return w

    return LIGATURE_WORD_RE.sub(repl, text)


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markup(text: str, *, ligatures: bool) -> str:
    text = xml_escape(squash(text))
    if ligatures:
        text = ligate(text)
    return FN_MARK_RE.sub(r"<super>\1</super>", text)


_ABBREV = {"e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "no.", "st.", "cf.", "vs.", "para."}
_SENT_END_RE = re.compile(r"[.!?…][”’\"')\]]*(?:\[\^\d+\])*$")
_SENT_START_RE = re.compile(r"^[“‘\"'(\[]?[A-Z0-9]")


@dataclass
class Sentence:
    text: str  # clean (no markers)
    has_marker: bool
    nwords: int


def split_sentences(text: str) -> list[Sentence]:
    """Split source text (with [^N] markers) into sentences; a marker belongs to the
    sentence it follows."""
    toks = squash(text).split(" ")
    out: list[Sentence] = []
    cur: list[str] = []
    for i, tok in enumerate(toks):
        cur.append(tok)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        end = nxt is None or (
            _SENT_END_RE.search(tok)
            and _SENT_START_RE.match(nxt)
            and FN_MARK_RE.sub("", tok).lower() not in _ABBREV
        )
        if end and cur:
            raw = " ".join(cur)
            clean = clean_text(raw)
            out.append(Sentence(clean, bool(FN_MARK_RE.search(raw)), len(clean.split())))
            cur = []
    return out


# ---------------------------------------------------------------------------
# the validated document


@dataclass
class Item:
    kind: str
    id: str
    value: Any = None  # str for heading/subheading/para, list for bullets, dict for table
    num: str | None = None
    children: list[Item] = field(default_factory=list)
    auto_contents: bool = False
    in_scan: bool = False


@dataclass
class Spec:
    path: Path
    data: dict[str, Any]
    items: list[Item]
    footnotes: dict[int, str]

    @property
    def file(self) -> str:
        return str(self.data["file"])


def _err(path: Path, key: str, msg: str) -> SpecError:
    return SpecError(f"{path.name}: {key}: {msg}")


def _scalar_str(path: Path, key: str, v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    raise _err(path, key, f"expected text, got {type(v).__name__} {v!r}")


def load_spec(path: Path) -> Spec:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as e:
        raise SpecError(f"{path.name}: not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise SpecError(f"{path.name}: top level must be a mapping")
    for k in TOP_KEYS_REQUIRED:
        if k not in data:
            raise _err(path, k, "required key missing")
    for k in data:
        if k not in TOP_KEYS_REQUIRED + TOP_KEYS_OPTIONAL:
            raise _err(path, str(k), "unknown top-level key")
    if data["file"] != path.stem:
        raise _err(path, "file", f"{data['file']!r} must equal the YAML base name {path.stem!r}")

    # metadata
    md = data["metadata"]
    if not isinstance(md, dict):
        raise _err(path, "metadata", "must be a mapping")
    for k in METADATA_KEYS:
        if k not in md:
            raise _err(path, f"metadata.{k}", "required key missing (use null if not stated)")
    for k in md:
        if k not in METADATA_KEYS:
            raise _err(path, f"metadata.{k}", "unknown metadata key")
    for k in ("title", "partnership"):
        if not isinstance(md[k], str) or not md[k].strip():
            raise _err(path, f"metadata.{k}", "must be non-empty text")
    if md["author"] is not None and not isinstance(md["author"], str):
        raise _err(path, "metadata.author", "must be text or null")
    if md["review_type"] not in REVIEW_TYPES:
        raise _err(path, "metadata.review_type", f"{md['review_type']!r} not one of {REVIEW_TYPES}")
    pd = md["publication_date"]
    if pd is not None:
        pd = _scalar_str(path, "metadata.publication_date", pd)
        if not DATE_RE.match(pd):
            raise _err(
                path, "metadata.publication_date", f"{pd!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            )
        md["publication_date"] = pd
    if not isinstance(md["child_pseudonyms"], list) or not all(
        isinstance(x, str) for x in md["child_pseudonyms"]
    ):
        raise _err(path, "metadata.child_pseudonyms", "must be a list of text ([] if none)")
    if md["child_age"] is not None and not isinstance(md["child_age"], str):
        md["child_age"] = _scalar_str(path, "metadata.child_age", md["child_age"])
    for k in ("child_age_months", "incident_year"):
        v = md[k]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise _err(path, f"metadata.{k}", f"must be a whole number or null, got {v!r}")
    if md["child_sex"] not in (*SEXES, None):
        raise _err(path, "metadata.child_sex", f"{md['child_sex']!r} not male/female/null")
    if md["outcome"] not in (*OUTCOMES, None):
        raise _err(path, "metadata.outcome", f"{md['outcome']!r} not died/serious_harm/other/null")
    if not isinstance(md["themes"], list) or not all(isinstance(x, str) for x in md["themes"]):
        raise _err(path, "metadata.themes", "must be a list of taxonomy ids")

    mp = data["metadata_pages"]
    if mp is None:
        mp = data["metadata_pages"] = {}
    if not isinstance(mp, dict):
        raise _err(path, "metadata_pages", "must be a mapping")
    for k, v in mp.items():
        if k not in METADATA_KEYS:
            raise _err(path, f"metadata_pages.{k}", "not a metadata key")
        if md[k] is None or md[k] == []:
            raise _err(
                path, f"metadata_pages.{k}", "given for a null/empty metadata field (omit it)"
            )
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise _err(path, f"metadata_pages.{k}", f"must be a page number >= 1, got {v!r}")

    for k in ("running_header", "running_footer", "page_number_style"):
        data[k] = _scalar_str(path, k, data[k])
    pns = data["page_number_style"]
    if "{n}" not in pns:
        raise _err(path, "page_number_style", "must contain {n}")
    try:
        pns.format(n=1, total=1)
    except (KeyError, IndexError, ValueError) as e:
        raise _err(path, "page_number_style", f"only {{n}} and {{total}} allowed ({e})") from e

    tp = data["title_page"]
    if not isinstance(tp, list) or not tp:
        raise _err(path, "title_page", "must be a non-empty list of lines")
    data["title_page"] = [_scalar_str(path, f"title_page[{i}]", x) for i, x in enumerate(tp)]
    if not any("fictional" in x.lower() for x in data["title_page"]):
        raise _err(path, "title_page", "must contain a line saying the document is fictional")

    # footnotes
    fns_raw = data.get("footnotes") or {}
    if not isinstance(fns_raw, dict):
        raise _err(path, "footnotes", "must be a mapping number -> text")
    footnotes: dict[int, str] = {}
    for k, v in fns_raw.items():
        try:
            n = int(k)
        except (TypeError, ValueError) as e:
            raise _err(path, f"footnotes.{k}", "key must be a number") from e
        footnotes[n] = squash(_scalar_str(path, f"footnotes.{k}", v))

    # body
    body = data["body"]
    if not isinstance(body, list) or not body:
        raise _err(path, "body", "must be a non-empty list of items")
    items = [
        _parse_item(path, raw, f"body[{i}]", f"body[{i}]", nested=False)
        for i, raw in enumerate(body)
    ]

    # contents: a "Contents" heading directly followed by a heading/page break is filled in
    for i, it in enumerate(items):
        if it.kind == "heading" and squash(it.value).lower() in ("contents", "table of contents"):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is None or nxt.kind in ("heading", "page_break", "two_column", "scanned_page"):
                it.auto_contents = True

    # footnote markers: every marker defined, every footnote used exactly once
    used: dict[int, str] = {}
    for it in _walk(items):
        texts: list[tuple[str, str]] = []
        if it.kind in ("para",):
            texts = [(it.id, it.value)]
        elif it.kind == "bullets":
            texts = [(f"{it.id}[{j}]", b) for j, b in enumerate(it.value)]
        elif it.kind in ("heading", "subheading"):
            if FN_MARK_RE.search(it.value):
                raise _err(path, it.id, "footnote markers are not supported in headings")
        elif it.kind == "table":
            for row in it.value["rows"]:
                for c in row:
                    if FN_MARK_RE.search(c):
                        raise _err(path, it.id, "footnote markers are not supported in tables")
        for where, t in texts:
            for m in FN_MARK_RE.finditer(t):
                n = int(m.group(1))
                if n not in footnotes:
                    raise _err(path, where, f"marker [^{n}] has no entry under footnotes")
                if n in used:
                    raise _err(path, where, f"marker [^{n}] used twice (also in {used[n]})")
                if it.in_scan:
                    raise _err(
                        path, where, "footnote markers are not supported inside scanned_page"
                    )
                used[n] = where
    for n in footnotes:
        if n not in used:
            raise _err(path, f"footnotes.{n}", "footnote is never referenced by a [^N] marker")

    return Spec(path=path, data=data, items=items, footnotes=footnotes)


def _walk(items: list[Item]):
    for it in items:
        yield it
        yield from _walk(it.children)


def _parse_item(
    path: Path, raw: Any, where: str, iid: str, nested: bool, in_scan: bool = False
) -> Item:
    if not isinstance(raw, dict):
        raise _err(path, where, f"each body item must be a mapping with one key, got {raw!r}")
    kinds = [k for k in raw if k in ITEM_KINDS]
    extra = [k for k in raw if k not in ITEM_KINDS]
    if len(kinds) != 1:
        raise _err(path, where, f"must have exactly one of {ITEM_KINDS}, has {list(raw)}")
    kind = kinds[0]
    if extra and not (kind == "para" and extra == ["num"]):
        raise _err(path, where, f"unknown key(s) {extra} for a {kind} item")
    if nested and kind not in NESTABLE_KINDS:
        raise _err(path, where, f"{kind} is not allowed inside two_column/scanned_page")
    val = raw[kind]
    it = Item(kind=kind, id=iid, in_scan=in_scan)
    if kind in ("heading", "subheading", "para"):
        it.value = squash(_scalar_str(path, f"{where}.{kind}", val))
        if not it.value:
            raise _err(path, f"{where}.{kind}", "empty text")
        if "num" in raw:
            it.num = _scalar_str(path, f"{where}.num", raw["num"]).strip()
    elif kind == "bullets":
        if not isinstance(val, list) or not val:
            raise _err(path, f"{where}.bullets", "must be a non-empty list of text")
        it.value = [
            squash(_scalar_str(path, f"{where}.bullets[{j}]", b)) for j, b in enumerate(val)
        ]
    elif kind == "table":
        if not isinstance(val, dict) or set(val) - {"caption", "rows"} or "rows" not in val:
            raise _err(path, f"{where}.table", "must be a mapping with caption and rows")
        rows = val["rows"]
        if (
            not isinstance(rows, list)
            or len(rows) < 2
            or not all(isinstance(r, list) for r in rows)
        ):
            raise _err(path, f"{where}.table.rows", "must be a list (2+) of lists of cells")
        ncol = len(rows[0])
        out_rows = []
        for r, row in enumerate(rows):
            if len(row) != ncol:
                raise _err(
                    path, f"{where}.table.rows[{r}]", f"has {len(row)} cells, header has {ncol}"
                )
            out_rows.append(
                [
                    squash(_scalar_str(path, f"{where}.table.rows[{r}][{c}]", x))
                    for c, x in enumerate(row)
                ]
            )
        cap = val.get("caption")
        it.value = {
            "caption": squash(_scalar_str(path, f"{where}.table.caption", cap)) if cap else None,
            "rows": out_rows,
        }
    elif kind == "page_break":
        it.value = True
    elif kind in ("two_column", "scanned_page"):
        if not isinstance(val, list) or not val:
            raise _err(path, f"{where}.{kind}", "must be a non-empty list of body items")
        it.children = [
            _parse_item(
                path,
                c,
                f"{where}.{kind}[{j}]",
                f"{where}.{kind}[{j}]",
                nested=True,
                in_scan=(kind == "scanned_page"),
            )
            for j, c in enumerate(val)
        ]
    return it


# ---------------------------------------------------------------------------
# fonts and styles

_FONTS_DONE = False


def register_fonts() -> None:
    global _FONTS_DONE
    if _FONTS_DONE:
        return
    for name, fn in (
        ("DejaVuSerif", "DejaVuSerif.ttf"),
        ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
        ("DejaVuSerif-Italic", "DejaVuSerif-Italic.ttf"),
        ("DejaVuSerif-BoldItalic", "DejaVuSerif-BoldItalic.ttf"),
        ("DejaVuSans", "DejaVuSans.ttf"),
        ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
        ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
        ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fn)))
    pdfmetrics.registerFontFamily(
        "DejaVuSerif",
        normal="DejaVuSerif",
        bold="DejaVuSerif-Bold",
        italic="DejaVuSerif-Italic",
        boldItalic="DejaVuSerif-BoldItalic",
    )
    pdfmetrics.registerFontFamily(
        "DejaVuSans",
        normal="DejaVuSans",
        bold="DejaVuSans-Bold",
        italic="DejaVuSans-Oblique",
        boldItalic="DejaVuSans-BoldOblique",
    )
    _FONTS_DONE = True


BODY_SIZE, BODY_LEADING = 10.0, 14.0


def make_styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName="DejaVuSerif",
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        alignment=TA_JUSTIFY,
        spaceAfter=6,
        hyphenationLang="en_GB",
    )
    return {
        "body": body,
        "numbered": ParagraphStyle(
            "numbered",
            parent=body,
            leftIndent=1.25 * cm,
            bulletIndent=0,
            bulletFontName="DejaVuSerif",
            bulletFontSize=BODY_SIZE,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=0.9 * cm,
            bulletIndent=0.35 * cm,
            bulletFontName="DejaVuSerif",
            spaceAfter=3,
        ),
        "numbered_narrow": ParagraphStyle(
            "numbered_narrow",
            parent=body,
            leftIndent=0.95 * cm,
            bulletIndent=0,
            bulletFontName="DejaVuSerif",
            bulletFontSize=BODY_SIZE,
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName="DejaVuSans-Bold",
            fontSize=13,
            leading=17,
            spaceBefore=12,
            spaceAfter=7,
            textColor=HEADING_COLOUR,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName="DejaVuSans-Bold",
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "fn": ParagraphStyle(
            "fn",
            fontName="DejaVuSerif",
            fontSize=7.5,
            leading=9.5,
            alignment=TA_LEFT,
            hyphenationLang="en_GB",
        ),
        "caption": ParagraphStyle(
            "caption",
            fontName="DejaVuSans-Bold",
            fontSize=9,
            leading=12,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", fontName="DejaVuSerif", fontSize=8.5, leading=11),
        "cell_head": ParagraphStyle(
            "cell_head", fontName="DejaVuSans-Bold", fontSize=8.5, leading=11
        ),
        "title": ParagraphStyle(
            "title",
            fontName="DejaVuSans-Bold",
            fontSize=22,
            leading=28,
            alignment=TA_CENTER,
            spaceAfter=10,
            textColor=HEADING_COLOUR,
        ),
        "title_line": ParagraphStyle(
            "title_line",
            fontName="DejaVuSans",
            fontSize=13,
            leading=18,
            alignment=TA_CENTER,
            spaceAfter=8,
        ),
        "notice": ParagraphStyle(
            "notice",
            fontName="DejaVuSerif-Italic",
            fontSize=10,
            leading=14,
            alignment=TA_CENTER,
            borderColor=GREY,
            borderWidth=0.6,
            borderPadding=8,
            spaceBefore=14,
            spaceAfter=18,
        ),
    }


# ---------------------------------------------------------------------------
# layout machinery


class FNFrame(Frame):
    """A frame whose usable bottom edge rises as footnotes are placed in it."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        self.fn_ids: list[int] = []
        super().__init__(*a, **kw)

    def __deepcopy__(self, memo: dict[int, Any]) -> FNFrame:
        # KeepTogether lays out trial copies of the frame: share the doc, copy the rest
        new = self.__class__.__new__(self.__class__)
        memo[id(self)] = new
        for k, v in self.__dict__.items():
            new.__dict__[k] = v if k == "doc" else copy.deepcopy(v, memo)
        return new

    def _reset(self) -> None:
        super()._reset()
        self._geom()  # restore _y1p raised by footnotes on the previous page
        self.fn_ids = []


class BodyPara(Paragraph):
    """A paragraph that knows its source item and reserves room for its footnotes."""

    _meta: dict[str, Any] | None = None

    def fn_ids(self) -> list[int]:
        """Footnote markers (superscript numbers) in this piece; needs wrap() first."""
        out = []
        bl = getattr(self, "blPara", None)
        if bl is None:
            frags = [f for f in getattr(self, "frags", []) or [] if hasattr(f, "text")]
        else:
            frags = [w for line in bl.lines if not isinstance(line, tuple) for w in line.words]
        for f in frags:
            if getattr(f, "rise", 0) > 0 and f.text.strip().isdigit():
                out.append(int(f.text.strip()))
        return out

    def _fn_extra(self, width: float, frame: Any) -> float:
        ids = self.fn_ids()
        if not ids or frame is None or not hasattr(frame, "fn_ids"):
            return 0.0
        doc = frame.doc
        new = [i for i in ids if i not in frame.fn_ids]
        if not new:
            return 0.0
        return doc.fn_block_height(new, frame._width, first=not frame.fn_ids)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = super().wrap(availWidth, availHeight)
        fh = self._fn_extra(availWidth, getattr(self, "_frame", None))
        if fh and h + fh > availHeight + 1e-6:
            return w, h + fh  # does not fit with its footnotes: make the frame split it
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        frame = getattr(self, "_frame", None)
        avail = availHeight
        while avail > 0:
            parts = Paragraph.split(self, availWidth, avail)
            if not parts:
                return []
            first = parts[0]
            h1 = Paragraph.wrap(self, availWidth, avail)[1] if first is self else first.height
            fh = first._fn_extra(availWidth, frame)
            if h1 + fh <= availHeight + 1e-6:
                for k, p in enumerate(parts):
                    if p is not self:
                        p._meta = dict(self._meta or {}, part=k)
                return parts
            avail -= self.style.leading
        return []


class DemoTable(Table):
    _meta: dict[str, Any] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        for p in parts:
            p._meta = self._meta
        return parts


class ContentsLine(Flowable):
    """'1. Introduction ........ 3' with a dotted leader."""

    def __init__(self, text: str, page: int | None) -> None:
        super().__init__()
        self.text = text
        self.page = page
        self._meta = {"kind": "contents", "text": text}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, 17

    def draw(self) -> None:
        c = self.canv
        size = BODY_SIZE
        c.setFont("DejaVuSerif", size)
        c.drawString(0, 4, self.text)
        num = str(self.page) if self.page else "0"
        nw = pdfmetrics.stringWidth(num, "DejaVuSerif", size)
        c.drawString(self.width - nw, 4, num)
        tw = pdfmetrics.stringWidth(self.text, "DejaVuSerif", size)
        dw = pdfmetrics.stringWidth(".", "DejaVuSerif", size)
        ndots = int((self.width - nw - tw - 12) / dw)
        if ndots > 0:
            c.drawString(self.width - nw - 6 - ndots * dw, 4, "." * ndots)


class ScanPage(Flowable):
    """Zero-size flowable that paints a whole-page image with no text layer."""

    _ZEROSIZE = True

    def __init__(self, builder: DocBuilder, item: Item) -> None:
        super().__init__()
        self.builder = builder
        self.item = item
        self._meta = {"kind": "scan", "id": item.id}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        page = canv.getPageNumber()
        jpeg, texts = self.builder.render_scan(self.item, page)
        self.builder.rec.scan_texts[page] = texts
        canv.saveState()
        canv.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, PAGE_W, PAGE_H)
        canv.restoreState()


# ---------------------------------------------------------------------------
# recording what landed where


@dataclass
class Piece:
    page: int
    kind: str
    id: str
    text: str  # rendered text (ligatures, hyphens), markers removed
    lines: list[str]


@dataclass
class Recorder:
    pieces: list[Piece] = field(default_factory=list)
    heading_pages: dict[str, int] = field(default_factory=dict)
    item_first_page: dict[str, int] = field(default_factory=dict)
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    footnote_pages: dict[int, int] = field(default_factory=dict)
    page_templates: dict[int, str] = field(default_factory=dict)
    content_pages: set[int] = field(default_factory=set)
    scan_texts: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)
    scan_items: dict[int, str] = field(default_factory=dict)


def piece_lines(p: Paragraph) -> list[str]:
    out = []
    for line in p.blPara.lines:
        if isinstance(line, tuple):
            out.append(" ".join(str(w) for w in line[1]))
        else:
            out.append("".join(f.text for f in line.words if not getattr(f, "rise", 0) > 0))
    return out


class DemoDoc(BaseDocTemplate):
    def __init__(self, fh: Any, builder: DocBuilder) -> None:
        self.builder = builder
        spec = builder.spec
        md = spec.data["metadata"]
        super().__init__(
            fh,
            pagesize=A4,
            invariant=1,
            title=md["title"],
            author=md["author"] or "",
            subject=md["partnership"],
            creator="casegraph corpora/demo/build.py",
            producer="ReportLab",
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=PAGE_H - FRAME_TOP,
            bottomMargin=FRAME_BOTTOM,
        )

        def frame(x: float, y: float, w: float, h: float, fid: str) -> FNFrame:
            f = FNFrame(
                x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=fid
            )
            f.doc = self
            return f

        colw = (FRAME_W - COL_GAP) / 2
        self.addPageTemplates(
            [
                PageTemplate(
                    "title",
                    [frame(MARGIN_X, FRAME_BOTTOM, FRAME_W, FRAME_H, "title")],
                    onPage=self._on_page,
                ),
                PageTemplate(
                    "main",
                    [frame(MARGIN_X, FRAME_BOTTOM, FRAME_W, FRAME_H, "main")],
                    onPage=self._on_page,
                    onPageEnd=self._on_page_end,
                ),
                PageTemplate(
                    "twocol",
                    [
                        frame(MARGIN_X, FRAME_BOTTOM, colw, FRAME_H, "left"),
                        frame(MARGIN_X + colw + COL_GAP, FRAME_BOTTOM, colw, FRAME_H, "right"),
                    ],
                    onPage=self._on_page,
                    onPageEnd=self._on_page_end,
                ),
                PageTemplate("scan", [frame(0, 0, PAGE_W, PAGE_H, "scan")], onPage=self._on_page),
            ]
        )

    # -- footnotes
    def fn_para(self, n: int, width: float) -> Paragraph:
        text = self.builder.spec.footnotes[n]
        p = Paragraph(
            f"<super>{n}</super> {to_markup(text, ligatures=True)}", self.builder.styles["fn"]
        )
        p.wrap(width, 10000)
        return p

    def fn_block_height(self, ids: list[int], width: float, first: bool) -> float:
        h = FN_GAP_TOP + FN_GAP_RULE if first else 0.0
        for n in ids:
            h += self.fn_para(n, width).height + FN_SPACING
        return h

    def afterFlowable(self, flowable: Any) -> None:
        rec = self.builder.rec
        page = self.page
        meta = getattr(flowable, "_meta", None)
        if meta is None:
            return
        rec.content_pages.add(page)
        kind = meta["kind"]
        if isinstance(flowable, BodyPara):
            lines = piece_lines(flowable)
            rec.pieces.append(Piece(page, kind, meta["id"], " ".join(lines), lines))
            rec.item_first_page.setdefault(meta["id"], page)
            if kind in ("heading", "subheading"):
                rec.heading_pages.setdefault(meta["id"], page)
            ids = [i for i in flowable.fn_ids() if i not in self.frame.fn_ids]
            if ids:
                fr = self.frame
                fr._y1p += self.fn_block_height(ids, fr._width, first=not fr.fn_ids)
                fr.fn_ids.extend(ids)
                for i in ids:
                    rec.footnote_pages[i] = page
        elif kind == "table":
            rec.table_pages.setdefault(meta["id"], [])
            if page not in rec.table_pages[meta["id"]]:
                rec.table_pages[meta["id"]].append(page)
        elif kind == "scan":
            rec.scan_items[page] = meta["id"]
        elif kind == "contents":
            rec.pieces.append(Piece(page, kind, "contents", meta["text"], [meta["text"]]))

    # -- page decoration
    def _on_page(self, canv: Any, doc: Any) -> None:
        rec = self.builder.rec
        tid = self.pageTemplate.id
        rec.page_templates[self.page] = tid
        if tid in ("title", "scan"):
            return
        d = self.builder.spec.data
        canv.saveState()
        canv.setFont("DejaVuSans", 8)
        canv.setFillColor(GREY)
        canv.drawString(MARGIN_X, HEADER_Y, d["running_header"])
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, HEADER_RULE_Y, PAGE_W - MARGIN_X, HEADER_RULE_Y)
        canv.line(MARGIN_X, FOOTER_RULE_Y, PAGE_W - MARGIN_X, FOOTER_RULE_Y)
        canv.drawString(MARGIN_X, FOOTER_Y, d["running_footer"])
        num = self.builder.page_label(self.page)
        canv.setFont("DejaVuSans", 9)
        canv.setFillColor(colors.black)
        canv.drawRightString(PAGE_W - MARGIN_X, FOOTER_Y, num)
        canv.restoreState()

    def _on_page_end(self, canv: Any, doc: Any) -> None:
        for fr in self.pageTemplate.frames:
            if not fr.fn_ids:
                continue
            total = self.fn_block_height(fr.fn_ids, fr._width, first=True)
            base = fr._y1 + fr._bottomPadding
            y = base + total - FN_GAP_TOP
            canv.saveState()
            canv.setLineWidth(0.5)
            canv.line(fr._x1, y, fr._x1 + fr._width / 3, y)
            canv.restoreState()
            y -= FN_GAP_RULE
            for n in fr.fn_ids:
                p = self.fn_para(n, fr._width)
                y -= p.height
                p.drawOn(canv, fr._x1, y)
                y -= FN_SPACING


# ---------------------------------------------------------------------------
# the builder

SCAN_JPEG_QUALITY = 70


def scanner_look(img: Image.Image, rng: random.Random, bg: int) -> Image.Image:
    """Make a clean greyscale page image look scanned: a 0.3 degree skew, slight blur,
    faint seeded grain and a few specks. Deterministic for a given rng seed."""
    w, h = img.size
    img = img.rotate(0.3, resample=Image.BICUBIC, fillcolor=bg)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    # grain at quarter resolution, scaled up: looks like paper texture, costs little JPEG
    gw, gh = w // 4, h // 4
    grain = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh)).point(lambda v: v // 40)
    img = ImageChops.subtract(img, grain.resize((w, h), Image.BILINEAR))
    d = ImageDraw.Draw(img)
    for _ in range(60):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((1, 1, 1, 2))
        d.ellipse([x, y, x + r, y + r], fill=rng.randrange(90, 170))
    return img


def _page_label(style: str, n: int, total: int) -> str:
    return style.format(n=n, total=total)


class DocBuilder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.styles = make_styles()
        self.rec = Recorder()
        self.total = 0
        self.prev_heading_pages: dict[str, int] = {}
        # clean text + sentences of every para / bullet, by id
        self.texts: dict[str, dict[str, Any]] = {}
        for it in _walk(spec.items):
            if it.kind == "para":
                self._add_text(it.id, "para", it.value, num=it.num)
            elif it.kind == "bullets":
                for j, b in enumerate(it.value):
                    self._add_text(f"{it.id}[{j}]", "bullet", b)
            elif it.kind in ("heading", "subheading"):
                self._add_text(it.id, it.kind, it.value)

    def _add_text(self, iid: str, kind: str, raw: str, num: str | None = None) -> None:
        self.texts[iid] = {
            "kind": kind,
            "raw": raw,
            "clean": clean_text(raw),
            "num": num,
            "has_fn": bool(FN_MARK_RE.search(raw)),
            "sentences": split_sentences(raw),
        }

    def page_label(self, page: int) -> str:
        return _page_label(self.spec.data["page_number_style"], page, self.total or 99)

    # -- story
    def story(self) -> list[Any]:
        st = self.styles
        md = self.spec.data["metadata"]
        out: list[Any] = [Spacer(1, 4.2 * cm)]
        title_n = norm_match(md["title"]).lower()
        first_title = True
        for i, line in enumerate(self.spec.data["title_page"]):
            ln = norm_match(line).lower()
            if "fictional" in line.lower():
                style = st["notice"]
                out.append(Spacer(1, 1.2 * cm))
            elif ln and ln in title_n:
                style = st["title"] if first_title else st["title_line"]
                if first_title and i > 0:
                    out.append(Spacer(1, 0.4 * cm))
                first_title = False
            else:
                style = st["title_line"]
            p = BodyPara(to_markup(line, ligatures=False), style)
            p._meta = {"kind": "title", "id": f"title[{i}]"}
            out.append(p)
        out += [NextPageTemplate("main"), PageBreak()]

        def break_to(tpl: str) -> None:
            if out and isinstance(out[-1], PageBreak):
                out.pop()
                if out and isinstance(out[-1], NextPageTemplate):
                    out.pop()
            out.append(NextPageTemplate(tpl))
            out.append(PageBreak())

        for it in self.spec.items:
            if it.kind == "page_break":
                break_to("main")
            elif it.kind == "two_column":
                break_to("twocol")
                for c in it.children:
                    out += self.flowables(c, narrow=True)
                break_to("main")
            elif it.kind == "scanned_page":
                break_to("scan")
                out.append(ScanPage(self, it))
                break_to("main")
            else:
                out += self.flowables(it)
        while out and isinstance(out[-1], (PageBreak, NextPageTemplate)):
            out.pop()
        return out

    def flowables(self, it: Item, narrow: bool = False) -> list[Any]:
        st = self.styles
        if it.kind in ("heading", "subheading"):
            p = BodyPara(
                to_markup(it.value, ligatures=False), st["h1" if it.kind == "heading" else "h2"]
            )
            p._meta = {"kind": it.kind, "id": it.id}
            # keep a heading with at least three lines of what follows (a paragraph may
            # still split after them, unlike keepWithNext)
            need = p.style.spaceBefore + p.style.leading * 2 + p.style.spaceAfter + 3 * BODY_LEADING
            out: list[Any] = [CondPageBreak(need), p]
            if it.auto_contents:
                for h in _walk(self.spec.items):
                    if h.kind == "heading" and h is not it:
                        out.append(ContentsLine(h.value, self.prev_heading_pages.get(h.id)))
                out.append(Spacer(1, 6))
            return out
        if it.kind == "para":
            if it.num:
                style = st["numbered_narrow" if narrow else "numbered"]
                p = BodyPara(to_markup(it.value, ligatures=True), style, bulletText=it.num)
            else:
                p = BodyPara(to_markup(it.value, ligatures=True), st["body"])
            p._meta = {"kind": "para", "id": it.id}
            return [p]
        if it.kind == "bullets":
            out = []
            for j, b in enumerate(it.value):
                p = BodyPara(to_markup(b, ligatures=True), st["bullet"], bulletText="•")
                p._meta = {"kind": "bullet", "id": f"{it.id}[{j}]"}
                out.append(p)
            if out:
                out[-1].style = ParagraphStyle("bullet_last", parent=st["bullet"], spaceAfter=7)
            return out
        if it.kind == "table":
            return self.table(it)
        raise AssertionError(it.kind)

    def table(self, it: Item) -> list[Any]:
        st = self.styles
        rows = it.value["rows"]
        ncol = len(rows[0])
        data = [
            [Paragraph(xml_escape(c), st["cell_head" if r == 0 else "cell"]) for c in row]
            for r, row in enumerate(rows)
        ]
        # column widths proportional to the longest cell text (bounded)
        weights = []
        for c in range(ncol):
            longest = max(len(rows[r][c]) for r in range(len(rows)))
            weights.append(min(max(longest, 8), 60))
        tot = sum(weights)
        widths = [FRAME_W * w / tot for w in weights]
        t = DemoTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.4, 0.4, 0.4)),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.90, 0.94)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        t._meta = {"kind": "table", "id": it.id}
        out: list[Any] = []
        if it.value["caption"]:
            cap = BodyPara(xml_escape(it.value["caption"]), st["caption"])
            cap._meta = {"kind": "caption", "id": it.id + ".caption"}
            out.append(cap)
        out.append(t)
        out.append(Spacer(1, 8))
        return out

    # -- scanned page
    def render_scan(self, item: Item, page: int) -> tuple[bytes, list[tuple[str, str, str]]]:
        """Paint the items as a greyscale 150 dpi page image; returns JPEG bytes and
        (kind, id, text) of everything painted."""
        dpi = 150
        k = dpi / 72.0
        W, H = round(PAGE_W * k), round(PAGE_H * k)
        bg = 246
        img = Image.new("L", (W, H), bg)
        d = ImageDraw.Draw(img)

        def font(name: str, pt: float) -> ImageFont.FreeTypeFont:
            return ImageFont.truetype(str(FONT_DIR / name), round(pt * k))

        f_body = font("DejaVuSerif.ttf", BODY_SIZE)
        f_h1 = font("DejaVuSans-Bold.ttf", 13)
        f_h2 = font("DejaVuSans-Bold.ttf", 10.5)
        f_small = font("DejaVuSans.ttf", 8)
        f_pn = font("DejaVuSans.ttf", 9)
        f_cell = font("DejaVuSerif.ttf", 8.5)
        f_cellb = font("DejaVuSans-Bold.ttf", 8.5)
        ink = 25
        x0 = round(MARGIN_X * k)
        x1 = round((PAGE_W - MARGIN_X) * k)
        y_top = round((PAGE_H - FRAME_TOP) * k)
        y_max = round((PAGE_H - FRAME_BOTTOM) * k)
        data = self.spec.data

        def baseline_text(
            x: float, y_pt_from_bottom: float, text: str, f: Any, anchor: str = "ls"
        ) -> None:
            d.text(
                (x, round((PAGE_H - y_pt_from_bottom) * k)), text, font=f, fill=70, anchor=anchor
            )

        # running header / footer painted into the image
        baseline_text(x0, HEADER_Y, data["running_header"], f_small)
        d.line(
            [(x0, round((PAGE_H - HEADER_RULE_Y) * k)), (x1, round((PAGE_H - HEADER_RULE_Y) * k))],
            fill=110,
            width=1,
        )
        d.line(
            [(x0, round((PAGE_H - FOOTER_RULE_Y) * k)), (x1, round((PAGE_H - FOOTER_RULE_Y) * k))],
            fill=110,
            width=1,
        )
        baseline_text(x0, FOOTER_Y, data["running_footer"], f_small)
        baseline_text(x1, FOOTER_Y, self.page_label(page), f_pn, anchor="rs")

        y = float(y_top)
        texts: list[tuple[str, str, str]] = []

        def wrap(text: str, f: Any, width: float) -> list[str]:
            lines, cur = [], ""
            for w in text.split(" "):
                cand = f"{cur} {w}" if cur else w
                if f.getlength(cand) <= width or not cur:
                    cur = cand
                else:
                    lines.append(cur)
                    cur = w
            if cur:
                lines.append(cur)
            return lines

        lead = BODY_LEADING * k
        for c in item.children:
            if c.kind in ("heading", "subheading"):
                f = f_h1 if c.kind == "heading" else f_h2
                y += (12 if c.kind == "heading" else 8) * k
                for ln in wrap(c.value, f, x1 - x0):
                    y += (17 if c.kind == "heading" else 14) * k
                    d.text((x0, y), ln, font=f, fill=ink, anchor="ls")
                y += (7 if c.kind == "heading" else 4) * k
                texts.append((c.kind, c.id, c.value))
            elif c.kind == "para":
                indent = 1.25 * cm * k if c.num else 0
                if c.num:
                    d.text((x0, y + lead - 3 * k), c.num, font=f_body, fill=ink, anchor="ls")
                for ln in wrap(c.value, f_body, x1 - x0 - indent):
                    y += lead
                    d.text((x0 + indent, y - 3 * k), ln, font=f_body, fill=ink, anchor="ls")
                y += 6 * k
                texts.append(("para", c.id, c.value))
            elif c.kind == "bullets":
                for j, b in enumerate(c.value):
                    d.text(
                        (x0 + 0.35 * cm * k, y + lead - 3 * k),
                        "•",
                        font=f_body,
                        fill=ink,
                        anchor="ls",
                    )
                    for ln in wrap(b, f_body, x1 - x0 - 0.9 * cm * k):
                        y += lead
                        d.text(
                            (x0 + 0.9 * cm * k, y - 3 * k), ln, font=f_body, fill=ink, anchor="ls"
                        )
                    y += 3 * k
                    texts.append(("bullet", f"{c.id}[{j}]", b))
                y += 4 * k
            elif c.kind == "table":
                rows = c.value["rows"]
                if c.value["caption"]:
                    y += 18 * k
                    d.text(
                        (x0, y - 4 * k),
                        c.value["caption"],
                        font=font("DejaVuSans-Bold.ttf", 9),
                        fill=ink,
                        anchor="ls",
                    )
                ncol = len(rows[0])
                weights = [min(max(max(len(r[i]) for r in rows), 8), 60) for i in range(ncol)]
                colw = [(x1 - x0) * w / sum(weights) for w in weights]
                for r, row in enumerate(rows):
                    f = f_cellb if r == 0 else f_cell
                    cells = [wrap(row[i], f, colw[i] - 8 * k) for i in range(ncol)]
                    rh = max(len(cl) for cl in cells) * 11 * k + 6 * k
                    x = x0
                    for i in range(ncol):
                        d.rectangle([x, y, x + colw[i], y + rh], outline=90, width=1)
                        yy = y + 3 * k
                        for ln in cells[i]:
                            yy += 11 * k
                            d.text((x + 3 * k, yy - 2.5 * k), ln, font=f, fill=ink, anchor="ls")
                        x += colw[i]
                    y += rh
                y += 8 * k
                texts.append(("table", c.id, " ".join(" ".join(r) for r in rows)))
            if y > y_max:
                raise SpecError(
                    f"{self.spec.path.name}: {item.id}.scanned_page: "
                    "content does not fit on one page"
                )

        img = scanner_look(img, random.Random(f"{self.spec.file}:{page}"), bg)
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=SCAN_JPEG_QUALITY, optimize=True, dpi=(dpi, dpi))
        return buf.getvalue(), texts

    # -- build
    def build_once(self) -> bytes:
        self.rec = Recorder()
        buf = io.BytesIO()
        doc = DemoDoc(buf, self)
        doc.build(self.story())
        self.pages = doc.page
        return buf.getvalue()

    def build(self) -> bytes:
        pdf = b""
        for _ in range(6):
            pdf = self.build_once()
            stable = (
                self.pages == self.total and self._all_heading_pages() == self.prev_heading_pages
            )
            self.total = self.pages
            self.prev_heading_pages = self._all_heading_pages()
            if stable:
                return pdf
        raise SpecError(f"{self.spec.path.name}: layout did not converge (contents/page total)")

    def _all_heading_pages(self) -> dict[str, int]:
        hp = dict(self.rec.heading_pages)
        for page, texts in self.rec.scan_texts.items():
            for kind, iid, _ in texts:
                if kind in ("heading", "subheading"):
                    hp[iid] = page
        return hp

    # -- ground truth
    def truth(self) -> dict[str, Any]:
        spec, rec = self.spec, self.rec
        d = spec.data
        name = spec.path.name
        n = self.pages
        problems: list[str] = []
        if not MIN_PAGES <= n <= MAX_PAGES:
            problems.append(f"renders to {n} pages (must be {MIN_PAGES}-{MAX_PAGES})")
        blank = [p for p in range(1, n + 1) if p not in rec.content_pages]
        if blank:
            problems.append(f"blank page(s) {blank} (a page break landed on an empty page?)")
        title_pieces = [pc for pc in rec.pieces if pc.kind == "title"]
        if any(pc.page != 1 for pc in title_pieces):
            problems.append("title page lines do not fit on page 1")
        if not any("fictional" in pc.text.lower() for pc in title_pieces if pc.page == 1):
            problems.append("title page does not mention 'fictional'")
        for k, v in d["metadata_pages"].items():
            if v > n:
                problems.append(f"metadata_pages.{k} = {v} but the PDF has {n} pages")
        if problems:
            raise SpecError(f"{name}: " + "; ".join(problems))

        kinds = {}
        for p in range(1, n + 1):
            tid = rec.page_templates.get(p, "main")
            kinds[p] = {
                "title": "title",
                "main": "text",
                "twocol": "two_column",
                "scan": "scanned",
            }[tid]

        # sentences wholly on a page: rendered piece text contains the clean sentence
        count: dict[str, int] = {}
        for t in self.texts.values():
            for s in t["sentences"]:
                key = norm_match(s.text)
                count[key] = count.get(key, 0) + 1
        cands: dict[int, list[dict[str, Any]]] = {p: [] for p in range(1, n + 1)}
        for pc in rec.pieces:
            if pc.kind not in ("para", "bullet"):
                continue
            t = self.texts[pc.id]
            hay = norm_match(pc.text)
            for si, s in enumerate(t["sentences"]):
                key = norm_match(s.text)
                if s.has_marker or count[key] > 1 or not key or key not in hay:
                    continue
                cands[pc.page].append(
                    {
                        "text": s.text,
                        "id": pc.id,
                        "si": si,
                        "nwords": s.nwords,
                        "fn_free": not t["has_fn"],
                        "kind": pc.kind,
                    }
                )
        for page, texts in rec.scan_texts.items():
            for kind, iid, _txt in texts:
                if kind not in ("para", "bullet"):
                    continue
                t = self.texts[iid]
                for si, s in enumerate(t["sentences"]):
                    if count[norm_match(s.text)] == 1:
                        cands[page].append(
                            {
                                "text": s.text,
                                "id": iid,
                                "si": si,
                                "nwords": s.nwords,
                                "fn_free": True,
                                "kind": kind,
                            }
                        )

        pages_out = []
        for p in range(1, n + 1):
            if kinds[p] == "title":
                chosen = [squash(x) for x in self.spec.data["title_page"]][:3]
            else:
                chosen = self._choose(cands[p])
                if not chosen:  # e.g. a contents page: headings, contents entries, captions
                    heads = [
                        self.texts[pc.id]["clean"]
                        if pc.kind in ("heading", "subheading")
                        else pc.text
                        for pc in rec.pieces
                        if pc.page == p
                        and pc.kind in ("heading", "subheading", "contents", "caption")
                    ]
                    chosen = heads[:3]
            pages_out.append({"page": p, "kind": kinds[p], "sentences": chosen})

        features = []
        if n > 1:
            features += ["running_header", "running_footer", "page_numbers"]
        if any(
            it.auto_contents or (it.kind == "heading" and it.value.lower() == "contents")
            for it in spec.items
        ):
            features.append("contents")
        if any(t["num"] for t in self.texts.values()):
            features.append("numbered_paragraphs")
        if spec.footnotes:
            features.append("footnotes")
        if rec.table_pages:
            features.append("table")
        for p in range(1, n + 1):
            if kinds[p] == "two_column":
                features.append(f"two_column_page:{p}")
        for p in range(1, n + 1):
            if kinds[p] == "scanned":
                features.append(f"scanned_page:{p}")
        all_text = " ".join(pc.text for pc in rec.pieces)
        if "\ufb01" in all_text or "\ufb02" in all_text:
            features.append("ligatures")
        hyph = self._hyphenations()
        if hyph:
            features.append("hyphenation")

        heads = []
        for it in _walk(spec.items):
            if it.kind in ("heading", "subheading"):
                page = rec.heading_pages.get(it.id)
                if page is None:  # painted on a scanned page
                    page = next(
                        (pg for pg, tx in rec.scan_texts.items() if any(x[1] == it.id for x in tx)),
                        None,
                    )
                heads.append(
                    {
                        "text": it.value,
                        "level": 1 if it.kind == "heading" else 2,
                        "page": page,
                        "scanned": kinds.get(page) == "scanned",
                    }
                )

        paras = []
        for it in _walk(spec.items):
            if it.kind == "para" and it.num:
                page = rec.item_first_page.get(it.id)
                if page is None:
                    page = next(
                        (pg for pg, tx in rec.scan_texts.items() if any(x[1] == it.id for x in tx)),
                        None,
                    )
                paras.append(
                    {
                        "num": it.num,
                        "page": page,
                        "starts_with": " ".join(clean_text(it.value).split()[:8]),
                        "scanned": kinds.get(page) == "scanned",
                    }
                )

        tables = []
        for it in _walk(spec.items):
            if it.kind == "table":
                pages = rec.table_pages.get(it.id)
                if pages is None:
                    pages = [
                        pg for pg, tx in rec.scan_texts.items() if any(x[1] == it.id for x in tx)
                    ]
                tables.append(
                    {
                        "caption": it.value["caption"],
                        "pages": pages,
                        "scanned": any(kinds.get(pg) == "scanned" for pg in pages),
                        "rows": it.value["rows"],
                    }
                )

        return {
            "file": spec.file,
            "source": f"src/{spec.path.name}",
            "metadata": d["metadata"],
            "metadata_pages": d["metadata_pages"],
            "running_header": d["running_header"],
            "running_footer": d["running_footer"],
            "page_number_style": d["page_number_style"],
            "header_footer_pages": [p for p in range(1, n + 1) if kinds[p] != "title"],
            "page_labels": {
                str(p): self.page_label(p) for p in range(1, n + 1) if kinds[p] != "title"
            },
            "page_count": n,
            "features": features,
            "footnotes": {str(k): v for k, v in sorted(spec.footnotes.items())},
            "footnote_pages": {str(k): rec.footnote_pages.get(k) for k in sorted(spec.footnotes)},
            "headings": heads,
            "paragraph_numbers": paras,
            "table_cells": tables,
            "hyphenated_words": hyph,
            "pages": pages_out,
        }

    @staticmethod
    def _choose(cands: list[dict[str, Any]]) -> list[str]:
        if not cands:
            return []
        long_ = (
            [c for c in cands if c["nwords"] >= 8]
            or [c for c in cands if c["nwords"] >= 4]
            or cands
        )
        chosen: list[dict[str, Any]] = []
        fn_free = [c for c in long_ if c["fn_free"] and c["kind"] == "para"] or [
            c for c in long_ if c["fn_free"]
        ]
        if fn_free:
            chosen.append(fn_free[0])
        # spread the rest over the page, preferring other paragraphs
        rest = [c for c in long_ if c not in chosen]
        other_items = [c for c in rest if c["id"] not in {x["id"] for x in chosen}]
        pool = other_items + [c for c in rest if c not in other_items]
        while len(chosen) < 3 and pool:
            pick = pool[len(pool) // 2] if len(chosen) == 1 else pool[-1]
            chosen.append(pick)
            pool.remove(pick)
            ids = {x["id"] for x in chosen}
            pool.sort(key=lambda c: (c["id"] in ids, long_.index(c)))
        chosen.sort(key=lambda c: cands.index(c))
        return [c["text"] for c in chosen]

    def _hyphenations(self) -> list[dict[str, Any]]:
        """Words that the renderer hyphenated at a line end: [{page, word, head, tail}]."""
        out = []
        for pc in self.rec.pieces:
            if pc.kind not in ("para", "bullet"):
                continue
            clean = unicodedata.normalize("NFKC", self.texts[pc.id]["clean"])
            for a, b in zip(pc.lines, pc.lines[1:], strict=False):
                aw, bw = a.rstrip().split(" ")[-1], b.lstrip().split(" ")[0]
                if not aw.endswith("-") or not bw:
                    continue
                head = unicodedata.normalize("NFKC", aw[:-1])
                tail = unicodedata.normalize("NFKC", bw)
                joined = head + tail
                if (
                    re.search(r"(?<!\w)" + re.escape(joined), clean)
                    and (head + "-" + tail) not in clean
                ):
                    word = re.sub(r"^\W+|\W+$", "", joined)
                    out.append({"page": pc.page, "word": word, "head": aw, "tail": bw})
        return out


# ---------------------------------------------------------------------------
# CLI


def build_file(path: Path, outdir: Path, check_only: bool = False) -> dict[str, Any] | None:
    spec = load_spec(path)
    if check_only:
        return None
    b = DocBuilder(spec)
    pdf = b.build()
    truth = b.truth()
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / f"{spec.file}.pdf").write_bytes(pdf)
    (outdir / f"{spec.file}.truth.json").write_text(
        json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return truth


def _resolve(arg: str) -> Path:
    p = Path(arg)
    for cand in (p, HERE / p, SRC_DIR / p, SRC_DIR / p.name):
        if cand.is_file():
            return cand.resolve()
    raise SystemExit(f"no such YAML: {arg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("files", nargs="*", help="YAML sources (default: every src/*.yaml)")
    ap.add_argument(
        "--outdir", type=Path, default=HERE, help="where to write (default: corpora/demo)"
    )
    ap.add_argument("--check", action="store_true", help="validate only")
    args = ap.parse_args(argv)
    try:
        import pyphen  # noqa: F401  (reportlab hyphenates through it; without it output differs)
    except ImportError:
        print("build.py needs pyphen for hyphenation: pip install pyphen", file=sys.stderr)
        return 2
    missing = [
        f for f in ("DejaVuSerif.ttf", "DejaVuSans-Bold.ttf") if not (FONT_DIR / f).is_file()
    ]
    if missing:
        print(f"build.py needs the DejaVu fonts in {FONT_DIR} (fonts-dejavu-core)", file=sys.stderr)
        return 2
    register_fonts()
    paths = [_resolve(f) for f in args.files] if args.files else sorted(SRC_DIR.glob("*.yaml"))
    if not paths:
        print("no YAML sources found", file=sys.stderr)
        return 1
    failed = 0
    for p in paths:
        try:
            t = build_file(p, args.outdir, args.check)
        except SpecError as e:
            failed += 1
            print(f"ERROR {e}", file=sys.stderr)
            continue
        if t is None:
            print(f"ok    {p.name}")
        else:
            size = (args.outdir / f"{t['file']}.pdf").stat().st_size
            print(
                f"built {t['file']}.pdf  {t['page_count']} pages  {size // 1024} KB  "
                f"[{', '.join(t['features'])}]"
            )
    if failed:
        print(f"{failed} of {len(paths)} source(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
