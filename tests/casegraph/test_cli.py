import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main

TEXT = "Serious Case Review: Child D\n\nBackground\n\nChild D was two years old when he died.\n"


def test_ingest_json_report_rerun_and_env_data_dir(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text(TEXT)
    (tmp_path / "broken.pdf").write_bytes(b"garbage")
    runner = CliRunner()
    env = {"CASEGRAPH_DATA_DIR": str(tmp_path / "store"), "CASEGRAPH_EMBEDDER": "fake"}

    first = runner.invoke(
        main, ["ingest", str(source), str(tmp_path / "broken.pdf"), "--json"], env=env
    )
    assert first.exit_code == 1  # a file failed
    report = json.loads(first.stdout)
    assert (report["ingested"], report["skipped"], report["failed"]) == (1, 0, 1)
    failed = next(f for f in report["files"] if f["status"] == "failed")
    assert failed["path"].endswith("broken.pdf") and "not a PDF" in failed["error"]
    assert (tmp_path / "store" / "graph.kuzu").exists()

    again = runner.invoke(main, ["ingest", str(source)], env=env)
    assert again.exit_code == 0
    assert "Nothing to do: 1 file unchanged since it was ingested" in again.stdout

    listing = runner.invoke(main, ["reviews", "--json", "--data-dir", str(tmp_path / "store")])
    review_id = json.loads(listing.stdout)[0]["review_id"]
    shown = runner.invoke(main, ["show", review_id, "--data-dir", str(tmp_path / "store")])
    assert "Child D was two years old" in shown.stdout and "[p. 1]" in shown.stdout
    unknown = runner.invoke(main, ["show", "nope", "--data-dir", str(tmp_path / "store")])
    assert unknown.exit_code != 0 and "no review 'nope'" in unknown.output


def test_a_folder_s_files_of_other_types_are_named_not_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "review.txt").write_text(TEXT)
    (folder / "minutes.docx").write_bytes(b"PK not really")
    (folder / "._review.txt").write_bytes(b"\x00\x05\x16\x07")  # a Mac's shadow file: hidden
    env = {"CASEGRAPH_DATA_DIR": str(tmp_path / "store"), "CASEGRAPH_EMBEDDER": "fake"}
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert "Not read: 1 file of other types: minutes.docx" in result.stdout
    assert "._review" not in result.output
    again = runner.invoke(main, ["ingest", str(folder), "--json"], env=env)
    assert json.loads(again.stdout)["not_read"] == [str(folder / "minutes.docx")]
    (folder / "review.txt").unlink()
    nothing = runner.invoke(main, ["ingest", str(folder)], env=env)
    assert nothing.exit_code == 1
    assert "no PDF, text or Markdown file to ingest" in nothing.output
    assert "minutes.docx" in nothing.output


def test_empty_store_says_how_to_ingest(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["reviews", "--data-dir", str(tmp_path / "none")])
    assert result.exit_code == 1 and "casegraph ingest" in result.output  # an error, on stderr


def test_show_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "nope", "--data-dir", str(tmp_path)])
    assert result.exit_code != 0 and "run `casegraph ingest` first" in result.output


@pytest.mark.integration
def test_demo_ingests_the_fourteen_demo_reviews(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--no-app", "--data-dir", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "Ingested 14 (" in result.stdout
    assert "Serious Case Review: Baby M" in result.stdout
    assert "FORMAT" not in result.stdout


def test_themes_classify_writes_the_evaluation_interface(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Both parents used cannabis daily and the baby slept on the sofa."},
        {"id": "b", "text": "There was no evidence of domestic abuse in the household."},
    ]
    source.write_text("\n".join(json.dumps(row) for row in rows))
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main,
        ["themes", "classify", "--input", str(source), "--output", str(output)],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )
    assert result.exit_code == 0, result.output
    tagged = [json.loads(line) for line in output.read_text().splitlines()]
    assert [row["id"] for row in tagged] == ["a", "b"]
    assert {"cannabis", "substance_misuse"} <= set(tagged[0]["themes"])
    assert "domestic_abuse" not in tagged[1]["themes"]
    assert all(isinstance(v, float) for v in tagged[0]["scores"].values())
    assert all(isinstance(span, str) for span in tagged[0]["evidence"]["cannabis"])


def test_eval_themes_cross_validates_by_document_next_to_the_baseline(tmp_path: Path) -> None:
    gold, labels = tmp_path / "gold.jsonl", tmp_path / "labels.jsonl"
    texts = {
        "hidden_men": "Mother's partner was never seen by the health visitor.",
        "cannabis": "The father smoked cannabis every evening.",
        "": "The meeting was held in May.",
    }
    rows = [
        {"id": f"{n}{t}", "source": f"doc{n}", "text": f"{x} ({n})", "themes": [t] if t else []}
        for n in range(3)
        for t, x in texts.items()
    ]
    gold.write_text("\n".join(json.dumps(row) for row in rows))
    written = [
        {"id": f"w{n}{t}", "kind": "written", "text": f"{x} [{n}]", "themes": [t] if t else []}
        for n in range(3)
        for t, x in texts.items()
    ]
    labels.write_text("\n".join(json.dumps(row) for row in written))
    result = CliRunner().invoke(
        main,
        ["eval", "themes", "--gold", str(gold), "--labels", str(labels), "--json"],
        env={"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)["reports"]
    dev = reports["grouped CV, dev gold passages (out of sample)"]
    assert dev["n_passages"] == len(rows)
    assert reports["keyword baseline, dev gold"]["n_passages"] == len(rows)
    assert reports["grouped CV, all training passages"]["n_passages"] == len(rows) + len(written)
    [same_documents] = [r for name, r in reports.items() if name.startswith("passage-level CV")]
    assert same_documents["n_passages"] == len(rows)  # every dev passage, once
    drawn = CliRunner().invoke(
        main,
        ["eval", "themes", "--gold", str(gold), "--labels", str(labels), "--draws", "2"],
        env={"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_DATA_DIR": str(tmp_path / "data")},
    )
    assert drawn.exit_code == 0, drawn.output
    assert "passage-level CV over the dev gold, mean of 2 fold draws: micro-F1" in drawn.stdout


def test_a_reviewer_corrects_themes_and_metadata_from_the_cli(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text(TEXT + "\nThe father used cannabis and the police did not tell the GP.\n")
    store = str(tmp_path / "store")
    env = {"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_DATA_DIR": store}
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(source)], env=env).exit_code == 0
    review_id = json.loads(runner.invoke(main, ["reviews", "--json"], env=env).stdout)[0][
        "review_id"
    ]
    shown = json.loads(runner.invoke(main, ["show", review_id, "--json"], env=env).stdout)
    passage_id = shown["passages"][-1]["id"]

    added = runner.invoke(
        main,
        ["themes", "correct", passage_id, "--add", "covid-19 pandemic", "--by", "Ana"],
        env=env,
    )
    assert added.exit_code == 0, added.output
    why = json.loads(runner.invoke(main, ["themes", "why", passage_id, "--json"], env=env).stdout)
    covid = next(t for t in why["themes"] if t["theme"] == "covid_19")
    assert covid["carried"] and not covid["machine"]
    assert (covid["correction"]["action"], covid["correction"]["who"]) == ("add", "Ana")
    agreement = json.loads(runner.invoke(main, ["themes", "agreement", "--json"], env=env).stdout)
    assert agreement["passages"] == 1
    assert agreement["per_theme"]["covid_19"]["recall"] == 0.0  # the machine missed it
    undone = ["themes", "correct", passage_id, "--reject", "covid_19", "--by", "Bea"]
    assert runner.invoke(main, undone, env=env).exit_code == 0
    history = json.loads(
        runner.invoke(main, ["themes", "history", passage_id, "--json"], env=env).stdout
    )
    assert [(h["action"], h["who"], h["in_force"]) for h in history] == [
        ("reject", "Bea", True),
        ("add", "Ana", False),
    ]
    lines = runner.invoke(main, ["themes", "history"], env=env).stdout.splitlines()
    assert "reject covid_19  by Bea, in force" in lines[0] and "by Ana, replaced" in lines[1]
    unknown = runner.invoke(main, ["themes", "correct", passage_id, "--add", "covid"], env=env)
    assert unknown.exit_code == 2 and "covid_19" in unknown.output  # the themes there are
    missing = runner.invoke(main, ["themes", "history", "nope"], env=env)
    assert missing.exit_code == 1 and "no passage nope in the store" in missing.output

    fixed = runner.invoke(main, ["review", "correct", review_id, "outcome", "died"], env=env)
    assert fixed.exit_code == 0, fixed.output
    again = json.loads(runner.invoke(main, ["show", review_id, "--json"], env=env).stdout)
    assert again["outcome"] == "died"
    plain = runner.invoke(main, ["show", review_id, "--no-passages"], env=env).stdout
    assert re.search(r"^  outcome +died  \[corrected by cli; parser: ", plain, re.M), plain
    aged = runner.invoke(main, ["review", "correct", review_id, "child_age", "3 years"], env=env)
    assert aged.exit_code == 0, aged.output
    assert "child_age_months = 36" in aged.output  # the age bands follow the stated age
    banded = json.loads(runner.invoke(main, ["show", review_id, "--json"], env=env).stdout)
    assert (banded["child_age_months"], banded["age_band"]) == (36, "1-5")
    dated = runner.invoke(
        main, ["review", "correct", review_id, "publication_year", "2004"], env=env
    )
    assert dated.exit_code == 0, dated.output
    listing = runner.invoke(main, ["reviews"], env=env).stdout
    assert re.search(r"^    \S.* \| 2004 \| ", listing, re.M), listing  # the year in force
    cleared = runner.invoke(
        main, ["review", "correct", review_id, "child_age", "not stated"], env=env
    )
    assert (
        "child_age = not stated" in cleared.output
        and "child_age_months = not stated" in cleared.output
    )
    unaged = json.loads(runner.invoke(main, ["show", review_id, "--json"], env=env).stdout)
    assert (unaged["child_age"], unaged["child_age_months"], unaged["age_band"]) == (
        None,
        None,
        None,
    )
    listed = runner.invoke(main, ["review", "history", review_id], env=env).stdout
    own, implied = listed.splitlines()[:2]  # the person's own first, then what it implies
    assert "child_age = not stated" in own and "child_age_months = not stated" in implied
    wrong = runner.invoke(main, ["review", "correct", review_id, "outcome", "maybe"], env=env)
    assert wrong.exit_code != 0 and "outcome must be one of" in wrong.output
    both = runner.invoke(
        main, ["themes", "correct", passage_id, "--add", "covid_19", "--reject", "neglect"], env=env
    )
    assert both.exit_code != 0 and "exactly one of" in both.output
    unknown = runner.invoke(main, ["themes", "correct", "nope", "--add", "covid_19"], env=env)
    assert unknown.exit_code != 0 and "no passage nope" in unknown.output


def test_eval_entities_reports_figures_its_counts_add_up_to() -> None:
    """No score is asserted: the extractor's vocabulary was written alongside this gold, so a
    score here is in sample (docs/agency-gold.md)."""
    result = CliRunner().invoke(main, ["eval", "entities", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["passages"] == 80
    counts = report["per_agency"].values()
    tp, fp, fn = (sum(c[key] for c in counts) for key in ("tp", "fp", "fn"))
    assert tp > 0
    assert report["precision"] == round(tp / (tp + fp), 3)
    assert report["recall"] == round(tp / (tp + fn), 3)


def test_themes_classify_names_the_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "fine"}\n{"id": "b"}\n')
    result = CliRunner().invoke(
        main,
        ["themes", "classify", "--input", str(source), "--output", str(tmp_path / "o.jsonl")],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )
    assert result.exit_code != 0
    assert 'in.jsonl: line 2 needs an "id" and a string "text"' in result.output


def test_graph_commands_read_only_cypher_and_export(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text(TEXT + "\nThe father used cannabis and the police did not tell the GP.\n")
    runner = CliRunner()
    env = {"CASEGRAPH_DATA_DIR": str(tmp_path / "store"), "CASEGRAPH_EMBEDDER": "fake"}
    assert runner.invoke(main, ["ingest", str(source)], env=env).exit_code == 0

    refused = runner.invoke(main, ["cypher", "MATCH (n) DETACH DELETE n"], env=env)
    assert refused.exit_code != 0 and "'DETACH' is not allowed" in refused.output
    hostile = '"x\'}) MATCH (n) DETACH DELETE n //"'
    rows = runner.invoke(
        main,
        [
            "cypher",
            "MATCH (r:Review {id: $id}) RETURN r.id AS id",
            "--param",
            f"id={hostile}",
            "--json",
        ],
        env=env,
    )
    assert rows.exit_code == 0 and json.loads(rows.stdout) == []
    count = runner.invoke(
        main, ["cypher", "MATCH (r:Review) RETURN count(r) AS n", "--json"], env=env
    )
    assert json.loads(count.stdout) == [{"n": 1}]
    unset = "MATCH (r:Review) WHERE r.id = $id SET r.author = 'Nobody' RETURN count(r) AS n"
    refused = runner.invoke(main, ["cypher", unset, "--write"], env=env)  # no --param id
    assert refused.exit_code == 1 and "$id not given" in refused.output
    shown = json.loads(runner.invoke(main, ["reviews", "--json"], env=env).stdout)
    assert all(row.get("author") != "Nobody" for row in shown)  # nothing was changed
    garbled = runner.invoke(main, ["cypher", "MATCH (r:Review) RETURN r.title +"], env=env)
    assert garbled.exit_code == 1 and len(garbled.output.strip().splitlines()) == 1

    injected = runner.invoke(
        main, ["cooccur", "--partnership", "x') DETACH DELETE (n", "--json"], env=env
    )
    assert injected.exit_code == 0 and json.loads(injected.stdout) == []
    pairs = json.loads(runner.invoke(main, ["cooccur", "--json"], env=env).stdout)
    assert all(
        {"a", "b", "reviews", "passages", "jaccard", "lift"} <= pair.keys() for pair in pairs
    )

    exported = runner.invoke(main, ["export", "--output", str(tmp_path / "g.graphml")], env=env)
    assert exported.exit_code == 0 and (tmp_path / "g.graphml").exists()


def test_review_correct_help_names_the_fields_graph_corrections_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from casegraph import cli_themes
    from graph.corrections import CORRECTABLE_FIELDS

    helped = " ".join(CliRunner().invoke(main, ["review", "correct", "--help"]).stdout.split())
    assert ", ".join(CORRECTABLE_FIELDS) in helped
    monkeypatch.setitem(CORRECTABLE_FIELDS, "sibling_count", int)  # a field added later
    assert "incident_year, sibling_count" in " ".join(cli_themes._correct_help().split())


def test_a_reviewer_corrects_the_partnership_and_the_childrens_names(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text(
        "Serious Case Review: Child D\n\nNorthmoor Safeguarding Children Partnership. "
        "Published March 2020.\n\nBackground\n\nChild D was two years old when he died. "
        "The police did not tell the school about the father.\n"
    )
    env = {"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_DATA_DIR": str(tmp_path / "store")}
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(source)], env=env).exit_code == 0
    review_id = json.loads(runner.invoke(main, ["reviews", "--json"], env=env).stdout)[0][
        "review_id"
    ]
    helped = runner.invoke(main, ["review", "correct", "--help"]).stdout
    assert "partnership" in helped and "child_pseudonyms" in helped
    assert "separated by commas" in helped

    def run(*args: str) -> str:
        result = runner.invoke(main, list(args), env=env)
        assert result.exit_code == 0, result.output
        return result.stdout

    def found(area: str) -> set[str]:
        hits = json.loads(run("search", "police", "--partnership", area, "--json"))
        return {hit["review_id"] for hit in hits}

    assert found("northmoor") == {review_id} and found("eastwick") == set()
    moved = run(
        "review", "correct", review_id, "partnership", "Eastwick Partnership", "--by", "Ana"
    )
    assert moved.strip() == f"{review_id}: partnership = Eastwick Partnership (by Ana)."
    named = run(
        "review", "correct", review_id, "child_pseudonyms", "Child D; Child E", "--by", "Ana"
    )
    assert named.strip() == f"{review_id}: child_pseudonyms = Child D, Child E (by Ana)."

    shown = json.loads(run("show", review_id, "--json"))
    assert (shown["partnership"], shown["child_pseudonyms"]) == (
        "Eastwick Partnership",
        ["Child D", "Child E"],
    )
    plain = run("show", review_id, "--no-passages")
    assert re.search(
        r"^  partnership +Eastwick Partnership  \[corrected by Ana; parser: Northmoor ", plain, re.M
    ), plain
    assert re.search(
        r"^  child_pseudonyms +Child D, Child E  \[corrected by Ana; parser: Child D\]$",
        plain,
        re.M,
    ), plain
    listing = run("reviews")
    assert "| Eastwick Partnership | child: Child D, Child E, " in listing, listing
    assert found("eastwick") == {review_id} and found("northmoor") == set()
    history = run("review", "history", review_id).splitlines()
    assert "child_pseudonyms = Child D, Child E (machine: Child D)  by Ana, in force" in history[0]
    assert "partnership = Eastwick Partnership (machine: Northmoor " in history[1]

    cleared = run("review", "correct", review_id, "partnership", "not stated")
    assert "partnership = not stated" in cleared
    assert found("eastwick") == set() and found("northmoor") == set()
    assert "| - | child: Child D, Child E, " in run("reviews")
    unnamed = run("review", "correct", review_id, "child_pseudonyms", "Not stated")
    assert "child_pseudonyms = not stated" in unnamed
    assert json.loads(run("show", review_id, "--json"))["child_pseudonyms"] == []
    empty = runner.invoke(
        main, ["review", "correct", review_id, "child_pseudonyms", ", ;"], env=env
    )
    assert empty.exit_code != 0 and "child_pseudonyms: at least one name is needed" in empty.output


def test_review_history_lists_every_field_correction_newest_first(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text(TEXT)
    env = {"CASEGRAPH_EMBEDDER": "fake", "CASEGRAPH_DATA_DIR": str(tmp_path / "store")}
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(source)], env=env).exit_code == 0
    review_id = json.loads(runner.invoke(main, ["reviews", "--json"], env=env).stdout)[0][
        "review_id"
    ]
    machine = json.loads(runner.invoke(main, ["show", review_id, "--json"], env=env).stdout)[
        "metadata"
    ]["outcome"]["value"]
    untouched = runner.invoke(main, ["review", "history", review_id], env=env)
    assert untouched.exit_code == 0 and "no field has been corrected" in untouched.stdout

    for value, who, note in (("serious_harm", "Bea", "he survived"), ("other", "Cal", None)):
        args = ["review", "correct", review_id, "outcome", value, "--by", who]
        result = runner.invoke(main, args + (["--note", note] if note else []), env=env)
        assert result.exit_code == 0, result.output

    shown = runner.invoke(main, ["review", "history", review_id, "--json"], env=env)
    assert shown.exit_code == 0, shown.output
    history = json.loads(shown.stdout)
    assert [(h["value"], h["who"], h["in_force"], h["note"]) for h in history] == [
        ("other", "Cal", True, None),
        ("serious_harm", "Bea", False, "he survived"),
    ]
    assert {h["machine"] for h in history} == {machine}
    text = runner.invoke(main, ["review", "history", review_id], env=env)
    first, second = text.stdout.splitlines()
    assert f"outcome = other (machine: {machine})  by Cal, in force" in first
    assert "outcome = serious_harm" in second and "by Bea, replaced; note: he survived" in second

    unknown = runner.invoke(main, ["review", "history", "nope"], env=env)
    assert unknown.exit_code == 1 and "no review nope in the store" in unknown.output
    assert "Traceback" not in unknown.output and isinstance(unknown.exception, SystemExit)
    empty = runner.invoke(main, ["review", "history", "nope", "--data-dir", str(tmp_path / "x")])
    assert empty.exit_code == 1 and "run `casegraph ingest` first" in empty.output
