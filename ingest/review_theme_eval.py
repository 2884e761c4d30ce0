"""Review-level themes found in real reviews against the themes people coded for them.

The truth file is JSON lines, one review each: {"id", "source", "themes", "provenance"}:
`themes` the theme ids the review carries (an empty list when it carries none). Only facts:
never the review's text. The documents are files named after the ids (`<id>.txt`, `.md` or
`.pdf`) in one folder; each is parsed and enriched as ingest does, and the review-level
themes it would store are compared with the truth. Used by `casegraph eval review-themes`.

The decision rule's free parameters (ingest/themes/review_level.py, `Rule`) are chosen by
cross-validation: the reviews are split in folds by a hash of the id, a setting of the grid
is chosen on all folds but one and scored on that one; the pooled out-of-fold score is the
honest figure, the in-sample one (chosen and scored on all reviews) its optimistic bound.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.enrich import Enrichment, aggregate_themes
from ingest.errors import IngestError
from ingest.jsonl import json_lines
from ingest.metadata_eval import find_document
from ingest.pipeline import ParseOptions, parse_document, read_bytes
from ingest.themes import load_taxonomy
from ingest.themes.review_level import Rule, named_in_document, rule_in_force
from ingest.types import ParsedDocument

# Parsed document -> the review-level theme ids the product stores for it.
ReviewThemer = Callable[[ParsedDocument], Iterable[str]]
HALVES = ("A", "B")
# Cross-validation chooses the setting with the best recall among those whose precision on
# the training folds reaches this floor (the target is recall 0.75 at precision 0.75, with a
# margin for unseen reviews); when none does, the best F1.
PRECISION_FLOOR = 0.8


@dataclass
class Error:
    id: str
    missed: list[str]
    extra: list[str]


@dataclass
class Report:
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # ids without a readable document
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # theme -> tp, fp, fn
    errors: list[Error] = field(default_factory=list)

    def add(self, review_id: str, truth: set[str], found: set[str]) -> None:
        self.documents += 1
        for theme in truth | found:
            row = self.counts.setdefault(theme, {"tp": 0, "fp": 0, "fn": 0})
            kind = "fp" if theme not in truth else "tp" if theme in found else "fn"
            row[kind] += 1
        if truth != found:
            self.errors.append(Error(review_id, sorted(truth - found), sorted(found - truth)))

    def as_dict(self) -> dict[str, Any]:
        themes = {theme: {**row, **scores(row)} for theme, row in sorted(self.counts.items())}
        total = {key: sum(row[key] for row in self.counts.values()) for key in ("tp", "fp", "fn")}
        f1s = [row["f1"] for row in themes.values() if row["tp"] + row["fn"]]
        return {
            "documents": self.documents,
            "missing": self.missing,
            "micro": {**total, **scores(total)},
            "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
            "themes": themes,
            "errors": [vars(error) for error in self.errors],
        }


def scores(row: dict[str, int]) -> dict[str, float]:
    """Precision, recall and F1 of tp/fp/fn counts (0 where nothing was found or expected)."""
    tp, fp, fn = row["tp"], row["fp"], row["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def half_of(review_id: str) -> str:
    """A stable split of reviews in two halves by a hash of the id: tune on A, check on B."""
    return HALVES[hashlib.sha256(review_id.encode("utf-8")).digest()[0] % 2]


def load_truth(path: Path, known: Iterable[str]) -> list[dict[str, Any]]:
    """The truth file's records; a bad line or an unknown theme id is an error naming the file
    and the line."""
    ids = set(known)
    records = []
    seen: set[str] = set()
    for number, record in json_lines(path):
        if not isinstance(record, dict) or not isinstance(record.get("themes"), list):
            raise ValueError(f'{path}: line {number} needs "id" and a list of "themes"')
        if not isinstance(record.get("id"), str) or not record["id"]:
            raise ValueError(f'{path}: line {number} needs "id" and a list of "themes"')
        unknown = sorted(set(map(str, record["themes"])) - ids)
        if unknown:
            raise ValueError(f"{path}: line {number} has unknown theme ids: {', '.join(unknown)}")
        if record["id"] in seen:
            raise ValueError(f"{path}: line {number} repeats id {record['id']!r}")
        seen.add(record["id"])
        records.append(record)
    return records


def evaluate(
    records: list[dict[str, Any]],
    docs: Path,
    themer: ReviewThemer,
    half: str | None = None,
    options: ParseOptions | None = None,
) -> Report:
    """Parse (with `options`, e.g. OCR off) and enrich each review's document, and compare its
    themes with the truth."""
    report = Report()
    for record, document in _documents(records, docs, half, report.missing, options):
        report.add(str(record["id"]), set(record["themes"]), set(themer(document)))
    return report


def _documents(
    records: list[dict[str, Any]],
    docs: Path,
    half: str | None,
    missing: list[str],
    options: ParseOptions | None = None,
) -> Iterator[tuple[dict[str, Any], ParsedDocument]]:
    """Each review (of one half, if given) with its parsed document; the ids without a
    readable document go to `missing`, with the reason when it could not be parsed."""
    for record in records:
        review_id = str(record["id"])
        if half is not None and half_of(review_id) != half:
            continue
        path = find_document(docs, review_id)
        if path is None:
            missing.append(review_id)
            continue
        try:
            document = parse_document(path, read_bytes(path), options)
        except IngestError as error:
            missing.append(f"{review_id}: {error}")
            continue
        yield record, document


@dataclass
class Read:
    """A review parsed and enriched once: its truth, and the document and enrichment the
    review-level decision reads (so each setting of the rule is cheap to score)."""

    id: str
    truth: set[str]
    document: ParsedDocument
    enrichment: Enrichment

    def themes(self, rule: Rule) -> set[str]:
        """The review-level themes ingest would store if `rule` were in force."""
        passages = self.enrichment.passages
        tagged = {theme for passage in passages for theme in passage.themes}
        with rule_in_force(rule):
            named = named_in_document(load_taxonomy(), self.document, tagged)
            found = aggregate_themes(self.document.passages, passages, named)
        return {theme.theme for theme in found}


def read_reviews(
    records: list[dict[str, Any]],
    docs: Path,
    enrich: Callable[[ParsedDocument], Enrichment],
    half: str | None = None,
) -> tuple[list[Read], list[str]]:
    """Each review's document parsed and enriched once, and the ids without a readable one."""
    missing: list[str] = []
    reads = [
        Read(str(record["id"]), set(record["themes"]), document, enrich(document))
        for record, document in _documents(records, docs, half, missing)
    ]
    return reads, missing


def fold_of(review_id: str, folds: int) -> int:
    """A stable split of reviews in `folds` folds by a hash of the id."""
    digest = hashlib.sha256(review_id.encode("utf-8")).digest()
    return int.from_bytes(digest[1:5], "big") % folds


def choose(reads: Sequence[Read], found: dict[Rule, dict[str, set[str]]]) -> Rule:
    """The setting with the best recall at precision >= PRECISION_FLOOR on `reads` (the
    first in grid order on ties), else the best F1."""
    best: tuple[tuple[int, float, float], Rule] | None = None
    for rule, themes in found.items():
        report = Report()
        for read in reads:
            report.add(read.id, read.truth, themes[read.id])
        micro = report.as_dict()["micro"]
        key = (int(micro["precision"] >= PRECISION_FLOOR), micro["recall"], micro["f1"])
        if micro["precision"] < PRECISION_FLOOR:
            key = (0, micro["f1"], micro["recall"])
        if best is None or key > best[0]:
            best = (key, rule)
    if best is None:
        raise ValueError("an empty grid of settings")
    return best[1]


def cross_validate(reads: Sequence[Read], grid: Iterable[Rule], folds: int = 5) -> dict[str, Any]:
    """Choose a setting of the grid on all folds but one, score it on that one; pool the
    held-out scores. Also the in-sample score (chosen and scored on all reviews)."""
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    found = {rule: {read.id: read.themes(rule) for read in reads} for rule in grid}
    out_of_fold = Report()
    chosen = []
    for fold in range(folds):
        held = [read for read in reads if fold_of(read.id, folds) == fold]
        rule = choose([read for read in reads if fold_of(read.id, folds) != fold], found)
        chosen.append({"fold": fold, "reviews": len(held), "rule": asdict(rule)})
        for read in held:
            out_of_fold.add(read.id, read.truth, found[rule][read.id])
    overall = choose(reads, found)
    in_sample = Report()
    for read in reads:
        in_sample.add(read.id, read.truth, found[overall][read.id])
    return {
        "folds": folds,
        "settings": len(found),
        "out_of_fold": out_of_fold.as_dict(),
        "in_sample": in_sample.as_dict(),
        "chosen": chosen,
        "chosen_on_all": asdict(overall),
    }
