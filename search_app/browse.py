"""The theme browser: every passage that carries a theme (or all of two themes, or a theme
and an agency), without typing a query, filtered like search and sorted by how strongly the
passage carries the theme(s); and exports of any list of passages with full citations."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from graph import analytics
from graph.csv_cells import comment_rows, provenance_lines
from graph.filters import SearchFilters
from search_app.briefing import to_csv, to_docx, to_markdown
from search_app.search import SearchResult, result_from_row

Format = Literal["csv", "md", "docx"]
LIMIT = 500

# The passages carrying every chosen theme, with the sum of the theme scores: the same
# Cypher runs on Kùzu and Neo4j; values travel as parameters.
THEME_PASSAGES = (
    "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)-[e:EVIDENCES]->(t:Theme) "
    "WHERE t.id IN $themes "
    "WITH p.id AS id, count(t) AS held, sum(e.score) AS strength "
    "WHERE held = $need "
    "RETURN id, strength ORDER BY strength DESC, id LIMIT $limit"
)


class BrowseStore(Protocol):
    def query(
        self, cypher: str, parameters: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...


def theme_passages(
    store: BrowseStore,
    themes: list[str],
    agency: str | None = None,
    filters: SearchFilters | None = None,
    limit: int = LIMIT,
    all_kinds: bool = False,
) -> list[SearchResult]:
    """Passages carrying all of `themes` (one or two), naming `agency` when given, passing
    the filters, strongest first; from case reviews only unless `all_kinds` (as the Themes
    page counts them)."""
    found: list[SearchResult] = []
    for row, strength in _matching(store, themes, agency, filters, all_kinds):
        found.append(result_from_row(row, strength))
        if len(found) == limit:
            break
    return found


def theme_passages_counted(
    store: BrowseStore,
    themes: list[str],
    agency: str | None = None,
    filters: SearchFilters | None = None,
    limit: int = 50,
    all_kinds: bool = False,
) -> tuple[list[SearchResult], int]:
    """What `theme_passages` lists, and how many passages it would list with no limit (to
    say "50 of N"), in one pass."""
    found: list[SearchResult] = []
    total = 0
    for row, strength in _matching(store, themes, agency, filters, all_kinds):
        total += 1
        if len(found) < limit:
            found.append(result_from_row(row, strength))
    return found, total


def _matching(
    store: BrowseStore,
    themes: list[str],
    agency: str | None,
    filters: SearchFilters | None,
    all_kinds: bool,
) -> Iterator[tuple[dict[str, Any], float]]:
    chosen = list(dict.fromkeys(themes))
    if not chosen:
        raise ValueError("choose at least one theme")
    rows = store.query(THEME_PASSAGES, {"themes": chosen, "need": len(chosen), "limit": 20_000})
    strength = {row["id"]: float(row["strength"]) for row in rows}
    ids = list(strength)
    for start in range(0, len(ids), 500):
        details = store.passages(ids[start : start + 500])
        for pid in ids[start : start + 500]:
            row = details.get(pid)
            if row is None or not passes(row, filters or SearchFilters()):
                continue
            if agency and agency not in (row.get("agencies") or []):
                continue
            if not all_kinds and row.get("review_type") in analytics.OTHER_KINDS:
                continue
            yield row, strength[pid]


def carried(reviews: list[dict[str, Any]], pair: bool = False) -> str:
    """How the reviews the statistics count for a theme (analytics.theme_reviews: the
    review-level links trends, cooccur and compare count) stand to the passages tagged with
    it: "24 reviews carry this theme; 20 of them have passages tagged with it; the others
    carry it from their title, contents or summary". For a pair, "both themes", and a
    review may carry them in different passages."""
    theme, it = ("both themes", "both") if pair else ("this theme", "it")
    total = len(reviews)
    tagged = sum(1 for review in reviews if review["passages"])
    said = f"{total} review{'' if total == 1 else 's'} carr{'ies' if total == 1 else 'y'} {theme}"
    if not total:
        return said
    if tagged == total:
        every = "it has" if total == 1 else "all of them have"
        return f"{said}; {every} passages tagged with {it}"
    one = total - tagged == 1
    where = f"from {'its' if one else 'their'} title, contents or summary"
    if pair:
        where = f"in different passages or {where}"
    them = "them" if pair else "it"
    if total == 1:
        return f"{said}; it has no passage tagged with {it}: it carries {them} {where}"
    if not tagged:
        return f"{said}; none of them has passages tagged with {it}: they carry {them} {where}"
    others = "the other carries" if one else "the others carry"
    return (
        f"{said}; {tagged} of them {'has' if tagged == 1 else 'have'} passages tagged with "
        f"{it}; {others} {them} {where}"
    )


def recorded_filters(filters: SearchFilters | None, agency: str | None) -> SearchFilters:
    """The filters an export records: the sidebar's, and the agency chosen beside the
    theme(s), which narrows the list as much as any filter."""
    chosen = filters or SearchFilters()
    if not agency:
        return chosen
    return replace(chosen, agencies=tuple(dict.fromkeys((*chosen.agencies, agency))))


_ACRONYMS = {"gp": "GP", "mash": "MASH", "cafcass": "Cafcass", "nhs": "NHS", "camhs": "CAMHS"}


def agency_label(agency_id: str) -> str:
    """An agency id as people write it: 'health_visiting' -> 'Health visiting', 'gp' -> 'GP'."""
    words = [_ACRONYMS.get(word, word) for word in agency_id.split("_")]
    text = " ".join(words).replace("childrens", "children's")
    return text[0].upper() + text[1:] if text else text


def strongest(shown: int, total: int) -> str:
    """' (the 50 strongest of 312)' when a list stopped short of all its passages, else ''."""
    return f" (the {shown} strongest of {total})" if total > shown else ""


def export_title(
    themes: list[str],
    agency: str | None,
    theme_label: Callable[[str], str],
    agency_label: Callable[[str], str] = agency_label,
) -> str:
    """The title of an export: the themes' labels, and the agency when one was chosen."""
    labels = " and ".join(theme_label(theme) for theme in dict.fromkeys(themes))
    return labels + (f" ({agency_label(agency)})" if agency else "")


def export_name(themes: list[str], agency: str | None, fmt: Format) -> str:
    """A download's file name saying what it holds: 'hidden_men-over_focus_on_mothers.csv'."""
    return "-".join([*dict.fromkeys(themes), *([agency] if agency else [])]) + f".{fmt}"


def passes(row: dict[str, Any], filters: SearchFilters) -> bool:
    """Whether a passage row (as the store returns it) passes the search filters."""
    year = row.get("year")
    checks = [
        not filters.themes or bool(set(filters.themes) & set(row.get("themes") or [])),
        not filters.agencies or bool(set(filters.agencies) & set(row.get("agencies") or [])),
        not filters.review_types or row.get("review_type") in filters.review_types,
        filters.year_from is None or (year is not None and year >= filters.year_from),
        filters.year_to is None or (year is not None and year <= filters.year_to),
        not filters.partnership
        or filters.partnership.lower() in (row.get("partnership") or "").lower(),
        not filters.age_bands or row.get("age_band") in filters.age_bands,
        not filters.outcomes or row.get("outcome") in filters.outcomes,
        not filters.review_ids or row.get("review_id") in filters.review_ids,
        not filters.passage_kinds or row.get("kind") in filters.passage_kinds,
        not filters.document_kinds or row.get("document_kind") in filters.document_kinds,
    ]
    return all(checks)


def export(
    results: list[SearchResult],
    fmt: Format,
    title: str,
    filters: SearchFilters | None = None,
    what: str | None = None,
    now: dt.datetime | None = None,
    all_kinds: bool = True,
    notes: Sequence[str] = (),
) -> bytes:
    """The passages with their citations as CSV, Markdown or a Word document, saying what it
    holds (`what`, by default the passages of `title`), the filters (with the kinds of
    document left out, unless `all_kinds`) and the date: a CSV in `#` rows, as the Themes
    page's CSVs do; Markdown and Word in italics under the title. `notes` follow, one line
    each (e.g. how many reviews carry the theme, see `carried`)."""
    quotes = [{**asdict(r), "passage_id": r.passage_id} for r in results]
    about = provenance_lines(what or f"passages: {title}", describe(filters, all_kinds), now)
    about += [" ".join(note.split()) for note in notes]
    if fmt == "csv":
        return (comment_rows(about) + to_csv(quotes)).encode("utf-8")
    if fmt == "md":
        return to_markdown(title, quotes, about).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = to_docx(title, quotes, Path(folder) / "passages.docx", about=about)
        return path.read_bytes()


def describe(filters: SearchFilters | None, all_kinds: bool = True) -> str:
    """The search filters in words, in analytics.describe's terms: 'themes: cannabis; years
    2018-any; types: lcspr; excluding: briefing, guidance, other' (the last without
    `all_kinds`); "none" when there are none, "not recorded" when not given."""
    if filters is None:
        return "not recorded"
    parts = _listed(("themes", filters.themes), ("agencies", filters.agencies))
    reviews = analytics.Filters.of_search(filters, all_kinds)
    if reviews != analytics.Filters():
        parts.append(analytics.describe(reviews))
    parts += _listed(
        ("reviews", filters.review_ids),
        ("passage kinds", filters.passage_kinds),
        ("document kinds", filters.document_kinds),
    )
    return "; ".join(parts) or "none"


def _listed(*named: tuple[str, tuple[str, ...]]) -> list[str]:
    """'name: a, b' for each name given values."""
    return [f"{name}: {', '.join(values)}" for name, values in named if values]
