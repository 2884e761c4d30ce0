"""CSV exports cannot carry a spreadsheet formula (issue 14)."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from graph.csv_cells import neutralise
from graph.export import to_csv
from graph.kuzu_store import KuzuStore
from search_app.app.charts import to_csv as chart_csv
from search_app.briefing import to_csv as quotes_csv

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_starts_become_text(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Child D", "", "1.5", 3, -2.5, None, "a=b"])
def test_everything_else_is_unchanged(value: object) -> None:
    assert neutralise(value) == value


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_app_and_quote_downloads_are_neutralised() -> None:
    rows = [{"theme": value, "reviews": 2} for value in FORMULAS]
    assert not [c for c in _cells(chart_csv(rows, ["theme", "reviews"])) if c[:1] in "=+-@\t\r"]
    quotes = [{"text": value, "title": "=cmd|' /C calc'!A0", "paragraph_numbers": []}
              for value in FORMULAS]  # fmt: skip
    assert not [c for c in _cells(quotes_csv(quotes)) if c[:1] in "=+-@\t\r" and c]


def test_graph_export_csv_is_neutralised(tmp_path: Path, reviews) -> None:
    document, enrichment = reviews[0]
    # a copy: the reviews fixture is shared by the whole session
    document = dataclasses.replace(document, file_name='=HYPERLINK("http://evil","open").pdf')
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        store.put(document, "v1", enrichment)
    to_csv(store, tmp_path / "out")
    cells = _cells((tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8"))
    assert "'" + document.file_name in cells
    assert not [c for c in cells if c[:1] in "=+-@\t\r" and c]
