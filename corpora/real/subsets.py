"""Write the subsets of the manifest that the results in README.md are measured on.

Usage: python corpora/real/subsets.py OUT_DIR
Writes half1.jsonl and half2.jsonl (the first 64 reviews, split by the first byte of the
MD5 of the id), new.jsonl (d001-d021, measured blind before any rule was changed for
them), later.jsonl (d022-d025, measured blind after the rule changes) and round2.jsonl
(e001-e011, collected in the second round and measured blind before its changes). Then run
`casegraph eval metadata --truth OUT_DIR/half1.jsonl --docs ...` for each.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATER = {"d022", "d023", "d024", "d025"}


def subset(review_id: str) -> str:
    if review_id in LATER:
        return "later"
    if review_id.startswith("e"):
        return "round2"
    if review_id.startswith("d"):
        return "new"
    return f"half{1 + hashlib.md5(review_id.encode()).digest()[0] % 2}"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[str]] = {}
    for raw in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            groups.setdefault(subset(json.loads(raw)["id"]), []).append(raw)
    for name, rows in sorted(groups.items()):
        (out / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{name}: {len(rows)} reviews")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
