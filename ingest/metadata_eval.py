"""Metadata read from real reviews against a manifest of what each one states.

The manifest is JSON lines, one review each: {"id", "source", "fields": {...}}, a
field null (or an empty list) when the review does not state it. The documents are
files named after the ids (`<id>.txt`, `.md` or `.pdf`) in one folder. Used by
`casegraph eval metadata`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.groundtruth import _key, _same
from ingest.jsonl import json_lines
from ingest.metadata import NUMBER_WORDS
from ingest.pipeline import SUPPORTED_SUFFIXES, ParseOptions, parse_document
from ingest.types import ReviewMetadata

IDENTITY = ["title", "review_type", "partnership", "publication_date", "author"]
CHILD = [
    "child_pseudonyms",
    "child_age",
    "child_age_months",
    "child_sex",
    "outcome",
    "incident_year",
]
FIELDS = IDENTITY + CHILD


@dataclass
class Miss:
    id: str
    field: str
    expected: Any
    found: Any
    evidence: str | None = None


@dataclass
class Report:
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # ids without a readable document
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        fields = {name: {**row, "accuracy": _share(row)} for name, row in self.rows.items()}
        groups = {}
        for group, names in (("identity", IDENTITY), ("child", CHILD), ("all", FIELDS)):
            total = {
                key: sum(self.rows[name][key] for name in names if name in self.rows)
                for key in ("stated", "correct", "unstated", "guessed")
            }
            groups[group] = {
                **total,
                "accuracy": _share(total),
                "guessed_share": round(total["guessed"] / total["unstated"], 3)
                if total["unstated"]
                else None,
            }
        return {
            "documents": self.documents,
            "missing": self.missing,
            "fields": fields,
            "groups": groups,
            "errors": [vars(miss) for miss in self.errors],
        }


def _share(row: dict[str, int]) -> float | None:
    return round(row["correct"] / row["stated"], 3) if row["stated"] else None


def load_manifest(path: Path) -> list[dict[str, Any]]:
    """The manifest's records; a bad line is an error naming the file and the line."""
    records = []
    for number, record in json_lines(path):
        if not isinstance(record, dict) or "id" not in record or "fields" not in record:
            raise ValueError(f'{path}: line {number} needs "id" and "fields"')
        records.append(record)
    return records


def find_document(docs: Path, review_id: str) -> Path | None:
    for suffix in sorted(SUPPORTED_SUFFIXES):
        candidate = docs / f"{review_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


def same_value(name: str, expected: Any, found: Any) -> bool:
    """Whether a found value matches the stated one, as a reader would judge it."""
    if expected in (None, [], "") or found in (None, [], ""):
        return expected in (None, [], "") and found in (None, [], "")
    if name == "title":
        return _same_title(str(expected), str(found))
    if name == "partnership":
        return _organisation(str(expected)) == _organisation(str(found))
    if name == "author":
        return _people(expected) == _people(found)
    if name in {"incident_year", "child_age_months"}:
        return str(expected) == str(found)
    if name == "child_pseudonyms":
        return _pseudonyms(expected) == _pseudonyms(found)
    if name == "child_age":
        return _age(str(expected)) == _age(str(found))
    return _same(name, expected, found)


def _pseudonyms(value: Any) -> set[str]:
    """'Child W', 'W' and 'CHILD W' name the same child; the keyword is how it is written.
    'Family W' and 'the W family' name the same family."""
    names = value if isinstance(value, list) else [value]
    keyword = r"^(?:child|baby|infant|young person|yp)\s+"
    keys = {re.sub(keyword, "", _key(str(name))) for name in names}
    return {re.sub(r"^(?:the )?(\w+) family$", r"family \1", key) for key in keys}


def _age(text: str) -> str:
    """'one-year-old', '1 year' and 'aged 1 year' state the same age; 'aged 17' is in years."""
    words = [str(NUMBER_WORDS.get(word, word)) for word in _key(text).split()]
    kept = [word.rstrip("s") for word in words if word not in {"old", "aged", "and"}]
    if len(kept) == 1 and kept[0].isdigit():
        kept.append("year")
    return " ".join(kept)


def _same_title(expected: str, found: str) -> bool:
    """The same title, allowing for line breaks, case, punctuation and a dropped subtitle."""
    want, got = _key(expected), _key(found)
    if want == got:
        return True
    want_words, got_words = set(want.split()), set(got.split())
    overlap = len(want_words & got_words)
    return overlap >= 0.85 * len(want_words) and overlap >= 0.7 * len(got_words)


def _organisation(text: str) -> str:
    """'The Kent Safeguarding Children's Board (KSCB)' and 'Kent Safeguarding Children
    Board' are one publisher."""
    text = re.sub(r"\s*\([A-Z]{2,8}\)\s*$", "", text)
    key = _key(text.replace("&", " and "))
    return re.sub(r"^the ", "", key).replace("childrens", "children").replace(" s ", " ")


def _people(value: Any) -> set[str]:
    names = value if isinstance(value, list) else re.split(r"\s*(?:,|;| and | & )\s*", str(value))
    people = set()
    for name in names:
        key = _key(re.sub(r"(?i)^(?:dr|professor|prof|mr|mrs|ms|miss)\.?\s+", "", str(name)))
        if key:
            people.add(key)
    return people


def evaluate(
    records: list[dict[str, Any]], docs: Path, options: ParseOptions | None = None
) -> Report:
    """Parse each review's document (with `options`, e.g. OCR off) and compare every field
    with the manifest."""
    report = Report(
        rows={
            name: dict.fromkeys(("stated", "correct", "unstated", "guessed"), 0) for name in FIELDS
        }
    )
    for record in records:
        path = find_document(docs, str(record["id"]))
        if path is None:
            report.missing.append(str(record["id"]))
            continue
        try:
            metadata = parse_document(path, path.read_bytes(), options).metadata
        except IngestError as error:
            report.missing.append(f"{record['id']}: {error}")
            continue
        report.documents += 1
        _compare(report, str(record["id"]), record["fields"], metadata)
    return report


def _compare(report: Report, review_id: str, truth: dict[str, Any], meta: ReviewMetadata) -> None:
    for name in FIELDS:
        if name not in truth:
            continue
        expected = truth[name]
        found_field = getattr(meta, name)
        found = None if found_field is None else found_field.value
        row = report.rows[name]
        stated = expected not in (None, [], "")
        correct = same_value(name, expected, found)
        if stated:
            row["stated"] += 1
            row["correct"] += correct
        else:
            row["unstated"] += 1
            row["guessed"] += found not in (None, [], "")
        if not correct:
            evidence = None if found_field is None else found_field.evidence[:160]
            report.errors.append(Miss(review_id, name, expected, found, evidence))
