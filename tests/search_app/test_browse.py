import csv
import io
from pathlib import Path

from docx import Document

from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from search_app.browse import export, theme_passages


def test_a_theme_s_passages_strongest_first_and_filtered(store: KuzuStore) -> None:
    found = theme_passages(store, ["cannabis"])
    assert found and all("cannabis" in r.themes for r in found)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    assert theme_passages(store, ["cannabis"], filters=SearchFilters(year_to=2010)) == []


def test_a_pair_of_themes_and_a_theme_with_an_agency(store: KuzuStore) -> None:
    pair = theme_passages(store, ["cannabis", "sudi_unsafe_sleep"])
    assert pair and all({"cannabis", "sudi_unsafe_sleep"} <= set(r.themes) for r in pair)
    assert theme_passages(store, ["cannabis"], agency="probation") == []


def test_exports_carry_full_citations(store: KuzuStore, tmp_path: Path) -> None:
    found = theme_passages(store, ["cannabis"])
    rows = list(csv.DictReader(io.StringIO(export(found, "csv", "Cannabis").decode())))
    assert rows[0]["citation"] == found[0].citation()
    assert found[0].citation() in export(found, "md", "Cannabis").decode()
    path = tmp_path / "out.docx"
    path.write_bytes(export(found, "docx", "Cannabis"))
    assert found[0].citation() in [p.text for p in Document(str(path)).paragraphs]
