"""`casegraph quotes export --format briefing-docx`: the trainer's draft from the store, A4,
one citation per quote, no pages for text sources, no placeholder text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from docx.shared import Mm

from casegraph.cli import main
from graph.kuzu_store import KuzuStore

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def test_the_briefing_export_uses_the_draft(tmp_path: Path, review_folder: Path) -> None:
    data = tmp_path / "store"
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV)
    assert ingested.exit_code == 0, ingested.output
    store = KuzuStore(data)
    ids = [pid for pid, _ in store.keyword_search("father", 2)]
    added = runner.invoke(main, ["quotes", "add", "Fathers", *ids, "--data-dir", str(data)])
    assert added.exit_code == 0, added.output
    first, opening = store.quotes("Fathers")[0]["id"], store.quotes("Fathers")[0]["text"][:30]
    with store.writer():
        store.save_draft(
            "Fathers",
            {"title": "What we missed", "placement": {first: "2. What happened"}, "texts": {}},
        )
    target = tmp_path / "briefing.docx"
    done = runner.invoke(
        main,
        ["quotes", "export", "Fathers", "--format", "briefing-docx", "--output", str(target),
         "--data-dir", str(data)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    document = Document(str(target))
    width = document.sections[0].page_width
    assert width is not None and abs(width - Mm(210)) < Mm(1)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "7-minute briefing: What we missed" in text and "to write" not in text.lower()
    quoted = [p.text for p in document.paragraphs if p.text.startswith("“")]
    assert len(quoted) == 2 and all(q.count("\n— ") == 1 for q in quoted)
    assert all("p. " not in q for q in quoted)  # text sources: no pages to cite
    placed = text.split("2. What happened")[1]
    assert opening in placed and opening not in text.split("2. What happened")[0]


def test_an_export_is_titled_with_the_collection_s_own_spelling(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV)
    [passage] = [pid for pid, _ in KuzuStore(data).keyword_search("father", 1)]
    runner.invoke(main, ["quotes", "add", "Team Training", passage, "--data-dir", str(data)])
    target = tmp_path / "quotes.md"
    done = runner.invoke(
        main,
        ["quotes", "export", "team TRAINING", "--format", "md", "--output", str(target),
         "--data-dir", str(data)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert target.read_text().splitlines()[0] == "# Team Training"


def test_a_csv_export_starts_with_the_hash_rows_every_casegraph_csv_has(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV)
    [passage] = [pid for pid, _ in KuzuStore(data).keyword_search("father", 1)]
    runner.invoke(main, ["quotes", "add", "Team Training", passage, "--data-dir", str(data)])
    target = tmp_path / "quotes.csv"
    done = runner.invoke(
        main,
        ["quotes", "export", "team training", "--format", "csv", "--output", str(target),
         "--data-dir", str(data)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    what, filters, when, table = target.read_text().split("\n", 3)
    assert what == "# casegraph: quote bank 'Team Training' (1 quote)"
    assert filters == "# filters: none"
    assert re.fullmatch(r"# exported: \d{4}-\d\d-\d\d \d\d:\d\d UTC", when)
    [row] = list(csv.DictReader(io.StringIO(table)))
    assert row["passage_id"] == passage


def test_a_csv_export_lists_each_quote_s_themes_in_force(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "store"
    runner = CliRunner()

    def run(*args: str) -> str:
        done = runner.invoke(main, [*args, "--data-dir", str(data)], env=ENV)
        assert done.exit_code == 0, done.output
        return done.output

    run("ingest", str(review_folder))
    store = KuzuStore(data)
    [passage] = [pid for pid, _ in store.keyword_search("cannabis", 1)]
    machine = store.passages([passage])[passage]["themes"]
    assert "cannabis" in machine and "poverty_deprivation" not in machine
    run("quotes", "add", "Training", passage)
    run("themes", "correct", passage, "--add", "poverty_deprivation", "--by", "A. Trainer")
    run("themes", "correct", passage, "--reject", "cannabis", "--by", "A. Trainer")
    target = tmp_path / "quotes.csv"
    run("quotes", "export", "Training", "--format", "csv", "--output", str(target))
    lines = [line for line in target.read_text().splitlines() if not line.startswith("#")]
    [row] = list(csv.DictReader(lines))
    shown = row["themes"].split(";")
    in_force = (set(machine) | {"poverty_deprivation"}) - {"cannabis"}
    assert set(shown) == in_force and len(shown) == len(in_force)
