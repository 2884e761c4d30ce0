"""`make bench`: throughput of each stage, printed as numbers.

Parsing: pages and passages per second over the demo corpus and, when present,
the shared public PDFs and seed texts (../shared/corpora).
Enrichment: passages and words per second for embeddings (MiniLM, cold cache),
themes (cold, and with the passage vectors already cached as at re-ingest or when
search has embedded them), and entities (rules alone, and with spaCy's NER), over
the passages parsed above.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from ingest.entities import EntityExtractor  # noqa: E402
from ingest.pipeline import parse_document  # noqa: E402
from ingest.themes import ThemeClassifier, load_taxonomy  # noqa: E402
from ingest.themes.learned import default_learned_classifier  # noqa: E402

SHARED = Path(os.environ.get("CASEGRAPH_SHARED", REPO.parent / "shared"))


def bench_parse(label: str, files: list[Path]) -> list[str]:
    if not files:
        print(f"parse {label:14} skipped: no files")
        return []
    texts: list[str] = []
    pages = passages = 0
    started = time.perf_counter()
    for path in files:
        document = parse_document(path, path.read_bytes())
        pages += document.page_count
        passages += len(document.passages)
        texts += [passage.text for passage in document.passages]
    seconds = time.perf_counter() - started
    print(
        f"parse {label:14} {len(files):4} files {pages:5} pages {passages:6} passages "
        f"{seconds:7.1f} s  {pages / seconds:7.1f} pages/s  {passages / seconds:7.1f} passages/s"
    )
    return texts


def timed(label: str, texts: list[str], run: Callable[[list[str]], object]) -> None:
    started = time.perf_counter()
    run(texts)
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    print(
        f"{label:34} {len(texts):5} passages {seconds:7.1f} s "
        f"{len(texts) / seconds:8.1f} passages/s {words / seconds:9.0f} words/s"
    )


def bench_enrichment(texts: list[str]) -> None:
    embedder = CachedEmbedder(SentenceTransformerEmbedder())
    embedder.inner.embed(texts[:8])  # load the model outside the timings
    timed("embeddings (MiniLM, cold cache)", texts, embedder.embed)
    themes = ThemeClassifier(load_taxonomy(), embedder)
    themes.prototypes()
    timed("themes, cue rules (vectors cached)", texts, themes.classify)
    learned = default_learned_classifier(embedder)
    learned.prototypes()
    timed("themes, learned model (vectors cached)", texts, learned.classify)
    cold = CachedEmbedder(SentenceTransformerEmbedder())
    cold_themes = default_learned_classifier(cold)
    cold_themes.prototypes()
    timed("themes, learned model (cold: embeds)", texts, cold_themes.classify)
    rules = EntityExtractor(use_ner=False)
    rules(texts[0])
    timed("entities (catalogue and patterns)", texts, lambda t: list(rules.pipe(t)))
    ner = EntityExtractor(use_ner=True)
    ner(texts[0])
    timed("entities (with spaCy NER)", texts, lambda t: list(ner.pipe(t)))


def main() -> None:
    demo = sorted((REPO / "corpora" / "demo").glob("*.pdf"))
    public = sorted((SHARED / "corpora" / "public-pdfs").glob("*.pdf"))
    seeds = sorted((SHARED / "corpora" / "seeds").glob("*.txt"))
    texts = bench_parse("demo corpus", demo)
    texts += bench_parse("public PDFs", public)
    texts += bench_parse("seed texts", seeds)
    limit = int(os.environ.get("BENCH_PASSAGES", "1000"))
    bench_enrichment(texts[:: max(1, len(texts) // limit)][:limit])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB (one process; `casegraph ingest --workers N` uses N)")


if __name__ == "__main__":
    main()
