"""Agency normalisation against hand-labelled passages (`corpora/demo/agency_gold.jsonl`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ingest.entities import EntityExtractor
from ingest.jsonl import json_records

GOLD_NEEDS = {"text": str, "agencies": list}


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The hand-labelled passages; a bad line is a BadJsonLines naming the file and the line."""
    return [record for _, record in json_records(path, GOLD_NEEDS)]


def evaluate_agencies(gold: list[dict[str, Any]], extractor: EntityExtractor) -> dict[str, Any]:
    """Precision and recall over (passage, agency id) pairs, overall and per agency."""
    true_positive: Counter[str] = Counter()
    false_positive: Counter[str] = Counter()
    false_negative: Counter[str] = Counter()
    errors = []
    texts = [row["text"] for row in gold]
    for row, mentions in zip(gold, extractor.pipe(texts), strict=True):
        expected = set(row["agencies"])
        found = {m.id for m in mentions if m.kind == "agency"}
        for agency in expected & found:
            true_positive[agency] += 1
        for agency in found - expected:
            false_positive[agency] += 1
        for agency in expected - found:
            false_negative[agency] += 1
        if expected != found:
            errors.append(
                {
                    "passage_id": row.get("passage_id"),
                    "missed": sorted(expected - found),
                    "extra": sorted(found - expected),
                }
            )
    tp, fp, fn = (sum(c.values()) for c in (true_positive, false_positive, false_negative))
    agencies = sorted(set(true_positive) | set(false_positive) | set(false_negative))
    return {
        "passages": len(gold),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "per_agency": {
            a: {
                "tp": true_positive[a],
                "fp": false_positive[a],
                "fn": false_negative[a],
                "precision": _ratio(true_positive[a], true_positive[a] + false_positive[a]),
                "recall": _ratio(true_positive[a], true_positive[a] + false_negative[a]),
            }
            for a in agencies
        },
        "errors": errors,
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
