"""Grid-search the classifier's decision settings on a gold set, with blocked cross-validation."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ingest.theme_eval import EvalReport, evaluate
from ingest.themes.classifier import ClassifierConfig, PassageFeatures, ThemeClassifier

GRID: dict[str, Sequence[float]] = {
    "sem_center": (0.65, 0.7, 0.75, 0.8),
    "sem_scale": (0.02, 0.04, 0.06),
    "threshold": (0.5, 0.6, 0.7),
}


def _report(
    clf: ThemeClassifier, feats: list[PassageFeatures], gold: Sequence[Mapping[str, Any]]
) -> EvalReport:
    predicted = {str(g["id"]): clf.decide(f).themes for g, f in zip(gold, feats, strict=True)}
    return evaluate(gold, predicted)


def grid_search(
    clf: ThemeClassifier,
    feats: list[PassageFeatures],
    gold: Sequence[Mapping[str, Any]],
    grid: Mapping[str, Sequence[float]] = GRID,
) -> tuple[ClassifierConfig, EvalReport]:
    """The config (from the grid) with the best micro+macro F1 on these passages."""
    base = clf.config
    best: tuple[float, ClassifierConfig, EvalReport] | None = None
    try:
        for values in itertools.product(*grid.values()):
            settings: dict[str, Any] = dict(zip(grid.keys(), values, strict=True))
            clf.config = replace(base, **settings)
            report = _report(clf, feats, gold)
            objective = report.micro.f1 + report.macro_f1()
            if best is None or objective > best[0]:
                best = (objective, clf.config, report)
    finally:
        clf.config = base
    assert best is not None
    return best[1], best[2]


def cross_validate(
    clf: ThemeClassifier,
    feats: list[PassageFeatures],
    gold: Sequence[Mapping[str, Any]],
    folds: int = 5,
    grid: Mapping[str, Sequence[float]] = GRID,
) -> EvalReport:
    """Tune on all but one contiguous block of passages, predict that block; pool predictions."""
    n = len(gold)
    block = [i * folds // n for i in range(n)]
    predicted: dict[str, list[str]] = {}
    base = clf.config
    try:
        for k in range(folds):
            train = [i for i in range(n) if block[i] != k]
            config, _ = grid_search(clf, [feats[i] for i in train], [gold[i] for i in train], grid)
            clf.config = config
            for i in range(n):
                if block[i] == k:
                    predicted[str(gold[i]["id"])] = clf.decide(feats[i]).themes
            clf.config = base
    finally:
        clf.config = base
    return evaluate(gold, predicted)
