"""The demo corpus and ../shared/corpora in the Kùzu graph: `casegraph cooccur --json`
agrees with theme counts taken straight from the enrichment, without the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from graph.analytics import OTHER_KINDS
from graph.kuzu_store import KuzuStore
from ingest.batch import discover
from ingest.pipeline import parse_document
from tests.conftest import DEMO, enricher, shared_path

pytestmark = pytest.mark.integration


def test_cooccurrence_of_hidden_men_matches_the_enrichment(tmp_path: Path) -> None:
    files = list(discover([DEMO, shared_path("corpora")]))
    enrich = enricher()
    store = KuzuStore(tmp_path / "data")
    themes_of: dict[str, set[str]] = {}
    guidance: set[str] = set()
    with store.writer():
        for path in files:
            document = parse_document(path, path.read_bytes())
            enrichment = enrich(document)
            store.put(document, "test", enrichment)
            themes_of[document.review_id] = {t.theme for t in enrichment.review_themes}
            if document.metadata.value("review_type") in OTHER_KINDS:
                guidance.add(document.review_id)
    assert len(themes_of) == 29  # 14 demo reviews, 10 public PDFs, 5 seed texts
    for review_id in guidance:  # review statistics count case reviews only by default
        themes_of.pop(review_id)

    result = CliRunner().invoke(main, ["cooccur", "--json", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    pairs = {(p["a"], p["b"]): p for p in json.loads(result.stdout)}
    for a, b in (("hidden_men", "information_sharing"), ("cannabis", "hidden_men")):
        expected = sum(1 for themes in themes_of.values() if {a, b} <= themes)
        assert expected > 0
        assert pairs[(a, b)]["reviews"] == expected
        print(f"{a} + {b}: {expected} reviews, lift {pairs[(a, b)]['lift']}")
