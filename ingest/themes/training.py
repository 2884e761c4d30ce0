"""Train the learned theme classifier and measure it out of sample.

Every figure here comes from predictions on documents the model (and its thresholds) never
saw: folds are grouped by document, and thresholds are calibrated by an inner grouped
cross-validation on the training folds only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ingest.embed import Embedder
from ingest.theme_eval import EvalReport, evaluate
from ingest.themes.baseline import KeywordBaseline
from ingest.themes.learned import (
    MODEL_VERSION,
    Analysed,
    Featurizer,
    Params,
    ThemeModel,
    analyse,
    exemplar_vectors,
    make_vectorizer,
    similarity,
)
from ingest.themes.taxonomy import Taxonomy

THRESHOLDS = np.round(np.arange(0.05, 0.91, 0.025), 3)
MIN_POSITIVES_TO_CALIBRATE = 4
DEFAULT_THRESHOLD = 0.5
INNER_FOLDS = 4
OUTER_FOLDS = 6
PASSAGE_FOLDS = 5
TARGET_ORIGIN = "dev"  # the in-style labels: the dev gold


@dataclass(frozen=True)
class Example:
    """One labelled passage; `group` is its document, so folds never split a document."""

    id: str
    text: str
    themes: tuple[str, ...]
    group: str
    origin: str  # dev | docs | written | correction


@dataclass
class Encoded:
    """Examples with what every fold needs: embeddings, cue analysis, label matrix."""

    examples: list[Example]
    vectors: np.ndarray
    semantic: np.ndarray
    analysed: list[Analysed]
    labels: np.ndarray  # (n, themes) of 0/1


def encode(examples: Sequence[Example], taxonomy: Taxonomy, embedder: Embedder) -> Encoded:
    texts = [e.text for e in examples]
    ids = taxonomy.ids
    labels = np.array([[t in e.themes for t in ids] for e in examples], dtype=np.int8)
    vectors = embedder.embed(texts)
    return Encoded(
        list(examples),
        vectors,
        similarity(vectors, exemplar_vectors(taxonomy, embedder)),
        analyse(taxonomy, texts),
        labels.reshape(len(examples), len(ids)),
    )


def group_folds(groups: Sequence[str], k: int) -> list[np.ndarray]:
    """k folds of row indices, whole groups each, largest groups spread first."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        target = int(np.argmin(load))
        fold_of[g] = target
        load[target] += sizes[g]
    assignment = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(assignment == f) for f in range(k) if (assignment == f).any()]


def _fit_heads(
    x: np.ndarray, y: np.ndarray, params: Params, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted ridge regression of every theme's 0/1 label at once (closed form, in the dual
    when there are fewer passages than features); thresholds are set later, per theme."""
    xd = x.astype(np.float64)
    w8 = np.ones(len(xd)) if weights is None else weights.astype(np.float64)
    mean_x = w8 @ xd / w8.sum()
    mean_y = w8 @ y / w8.sum()
    root = np.sqrt(w8)[:, None]
    xc = (xd - mean_x) * root
    yc = (y.astype(np.float64) - mean_y) * root
    ridge = 1.0 / params.c
    n, f = xc.shape
    if n <= f:
        w = xc.T @ np.linalg.solve(xc @ xc.T + ridge * np.eye(n), yc)
    else:
        w = np.linalg.solve(xc.T @ xc + ridge * np.eye(f), xc.T @ yc)
    coef = w.T.astype(np.float32)
    intercept = (mean_y - mean_x @ w).astype(np.float32)
    return coef, intercept


@dataclass
class Fitted:
    vocabulary: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray

    def featurizer(self, taxonomy: Taxonomy, params: Params) -> Featurizer:
        return Featurizer(taxonomy, self.vocabulary, self.idf, params)


def fit(data: Encoded, rows: np.ndarray, taxonomy: Taxonomy, params: Params) -> Fitted:
    """Vocabulary and heads from these rows only."""
    texts = [data.examples[i].text for i in rows]
    try:
        vectorizer = make_vectorizer(None, params).fit(texts)
    except ValueError:  # a fold too small for min_df: keep every word
        vectorizer = make_vectorizer(None, replace(params, min_df=1)).fit(texts)
    vocabulary = [str(w) for w in vectorizer.get_feature_names_out()]
    idf = np.asarray(vectorizer.idf_, dtype=np.float32)
    featurizer = Featurizer(taxonomy, vocabulary, idf, params)
    x = _rows(featurizer, data, rows, texts)
    in_style = np.array([data.examples[i].origin == TARGET_ORIGIN for i in rows])
    weights = np.where(in_style, params.in_style_weight, 1.0)
    coef, intercept = _fit_heads(x, data.labels[rows], params, weights)
    return Fitted(vocabulary, idf, coef, intercept)


def _rows(featurizer: Featurizer, data: Encoded, rows: np.ndarray, texts: list[str]) -> np.ndarray:
    analysed = [data.analysed[i] for i in rows]
    return featurizer.rows(texts, data.vectors[rows], data.semantic[rows], analysed)


def predict(
    fitted: Fitted, data: Encoded, rows: np.ndarray, taxonomy: Taxonomy, params: Params
) -> np.ndarray:
    featurizer = fitted.featurizer(taxonomy, params)
    texts = [data.examples[i].text for i in rows]
    x = _rows(featurizer, data, rows, texts)
    return np.asarray(x @ fitted.coef.T + fitted.intercept)


def out_of_fold(
    data: Encoded, rows: np.ndarray, taxonomy: Taxonomy, params: Params, k: int
) -> np.ndarray:
    """Probabilities for `rows`, each predicted by a model that never saw its document."""
    probs = np.zeros((len(rows), data.labels.shape[1]))
    groups = [data.examples[i].group for i in rows]
    for test in group_folds(groups, k):
        train = np.setdiff1d(np.arange(len(rows)), test)
        if len(train) == 0:  # a single document: nothing to learn from without it
            continue
        fitted = fit(data, rows[train], taxonomy, params)
        probs[test] = predict(fitted, data, rows[test], taxonomy, params)
    return probs


def calibrate(
    probs: np.ndarray, labels: np.ndarray, beta: float = 1.0, pooled: float = 0.0
) -> np.ndarray:
    """The threshold per theme that maximises its F-beta (F1 by default; below 1 favours
    precision) on out-of-fold probabilities, moved the share `pooled` of the way towards the
    one threshold that maximises F-beta over every theme's cells at once: a theme's own best
    rests on a handful of positives, the pooled one on all of them."""
    out = np.full(labels.shape[1], DEFAULT_THRESHOLD, np.float32)
    for k in range(labels.shape[1]):
        gold = labels[:, k].astype(bool)
        if gold.sum() >= MIN_POSITIVES_TO_CALIBRATE:
            out[k] = _best_threshold(probs[:, k], gold, beta)
    if pooled:
        common = _best_threshold(probs.ravel(), labels.astype(bool).ravel(), beta)
        out = ((1 - pooled) * out + pooled * common).astype(np.float32)
    return out


def _best_threshold(scores: np.ndarray, gold: np.ndarray, beta: float) -> float:
    """The grid threshold with the highest F-beta (ties go to the one nearest the default)."""
    b2 = beta * beta
    best = (-1.0, DEFAULT_THRESHOLD)
    for t in THRESHOLDS:
        guess = scores >= t
        tp = float((guess & gold).sum())
        denominator = guess.sum() + b2 * gold.sum()
        f = (1 + b2) * tp / denominator if denominator else 0.0
        key = (round(f, 6), -abs(t - DEFAULT_THRESHOLD))
        if key > (round(best[0], 6), -abs(best[1] - DEFAULT_THRESHOLD)):
            best = (f, float(t))
    return best[1]


def decide(probs: np.ndarray, thresholds: np.ndarray, taxonomy: Taxonomy) -> list[list[str]]:
    ids = taxonomy.ids
    out = []
    for row in probs:
        kept = {t for k, t in enumerate(ids) if row[k] >= thresholds[k]}
        for t in list(kept):
            kept.update(taxonomy.ancestors(t))
        out.append([t for t in ids if t in kept])
    return out


def train_model(
    data: Encoded, rows: np.ndarray, taxonomy: Taxonomy, params: Params
) -> tuple[Fitted, np.ndarray]:
    """Heads on all of `rows`, thresholds from an inner grouped cross-validation."""
    inner = out_of_fold(data, rows, taxonomy, params, INNER_FOLDS)
    thresholds = calibrate(inner, data.labels[rows], params.beta, params.pooled)
    return fit(data, rows, taxonomy, params), thresholds


def grouped_cv(
    data: Encoded, taxonomy: Taxonomy, params: Params, k: int = OUTER_FOLDS
) -> dict[str, list[str]]:
    """Predicted themes for every example by a model (heads and thresholds) trained without
    its document."""
    predicted: dict[str, list[str]] = {}
    everything = np.arange(len(data.examples))
    for test in group_folds([e.group for e in data.examples], k):
        train = np.setdiff1d(everything, test)
        if len(train) == 0:
            continue
        fitted, thresholds = train_model(data, train, taxonomy, params)
        probs = predict(fitted, data, test, taxonomy, params)
        for i, themes in zip(test, decide(probs, thresholds, taxonomy), strict=True):
            predicted[data.examples[i].id] = themes
    return predicted


def stratified_folds(
    labels: np.ndarray, rows: Sequence[int], k: int, seed: int | None = None
) -> list[np.ndarray]:
    """k folds of `rows` (passages, ignoring documents), each passage placed by its rarest
    theme into the fold that has the fewest of that theme so far (then the smallest fold).
    With a seed, passages of equally rare themes come in a random order and ties between
    folds are broken at random: another draw of the same kind of folds."""
    rows = list(rows)
    counts = labels[rows].sum(axis=0)
    folds: list[list[int]] = [[] for _ in range(k)]
    held = np.zeros((k, labels.shape[1]))
    rng = None if seed is None else np.random.default_rng(seed)
    shuffle = {i: 0.0 if rng is None else float(rng.random()) for i in rows}

    def rarity(i: int) -> tuple[int, float, int]:
        present = np.flatnonzero(labels[i])
        return (int(min(counts[present])) if len(present) else len(rows) + 1, shuffle[i], i)

    for i in sorted(rows, key=rarity):
        present = np.flatnonzero(labels[i])
        if len(present):
            rarest = present[np.argmin(counts[present])]
            candidates = np.flatnonzero(held[:, rarest] == held[:, rarest].min())
        else:
            candidates = np.arange(k)
        smallest = min(len(folds[f]) for f in candidates)
        candidates = np.array([f for f in candidates if len(folds[f]) == smallest])
        chosen = int(candidates[0] if rng is None else rng.choice(candidates))
        folds[chosen].append(i)
        held[chosen] += labels[i]
    return [np.array(sorted(f), dtype=int) for f in folds if f]


def held_out_passages_cv(
    data: Encoded,
    taxonomy: Taxonomy,
    params: Params,
    k: int = PASSAGE_FOLDS,
    seed: int | None = None,
) -> dict[str, list[str]]:
    """Predicted themes for every dev-gold passage by a model (heads and thresholds) trained
    on everything else, including other passages of the same documents: the setting of a
    held-out gold drawn from the dev gold's documents. Not a substitute for grouped_cv.
    `seed` draws other folds (see stratified_folds)."""
    predicted: dict[str, list[str]] = {}
    everything = np.arange(len(data.examples))
    dev = [i for i, e in enumerate(data.examples) if e.origin == TARGET_ORIGIN]
    for test in stratified_folds(data.labels, dev, k, seed):
        train = np.setdiff1d(everything, test)
        fitted, thresholds = train_model(data, train, taxonomy, params)
        probs = predict(fitted, data, test, taxonomy, params)
        for i, themes in zip(test, decide(probs, thresholds, taxonomy), strict=True):
            predicted[data.examples[i].id] = themes
    return predicted


def mean_over_draws(reports: Sequence[EvalReport]) -> dict[str, Any]:
    """Micro and macro F1 averaged over several fold draws, with the spread of micro-F1: one
    draw of 173 passages moves by about 0.01, more than most changes to the model."""
    micro = [r.micro.f1 for r in reports]
    return {
        "draws": len(reports),
        "micro_f1": round(float(np.mean(micro)), 4),
        "macro_f1": round(float(np.mean([r.macro_f1() for r in reports])), 4),
        "micro_f1_min": round(float(min(micro)), 4),
        "micro_f1_max": round(float(max(micro)), 4),
    }


def report_on(
    data: Encoded, predicted: dict[str, list[str]], origins: set[str] | None = None
) -> EvalReport:
    gold = [
        {"id": e.id, "themes": list(e.themes)}
        for e in data.examples
        if origins is None or e.origin in origins
    ]
    return evaluate(gold, predicted)


def without_dev(data: Encoded, taxonomy: Taxonomy, params: Params) -> EvalReport | None:
    """A model trained on everything but the dev gold, scored on all of the dev gold."""
    train = np.array([i for i, e in enumerate(data.examples) if e.origin != "dev"])
    test = np.array([i for i, e in enumerate(data.examples) if e.origin == "dev"])
    if len(train) == 0 or len(test) == 0 or not data.labels[train].any():
        return None
    fitted, thresholds = train_model(data, train, taxonomy, params)
    themes = decide(predict(fitted, data, test, taxonomy, params), thresholds, taxonomy)
    predicted = {data.examples[i].id: t for i, t in zip(test, themes, strict=True)}
    return report_on(data, predicted, {"dev"})


def data_hash(examples: Sequence[Example]) -> str:
    digest = hashlib.sha256()
    for e in sorted(examples, key=lambda e: e.id):
        digest.update(json.dumps([e.id, e.text, sorted(e.themes)]).encode())
    return digest.hexdigest()


def summary(report: EvalReport) -> dict[str, Any]:
    micro = report.micro
    return {
        "passages": report.n_passages,
        "micro_f1": round(micro.f1, 4),
        "micro_precision": round(micro.precision, 4),
        "micro_recall": round(micro.recall, 4),
        "macro_f1": round(report.macro_f1(), 4),
    }


def build_model(
    data: Encoded,
    taxonomy: Taxonomy,
    params: Params,
    embedder_name: str,
    evaluation: dict[str, Any],
) -> ThemeModel:
    """The shipped model: trained on every example, with its card."""
    everything = np.arange(len(data.examples))
    fitted, thresholds = train_model(data, everything, taxonomy, params)
    counts = data.labels.sum(axis=0)
    origins: dict[str, int] = {}
    for e in data.examples:
        origins[e.origin] = origins.get(e.origin, 0) + 1
    card = {
        "version": f"v{MODEL_VERSION}-{data_hash(data.examples)[:8]}",
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data_sha256": data_hash(data.examples),
        "examples": len(data.examples),
        "examples_by_origin": origins,
        # the passages people corrected that it learnt from: its agreement with them is in
        # sample, so `themes agreement` leaves them out
        "corrected_passages": sorted(
            e.id.removeprefix("correction:") for e in data.examples if e.origin == "correction"
        ),
        "positives_per_theme": {t: int(c) for t, c in zip(taxonomy.ids, counts, strict=True)},
        "taxonomy": f"{taxonomy.version}.{taxonomy.revision}",
        "embedder": embedder_name,
        "params": asdict(params),
        "thresholds": {
            t: float(round(v, 2)) for t, v in zip(taxonomy.ids, thresholds, strict=True)
        },
        "evaluation": evaluation,
    }
    return ThemeModel(
        taxonomy.ids,
        fitted.vocabulary,
        fitted.idf,
        fitted.coef,
        fitted.intercept,
        thresholds,
        params,
        embedder_name,
        card,
    )


@dataclass
class TrainingRun:
    """A trained model and the out-of-sample figures measured while building it."""

    model: ThemeModel
    cv: EvalReport  # grouped CV over all training examples
    cv_dev: EvalReport | None  # the same predictions, on the dev gold passages only
    held_out: EvalReport | None  # dev gold by passage-level folds: same documents, other passages
    no_dev: EvalReport | None  # trained without any dev gold, scored on all of it
    baseline_dev: EvalReport | None  # the keyword baseline on the dev gold
    held_out_draws: list[EvalReport] = field(default_factory=list)  # the first + seeded draws


def train_and_evaluate(
    examples: Sequence[Example],
    taxonomy: Taxonomy,
    embedder: Embedder,
    params: Params | None = None,
    progress: Callable[[str], None] = lambda _: None,
    draws: int = 1,
) -> TrainingRun:
    """Grouped cross-validation, the no-dev-gold check, then the model trained on everything.
    `draws` > 1 repeats the passage-level CV over the dev gold with other fold draws and
    records their mean (the first draw is the deterministic one reported on its own)."""
    params = params or Params()
    progress(f"embedding and analysing {len(examples)} passages")
    data = encode(examples, taxonomy, embedder)
    progress(f"grouped cross-validation ({OUTER_FOLDS} folds by document)")
    predicted = grouped_cv(data, taxonomy, params)
    cv = report_on(data, predicted)
    has_dev = any(e.origin == "dev" for e in examples)
    cv_dev = report_on(data, predicted, {"dev"}) if has_dev else None
    held_out = None
    held_out_draws: list[EvalReport] = []
    if has_dev:
        progress(f"passage-level cross-validation over the dev gold ({PASSAGE_FOLDS} folds)")
        held_out = report_on(data, held_out_passages_cv(data, taxonomy, params), {TARGET_ORIGIN})
        held_out_draws.append(held_out)
        for seed in range(1, draws):
            progress(f"passage-level cross-validation, fold draw {seed + 1} of {draws}")
            predicted_draw = held_out_passages_cv(data, taxonomy, params, seed=seed)
            held_out_draws.append(report_on(data, predicted_draw, {TARGET_ORIGIN}))
    progress("training without the dev gold")
    no_dev = without_dev(data, taxonomy, params) if has_dev else None
    baseline_dev = None
    if has_dev:
        dev = [e for e in examples if e.origin == "dev"]
        results = KeywordBaseline(taxonomy).classify([e.text for e in dev])
        gold = [{"id": e.id, "themes": list(e.themes)} for e in dev]
        baseline_dev = evaluate(gold, {e.id: r.themes for e, r in zip(dev, results, strict=True)})
    evaluation: dict[str, Any] = {"grouped_cv_all": summary(cv)}
    for name, report in (
        ("grouped_cv_dev_gold", cv_dev),
        ("passage_cv_dev_gold_same_documents", held_out),
        ("no_dev_gold_on_dev_gold", no_dev),
        ("keyword_baseline_dev_gold", baseline_dev),
    ):
        if report is not None:
            evaluation[name] = summary(report)
    if len(held_out_draws) > 1:
        evaluation["passage_cv_dev_gold_same_documents_draws"] = mean_over_draws(held_out_draws)
    progress("training the final model on every example")
    model = build_model(data, taxonomy, params, embedder.name, evaluation)
    return TrainingRun(model, cv, cv_dev, held_out, no_dev, baseline_dev, held_out_draws)
