from pathlib import Path

import numpy as np

from graph.kuzu_store import KuzuStore
from ingest.batch import PARSE_VERSION, ingest_paths
from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.enrich import (
    Enricher,
    PassageEnrichment,
    aggregate_themes,
    part_of_review,
    soft_scores,
)
from ingest.entities import EntityExtractor
from ingest.pipeline import parse_document
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.themes.review_level import Naming, named_in_document

REVIEW = """Local Child Safeguarding Practice Review: Child D

Background

Child D was four months old when she died in March 2020 after co-sleeping with her
father on a sofa. Both parents smoked cannabis daily, and the health visitor knew this.

Analysis

The police had attended the home twice for domestic abuse but did not share this with
the health visitor or the GP. There was no evidence of neglect in the home.

Recommendations

Health visitors should ask fathers directly about their cannabis use and safer sleep.
"""


def enricher(cache: Path | None = None, version: str = "test-1") -> Enricher:
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    themes = ThemeClassifier(load_taxonomy(), embedder)
    return Enricher(themes, EntityExtractor(use_ner=False), embedder, version)


def parsed(tmp_path: Path):
    path = tmp_path / "child-d.txt"
    path.write_text(REVIEW)
    return parse_document(path, path.read_bytes())


def test_enrichment_tags_passages_and_aggregates_the_review(tmp_path: Path) -> None:
    document = parsed(tmp_path)
    enrichment = enricher()(document)
    assert enrichment.embeddings.shape == (len(document.passages), 384)
    assert np.allclose(np.linalg.norm(enrichment.embeddings, axis=1), 1.0, atol=1e-5)
    by_id = {p.id: p for p in document.passages}
    for passage in enrichment.passages:
        text = by_id[passage.passage_id].text
        for spans in passage.evidence.values():
            for span in spans:
                assert text[span["start"] : span["end"]] == span["text"]
    carried = {t.theme: t for t in enrichment.review_themes}
    assert {"cannabis", "substance_misuse", "sudi_unsafe_sleep", "domestic_abuse"} <= set(carried)
    assert "neglect" not in carried  # "no evidence of neglect"
    assert set(carried["cannabis"].where) <= {"background", "recommendations", "analysis"}
    assert carried["cannabis"].strongest[0]["page_start"] == 1
    agencies = {m.id for p in enrichment.passages for m in p.mentions if m.kind == "agency"}
    assert {"police", "health_visiting", "gp"} <= agencies


def test_part_of_review_from_headings() -> None:
    assert part_of_review("6. Recommendations") == "recommendations"
    assert part_of_review("Key practice episode 2: the birth") == "practice"
    assert part_of_review("5. Analysis") == "analysis"
    assert part_of_review("Appendix B") == "other"


def test_reingest_never_reembeds_and_a_new_version_reenriches(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "child-d.txt").write_text(REVIEW)
    store = KuzuStore(tmp_path / "data")
    first = enricher(store.embedding_cache)
    with store.writer():
        ingest_paths([source], store, enricher=first)
    assert first.embedder.misses > 0  # type: ignore[attr-defined]

    second = enricher(store.embedding_cache, version="test-2")  # e.g. a new taxonomy
    with store.writer():
        report = ingest_paths([source], store, enricher=second)
    assert report.count("ingested") == 1  # re-enriched under the new version...
    assert second.embedder.misses == 0  # type: ignore[attr-defined]  # ...from cached vectors
    assert report.files[0].reason == f"replaced version {PARSE_VERSION}+test-1"
    stored = store.document(report.files[0].review_id or "")
    assert stored is not None and stored["review_themes"]
    assert any(passage["themes"] for passage in stored["passages"])


def test_theme_confidences_are_kept_and_a_parent_is_as_sure_as_its_child() -> None:
    taxonomy = load_taxonomy()
    child = next(t.id for t in taxonomy.themes if taxonomy.ancestors(t.id))
    parent = taxonomy.ancestors(child)[0]
    kept = soft_scores({child: 0.83, parent: 0.2, "not_a_theme": 0.6, "other": 0.01})
    assert kept[child] == 0.83 and kept[parent] == 0.83
    assert kept["not_a_theme"] == 0.6  # kept as given, with no parents to lift
    assert "other" not in kept  # too unsure to store


def test_a_theme_the_review_only_names_is_quoted_where_it_is_named(tmp_path: Path) -> None:
    document = parsed(tmp_path)
    untagged = [PassageEnrichment(p.id, [], {}, {}, []) for p in document.passages]
    contents_entry = Naming(
        "neglect", {"heading": 1}, "4. Neglect of the baby's needs", 2, "heading"
    )
    [theme] = aggregate_themes(document.passages, untagged, {"neglect": contents_entry})
    assert (theme.theme, theme.passages) == ("neglect", 0)
    [quote] = theme.strongest  # traceable to where the review names it, not to a passage
    assert quote["quote"] == "4. Neglect of the baby's needs"
    assert (quote["page_start"], quote["passage_id"]) == (2, None)
    assert theme.where == {"headings or contents": 1}


def test_the_naming_of_a_theme_keeps_its_page(tmp_path: Path) -> None:
    named = named_in_document(load_taxonomy(), parsed(tmp_path))
    assert named["cannabis"].page == 1 and "cannabis" in named["cannabis"].quote
