"""The pool of document passages offered to the coders: our demo reviews and the public PDFs
outside the evaluation pool, parsed with the project's own pipeline.

Run `python -m ingest.themes.pool OUT.jsonl` to write it; each line names the file and the
character offsets of the passage in the parsed document text, so labels can be stored by
document and offsets (see ingest/themes/labels.py).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import parse_document
from ingest.themes.baseline import KeywordBaseline
from ingest.themes.taxonomy import load_taxonomy
from ingest.types import ParsedDocument, Passage

REPO = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO / "corpora" / "demo"
PUBLIC_DIR = REPO.parent / "shared" / "corpora" / "public-pdfs"
# The held-out gold is drawn from these: never labelled, never trained on.
EVALUATION_DOCUMENTS = frozenset({"London-Rapid-Reviews-Analysis-Report.pdf"})

MIN_WORDS = 30
PUBLIC_TARGET = 60
METHOD_PER_REVIEW = 1
GUIDANCE_IN_DEMO = 6
_METHOD = re.compile(
    r"introduc|method|terms of reference|review process|how the review|approach to|scope|legal|"
    r"reason|purpose|contents|acknowledg|glossary|reference",
    re.I,
)


@dataclass(frozen=True)
class PoolPassage:
    source: str
    text: str
    char_start: int
    char_end: int
    page_start: int
    page_end: int


def training_documents() -> list[Path]:
    """Every document the coders may label: demo PDFs and public PDFs outside the eval pool."""
    demo = sorted(DEMO_DIR.glob("*.pdf"))
    public = [p for p in sorted(PUBLIC_DIR.glob("*.pdf")) if p.name not in EVALUATION_DOCUMENTS]
    return demo + public


def parse(path: Path) -> ParsedDocument:
    if path.name in EVALUATION_DOCUMENTS:
        raise ValueError(f"{path.name} is in the evaluation pool and is never labelled")
    return parse_document(path, path.read_bytes())


def _entry(doc: ParsedDocument, passage: Passage) -> PoolPassage:
    assert doc.text[passage.char_start : passage.char_end] == passage.text
    return PoolPassage(
        doc.file_name,
        passage.text,
        passage.char_start,
        passage.char_end,
        passage.page_start,
        passage.page_end,
    )


def _spread(items: list[Passage], k: int) -> list[Passage]:
    """k items evenly spaced through the document (all of them when there are fewer)."""
    if k <= 0:
        return []
    if k >= len(items):
        return items
    step = len(items) / k
    return [items[int(step * i + step / 2)] for i in range(k)]


def demo_passages(doc: ParsedDocument) -> list[Passage]:
    """All substantive passages of a demo review, one or two method ones; a sample of guidance."""
    long = [p for p in doc.passages if p.word_count >= MIN_WORDS]
    if "guidance" in doc.file_name:
        return _spread(long, GUIDANCE_IN_DEMO)
    method = [p for p in long if _METHOD.search(p.section or "")]
    kept = {id(p) for p in _spread(method, METHOD_PER_REVIEW)}
    return [p for p in long if id(p) in kept or not _METHOD.search(p.section or "")]


def public_passages(docs: list[ParsedDocument], target: int = PUBLIC_TARGET) -> list[Passage]:
    """A sample stratified by document (square-root share, at least two each) and, within one,
    by whether a plain keyword matcher finds any theme (two thirds) or none (one third)."""
    baseline = KeywordBaseline(load_taxonomy())
    sizes = {d.file_name: len([p for p in d.passages if p.word_count >= MIN_WORDS]) for d in docs}
    weights = {name: n**0.5 for name, n in sizes.items()}
    total = sum(weights.values()) or 1.0
    chosen: list[Passage] = []
    for doc in docs:
        long = [p for p in doc.passages if p.word_count >= MIN_WORDS]
        share = max(2, round(target * weights[doc.file_name] / total))
        hits = baseline.classify([p.text for p in long])
        themed = [p for p, r in zip(long, hits, strict=True) if r.themes]
        plain = [p for p, r in zip(long, hits, strict=True) if not r.themes]
        k_plain = min(len(plain), share // 3)
        picked = _spread(themed, share - k_plain) + _spread(plain, k_plain)
        order = {id(p): i for i, p in enumerate(long)}
        chosen.extend(sorted(picked, key=lambda p: order[id(p)]))
    return chosen


def build_pool(paths: Iterable[Path]) -> list[PoolPassage]:
    demo: list[ParsedDocument] = []
    public: list[ParsedDocument] = []
    for path in paths:
        doc = parse(path)
        (demo if path.parent == DEMO_DIR else public).append(doc)
    out = [_entry(doc, p) for doc in demo for p in demo_passages(doc)]
    by_id = {p.id: doc for doc in public for p in doc.passages}
    out += [_entry(by_id[p.id], p) for p in public_passages(public)]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m ingest.themes.pool OUT.jsonl", file=sys.stderr)
        return 2
    pool = build_pool(training_documents())
    with open(argv[0], "w", encoding="utf-8") as handle:
        for i, p in enumerate(pool, 1):
            row = {"id": f"d{i:04d}", **p.__dict__}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(pool)} passages written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
