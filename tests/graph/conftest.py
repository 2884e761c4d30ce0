"""Small real reviews, parsed and enriched with the fast fakes, for the graph tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.enrich import Enricher, Enrichment
from ingest.entities import EntityExtractor
from ingest.pipeline import parse_document
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.types import ParsedDocument

REVIEWS = {
    "child-a.txt": """Local Child Safeguarding Practice Review: Child A

Northmoor Safeguarding Children Partnership. Published March 2020.

Background

Child A was three months old when she died in 2019 after co-sleeping on a sofa with her
father. Both parents smoked cannabis daily. The mother's partner was never seen by the health
visitor, and the police did not share what they knew about him with health services.
""",
    "child-b.txt": """Serious Case Review: Child B

Elmbridge Safeguarding Children Board. Published June 2016.

Background

Child B was two years old when he was seriously injured in 2015. The father was not known to
children's social care; nobody asked about the men in the household. Information held by the
GP was not shared with the social worker.
""",
    "child-c.txt": """Rapid Review: Child C

Kelsham Safeguarding Children Partnership. Published May 2022.

Background

Child C was fifteen years old when she was seriously harmed in 2021. She had been going missing
and was criminally exploited through county lines. Her school raised concerns with the police.
This review draws on Serious Case Review: Child B (Elmbridge, 2016).
""",
}


def enricher() -> Enricher:
    embedder = CachedEmbedder(FakeEmbedder())
    themes = ThemeClassifier(load_taxonomy(), embedder)
    return Enricher(themes, EntityExtractor(use_ner=False), embedder, "test")


@pytest.fixture(scope="session")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[ParsedDocument, Enrichment]]:
    folder = tmp_path_factory.mktemp("reviews")
    enrich = enricher()
    parsed = []
    for name, text in REVIEWS.items():
        path = folder / name
        path.write_text(text)
        document = parse_document(path, path.read_bytes())
        parsed.append((document, enrich(document)))
    return parsed


@pytest.fixture
def review_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reviews"
    folder.mkdir()
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    return folder
