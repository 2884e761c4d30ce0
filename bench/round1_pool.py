"""Rebuild the judged pool of the dev queries: what the round-1 system returned in its top 10
in each mode, the passages the pooled judgements covered (../shared/eval/README.md). Feed the
result to `casegraph eval search --pool` to count unjudged results.

Round 1 is commit be66416 (the last before `eval search --pool` came in); its CLI has no
`--record-pool`, so this script drives its searcher directly:

    git archive be66416 | tar -x -C /tmp/round1
    cd /tmp/round1 && PYTHONPATH=$PWD python3 -c "from casegraph.cli import main; main()" \\
        ingest --data-dir /tmp/store-r1 corpora/demo ../shared/corpora/public-pdfs \\
        ../shared/corpora/seeds
    cd /tmp/round1 && PYTHONPATH=$PWD python3 /path/to/bench/round1_pool.py \\
        --gold ../shared/eval/dev/queries.jsonl --data-dir /tmp/store-r1 --out pool.json

Checked in December 2026: the round-1 system scores 0.621 / 0.486 / 0.462 (hybrid, keyword,
dense nDCG@10), as recorded, and the current system's unjudged shares against this pool
(12.9%, 7.6%, 9.5%) are the ones the README gives.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    from casegraph.cli_search import searcher  # the round-1 tree's, from PYTHONPATH

    queries = [json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()]
    engine = searcher(args.data_dir)
    pool: dict[str, list[str]] = {}
    for query in queries:
        texts = pool.setdefault(query["qid"], [])
        for mode in ("hybrid", "keyword", "dense"):
            for result in engine.search(query["query"], args.k, mode):
                if result.text not in texts:
                    texts.append(result.text)
    args.out.write_text(json.dumps(pool), encoding="utf-8")
    print(f"Wrote {sum(len(t) for t in pool.values())} texts for {len(pool)} queries to {args.out}")


if __name__ == "__main__":
    main()
