"""A learned reranker over the first hybrid candidates: logistic regression on features of
each (query, passage) pair, trained on judgements the team made on its own queries over the
demo corpus and the public documents (models/reranker/), never on the evaluation queries.

Features: BM25 and dense scores and ranks, the fused score, how much of the query's words
(and of its rare words) the passage holds, theme and agency/age/outcome agreement, the
passage's kind, where it stands in its review, and its length. Not the document's kind: our
judgements (on case reviews, briefings and guidance) taught version 1 that thematic reviews
are rarely relevant, which sank the dev queries' answers (0.385 with it against 0.642
without; 0.62 with the document kinds left out, still below search without a model).
The model is a few numbers in a versioned JSON file; `casegraph search train-reranker`
rebuilds it. Reranking stays inside the rare-word tiers, so its guarantee holds.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from graph.bm25 import analyse, stem_words
from ingest.kinds import PASSAGE_KINDS

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "reranker"
MODEL_PATH = MODEL_DIR / "model.json"
VERSION = 2  # 2: no document-kind features
DEPTH = 30  # candidates reranked per query
FEATURES = (
    "bm25",
    "bm25_rr",
    "dense",
    "dense_rr",
    "fused",
    "term_share",
    "idf_share",
    "rare",
    "themes",
    "facets",
    "position",
    "length",
    *(f"kind_{k}" for k in PASSAGE_KINDS),
)


@dataclass
class Candidate:
    """What the searcher knows of one candidate when it reranks."""

    row: dict[str, Any]
    fused: float
    keyword: tuple[int, float] | None  # (rank, score) in the keyword ranking
    dense: tuple[int, float] | None
    themes: float  # share of the query's themes the passage carries
    facets: float  # agreement with the query's agencies, age band and outcome


def features(
    candidates: list[Candidate], query: str, idf: dict[str, float], rare: list[str]
) -> np.ndarray:
    """One row of FEATURES per candidate."""
    terms = list(dict.fromkeys(analyse(query)))
    top_bm25 = max((c.keyword[1] for c in candidates if c.keyword), default=1.0) or 1.0
    top_fused = max((c.fused for c in candidates), default=1.0) or 1.0
    mass = sum(idf.get(t, 0.0) for t in terms) or 1.0
    rows = []
    for c in candidates:
        words = set(stem_words(c.row["text"]))
        held = [t for t in terms if t in words]
        kind = c.row.get("kind")
        rows.append(
            [
                c.keyword[1] / top_bm25 if c.keyword else 0.0,
                1.0 / c.keyword[0] if c.keyword else 0.0,
                c.dense[1] if c.dense else 0.0,
                1.0 / c.dense[0] if c.dense else 0.0,
                c.fused / top_fused,
                len(held) / len(terms) if terms else 0.0,
                sum(idf.get(t, 0.0) for t in held) / mass,
                float(any(t in words for t in rare)),
                c.themes,
                c.facets,
                math.log1p(float(c.row.get("ordinal") or 0)),
                math.log1p(len(c.row["text"].split())),
                *(float(kind == k) for k in PASSAGE_KINDS),
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@dataclass
class Reranker:
    """Standardised features, one weight each, and a bias: a logistic regression."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    version: int = VERSION

    def score(self, matrix: np.ndarray) -> np.ndarray:
        z = ((matrix - self.mean) / self.scale) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def save(self, path: Path, about: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": self.version,
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
            **about,
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Reranker | None:
        """The saved model, or None when there is none or it was made for other features."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("version") != VERSION or data.get("features") != list(FEATURES):
            return None
        return cls(
            np.asarray(data["mean"]),
            np.asarray(data["scale"]),
            np.asarray(data["weights"]),
            float(data["bias"]),
        )


def default_reranker(setting: str | None = "auto", path: Path = MODEL_PATH) -> Reranker | None:
    """The shipped model when it is switched on: by `setting` "on" or "off" (Settings.reranker,
    from CASEGRAPH_RERANKER), or else ("auto") by the model file itself, which training marks
    on only when it beat search without it on graded queries it never saw."""
    if setting == "off":
        return None
    try:
        on = bool(json.loads(path.read_text(encoding="utf-8")).get("default_on"))
    except (OSError, ValueError):
        return None
    return Reranker.load(path) if on or setting == "on" else None


def fit(matrix: np.ndarray, grades: np.ndarray, c: float = 1.0) -> Reranker:
    """Logistic regression of 'relevant' (grade >= 1), grade-2 passages weighing double."""
    from sklearn.linear_model import LogisticRegression

    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((matrix - mean) / scale, grades >= 1, sample_weight=1.0 + (grades >= 2))
    return Reranker(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))
