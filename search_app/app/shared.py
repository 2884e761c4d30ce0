"""What every page of the app shares: the cached store and models, the sidebar filters, the
briefing chooser, and the small pieces that draw quotes, citations and chips.

Pages import it as `from search_app.app import shared`, which works under `streamlit run`
and under `streamlit.testing` alike. Pages only draw widgets and call functions from here
or from the packages; the store and models are `st.cache_resource`, query results
`st.cache_data` (cleared when a writer, such as an ingest from the CLI, has finished).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from casegraph.components import build_embedder, build_enricher, open_store
from casegraph.erase import ErasureReport, erase_reviews, quotes_taken_from
from casegraph.settings import Settings
from casegraph.text import counted
from graph.analytics import AGE_BAND_NAMES, OUTCOMES, REVIEW_TYPES
from graph.filters import SearchFilters
from graph.store import Store, StoreLocked, StoreUnavailable
from ingest.batch import BatchReport, FileResult, ingest_paths
from ingest.clip import WORD_SHOWN
from ingest.embed import Embedder
from ingest.enrich import Enricher
from ingest.page_labels import cite_pages
from ingest.pipeline import ParseOptions
from ingest.review_types import NOT_CASE_REVIEWS, REVIEW_TYPE_LABELS
from ingest.themes.taxonomy import theme_label, theme_labels
from search_app.app import errors, url_state
from search_app.briefing import citation as quote_citation
from search_app.browse import agency_label
from search_app.search import Mode, Searcher, SearchResult
from search_app.similar import CaseTagger, SimilarCase, SimilarCases

os.umask(0o077)  # what the app writes (uploads, the store) is readable by this user only

APP_NAME = "casegraph"
DEFAULT_BRIEFING = "My briefing"
BRIEFING_KEY = "briefing_collection"  # session state: the collection "add to briefing" fills
# Query results are dropped when a writer has finished since (Store.last_change), and in any
# case re-read this often.
CACHE_SECONDS = 300
PAGE_SIZE = 10
APP_DIR = Path(__file__).resolve().parent

OUTCOME_LABELS = {"died": "Child died", "serious_harm": "Serious harm", "other": "Other"}
_CSS = """
<style>
.cg-card {border: 1px solid rgba(49,51,63,0.15); border-left: 4px solid #2c6e8f;
  border-radius: 6px; padding: 0.8rem 1rem 0.6rem 1rem; margin: 0.2rem 0 0.4rem 0;
  background: rgba(44,110,143,0.03);}
.cg-quote {font-size: 0.98rem; line-height: 1.55; margin: 0 0 0.5rem 0;}
.cg-quote mark {background: #ffe58a; padding: 0 0.1em; border-radius: 2px;}
.cg-cite {font-size: 0.85rem; color: #4a4f5c; font-style: italic; margin: 0 0 0.4rem 0;}
.cg-meta {font-size: 0.8rem; color: #6b7080; margin: 0 0 0.35rem 0;}
.cg-chip {display: inline-block; font-size: 0.75rem; line-height: 1.2; padding: 0.15rem 0.55rem;
  margin: 0 0.3rem 0.3rem 0; border-radius: 999px; background: #e3eef5; color: #1d4f68;
  border: 1px solid #c4dbe8; white-space: nowrap;}
.cg-chip.cg-agency {background: #eef0e3; color: #4d5320; border-color: #d9dcc0;}
.cg-chip.cg-status {background: #e6f4ea; color: #1e6b35; border-color: #bfe3c9;}
.cg-chip.cg-warn {background: #fdf1dc; color: #7a4b00; border-color: #f3d9a6;}
</style>
"""


# -- page setup ---------------------------------------------------------------------------------


def page(title: str, icon: str = ":material/hub:", intro: str | None = None) -> None:
    """Page config, the shared styles, the heading and a one-line introduction."""
    # No page_icon: a Material icon as favicon is fetched from a font CDN; the app stays offline.
    st.set_page_config(page_title=f"{title} · {APP_NAME}", layout="wide")
    errors.install()  # no traceback ever reaches a user: a plain message instead
    _refresh_if_written()
    st.markdown(_CSS, unsafe_allow_html=True)
    st.title(f"{icon} {title}")
    if intro:
        st.caption(intro)


def data_dir() -> Path:
    """The store's folder: CASEGRAPH_DATA_DIR, as `casegraph app` sets it."""
    return Settings.from_env().data_dir.resolve()


# -- cached resources ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return open_store(Path(path), create=True)  # the app starts empty and can add reviews


def store() -> Store:
    """The store of this app (one per data directory, shared by every session)."""
    return _store(str(data_dir()))


@st.cache_resource(show_spinner="Loading the language model…")
def _embedder(path: str, kind: str) -> Embedder:
    return build_embedder(kind, _store(path).embedding_cache)


def embedder() -> Embedder:
    return _embedder(str(data_dir()), Settings.from_env().embedder)


@st.cache_resource(show_spinner="Loading the theme classifier…")
def _searcher(path: str, kind: str, reranker: str) -> Searcher:
    from casegraph.components import build_searcher

    return build_searcher(_store(path), _embedder(path, kind), reranker)


def searcher() -> Searcher:
    settings = Settings.from_env()
    return _searcher(str(data_dir()), settings.embedder, settings.reranker)


@st.cache_resource(show_spinner="Loading the case tagger…")
def _similar(path: str, kind: str) -> SimilarCases:
    model = _embedder(path, kind)
    return SimilarCases(_store(path), model, CaseTagger(model))


def similar_cases() -> SimilarCases:
    return _similar(str(data_dir()), Settings.from_env().embedder)


@st.cache_resource(show_spinner=False)
def agency_ids() -> list[str]:
    """The agencies the entity catalogue knows, by id."""
    from ingest.entities import Catalogue

    return sorted({entity for kind, entity in Catalogue.load().aliases if kind == "agency"})


def review_type_label(review_type: str | None) -> str:
    return REVIEW_TYPE_LABELS.get(review_type or "", review_type or "Unknown type")


# -- cached reads -------------------------------------------------------------------------------


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def _reviews(path: str) -> list[dict[str, Any]]:
    return _store(path).reviews()


def reviews() -> list[dict[str, Any]]:
    """One summary row per stored review (empty when there is no store yet). A store that
    cannot be read (busy too long, or a Neo4j server down) is said plainly and the page stops."""
    try:
        return _reviews(str(data_dir()))
    except StoreUnavailable as error:
        store_error(error)
        st.stop()


def case_reviews(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The case reviews among the stored documents, as Home and the Themes page count them:
    briefings, guidance and other documents are searchable but not counted as reviews."""
    return [row for row in rows if row.get("review_type") not in NOT_CASE_REVIEWS]


def review_row(review_id: str) -> dict[str, Any] | None:
    """The summary row of one stored review."""
    return next((row for row in reviews() if row["review_id"] == review_id), None)


def complete_quote(passage: dict[str, Any]) -> dict[str, Any]:
    """A passage with what a citation and the source link need from its review: partnership,
    year, title and the file it came from."""
    row = review_row(passage.get("review_id") or "") or {}
    paths = row.get("paths") or []
    return {
        **passage,
        "passage_id": passage.get("passage_id") or passage.get("id"),
        "title": passage.get("title") or row.get("title") or row.get("file_name"),
        "partnership": passage.get("partnership") or row.get("partnership"),
        "year": passage.get("year") or row.get("publication_year"),
        "source_path": passage.get("source_path") or (paths[0] if paths else None),
        "file_name": passage.get("file_name") or row.get("file_name"),  # pages or none
    }


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def _document(path: str, review_id: str) -> dict[str, Any] | None:
    return _store(path).document(review_id)


def document(review_id: str) -> dict[str, Any] | None:
    """A stored review with its metadata, passages and themes."""
    return _document(str(data_dir()), review_id)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=200)
def _search(
    path: str, kind: str, reranker: str, query: str, k: int, mode: Mode, filters: SearchFilters
) -> list[SearchResult]:
    return _searcher(path, kind, reranker).search(query, k, mode, filters)


def search(
    query: str, k: int = 50, mode: Mode = "hybrid", filters: SearchFilters | None = None
) -> list[SearchResult]:
    """Hybrid passage search, cached per query and filters."""
    settings = Settings.from_env()
    filters = filters or SearchFilters()
    return _search(str(data_dir()), settings.embedder, settings.reranker, query, k, mode, filters)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=100)
def _like(path: str, kind: str, review_id: str | None, text: str | None, k: int) -> list[Any]:
    finder = _similar(path, kind)
    return finder.like_review(review_id, k) if review_id else finder.like_text(text or "", k)


def similar(
    review_id: str | None = None, text: str | None = None, k: int = 10
) -> list[SimilarCase]:
    """Reviews most like a stored review or a described case; KeyError for an unknown id."""
    return _like(str(data_dir()), Settings.from_env().embedder, review_id, text, k)


def refresh() -> None:
    """Forget cached query results, e.g. after an ingest."""
    st.cache_data.clear()


@st.cache_resource(show_spinner=False)
def _last_changes() -> dict[str, str | None]:
    """The store's last_change stamp as this app last saw it, per data directory."""
    return {}


def _refresh_if_written() -> None:
    """Forget cached query results when a writer (the CLI, an ingest in another session) has
    finished since this app last looked, so that a page shows what is stored now."""
    path = str(data_dir())
    try:
        stamp = _store(path).last_change()
    except Exception:
        return
    seen = _last_changes()
    if path in seen and seen[path] != stamp:
        refresh()
    seen[path] = stamp


# -- writes -------------------------------------------------------------------------------------


@contextmanager
def writing() -> Iterator[Store]:
    """Be the store's single writer for a moment, on a store object of its own so that the
    cached reader shared by every session is never left in the writer's state."""
    writer = open_store(data_dir(), create=True)
    with writer.writer():
        yield writer


def store_error(error: Exception) -> None:
    """Say plainly why the store could not be read or written."""
    st.error(errors.plain_message(error))


# -- uploads and ingest ------------------------------------------------------------------------

MAX_UPLOAD_MB = 50  # as `casegraph app` passes to Streamlit (--server.maxUploadSize 50)
UPLOAD_TYPES = ["pdf", "txt", "md"]


def check_upload(name: str, data: bytes, limit_mb: int = MAX_UPLOAD_MB) -> str | None:
    """Why an uploaded file is refused, or None when it may be ingested."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        return f"not a PDF, text or Markdown file ({suffix or 'no extension'})"
    if len(data) > limit_mb * 1024 * 1024:
        return f"larger than the {limit_mb} MB limit ({len(data) / 1024 / 1024:.1f} MB)"
    if not data:
        return "the file is empty"
    if suffix == "pdf" and not data.startswith(b"%PDF-"):
        return "not a PDF: the file does not start as a PDF does"
    if suffix != "pdf" and b"\x00" in data[:8192]:
        return "not a text file: it holds binary data"
    return None


def save_upload(name: str, data: bytes) -> Path:
    """Keep an upload in DATA_DIR/uploads (the review's source from then on); a different
    file of the same name is kept beside it, never over it."""
    folder = data_dir() / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    clean = re.sub(r"[^A-Za-z0-9._ -]+", "_", Path(name).name).strip(" .") or "upload"
    target = folder / clean
    if target.exists() and target.read_bytes() != data:
        digest = hashlib.sha256(data).hexdigest()[:8]
        target = folder / f"{target.stem}-{digest}{target.suffix}"
    target.write_bytes(data)
    return target


@st.cache_resource(show_spinner="Loading the models for ingest…")
def _enricher(path: str, kind: str) -> Enricher:
    return build_enricher(kind, _store(path).embedding_cache)


def ingest(paths: list[Path], on_result: Callable[[FileResult], None]) -> BatchReport:
    """Parse, enrich and store the files as the single writer; each review is stored whole or
    not at all. Raises StoreLocked when another process is writing."""
    settings = Settings.from_env()
    enricher = _enricher(str(data_dir()), settings.embedder)
    options = ParseOptions(
        max_pages=settings.max_pages, max_chars=settings.max_chars, ocr=settings.ocr
    )
    try:
        with writing() as writer:
            # one parser process at a time, with the limits (size, time, memory) of the settings
            return ingest_paths(paths, writer, options, 1, on_result, enricher, settings.limits)
    finally:
        refresh()


def erase(review_ids: list[str]) -> ErasureReport:
    """Erase reviews for good (see casegraph.erase); raises StoreLocked when another process
    is writing."""
    try:
        with writing() as writer:
            return erase_reviews(writer, data_dir(), review_ids)
    finally:
        refresh()


def quotes_from(review_ids: list[str]) -> list[dict[str, Any]]:
    """The quotes that erasing these reviews would remove with them."""
    return quotes_taken_from(store(), review_ids)


def remove_uploads(paths: list[Path]) -> None:
    """Delete uploaded copies once ingested (the text is in the store): kept only on purpose."""
    uploads = (data_dir() / "uploads").resolve()
    for path in paths:
        if path.resolve().is_relative_to(uploads):
            path.unlink(missing_ok=True)


# -- the briefing collection --------------------------------------------------------------------

PICKER_KEY = "briefing_picker"  # session state: the sidebar selectbox


def briefing_name() -> str:
    """The collection that "Add to briefing" fills (default "My briefing")."""
    return str(st.session_state.get(BRIEFING_KEY) or DEFAULT_BRIEFING)


def collections() -> list[dict[str, Any]]:
    try:
        return store().collections()
    except StoreUnavailable:
        return []


def collection_names_oldest_first() -> list[str]:
    """The stored collections' names in the order the store matches a name in another case
    against them (graph.store.stored_spelling: the oldest first)."""
    rows = sorted(collections(), key=lambda row: (str(row.get("created") or ""), row["name"]))
    return [row["name"] for row in rows]


def quotes(collection: str) -> list[dict[str, Any]]:
    """The collection's quotes in order (none when it does not exist yet)."""
    try:
        return store().quotes(collection)
    except StoreUnavailable:
        return []


def choose_briefing(name: str) -> None:
    """Make `name` the briefing, in the picker too (e.g. from a link), before it is drawn."""
    st.session_state[BRIEFING_KEY] = name
    st.session_state[PICKER_KEY] = name


def briefing_picker(where: Any = None, label: str = "Briefing to add quotes to") -> str:
    """A selector for the briefing collection (existing ones, or a new name)."""
    area = where or st.sidebar
    names = [row["name"] for row in collections()]
    current = briefing_name()
    options = list(dict.fromkeys([current, DEFAULT_BRIEFING, *names]))
    new_option = "➕ New briefing…"
    choice = area.selectbox(
        label,
        [*options, new_option],
        index=options.index(current),
        key=PICKER_KEY,
        help="Quotes you add go into this named collection in the store.",
    )
    if choice == new_option:
        name = area.text_input("Name of the new briefing", key="briefing_new_name").strip()
        if name:  # an existing one named in another case is that one, as the store reads it
            stored = [*collection_names_oldest_first(), DEFAULT_BRIEFING]
            name = url_state.collection_named(name, stored) or name
            st.session_state[BRIEFING_KEY] = name
            return name
        return current
    st.session_state[BRIEFING_KEY] = choice
    return str(choice)


def add_to_briefing(passage: dict[str, Any], collection: str | None = None) -> str | None:
    """Copy a passage (a search result as a dict, or a stored passage) into the briefing."""
    name = collection or briefing_name()
    quote = {**passage, "passage_id": passage.get("passage_id") or passage.get("id")}
    try:
        with writing() as writer:
            return writer.save_quote(name, quote)
    except KeyError:
        st.warning("That passage is no longer stored: its review was deleted. Nothing was added.")
        return None
    except (StoreLocked, StoreUnavailable) as error:
        store_error(error)
        return None


def briefing_button(
    quote: dict[str, Any], key: str, collection: str, held: set[Any], what: str = "passage"
) -> None:
    """ "Add to briefing" for a passage (a stored passage or a result, as a dict), or "In
    briefing", greyed, when the collection holds it already; keys add_KEY and in_KEY."""
    if (quote.get("passage_id") or quote.get("id")) in held:
        st.button("In briefing", key=f"in_{key}", disabled=True, icon=":material/bookmark_added:")
        return
    st.button(
        "Add to briefing",
        key=f"add_{key}",
        icon=":material/bookmark_add:",
        on_click=_add,
        args=(quote, collection),
        help=f"Save this {what} and its citation to “{collection}”.",
    )


def _add(quote: dict[str, Any], collection: str) -> None:
    if add_to_briefing(quote, collection):
        st.session_state["added"] = f"Added to “{collection}”."


# -- the sidebar filters ------------------------------------------------------------------------


def filters_sidebar(store: Store | None = None, key: str = "filters") -> SearchFilters:
    """Themes, review type, years, area, agency, age band and outcome, in the sidebar.

    `store` is accepted for symmetry with the other pages; the year range comes from the
    stored reviews. Widgets are keyed by `key` so two pages can keep their own choices.
    """
    del store  # the cached review rows already say which years there are
    bar = st.sidebar
    bar.header("Filters")
    labels = theme_labels()
    themes = bar.multiselect(
        "Themes",
        list(labels),
        format_func=theme_label,
        key=f"{key}_themes",
        help="A passage must carry at least one of these themes.",
    )
    review_types = bar.multiselect(
        "Type of review", REVIEW_TYPES, format_func=review_type_label, key=f"{key}_types"
    )
    years = sorted({row["publication_year"] for row in reviews() if row.get("publication_year")})
    year_from = year_to = None
    if len(years) > 1:
        _forget_years_outside(f"{key}_years", years)
        # The whole span starts in session state, not as the slider's value: a link or a saved
        # search sets the years there too, and a widget given both logs a Streamlit warning.
        st.session_state.setdefault(f"{key}_years", (years[0], years[-1]))
        low, high = bar.slider("Published between", years[0], years[-1], key=f"{key}_years")
        # an end left at the first or last stored year stays open: a saved link then still
        # finds the reviews added later
        year_from = low if low != years[0] else None
        year_to = high if high != years[-1] else None
    partnership = bar.text_input(
        "Area or partnership", key=f"{key}_area", placeholder="e.g. Hartwell"
    ).strip()
    agencies = bar.multiselect(
        "Agency", agency_ids(), format_func=agency_label, key=f"{key}_agencies"
    )
    age_bands = bar.multiselect("Child's age", AGE_BAND_NAMES, key=f"{key}_ages")
    outcomes = bar.multiselect(
        "Outcome", OUTCOMES, format_func=lambda o: OUTCOME_LABELS.get(o, o), key=f"{key}_outcomes"
    )
    return SearchFilters(
        themes=tuple(themes),
        agencies=tuple(agencies),
        review_types=tuple(review_types),
        year_from=year_from,
        year_to=year_to,
        partnership=partnership or None,
        age_bands=tuple(age_bands),
        outcomes=tuple(outcomes),
    )


def _forget_years_outside(key: str, years: list[int]) -> None:
    """Drop a chosen year range the stored years no longer hold (reviews deleted since):
    the slider refuses a value outside its bounds."""
    chosen = st.session_state.get(key)
    if chosen is not None and not years[0] <= chosen[0] <= chosen[1] <= years[-1]:
        del st.session_state[key]


def active_filters(filters: SearchFilters) -> bool:
    return filters != SearchFilters()


# -- drawing quotes, citations and chips --------------------------------------------------------


def chips_html(values: Iterable[str], kind: str = "theme") -> str:
    """Pill-shaped labels: themes (by label), agencies, or plain text."""
    label = {"theme": theme_label, "agency": agency_label}.get(kind, str)
    return "".join(
        f'<span class="cg-chip cg-{kind}">{html.escape(label(value))}</span>' for value in values
    )


def chips(values: Iterable[str], kind: str = "theme") -> None:
    found = chips_html(values, kind)
    if found:
        st.markdown(f"<div>{found}</div>", unsafe_allow_html=True)


_OPEN, _CLOSE = "\x00", "\x01"


def _safe(text: str) -> str:
    """Text for an HTML block: escaped, and on one line so Markdown leaves it alone."""
    escaped = html.escape(text).replace("$", "&#36;")
    return re.sub(r"\s*\n\s*", " ", escaped).strip()


def quote_html(
    text: str,
    cite: str,
    themes: Iterable[str] = (),
    meta: str | None = None,
    highlights: list[tuple[int, int]] | None = None,
) -> str:
    """A quote card: the passage (matches marked), its citation, a meta line and theme chips."""
    if highlights:
        highlights = _joined(text, highlights)
        marked = SearchResult(
            "", "", None, None, None, None, 0, 0, [], None, text, [], 0.0, highlights
        ).highlighted(_OPEN, _CLOSE)
    else:
        marked = text
    body = _safe(marked).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    parts = [f'<div class="cg-card"><p class="cg-quote">“{body}”</p>']
    parts.append(f'<p class="cg-cite">— {html.escape(cite)}</p>')
    if meta:
        parts.append(f'<p class="cg-meta">{html.escape(meta)}</p>')
    theme_chips = chips_html(themes)
    if theme_chips:
        parts.append(f"<div>{theme_chips}</div>")
    parts.append("</div>")
    return "".join(parts)


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent matches ("health visitor") as one mark."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and text[joined[-1][1] : start].isspace() and start - joined[-1][1] <= 2:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def result_card(result: SearchResult) -> None:
    """A search result as a quote card with its citation and themes."""
    meta = " · ".join(
        part
        for part in (
            review_type_label(result.review_type) if result.review_type else None,
            result.section,
        )
        if part
    )
    st.markdown(
        quote_html(result.text, result.citation(), result.themes, meta, result.highlights),
        unsafe_allow_html=True,
    )


def quote_card(quote: dict[str, Any]) -> None:
    """A saved quote or stored passage as a card with its citation."""
    st.markdown(
        quote_html(quote["text"], quote_citation(quote), quote.get("themes") or []),
        unsafe_allow_html=True,
    )


def citation(item: SearchResult | dict[str, Any]) -> str:
    """'Title, Partnership, 2021, p. 4, para. 3.2' for a result or a quote."""
    return item.citation() if isinstance(item, SearchResult) else quote_citation(item)


# -- the source PDF -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    path: Path
    page: int

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix.lower() == ".pdf"


def source_file(source_path: str | None, page_number: int) -> Source | None:
    """The review's file on this machine, if it is still where it was ingested from."""
    if not source_path:
        return None
    candidates = [Path(source_path)]
    if not candidates[0].is_absolute():
        candidates += [data_dir().parent / source_path, data_dir() / source_path]
    for candidate in candidates:
        if candidate.is_file():
            return Source(candidate.resolve(), max(page_number, 1))
    return None


@st.cache_data(show_spinner=False, max_entries=64)
def page_image(path: str, page_number: int, modified: float) -> bytes | None:
    """One page of a PDF as PNG (poppler's pdftoppm), or None when it cannot be drawn."""
    del modified  # part of the cache key only: a replaced file is drawn again
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "page"
        command = [tool, "-png", "-r", "90", "-f", str(page_number), "-l", str(page_number)]
        done = subprocess.run(
            [*command, "-singlefile", path, str(target)], capture_output=True, timeout=30
        )
        image = target.with_suffix(".png")
        return image.read_bytes() if done.returncode == 0 and image.exists() else None


def source_buttons(
    source_path: str | None,
    page_number: int,
    key: str,
    where: tuple[Any, Any] | None = None,
    printed: str | None = None,
) -> None:
    """The way to the source, offline: the PDF itself to download (labelled with the PDF's
    page; the number printed on it, when that differs, is in the citation beside it and in
    the buttons' help), and the page drawn in place. Browsers refuse file:// links from a web
    page, and Streamlit serves no folder but its own static/, so neither is used."""
    first, second = where or (st.container(), st.container())
    source = source_file(source_path, page_number)
    if source is None:
        first.caption("Source file not on this machine")
        return
    page = cite_pages(source.page, source.page, printed, printed)  # 'p. 14 (printed 12)'
    first.download_button(
        f"PDF, p. {source.page}" if source.is_pdf else "Source file",
        data=lambda: source.path.read_bytes(),
        file_name=source.path.name,
        mime="application/pdf" if source.is_pdf else "text/plain",
        key=f"pdf_{key}",
        icon=":material/download:",
        on_click="ignore",
        help=f"Download {source.path.name}; the passage is on {page} of the PDF.",
    )
    if source.is_pdf and shutil.which("pdftoppm"):
        view = second.popover(
            f"View p. {source.page}",
            help=f"Page {source.page} of the PDF drawn here: {page}.",
            icon=":material/visibility:",
            key=f"view_{key}",
            on_change="rerun",  # the page is drawn only when someone opens it
        )
        if view.open:
            with view:
                image = page_image(str(source.path), source.page, source.path.stat().st_mtime)
                if image:
                    st.image(image, caption=f"{source.path.name}, {page}")
                else:
                    st.caption("This page could not be drawn.")


REVIEW_PAGE = "pages/4_Review.py"
REVIEW_PARAM = "review"  # the Review page reads the review id from ?review=ID


def review_link(review_id: str, label: str = "Open review") -> None:
    """A link to the Review page for one review."""
    if (APP_DIR / REVIEW_PAGE).is_file():
        link(REVIEW_PAGE, label, ":material/article:", {REVIEW_PARAM: review_id})


# -- lists --------------------------------------------------------------------------------------


def paginate(items: list[Any], key: str, size: int = PAGE_SIZE, noun: str = "items") -> list[Any]:
    """The slice of a long list on the chosen page; the page chooser is drawn here when
    there is more than one page."""
    pages = max(1, -(-len(items) // size))
    if pages == 1:
        return items
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    number = int(
        left.number_input(
            f"Page (of {pages})", min_value=1, max_value=pages, step=1, key=f"{key}_page"
        )
    )
    first = (number - 1) * size
    right.caption(f"Showing {first + 1}–{min(first + size, len(items))} of {len(items)} {noun}")
    return items[first : first + size]


def plural(count: int, noun: str) -> str:
    """'1 review', '3 reviews' (as the CLI says it)."""
    return counted(count, noun)


def no_such_review(review_id: str) -> None:
    """Say that a link names a review this store does not hold (or names none: "?review="),
    and where to find them all."""
    if not review_id.strip():
        st.error(
            "The link names no review (its review id is empty). Choose a review above, or see "
            "them all on the Library page.",
            icon=":material/link_off:",
        )
    else:
        st.error(
            f"There is no review with the id “{as_text(review_id)}” in this store: the link "
            "may be old, or the review was removed. Choose a review above, or see them all on "
            "the Library page.",
            icon=":material/link_off:",
        )
    link("pages/6_Library.py", "Go to the Library", ":material/library_books:")


def empty_store_message(on_library: bool = False) -> None:
    """What to do when there is nothing in the store yet (on the Library page itself, no way
    to the Library)."""
    where = "above (upload PDFs)" if on_library else "on the **Library** page (upload PDFs)"
    st.info(
        f"**The store is empty.** Add reviews {where}, or from a terminal:\n\n"
        "```\ncasegraph demo            # the fictional demo corpus, then the app\n"
        "casegraph ingest reviews/  # your own PDFs, text or Markdown files\n```\n\n"
        f"Data folder: `{data_dir()}`",
        icon=":material/inbox:",
    )
    if not on_library:
        link("pages/6_Library.py", "Go to the Library", ":material/upload:")


_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~$])")  # what makes links, emphasis, HTML, maths


def as_text(text: str) -> str:
    """A title or file name for a Markdown-rendering widget, shown as the text it is: a name
    like "[click](http://x).pdf" is not turned into a link, nor "**x**" into bold."""
    return _MARKDOWN.sub(r"\\\1", text)


def quoted_word(word: str, limit: int = WORD_SHOWN) -> str:
    """A word the user typed, as a message repeats it: in curly quotes without the quote marks
    or brackets typed around it (an unclosed '"word' is “word”), cut to its first `limit`
    characters and "…" when longer, and as the text it is (see as_text)."""
    bare = word.strip("\"'“”‘’()[]") or word
    if len(bare) > limit:
        bare = bare[:limit] + "…"
    return f"“{as_text(bare)}”"


def link(
    target: str, label: str, icon: str | None = None, query_params: dict[str, str] | None = None
) -> None:
    """A link to another page of the app (a path relative to Home.py)."""
    label = as_text(label)
    if not (APP_DIR / target).is_file():
        st.markdown(f"**{label}**")
        return
    try:
        st.page_link(target, label=label, icon=icon, query_params=query_params)
    except StreamlitAPIException:  # a page run on its own (tests) has no page list
        st.markdown(f"**{label}**")


def environment_note() -> str:
    """Which embedder the app runs with (the fake one only in tests)."""
    return Settings.from_env().embedder
