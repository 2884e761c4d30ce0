"""Questions Panel staff ask of the graph: which themes travel together, how themes move
over the years, which agencies and roles go with which themes, and a review's neighbours.

Every function takes a store (any backend) and plain filters. The Cypher is built only
from fixed fragments; every value a user gives travels as a parameter.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from graph.schema import AGE_BANDS, MENTION_LABELS
from graph.store import Store
from ingest.kinds import NOT_REVIEWS

REVIEW_TYPES = [
    "serious_case_review",
    "lcspr",
    "rapid_review",
    "national_review",
    "child_practice_review",
    "thematic_review",
    "briefing",
    "guidance",
    "other",
]
AGE_BAND_NAMES = [band for _, _, band in AGE_BANDS]
OUTCOMES = ["died", "serious_harm", "other"]
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
    include_guidance: bool = False  # guidance and other non-reviews are not review statistics

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
        if not self.include_guidance:
            conditions.append(f"NOT coalesce({review}.document_kind, '') IN $not_reviews")
            values["not_reviews"] = list(NOT_REVIEWS)
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


# -- trends -----------------------------------------------------------------------------------


def theme_trends(
    store: Store, filters: Filters | None = None, by: str = "publication"
) -> list[dict[str, Any]]:
    """Per year and theme: reviews carrying it and their share of that year's reviews."""
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
    trends = [
        {
            "year": row["year"],
            "theme": row["theme"],
            "reviews": row["reviews"],
            "total_reviews": totals[row["year"]],
            "share": round(row["reviews"] / totals[row["year"]], 4),
        }
        for row in rows
    ]
    return sorted(trends, key=lambda row: (row["year"], row["theme"]))


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
