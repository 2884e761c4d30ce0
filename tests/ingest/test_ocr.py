"""OCR lines from tesseract's word table (tesseract itself is faked: its output is data)."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from PIL import Image

from ingest import ocr


def _words(rows: list[tuple[str, float, int]]) -> dict[str, list[Any]]:
    """tesseract's image_to_data table for words (text, confidence, line number)."""
    n = len(rows)
    return {
        "text": [text for text, _, _ in rows],
        "conf": [conf for _, conf, _ in rows],
        "block_num": [1] * n,
        "par_num": [1] * n,
        "line_num": [line for _, _, line in rows],
        "top": [10 * line for _, _, line in rows],
        "height": [8] * n,
    }


def test_specks_on_a_scan_are_dropped_but_real_short_words_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = _words(
        [
            ("The", 95, 1),
            ("visit", 94, 1),
            ("was", 96, 1),
            ("-", 18, 1),
            ("cancelled.", 93, 1),
            (";", 48, 1),
            ("A", 93, 2),
            ("nurse", 95, 2),
            ("saw", 96, 2),
            ("J", 96, 2),
            ("on", 97, 2),
            ("day", 95, 2),
            ("3", 55, 2),
            ("-", 87, 2),
            ("alone.", 92, 2),
            ("i", 34, 2),
        ]
    )
    fake = types.SimpleNamespace(
        image_to_data=lambda *args, **kwargs: table, Output=types.SimpleNamespace(DICT="dict")
    )
    monkeypatch.setitem(sys.modules, "pytesseract", fake)
    lines = ocr.image_lines(Image.new("L", (100, 100)), page_height=842)
    assert [line.text for line in lines] == [
        "The visit was cancelled.",
        "A nurse saw J on day 3 - alone.",
    ]


def test_ocr_switched_off_is_passed_down_to_the_pdf_reader(
    make_pdf: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings.ocr reaches the reader through ParseOptions; the environment is not read."""
    from ingest.pdf import read_pdf
    from ingest.pipeline import ParseOptions

    monkeypatch.setattr(ocr, "_installed", lambda: True)
    monkeypatch.setenv("CASEGRAPH_OCR", "off")  # not read here: only Settings reads it
    path = make_pdf("blank.pdf", [[]], numbered=False)
    data = path.read_bytes()
    [page] = read_pdf(path, data, 10, ParseOptions().ocr)
    assert page.problem == "no text layer and no image to OCR"
    [page] = read_pdf(path, data, 10, ParseOptions(ocr="off").ocr)
    assert page.problem == "no text layer and OCR is unavailable"
