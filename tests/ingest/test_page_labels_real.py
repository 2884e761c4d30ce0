"""Printed page numbers read from real public PDFs in ../shared, checked by eye against
`pdftotext -layout -f N -l N` of each page."""

from __future__ import annotations

import functools

from ingest.pipeline import ParseOptions, parse_document
from ingest.types import ParsedDocument
from tests.conftest import shared_path


@functools.cache
def parsed(name: str) -> ParsedDocument:
    path = shared_path("corpora", "public-pdfs", name)
    return parse_document(path, path.read_bytes(), ParseOptions(ocr="off"))


def test_a_handbook_numbered_from_the_page_after_its_cover() -> None:
    # 'N IRO Handbook' heads the even pages and the long running title, ending in N, the odd
    labels = parsed("iro_statutory_guidance_iros_and_las_march_2010_tagged.pdf").page_labels
    assert labels[3] == "2"
    assert labels[50] == "49"
    assert labels[51] == "50"
    assert 1 not in labels  # the cover
    assert 74 not in labels  # the back cover, after the last numbered page
    assert len(labels) == 72


def test_guidance_numbered_only_in_its_appendix_pages() -> None:
    labels = parsed("NSCP-Thresholds-Guidance-review-FINAL-11-4-2022.pdf").page_labels
    assert labels == {page: str(page) for page in range(18, 23)}


def test_a_report_that_prints_no_page_numbers_gets_no_labels() -> None:
    assert parsed("London-Rapid-Reviews-Analysis-Report.pdf").page_labels == {}
