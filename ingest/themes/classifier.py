"""Theme classifier: cue rules with negation and passing-mention handling, plus semantic match."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.embed import Embedder, default_embedder
from ingest.themes.cues import Hit, discounted_units, find_hits, rule_score
from ingest.themes.segment import Segmented, segment
from ingest.themes.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class Span:
    """Character offsets into a passage and the text between them."""

    start: int
    end: int
    text: str


@dataclass
class ThemeResult:
    """Themes a passage carries, a confidence for every theme, and evidence per carried theme."""

    themes: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[Span]]


@dataclass
class ClassifierConfig:
    """Decision settings, tuned on the development set (see ingest/theme_eval.py)."""

    threshold: float = 0.5
    sem_center: float = 0.8
    sem_scale: float = 0.06
    # "passage" embeds each passage once (shareable with the search index through the cache);
    # "sentence" embeds every sentence, about three times the cost.
    semantic_unit: str = "passage"
    max_evidence: int = 3
    min_unit_words: int = 4
    theme_thresholds: dict[str, float] = field(default_factory=dict)


@dataclass
class PassageFeatures:
    """What the classifier knows about one passage before it decides."""

    seg: Segmented
    hits: dict[str, list[Hit]]
    rule: np.ndarray
    sem: np.ndarray
    sem_unit: np.ndarray | None = None


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


class ThemeClassifier:
    """Scores every taxonomy theme for each passage; the embedder is passed in, never built here."""

    def __init__(
        self, taxonomy: Taxonomy, embedder: Embedder, config: ClassifierConfig | None = None
    ) -> None:
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.config = config or ClassifierConfig()
        self.ids = taxonomy.ids
        self._prototypes: list[np.ndarray] | None = None

    def prototypes(self) -> list[np.ndarray]:
        """Embedded exemplars of each theme, built on first use."""
        if self._prototypes is None:
            texts = [[t.label, *t.exemplars] for t in self.taxonomy.themes]
            flat = self.embedder.embed([x for group in texts for x in group])
            bounds = np.cumsum([0, *[len(g) for g in texts]])
            self._prototypes = [flat[a:b] for a, b in itertools.pairwise(bounds)]
        return self._prototypes

    def _eligible(self, seg: Segmented) -> list[int]:
        if seg.boilerplate:
            return []
        return [
            i
            for i, u in enumerate(seg.units)
            if not u.citation and u.words >= self.config.min_unit_words
        ]

    def _similarity(self, vectors: np.ndarray) -> np.ndarray:
        """Cosine of each vector with its nearest exemplar of each theme: (n, themes)."""
        sims = np.zeros((len(vectors), len(self.ids)), dtype=np.float32)
        if len(vectors):
            for k, proto in enumerate(self.prototypes()):
                sims[:, k] = (vectors @ proto.T).max(axis=1)
        return sims

    def features(self, texts: list[str]) -> list[PassageFeatures]:
        """Cue hits, rule scores and semantic similarity for each passage."""
        segs = [segment(t) for t in texts]
        hits = [{t.id: find_hits(t, seg) for t in self.taxonomy.themes} for seg in segs]
        if self.config.semantic_unit == "sentence":
            eligible = [self._eligible(s) for s in segs]
        else:
            eligible = [[] if s.boilerplate else [-1] for s in segs]
        pieces = [
            seg.text if i < 0 else seg.units[i].text
            for seg, idx in zip(segs, eligible, strict=True)
            for i in idx
        ]
        sims = self._similarity(self.embedder.embed(pieces))
        out: list[PassageFeatures] = []
        row = 0
        for seg, found, idx in zip(segs, hits, eligible, strict=True):
            rule = np.array([rule_score(found[i]) for i in self.ids], dtype=np.float32)
            local = sims[row : row + len(idx)]
            row += len(idx)
            sem_unit = None
            if self.config.semantic_unit == "sentence":
                sem_unit = np.zeros((len(seg.units), len(self.ids)), dtype=np.float32)
                sem_unit[idx] = local
            sem = local.max(axis=0) if len(idx) else np.zeros(len(self.ids), np.float32)
            for k, theme_id in enumerate(self.ids):
                discounted = discounted_units(found[theme_id])
                if sem_unit is not None:
                    for unit in discounted:
                        sem_unit[unit, k] = 0.0
                    sem[k] = sem_unit[:, k].max() if len(seg.units) else 0.0
                elif discounted and not any(h.factor >= 1.0 for h in found[theme_id]):
                    sem[k] = 0.0
            out.append(PassageFeatures(seg, found, rule, sem, sem_unit))
        return out

    def score(self, feats: PassageFeatures) -> dict[str, float]:
        """Combine rule and semantic evidence into one confidence per theme."""
        cfg = self.config
        scores: dict[str, float] = {}
        for k, theme_id in enumerate(self.ids):
            sem = _sigmoid((float(feats.sem[k]) - cfg.sem_center) / cfg.sem_scale)
            scores[theme_id] = 1.0 - (1.0 - float(feats.rule[k])) * (1.0 - sem)
        for theme_id in self.ids:
            for parent in self.taxonomy.ancestors(theme_id):
                scores[parent] = max(scores[parent], scores[theme_id])
        return scores

    def decide(self, feats: PassageFeatures) -> ThemeResult:
        """Threshold the scores and collect evidence spans for the themes kept."""
        scores = self.score(feats)
        kept = [
            t
            for t in self.ids
            if scores[t] >= self.config.theme_thresholds.get(t, self.config.threshold)
        ]
        evidence = {t: self._evidence(feats, t) for t in kept}
        for theme_id in kept:
            for parent in self.taxonomy.ancestors(theme_id):
                if parent in evidence and not evidence[parent]:
                    evidence[parent] = evidence[theme_id]
        return ThemeResult(kept, {t: round(scores[t], 4) for t in self.ids}, evidence)

    def classify(self, texts: list[str]) -> list[ThemeResult]:
        """Themes, confidences and evidence spans for each passage."""
        return [self.decide(f) for f in self.features(texts)]

    def _evidence(self, feats: PassageFeatures, theme_id: str) -> list[Span]:
        units: list[int] = []
        for hit in feats.hits[theme_id]:
            if hit.factor >= 1.0 and hit.unit not in units:
                units.append(hit.unit)
        if not units:
            best = self._best_unit(feats, self.ids.index(theme_id))
            units = [] if best is None else [best]
        spans = [feats.seg.units[i] for i in units[: self.config.max_evidence]]
        return [Span(u.start, u.end, u.text) for u in spans]

    def _best_unit(self, feats: PassageFeatures, k: int) -> int | None:
        """The sentence closest to a theme carried on semantic similarity alone."""
        if feats.sem_unit is not None:
            column = feats.sem_unit[:, k]
            return int(column.argmax()) if len(column) and column.max() > 0 else None
        idx = self._eligible(feats.seg)
        if not idx:
            return None
        # Rare (no cue at all), so embedding these few sentences now is cheap.
        vectors = self.embedder.embed([feats.seg.units[i].text for i in idx])
        return idx[int(self._similarity(vectors)[:, k].argmax())]


def default_classifier(
    cache_path: str | Path | None = None, taxonomy_path: str | Path | None = None
) -> ThemeClassifier:
    """The production classifier: project taxonomy, cached MiniLM (loaded on first use)."""
    return ThemeClassifier(load_taxonomy(taxonomy_path), default_embedder(cache_path))
