"""A theme a review carries because it names it (in its title, contents, summary or
findings) with no passage tagged with it: the Review page says where the review names it
instead of "0 passages", and the Themes page explains a pair count of 0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.kuzu_store import KuzuStore
from search_app.app import charts, shared
from tests.search_app.app.conftest import RunPage, texts
from tests.search_app.app.test_review_page import graph_nodes, review_id

CHILD_B, CHILD_C = "Serious Case Review: Child B", "Rapid Review: Child C"


def named_only(data: Path, title: str) -> list[dict[str, Any]]:
    document = KuzuStore(data).document(review_id(data, title))
    assert document is not None
    return [theme for theme in document["review_themes"] if not theme["passages"]]


def test_how_a_review_carries_a_theme() -> None:
    assert charts.theme_extent({"passages": 3, "parts": {"findings": 3}}) == "3 passages"
    assert charts.theme_extent({"passages": 1}) == "1 passage"
    named = {"passages": 0, "parts": {"summary": 1}}
    assert charts.theme_extent(named) == "named in the review's summary"
    assert charts.theme_extent({"passages": 0, "parts": {}}) == "named in the review"


def test_the_review_page_says_where_a_named_theme_is_named(
    run_page: RunPage, app_data: Path
) -> None:
    [named] = named_only(app_data, CHILD_B)  # the review names it; no passage is tagged
    label = shared.theme_label(named["theme"])
    at = run_page("pages/4_Review.py", app_data, review=review_id(app_data, CHILD_B))
    assert not at.exception
    labels = [expander.label for expander in at.expander]
    places = " and ".join(named["parts"])
    assert f"**{label}** · named in the review's {places}" in labels
    assert not [label for label in labels if label.endswith("· 0 passages")]
    shown = texts(at)
    assert "no passage is tagged with it" in shown  # in the theme's panel, for no quote
    assert "A theme without a bar is one the review names" in shown  # under the bars
    node = next(n for n in graph_nodes(at) if n["name"] == label)
    assert node["detail"].startswith("named in the review")  # not "0 passages"


def test_a_review_without_a_named_only_theme_says_nothing_of_it(
    run_page: RunPage, app_data: Path
) -> None:
    assert not named_only(app_data, CHILD_C)
    at = run_page("pages/4_Review.py", app_data, review=review_id(app_data, CHILD_C))
    assert not at.exception
    assert "A theme without a bar" not in texts(at)
    assert "no passage is tagged with it" not in texts(at)


def test_the_themes_page_explains_a_pair_with_no_passage(run_page: RunPage, app_data: Path) -> None:
    at = run_page("pages/3_Themes.py", app_data)
    assert not at.exception
    pairs = at.dataframe[0].value
    assert (pairs["Passages"] == 0).any()  # some pair of the table has no passage with both
    assert any(c.value.startswith("A 0 under Passages") for c in at.caption)


def test_a_review_of_a_pair_that_names_a_theme_says_so(run_page: RunPage, app_data: Path) -> None:
    [named] = named_only(app_data, "Local Child Safeguarding Practice Review: Child A")
    at = run_page("pages/3_Themes.py", app_data)
    at.selectbox(key="pair_a").set_value("hidden_men")
    at.selectbox(key="pair_b").set_value(named["theme"]).run()
    assert not at.exception
    counts = [m.proto.help for m in at.markdown if "with both" in m.value]
    label = shared.theme_label(named["theme"])
    assert f"{label} named in the review, with no passage tagged with it" in " ".join(counts)
    assert not [help for help in counts if "0 passages on" in help]
