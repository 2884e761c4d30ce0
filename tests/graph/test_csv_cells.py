"""CSV exports cannot carry a spreadsheet formula (issue 14)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from graph import statistics_csv
from graph.analytics import Filters
from graph.csv_cells import PROVENANCE_ROWS, comment_rows, csv_text, neutralise
from graph.export import to_csv
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from graph.statistics_csv import to_csv as chart_csv
from search_app.briefing import to_csv as quotes_csv
from search_app.browse import export
from search_app.search import SearchResult

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


# -- '#' rows and cells that pandas.read_csv(comment="#") reads as written ----------------------

# Written for these tests: filters and cells holding commas, quotes, line breaks and '#'.
AWKWARD = 'Hartwell, "North"\nand #2'


def test_every_comment_row_starts_with_a_hash_whatever_it_holds() -> None:
    rows = comment_rows(["filters: area Hartwell, Vale", 'query: "cannabis, father"', "a\nb"])
    assert rows.splitlines() == [
        "# filters: area Hartwell, Vale",
        "# query: 'cannabis, father'",
        "# a b",
    ]


def test_a_cell_holding_a_hash_is_quoted_and_read_back_whole() -> None:
    text = csv_text(["a", "b"], [{"a": "Child #2, aged 3", "b": "#1"}, {"a": "plain", "b": 2}])
    assert text.splitlines()[1] == '"Child #2, aged 3","#1"'
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert frame.to_dict("list") == {"a": ["Child #2, aged 3", "plain"], "b": ["#1", "2"]}


def _result(text: str) -> SearchResult:
    return SearchResult(
        passage_id="p1",
        review_id="r1",
        title="Review of Child #4, Hartwell",
        review_type="lcspr",
        year=2021,
        partnership='Hartwell "Vale", Partnership',
        page_start=3,
        page_end=3,
        paragraph_numbers=["2.1"],
        section="Findings",
        text=text,
        themes=["cannabis"],
        score=0.5,
    )


def _exports() -> dict[str, str]:
    """Every CSV export with `#` rows over it, its filters and cells made awkward."""
    when = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    found = [_result("The plan said #1: visit, then ask.")]
    chosen = SearchFilters(themes=("cannabis",), partnership=AWKWARD, year_from=2015)
    themed = Filters(year_from=2015, partnership=AWKWARD)
    pairs = [
        {"a": "cannabis", "b": "hidden_men", "reviews": 2, "passages": 1, "reviews_a": 2,
         "reviews_b": 3, "total_reviews": 4, "jaccard": 0.6667, "lift": 1.3333, "p_value": 0.5}
    ]  # fmt: skip
    trends = [{"year": 2021, "theme": "cannabis", "reviews": 2, "total_reviews": 4, "share": 0.5}]
    compared = {
        "first": {"years": [2012, 2016]},
        "second": {"years": [2017, 2022]},
        "themes": [
            {"theme": "cannabis", "reviews_first": 1, "total_first": 2, "share_first": 0.5,
             "reviews_second": 2, "total_second": 2, "share_second": 1.0, "difference": 0.5,
             "p_value": 0.4}
        ],
    }  # fmt: skip
    evidence = [{"review_id": "r1", "title": "Child #4, Hartwell", "text": "Seen #2, then #3."}]
    return {
        "search": export(found, "csv", 'Search: "father, cannabis" #2', chosen, now=when).decode(),
        "theme passages": export(
            found, "csv", "cannabis", chosen, "theme: cannabis", when
        ).decode(),
        "co-occurrence": statistics_csv.cooccurrence_csv(pairs, 1, themed, when),
        "trends": statistics_csv.with_provenance(
            statistics_csv.trends_csv(trends), "trends", themed, when
        ),
        "periods": statistics_csv.with_provenance(
            statistics_csv.comparison_csv(compared, "themes"), "compared", themed, when
        ),
        "pair passages": statistics_csv.with_provenance(
            statistics_csv.to_csv(evidence, ["review_id", "title", "text"]),
            "passages",
            themed,
            when,
        ),
    }


@pytest.mark.parametrize("name", list(_exports()))
def test_pandas_reads_every_csv_export_skipping_its_hash_rows(name: str) -> None:
    text = _exports()[name]
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) == PROVENANCE_ROWS and not text.startswith('"')
    assert text.splitlines()[:PROVENANCE_ROWS] == header  # the '#' rows come first, one a line
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert frame.equals(pd.read_csv(io.StringIO(text), skiprows=PROVENANCE_ROWS))
    if name in ("search", "theme passages"):
        assert frame.loc[0, "text"] == "The plan said #1: visit, then ask."
        assert frame.loc[0, "title"] == "Review of Child #4, Hartwell"
        assert frame.loc[0, "partnership"] == 'Hartwell "Vale", Partnership'
        assert frame.loc[0, "page_start"] == 3 and frame.loc[0, "themes"] == "cannabis"
    elif name == "co-occurrence":
        assert list(frame["b"]) == ["hidden_men"] and list(frame["lift"]) == [1.3333]
    elif name == "trends":
        assert frame.loc[0, "share"] == 0.5 and frame.loc[0, "theme"] == "cannabis"
    elif name == "periods":
        assert frame.loc[0, "second_years"] == "2017-2022" and frame.loc[0, "p_value"] == 0.4
    else:
        assert frame.to_dict("records") == [
            {"review_id": "r1", "title": "Child #4, Hartwell", "text": "Seen #2, then #3."}
        ]
