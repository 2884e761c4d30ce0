"""Shared fixtures: tiny real PDFs built with reportlab, small parsed and enriched reviews
(with the fast fakes), and paths to the shared corpora."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.enrich import Enricher, Enrichment
from ingest.entities import EntityExtractor
from ingest.pipeline import parse_document
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.types import ParsedDocument

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEGRAPH_SHARED", REPO.parent / "shared"))
DEMO = REPO / "corpora" / "demo"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared corpora sit beside the repo in CI")
    return path


MakePdf = Callable[..., Path]


@pytest.fixture
def make_pdf(tmp_path: Path) -> MakePdf:
    """Write a small PDF: each page a list of body lines, with optional running lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    def build(
        name: str,
        pages: list[list[str]],
        header: str | None = None,
        footer: str | None = None,
        numbered: bool = True,
        title: str | None = None,
    ) -> Path:
        path = tmp_path / name
        pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        width, height = A4
        for number, lines in enumerate(pages, start=1):
            if header:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(60, height - 40, header)
            if footer or numbered:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(60, 30, footer or "")
                if numbered:
                    pdf.drawRightString(width - 60, 30, f"Page {number} of {len(pages)}")
            y = height - 90
            if title and number == 1:
                pdf.setFont("Helvetica-Bold", 20)
                pdf.drawString(60, y, title)
                y -= 40
            pdf.setFont("Helvetica", 10)
            for line in lines:
                if line.startswith("# "):
                    pdf.setFont("Helvetica-Bold", 13)
                    y -= 6
                    pdf.drawString(60, y, line[2:])
                    pdf.setFont("Helvetica", 10)
                    y -= 20
                elif line == "":
                    y -= 8
                else:
                    pdf.drawString(60, y, line)
                    y -= 14
            pdf.showPage()
        pdf.save()
        return path

    return build


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


# -- a real Neo4j server (tests/neo4j_server), once per session ------------------------------


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The Bolt URI of a Neo4j 5.26 Community server started for this session, or of the one
    CASEGRAPH_TEST_NEO4J_URI names. In CI (CI=true) a server that cannot start fails the
    tests that need it; elsewhere they skip with the reason."""
    external = os.environ.get("CASEGRAPH_TEST_NEO4J_URI")
    if external:
        yield external
        return
    from tests.neo4j_server import server

    try:
        running = server.start()
    except server.ServerFailed as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the Neo4j test server: {error}")
        pytest.skip(str(error))
    report = request.config.pluginmanager.get_plugin("terminalreporter")
    started = f"Neo4j test server {running.uri}: started in {running.started_in:.1f} s"
    try:
        yield running.uri
        if report is not None:
            report.write_line(f"{started}, {running.rss_mb():.0f} MB resident at the end")
    finally:
        running.stop()


@pytest.fixture
def neo4j_uri(neo4j_server: str) -> str:
    """The test server's URI, its database emptied (indexes and constraints stay)."""
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_server
