"""Score theme predictions against gold labels, and classify JSONL files of passages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ingest.jsonl import json_records
from ingest.themes.classifier import ThemeResult

MIN_SUPPORT = 3


class Classifier(Protocol):
    def classify(self, texts: list[str]) -> list[ThemeResult]: ...


@dataclass
class ThemeStats:
    """Counts and scores of one theme over a gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Per-theme and averaged scores; macro over themes with >= MIN_SUPPORT gold passages."""

    n_passages: int
    per_theme: dict[str, ThemeStats] = field(default_factory=dict)
    min_support: int = MIN_SUPPORT

    @property
    def micro(self) -> ThemeStats:
        total = ThemeStats()
        for s in self.per_theme.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def macro_f1(self, min_support: int | None = None) -> float:
        """Mean F1 over themes with at least min_support gold passages (default: the report's)."""
        floor = self.min_support if min_support is None else min_support
        scores = [s.f1 for s in self.per_theme.values() if s.support >= max(floor, 1)]
        return sum(scores) / len(scores) if scores else 0.0

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro
        return {
            "n_passages": self.n_passages,
            "micro": {"precision": micro.precision, "recall": micro.recall, "f1": micro.f1},
            "macro_f1": self.macro_f1(),
            "macro_f1_all": self.macro_f1(1),
            "min_support": self.min_support,
            "per_theme": {
                t: {
                    **asdict(s),
                    "support": s.support,
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                }
                for t, s in sorted(self.per_theme.items())
            },
        }


def _as_mapping(
    rows: Mapping[str, Iterable[str]] | Iterable[Mapping[str, Any]],
) -> dict[str, set[str]]:
    if isinstance(rows, Mapping):
        return {str(k): set(v) for k, v in rows.items()}
    return {str(r["id"]): set(r.get("themes") or []) for r in rows}


def evaluate(
    gold_rows: Iterable[Mapping[str, Any]],
    predicted: Mapping[str, Iterable[str]] | Iterable[Mapping[str, Any]],
    theme_ids: Iterable[str] | None = None,
) -> EvalReport:
    """Compare predicted theme sets with gold ones, passage by passage (matched on id)."""
    gold = _as_mapping(gold_rows)
    pred = _as_mapping(predicted)
    themes = set(theme_ids or []) | {t for ts in gold.values() for t in ts}
    themes |= {t for pid in gold for t in pred.get(pid, set())}
    report = EvalReport(n_passages=len(gold), per_theme={t: ThemeStats() for t in sorted(themes)})
    for pid, gold_themes in gold.items():
        guessed = pred.get(pid, set())
        for t in gold_themes | guessed:
            stats = report.per_theme[t]
            if t in gold_themes and t in guessed:
                stats.tp += 1
            elif t in guessed:
                stats.fp += 1
            else:
                stats.fn += 1
    return report


def format_table(report: EvalReport) -> str:
    """A plain-text table: one row per theme, then micro and macro lines."""
    lines = [f"{'theme':<30} {'P':>6} {'R':>6} {'F1':>6} {'supp':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for t, s in sorted(report.per_theme.items(), key=lambda kv: (-kv[1].support, kv[0])):
        lines.append(
            f"{t:<30} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d} "
            f"{s.tp:4d} {s.fp:4d} {s.fn:4d}"
        )
    m = report.micro
    lines.append(f"{'micro':<30} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f} {m.support:5d}")
    lines.append(f"macro F1 (support >= {report.min_support}): {report.macro_f1():.3f}")
    lines.append(f"macro F1 (all themes with gold): {report.macro_f1(1):.3f}")
    lines.append(f"passages: {report.n_passages}")
    return "\n".join(lines)


PASSAGE_NEEDS = {"id": None, "text": str}


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The passages of a JSON-lines file, each with an "id" and a "text"; a bad line is a
    BadJsonLines naming the file and the line."""
    return [row for _, row in json_records(Path(path), PASSAGE_NEEDS)]


def _batches(path: str | Path, size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for _, row in json_records(Path(path), PASSAGE_NEEDS):
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def result_row(passage_id: str, result: ThemeResult) -> dict[str, Any]:
    """The JSONL output row of one classified passage."""
    return {
        "id": passage_id,
        "themes": result.themes,
        "scores": result.scores,
        "evidence": {t: [s.text for s in spans] for t, spans in result.evidence.items()},
    }


def classify_jsonl(
    input_path: str | Path, output_path: str | Path, classifier: Classifier, batch_size: int = 256
) -> int:
    """Classify {"id","text"} lines into {"id","themes","scores","evidence"} lines; count them."""
    count = 0
    with open(output_path, "w", encoding="utf-8") as out:
        for batch in _batches(input_path, batch_size):
            results = classifier.classify([row["text"] for row in batch])
            for row, result in zip(batch, results, strict=True):
                out.write(json.dumps(result_row(str(row["id"]), result), ensure_ascii=False) + "\n")
                count += 1
    return count


def evaluate_classifier(gold_path: str | Path, classifier: Classifier) -> EvalReport:
    """Classify the texts of a gold JSONL file and score them against its labels."""
    gold = read_jsonl(gold_path)
    results = classifier.classify([row["text"] for row in gold])
    predicted = {str(row["id"]): r.themes for row, r in zip(gold, results, strict=True)}
    return evaluate(gold, predicted)
