"""Enrich a parsed review: themes with evidence, entity mentions and embeddings per passage,
and review-level themes aggregated from the passages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ingest.embed import Embedder
from ingest.entities import EntityExtractor, Mention
from ingest.themes import ThemeResult, load_taxonomy
from ingest.themes.review_level import Naming, carries_review, is_key_section, named_in_document
from ingest.types import ParsedDocument, Passage

STRONGEST_QUOTES = 3

# Where in a review a passage sits, read from its section heading.
PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("recommendations", re.compile(r"recommendation|actions? for|what should", re.I)),
    ("findings", re.compile(r"finding|conclusion|key learning|lessons|learning point", re.I)),
    ("analysis", re.compile(r"analysis|discussion|themes?\b|learning|reflection", re.I)),
    ("practice", re.compile(r"practice episode|chronology|what happened|key events|episode", re.I)),
    (
        "background",
        re.compile(r"background|introduction|family|context|summary|the child|why", re.I),
    ),
]


class ThemeTagger(Protocol):
    def classify(self, texts: list[str]) -> list[ThemeResult]: ...


@dataclass
class PassageEnrichment:
    passage_id: str
    themes: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[dict[str, Any]]]  # theme -> [{start, end, text}]
    mentions: list[Mention]
    # the tagger's confidence per theme (a parent at least its strongest child's), kept for
    # search to rank by how strongly a passage is about the query's themes, not only whether
    theme_scores: dict[str, float] = field(default_factory=dict)


@dataclass
class ReviewTheme:
    """A theme of the whole review: how many passages carry it, where, and the best quotes."""

    theme: str
    passages: int
    weight: float  # share of the review's passages that carry it
    strongest: list[dict[str, Any]]
    where: dict[str, int] = field(default_factory=dict)


@dataclass
class Enrichment:
    review_id: str
    embedding_model: str
    passages: list[PassageEnrichment]
    review_themes: list[ReviewTheme]
    embeddings: np.ndarray  # one row per passage, in passage order


SCORE_FLOOR = 0.05  # confidences below this are stored as nothing


def soft_scores(scores: dict[str, float]) -> dict[str, float]:
    """Confidences worth keeping, rounded; a theme implied by another (cannabis ->
    substance_misuse) is as strong as its strongest child."""
    taxonomy = load_taxonomy()
    known = set(taxonomy.ids)
    out = dict(scores)
    for theme, value in scores.items():
        for parent in taxonomy.ancestors(theme) if theme in known else []:
            out[parent] = max(out.get(parent, 0.0), value)
    return {t: round(float(v), 4) for t, v in sorted(out.items()) if v >= SCORE_FLOOR}


def part_of_review(section: str | None) -> str:
    for part, pattern in PARTS:
        if section and pattern.search(section):
            return part
    return "other"


class Enricher:
    """Runs the three enrichment steps over a document's passages, in batches."""

    def __init__(
        self, themes: ThemeTagger, entities: EntityExtractor, embedder: Embedder, version: str
    ) -> None:
        self.themes = themes
        self.entities = entities
        self.embedder = embedder
        self.version = version  # stored with each review: a new version re-enriches it

    def __call__(self, document: ParsedDocument) -> Enrichment:
        texts = [passage.text for passage in document.passages]
        theme_results = self.themes.classify(texts) if texts else []
        mentions = list(self.entities.pipe(texts)) if texts else []
        embeddings = self.embedder.embed(texts)
        passages = [
            PassageEnrichment(
                passage.id,
                result.themes,
                {k: round(v, 4) for k, v in result.scores.items() if v >= 0.05},
                {
                    theme: [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
                    for theme, spans in result.evidence.items()
                },
                found,
                soft_scores(result.scores),
            )
            for passage, result, found in zip(
                document.passages, theme_results, mentions, strict=True
            )
        ]
        return Enrichment(
            document.review_id,
            self.embedder.name,
            passages,
            aggregate_themes(document.passages, passages, _named(document, passages)),
            embeddings,
        )


def _named(document: ParsedDocument, passages: list[PassageEnrichment]) -> dict[str, Naming]:
    """Themes the review names as its subject (ingest/themes/review_level.py)."""
    tagged = {theme for passage in passages for theme in passage.themes}
    return named_in_document(load_taxonomy(), document, tagged)


def aggregate_themes(
    passages: list[Passage],
    enriched: list[PassageEnrichment],
    named: dict[str, Naming] | None = None,
) -> list[ReviewTheme]:
    """Review-level themes, strongest first, each with its best quotes and where they stand:
    those the review names as its subject, and those its passages carry with weight
    (ingest/themes/review_level.py); a single passing passage does not carry the review."""
    named = named or {}
    by_theme: dict[str, list[tuple[float, Passage, PassageEnrichment]]] = {}
    for passage, enrichment in zip(passages, enriched, strict=True):
        for theme in enrichment.themes:
            score = enrichment.scores.get(theme, 0.0)
            by_theme.setdefault(theme, []).append((score, passage, enrichment))
    total = max(len(passages), 1)
    themes = []
    for theme, carried in by_theme.items():
        carried.sort(key=lambda item: -item[0])
        where: dict[str, int] = {}
        for _, passage, _ in carried:
            part = part_of_review(passage.section)
            where[part] = where.get(part, 0) + 1
        strongest = [
            {
                "passage_id": passage.id,
                "score": round(score, 4),
                "quote": (enrichment.evidence.get(theme) or [{"text": passage.text}])[0]["text"],
                "page_start": passage.page_start,
                "page_end": passage.page_end,
                "section": passage.section,
            }
            for score, passage, enrichment in carried[:STRONGEST_QUOTES]
        ]
        weight = round(len(carried) / total, 4)
        key = any(is_key_section(passage.section) for _, passage, _ in carried)
        if theme in named or carries_review(len(carried), weight, where, key, total):
            themes.append(ReviewTheme(theme, len(carried), weight, strongest, where))
    for theme in named.keys() - by_theme.keys():
        # no passage carries it: the text that names it is the quote, as it stands
        naming = named[theme]
        quote: dict[str, Any] = {"passage_id": None, "score": None, "quote": naming.quote}
        quote |= {"page_start": naming.page, "page_end": naming.page, "section": None}
        themes.append(ReviewTheme(theme, 0, 0.0, [quote] if naming.quote else [], naming.where))
    return sorted(themes, key=lambda t: (-t.passages, t.theme))
