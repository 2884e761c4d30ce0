"""Questions Panel staff ask of the graph: which themes travel together, how themes move
over the years, which agencies and roles go with which themes, and a review's neighbours.

Every function takes a store (any backend) and plain filters. The Cypher is built only
from fixed fragments; every value a user gives travels as a parameter.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from graph.filters import SearchFilters
from graph.schema import AGE_BANDS, MENTION_LABELS, OUTCOMES
from graph.store import Store
from ingest.review_types import NOT_CASE_REVIEWS, REVIEW_TYPES

OTHER_KINDS = NOT_CASE_REVIEWS  # review statistics leave these out unless asked for them
SMALL_NUMBER = 5  # fewer reviews than this in a group: its shares are too unsteady to trust
AGE_BAND_NAMES = [band for _, _, band in AGE_BANDS]
__all__ = ["OUTCOMES", "REVIEW_TYPES"]  # offered by the CLI and the app from here
ENTITY_KINDS = dict(MENTION_LABELS)  # kind -> label; the only labels a caller can choose


@dataclass(frozen=True)
class Filters:
    """Which reviews count. Empty means no restriction."""

    year_from: int | None = None
    year_to: int | None = None
    review_types: tuple[str, ...] = ()
    partnership: str | None = None  # any part of the partnership's name, case ignored
    age_bands: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    exclude_types: tuple[str, ...] = ()  # e.g. OTHER_KINDS: case reviews only

    @classmethod
    def of_search(cls, filters: SearchFilters, all_kinds: bool = True) -> Filters:
        """The review-level part of search filters; without `all_kinds`, case reviews only
        (no briefings, guidance or other documents)."""
        return cls(
            year_from=filters.year_from,
            year_to=filters.year_to,
            review_types=filters.review_types,
            partnership=filters.partnership,
            age_bands=filters.age_bands,
            outcomes=filters.outcomes,
            exclude_types=() if all_kinds else OTHER_KINDS,
        )

    def where(self, review: str = "r") -> tuple[str, dict[str, Any]]:
        """A WHERE condition on the review variable and its parameters."""
        conditions: list[str] = []
        values: dict[str, Any] = {}
        if self.year_from is not None:
            conditions.append(f"{review}.publication_year >= $year_from")
            values["year_from"] = int(self.year_from)
        if self.year_to is not None:
            conditions.append(f"{review}.publication_year <= $year_to")
            values["year_to"] = int(self.year_to)
        if self.review_types:
            conditions.append(f"{review}.review_type IN $review_types")
            values["review_types"] = list(self.review_types)
        if self.partnership:
            conditions.append(f"toLower({review}.partnership) CONTAINS toLower($partnership)")
            values["partnership"] = str(self.partnership)
        if self.age_bands:
            conditions.append(f"{review}.age_band IN $age_bands")
            values["age_bands"] = list(self.age_bands)
        if self.outcomes:
            conditions.append(f"{review}.outcome IN $outcomes")
            values["outcomes"] = list(self.outcomes)
        if self.exclude_types:
            # a review whose type could not be read still counts as a review
            conditions.append(
                f"({review}.review_type IS NULL OR NOT {review}.review_type IN $exclude_types)"
            )
            values["exclude_types"] = list(self.exclude_types)
        return (" AND ".join(conditions) or "true"), values


# -- theme co-occurrence ----------------------------------------------------------------------


def cooccurrence(
    store: Store, filters: Filters | None = None, min_reviews: int = 1
) -> list[dict[str, Any]]:
    """Per pair of themes: reviews and passages carrying both, Jaccard, lift and a one-sided
    Fisher exact p-value for the reviews (are they together more often than chance?)."""
    filters = filters or Filters()
    where, values = filters.where()
    total = _count(store, f"MATCH (r:Review) WHERE {where} RETURN count(r) AS n", values)
    rows = store.query(
        f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} "
        "RETURN r.id AS review, t.id AS theme",
        values,
    )
    reviews_of: dict[str, set[str]] = {}
    for row in rows:
        reviews_of.setdefault(row["theme"], set()).add(row["review"])
    passages = {
        (row["a"], row["b"]): row["passages"]
        for row in store.query(
            "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)-[:EVIDENCES]->(a:Theme), "
            f"(p)-[:EVIDENCES]->(b:Theme) WHERE a.id < b.id AND {where} "
            "RETURN a.id AS a, b.id AS b, count(DISTINCT p) AS passages",
            values,
        )
    }
    pairs = []
    for a, b in itertools.combinations(sorted(reviews_of), 2):
        with_a, with_b = reviews_of[a], reviews_of[b]
        both = len(with_a & with_b)
        if both < min_reviews:
            continue
        either = len(with_a | with_b)
        pairs.append(
            {
                "a": a,
                "b": b,
                "reviews": both,
                "passages": passages.get((a, b), 0),
                "reviews_a": len(with_a),
                "reviews_b": len(with_b),
                "total_reviews": total,
                "jaccard": round(both / either, 4) if either else 0.0,
                "lift": round(both * total / (len(with_a) * len(with_b)), 4),
                "p_value": fisher_greater(both, len(with_a), len(with_b), total),
            }
        )
    return sorted(pairs, key=lambda pair: (-pair["reviews"], -pair["lift"], pair["a"], pair["b"]))


def fisher_greater(both: int, with_a: int, with_b: int, total: int) -> float:
    """P(at least `both` reviews carry A and B) if B fell on reviews at random (hypergeometric)."""
    top = min(with_a, with_b)
    denominator = math.comb(total, with_b)
    tail = sum(
        math.comb(with_a, k) * math.comb(total - with_a, with_b - k) for k in range(both, top + 1)
    )
    return round(min(1.0, tail / denominator), 6) if denominator else 1.0


def fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Fisher's exact test on the 2x2 table [[a, b], [c, d]]: the chance of a table at least
    as unlikely as this one, with the margins fixed (two-sided)."""
    row, column, total = a + b, a + c, a + b + c + d
    if total == 0:
        return 1.0
    denominator = math.comb(total, column)

    def probability(k: int) -> float:
        return math.comb(row, k) * math.comb(total - row, column - k) / denominator

    observed = probability(a)
    low, high = max(0, column - (total - row)), min(row, column)
    tail = sum(p for k in range(low, high + 1) if (p := probability(k)) <= observed * (1 + 1e-9))
    return round(min(1.0, tail), 6)


def describe(filters: Filters) -> str:
    """The filters in words, for the header of an export: 'years 2015-2020; types: lcspr'."""
    parts = []
    if filters.year_from is not None or filters.year_to is not None:
        parts.append(f"years {filters.year_from or 'any'}-{filters.year_to or 'any'}")
    for name, values in (
        ("types", filters.review_types),
        ("age bands", filters.age_bands),
        ("outcomes", filters.outcomes),
        ("excluding", filters.exclude_types),
    ):
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    if filters.partnership:
        parts.append(f"partnership contains {filters.partnership!r}")
    return "; ".join(parts) or "none"


# -- two periods side by side -----------------------------------------------------------------


def compare_periods(
    store: Store,
    first: tuple[int, int],
    second: tuple[int, int],
    filters: Filters | None = None,
) -> dict[str, Any]:
    """Theme shares and theme pairs in two ranges of publication years, side by side: the
    counts in each, the difference in share, and Fisher's exact test of whether a difference
    that large could be chance (two-sided)."""
    base = filters or Filters()
    counts = []
    for low, high in (first, second):
        if low > high:
            raise ValueError(f"a period runs from its first year to its last: {low}-{high}")
        period = replace(base, year_from=low, year_to=high)
        counts.append(_period_counts(store, period))
    (total_a, themes_a, pairs_a), (total_b, themes_b, pairs_b) = counts

    def row(count_a: int, count_b: int) -> dict[str, Any]:
        share_a = count_a / total_a if total_a else 0.0
        share_b = count_b / total_b if total_b else 0.0
        return {
            "reviews_first": count_a,
            "total_first": total_a,
            "share_first": round(share_a, 4),
            "reviews_second": count_b,
            "total_second": total_b,
            "share_second": round(share_b, 4),
            "difference": round(share_b - share_a, 4),
            "p_value": fisher_two_sided(count_a, total_a - count_a, count_b, total_b - count_b),
        }

    themes = [
        {"theme": theme, **row(themes_a.get(theme, 0), themes_b.get(theme, 0))}
        for theme in sorted(themes_a.keys() | themes_b.keys())
    ]
    pairs = [
        {"a": a, "b": b, **row(pairs_a.get((a, b), 0), pairs_b.get((a, b), 0))}
        for a, b in sorted(pairs_a.keys() | pairs_b.keys())
    ]
    return {
        "first": {"years": list(first), "reviews": total_a},
        "second": {"years": list(second), "reviews": total_b},
        "themes": sorted(themes, key=_least_likely_first),
        "pairs": sorted(pairs, key=_least_likely_first),
    }


def _least_likely_first(row: dict[str, Any]) -> tuple[float, float]:
    return row["p_value"], -abs(row["difference"])


def _period_counts(
    store: Store, filters: Filters
) -> tuple[int, dict[str, int], dict[tuple[str, str], int]]:
    """Reviews in the period, reviews per theme, and reviews per pair of themes."""
    where, values = filters.where()
    total = _count(store, f"MATCH (r:Review) WHERE {where} RETURN count(r) AS n", values)
    reviews_of: dict[str, set[str]] = {}
    for found in store.query(
        f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} "
        "RETURN r.id AS review, t.id AS theme",
        values,
    ):
        reviews_of.setdefault(found["theme"], set()).add(found["review"])
    themes = {theme: len(reviews) for theme, reviews in reviews_of.items()}
    pairs = {
        (a, b): both
        for a, b in itertools.combinations(sorted(reviews_of), 2)
        if (both := len(reviews_of[a] & reviews_of[b]))
    }
    return total, themes, pairs


# -- trends -----------------------------------------------------------------------------------


def theme_trends(
    store: Store,
    filters: Filters | None = None,
    by: str = "publication",
    themes: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Per year and theme: reviews carrying it and their share of that year's reviews. With
    `themes`, only those, and every year with reviews (a year none carries shows 0)."""
    if by not in {"publication", "incident"}:
        raise ValueError("by must be 'publication' or 'incident'")
    year = "r.publication_year" if by == "publication" else "r.incident_year"
    where, values = (filters or Filters()).where()
    totals = {
        row["year"]: row["n"]
        for row in store.query(
            f"MATCH (r:Review) WHERE {where} AND {year} IS NOT NULL "
            f"RETURN {year} AS year, count(r) AS n",
            values,
        )
    }
    rows = store.query(
        f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} AND {year} IS NOT NULL "
        f"RETURN {year} AS year, t.id AS theme, count(DISTINCT r) AS reviews",
        values,
    )
    counts = {(row["year"], row["theme"]): row["reviews"] for row in rows}
    if themes is not None:
        wanted = set(themes)
        counts = {key: n for key, n in counts.items() if key[1] in wanted}
        counts |= {(year, t): 0 for year in totals for t in wanted if (year, t) not in counts}
    trends = [
        {
            "year": year,
            "theme": theme,
            "reviews": n,
            "total_reviews": totals[year],
            "share": round(n / totals[year], 4),
        }
        for (year, theme), n in counts.items()
    ]
    return sorted(trends, key=lambda row: (row["year"], row["theme"]))


def reviews_without_year(
    store: Store, filters: Filters | None = None, by: str = "publication"
) -> int:
    """How many reviews passing the filters have no year of `by` (publication or incident):
    the trends leave them out, having no year to count them in."""
    if by not in {"publication", "incident"}:
        raise ValueError("by must be 'publication' or 'incident'")
    year = "r.publication_year" if by == "publication" else "r.incident_year"
    where, values = (filters or Filters()).where()
    return _count(
        store, f"MATCH (r:Review) WHERE {where} AND {year} IS NULL RETURN count(r) AS n", values
    )


def themes_without_year(
    store: Store, filters: Filters | None = None, by: str = "publication"
) -> dict[str, int]:
    """Per theme, how many of the reviews carrying it (passing the filters) have no year of
    `by`: what the trends leave out of that theme's counts."""
    if by not in {"publication", "incident"}:
        raise ValueError("by must be 'publication' or 'incident'")
    year = "r.publication_year" if by == "publication" else "r.incident_year"
    where, values = (filters or Filters()).where()
    return {
        row["theme"]: int(row["n"])
        for row in store.query(
            f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} AND {year} IS NULL "
            "RETURN t.id AS theme, count(DISTINCT r) AS n",
            values,
        )
    }


# -- the reviews behind a count ----------------------------------------------------------------


def theme_reviews(
    store: Store, themes: Iterable[str], filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The reviews passing the filters that carry every one of `themes` by the review-level
    links the statistics count (cooccurrence, theme_trends, compare_periods), whether a
    passage or the review's title, contents or summary gave it; each with `passages`, how
    many of its passages are tagged with all of them (0: carried from the title, contents or
    summary only)."""
    wanted = list(dict.fromkeys(themes))
    if not wanted:
        raise ValueError("choose at least one theme")
    where, values = (filters or Filters()).where()
    values = {**values, "themes": wanted, "need": len(wanted)}
    reviews = store.query(
        f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} AND t.id IN $themes "
        "WITH r, count(DISTINCT t) AS held WHERE held = $need "
        "RETURN r.id AS id, r.title AS title, r.review_type AS review_type, "
        "r.publication_year AS year, r.incident_year AS incident_year, "
        "r.partnership AS partnership",
        values,
    )
    tagged = {
        row["id"]: row["passages"]
        for row in store.query(
            f"MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)-[:EVIDENCES]->(t:Theme) "
            f"WHERE {where} AND t.id IN $themes "
            "WITH r, p, count(DISTINCT t) AS held WHERE held = $need "
            "RETURN r.id AS id, count(DISTINCT p) AS passages",
            values,
        )
    }
    found = [{**row, "passages": int(tagged.get(row["id"], 0))} for row in reviews]
    return sorted(found, key=lambda row: (-(row["year"] or 0), row["title"] or "", row["id"]))


# -- entities with themes ----------------------------------------------------------------------


def entity_theme_links(
    store: Store, kind: str = "agency", theme: str | None = None, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """Which agencies (or roles, programmes...) are named in the passages that carry a theme,
    with the lift over how often the theme appears at all."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ENTITY_KINDS)}")
    label = ENTITY_KINDS[kind]
    base, base_values = (filters or Filters()).where()
    # Without review filters, start from the passages: Kùzu plans the longer path badly
    # (17 s against 0.2-0.6 s at 300,000 passages).
    start = (
        "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)" if base != "true" else "MATCH (p:Passage)"
    )
    where, values = base, dict(base_values)
    if theme:
        where += " AND t.id = $theme"
        values["theme"] = theme
    total = _count(store, f"{start} WHERE {base} RETURN count(p) AS n", base_values)
    with_theme = {
        row["theme"]: row["n"]
        for row in store.query(
            f"{start}-[:EVIDENCES]->(t:Theme) WHERE {where} "
            "RETURN t.id AS theme, count(DISTINCT p) AS n",
            values,
        )
    }
    with_entity = {
        row["entity"]: row["n"]
        for row in store.query(
            f"{start}-[:MENTIONS]->(e:{label}) WHERE {base} "
            "RETURN e.id AS entity, count(DISTINCT p) AS n",
            base_values,
        )
    }
    rows = store.query(
        f"{start}-[:MENTIONS]->(e:{label}), (p)-[:EVIDENCES]->(t:Theme) WHERE {where} "
        "RETURN e.id AS entity, t.id AS theme, count(DISTINCT p) AS passages, "
        "count(DISTINCT p.review_id) AS reviews",
        values,
    )
    links = []
    for row in rows:
        expected = with_entity[row["entity"]] * with_theme[row["theme"]] / total if total else 0
        links.append(
            {
                "kind": kind,
                **row,
                "entity_passages": with_entity[row["entity"]],
                "theme_passages": with_theme[row["theme"]],
                "lift": round(row["passages"] / expected, 4) if expected else 0.0,
            }
        )
    return sorted(links, key=lambda link: (-link["passages"], link["entity"], link["theme"]))


# -- a review's neighbourhood ------------------------------------------------------------------


def neighbourhood(store: Store, review_id: str) -> dict[str, Any] | None:
    """A review with its themes, entities, partnership and the reviews it cites or is cited by."""
    found = store.query(
        "MATCH (r:Review {id: $id}) RETURN r.id AS id, r.title AS title, "
        "r.review_type AS review_type, r.publication_year AS year, r.partnership AS partnership",
        {"id": review_id},
    )
    if not found:
        return None
    params = {"id": review_id}
    themes = store.query(
        "MATCH (r:Review {id: $id})-[h:HAS_THEME]->(t:Theme) "
        "RETURN t.id AS theme, t.label AS label, h.passages AS passages ORDER BY passages DESC",
        params,
    )
    entities: dict[str, list[dict[str, Any]]] = {}
    for kind, label in ENTITY_KINDS.items():
        entities[kind] = store.query(
            f"MATCH (r:Review {{id: $id}})-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->(e:{label}) "
            "RETURN e.id AS id, e.name AS name, sum(m.count) AS mentions ORDER BY mentions DESC",
            params,
        )
    cites = store.query(
        "MATCH (r:Review {id: $id})-[c:CITES]->(o:Review) "
        "RETURN o.id AS id, o.title AS title, c.evidence AS evidence",
        params,
    )
    cited_by = store.query(
        "MATCH (o:Review)-[c:CITES]->(r:Review {id: $id}) "
        "RETURN o.id AS id, o.title AS title, c.evidence AS evidence",
        params,
    )
    return {
        **found[0],
        "themes": themes,
        "entities": entities,
        "cites": cites,
        "cited_by": cited_by,
    }


def _count(store: Store, cypher: str, values: dict[str, Any]) -> int:
    rows = store.query(cypher, values)
    return int(rows[0]["n"]) if rows else 0
