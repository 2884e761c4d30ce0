"""`casegraph trends --theme`: the trend table of the themes asked for only, each named by
id or label; an unknown theme is refused with the closest ones."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from casegraph.cli import main
from tests.conftest import REVIEWS


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("sources")
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    data = tmp_path_factory.mktemp("store") / "data"
    env = {"CASEGRAPH_DATA_DIR": str(data), "CASEGRAPH_EMBEDDER": "fake"}
    done = CliRunner().invoke(main, ["ingest", str(folder)], env=env)
    assert done.exit_code == 0, done.output
    return env


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
    [_header, *lines] = shown.output.splitlines()
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
