"""`casegraph themes correct --withdraw THEME` takes a person's correction back: the machine's
label applies again (in search too), the history keeps the correction and its withdrawal, and
a passage that is not stored or has no such correction is said in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from casegraph.cli import main
from graph.corrections import implied_by
from ingest.themes import load_taxonomy

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def run(data: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--data-dir", str(data)], env=ENV)


def found(data: Path, pid: str) -> dict[str, Any]:
    hits = json.loads(run(data, "search", "cannabis", "--k", "20", "--json").stdout)
    [hit] = [h for h in hits if h["passage_id"] == pid]
    return dict(hit)


def one_line(result: Result) -> str:
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    [line] = result.output.strip().splitlines()
    return line


def test_a_withdrawn_rejection_gives_the_theme_back_and_stays_in_the_history(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    assert run(data, "ingest", str(review_folder)).exit_code == 0
    [hit] = json.loads(run(data, "search", "cannabis", "--k", "1", "--json").stdout)
    pid, carried = hit["passage_id"], set(hit["themes"])
    taxonomy = load_taxonomy()
    ancestors = {t: taxonomy.ancestors(t) for t in taxonomy.ids}
    theme = next(t for t in sorted(carried) if not implied_by(t, carried, ancestors))

    rejected = run(data, "themes", "correct", pid, "--reject", theme, "--by", "Ana")
    assert rejected.exit_code == 0, rejected.output
    assert theme not in found(data, pid)["themes"]
    withdrawn = run(data, "themes", "correct", pid, "--withdraw", theme, "--by", "Bea")
    assert withdrawn.exit_code == 0, withdrawn.output
    assert withdrawn.output.strip() == (
        f"{pid}: withdrew the correction of {theme} (by Bea); the machine's label applies "
        "again: the passage carries it."
    )
    assert set(found(data, pid)["themes"]) == carried  # the search index follows

    history = json.loads(run(data, "themes", "history", pid, "--json").stdout)
    assert [(h["action"], h["who"], h["in_force"]) for h in history] == [
        ("withdraw", "Bea", False),
        ("reject", "Ana", False),
    ]
    shown = run(data, "themes", "history", pid).output.splitlines()
    assert shown[0].endswith(f"{pid}  withdraw {theme}  by Bea")
    assert shown[1].endswith(f"{pid}  reject {theme}  by Ana, withdrawn")

    again = run(data, "themes", "correct", pid, "--withdraw", theme)
    assert one_line(again) == f"Error: passage {pid} has no correction of {theme} to withdraw"


def test_a_withdrawn_addition_takes_the_theme_away_again(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    assert run(data, "ingest", str(review_folder)).exit_code == 0
    [hit] = json.loads(run(data, "search", "cannabis", "--k", "1", "--json").stdout)
    pid = hit["passage_id"]
    assert run(data, "themes", "correct", pid, "--add", "covid_19").exit_code == 0
    assert "covid_19" in found(data, pid)["themes"]
    withdrawn = run(data, "themes", "correct", pid, "--withdraw", "covid_19")
    assert withdrawn.exit_code == 0, withdrawn.output
    assert withdrawn.output.strip().endswith("the passage does not carry it.")
    assert set(found(data, pid)["themes"]) == set(hit["themes"])
    assert json.loads(run(data, "themes", "agreement", "--json").stdout)["passages"] == 0


def test_an_unknown_passage_or_two_actions_at_once_are_one_line(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    assert run(data, "ingest", str(review_folder)).exit_code == 0
    unknown = run(data, "themes", "correct", "no-such-passage", "--withdraw", "covid_19")
    assert one_line(unknown) == "Error: no passage no-such-passage in the store"
    both = run(data, "themes", "correct", "p", "--add", "covid_19", "--withdraw", "covid_19")
    assert both.exit_code == 2 and "--add or --withdraw THEME" in both.output


def test_withdrawing_an_addition_takes_back_the_broader_theme_it_brought(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    assert run(data, "ingest", str(review_folder)).exit_code == 0
    hits = json.loads(run(data, "search", "child", "--k", "50", "--json").stdout)
    free = next(h for h in hits if not {"cannabis", "substance_misuse"} & set(h["themes"]))
    pid = free["passage_id"]
    added = run(data, "themes", "correct", pid, "--add", "cannabis", "--by", "Ana")
    assert added.exit_code == 0, added.output
    withdrawn = run(data, "themes", "correct", pid, "--withdraw", "cannabis", "--by", "Bea")
    assert withdrawn.exit_code == 0, withdrawn.output
    history = json.loads(run(data, "themes", "history", pid, "--json").stdout)
    assert not any(h["in_force"] for h in history)  # substance misuse went with cannabis
    assert {h["theme"] for h in history if h["action"] == "withdraw"} == {
        "cannabis",
        "substance_misuse",
    }
