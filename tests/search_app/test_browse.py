import csv
import datetime as dt
import io
from pathlib import Path

from docx import Document

from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from search_app.browse import (
    carried,
    describe,
    export,
    export_name,
    export_title,
    recorded_filters,
    theme_passages,
)


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
    exported = export(found, "csv", "Cannabis").decode()
    rows = list(csv.DictReader(line for line in io.StringIO(exported) if line[0] != "#"))
    assert rows[0]["citation"] == found[0].citation()
    assert "cannabis" in rows[0]["themes"].split(";")
    assert found[0].citation() in export(found, "md", "Cannabis").decode()
    path = tmp_path / "out.docx"
    path.write_bytes(export(found, "docx", "Cannabis"))
    assert found[0].citation() in [p.text for p in Document(str(path)).paragraphs]


def test_a_csv_says_what_it_holds_its_filters_and_when(store: KuzuStore) -> None:
    found = theme_passages(store, ["cannabis"])
    filters = SearchFilters(themes=("cannabis",), year_from=2015, partnership="north")
    when = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)
    lines = export(found, "csv", "Cannabis", filters, now=when).decode().splitlines()
    assert lines[:3] == [
        "# casegraph: passages: Cannabis",
        "# filters: themes: cannabis; years 2015-any; partnership contains 'north'",
        "# exported: 2026-12-03 01:30 UTC",
    ]
    assert lines[3].startswith("position,text,")
    asked = export(found, "csv", "x", SearchFilters(), "search a\nb", when).decode()
    assert asked.startswith("# casegraph: search a b\n# filters: none\n")


def test_markdown_and_word_exports_say_what_they_hold_their_filters_and_when(
    store: KuzuStore, tmp_path: Path
) -> None:
    found = theme_passages(store, ["cannabis"])
    filters = SearchFilters(partnership="north_*")  # markup in a filter stays plain text
    when = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)
    markdown = export(found, "md", "Cannabis", filters, now=when).decode().splitlines()
    assert markdown[2:5] == [
        "*casegraph: passages: Cannabis*  ",
        "*filters: partnership contains 'north\\_\\*'*  ",
        "*exported: 2026-12-03 01:30 UTC*",
    ]
    path = tmp_path / "cannabis.docx"
    path.write_bytes(export(found, "docx", "Cannabis", filters, now=when))
    paragraphs = Document(str(path)).paragraphs
    assert [p.text for p in paragraphs[1:4]] == [
        "casegraph: passages: Cannabis",
        "filters: partnership contains 'north_*'",
        "exported: 2026-12-03 01:30 UTC",
    ]
    assert all(run.italic for p in paragraphs[1:4] for run in p.runs)


def test_filters_left_unsaid_are_not_called_none() -> None:
    assert describe(None) == "not recorded"
    assert describe(SearchFilters()) == "none"
    chosen = SearchFilters(agencies=("police",), outcomes=("died",), passage_kinds=("body",))
    assert describe(chosen) == "agencies: police; outcomes: died; passage kinds: body"


def test_a_csv_records_the_agency_chosen_and_the_kinds_left_out(store: KuzuStore) -> None:
    found = theme_passages(store, ["cannabis"], agency="police")
    chosen = recorded_filters(SearchFilters(year_from=2015), "police")
    exported = export(found, "csv", "Cannabis use (Police)", chosen, all_kinds=False).decode()
    filters = exported.splitlines()[1]  # a '#' row is written as it is, never quoted
    assert (
        filters
        == "# filters: agencies: police; years 2015-any; excluding: briefing, guidance, other"
    )
    assert recorded_filters(None, None) == SearchFilters()


def test_a_download_is_named_after_its_themes_and_agency() -> None:
    assert export_name(["hidden_men"], None, "csv") == "hidden_men.csv"
    pair = export_name(["hidden_men", "over_focus_on_mothers"], "police", "docx")
    assert pair == "hidden_men-over_focus_on_mothers-police.docx"


def test_an_export_is_titled_by_theme_labels_and_the_agency_as_people_write_it() -> None:
    labels = {"cannabis": "Cannabis", "hidden_men": "Hidden or unseen men"}.__getitem__
    assert export_title(["cannabis", "hidden_men"], None, labels) == (
        "Cannabis and Hidden or unseen men"
    )
    assert export_title(["cannabis"], "health_visiting", labels) == "Cannabis (Health visiting)"
    assert export_title(["cannabis"], "gp", labels) == "Cannabis (GP)"


def test_how_many_reviews_carry_a_theme_and_how_many_by_their_passages() -> None:
    def reviews(*tagged: int) -> list[dict[str, int]]:
        return [{"passages": n} for n in tagged]

    assert carried(reviews(3, 0, 1, 0)) == (
        "4 reviews carry this theme; 2 of them have passages tagged with it; the others carry "
        "it from their title, contents or summary"
    )
    assert (
        carried(reviews(2, 2))
        == "2 reviews carry this theme; all of them have passages tagged with it"
    )
    assert carried(reviews(0)) == (
        "1 review carries this theme; it has no passage tagged with it: it carries it from its "
        "title, contents or summary"
    )
    assert carried(reviews(1, 0), pair=True).endswith(
        "the other carries them in different passages or from its title, contents or summary"
    )
    assert carried([]) == "0 reviews carry this theme"
