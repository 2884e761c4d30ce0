"""The search commands of issue 13: evaluation with a judged pool, theme passages, exports."""

import json
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import main
from graph.csv_cells import PROVENANCE_ROWS
from tests.conftest import REVIEWS


def _store(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "reviews"
    folder.mkdir()
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    env = {"CASEGRAPH_DATA_DIR": str(tmp_path / "store"), "CASEGRAPH_EMBEDDER": "fake"}
    assert CliRunner().invoke(main, ["ingest", str(folder)], env=env).exit_code == 0
    return env


def test_eval_search_reports_three_modes_and_the_unjudged_share(tmp_path: Path) -> None:
    env = _store(tmp_path)
    gold = tmp_path / "gold"
    gold.mkdir()
    passage = "Both parents smoked cannabis daily."
    (gold / "passages.jsonl").write_text(json.dumps({"id": "g1", "text": passage}) + "\n")
    query = {"qid": "q1", "query": "parents smoking cannabis", "relevant": {"g1": 2}}
    (gold / "queries.jsonl").write_text(json.dumps(query) + "\n")
    runner = CliRunner()
    pool = tmp_path / "pool.json"
    args = ["eval", "search", "--gold", str(gold / "queries.jsonl"), "--pool", str(pool)]
    assert runner.invoke(main, [*args, "--record-pool"], env=env).exit_code == 0
    result = runner.invoke(main, [*args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"hybrid", "keyword", "dense"}
    assert all(row["unjudged_share"] == 0.0 for row in report.values())  # all were pooled
    assert all("ndcg@10_judged_only" in row for row in report.values())
    table = runner.invoke(main, args, env=env)
    assert table.exit_code == 0 and "judged only" in table.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    refused = runner.invoke(main, [*args[:-1], str(bad)], env=env)
    assert refused.exit_code != 0 and "bad.json" in refused.output


def test_eval_search_says_what_its_last_column_counts(tmp_path: Path) -> None:
    env = _store(tmp_path)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "passages.jsonl").write_text(json.dumps({"id": "g1", "text": "Made up."}) + "\n")
    query = {"qid": "q1", "query": "parents smoking cannabis", "relevant": {"g1": 2}}
    (gold / "queries.jsonl").write_text(json.dumps(query) + "\n")
    args = ["eval", "search", "--gold", str(gold / "queries.jsonl"), "--k", "5"]
    table = CliRunner().invoke(main, args, env=env)
    assert table.exit_code == 0, table.output
    header, *lines = table.stdout.splitlines()
    assert header.rstrip().endswith("no gold match")
    [said] = [line for line in lines if line.startswith("no gold match: ")]
    assert "the share of the top 5 results" in said and "gold passages" in said
    pool = tmp_path / "pool.json"
    pooled = [*args, "--pool", str(pool)]
    assert CliRunner().invoke(main, [*pooled, "--record-pool"], env=env).exit_code == 0
    judged = CliRunner().invoke(main, pooled, env=env).stdout.splitlines()
    assert [line for line in judged if line.startswith("unjudged: the share of the top 5")]


def test_theme_passages_and_exports(tmp_path: Path) -> None:
    env = _store(tmp_path)
    runner = CliRunner()
    shown = runner.invoke(main, ["passages", "--theme", "cannabis"], env=env)
    assert shown.exit_code == 0 and "Child A" in shown.stdout and "strength" in shown.stdout
    out = tmp_path / "cannabis.md"
    saved = runner.invoke(
        main, ["passages", "--theme", "cannabis", "--format", "md", "--output", str(out)], env=env
    )
    assert saved.exit_code == 0 and "Child A" in out.read_text()
    csv_out = tmp_path / "search.csv"
    found = runner.invoke(
        main, ["search", "cannabis", "--format", "csv", "--output", str(csv_out)], env=env
    )
    header = csv_out.read_text().splitlines()[PROVENANCE_ROWS:]
    assert found.exit_code == 0 and "citation" in header[0]
    lonely = runner.invoke(main, ["passages", "--theme", "cannabis", "--format", "md"], env=env)
    assert lonely.exit_code != 0
