"""How a query is read: the themes, agencies, family roles, child's age bands and outcomes it
names. Search lifts passages that agree with them a little (soft boosts, never filters), and
the app shows them as chips the user can turn into filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.filters import SearchFilters
from ingest.themes.cues import only_denied
from ingest.themes.taxonomy import load_taxonomy
from search_app.query import parse_query

# the child's age, as people say it; "teenage dads" is about the parent, so a word that
# names a parent right after it does not count
_PARENT = r"(?!\s+(?:parents?|mothers?|mums?|fathers?|dads?|carers?))"
AGE_WORDS = [
    (
        "under 1",
        re.compile(
            r"\b(?:bab(?:y|ies)|infants?|new-?borns?|non-mobile|under (?:one|1)\b|"
            r"\d+[- ](?:days?|weeks?)[- ]old)" + _PARENT,
            re.I,
        ),
    ),
    ("1-5", re.compile(r"\b(?:toddlers?|pre-?school(?:ers)?|nursery)" + _PARENT, re.I)),
    ("6-10", re.compile(r"\bprimary school" + _PARENT, re.I)),
    (
        "11-15",
        re.compile(r"\b(?:teenagers?|teenage|adolescents?|secondary school)" + _PARENT, re.I),
    ),
]
OUTCOME_WORDS = [
    ("died", re.compile(r"\b(?:died|deaths?|killed|fatal(?:ly)?|dead)\b", re.I)),
    ("serious_harm", re.compile(r"\b(?:injur(?:ed|y|ies)|seriously harmed|fractures?)\b", re.I)),
]
# a passage agreeing on every facet gains a quarter of a first rank; on the dev queries the
# boosts cost a little (nDCG@10 0.610 against 0.613 without): most judged passages come
# from national reviews that state no age or outcome
FACET_WEIGHT = 0.25


class Tagger(Protocol):
    def classify(self, texts: list[str]) -> list[Any]: ...


@dataclass
class QueryReading:
    """What a query names, each a chip the user can turn into a filter."""

    themes: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    age_bands: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    def chips(self) -> list[tuple[str, str]]:
        """(facet, value) pairs, in the order they are shown."""
        return [
            (facet, value)
            for facet in ("themes", "agencies", "age_bands", "outcomes", "roles")
            for value in getattr(self, facet)
        ]

    def as_filter(self, facet: str, value: str, filters: SearchFilters) -> SearchFilters:
        """`filters` with the chip added (roles are not a filter; they only rank)."""
        from dataclasses import replace

        if facet not in ("themes", "agencies", "age_bands", "outcomes"):
            return filters
        chosen: tuple[str, ...] = tuple(dict.fromkeys((*getattr(filters, facet), value)))
        return replace(filters, **{facet: chosen})  # type: ignore[arg-type]


def read_query(query: str, themes: Tagger | None, entities: Any = None) -> QueryReading:
    """The facets a query names: themes from the classifier, agencies and roles from the
    entity catalogue, age bands and outcomes from everyday words. Only what the query asks
    for is read: operators and excluded words (`-"domestic abuse"`, NOT alcohol) are left
    out, as search leaves them out (search_app.query), and so is a theme the query names
    only to deny it ("no evidence that drugs or alcohol were a factor")."""
    reading = QueryReading()
    query = parse_query(query).text
    if themes is not None and query.strip():
        denied = only_denied(load_taxonomy(), query)
        reading.themes = sorted(set(themes.classify([query])[0].themes) - denied)
    if entities is not None:
        mentions = entities(query)
        reading.agencies = sorted({m.id for m in mentions if m.kind == "agency"})
        reading.roles = sorted({m.id for m in mentions if m.kind == "role"})
    reading.age_bands = [band for band, words in AGE_WORDS if words.search(query)]
    reading.outcomes = [name for name, words in OUTCOME_WORDS if words.search(query)]
    return reading


def facet_agreement(reading: QueryReading, row: dict[str, Any]) -> float:
    """Share of the query's agency, age and outcome facets a passage (and its review) agrees
    with; a review that states no age or outcome is not held against; 0 when the query
    names none."""
    facets = 0
    agreed = 0.0
    if reading.agencies:
        facets += 1
        agreed += len(set(reading.agencies) & set(row.get("agencies") or [])) / len(
            reading.agencies
        )
    if reading.age_bands:
        facets += 1
        agreed += row.get("age_band") in (*reading.age_bands, None)  # unknown: no penalty
    if reading.outcomes:
        facets += 1
        agreed += row.get("outcome") in (*reading.outcomes, None)
    return agreed / facets if facets else 0.0
