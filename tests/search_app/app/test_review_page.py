"""The Review page: details with their pages, themes with quotes, agencies and roles,
recommendations, neighbours and the neighbourhood graph.

The shared store holds Baby M (a demo PDF with six recommendations, 7.1 to 7.6) and the short
text reviews Child A, Child B and Child C; Child C names Child B, so the two are linked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from graph import kuzu_queries as q
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.themes import load_taxonomy
from tests.conftest import enricher
from tests.search_app.app.conftest import RunPage, texts

PAGE = "pages/4_Review.py"
BABY_M = "Serious Case Review: Baby M"
ELMBRIDGE_VALE = "Elmbridge Vale Local Safeguarding Children Board"
GRAPH = "Neighbourhood graph"


def review_id(data: Path, title: str) -> str:
    return next(r["review_id"] for r in KuzuStore(data).reviews() if r["title"] == title)


def graph_nodes(at: AppTest) -> list[dict[str, Any]]:
    """The nodes of the neighbourhood graph, as the chart received them."""
    for node in at.get("vega_lite_chart"):
        if json.loads(node.proto.spec).get("description", "").startswith(GRAPH):
            frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in node.proto.datasets]
            return [row for frame in frames if "kind" in frame and "label" in frame
                    for row in frame.to_dict("records")]  # fmt: skip
    raise AssertionError("no neighbourhood graph")


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="cg-card"' in m.value]


def test_a_linked_review_shows_everything(run_page: RunPage, app_data: Path) -> None:
    baby_m = review_id(app_data, BABY_M)
    at = run_page(PAGE, app_data, review=baby_m)
    assert not at.exception
    assert at.selectbox(key="review_choice").value == baby_m
    assert at.header[0].value == BABY_M
    shown = texts(at)

    # The details, each with the page it came from.
    details = next(m.value for m in at.markdown if 'class="cg-details"' in m.value)
    page_one = '</td><td class="cg-page"><span class="cg-page-chip">p. 1</span>'
    assert f"{ELMBRIDGE_VALE}{page_one}" in details
    assert "Martin Seagrave" in details and "7 weeks" in details

    # Themes, each with its strongest quotes cited to page and section.
    themes = [expander.label for expander in at.expander]
    assert any(label.startswith("**Domestic abuse**") for label in themes)
    quotes = [c for c in cards(at) if "Section:" in c]
    cited = f"— {BABY_M}, {ELMBRIDGE_VALE}, 2012, p"  # "p. 4" or "pp. 7-8"
    assert quotes and all(cited in c for c in quotes)

    # Agencies and roles, recommendations.
    assert "Agencies named" in shown and "Roles named" in shown
    recommendations = [c for c in cards(at) if "<strong>7." in c]
    assert len(recommendations) == 6
    assert "<strong>7.1</strong> The LSCB should require" in recommendations[0]
    assert f"— {BABY_M}, p. 8" in recommendations[0]
    assert [m.value for m in at.metric if m.label == "Recommendations"] == ["6"]

    # The neighbourhood graph, and similar reviews beside it.
    nodes = graph_nodes(at)
    kinds = {node["kind"] for node in nodes}
    assert {"review", "theme", "agency", "role", "similar"} <= kinds
    assert next(n for n in nodes if n["kind"] == "review")["name"] == BABY_M
    assert "Similar reviews" in shown
    assert at.query_params["review"] in (baby_m, [baby_m])  # the address names the review


def test_picking_a_review_shows_its_citations(run_page: RunPage, app_data: Path) -> None:
    child_c = review_id(app_data, "Rapid Review: Child C")
    child_b = review_id(app_data, "Serious Case Review: Child B")
    at = run_page(PAGE, app_data)
    at.selectbox(key="review_choice").set_value(child_c).run()
    assert not at.exception
    assert at.header[0].value == "Rapid Review: Child C"
    assert "**Serious Case Review: Child B**" in texts(at)  # under "Cites"
    related = [n for n in graph_nodes(at) if n["kind"] == "related"]
    assert [n["id"] for n in related] == [child_b]
    assert "No recommendations were found" in texts(at)

    # "Open review" on the cited review opens it, and it shows who cites it.
    next(b for b in at.button if b.key == f"Cites_{child_b}").click().run()
    assert not at.exception
    assert at.header[0].value == "Serious Case Review: Child B"
    assert "Cited by" in texts(at)


def test_without_a_link_it_opens_the_latest_review(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    assert at.header[0].value == "Rapid Review: Child C"  # published 2022, the latest


def test_an_unknown_id_in_a_link_says_so_and_shows_no_other_review(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(PAGE, app_data, review="no-such-review")
    assert not at.exception
    assert "no review with the id “no-such-review”" in at.error[0].value
    assert not at.header  # no other review in its place
    assert at.selectbox(key="review_choice").value is None
    child_b = review_id(app_data, "Serious Case Review: Child B")
    at.selectbox(key="review_choice").set_value(child_b).run()  # choosing one still works
    assert not at.exception and not at.error
    assert at.header[0].value == "Serious Case Review: Child B"


def test_a_link_naming_no_review_says_so(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data, review="")
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("The link names no review")
    assert "Library" in error.value
    assert not at.header  # no review in its place
    assert at.selectbox(key="review_choice").value is None


def test_similar_reviews_say_their_similarity_as_a_percentage(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(PAGE, app_data, review=review_id(app_data, BABY_M))
    assert not at.exception
    said = [m.value for m in at.markdown if ":gray[similarity" in m.value]
    assert said and all(re.search(r":gray\[similarity \d{1,3}%", m) for m in said), said
    similar = [n["detail"] for n in graph_nodes(at) if n["kind"] == "similar"]
    assert similar and all(re.fullmatch(r"Similar \(similarity \d{1,3}%\)", d) for d in similar)


def test_a_passage_can_be_added_to_the_briefing(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    first = next(b for b in at.button if b.key and b.key.startswith("add_text_"))
    first.click().run()
    assert not at.exception
    [quote] = KuzuStore(data_copy).quotes("My briefing")
    assert quote["passage_id"] == first.key.removeprefix("add_text_")
    assert quote["title"] == BABY_M and quote["year"] == 2012
    assert any(b.key == f"in_text_{quote['passage_id']}" for b in at.button)


def test_find_in_the_full_text(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data, review=review_id(app_data, BABY_M))
    at.text_input(key="review_find").set_value("ambulance").run()
    assert not at.exception
    assert "passages contain “ambulance”" in texts(at)
    assert any("<mark>ambulance</mark>" in c for c in cards(at))


def test_empty_store_says_how_to_ingest(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page(PAGE, tmp_path / "empty")
    assert not at.exception
    assert "casegraph ingest" in texts(at)
    assert not at.selectbox


# A one-passage note whose only paragraph tells of neglect and of school: enriched, its passage
# carries themes.
SHORT_NOTE = """Rapid Review: Child Q

The home was neglected and dirty, the child was often hungry and unwashed, and the school
recorded many absences from education over the term without asking the family why.
"""


def short_note_store(tmp_path: Path, enrich: bool) -> tuple[Path, str]:
    source = tmp_path / "child_q.txt"
    source.write_text(SHORT_NOTE, encoding="utf-8")
    data = tmp_path / "data"
    store = KuzuStore(data)
    with store.writer():
        ingest_paths([source], store, enricher=enricher() if enrich else None)
        [row] = store.reviews()
        # Whatever the review's own words name, take its review-level themes away: the page
        # must then tell an enriched review from one that was never enriched.
        store.query(q.DELETE_REVIEW_THEMES, {"id": row["review_id"]}, write=True)
    return data, row["review_id"]


def test_an_enriched_review_without_review_themes_lists_its_passage_themes(
    run_page: RunPage, tmp_path: Path
) -> None:
    data, rid = short_note_store(tmp_path, enrich=True)
    document = KuzuStore(data).document(rid)
    assert document is not None and not document["review_themes"]
    tagged = {t["theme"] for p in document["passages"] for t in p["themes"]}
    assert tagged  # the passage carries themes; the review carries none
    at = run_page(PAGE, data, review=rid)
    assert not at.exception
    shown = texts(at)
    assert "without enrichment" not in shown
    assert "no theme carries the review as a whole" in shown
    labels = {theme.id: theme.label for theme in load_taxonomy().themes}
    assert all(labels[theme] in shown for theme in tagged)


def test_a_review_ingested_without_enrichment_says_so(run_page: RunPage, tmp_path: Path) -> None:
    data, rid = short_note_store(tmp_path, enrich=False)
    at = run_page(PAGE, data, review=rid)
    assert not at.exception
    shown = texts(at)
    assert "ingested without enrichment" in shown
    assert "carries the review as a whole" not in shown
