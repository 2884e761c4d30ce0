"""Search quality against graded queries (../shared/eval/dev/queries.jsonl).

Results are matched to gold passages by text, as the evaluation set's README says:
both texts lower-cased, ligatures expanded, line-break hyphens removed, reduced to runs of
letters and digits; a result matches a gold passage when at least half of the gold
passage's word trigrams occur in the result, or half of the result's in the gold passage.
Each gold passage is credited once, to the first result that matches it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.clean import LIGATURES

K = 10


def normalise_words(text: str) -> list[str]:
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.findall(r"[a-z0-9]+", text.lower())


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = normalise_words(text)
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def matches(result_text: str, gold_text: str) -> bool:
    result, gold = _trigrams(result_text), _trigrams(gold_text)
    return bool(result and gold) and _overlap(result, gold)


@dataclass
class QueryScore:
    qid: str
    query: str
    ndcg: float
    recall: float
    reciprocal_rank: float
    credited: list[str]


def score_query(
    results: list[str], relevant: dict[str, int], gold_texts: dict[str, str], k: int = K
) -> tuple[float, float, float, list[str]]:
    """nDCG@k (gain 2^grade - 1), Recall@k and reciprocal rank for one ranked list of texts."""
    gold_grams = {pid: _trigrams(gold_texts[pid]) for pid in relevant}
    credited: list[str] = []
    dcg = 0.0
    first_hit = 0.0
    for rank, text in enumerate(results[:k], start=1):
        grams = _trigrams(text)
        new = [
            pid
            for pid, gold in gold_grams.items()
            if pid not in credited and grams and gold and _overlap(grams, gold)
        ]
        if not new:
            continue
        credited.extend(new)
        gain = max(2 ** relevant[pid] - 1 for pid in new)
        dcg += gain / math.log2(rank + 1)
        if not first_hit and gain > 0:
            first_hit = 1.0 / rank
    ideal = sorted((2**grade - 1 for grade in relevant.values()), reverse=True)[:k]
    idcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(ideal, start=1))
    recall = len(credited) / len(relevant) if relevant else 0.0
    return (dcg / idcg if idcg else 0.0), recall, first_hit, credited


def _overlap(result: set[tuple[str, ...]], gold: set[tuple[str, ...]]) -> bool:
    shared = len(result & gold)
    return shared >= len(gold) / 2 or shared >= len(result) / 2


def evaluate(
    queries: list[dict[str, Any]],
    gold_texts: dict[str, str],
    run: Callable[[str], list[str]],
    k: int = K,
) -> dict[str, Any]:
    """Mean nDCG@k, Recall@k and MRR of `run` (query -> ranked result texts)."""
    scores = []
    for query in queries:
        relevant = {pid: int(grade) for pid, grade in query["relevant"].items()}
        ndcg, recall, rr, credited = score_query(run(query["query"]), relevant, gold_texts, k)
        scores.append(QueryScore(query["qid"], query["query"], ndcg, recall, rr, credited))
    count = len(scores) or 1
    return {
        "queries": len(scores),
        f"ndcg@{k}": round(sum(s.ndcg for s in scores) / count, 4),
        f"recall@{k}": round(sum(s.recall for s in scores) / count, 4),
        "mrr": round(sum(s.reciprocal_rank for s in scores) / count, 4),
        "per_query": [
            {
                "qid": s.qid,
                "query": s.query,
                "ndcg": round(s.ndcg, 4),
                "recall": round(s.recall, 4),
                "rr": round(s.reciprocal_rank, 4),
            }
            for s in scores
        ],
    }


def load_gold(queries_path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The queries, and the gold passage texts from passages.jsonl beside them."""
    queries = [
        json.loads(line)
        for line in queries_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    passages_path = queries_path.with_name("passages.jsonl")
    texts = {}
    for line in passages_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    return queries, texts
