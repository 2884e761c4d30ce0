"""`casegraph search` takes a word starting with "-" as part of the query (an exclusion), not as
an option; the quote bank says what adding did and numbers quotes without gaps; a CSV of
search results records the query, the filters and the date in `#` rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casegraph.cli import main


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from tests.conftest import REVIEWS

    folder = tmp_path_factory.mktemp("reviews")
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    data = tmp_path_factory.mktemp("store")
    env = {"CASEGRAPH_DATA_DIR": str(data), "CASEGRAPH_EMBEDDER": "fake"}
    assert CliRunner().invoke(main, ["ingest", str(folder)], env=env).exit_code == 0
    return env


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def texts(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [hit["text"] for hit in json.loads(result.stdout)]


def test_a_word_starting_with_a_dash_is_an_exclusion_not_an_option(env: dict[str, str]) -> None:
    everything = texts(run(env, "search", "father", "--mode", "keyword", "--json"))
    assert any("cannabis" in text for text in everything)
    kept = texts(run(env, "search", "father", "-cannabis", "--mode", "keyword", "--json"))
    assert kept and all("cannabis" not in text for text in kept)
    assert len(kept) < len(everything)
    quoted = texts(run(env, "search", 'father -"smoked cannabis"', "--json", "--mode", "keyword"))
    assert quoted == kept  # the same query given as one argument
    first = run(env, "search", "-cannabis", "father", "--k", "1", "--json", "--mode", "keyword")
    assert len(texts(first)) == 1  # a leading exclusion, and --k still an option
    assert texts(run(env, "search", "--mode", "keyword", "--json", "--", "father", "-cannabis"))


def test_a_mistyped_long_option_is_still_an_error(env: dict[str, str]) -> None:
    mistyped = run(env, "search", "father", "--kk", "3")
    assert mistyped.exit_code == 2
    assert "No such option '--kk'. Did you mean '--k'?" in mistyped.output
    one_dash = run(env, "search", "father", "-k", "5")
    assert one_dash.exit_code == 2 and "Did you mean '--k'?" in one_dash.output
    assert run(env, "search", "father", "-json").exit_code == 2
    assert run(env, "search").exit_code == 2
    unknown = run(env, "search", "father", "--limit", "5")  # passages' option, not search's
    assert unknown.exit_code == 2 and "---limit" not in unknown.output


def test_adding_quotes_says_what_was_added_and_what_the_collection_holds(
    env: dict[str, str],
) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert len(ids) >= 3
    first = run(env, "quotes", "add", "Hidden men briefing", ids[0])
    assert first.output.strip() == "1 quote added to 'Hidden men briefing'; it now holds 1 quote."
    again = run(env, "quotes", "add", "Hidden men briefing", ids[0], ids[1], ids[2])
    assert again.output.strip() == (
        "2 quotes added to 'Hidden men briefing', 1 passage already there; it now holds 3 quotes."
    )
    nothing = run(env, "quotes", "add", "Hidden men briefing", ids[1])
    assert "0 quotes added" in nothing.output and "it now holds 3 quotes" in nothing.output


def test_quotes_are_listed_without_gaps_after_one_is_removed(env: dict[str, str]) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "Gaps", *ids[:3]).exit_code == 0
    listed = json.loads(run(env, "quotes", "list", "Gaps", "--json").stdout)
    assert run(env, "quotes", "remove", "Gaps", listed[1]["id"]).exit_code == 0
    lines = run(env, "quotes", "list", "Gaps").output.splitlines()
    assert [line.split(".")[0] for line in lines] == ["1", "2"]
    assert all("p. 1" not in line and "section" in line for line in lines)  # text files
    assert "Gaps: 2 quotes" in run(env, "quotes", "list").output


def test_a_search_csv_records_the_query_the_filters_and_the_date(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "results.csv"
    args = ["search", "father", "-cannabis", "--year-from", "2015", "--type", "serious_case_review"]
    done = run(env, *args, "--format", "csv", "--output", str(out))
    assert done.exit_code == 0, done.output
    lines = out.read_text().splitlines()
    header = lines[:3]  # written as they are, commas and all: each starts with '#'
    assert header[0] == "# casegraph: search father -cannabis (hybrid, 10 passages at most)"
    assert header[1] == "# filters: years 2015-any; types: serious_case_review"
    assert header[2].startswith("# exported: 20") and header[2].endswith(" UTC")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[3:]))))
    assert rows and all("Child B" in row["citation"] for row in rows)


def test_a_word_no_review_uses_is_named_on_stderr_and_json_stays_clean(
    env: dict[str, str],
) -> None:
    result = run(env, "search", "zzqqxx", "cannabis", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "no review uses “zzqqxx”" in result.stderr and "closest in meaning" not in result.stderr
    alone = run(env, "search", "zzqqxx")
    assert "only closest in meaning" in alone.stderr
    assert "no review uses" not in run(env, "search", "cannabis").stderr
    long = run(env, "search", "qz" * 1500, "cannabis").stderr
    assert f"no review uses “{'qz' * 20}…”" in long and len(long) < 200


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_collection_without_a_name_is_refused(env: dict[str, str], blank: str) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    refused = run(env, "quotes", "add", blank, ids[0])
    assert refused.exit_code == 1 and "needs a name" in refused.output
    assert repr(blank) not in run(env, "quotes", "list").output


def test_removing_says_what_went_or_why_nothing_did(env: dict[str, str]) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "Removals", *ids[:2]).exit_code == 0
    no_collection = run(env, "quotes", "remove", "No such briefing", ids[0])
    assert no_collection.exit_code == 1
    assert "no collection 'No such briefing'" in no_collection.output
    assert "'Removals'" in no_collection.output  # names the ones there are
    not_there = run(env, "quotes", "remove", "Removals", "not-a-quote")
    assert not_there.exit_code == 1 and "'not-a-quote' is not in 'Removals'" in not_there.output
    removed = run(env, "quotes", "remove", "Removals", ids[0])  # a passage id works too
    assert removed.exit_code == 0 and removed.output.startswith("Removed “")
    assert "it now holds 1 quote." in removed.output


def test_listing_a_collection_that_does_not_exist_is_an_error(env: dict[str, str]) -> None:
    listed = run(env, "quotes", "list", "Never made")
    assert listed.exit_code == 1 and "no collection 'Never made'" in listed.output


def test_a_collection_can_be_deleted(env: dict[str, str]) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "Short lived", *ids[:2]).exit_code == 0
    deleted = run(env, "quotes", "delete", "Short lived")
    assert deleted.exit_code == 0 and "Deleted 'Short lived' and its 2 quotes." in deleted.output
    assert "Short lived" not in run(env, "quotes", "list").output
    assert run(env, "quotes", "delete", "Short lived").exit_code == 1


def test_a_collection_is_named_whatever_the_case(env: dict[str, str], tmp_path: Path) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "Training", ids[0]).exit_code == 0
    added = run(env, "quotes", "add", "training", ids[0], ids[1])
    assert added.exit_code == 0, added.output
    assert "1 quote added to 'Training', 1 passage already there" in added.output
    collections = json.loads(run(env, "quotes", "list", "--json").stdout)
    assert [(c["name"], c["quotes"]) for c in collections if c["name"].lower() == "training"] == [
        ("Training", 2)
    ]
    listed = json.loads(run(env, "quotes", "list", "TRAINING", "--json").stdout)
    assert [quote["passage_id"] for quote in listed] == ids[:2]
    target = tmp_path / "training.csv"
    exported = run(env, "quotes", "export", "tRaining", "--format", "csv", "--output", str(target))
    assert exported.exit_code == 0, exported.output
    assert all(pid in target.read_text() for pid in ids[:2])
    deleted = run(env, "quotes", "delete", "training")
    assert deleted.exit_code == 0 and "Deleted 'Training' and its 2 quotes." in deleted.output
    assert "raining" not in run(env, "quotes", "list").output


def test_exporting_an_unknown_collection_names_the_ones_there_are(
    env: dict[str, str], tmp_path: Path
) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "Exportable", ids[0]).exit_code == 0
    done = run(env, "quotes", "export", "Exportible", "--output", str(tmp_path / "q.md"))
    assert done.exit_code == 1 and "no collection 'Exportible'" in done.output
    assert "'Exportable'" in done.output and not (tmp_path / "q.md").exists()


def test_a_collection_is_named_without_the_spaces_around_it(env: dict[str, str]) -> None:
    ids = [hit["passage_id"] for hit in json.loads(run(env, "search", "child", "--json").stdout)]
    assert run(env, "quotes", "add", "  Spaced out  ", ids[0]).exit_code == 0
    listed = run(env, "quotes", "list", " Spaced out ")
    assert listed.exit_code == 0 and "no collection" not in listed.output
    assert run(env, "quotes", "delete", "Spaced out   ").exit_code == 0


def test_plain_output_names_each_passage_by_the_id_quotes_add_takes(env: dict[str, str]) -> None:
    hits = json.loads(run(env, "search", "child", "--json").stdout)
    assert f"passage {hits[0]['passage_id']}" in run(env, "search", "child").output
    shown = run(env, "show", hits[0]["review_id"], "--passages").output
    assert f"(passage {hits[0]['passage_id']})" in shown
