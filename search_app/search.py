"""Hybrid passage search: dense vectors and BM25 keywords fused by reciprocal rank, with
filters, one review not filling the page, near-duplicates collapsed and matches highlighted.

Fusion alone lets a passage the embedding likes outrank one that holds the query's rare
word ("methadone"), so hybrid results come in tiers: passages with more of the query's
rare words (few passages contain them) first, fused rank within a tier. Quoted phrases,
AND, OR and NOT (search_app.query) are constraints every result meets, in every mode."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

import numpy as np

from graph.bm25 import analyse, stem_words
from graph.filters import SearchFilters
from graph.passage_index import query_terms
from ingest.embed import Embedder, query_vector, transient
from ingest.kinds import BOILERPLATE, NOT_REVIEWS
from ingest.page_labels import from_json as page_labels
from ingest.page_labels import printed
from search_app import rerank
from search_app.briefing import citation
from search_app.query import Clause, ParsedQuery, parse_query
from search_app.understand import FACET_WEIGHT, QueryReading, facet_agreement, read_query

Mode = Literal["hybrid", "keyword", "dense"]
RRF_K = 20  # reciprocal-rank fusion; 20 beat the usual 60 on the dev queries (0.54 vs 0.52)
CANDIDATES = 100  # how deep each retriever looks before fusion
# passages of one review in the first page of results, before others run out: a long national
# review holds several distinct findings on one question. Chosen with GUIDANCE_FACTOR by
# leave-one-query-out CV on the pooled dev queries over 4-7 x {1, 0.9, 0.85, 0.8, 0.7, 0.55}:
# nDCG@10 0.642 at (5, 1), 0.649 at (6, 1), 0.659 at (5, 0.8), 0.667 at (6, 0.8), picked
# for all 21 queries (CV 0.667)
PER_REVIEW = 6
# how a guidance or other non-review passage's score is scaled: guidance (Working Together,
# thresholds, checklists) shares a question's words without saying what happened in a case
GUIDANCE_FACTOR = 0.8
# a passage surely about all the query's themes gains 1.5 first ranks; how sure is the tagger's
# confidence (square-rooted: a passage half-sure of a theme already counts 0.7). Pooled dev
# nDCG@10, hybrid: labels alone 0.627; confidences 0.642 at 1.0, 0.645 at 1.5, 0.641 at 2.0;
# leave-one-query-out over {labels, confidences, both, square-rooted} x 0.5-3 picks
# square-rooted at 1.5 for 20 of 21 queries: 0.641. A fresh store scores 0.642 (scores
# below 0.05 are not stored)
THEME_WEIGHT = 1.5
DUPLICATE_OVERLAP = 0.8  # trigram containment above which two passages say the same thing
# A query word in at most this share of the passages is a rare one, and passages holding it
# come first. Wider shares cost dev nDCG@10 (0.621 with none, 0.584 at 0.2%, 0.467 at 1%):
# in a question typed in plain words, an uncommon word ("scheme", "risky") is not the point.
RARE_SHARE = 0.001
_CONTRACTION = re.compile(r"\w+n['’]t\b", re.I)  # "won't", "don't": not rare words
BOILERPLATE_FACTOR = 0.5  # how a method or contents passage's fused score is scaled
CONSTRAINED_CANDIDATES = 1000  # how deep to look for passages meeting phrases and operators


class SearchStore(Protocol):
    def keyword_search(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]: ...

    def dense_search(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]: ...

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]: ...


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
    # the numbers printed on its first and last pages, where known (ingest.page_labels)
    printed_start: str | None = None
    printed_end: str | None = None

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

    def to_json(self) -> dict[str, Any]:
        """Its fields and citation, as `casegraph search --json` and `passages --json` give it."""
        return {**asdict(self), "citation": self.citation()}


@dataclass
class Ranked:
    """A query's candidates in tiers, with what was found on the way (for the reranker)."""

    text: str
    tiers: list[list[tuple[str, float]]]
    details: dict[str, dict[str, Any]]
    rankings: dict[str, list[tuple[str, float]]]
    reading: QueryReading
    idf: dict[str, float]
    rare: list[str]


class QueryTagger(Protocol):
    def classify(self, texts: list[str]) -> list[Any]: ...


# What to say when nothing_to_look_for: the app and the CLI say the same
NOTHING_TO_LOOK_FOR = (
    "Type the words to search for: operators, quote marks, words as common as “the” and words "
    "to leave out (NOT, -word) alone find nothing"
)


class Searcher:
    """Runs a query against a store, with an embedder for the query text and, optionally,
    the theme classifier: passages that carry the query's themes rank higher."""

    def __init__(
        self,
        store: SearchStore,
        embedder: Embedder,
        themes: QueryTagger | None = None,
        entities: Any = None,
        reranker: rerank.Reranker | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.themes = themes
        self.entities = entities  # ingest.entities.EntityExtractor: agencies and roles named
        self.reranker = reranker  # search_app.rerank: reorders the first candidates

    def understand(self, query: str) -> QueryReading:
        """The themes, agencies, roles, age bands and outcomes the query names (chips)."""
        return read_query(query, self.themes, self.entities)  # reads the parsed query

    def search(
        self,
        query: str,
        k: int = 10,
        mode: Mode = "hybrid",
        filters: SearchFilters | None = None,
        per_review: int = PER_REVIEW,
    ) -> list[SearchResult]:
        with transient(self.embedder):  # the query and its sentences are not cached
            # each retriever looks at least k deep, so that a long list is not cut short
            state = self.rank(query, mode, filters, max(CANDIDATES, k))
        tiers = state.tiers
        if mode == "hybrid" and self.reranker is not None:
            candidates = self.candidates(state)[: rerank.DEPTH]
            matrix = rerank.features(candidates, state.text, state.idf, state.rare)
            scores = dict(
                zip([c.row["id"] for c in candidates], self.reranker.score(matrix), strict=True)
            )
            tiers = rerank_tiers(tiers, scores)
        chosen = select_tiers(tiers, state.details, k, per_review)
        return [_result(state.details[pid], score, state.rankings, query) for pid, score in chosen]

    def rank(
        self,
        query: str,
        mode: Mode = "hybrid",
        filters: SearchFilters | None = None,
        depth: int = CANDIDATES,
    ) -> Ranked:
        """Every candidate for the query, in tiers, before the page is chosen; each retriever
        looks `depth` passages deep (deeper only when more results are asked for: a deeper
        look costs time on every query)."""
        parsed = parse_query(query)
        text = parsed.text or query
        rankings: dict[str, list[tuple[str, float]]] = {}
        if mode in ("hybrid", "keyword"):
            rankings["keyword"] = self.store.keyword_search(text, depth, filters)
        if mode in ("hybrid", "dense"):
            vector = query_vector(self.embedder, text)
            rankings["dense"] = self.store.dense_search(vector, depth, filters)
        fused = fuse(rankings)
        idf, rare = self.rarity(text) if mode == "hybrid" else ({}, [])
        extra = self._constraint_candidates(parsed, filters)
        if rare:
            extra += self.store.keyword_search(" ".join(rare), CANDIDATES, filters)
        known = {pid for pid, _ in fused}
        fused += [(pid, 0.0) for pid in dict.fromkeys(pid for pid, _ in extra) if pid not in known]
        details = self.store.passages([passage_id for passage_id, _ in fused])
        if parsed.constrained:
            fused = [
                (pid, s)
                for pid, s in fused
                if pid in details and parsed.admits(details[pid]["text"])
            ]
        reading = QueryReading()
        if mode == "hybrid":
            reading = self.understand(text)
            fused = boost_themes(fused, details, set(reading.themes))
            fused = boost_facets(fused, details, reading)
            fused = demote_boilerplate(fused, details)
        tiers = tier_by_terms(fused, details, rare)
        return Ranked(text, tiers, details, rankings, reading, idf, rare)

    def candidates(self, state: Ranked) -> list[rerank.Candidate]:
        """The ranked candidates, best first, with what the reranker reads of each."""
        details, reading = state.details, state.reading
        positions = {
            name: {pid: (rank, score) for rank, (pid, score) in enumerate(ranking, start=1)}
            for name, ranking in state.rankings.items()
        }
        themes = set(reading.themes)
        return [
            rerank.Candidate(
                row=details[pid],
                fused=score,
                keyword=positions.get("keyword", {}).get(pid),
                dense=positions.get("dense", {}).get(pid),
                themes=theme_agreement(details[pid], themes),
                facets=facet_agreement(reading, details[pid]),
            )
            for tier in state.tiers
            for pid, score in tier
        ]

    @staticmethod
    def searched_words(query: str) -> list[str]:
        """The query's words as typed that search looks for (operators, exclusions and words
        as common as "the" aside)."""
        return [word for word in parse_query(query).text.split() if analyse(word)]

    @staticmethod
    def nothing_to_look_for(query: str) -> bool:
        """Whether the query says only what to leave out (NOT, -word), or holds only operators
        and words as common as "the": search would rank passages by closeness to nothing."""
        parsed = parse_query(query)
        wanted = parsed.phrases or parsed.required or parsed.any_of
        return not Searcher.searched_words(query) and not wanted

    def unknown_words(self, query: str) -> list[str]:
        """The query's words (as typed, operators and exclusions aside) that no stored passage
        holds in any form: a misspelling, or a word no review uses. When every word is one,
        whatever search shows is only what is closest in meaning, and may be unrelated."""
        words = self.searched_words(query)
        terms = {word: analyse(word) for word in words}
        wanted = list(dict.fromkeys(term for found in terms.values() for term in found))
        if not wanted:
            return []
        _, frequencies = self.store.document_frequencies(wanted)
        return [word for word in words if not any(frequencies.get(t) for t in terms[word])]

    def rare_terms(self, text: str) -> list[str]:
        """The query's analysed words that few passages contain (and at least one does)."""
        return self.rarity(text)[1]

    def rarity(self, text: str) -> tuple[dict[str, float], list[str]]:
        """The IDF of each of the query's analysed words, and the rare ones: words few
        passages contain (and at least one does)."""
        terms = list(dict.fromkeys(analyse(_CONTRACTION.sub(" ", text))))
        if not terms:
            return {}, []
        count, frequencies = self.store.document_frequencies(terms)
        most = max(1.0, RARE_SHARE * count)  # a word in one passage is rare in any collection
        idf = {
            t: math.log1p((count - frequencies.get(t, 0) + 0.5) / (frequencies.get(t, 0) + 0.5))
            for t in terms
        }
        return idf, [t for t in terms if 0 < frequencies.get(t, 0) <= most]

    def _constraint_candidates(
        self, parsed: ParsedQuery, filters: SearchFilters | None
    ) -> list[tuple[str, float]]:
        """Passages holding the words the query requires, deeper than ranking looks."""
        wanted = [c.text for c in parsed.phrases + parsed.required]
        wanted += [c.text for group in parsed.any_of for c in group]
        if not wanted:
            return []
        return self.store.keyword_search(" ".join(wanted), CONSTRAINED_CANDIDATES, filters)


def boost_facets(
    fused: list[tuple[str, float]], details: dict[str, dict[str, Any]], reading: QueryReading
) -> list[tuple[str, float]]:
    """Lift passages that agree with the agencies, age band and outcome the query names."""
    unit = FACET_WEIGHT / (RRF_K + 1)
    boosted = [
        (pid, score + unit * facet_agreement(reading, details[pid]))
        for pid, score in fused
        if pid in details
    ]
    return sorted(boosted, key=lambda item: -item[1])


def demote_boilerplate(
    fused: list[tuple[str, float]], details: dict[str, dict[str, Any]]
) -> list[tuple[str, float]]:
    """Method and contents passages (how the review was done, reference lists) sink: they
    hold the query's words without saying anything about a case; guidance sinks a little."""
    scaled = [(pid, score * _demotion(details[pid])) for pid, score in fused if pid in details]
    return sorted(scaled, key=lambda item: -item[1])


def _demotion(row: dict[str, Any]) -> float:
    factor = BOILERPLATE_FACTOR if row.get("kind") in BOILERPLATE else 1.0
    return factor * (GUIDANCE_FACTOR if row.get("document_kind") in NOT_REVIEWS else 1.0)


def rerank_tiers(
    tiers: list[list[tuple[str, float]]], scores: dict[str, float]
) -> list[list[tuple[str, float]]]:
    """Each tier's reranked candidates first, by the model's score; the rest as they were."""
    reordered = []
    for tier in tiers:
        scored = sorted(
            [(pid, float(scores[pid])) for pid, _ in tier if pid in scores], key=lambda i: -i[1]
        )
        reordered.append(scored + [item for item in tier if item[0] not in scores])
    return reordered


def tier_by_terms(
    ranked: list[tuple[str, float]], details: dict[str, dict[str, Any]], rare: list[str]
) -> list[list[tuple[str, float]]]:
    """The ranking split into tiers by how many of the rare words a passage holds, most
    first; the order within a tier is kept."""
    if not rare:
        return [[item for item in ranked if item[0] in details]]
    wanted = set(rare)
    tiers: dict[int, list[tuple[str, float]]] = {}
    for pid, score in ranked:
        if pid in details:
            held = len(wanted & set(stem_words(details[pid]["text"])))
            tiers.setdefault(held, []).append((pid, score))
    return [tiers[held] for held in sorted(tiers, reverse=True)]


def select_tiers(
    tiers: list[list[tuple[str, float]]],
    details: dict[str, dict[str, Any]],
    k: int,
    per_review: int,
) -> list[tuple[str, float]]:
    """`select` tier by tier: no passage of a lower tier comes before one of a higher."""
    chosen: list[tuple[str, float]] = []
    for tier in tiers:
        chosen += select(tier, details, k - len(chosen), per_review, already=chosen)
        if len(chosen) >= k:
            break
    return chosen[:k]


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
        (pid, score + unit * theme_agreement(details[pid], themes))
        if pid in details
        else (pid, score)
        for pid, score in fused
    ]
    return sorted(boosted, key=lambda item: -item[1])


def theme_agreement(row: dict[str, Any], themes: set[str]) -> float:
    """How strongly a passage is about the query's themes, 0-1: the mean over those themes
    of the square root of the tagger's confidence. A theme corrected onto the passage counts
    fully; one corrected off it counts no more than an unsure one. A passage stored without
    confidences (an older store) counts its labels."""
    if not themes:
        return 0.0
    labels = set(row.get("themes") or [])
    scores = row.get("theme_scores") or {}
    if not scores:
        return len(themes & labels) / len(themes)
    total = 0.0
    for theme in themes:
        value = float(scores.get(theme, 0.0))
        # a label held at a confidence under 0.5 was put there by a correction (or its theme's
        # threshold is low): it counts fully
        labelled_though_unsure = theme in labels and value < 0.5
        if labelled_though_unsure:
            total += 1.0
        else:
            total += math.sqrt(value if theme in labels else min(value, 0.5))
    return total / len(themes)


def select(
    ranked: list[tuple[str, float]],
    details: dict[str, dict[str, Any]],
    k: int,
    per_review: int,
    already: list[tuple[str, float]] | None = None,
) -> list[tuple[str, float]]:
    """The first k passages, best first, without near-duplicates (of each other or of those
    `already` chosen) and with at most `per_review` from one review unless the others run
    out. Stops as soon as it has k."""
    chosen: list[tuple[str, float]] = []
    held: list[tuple[str, float]] = []
    seen = [trigrams(details[pid]["text"]) for pid, _ in already or []]
    counts: dict[str, int] = {}
    for pid, _ in already or []:
        counts[details[pid]["review_id"]] = counts.get(details[pid]["review_id"], 0) + 1
    if k <= 0:
        return []
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
    """Character spans of `text` to highlight for a query: each quoted phrase where it stands
    whole (its stop words too: "known to the police"), and each other word searched, or its
    stem. Words the query leaves out (-word, NOT word) are not highlighted."""
    parsed = parse_query(query)
    quoted = [c for c in [*parsed.phrases, *parsed.required, *_flat(parsed.any_of)] if c.exact]
    spans = [span for clause in quoted for span in _phrase_spans(text, clause.exact)]
    stems = {_stem(term) for term in query_terms(parsed.unquoted)}
    spans += [
        match.span()
        for match in re.finditer(r"[A-Za-z0-9]+", text)
        if _stem(match.group(0).lower()) in stems
    ]
    return merge_spans(spans, len(text))


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans inside the text, for highlighting."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _flat(groups: list[list[Clause]]) -> list[Clause]:
    return [clause for group in groups for clause in group]


def _phrase_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the words stand in this order with only spaces or punctuation between them."""
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(word) for word in words) + r"(?!\w)"
    return [match.span() for match in re.finditer(pattern, text, re.IGNORECASE)]


def _result(
    row: dict[str, Any], score: float, rankings: dict[str, list[tuple[str, float]]], query: str
) -> SearchResult:
    printed_start, printed_end = printed(
        page_labels(row.get("page_labels")), row["page_start"], row["page_end"]
    )
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
        printed_start=printed_start,
        printed_end=printed_end,
    )


def meaning_only_note(results: list[SearchResult], mode: str) -> str | None:
    """When hybrid search filled the list with passages closest in meaning that hold none of
    the words searched, how many do hold them ('15 of 200 ...'); None when all do."""
    if mode != "hybrid" or not results:
        return None
    worded = sum("keyword" in result.ranks for result in results)
    if worded == len(results):
        return None
    if worded == 0:
        return "None of these holds the words searched: they are only close in meaning."
    others = len(results) - worded
    return (
        f"{worded} of {len(results)} {'holds' if worded == 1 else 'hold'} the words searched; "
        + ("the other one is" if others == 1 else f"the other {others} are")
        + " only close in meaning."
    )


def result_from_row(row: dict[str, Any], score: float) -> SearchResult:
    """A passage row, as the store returns it, as a result (no query: nothing highlighted)."""
    return _result(row, score, {}, "")
