"""Run by test_concurrency.py: hold the writer and put reviews one by one, slowly."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph.kuzu_store import KuzuStore
from ingest.pipeline import parse_document
from tests.conftest import REVIEWS, enricher

folder, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
enrich = enricher()
store = KuzuStore(data_dir)
with store.writer():
    for round_number in range(4):
        for name in REVIEWS:
            document = parse_document(folder / name, (folder / name).read_bytes())
            store.put(document, f"v{round_number}", enrich(document))
            time.sleep(0.2)
    print("writer done", flush=True)
