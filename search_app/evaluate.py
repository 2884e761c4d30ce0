"""Search quality against graded queries (../shared/eval/dev/queries.jsonl).

Results are matched to gold passages by text, as the evaluation set's README says:
both texts lower-cased, ligatures expanded, line-break hyphens removed, reduced to runs of
letters and digits; a result matches a gold passage when at least half of the gold
passage's word trigrams occur in the result, or half of the result's in the gold passage.
Each gold passage is credited once, to the first result that matches it.

The gold files list only passages judged relevant. A result that matches none of them was
either judged not relevant or never judged; when a pool of earlier judged runs is given
(`record_pool`), results outside both are counted as unjudged, with examples, so a ranker
that brings up unseen passages is not trusted blindly. With a deeper run as well, nDCG is
also computed on the judged results alone (the unjudged ones dropped from the ranking and
the next judged ones moved up: a "condensed list"), which neither rewards nor punishes a
ranker for passages nobody judged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.clean import LIGATURES
from ingest.jsonl import BadJsonLines, json_records

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
    unmatched: list[tuple[int, str]]  # (rank, text) of results that match no gold passage
    unjudged: list[tuple[int, str]]  # of those, the ones outside the judged pool too


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


def unmatched(results: list[str], texts: list[str], k: int = K) -> list[tuple[int, str]]:
    """(rank, text) of the top-k results that match none of `texts`."""
    grams = [_trigrams(text) for text in texts]
    found = []
    for rank, result in enumerate(results[:k], start=1):
        own = _trigrams(result)
        if not any(own and other and _overlap(own, other) for other in grams):
            found.append((rank, result))
    return found


def evaluate(
    queries: list[dict[str, Any]],
    gold_texts: dict[str, str],
    run: Callable[[str], list[str]],
    k: int = K,
    pool: dict[str, list[str]] | None = None,
    deep_run: Callable[[str], list[str]] | None = None,
) -> dict[str, Any]:
    """Mean nDCG@k, Recall@k and MRR of `run` (query -> ranked result texts), with the share
    of results matching no gold passage and, given the judged `pool` (qid -> texts), the
    share that nobody judged; given a `deep_run` too (the same search, several pages deep),
    nDCG@k of its judged results alone."""
    scores = []
    condensed: list[float] = []
    returned = 0
    for query in queries:
        relevant = {pid: int(grade) for pid, grade in query["relevant"].items()}
        results = run(query["query"])[:k]
        returned += len(results)
        ndcg, recall, rr, credited = score_query(results, relevant, gold_texts, k)
        missed = unmatched(results, [gold_texts[pid] for pid in relevant], k)
        judged = (pool or {}).get(query["qid"], [])
        unseen = unmatched([text for _, text in missed], judged, k) if pool is not None else []
        unjudged = [missed[rank - 1] for rank, _ in unseen]
        if pool is not None and deep_run is not None:
            deep = deep_run(query["query"])
            kept = judged_results(deep, [gold_texts[pid] for pid in relevant] + judged)
            condensed.append(score_query(kept, relevant, gold_texts, k)[0])
        scores.append(
            QueryScore(query["qid"], query["query"], ndcg, recall, rr, credited, missed, unjudged)
        )
    count = len(scores) or 1
    returned = returned or 1
    report: dict[str, Any] = {
        "queries": len(scores),
        f"ndcg@{k}": round(sum(s.ndcg for s in scores) / count, 4),
        f"recall@{k}": round(sum(s.recall for s in scores) / count, 4),
        "mrr": round(sum(s.reciprocal_rank for s in scores) / count, 4),
        "unmatched_share": round(sum(len(s.unmatched) for s in scores) / returned, 4),
        "per_query": [
            {
                "qid": s.qid,
                "query": s.query,
                "ndcg": round(s.ndcg, 4),
                "recall": round(s.recall, 4),
                "rr": round(s.reciprocal_rank, 4),
                "unmatched": len(s.unmatched),
                "unjudged": len(s.unjudged),
            }
            for s in scores
        ],
    }
    if condensed:
        report[f"ndcg@{k}_judged_only"] = round(sum(condensed) / len(condensed), 4)
    if pool is not None:
        report["unjudged_share"] = round(sum(len(s.unjudged) for s in scores) / returned, 4)
        report["unjudged_examples"] = [
            {"qid": s.qid, "query": s.query, "rank": rank, "text": text[:200]}
            for s in scores
            for rank, text in s.unjudged[:1]
        ][:5]
    return report


def judged_results(results: list[str], judged: list[str]) -> list[str]:
    """The results that match a judged text (a gold passage or a pooled result), in order."""
    unseen = {rank for rank, _ in unmatched(results, judged, len(results))}
    return [text for rank, text in enumerate(results, start=1) if rank not in unseen]


def record_pool(
    queries: list[dict[str, Any]], runs: dict[str, Callable[[str], list[str]]], k: int = K
) -> dict[str, list[str]]:
    """qid -> the texts the given runs return in their top k: what was judged when the gold
    was pooled (run with the system the pool was made from), to tell unjudged results apart."""
    pool: dict[str, list[str]] = {}
    for query in queries:
        texts = pool.setdefault(query["qid"], [])
        for run in runs.values():
            texts.extend(text for text in run(query["query"])[:k] if text not in texts)
    return pool


QUERY_NEEDS = {"qid": None, "query": str, "relevant": dict}
PASSAGE_NEEDS = {"id": None, "text": str}


def load_gold(queries_path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The queries, and the gold passage texts from passages.jsonl beside them; a bad line, or
    a query judging a passage that file does not hold, is a BadJsonLines naming the line."""
    passages_path = queries_path.with_name("passages.jsonl")
    texts = {str(row["id"]): row["text"] for _, row in json_records(passages_path, PASSAGE_NEEDS)}
    queries = []
    for number, query in json_records(queries_path, QUERY_NEEDS):
        if unknown := sorted(set(map(str, query["relevant"])) - set(texts)):
            raise BadJsonLines(
                f"{queries_path}: line {number} judges passage {', '.join(unknown)}, "
                f"which {passages_path.name} beside it does not hold"
            )
        queries.append(query)
    return queries, texts
