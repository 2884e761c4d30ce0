"""What no command may show as a traceback: an unusable environment setting, a failing store
(a Kùzu error, as a full disk gives) and a bad line in a JSON-lines input each end the command
with one line naming the setting, the store or the file and line, and a non-zero exit. A fault
in our own code still shows its traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import kuzu
import pytest
from click.testing import CliRunner, Result

from casegraph.cli import main
from graph.kuzu_store import KuzuStore

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(main, list(args), env={**ENV, **env})


def one_line_error(result: Result) -> str:
    """The error line of a command that failed cleanly."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    return line


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("CASEGRAPH_MAX_PAGES", "lots", "Error: CASEGRAPH_MAX_PAGES=lots: not a whole number"),
        ("CASEGRAPH_MAX_FILE_MB", "big", "Error: CASEGRAPH_MAX_FILE_MB=big: not a number"),
        ("CASEGRAPH_EMBEDDER", "bogus", "Error: CASEGRAPH_EMBEDDER=bogus: not a known value"),
    ],
)
def test_a_bad_setting_is_one_line_from_any_command(
    tmp_path: Path, variable: str, value: str, said: str
) -> None:
    source = tmp_path / "review.txt"
    source.write_text("Serious Case Review: Child K\n\nThe school nurse wrote to the GP.\n")
    env = {"CASEGRAPH_DATA_DIR": str(tmp_path / "data"), variable: value}
    for args in (["reviews"], ["ingest", str(source)], ["search", "nurse"], ["demo"]):
        line = one_line_error(run(*args, **env))
        assert line.startswith(said), (args, line)
    assert not (tmp_path / "data").exists()  # nothing was started


def test_help_works_with_a_bad_setting_and_names_it() -> None:
    assert run("--help", CASEGRAPH_MAX_PAGES="lots").exit_code == 0
    shown = run("ingest", "--help", CASEGRAPH_MAX_PAGES="lots")
    assert shown.exit_code == 0, shown.output
    assert "CASEGRAPH_MAX_PAGES=lots: not a whole number" in " ".join(shown.output.split())


def test_option_defaults_follow_the_environment_when_the_command_runs(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Serious Case Review: Child K\n\n" + "The nurse wrote to the GP. " * 60_000)
    shown = run("ingest", "--help", CASEGRAPH_MAX_FILE_MB="0.5")
    assert "[default: 0.5]" in " ".join(shown.output.split())
    refused = run(
        "ingest", str(big), "--no-enrich", "--data-dir", str(tmp_path / "d"), "--json",
        CASEGRAPH_MAX_FILE_MB="0.5",
    )  # fmt: skip
    assert refused.exit_code == 1, refused.output
    report = json.loads(refused.stdout)
    assert "over the limit of 0.5 MB" in report["files"][0]["error"]


@pytest.fixture
def store(tmp_path: Path, review_folder: Path) -> Path:
    data = tmp_path / "store"
    assert run("ingest", str(review_folder), "--no-enrich", "--data-dir", str(data)).exit_code == 0
    return data


def test_a_database_error_is_one_line_naming_the_store(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(self: KuzuStore) -> Any:
        # a real error raised by Kùzu itself, as a full disk or a damaged file gives
        connection = kuzu.Connection(kuzu.Database(str(tmp_path / "other")))
        return connection.execute("CREATE (n:NoSuchTable {id: 'x'})")

    monkeypatch.setattr(KuzuStore, "reviews", failing)
    line = one_line_error(run("reviews", "--data-dir", str(store)))
    assert line.startswith("Error: the store could not be read or written: ")
    assert "NoSuchTable" in line


def test_a_runtime_error_of_our_own_code_keeps_its_traceback(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: KuzuStore) -> Any:
        raise RuntimeError("a fault in casegraph")

    monkeypatch.setattr(KuzuStore, "reviews", broken)
    result = run("reviews", "--data-dir", str(store))
    assert isinstance(result.exception, RuntimeError)


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


WRITTEN = json.dumps({"id": "w1", "kind": "written", "text": "The GP was not told.", "themes": []})


def test_a_bad_line_in_the_training_labels_is_named(tmp_path: Path) -> None:
    labels = write(tmp_path / "labels.jsonl", WRITTEN, '{"id": "w2", "kind": "written"')
    args = ["themes", "train", "--labels", str(labels), "--no-dev-gold"]
    line = one_line_error(run(*args, "--output", str(tmp_path / "m.npz")))
    assert line == f"Error: {labels}: line 2 is not JSON (Expecting ',' delimiter)"
    labels = write(tmp_path / "labels.jsonl", WRITTEN, '{"id": "d1", "kind": "document"}')
    line = one_line_error(run(*args, "--output", str(tmp_path / "m.npz")))
    assert line.startswith(f'Error: {labels}: line 2 needs a string "file"')
    assert not (tmp_path / "m.npz").exists()


def test_a_bad_line_in_the_theme_gold_is_named_not_the_labels(tmp_path: Path) -> None:
    labels = write(tmp_path / "labels.jsonl", WRITTEN)
    gold = write(tmp_path / "gold.jsonl", '{"id": "g1", "text": "fine"}', '{"id": "g2"}')
    args = ["eval", "themes", "--gold", str(gold), "--labels", str(labels)]
    line = one_line_error(run(*args, "--data-dir", str(tmp_path / "d")))
    assert line == f'Error: {gold}: line 2 needs an "id" and a string "text"'


def test_a_bad_line_in_the_agency_gold_is_named(tmp_path: Path) -> None:
    good = json.dumps({"passage_id": "p1", "text": "The police called.", "agencies": ["police"]})
    for bad, said in (
        ("not json", "line 2 is not JSON"),
        ('{"text": "The GP.", "agencies": "gp"}', 'line 2 needs a string "text" and a list'),
        ("[1, 2]", 'line 2 needs a string "text" and a list "agencies"'),
    ):
        gold = write(tmp_path / "agencies.jsonl", good, bad)
        line = one_line_error(run("eval", "entities", "--gold", str(gold)))
        assert line.startswith(f"Error: {gold}: {said}"), line


def test_a_bad_line_in_the_search_gold_is_named(store: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    write(gold / "passages.jsonl", json.dumps({"id": "g1", "text": "The nurse wrote."}))
    query = json.dumps({"qid": "q1", "query": "nurse", "relevant": {"g1": 2}})
    args = ["eval", "search", "--data-dir", str(store), "--gold", str(gold / "queries.jsonl")]
    for lines, said in (
        ([query, "{"], "line 2 is not JSON"),
        ([query, '{"qid": "q2", "query": "GP"}'], 'line 2 needs a "qid", a string "query"'),
        (
            [json.dumps({"qid": "q3", "query": "GP", "relevant": {"g9": 1}})],
            "line 1 judges passage g9",
        ),
    ):
        write(gold / "queries.jsonl", *lines)
        line = one_line_error(run(*args))
        assert line.startswith(f"Error: {gold / 'queries.jsonl'}: {said}"), line
    write(gold / "queries.jsonl", query)
    write(gold / "passages.jsonl", '{"id": "g1"}')
    line = one_line_error(run(*args))
    assert line.startswith(f"Error: {gold / 'passages.jsonl'}: line 1 needs")


def test_ctrl_c_says_nothing_is_half_written_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from casegraph import cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "open_store", interrupted)
    result = CliRunner().invoke(cli.main, ["reviews", "--data-dir", str(tmp_path)])
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output


def test_ctrl_c_while_the_index_is_finished_after_an_interrupted_ingest_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A first Ctrl-C stops the batch; a second one, while the store builds the keyword matrix
    of the search index on leaving, ends the command with one line and status 130, leaves no
    half-written file, and the next search and ingest find every stored review."""
    from graph import bm25

    folder, data = tmp_path / "reviews", tmp_path / "data"
    folder.mkdir()
    for n, word in enumerate(("lantern", "orchard", "harbour")):
        (folder / f"r{n}.txt").write_text(
            f"Serious Case Review: Child {n}\n\nThe {word} visit was missed by the health "
            "visitor and the school nurse wrote to the GP about it.\n"
        )
    put = KuzuStore.put

    def put_then_ctrl_c(self: KuzuStore, document: Any, *args: Any) -> Any:
        if document.file_name == "r2.txt":
            raise KeyboardInterrupt  # the first Ctrl-C, on the last file
        return put(self, document, *args)

    def savez_then_ctrl_c(handle: Any, **arrays: Any) -> None:
        handle.write(b"PK half a file")
        raise KeyboardInterrupt  # the second, while the keyword matrix is saved

    monkeypatch.setattr(KuzuStore, "put", put_then_ctrl_c)
    monkeypatch.setattr(bm25.np, "savez", savez_then_ctrl_c)
    result = run("ingest", str(folder), "--data-dir", str(data), "--no-enrich", "--workers", "1")
    monkeypatch.undo()

    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    said = [line for line in result.stderr.splitlines() if line.strip()]
    said = [line for line in said if not line.startswith("ingest [")]  # the progress bar
    assert said == [
        "Interrupted while the search index was being finished: 2 reviews ingested in this "
        "run are stored whole, and the next search or ingest finishes the index."
    ]
    assert not list(data.glob(".*partial")) and not (data / "keywords.npz").exists()
    store = KuzuStore(data)
    assert len(store.reviews()) == 2
    assert len(store.keyword_search("orchard", 5)) == 1  # the matrix is built again
    again = run("ingest", str(folder), "--data-dir", str(data), "--no-enrich", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert len(KuzuStore(data).keyword_search("harbour", 5)) == 1


def test_an_ingest_stopped_before_its_first_file_does_not_say_nothing_was_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def ctrl_c(*args: Any) -> Any:
        raise KeyboardInterrupt

    (tmp_path / "r.txt").write_text("Serious Case Review: Child K\n\nThe nurse wrote.\n")
    monkeypatch.setattr(KuzuStore, "put", ctrl_c)
    result = run("ingest", str(tmp_path / "r.txt"), "--data-dir", str(tmp_path / "d"))
    assert result.exit_code == 130 and "Nothing to do" not in result.output  # as a shell says
    assert "STOPPED: interrupted after 0 files" in result.stderr
