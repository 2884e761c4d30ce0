"""`casegraph themes agreement` shows a score it cannot compute as "–" (null in --json), not
as 0.00, and gives no kappa over too few corrected passages, saying how many there are;
`themes correct` refuses to reject or accept a theme the passage does not carry, and to add
one it carries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from casegraph.cli import main
from search_app.coding import MIN_KAPPA_PASSAGES, kappa_withheld, machine_agreement

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def run(data: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--data-dir", str(data)], env=ENV)


def a_passage(data: Path, review_folder: Path) -> dict[str, Any]:
    assert run(data, "ingest", str(review_folder)).exit_code == 0
    [hit] = json.loads(run(data, "search", "cannabis", "--k", "1", "--json").stdout)
    return dict(hit)


def test_a_score_with_nothing_to_count_is_a_dash_not_zero(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    passage = a_passage(data, review_folder)
    added = run(data, "themes", "correct", passage["passage_id"], "--add", "covid_19")
    assert added.exit_code == 0, added.output
    report = json.loads(run(data, "themes", "agreement", "--json").stdout)
    covid = report["per_theme"]["covid_19"]
    assert covid["precision"] is None and covid["recall"] == 0.0  # the machine never gave it
    shown = run(data, "themes", "agreement").output
    [line] = [line for line in shown.splitlines() if line.strip().startswith("covid_19")]
    assert "P    –  R 0.00" in line and "0.00  R" not in line
    assert "1 corrected passage:" in shown


def test_no_kappa_is_given_over_a_single_passage(tmp_path: Path, review_folder: Path) -> None:
    data = tmp_path / "store"
    passage = a_passage(data, review_folder)
    added = run(data, "themes", "correct", passage["passage_id"], "--add", "covid_19")
    assert added.exit_code == 0, added.output
    report = json.loads(run(data, "themes", "agreement", "--json").stdout)
    assert report["small_sample"] is True and report["pooled_kappa"] is None
    assert all(row["kappa"] is None for row in report["per_theme"].values())
    shown = run(data, "themes", "agreement").output
    assert "kappa" not in shown.replace(str(kappa_withheld(1)), "")  # no kappa, only why
    assert str(kappa_withheld(1)) in shown


def test_rejecting_a_theme_the_passage_does_not_carry_is_refused(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    passage = a_passage(data, review_folder)
    pid, carried = passage["passage_id"], passage["themes"]
    refused = run(data, "themes", "correct", pid, "--reject", "covid_19", "--by", "Ana")
    assert refused.exit_code == 1
    assert f"does not carry covid_19 (it carries {', '.join(sorted(carried))})" in refused.output
    assert json.loads(run(data, "themes", "history", pid, "--json").stdout) == []  # not recorded
    done = run(data, "themes", "correct", pid, "--reject", carried[0], "--by", "Ana")
    assert done.exit_code == 0, done.output
    again = run(data, "themes", "correct", pid, "--reject", carried[0], "--by", "Bea")
    assert again.exit_code == 1 and "Ana rejected it at" in again.output


def test_accepting_a_theme_not_carried_or_adding_one_carried_is_refused(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    passage = a_passage(data, review_folder)
    pid, carried = passage["passage_id"], passage["themes"]
    accepted = run(data, "themes", "correct", pid, "--accept", "covid_19")
    assert accepted.exit_code == 1
    assert f"does not carry covid_19 (it carries {', '.join(sorted(carried))})" in accepted.output
    assert "add it instead" in accepted.output
    added = run(data, "themes", "correct", pid, "--add", carried[0])
    assert added.exit_code == 1 and "nothing to add; to confirm it" in added.output
    assert json.loads(run(data, "themes", "history", pid, "--json").stdout) == []


@dataclass
class Tagged:
    themes: list[str]


class Tagger:
    """Gives every passage the theme "neglect", and nothing else."""

    def classify(self, texts: list[str]) -> list[Tagged]:
        return [Tagged(["neglect"]) for _ in texts]


class Store:
    """Passages p0..pN-1, each corrected by someone who added "neglect" to it."""

    def __init__(self, count: int) -> None:
        self.ids = [f"p{n}" for n in range(count)]

    def theme_corrections(self) -> list[dict[str, Any]]:
        return [
            {"passage_id": pid, "theme": "neglect", "action": "accept", "made_at": "2026"}
            for pid in self.ids
        ]

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {pid: {"text": f"passage {pid}"} for pid in ids if pid in self.ids}


def test_kappa_is_given_only_from_the_minimum_number_of_passages() -> None:
    themes = ["neglect", "covid_19"]
    few = machine_agreement(Store(MIN_KAPPA_PASSAGES - 1), Tagger(), themes)  # type: ignore[arg-type]
    enough = machine_agreement(Store(MIN_KAPPA_PASSAGES), Tagger(), themes)  # type: ignore[arg-type]
    assert few["small_sample"] and few["pooled_kappa"] is None
    assert few["per_theme"]["neglect"]["kappa"] is None
    assert not enough["small_sample"] and enough["pooled_kappa"] == 1.0
    assert enough["per_theme"]["neglect"]["precision"] == 1.0
    assert "covid_19" not in enough["per_theme"]  # neither side gave it: no row at all


def test_the_note_says_how_many_passages_there_are_and_how_many_are_needed() -> None:
    assert kappa_withheld(MIN_KAPPA_PASSAGES) is None
    note = str(kappa_withheld(3))
    assert f"at least {MIN_KAPPA_PASSAGES}" in note and "3 so far" in note


class TrainedTagger(Tagger):
    """As Tagger, its model trained on the corrections of p0 and p1."""

    learnt_from = frozenset({"p0", "p1"})


def test_passages_the_model_learnt_from_are_left_out_of_its_agreement() -> None:
    report = machine_agreement(Store(5), TrainedTagger(), ["neglect"])  # type: ignore[arg-type]
    assert report["passages"] == 3 and report["left_out_learnt"] == 2
    everything = machine_agreement(Store(5), Tagger(), ["neglect"])  # type: ignore[arg-type]
    assert everything["passages"] == 5 and everything["left_out_learnt"] == 0
