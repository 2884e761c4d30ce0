"""Real documents from ../shared: every one ingests, and every passage is traceable to its pages.

Traceability is checked against an independent extractor (poppler's pdftotext), page by
page, so the test holds no text of these documents.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.pipeline import parse_document
from ingest.types import ParsedDocument
from tests.conftest import shared_path

pytestmark = pytest.mark.integration


def public_pdfs() -> list[Path]:
    return sorted(shared_path("corpora", "public-pdfs").glob("*.pdf"))


@functools.cache
def parsed(pdf: Path) -> ParsedDocument:
    return parse_document(pdf, pdf.read_bytes())


def test_all_shared_documents_ingest_without_error(tmp_path: Path) -> None:
    folder = shared_path("corpora")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([folder], store, workers=2)
    assert report.count("failed") == 0, [f for f in report.files if f.status == "failed"]
    assert report.count("ingested") == 15  # 10 public PDFs and 5 seed texts
    for result in report.files:
        assert result.passages > 0, result.path
        assert result.unreadable_pages == [], result.path
    with store.writer():
        again = ingest_paths([folder], store)
    assert again.count("skipped") == 15 and again.count("ingested") == 0


def _trigrams(text: str) -> set[tuple[str, ...]]:
    text = text.lower().replace("\ufb01", "fi").replace("\ufb02", "fl")
    words = re.findall(r"[a-z0-9]+", re.sub(r"-\s*\n\s*", "", text))
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_passages_are_found_on_the_pages_they_cite() -> None:
    checked = traced = 0
    for pdf in public_pdfs():
        pages: dict[int, str] = {}

        def page_text(number: int, pdf: Path = pdf, pages: dict[int, str] = pages) -> str:
            if number not in pages:
                pages[number] = subprocess.run(
                    ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            return pages[number]

        for passage in parsed(pdf).passages:
            mine = _trigrams(passage.text)
            if not mine:
                continue
            cited = " ".join(page_text(n) for n in range(passage.page_start, passage.page_end + 1))
            checked += 1
            traced += len(mine & _trigrams(cited)) / len(mine) >= 0.8
    share = traced / checked
    print(f"\n{traced}/{checked} passages ({share:.1%}) found on the pages they cite")
    assert share >= 0.97


def test_passages_keep_within_sections_and_sizes() -> None:
    for pdf in public_pdfs():
        document = parsed(pdf)
        for passage in document.passages:
            assert passage.word_count <= 250, pdf.name
            assert 1 <= passage.page_start <= passage.page_end <= document.page_count
            assert document.text[passage.char_start : passage.char_end] == passage.text


def test_seed_texts_parse_into_passages() -> None:
    for seed in sorted(shared_path("corpora", "seeds").glob("*.txt")):
        document = parse_document(seed, seed.read_bytes())
        assert document.passages, seed.name
        assert all(p.page_start == 1 for p in document.passages)  # a text file is one page
