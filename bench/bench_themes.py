"""Throughput of the learned theme classifier (the shipped model) with the real MiniLM
embedder on ~500 real passages.

Run: python bench/bench_themes.py [--limit 500] [--batch 256]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from ingest.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from ingest.themes.learned import default_learned_classifier  # noqa: E402


def seed_passages(target_words: int = 120) -> list[str]:
    """Paragraphs of the seed texts, packed to about target_words words each."""
    passages: list[str] = []
    for path in sorted((SHARED / "corpora" / "seeds").glob("*.txt")):
        current: list[str] = []
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            para = " ".join(para.split())
            if not para:
                continue
            current.append(para)
            if sum(len(p.split()) for p in current) >= target_words:
                passages.append(" ".join(current))
                current = []
        if current:
            passages.append(" ".join(current))
    return passages


def real_passages(limit: int) -> list[str]:
    """Distinct real passages: the dev pools first, then the seed texts."""
    texts: list[str] = []
    for name in ("themes.jsonl", "passages.jsonl"):
        path = SHARED / "eval" / "dev" / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    texts += seed_passages()
    return list(dict.fromkeys(texts))[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()

    texts = real_passages(args.limit)
    words = sum(len(t.split()) for t in texts)
    embedder = CachedEmbedder(SentenceTransformerEmbedder())
    classifier = default_learned_classifier(embedder)  # the shipped model, as enrichment uses

    started = time.perf_counter()
    classifier.prototypes()
    warm = time.perf_counter() - started
    embedded_before = embedder.misses

    started = time.perf_counter()
    carried = 0
    for i in range(0, len(texts), args.batch):
        carried += sum(len(r.themes) for r in classifier.classify(texts[i : i + args.batch]))
    elapsed = time.perf_counter() - started

    # Again with the passage vectors cached, as at re-ingest or once search has embedded them:
    # the classifier's own cost (sentences, cues, TF-IDF, heads, evidence).
    started = time.perf_counter()
    for i in range(0, len(texts), args.batch):
        classifier.classify(texts[i : i + args.batch])
    warm_elapsed = time.perf_counter() - started

    # The same texts through the bare model, to tell classifier overhead from model time
    # (the CPU is shared, so absolute speeds vary from run to run).
    started = time.perf_counter()
    embedder.inner.embed(texts)
    model_only = time.perf_counter() - started

    print(f"passages: {len(texts)}  words: {words}  (model load + prototypes {warm:.1f}s)")
    print(f"texts embedded: {embedder.misses - embedded_before}")
    print(f"model alone: {len(texts) / model_only:.1f} passages/s")
    print(
        f"elapsed: {elapsed:.1f}s  passages/s: {len(texts) / elapsed:.1f}  "
        f"words/s: {words / elapsed:.0f}  themes per passage: {carried / len(texts):.2f}"
    )
    print(f"vectors cached: {warm_elapsed:.1f}s  passages/s: {len(texts) / warm_elapsed:.1f}")


if __name__ == "__main__":
    main()
