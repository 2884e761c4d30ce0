"""`casegraph trends --theme`: the trend table of the themes asked for only, each named by
id or label; an unknown theme is refused with the closest ones."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from casegraph.cli import main
from tests.casegraph.stores import ingested
from tests.conftest import REVIEWS

NO_YEAR = """Local Child Safeguarding Practice Review: Child D

Wendover Safeguarding Children Partnership.

Background

Child D was a baby when she was found with injuries. Both parents smoked cannabis, the home
was neglected and the father was never seen by the health visitor.
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The three reviews of the conftest and one with no year of publication or incident."""
    return ingested(tmp_path_factory, {**REVIEWS, "child-d.txt": NO_YEAR})


def trends(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["trends", *args], env=env)


def rows(env: dict[str, str], *args: str) -> list[dict[str, Any]]:
    result = trends(env, *args, "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_trends_of_the_themes_given_only(env: dict[str, str]) -> None:
    every = rows(env)
    wanted = {"cannabis", "hidden_men"}
    assert wanted < {row["theme"] for row in every}  # there is more to leave out
    picked = rows(env, "--theme", "Cannabis use", "--theme", "HIDDEN_MEN")
    carried = [row for row in picked if row["reviews"]]
    assert carried == [row for row in every if row["theme"] in wanted]
    years = {row["year"] for row in every}
    assert {(row["year"], row["theme"]) for row in picked} == {
        (year, theme) for year in years for theme in wanted
    }  # a year a theme is absent from shows 0
    cannabis = rows(env, "--theme", "cannabis")
    assert [r for r in cannabis if r["reviews"]] == [r for r in every if r["theme"] == "cannabis"]


def test_the_table_shows_only_that_theme(env: dict[str, str]) -> None:
    shown = trends(env, "--theme", "hidden_men")
    assert shown.exit_code == 0, shown.output
    [_header, *lines, few, note] = shown.output.splitlines()
    assert few.startswith("Few reviews in ")
    assert note.startswith("1 review with no publication year left out")
    assert lines and all(line.split()[1] == "hidden_men" for line in lines)


def test_an_unknown_theme_is_refused_with_the_closest(env: dict[str, str]) -> None:
    refused = trends(env, "--theme", "hiden_men")
    assert refused.exit_code == 2
    assert "Did you mean hidden_men?" in refused.output
    assert "Traceback" not in refused.output


def test_compare_shows_the_difference_in_points_as_the_app_does(env: dict[str, str]) -> None:
    args = ["compare", "--first", "2012-2017", "--second", "2018-2023"]
    shown = CliRunner().invoke(main, args, env=env)
    assert shown.exit_code == 0, shown.output
    found = json.loads(CliRunner().invoke(main, [*args, "--json"], env=env).stdout)
    first = found["themes"][0]
    line = next(row for row in shown.output.splitlines() if row.startswith(first["theme"] + " "))
    assert f"{first['difference'] * 100:+.0f} pts" in line


def test_compare_refuses_years_the_periods_already_set(env: dict[str, str]) -> None:
    args = ["compare", "--first", "2012-2017", "--second", "2018-2023"]
    for extra in (["--year-from", "2020"], ["--year-to", "2021"]):
        refused = CliRunner().invoke(main, [*args, *extra], env=env)
        assert refused.exit_code == 2, refused.output
        assert "--first and --second set the years" in refused.output
    offered = CliRunner().invoke(main, ["compare", "--help"], env=env).output
    assert "--year-from" not in offered and "--year-to" not in offered
    assert "--partnership" in offered


def test_compare_applies_the_other_filters(env: dict[str, str]) -> None:
    args = ["compare", "--first", "2012-2017", "--second", "2018-2023", "--json"]
    every = json.loads(CliRunner().invoke(main, args, env=env).stdout)
    narrowed = CliRunner().invoke(main, [*args, "--partnership", "no such partnership"], env=env)
    assert narrowed.exit_code == 1  # no reviews pass: said, not the unfiltered counts
    assert "that pass these filters" in narrowed.output
    assert every["first"]["reviews"] + every["second"]["reviews"] > 0


@pytest.mark.parametrize("command", ["cooccur", "links"])
def test_a_second_theme_is_refused_not_put_in_place_of_the_first(
    env: dict[str, str], command: str
) -> None:
    refused = CliRunner().invoke(
        main, [command, "--theme", "neglect", "--theme", "cannabis"], env=env
    )
    assert refused.exit_code == 2, refused.output
    assert "this command takes one theme" in refused.output
    once = CliRunner().invoke(main, [command, "--theme", "cannabis", "--json"], env=env)
    assert once.exit_code == 0, once.output


@pytest.mark.parametrize("by", ["publication", "incident"])
def test_trends_say_how_many_reviews_without_a_year_they_leave_out(
    env: dict[str, str], by: str
) -> None:
    shown = trends(env, "--by", by, "--theme", "cannabis")
    assert shown.exit_code == 0, shown.output
    assert f"1 review with no {by} year left out" in shown.output
    found = rows(env, "--by", by, "--theme", "cannabis")
    assert found and all(row["reviews_without_year"] == 1 for row in found)
    assert {"year", "theme", "reviews", "total_reviews", "share"} < set(found[0])
    behind = CliRunner().invoke(main, ["reviews", "--theme", "cannabis", "--json"], env=env)
    carrying = json.loads(behind.stdout)
    without = found[0]["theme_reviews_without_year"]
    assert without == 1  # Child D
    assert sum(row["reviews"] for row in found) + without == len(carrying)
    assert "1 carries cannabis" in shown.output


def test_compare_warns_of_small_numbers_as_the_themes_page_does(env: dict[str, str]) -> None:
    args = ["compare", "--first", "2012-2017", "--second", "2018-2023"]
    shown = CliRunner().invoke(main, args, env=env)
    assert shown.exit_code == 0, shown.output
    assert "Small numbers: only 1 review in 2012-2017 (the first period)" in shown.output
    assert "Small numbers: only 2 reviews in 2018-2023 (the second period)" in shown.output


@pytest.fixture(scope="module")
def emptied(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A store that held one review, since deleted."""
    folder = tmp_path_factory.mktemp("one")
    (folder / "child-a.txt").write_text(REVIEWS["child-a.txt"])
    data = tmp_path_factory.mktemp("emptied") / "data"
    env = {"CASEGRAPH_DATA_DIR": str(data), "CASEGRAPH_EMBEDDER": "fake"}
    assert CliRunner().invoke(main, ["ingest", str(folder)], env=env).exit_code == 0
    listed = CliRunner().invoke(main, ["reviews", "--json"], env=env)
    [review] = json.loads(listed.stdout)
    done = CliRunner().invoke(main, ["delete", "--yes", review["review_id"]], env=env)
    assert done.exit_code == 0, done.output
    return env


@pytest.mark.parametrize(
    "args",
    [
        ["search", "cannabis"],
        ["similar", "--text", "a baby of eight weeks with fractured ribs"],
        ["trends"],
        ["trends", "--json"],
        ["cooccur"],
        ["links"],
        ["compare", "--first", "2012-2018", "--second", "2019-2025"],
        ["passages", "--theme", "neglect"],
    ],
)
def test_an_empty_store_is_said_to_hold_no_reviews(
    emptied: dict[str, str], args: list[str]
) -> None:
    result = CliRunner().invoke(main, args, env=emptied)
    assert result.exit_code == 1, result.output
    assert "the store holds no reviews yet" in result.output
    assert "casegraph ingest PATH" in result.output
    assert "No rows" not in result.output and "check the spelling" not in result.output
