"""End to end on Neo4j: `casegraph ingest` of the demo corpus and ../shared/corpora with
NEO4J_URI set, then the commands a user runs, each compared with the embedded store's
answer on the same documents (the fake embedder: the vectors are not the point here)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO, shared_path

pytestmark = [pytest.mark.integration, pytest.mark.neo4j]
Run = Callable[..., Any]
QUERIES = [
    "father smoked cannabis and police did not tell health",
    "safer sleep advice co-sleeping on a sofa",
    "the mother's new partner was never seen by professionals",
    "information was not shared between agencies",
    "child criminally exploited through county lines",
]


def runner(env: dict[str, str]) -> Run:
    def run(*args: str, expect: int = 0) -> Any:
        done = subprocess.run(
            ["casegraph", *args], env=env, capture_output=True, text=True, timeout=1800
        )
        assert done.returncode == expect, f"{args}: {done.stderr[-3000:]}"
        return json.loads(done.stdout) if "--json" in args else done.stdout + done.stderr

    return run


@pytest.fixture(scope="module")
def both(neo4j_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The same documents ingested into Kùzu and into the test Neo4j server."""
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    root = tmp_path_factory.mktemp("end-to-end")
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    base |= {"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_WORKERS": "2"}
    envs = {
        "kuzu": base | {"CASEGRAPH_DATA_DIR": str(root / "kuzu")},
        "neo4j": base
        | {
            "CASEGRAPH_DATA_DIR": str(root / "neo4j"),
            "NEO4J_URI": neo4j_server,
            "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": "",
        },
    }
    corpora = [str(DEMO), str(shared_path("corpora"))]
    runs = {name: runner(env) for name, env in envs.items()}
    for run in runs.values():
        report = run("ingest", *corpora, "--json")
        assert report["ingested"] == 29 and report["failed"] == 0, report
    return runs


def test_same_reviews_and_passages(both: dict[str, Run]) -> None:
    listed = {name: run("reviews", "--json") for name, run in both.items()}
    per_review = {
        name: {row["review_id"]: row["passages"] for row in rows} for name, rows in listed.items()
    }
    assert len(per_review["neo4j"]) == 29
    assert per_review["neo4j"] == per_review["kuzu"]
    count = "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage) RETURN count(p) AS n"
    stored = {name: run("cypher", count, "--json") for name, run in both.items()}
    assert stored["neo4j"] == stored["kuzu"] == [{"n": sum(per_review["kuzu"].values())}]
    print(f"29 reviews, {stored['neo4j'][0]['n']} passages on both backends")


def test_same_cooccurrence_trends_and_links(both: dict[str, Run]) -> None:
    pairs = {
        name: {(p["a"], p["b"]): p for p in run("cooccur", "--theme", "hidden_men", "--json")}
        for name, run in both.items()
    }
    for pair in (("hidden_men", "information_sharing"), ("cannabis", "hidden_men")):
        assert pairs["neo4j"][pair]["reviews"] > 0
        assert pairs["neo4j"][pair] == pairs["kuzu"][pair]
        print(f"{pair}: {pairs['neo4j'][pair]['reviews']} reviews on both")
    assert pairs["neo4j"] == pairs["kuzu"]
    for args in (["trends"], ["links", "--kind", "agency", "--theme", "cannabis"]):
        answers = [run(*args, "--json") for run in both.values()]
        assert answers[0] and answers[0] == answers[1]


def test_search_and_similar_cases(both: dict[str, Run]) -> None:
    overlaps = []
    for query in QUERIES:
        found = {
            name: [r["passage_id"] for r in run("search", query, "--k", "10", "--json")]
            for name, run in both.items()
        }
        assert len(found["neo4j"]) == 10
        overlaps.append(len(set(found["neo4j"]) & set(found["kuzu"])))
        dense = [
            [r["passage_id"] for r in run("search", query, "--mode", "dense", "--json")]
            for run in both.values()
        ]
        assert dense[0] == dense[1]  # the same vectors: the same nearest passages
    print(f"hybrid top-10 overlap Neo4j/Kùzu per query: {overlaps}")
    assert sum(overlaps) / len(overlaps) >= 6
    review = both["kuzu"]("reviews", "--json")[0]["review_id"]
    similar = [[c["review_id"] for c in run("similar", review, "--json")] for run in both.values()]
    assert similar[0] and similar[0] == similar[1]


def test_quotes_cypher_and_export(both: dict[str, Run], tmp_path: Path) -> None:
    run = both["neo4j"]
    [hit] = run("search", "cannabis", "--k", "1", "--json")
    run("quotes", "add", "Hidden men", hit["passage_id"], "--note", "for the briefing")
    [quote] = run("quotes", "list", "Hidden men", "--json")
    assert (quote["passage_id"], quote["note"]) == (hit["passage_id"], "for the briefing")
    run("quotes", "export", "Hidden men", "--format", "md", "--output", str(tmp_path / "q.md"))
    assert hit["text"][:40] in (tmp_path / "q.md").read_text()

    refused = run("cypher", "MATCH (r:Review) DETACH DELETE r", expect=1)
    assert "refused" in refused
    titles = run("cypher", "MATCH (r:Review) RETURN r.title AS title ORDER BY title", "--json")
    assert len(titles) == 29

    exported = [
        run("export", "--format", "graphml", "--output", str(tmp_path / f"{name}.graphml"))
        for name, run in both.items()
    ]
    assert exported[0].split(" to ")[0] == exported[1].split(" to ")[0], exported


def test_the_app_pages_on_neo4j(
    both: dict[str, Run], neo4j_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page of the app renders from the Neo4j store, and shows what is in it."""
    from streamlit.testing.v1 import AppTest

    from tests.search_app.app.conftest import APP, texts

    review = both["neo4j"]("reviews", "--json")[0]
    for name, value in {
        "NEO4J_URI": neo4j_server,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": "",
        "CASEGRAPH_DATA_DIR": str(tmp_path / "data"),
        "CASEGRAPH_EMBEDDER": "fake",
    }.items():
        monkeypatch.setenv(name, value)
    pages = {
        "Home.py": ({}, "Hidden or unseen men"),
        "pages/1_Search.py": ({"q": "hidden men"}, "cg-card"),
        "pages/2_Similar_cases.py": ({"review": review["review_id"]}, ""),
        "pages/3_Themes.py": ({}, ""),
        "pages/4_Review.py": ({"review": review["review_id"]}, str(review["title"])),
        "pages/5_Briefing_builder.py": ({}, ""),
        "pages/6_Library.py": ({}, ""),
    }
    for page, (query, expected) in pages.items():
        at = AppTest.from_file(str(APP / page), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])
        assert expected in texts(at) + "".join(m.value for m in at.markdown), page
        if page.endswith("Library.py"):  # the table of stored reviews
            cells = [str(cell) for df in at.dataframe for cell in df.value.to_numpy().ravel()]
            assert str(review["title"]) in cells
    home = AppTest.from_file(str(APP / "Home.py"), default_timeout=120).run()
    shown = {m.label: m.value for m in home.metric}  # case reviews, and the other documents
    assert int(shown["Reviews"]) + int(shown["Other documents"]) == 29
    assert shown["Reviews"] == "17"  # as the Themes page counts them
