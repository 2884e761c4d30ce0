"""Limits on what one file may cost (issue 14): linear-time parsing, size, time, memory and
character limits, non-regular files refused unopened, a dying worker failing only its file,
and a file without text failing instead of becoming an empty review."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.errors import IngestError, NoReadableText
from ingest.limits import IsolatedRunner, Limits
from ingest.pipeline import parse_document
from tests.ingest.limits_worker import work

HEAD = "Serious Case Review: Child D\n\n1.1 The health visitor saw the baby.\n\n"
GOOD = (
    "Serious Case Review: Child E\n\n1.1 The health visitor saw the baby at home and noted "
    "that the father was not there.\n\n1.2 The GP was not told about the bruise.\n"
)
GOOD2 = (
    "Serious Case Review: Child F\n\n1.1 The school nurse noticed the weight loss and made a "
    "referral to children's social care.\n"
)


def _cli(args: list[str], data: Path) -> Any:
    env = {"CASEGRAPH_EMBEDDER": "fake"}
    return CliRunner().invoke(main, ["ingest", "--json", "--data-dir", str(data), *args], env=env)


def _outcome(result: Any) -> dict[str, tuple[str, str | None]]:
    report = json.loads(result.stdout)
    return {Path(f["path"]).name: (f["status"], f["error"]) for f in report["files"]}


def test_the_issues_batch_dots_and_a_fifo(tmp_path: Path) -> None:
    """good.txt dots.txt f.pdf good2.txt: the FIFO is refused unopened, 60,000 dots parse
    well inside a 60 s limit (they took over 120 s), the good files are stored."""
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "dots.txt").write_text(HEAD + "." * 60_000 + "x\n")
    os.mkfifo(tmp_path / "f.pdf")
    (tmp_path / "good2.txt").write_text(GOOD2)
    names = ["good.txt", "dots.txt", "f.pdf", "good2.txt"]
    result = _cli(["--no-enrich", "--file-timeout", "60", *(str(tmp_path / n) for n in names)],
                  tmp_path / "D")  # fmt: skip
    assert result.exit_code == 1  # the FIFO failed
    outcome = _outcome(result)
    assert outcome["good.txt"][0] == outcome["good2.txt"][0] == "ingested"
    assert outcome["dots.txt"][0] == "ingested", outcome["dots.txt"]
    assert outcome["f.pdf"][0] == "failed" and "FIFO" in (outcome["f.pdf"][1] or "")


def test_a_paragraph_of_300000_words_parses_in_linear_time(tmp_path: Path) -> None:
    """One paragraph of 5,000 lines (300,000 words), as on the campaign's giant PDF page:
    joining its lines re-searched the whole paragraph each time (168 s; now about 5 s)."""
    line = " ".join(["the health visitor saw the baby and the father"] * 6)
    (tmp_path / "long.txt").write_text(HEAD + "\n".join([line] * 5_000) + "\n")
    result = _cli(["--no-enrich", "--file-timeout", "60", str(tmp_path / "long.txt")],
                  tmp_path / "D")  # fmt: skip
    assert _outcome(result)["long.txt"][0] == "ingested", _outcome(result)


def test_a_sparse_2_gib_pdf_is_refused_by_size_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as sparse:
        sparse.write(b"%PDF-1.4\n")
        sparse.seek(2**31)
        sparse.write(b"x")
    (tmp_path / "good.txt").write_text(GOOD)
    result = _cli([str(big), str(tmp_path / "good.txt")], tmp_path / "D")
    outcome = _outcome(result)
    assert outcome["big.pdf"][0] == "failed" and "over the limit of 200 MB" in outcome["big.pdf"][1]
    assert outcome["good.txt"][0] == "ingested"


def test_size_and_character_limits_are_settable(
    tmp_path: Path,
) -> None:
    (tmp_path / "long.txt").write_text(HEAD + "The social worker visited the family. " * 200)
    by_option = _cli(["--no-enrich", "--max-chars", "2000", str(tmp_path / "long.txt")],
                     tmp_path / "D")  # fmt: skip
    assert "over the limit of 2,000" in _outcome(by_option)["long.txt"][1]
    by_env = CliRunner().invoke(
        main,
        ["ingest", "--json", "--no-enrich", "--data-dir", str(tmp_path / "E"),
         str(tmp_path / "long.txt")],
        env={"CASEGRAPH_MAX_FILE_MB": "0.001"},
    )  # fmt: skip
    assert "over the limit of 0.001 MB" in _outcome(by_env)["long.txt"][1]


def test_a_file_without_any_text_fails_instead_of_an_empty_review(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(b"\n\n . \n\x0c\n ; \n")
    with pytest.raises(NoReadableText):
        parse_document(damaged, damaged.read_bytes())
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([damaged], store)
    assert report.count("failed") == 1 and not store.reviews()


# -- the worker processes -----------------------------------------------------------------------


def _run(jobs: list[tuple[str, str]], limits: Limits, workers: int = 2) -> dict[str, Any]:
    runner = IsolatedRunner(work, workers, limits)
    found: list[tuple[Path, Any]] = []
    try:
        for name, how in jobs:
            found += runner.submit(Path(name), how)
        found += runner.drain()
    finally:
        runner.close()
    assert [path.name for path, _ in found] == [name for name, _ in jobs]  # input order
    return {path.name: outcome for path, outcome in found}


def test_a_killed_worker_fails_its_file_and_the_batch_goes_on() -> None:
    outcome = _run([("a", "ok"), ("b", "die"), ("c", "ok"), ("d", "ok")], Limits())
    assert outcome["a"] == "parsed a" and outcome["c"] == "parsed c" and outcome["d"] == "parsed d"
    assert isinstance(outcome["b"], IngestError) and "SIGKILL" in outcome["b"].reason


def test_a_file_over_the_time_limit_is_stopped() -> None:
    started = time.monotonic()
    outcome = _run([("slow", "hang"), ("fast", "ok")], Limits(file_seconds=5))
    assert time.monotonic() - started < 40  # not the 60 s the file would take
    assert isinstance(outcome["slow"], IngestError) and "longer than 5 s" in outcome["slow"].reason
    assert outcome["fast"] == "parsed fast"


def test_a_worker_over_the_memory_cap_fails_its_file() -> None:
    outcome = _run([("hog", "eat"), ("next", "ok")], Limits(worker_memory_mb=600))
    assert isinstance(outcome["hog"], IngestError) and "memory" in outcome["hog"].reason
    assert outcome["next"] == "parsed next"


def test_errors_of_the_parser_come_back_as_they_are() -> None:
    outcome = _run([("x", "raise")], Limits(), workers=1)
    assert isinstance(outcome["x"], IngestError) and outcome["x"].reason.endswith("(bad)")


def test_ctrl_c_at_the_terminal_reaches_no_parser_process(tmp_path: Path) -> None:
    """Ctrl-C goes to every process of the terminal's group: the forkserver (which imports the
    parser when it starts) and its workers ignore it, so none prints a traceback; the ingest
    itself stops the batch and the workers with it. A worker whose batch has stopped, with
    nobody left to read its result, ends quietly."""
    import multiprocessing
    import signal
    from multiprocessing import forkserver

    from ingest.limits import _reply

    runner = IsolatedRunner(work, 1, Limits(file_seconds=30, worker_memory_mb=600))
    try:
        found = [*runner.submit(tmp_path / "a.txt", "sigint"), *runner.drain()]
    finally:
        runner.close()
    assert [result for _, result in found] == [repr(signal.SIG_IGN)]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # ours is back
    pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    status = Path(f"/proc/{pid}/status").read_text()
    [ignored] = [line.split()[1] for line in status.splitlines() if line.startswith("SigIgn")]
    assert int(ignored, 16) & (1 << (signal.SIGINT - 1))

    receiver, sender = multiprocessing.Pipe(duplex=False)
    receiver.close()  # the batch stopped: nobody reads
    _reply(sender, "parsed b.txt", 600)  # no BrokenPipeError
