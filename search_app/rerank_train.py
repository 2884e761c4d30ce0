"""Training the reranker (search_app.rerank) from the team's own judgements, and measuring it
out of sample: cross-validated over the team's queries, and on graded queries (the dev set)
that played no part in training."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from search_app import rerank
from search_app.evaluate import evaluate
from search_app.search import Searcher


def load_judgements(folder: Path = rerank.MODEL_DIR) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The team's queries (qid -> text) and judgements ({qid, passage_id, starts, grade})."""
    queries = {
        row["qid"]: row["query"]
        for row in map(json.loads, (folder / "queries.jsonl").read_text().splitlines())
    }
    judged = [json.loads(line) for line in (folder / "judgements.jsonl").read_text().splitlines()]
    return queries, judged


def _opening(text: str) -> str:
    return " ".join(re.findall(r"[A-Za-z0-9]+", text)[:8]).lower()


def training_rows(
    searcher: Searcher, queries: dict[str, str], judged: list[dict[str, Any]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, grades and query index of every judged passage among each query's
    candidates (matched by id, or by its opening words when the parser cut it anew)."""
    grades: dict[str, dict[str, int]] = {}
    openings: dict[str, dict[str, int]] = {}
    for row in judged:
        grades.setdefault(row["qid"], {})[row["passage_id"]] = int(row["grade"])
        openings.setdefault(row["qid"], {})[row["starts"].lower()] = int(row["grade"])
    matrices: list[np.ndarray] = []
    labels: list[int] = []
    groups: list[int] = []
    for number, (qid, query) in enumerate(sorted(queries.items())):
        state = searcher.rank(query)
        candidates = searcher.candidates(state)[: rerank.DEPTH * 2]
        keep = []
        for candidate in candidates:
            grade = grades.get(qid, {}).get(candidate.row["id"])
            if grade is None:
                grade = openings.get(qid, {}).get(_opening(candidate.row["text"]))
            if grade is not None:
                keep.append((candidate, grade))
        if not keep:
            continue
        matrices.append(rerank.features([c for c, _ in keep], state.text, state.idf, state.rare))
        labels.extend(grade for _, grade in keep)
        groups.extend([number] * len(keep))
    width = len(rerank.FEATURES)
    matrix = np.vstack(matrices) if matrices else np.zeros((0, width))
    return matrix, np.asarray(labels), np.asarray(groups)


def cross_validate(matrix: np.ndarray, grades: np.ndarray, groups: np.ndarray) -> float:
    """Mean ROC AUC of relevant vs not, leaving one query out at a time."""
    from sklearn.metrics import roc_auc_score

    aucs = []
    for group in np.unique(groups):
        test = groups == group
        truth = grades[test] >= 1
        if truth.all() or not truth.any():
            continue
        model = rerank.fit(matrix[~test], grades[~test])
        aucs.append(roc_auc_score(truth, model.score(matrix[test])))
    return float(np.mean(aucs)) if aucs else 0.0


def reranked_run(
    searcher: Searcher, model: rerank.Reranker | None, k: int = 10
) -> Callable[[str], list[str]]:
    """query -> result texts of hybrid search with (or without) the model."""

    def run(query: str) -> list[str]:
        previous, searcher.reranker = searcher.reranker, model
        try:
            return [result.text for result in searcher.search(query, k)]
        finally:
            searcher.reranker = previous

    return run


def dev_report(
    searcher: Searcher,
    model: rerank.Reranker,
    dev: tuple[list[dict[str, Any]], dict[str, str]],
    k: int = 10,
) -> dict[str, float]:
    """Hybrid nDCG@k on graded queries the model never saw, with and without it."""
    queries, texts = dev
    without = evaluate(queries, texts, reranked_run(searcher, None, k), k)
    with_model = evaluate(queries, texts, reranked_run(searcher, model, k), k)
    return {"without": without[f"ndcg@{k}"], "with": with_model[f"ndcg@{k}"]}
