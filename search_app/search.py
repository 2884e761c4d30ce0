"""Hybrid passage search: dense vectors and BM25 keywords fused by reciprocal rank, with
filters, one review not filling the page, near-duplicates collapsed and matches highlighted."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

import numpy as np

from graph.filters import SearchFilters
from graph.passage_index import query_terms
from ingest.embed import Embedder, query_vector, transient
from search_app.briefing import citation

Mode = Literal["hybrid", "keyword", "dense"]
RRF_K = 20  # reciprocal-rank fusion; 20 beat the usual 60 on the dev queries (0.54 vs 0.52)
CANDIDATES = 100  # how deep each retriever looks before fusion
PER_REVIEW = 3  # passages of one review in the first page of results, before others run out
THEME_WEIGHT = 1.0  # a passage carrying all the query's themes gains as much as a first rank
DUPLICATE_OVERLAP = 0.8  # trigram containment above which two passages say the same thing


class SearchStore(Protocol):
    def keyword_search(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]: ...

    def dense_search(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]: ...

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...


@dataclass
class SearchResult:
    """A passage found, with everything needed to quote and cite it."""

    passage_id: str
    review_id: str
    title: str | None
    review_type: str | None
    year: int | None
    partnership: str | None
    page_start: int
    page_end: int
    paragraph_numbers: list[str]
    section: str | None
    text: str
    themes: list[str]
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)
    file_name: str | None = None
    source_path: str | None = None
    ranks: dict[str, int] = field(default_factory=dict)  # rank in each retriever, 1-based

    def highlighted(self, before: str = "**", after: str = "**") -> str:
        """The text with the matching words wrapped in markers."""
        out, last = [], 0
        for start, end in self.highlights:
            out.append(self.text[last:start] + before + self.text[start:end] + after)
            last = end
        return "".join(out) + self.text[last:]

    def citation(self) -> str:
        """'Title, Partnership, 2021, p. 4, para. 3.2', as every quote is cited."""
        return citation({**asdict(self), "title": self.title or self.file_name})


class QueryTagger(Protocol):
    def classify(self, texts: list[str]) -> list[Any]: ...


class Searcher:
    """Runs a query against a store, with an embedder for the query text and, optionally,
    the theme classifier: passages that carry the query's themes rank higher."""

    def __init__(
        self, store: SearchStore, embedder: Embedder, themes: QueryTagger | None = None
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.themes = themes

    def search(
        self,
        query: str,
        k: int = 10,
        mode: Mode = "hybrid",
        filters: SearchFilters | None = None,
        per_review: int = PER_REVIEW,
    ) -> list[SearchResult]:
        with transient(self.embedder):  # the query and its sentences are not cached
            return self._search(query, k, mode, filters, per_review)

    def _search(
        self,
        query: str,
        k: int,
        mode: Mode,
        filters: SearchFilters | None,
        per_review: int,
    ) -> list[SearchResult]:
        rankings: dict[str, list[tuple[str, float]]] = {}
        if mode in ("hybrid", "keyword"):
            rankings["keyword"] = self.store.keyword_search(query, CANDIDATES, filters)
        if mode in ("hybrid", "dense"):
            vector = query_vector(self.embedder, query)
            rankings["dense"] = self.store.dense_search(vector, CANDIDATES, filters)
        fused = fuse(rankings)
        details = self.store.passages([passage_id for passage_id, _ in fused])
        if self.themes is not None and mode == "hybrid":
            fused = boost_themes(fused, details, set(self.themes.classify([query])[0].themes))
        chosen = select(
            [(pid, score) for pid, score in fused if pid in details], details, k, per_review
        )
        return [_result(details[pid], score, rankings, query) for pid, score in chosen]


def fuse(rankings: dict[str, list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: each retriever adds 1 / (RRF_K + rank) to a passage."""
    scores: dict[str, float] = {}
    for ranking in rankings.values():
        for rank, (passage_id, _) in enumerate(ranking, start=1):
            scores[passage_id] = scores.get(passage_id, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def boost_themes(
    fused: list[tuple[str, float]], details: dict[str, dict[str, Any]], themes: set[str]
) -> list[tuple[str, float]]:
    """Lift passages that carry the themes the query is about, in proportion to the overlap."""
    if not themes:
        return fused
    unit = THEME_WEIGHT / (RRF_K + 1)
    boosted = [
        (pid, score + unit * len(themes & set(details[pid]["themes"])) / len(themes))
        if pid in details
        else (pid, score)
        for pid, score in fused
    ]
    return sorted(boosted, key=lambda item: -item[1])


def select(
    ranked: list[tuple[str, float]], details: dict[str, dict[str, Any]], k: int, per_review: int
) -> list[tuple[str, float]]:
    """The first k passages, best first, without near-duplicates and with at most
    `per_review` from one review unless the others run out. Stops as soon as it has k."""
    chosen: list[tuple[str, float]] = []
    held: list[tuple[str, float]] = []
    seen: list[set[tuple[str, ...]]] = []
    counts: dict[str, int] = {}
    for pid, score in ranked:
        grams = trigrams(details[pid]["text"])
        if any(_contained(grams, other) for other in seen):
            continue  # the same words as a better passage (an executive summary repeating it)
        seen.append(grams)
        review = details[pid]["review_id"]
        if counts.get(review, 0) < per_review:
            chosen.append((pid, score))
            counts[review] = counts.get(review, 0) + 1
            if len(chosen) == k:
                return chosen
        else:
            held.append((pid, score))
            if len(held) >= k:  # enough to fill up with if other reviews run out
                break
    return (chosen + held)[:k]


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _contained(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a) >= DUPLICATE_OVERLAP or shared / len(b) >= DUPLICATE_OVERLAP


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of the words in `text` that match a query word (or its stem)."""
    stems = {_stem(term) for term in query_terms(query)}
    return [
        match.span()
        for match in re.finditer(r"[A-Za-z0-9]+", text)
        if _stem(match.group(0).lower()) in stems
    ]


def _result(
    row: dict[str, Any], score: float, rankings: dict[str, list[tuple[str, float]]], query: str
) -> SearchResult:
    ranks = {
        name: next((i for i, (pid, _) in enumerate(ranking, start=1) if pid == row["id"]), 0)
        for name, ranking in rankings.items()
    }
    return SearchResult(
        passage_id=row["id"],
        review_id=row["review_id"],
        title=row.get("title"),
        review_type=row.get("review_type"),
        year=row.get("year"),
        partnership=row.get("partnership"),
        page_start=row["page_start"],
        page_end=row["page_end"],
        paragraph_numbers=row.get("paragraph_numbers") or [],
        section=row.get("section"),
        text=row["text"],
        themes=row.get("themes") or [],
        score=round(score, 6),
        highlights=highlight_spans(row["text"], query),
        file_name=row.get("file_name"),
        source_path=row.get("source_path"),
        ranks={name: rank for name, rank in ranks.items() if rank},
    )
