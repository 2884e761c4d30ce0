"""Merge the collectors' manifests into corpora/real/manifest.jsonl: facts only, no text.

Usage: python corpora/real/merge.py /path/to/manifest-A.jsonl /path/to/manifest-B.jsonl ...
Each input line is {"id", "source", "fields", "notes"}; the notes (which may quote the
document) are dropped, and a source listed as held out is refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = [
    "title",
    "review_type",
    "type_as_written",
    "partnership",
    "publication_date",
    "author",
    "child_pseudonyms",
    "child_age",
    "child_age_months",
    "child_sex",
    "outcome",
    "incident_year",
]
HELD_OUT = HERE.parents[2] / "shared" / "eval" / "real-heldout-exclude" / "sources.txt"


def held_out() -> set[str]:
    if not HELD_OUT.exists():
        return set()
    lines = HELD_OUT.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].strip() for line in lines if line and not line.startswith("#")}


def main(paths: list[str]) -> None:
    excluded = held_out()
    records: dict[str, dict[str, object]] = {}
    for path in paths:
        for raw in Path(path).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            record = json.loads(raw)
            if record["source"] in excluded:
                raise SystemExit(f"{path}: {record['id']} is a held-out review")
            fields = {name: record["fields"].get(name) for name in FIELDS}
            records[record["id"]] = {
                "id": record["id"],
                "source": record["source"],
                "fields": fields,
            }
    out = HERE / "manifest.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for key in sorted(records):
            handle.write(json.dumps(records[key], ensure_ascii=False) + "\n")
    print(f"{len(records)} reviews -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
