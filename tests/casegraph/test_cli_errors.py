"""Clear errors on the command line: unknown theme or agency ids and inverted year ranges
say what was wrong and what is valid; the vocabularies can be listed; a missing file is
reported as missing; statistics count case reviews unless told otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from ingest.themes import load_taxonomy

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


@pytest.fixture
def store(tmp_path: Path, review_folder: Path) -> Path:
    data = tmp_path / "store"
    done = CliRunner().invoke(
        main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV
    )
    assert done.exit_code == 0, done.output
    return data


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.output


def test_an_unknown_theme_names_the_valid_ones(store: Path) -> None:
    for command in (["cooccur"], ["links"], ["search", "fathers"]):
        code, output = run(*command, "--theme", "hiden_men", "--data-dir", str(store))
        assert code == 2, output
        assert "no theme 'hiden_men'" in output and "Did you mean hidden_men?" in output
        assert "casegraph themes list" in output


def test_a_theme_s_label_is_taken_for_its_id_in_every_command(store: Path) -> None:
    for command in (["cooccur"], ["links"], ["search", "fathers"]):
        by_id = run(*command, "--theme", "hidden_men", "--json", "--data-dir", str(store))
        by_label = run(
            *command, "--theme", "HIDDEN OR UNSEEN MEN", "--json", "--data-dir", str(store)
        )
        assert by_label == by_id and by_id[0] == 0, by_label


def test_an_unknown_agency_names_the_valid_ones(store: Path) -> None:
    code, output = run("search", "fathers", "--agency", "polise", "--data-dir", str(store))
    assert code == 2 and "no agency 'polise'" in output and "police" in output
    assert "casegraph agencies list" in output


def test_an_inverted_year_range_is_an_error(store: Path) -> None:
    for command in (["cooccur"], ["trends"], ["links"], ["search", "fathers"]):
        code, output = run(
            *command, "--year-from", "2022", "--year-to", "2016", "--data-dir", str(store)
        )
        assert code == 2, output
        assert "--year-from 2022 is after --year-to 2016" in output


def test_themes_and_agencies_can_be_listed() -> None:
    code, output = run("themes", "list", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(output)] == [t.id for t in load_taxonomy().themes]
    code, output = run("agencies", "list")
    assert code == 0 and "police" in output.split() and "health_visiting" in output.split()


def test_a_missing_file_is_reported_as_missing(tmp_path: Path, review_folder: Path) -> None:
    missing = tmp_path / "not-here.pdf"
    code, output = run(
        "ingest",
        str(review_folder / "child-a.txt"),
        str(missing),
        "--no-enrich",
        "--data-dir",
        str(tmp_path / "store"),
        "--json",
    )
    assert code == 1
    report = json.loads(output[output.index("{") :])
    failed = next(f for f in report["files"] if f["status"] == "failed")
    assert failed["path"] == str(missing)
    assert failed["error"].startswith("missing") and "during the batch" not in failed["error"]
    assert report["ingested"] == 1  # the batch went on


def test_statistics_leave_out_other_kinds_unless_asked(store: Path, tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    (guidance / "fathers-guide.txt").write_text(
        "Practice Guidance: Working with Fathers\n\nHartwell Safeguarding Children Partnership. "
        "Published 2021.\n\nGuidance\n\nPractitioners should ask about every man in the "
        "household, and the father's cannabis use should be discussed with the health visitor.\n"
    )
    done = CliRunner().invoke(main, ["ingest", str(guidance), "--data-dir", str(store)], env=ENV)
    assert done.exit_code == 0, done.output
    kinds = {
        row["review_type"]
        for row in json.loads(run("reviews", "--json", "--data-dir", str(store))[1])
    }
    assert "guidance" in kinds, kinds
    _, cases = run("cooccur", "--json", "--data-dir", str(store))
    _, everything = run("cooccur", "--json", "--all-kinds", "--data-dir", str(store))
    assert {p["total_reviews"] for p in json.loads(cases)} == {3}
    assert {p["total_reviews"] for p in json.loads(everything)} == {4}


def test_compare_two_periods(store: Path) -> None:
    code, output = run(
        "compare",
        "--first",
        "2015-2017",
        "--second",
        "2018-2023",
        "--json",
        "--data-dir",
        str(store),
    )
    assert code == 0, output
    found = json.loads(output)
    assert (found["first"]["reviews"], found["second"]["reviews"]) == (1, 2)
    code, output = run(
        "compare", "--first", "2017-2015", "--second", "2018", "--data-dir", str(store)
    )
    assert code == 2 and "runs backwards" in output


def test_an_empty_query_or_a_count_below_one_is_refused(store: Path) -> None:
    for args in (
        ["search", "  "],
        ["search", "NOT cannabis"],  # only what to leave out: nothing to look for
        ["search", "the"],  # only a word as common as "the"
        ["search", "fathers", "--k", "0"],
        ["similar", "--k", "-1"],
    ):
        code, output = run(*args, "--data-dir", str(store))
        assert code == 2, (args, output)
        assert "Type the words to search for" in output or "not in the range x>=1" in output


def test_agreement_with_nothing_corrected_says_so_rather_than_scoring_zero(store: Path) -> None:
    code, output = run("themes", "agreement", "--data-dir", str(store))
    assert code == 0, output
    assert "No passage has been corrected yet" in output and "precision" not in output


def test_a_review_of_no_known_type_is_said_plainly_in_results(store: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "meeting.txt").write_text(
        "Notes of a meeting\n\nThe health visitor and the school nurse met about the family.\n"
    )
    assert run("ingest", str(notes), "--data-dir", str(store))[0] == 0
    code, output = run("search", "school nurse", "--data-dir", str(store))
    assert code == 0 and output.startswith("1. Notes of a meeting")
    assert "[type not known;" in output.splitlines()[0] and "None" not in output


def test_every_option_of_every_command_says_what_it_is_for() -> None:
    import click

    from casegraph.cli import main

    def unexplained(command: click.Command, path: str) -> list[str]:
        if isinstance(command, click.Group):
            return [
                found
                for name, sub in command.commands.items()
                for found in unexplained(sub, f"{path} {name}")
            ]
        return [
            f"{path} {p.opts[0]}"
            for p in command.params
            if isinstance(p, click.Option) and not p.help and not p.hidden
        ]

    assert unexplained(main, "casegraph") == []
