"""The demo corpus against its ground-truth sidecars: metadata, pages, no running text."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest import ocr
from ingest.groundtruth import check_document, load_truth
from ingest.pipeline import parse_document
from ingest.types import ParsedDocument

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"
PDFS = sorted(DEMO.glob("*.pdf"))

pytestmark = pytest.mark.integration


@functools.cache
def parsed(pdf: Path) -> ParsedDocument:
    return parse_document(pdf, pdf.read_bytes())


def test_corpus_matches_the_brief() -> None:
    truths = [load_truth(pdf) for pdf in PDFS]
    assert len(PDFS) >= 12 and all(truths)
    years = {int(t["metadata"]["publication_date"][:4]) for t in truths if t}
    assert min(years) <= 2012 and max(years) >= 2025
    assert len({t["metadata"]["review_type"] for t in truths if t}) >= 6
    for pdf in PDFS:
        pages = len(PdfReader(pdf).pages)
        assert 4 <= pages <= 10, pdf.name
        assert "FICTIONAL" in (PdfReader(pdf).pages[0].extract_text() or "").upper(), pdf.name
    features = [f for t in truths if t for f in t["features"]]
    assert any(f.startswith("two_column_page") for f in features)
    assert any(f.startswith("scanned_page") for f in features)
    assert {"footnotes", "table", "numbered_paragraphs", "running_header"} <= set(features)


@pytest.mark.parametrize("pdf", PDFS, ids=[pdf.stem for pdf in PDFS])
def test_stated_metadata_is_extracted_with_its_page(pdf: Path) -> None:
    check = check_document(parsed(pdf), load_truth(pdf) or {})
    wrong = [(f.field, f.expected, f.found) for f in check.fields if not f.correct]
    assert not wrong
    for item in check.fields:
        if item.expected and item.expected_page and item.field != "title":
            assert item.found_page == item.expected_page, item.field


@pytest.mark.parametrize("pdf", PDFS, ids=[pdf.stem for pdf in PDFS])
def test_sentences_are_found_on_their_pages(pdf: Path) -> None:
    truth = load_truth(pdf) or {}
    scanned = {int(f.split(":")[1]) for f in truth["features"] if f.startswith("scanned_page")}
    if scanned and not ocr.available():
        pytest.skip("tesseract is not installed: the scanned page cannot be read")
    check = check_document(parsed(pdf), truth)
    assert check.misplaced == []
    assert check.sentences_on_page == check.sentences > 0
    assert sorted(parsed(pdf).ocr_pages) == sorted(scanned)


@pytest.mark.parametrize("pdf", PDFS, ids=[pdf.stem for pdf in PDFS])
def test_no_running_text_page_numbers_or_footnotes_in_passages(pdf: Path) -> None:
    document = parsed(pdf)
    truth = load_truth(pdf) or {}
    assert check_document(document, truth).leaks == []
    header, footer = truth["running_header"], truth["running_footer"]
    for passage in document.passages:
        assert header not in passage.text and footer not in passage.text
        assert not passage.text.rstrip().endswith(
            f"Page {passage.page_end} of {truth['page_count']}"
        )


@pytest.mark.parametrize("pdf", PDFS, ids=[pdf.stem for pdf in PDFS])
def test_numbered_paragraphs_keep_number_and_page(pdf: Path) -> None:
    document = parsed(pdf)
    expected = (load_truth(pdf) or {}).get("paragraph_numbers", [])
    found = {
        (block.paragraph_number, block.page_start)
        for block in document.blocks
        if block.paragraph_number
    }
    missing = [(p["num"], p["page"]) for p in expected if (p["num"], p["page"]) not in found]
    assert len(missing) <= len(expected) * 0.02, missing  # numbers in scanned pages may be misread
    cited = {n for passage in document.passages for n in passage.paragraph_numbers}
    assert {p["num"] for p in expected} - cited <= {n for n, _ in missing}


@pytest.mark.parametrize("pdf", PDFS, ids=[pdf.stem for pdf in PDFS])
def test_tables_are_kept_out_of_passages_and_their_captions_are_no_sections(pdf: Path) -> None:
    document = parsed(pdf)
    tables = [t for t in (load_truth(pdf) or {}).get("table_cells", []) if not t["scanned"]]
    captions = {t["caption"] for t in tables}
    cells = [
        cell for t in tables for row in t["rows"][1:] for cell in row if len(cell.split()) >= 4
    ]
    for passage in document.passages:
        assert passage.section not in captions, passage.section
        assert not [cell for cell in cells if cell in passage.text], passage.text[:80]


def test_passages_are_sized_for_quoting() -> None:
    sizes = [p.word_count for pdf in PDFS for p in parsed(pdf).passages]
    assert max(sizes) <= 250
    in_range = sum(40 <= size <= 250 for size in sizes) / len(sizes)
    assert in_range >= 0.8, f"only {in_range:.0%} of passages have 40-250 words"
