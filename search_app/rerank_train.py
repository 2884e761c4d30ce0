"""Training the reranker (search_app.rerank) from the team's own judgements, and measuring it
out of sample: cross-validated over the team's queries, and on graded queries (the dev set)
that played no part in training."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ingest.jsonl import json_records
from search_app import rerank
from search_app.evaluate import evaluate, matches
from search_app.search import Searcher

QUERY_NEEDS = {"qid": str, "query": str}
JUDGEMENT_NEEDS = {"qid": str, "passage_id": str, "starts": str, "grade": int}


def load_judgements(folder: Path = rerank.MODEL_DIR) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The team's queries (qid -> text) and judgements ({qid, passage_id, starts, grade}); a
    bad line is a BadJsonLines naming the file and the line."""
    queries = {
        row["qid"]: row["query"] for _, row in json_records(folder / "queries.jsonl", QUERY_NEEDS)
    }
    judged = [row for _, row in json_records(folder / "judgements.jsonl", JUDGEMENT_NEEDS)]
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


def graded_rows(
    searcher: Searcher, queries: list[dict[str, Any]], texts: dict[str, str]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per graded query: features of its candidates and their grades (matched by text; a
    candidate matching no relevant passage counts as 0)."""
    matrices, grades = [], []
    for query in queries:
        state = searcher.rank(query["query"])
        candidates = searcher.candidates(state)[: rerank.DEPTH]
        relevant = {pid: int(grade) for pid, grade in query["relevant"].items()}
        labels = [
            max((g for pid, g in relevant.items() if matches(c.row["text"], texts[pid])), default=0)
            for c in candidates
        ]
        matrices.append(rerank.features(candidates, state.text, state.idf, state.rare))
        grades.append(np.asarray(labels))
    return matrices, grades


def dev_cross_validation(
    searcher: Searcher,
    ours: tuple[np.ndarray, np.ndarray],
    dev: tuple[list[dict[str, Any]], dict[str, str]],
    folds: int = 5,
    k: int = 10,
) -> dict[str, float]:
    """nDCG@k on each fold of the graded queries, with a model trained on our judgements and
    the other folds (never on the fold it is tested on), against search without a model."""
    queries, texts = dev
    matrices, grades = graded_rows(searcher, queries, texts)
    fold_of = [number % folds for number in range(len(queries))]
    scores: dict[str, list[float]] = {"with": [], "without": []}
    for fold in range(folds):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        matrix = np.vstack([ours[0], *(matrices[i] for i in train)])
        labels = np.concatenate([ours[1], *(grades[i] for i in train)])
        model = rerank.fit(matrix, labels)
        tested = [queries[i] for i, f in enumerate(fold_of) if f == fold]
        report = dev_report(searcher, model, (tested, texts), k)
        scores["with"].extend([report["with"]] * len(tested))
        scores["without"].extend([report["without"]] * len(tested))
    return {name: round(float(np.mean(values)), 4) for name, values in scores.items()}
