"""`casegraph passages`: a mistyped choice is refused as `search` and `cooccur` refuse it,
case reviews only unless --all-kinds (as `cooccur` counts), passage ids in the text and
--json, and exports that say what they hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from tests.casegraph.stores import ingested
from tests.conftest import REVIEWS

GUIDANCE = """Practice Guidance: Seeing the Men Around a Baby

Orwell Safeguarding Children Partnership. Published 2022.

Guidance

Health visitors should ask who else lives in the home, and whether the father or a partner
smokes cannabis; police should share what they know about men in the household.
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Three case reviews and one practice guidance note, all naming cannabis."""
    return ingested(tmp_path_factory, {**REVIEWS, "fathers-guide.txt": GUIDANCE})


def header(path: Path) -> list[str]:
    """The first two `#` rows over an exported CSV, written as they are."""
    return path.read_text().splitlines()[:2]


def passages(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["passages", *args], env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--theme", "hidden_man"], "Did you mean hidden_men?"),
        (["--theme", "hidden_men", "--agency", "polce"], "Did you mean police?"),
        (["--theme", "cannabis", "--year-from", "2024", "--year-to", "2012"], "is after"),
        (["--theme", "cannabis", "--limit", "0"], "x>=1"),
        (["--theme", "cannabis", "--limit", "-1"], "x>=1"),
    ],
)
def test_a_mistyped_choice_is_refused_not_read_as_no_evidence(
    env: dict[str, str], args: list[str], said: str
) -> None:
    code, output = passages(env, *args)
    assert code == 2, output
    assert said in output
    assert "No passages carry that" not in output


def test_an_id_that_is_also_its_themes_label_is_taken_as_the_id(env: dict[str, str]) -> None:
    code, output = passages(env, "--theme", "neglect", "--all-kinds")  # label "Neglect"
    assert code == 0, output


def test_a_theme_is_taken_by_its_label_as_by_its_id(env: dict[str, str]) -> None:
    by_id = passages(env, "--theme", "hidden_men", "--json")
    assert by_id[0] == 0 and json.loads(by_id[1])
    assert passages(env, "--theme", "Hidden or unseen men", "--json") == by_id


def test_case_reviews_only_unless_all_kinds(env: dict[str, str]) -> None:
    code, reviews_only = passages(env, "--theme", "cannabis", "--json")
    assert code == 0, reviews_only
    assert {p["review_type"] for p in json.loads(reviews_only)} == {"lcspr"}
    code, everything = passages(env, "--theme", "cannabis", "--json", "--all-kinds")
    assert code == 0, everything
    assert {p["review_type"] for p in json.loads(everything)} == {"lcspr", "guidance"}


def test_the_text_names_each_passage_by_the_id_json_gives(env: dict[str, str]) -> None:
    _, listed = passages(env, "--theme", "cannabis", "--all-kinds", "--json")
    ids = [p["passage_id"] for p in json.loads(listed)]
    code, text = passages(env, "--theme", "cannabis", "--all-kinds")
    assert code == 0 and len(ids) == 2
    assert all(f"passage {pid}" in text for pid in ids)


def test_json_stays_parseable_when_the_list_is_cut(env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        main, ["passages", "--theme", "cannabis", "--all-kinds", "--json", "--limit", "1"], env=env
    )
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1
    assert "Showing 1 of 2 passages" in result.stderr


def test_an_export_records_the_switch_and_the_agency_under_the_theme_label(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "cannabis.csv"
    code, output = passages(
        env, "--theme", "cannabis", "--agency", "police", "--format", "csv", "--output", str(out)
    )
    assert code == 0, output
    what, filters = header(out)
    assert what.startswith("# casegraph: passages: Cannabis")
    assert filters == "# filters: agencies: police; excluding: briefing, guidance, other"
    everything = tmp_path / "all.csv"
    passages(
        env, "--theme", "cannabis", "--all-kinds", "--format", "csv", "--output", str(everything)
    )
    assert header(everything)[1] == "# filters: none"
    cut = tmp_path / "cut.csv"
    passages(env, "--theme", "cannabis", "--all-kinds", "--limit", "1", "--format", "csv",
             "--output", str(cut))  # fmt: skip
    assert header(cut)[0] == "# casegraph: passages: Cannabis use (the 1 strongest of 2)"
    heading = tmp_path / "pair.md"
    code, _ = passages(
        env, "--theme", "cannabis", "--theme", "hidden_men", "--format", "md",
        "--output", str(heading),
    )  # fmt: skip
    first_line = heading.read_text().splitlines()[0]
    assert "Cannabis" in first_line and "hidden_men" not in first_line


@pytest.mark.parametrize(
    "pair", [["neglect", "neglect"], ["neglect", "Neglect"], ["hidden_men", "Hidden or unseen men"]]
)
def test_the_same_theme_twice_is_not_a_pair(env: dict[str, str], pair: list[str]) -> None:
    code, output = passages(env, "--theme", pair[0], "--theme", pair[1])
    assert code == 2, output
    assert "a pair needs two different themes" in output


def test_three_themes_are_refused(env: dict[str, str]) -> None:
    code, output = passages(
        env, "--theme", "neglect", "--theme", "cannabis", "--theme", "hidden_men"
    )
    assert code == 2, output
    assert "give one theme, or two" in output


# Child A carries information_sharing from its text as a whole, with no passage tagged with
# it; Child B has a passage tagged with it.
CARRIED = (
    "2 reviews carry this theme; 1 of them has passages tagged with it; the other carries it "
    "from its title, contents or summary"
)


def test_passages_say_how_many_reviews_the_statistics_count_for_the_theme(
    env: dict[str, str], tmp_path: Path
) -> None:
    code, output = passages(env, "--theme", "information_sharing")
    assert code == 0, output
    assert CARRIED in " ".join(output.split())
    assert "`casegraph reviews --theme information_sharing` lists them" in output
    code, output = passages(env, "--theme", "information_sharing", "--year-from", "2019")
    assert code == 0, output
    assert "1 review carries this theme" in output
    assert "--theme information_sharing` with the same filters lists them" in output
    out = tmp_path / "sharing.csv"
    code, output = passages(
        env, "--theme", "information_sharing", "--format", "csv", "--output", str(out)
    )
    assert code == 0, output
    assert any(line.startswith("# " + CARRIED) for line in out.read_text().splitlines())


def test_reviews_lists_the_reviews_behind_a_theme_s_count(env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        main, ["reviews", "--theme", "information_sharing", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    trend = CliRunner().invoke(
        main, ["trends", "--theme", "information_sharing", "--json"], env=env
    )
    assert len(listed) == sum(row["reviews"] for row in json.loads(trend.stdout)) == 2
    pairs = json.loads(CliRunner().invoke(main, ["cooccur", "--json"], env=env).stdout)
    counted = {p["a"]: p["reviews_a"] for p in pairs} | {p["b"]: p["reviews_b"] for p in pairs}
    assert counted["information_sharing"] == 2
    assert sorted(row["passages"] > 0 for row in listed) == [False, True]
    text = CliRunner().invoke(main, ["reviews", "--theme", "information_sharing"], env=env)
    assert CARRIED in " ".join(text.output.split())
    assert "from its title, contents or summary]" in text.output
    narrowed = CliRunner().invoke(
        main, ["reviews", "--theme", "information_sharing", "--year-from", "2019", "--json"],
        env=env,
    )  # fmt: skip
    assert [row["year"] for row in json.loads(narrowed.stdout)] == [2020]
    said = CliRunner().invoke(
        main, ["reviews", "--theme", "information_sharing", "--year-from", "2019"], env=env
    )
    assert "--theme information_sharing` with the same filters lists the passages" in said.output


def test_reviews_refuses_a_filter_without_a_theme(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["reviews", "--year-from", "2019"], env=env)
    assert result.exit_code == 2
    assert "add --theme" in result.output
