"""`make bench`: throughput of the stages that exist, printed as numbers.

Parsing: pages and passages per second over the demo corpus and, when present,
the shared public PDFs and seed texts (../shared/corpora).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.pipeline import parse_document  # noqa: E402

SHARED = Path(os.environ.get("CASEGRAPH_SHARED", REPO.parent / "shared"))


def bench_parse(label: str, files: list[Path]) -> None:
    if not files:
        print(f"parse {label:14} skipped: no files")
        return
    pages = passages = 0
    started = time.perf_counter()
    for path in files:
        document = parse_document(path, path.read_bytes())
        pages += document.page_count
        passages += len(document.passages)
    seconds = time.perf_counter() - started
    print(
        f"parse {label:14} {len(files):4} files {pages:5} pages {passages:6} passages "
        f"{seconds:7.1f} s  {pages / seconds:7.1f} pages/s  {passages / seconds:7.1f} passages/s"
    )


def main() -> None:
    demo = sorted((REPO / "corpora" / "demo").glob("*.pdf"))
    public = sorted((SHARED / "corpora" / "public-pdfs").glob("*.pdf"))
    seeds = sorted((SHARED / "corpora" / "seeds").glob("*.txt"))
    bench_parse("demo corpus", demo)
    bench_parse("public PDFs", public)
    bench_parse("seed texts", seeds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB (one process; `casegraph ingest --workers N` uses N)")


if __name__ == "__main__":
    main()
