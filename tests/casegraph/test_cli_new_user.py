"""What a new user met on the command line: a mistyped --data-dir is an error rather than a
new empty store; --k and --limit are honoured or the cut is said; two compared periods share
no year and an empty one is said; a kind left out of statistics is named; counts agree with
their nouns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import search_app.search as search_module
from casegraph.cli import main
from tests.conftest import REVIEWS

ENV = {"CASEGRAPH_EMBEDDER": "fake"}
VISITS = 30  # passages of the long review, each naming the father


def long_review() -> str:
    """One review of many short findings, each about a home visit and the father."""
    findings = [
        f"Finding {n}. On home visit {n} the family support worker noted that the father was "
        f"in the flat on day {n}; no one spoke with him about where the baby slept or about "
        f"what help he needed as a carer during week {n} of the plan."
        for n in range(VISITS)
    ]
    return (
        "Serious Case Review: Child Q\n\nHartwell Safeguarding Children Partnership. "
        "Published 2018.\n\nFindings\n\n" + "\n\n".join(findings) + "\n"
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reviews")
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    (folder / "child-q.txt").write_text(long_review())
    return folder


@pytest.fixture(scope="module")
def store(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("store") / "data"
    code, output = run("ingest", str(folder), "--data-dir", str(data))
    assert code == 0, output
    return data


def test_read_commands_on_a_missing_store_say_so_and_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped"
    for command in (
        ["search", "fathers"],
        ["reviews"],
        ["similar", "child-a"],
        ["show", "child-a"],
        ["passages", "--theme", "hidden_men"],
        ["trends"],
        ["cooccur"],
        ["compare", "--first", "2012-2015", "--second", "2016-2020"],
    ):
        code, output = run(*command, "--data-dir", str(missing))
        assert code == 1, (command, output)
        assert output.strip() == f"Error: no store at {missing}: run `casegraph ingest` first"
        assert not missing.exists(), command


def test_ingest_creates_the_store_and_counts_agree_with_their_nouns(tmp_path: Path) -> None:
    one = tmp_path / "one"
    one.mkdir()
    (one / "child-b.txt").write_text(REVIEWS["child-b.txt"])
    code, output = run("ingest", str(one), "--data-dir", str(tmp_path / "new"))
    assert code == 0, output
    assert "(1 page, " in output and "1 new review, 0 replaced" in output
    assert "0 citation links" in output
    code, output = run("reviews", "--data-dir", str(tmp_path / "new"))
    assert code == 0 and "1 page, " in output, output


def test_search_returns_as_many_as_asked_beyond_the_usual_depth(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "CANDIDATES", 5)  # a store far larger than the depth
    code, output = run(
        "search", "father", "--k", "100", "--mode", "keyword", "--json", "--data-dir", str(store)
    )
    assert code == 0, output
    assert output.count('"passage_id"') >= VISITS
    code, output = run(
        "search", "father", "--k", "3", "--mode", "keyword", "--data-dir", str(store)
    )
    assert code == 0 and "3. " in output and "4. " not in output


def test_a_list_cut_at_its_limit_says_how_many_there_are(store: Path) -> None:
    code, everything = run(
        "passages", "--theme", "hidden_men", "--limit", "1000", "--data-dir", str(store)
    )
    assert code == 0, everything
    total = sum(1 for line in everything.splitlines() if re.match(r"\d+\. ", line))
    assert total >= 2, everything
    assert "Showing" not in everything
    code, output = run(
        "passages", "--theme", "hidden_men", "--limit", "1", "--data-dir", str(store)
    )
    assert code == 0, output
    assert f"Showing 1 of {total} passages" in output


def test_compared_periods_share_no_year(store: Path) -> None:
    code, output = run(
        "compare", "--first", "2012-2020", "--second", "2015-2025", "--data-dir", str(store)
    )
    assert code == 2, output
    assert "overlap (2015-2020)" in output
    assert "--first 2012-2014 --second 2015-2025" in output


def test_a_period_without_reviews_is_said_rather_than_compared(store: Path) -> None:
    for output_format in ([], ["--json"]):
        code, output = run(
            "compare",
            "--first",
            "1990-1995",
            "--second",
            "2016-2022",
            *output_format,
            "--data-dir",
            str(store),
        )
        assert code == 1, output
        assert "no reviews were published in 1990-1995 (--first)" in output
        assert "p_value" not in output
    code, output = run(
        "compare",
        "--first",
        "2016-2022",
        "--second",
        "2024",
        "--type",
        "serious_case_review",
        "--data-dir",
        str(store),
    )
    assert code == 1 and "no reviews that pass these filters were published in 2024" in output


def test_a_kind_left_out_of_statistics_is_named_when_asked_for(store: Path) -> None:
    code, output = run("trends", "--type", "guidance", "--data-dir", str(store))
    assert code == 0, output
    assert output.startswith("No rows.") and "--all-kinds" in output
    code, output = run(
        "trends",
        "--type",
        "rapid_review",
        "--year-from",
        "1990",
        "--year-to",
        "1991",
        "--data-dir",
        str(store),
    )
    assert code == 0 and output.strip() == "No rows.", output


def test_a_period_empty_of_a_kind_left_out_by_default_says_how_to_count_it(store: Path) -> None:
    code, output = run(
        "compare", "--first", "2012-2015", "--second", "2016-2022",
        "--type", "guidance", "--data-dir", str(store),
    )  # fmt: skip
    assert code == 1, output
    assert "--all-kinds" in output
