"""Real documents from ../shared: every one ingests, and every passage is traceable to its pages.

Traceability is checked against an independent extractor (poppler's pdftotext), page by
page, so the test holds no text of these documents.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.limits import Limits
from ingest.pipeline import parse_document
from ingest.types import ParsedDocument
from tests.conftest import shared_path

pytestmark = pytest.mark.integration


def public_pdfs() -> list[Path]:
    found = sorted(shared_path("corpora", "public-pdfs").glob("*.pdf"))
    assert found, "no PDF in ../shared/corpora/public-pdfs"  # a loop over none proves nothing
    return found


def tuning_pdfs() -> list[Path]:
    """The public PDFs layout rules may be checked on: the London report is held apart."""
    return [pdf for pdf in public_pdfs() if not pdf.name.startswith("London-")]


@functools.cache
def parsed(pdf: Path) -> ParsedDocument:
    return parse_document(pdf, pdf.read_bytes())


def test_all_shared_documents_ingest_without_error(tmp_path: Path) -> None:
    folder = shared_path("corpora")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([folder], store, workers=2, limits=Limits())
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
    seeds = sorted(shared_path("corpora", "seeds").glob("*.txt"))
    assert seeds
    for seed in seeds:
        document = parse_document(seed, seed.read_bytes())
        assert document.passages, seed.name
        assert all(p.page_start == 1 for p in document.passages)  # a text file is one page


def _layout_pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines as poppler lays them out (an extractor of its own)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in out.split("\f")
    ]


def _contents_pages(pdf: Path) -> set[int]:
    """Pages most of whose lines end in a page number, the numbers going up: contents."""
    found = set()
    for number, lines in enumerate(_layout_pages(pdf), start=1):
        ends = [int(m.group(1)) for line in lines if (m := re.search(r"\S\s+(\d{1,3})$", line))]
        if len(lines) >= 8 and len(ends) >= 0.6 * len(lines):
            rising = sum(b >= a for a, b in itertools.pairwise(ends))
            if rising >= 0.8 * (len(ends) - 1):
                found.add(number)
    return found


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_passage_comes_from_a_contents_page() -> None:
    checked = 0
    for pdf in tuning_pdfs():
        contents = _contents_pages(pdf)
        checked += len(contents)
        on_them = [p.page_start for p in parsed(pdf).passages if p.page_start in contents]
        assert on_them == [], pdf.name
    assert checked >= 5  # the shared PDFs have contents pages to check


# The share of poppler's words of each document (three letters or more, counted with their
# repeats) that its passages hold, measured when contents, tables, captions and dates were
# last changed, less a margin: a layout rule firing on body text drops a document below it.
# (_contents_pages above repeats the contents rule on poppler's text, so it cannot catch
# that rule firing where it should not; this can.)
BODY_WORDS_KEPT = {
    "CERAF-Guidance-2023": 0.914,
    "Dash-risk-checklist-quick-start-guidance": 0.804,
    "LSCP-Factsheet-substance-use-problems": 0.929,
    "Multi-Agency-Flowchart": 0.863,
    "NSCP-Thresholds-Guidance-review-FINAL-11-4-2022": 0.864,
    "West_Northamptonshire_Focused_visit_of_local_authority_childrens_services_Apr25": 0.961,
    "Working_together_to_safeguard_children_2023_-_statutory_guidance": 0.858,
    "iro_statutory_guidance_iros_and_las_march_2010_tagged": 0.905,
    "missing-protocol-v3.2-Nov22-2": 0.951,
}
MARGIN = 0.02


def _words(text: str) -> Counter[str]:
    text = text.lower().replace("\ufb01", "fi").replace("\ufb02", "fl")
    return Counter(re.findall(r"[a-z]{3,}", text))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_passages_keep_the_body_text() -> None:
    assert {pdf.stem for pdf in tuning_pdfs()} == set(BODY_WORDS_KEPT)
    for pdf in tuning_pdfs():
        poppler = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        expected = _words(poppler)
        kept = _words(" ".join(passage.text for passage in parsed(pdf).passages))
        share = sum((expected & kept).values()) / sum(expected.values())
        assert share >= BODY_WORDS_KEPT[pdf.stem] - MARGIN, (pdf.name, round(share, 3))


_BARE_DATE = re.compile(r"^(?:\d{1,2} )?[A-Z][a-z]+ \d{4}$")
_CAPTION = re.compile(r"^(?:Table|Figure|Chart|Diagram|Flow chart) \d")


def test_no_section_is_a_date_or_a_caption() -> None:
    for pdf in tuning_pdfs():
        for passage in parsed(pdf).passages:
            section = (passage.section or "").strip()
            assert not _BARE_DATE.match(section), (pdf.name, section)
            assert not _CAPTION.match(section), (pdf.name, section)


def test_footnote_markers_are_not_run_into_years() -> None:
    """A marker set small and raised after a year ('2004' and '2') is no part of it."""
    for pdf in tuning_pdfs():
        for passage in parsed(pdf).passages:
            assert not re.search(r"\b(?:19|20)\d\d\d{1,2}\b", passage.text), pdf.name


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_paragraphs_numbered_through_a_document_are_cited_by_number() -> None:
    documents = 0
    for pdf in tuning_pdfs():
        starts = [
            int(m.group(1))
            for lines in _layout_pages(pdf)
            for line in lines
            if (m := re.match(r"(\d{1,3})\.\s+[A-Z]", line))
        ]
        run, longest = 0, 0
        expected = 1
        for number in starts:  # the run 1, 2, 3 … read in order
            if number == expected:
                run, expected = run + 1, expected + 1
            longest = max(longest, run)
        if longest < 100:
            continue
        documents += 1
        cited = {n for p in parsed(pdf).passages for n in p.paragraph_numbers}
        assert len(cited & {str(n) for n in range(1, longest + 1)}) >= 0.95 * longest, pdf.name
    assert documents >= 1
