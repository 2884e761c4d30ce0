"""`--format csv --output PATH` on the statistics commands (cooccur, trends, compare, links,
reviews --theme): the numbers of the printed table, in the columns of the app's download of
the same view, under `#` rows saying what the file holds, its filters, the date and the notes
the printed table carries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from casegraph.cli import main
from tests.casegraph.stores import ingested
from tests.casegraph.test_cli_graph import NO_YEAR
from tests.conftest import REVIEWS

PERIODS = ["--first", "2012-2017", "--second", "2018-2023"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The three reviews of the conftest and one with no year of publication or incident."""
    return ingested(tmp_path_factory, {**REVIEWS, "child-d.txt": NO_YEAR})


def run(env: dict[str, str], *args: str) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result


def export(env: dict[str, str], tmp_path: Path, *args: str) -> tuple[Result, list[str], str]:
    """The command's message, the file's `#` rows (without '# ') and its table."""
    target = tmp_path / "export.csv"
    said = run(env, *args, "--format", "csv", "--output", str(target))
    text = target.read_text(encoding="utf-8")
    notes = [line[2:] for line in text.splitlines() if line.startswith("#")]
    assert text.splitlines()[: len(notes)] == [f"# {note}" for note in notes]  # first, raw
    assert pd.read_csv(io.StringIO(text), comment="#").shape[0] == len(table(text))
    return said, notes, text


def table(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def printed(result: Result, first: str) -> list[list[str]]:
    """The rows of a printed table whose header starts with `first`, cut where its columns
    start."""
    lines = result.output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.split()[:1] == [first])
    header = lines[start]
    starts = [n for n, c in enumerate(header) if c != " " and (n == 0 or header[n - 1] == " ")]
    rows = []
    for line in lines[start + 1 :]:
        if len(line) < starts[-1] or any(line[n - 2 : n] != "  " for n in starts[1:]):
            break  # a note under the table
        ends = [*starts[1:], None]
        rows.append([line[a:b].strip() for a, b in zip(starts, ends, strict=True)])
    return rows


def shown(value: str) -> str:
    """A CSV number as the printed table shows it (4 significant digits)."""
    number = float(value)
    return str(int(number)) if number.is_integer() and "." not in value else f"{number:.4g}"


def test_cooccur_exports_the_printed_pairs_in_the_app_s_columns(
    env: dict[str, str], tmp_path: Path
) -> None:
    on_screen = run(env, "cooccur")
    said, notes, text = export(env, tmp_path, "cooccur")
    rows = table(text)
    assert list(rows[0]) == [
        "a", "a_label", "b", "b_label", "reviews", "passages", "reviews_a", "reviews_b",
        "total_reviews", "jaccard", "lift", "p_value",
    ]  # fmt: skip
    measures = ["reviews", "passages", "jaccard", "lift", "p_value"]
    assert printed(on_screen, "a") == [
        [row["a"], row["b"], *(shown(row[m]) for m in measures)] for row in rows
    ]
    assert said.output.splitlines()[0] == f"Wrote {len(rows)} pairs to {tmp_path / 'export.csv'}."
    assert notes[0] == "casegraph: theme co-occurrence"
    assert notes[1] == "filters: excluding: briefing, guidance, other"
    few = "Only 4 reviews pass these filters: every share rests on very few reviews."
    assert notes[3].startswith(few)
    assert few in on_screen.output and few in said.output  # the screen says what the file says
    hidden = table(export(env, tmp_path, "cooccur", "--theme", "hidden_men")[2])
    assert hidden and all("hidden_men" in (row["a"], row["b"]) for row in hidden)
    assert len(hidden) < len(rows)


def test_trends_exports_the_printed_rows_with_the_reviews_left_out(
    env: dict[str, str], tmp_path: Path
) -> None:
    args = ["trends", "--theme", "cannabis", "--theme", "hidden_men"]
    on_screen = run(env, *args)
    said, notes, text = export(env, tmp_path, *args)
    rows = table(text)
    assert list(rows[0]) == ["year", "theme", "label", "reviews", "total_reviews", "share"]
    assert printed(on_screen, "year") == [
        [row["year"], row["theme"], row["reviews"], row["total_reviews"], shown(row["share"])]
        for row in rows
    ]
    as_json = json.loads(run(env, *args, "--json").stdout)
    assert [(r["year"], r["theme"], r["reviews"]) for r in as_json] == [
        (int(r["year"]), r["theme"], int(r["reviews"])) for r in rows
    ]
    assert notes[0] == "casegraph: theme trends by publication year (cannabis, hidden_men)"
    left_out = (
        "1 review with no publication year left out (no year to count it in): "
        "1 carries cannabis; 1 carries hidden_men."
    )
    assert left_out in notes and left_out in on_screen.output and left_out in said.output
    assert any(note.startswith("Few reviews in 2016 (1 review)") for note in notes)


def test_compare_exports_the_themes_or_the_pairs_as_printed(
    env: dict[str, str], tmp_path: Path
) -> None:
    for kind, flags, named in (("themes", [], ["theme"]), ("pairs", ["--pairs"], ["a", "b"])):
        on_screen = run(env, "compare", *PERIODS, *flags)
        _, notes, text = export(env, tmp_path, "compare", *PERIODS, *flags)
        rows = table(text)
        assert rows and {"first_years", "share_first", "difference", "p_value"} <= set(rows[0])
        assert printed(on_screen, named[0]) == [
            [
                *(row[name] for name in named),
                f"{row['reviews_first']}/{row['total_first']}",
                f"{row['reviews_second']}/{row['total_second']}",
                f"{float(row['difference']) * 100:+.0f} pts",
                shown(row["p_value"]),
            ]
            for row in rows
        ]
        compared = "themes" if kind == "themes" else "theme pairs"
        assert notes[0] == f"casegraph: {compared} compared, 2012-2017 against 2018-2023"
        small = [note for note in notes if note.startswith("Small numbers")]
        assert small and all(note in on_screen.output for note in small)


def test_links_and_the_reviews_behind_a_theme_are_exported(
    env: dict[str, str], tmp_path: Path
) -> None:
    listed = json.loads(run(env, "links", "--theme", "cannabis", "--json").stdout)
    _, notes, text = export(env, tmp_path, "links", "--theme", "cannabis")
    assert [(row["entity"], int(row["passages"])) for row in table(text)] == [
        (row["entity"], row["passages"]) for row in listed
    ]
    assert notes[0] == "casegraph: agency named in passages carrying cannabis"
    behind = json.loads(run(env, "reviews", "--theme", "cannabis", "--json").stdout)
    said, notes, text = export(env, tmp_path, "reviews", "--theme", "cannabis")
    assert [row["id"] for row in table(text)] == [row["id"] for row in behind]
    carried = [note for note in notes if "carry this theme" in note]
    assert carried and carried[0] in said.output


@pytest.mark.parametrize(
    "args",
    [
        ["cooccur", "--output", "x.csv"],
        ["trends", "--format", "csv"],
        ["compare", *PERIODS, "--format", "csv"],
    ],
)
def test_format_and_output_go_together(env: dict[str, str], args: list[str]) -> None:
    refused = CliRunner().invoke(main, args, env=env)
    assert refused.exit_code == 2
    [line] = refused.output.splitlines()
    assert line.startswith("Error: --format and --output go together.")


def test_reviews_exports_only_the_reviews_behind_a_theme(env: dict[str, str]) -> None:
    refused = CliRunner().invoke(main, ["reviews", "--format", "csv", "--output", "x"], env=env)
    assert refused.exit_code == 2
    assert "add --theme THEME" in refused.output
