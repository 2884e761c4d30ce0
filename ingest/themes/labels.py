"""The labelled training passages: stored in the repository with their provenance, the two
coders' labels and the adjudicated one, and the coders' agreement.

Document passages are stored by file, file sha256 and character offsets into the parsed
document text (the text is rebuilt by parsing the file again); passages we wrote ourselves
are stored as text.

    python -m ingest.themes.labels import /work/labelling   # pools + coders -> repository
    python -m ingest.themes.labels recode /work/labelling/practice THEME ...

A recode re-labels some themes of every stored passage under a stricter codebook (two new
coders and an adjudicator): the adjudicated themes replace the earlier ones in `themes` for the
recoded themes only, the recode's coders are kept beside them, and the first adjudicated coding
stays in `first_themes`. Training reads the coding named by TRAINING_CODING: the first one, as
the practice recode lowered every grouped cross-validation figure (see corpora/labels/README.md).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.jsonl import Needs, json_records, required
from ingest.pipeline import content_hash
from ingest.themes.pool import DEMO_DIR, EVALUATION_DOCUMENTS, PUBLIC_DIR, parse
from ingest.themes.taxonomy import load_taxonomy
from ingest.themes.training import Example
from ingest.types import ParsedDocument

LABELS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "labels"
LABELS_FILE = LABELS_DIR / "themes.jsonl"
AGREEMENT_FILE = LABELS_DIR / "agreement.json"
RECODE_AGREEMENT_FILE = LABELS_DIR / "agreement-recode.json"
TRAINING_CODING = "first_themes"  # or "themes": the first coding with any recode applied

# what each record of the labels and the dev gold holds
ID: Needs = {"id": None}
LABEL_NEEDS: Needs = {"id": None, "kind": str}
WRITTEN_NEEDS: Needs = {"text": str}
DOCUMENT_NEEDS: Needs = {
    "file": str,
    "file_sha256": str,
    "char_start": int,
    "char_end": int,
    "text_sha256": str,
}
DEV_NEEDS: Needs = {"id": None, "text": str}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa of two binary codings of the same items (None when undefined)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1 - expected)


def agreement(
    first: Mapping[str, Iterable[str]], second: Mapping[str, Iterable[str]], theme_ids: list[str]
) -> dict[str, Any]:
    """Per-theme and pooled Cohen's kappa, and micro-F1 of one coder against the other, over
    the passages both coded."""
    ids = sorted(set(first) & set(second))
    a = {i: set(first[i]) for i in ids}
    b = {i: set(second[i]) for i in ids}
    per_theme = {}
    for t in theme_ids:
        x = [t in a[i] for i in ids]
        y = [t in b[i] for i in ids]
        kappa = cohen_kappa(x, y)
        per_theme[t] = {
            "kappa": None if kappa is None else round(kappa, 4),
            "coder1": sum(x),
            "coder2": sum(y),
            "both": sum(p and q for p, q in zip(x, y, strict=True)),
        }
    cells_a = [t in a[i] for i in ids for t in theme_ids]
    cells_b = [t in b[i] for i in ids for t in theme_ids]
    both = sum(p and q for p, q in zip(cells_a, cells_b, strict=True))
    pooled = cohen_kappa(cells_a, cells_b)
    return {
        "passages": len(ids),
        "pooled_kappa": None if pooled is None else round(pooled, 4),
        "micro_f1": round(2 * both / (sum(cells_a) + sum(cells_b)), 4) if any(cells_a) else None,
        "exact_match": round(sum(a[i] == b[i] for i in ids) / len(ids), 4) if ids else None,
        "per_theme": per_theme,
    }


def _read(path: Path, needs: Needs = ID) -> list[dict[str, Any]]:
    """The records of a JSON-lines file; a bad line is a BadJsonLines naming it."""
    return [row for _, row in json_records(path, needs)]


def _label_rows(path: Path) -> list[dict[str, Any]]:
    """The stored labels, each checked for what its kind (written, or from a document) needs."""
    rows = []
    for number, row in json_records(path, LABEL_NEEDS):
        needs = WRITTEN_NEEDS if row["kind"] == "written" else DOCUMENT_NEEDS
        rows.append(required(path, number, row, needs))
    return rows


def _by_id(rows: list[dict[str, Any]], path: Path, ids: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in rows:
        unknown = set(row.get("themes") or []) - ids
        if unknown:
            raise ValueError(f"{path}: passage {row.get('id')} has unknown themes {unknown}")
        out[str(row["id"])] = sorted(row.get("themes") or [])
    return out


def source_path(name: str) -> Path:
    for folder in (DEMO_DIR, PUBLIC_DIR):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{name}: not in {DEMO_DIR} nor {PUBLIC_DIR}")


def import_labels(folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Repository rows for every adjudicated passage of the pools, and the coders' agreement."""
    theme_ids = load_taxonomy().ids
    known = set(theme_ids)
    coded = {
        name: _by_id(_read(folder / f"{name}.jsonl"), folder / f"{name}.jsonl", known)
        for name in ("coder1", "coder2", "adjudicated")
    }
    decided = {str(r["id"]): r.get("decided_by") for r in _read(folder / "adjudicated.jsonl")}
    rows: list[dict[str, Any]] = []
    hashes: dict[str, str] = {}
    for passage in _read(folder / "pool-docs.jsonl"):
        pid = passage["id"]
        if pid not in coded["adjudicated"]:
            continue
        name = passage["source"]
        if name in EVALUATION_DOCUMENTS:
            raise ValueError(f"{pid}: {name} is in the evaluation pool")
        if name not in hashes:
            hashes[name] = content_hash(source_path(name).read_bytes())
        rows.append(
            {
                "id": pid,
                "kind": "document",
                "file": name,
                "file_sha256": hashes[name],
                "char_start": passage["char_start"],
                "char_end": passage["char_end"],
                "page_start": passage["page_start"],
                "page_end": passage["page_end"],
                "text_sha256": text_hash(passage["text"]),
            }
        )
    for passage in _read(folder / "pool-written.jsonl"):
        if passage["id"] in coded["adjudicated"]:
            rows.append({"id": passage["id"], "kind": "written", "text": passage["text"]})
    for row in rows:
        pid = row["id"]
        row.update(
            coder1=coded["coder1"].get(pid),
            coder2=coded["coder2"].get(pid),
            themes=coded["adjudicated"][pid],
            decided_by=decided.get(pid),
        )
    return rows, agreement(coded["coder1"], coded["coder2"], theme_ids)


def write_labels(rows: list[dict[str, Any]], report: dict[str, Any] | None) -> None:
    LABELS_DIR.mkdir(parents=True, exist_ok=True)
    tmp = LABELS_FILE.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(LABELS_FILE)
    if report is not None:
        AGREEMENT_FILE.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def recode(
    rows: list[dict[str, Any]], folder: Path, scope: Sequence[str], codebook: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows with the themes in `scope` replaced by the adjudicated recode in `folder`
    (coderA.jsonl, coderB.jsonl, adjudicated.jsonl), and the recode coders' agreement."""
    known = set(load_taxonomy().ids)
    unknown = set(scope) - known
    if unknown:
        raise ValueError(f"recode scope has unknown themes {sorted(unknown)}")
    allowed = set(scope)
    coded = {
        name: _by_id(_read(folder / f"{name}.jsonl"), folder / f"{name}.jsonl", allowed)
        for name in ("coderA", "coderB", "adjudicated")
    }
    decided = {str(r["id"]): r.get("decided") for r in _read(folder / "adjudicated.jsonl")}
    missing = [r["id"] for r in rows if r["id"] not in coded["adjudicated"]]
    if missing:
        raise ValueError(
            f"{folder}: no adjudicated recode for {len(missing)} passages, e.g. {missing[:3]}"
        )
    out = []
    for row in rows:
        pid = row["id"]
        kept = [t for t in row.get("themes") or [] if t not in allowed]
        out.append(
            {
                **row,
                "first_themes": row.get("first_themes", row.get("themes") or []),
                "themes": sorted(set(kept) | set(coded["adjudicated"][pid])),
                "recode": {
                    "codebook": codebook,
                    "themes": sorted(allowed),
                    "coderA": coded["coderA"].get(pid),
                    "coderB": coded["coderB"].get(pid),
                    "decided_by": decided.get(pid),
                },
            }
        )
    report = agreement(coded["coderA"], coded["coderB"], sorted(allowed))
    return out, {"codebook": codebook, **report}


@dataclass
class Skipped:
    id: str
    reason: str


def load_examples(
    path: Path = LABELS_FILE, coding: str = TRAINING_CODING
) -> tuple[list[Example], list[Skipped]]:
    """Training examples of the stored labels (their `coding`, else their `themes`); document
    passages are re-read from their files (at their offsets, or wherever the parser now puts
    the same text) and skipped (with the reason) when the file changed or the text is no
    longer found. A bad line is a BadJsonLines naming the file and the line."""
    rows = _label_rows(path)
    examples: list[Example] = []
    skipped: list[Skipped] = []
    docs: dict[str, ParsedDocument | None] = {}
    moved: dict[str, dict[str, str]] = {}
    for row in rows:
        themes = tuple(row.get(coding, row.get("themes")) or [])
        if row["kind"] == "written":
            group = f"written:{row['id']}"  # each written passage stands alone
            examples.append(Example(row["id"], row["text"], themes, group, "written"))
            continue
        name = row["file"]
        if name not in docs:
            docs[name] = _document(name, row["file_sha256"])
        doc = docs[name]
        if doc is None:
            skipped.append(Skipped(row["id"], f"{name}: missing or changed file"))
            continue
        passage = doc.text[row["char_start"] : row["char_end"]]
        if text_hash(passage) != row["text_sha256"]:
            # The parser may have moved the passage: the same text (same hash) still counts.
            if name not in moved:
                moved[name] = {text_hash(p.text): p.text for p in doc.passages}
            found = moved[name].get(row["text_sha256"])
            if found is None:
                skipped.append(
                    Skipped(row["id"], f"{name}: the parser now cuts the text otherwise")
                )
                continue
            passage = found
        examples.append(Example(row["id"], passage, themes, name, "docs"))
    return examples, skipped


def _document(name: str, sha256: str) -> ParsedDocument | None:
    try:
        path = source_path(name)
    except FileNotFoundError:
        return None
    if content_hash(path.read_bytes()) != sha256:
        return None
    return parse(path)


def dev_examples(path: Path) -> list[Example]:
    """The dev gold as examples grouped by their source document; a bad line is a
    BadJsonLines naming the file and the line."""
    return [
        Example(
            str(r["id"]),
            r["text"],
            tuple(r.get("themes") or []),
            str(r.get("source") or r["id"]),  # without a source, each passage stands alone
            "dev",
        )
        for r in _read(path, DEV_NEEDS)
    ]


USAGE = (
    "usage: python -m ingest.themes.labels import LABELLING_DIR\n"
    "       python -m ingest.themes.labels recode RECODE_DIR THEME [THEME ...]"
)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "recode":
        folder = Path(argv[1])
        rows, report = recode(_read(LABELS_FILE), folder, argv[2:], codebook=folder.name)
        write_labels(rows, None)
        RECODE_AGREEMENT_FILE.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"{len(rows)} passages recoded for {len(argv) - 2} themes -> {LABELS_FILE}")
        print(f"recode pooled kappa {report['pooled_kappa']}, micro-F1 {report['micro_f1']}")
        return 0
    if len(argv) != 2 or argv[0] != "import":
        print(USAGE, file=sys.stderr)
        return 2
    rows, report = import_labels(Path(argv[1]))
    write_labels(rows, report)
    print(f"{len(rows)} labelled passages -> {LABELS_FILE}")
    print(f"pooled kappa {report['pooled_kappa']}, micro-F1 {report['micro_f1']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
