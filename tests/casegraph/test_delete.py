"""`casegraph delete`: a review erased for good (issue 14). After the delete, a sentence
only that review contained is found in no file of the data directory, binary files included."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import main

ENV = {"CASEGRAPH_EMBEDDER": "fake"}
SECRET = "Quillon Harrowgate hid the infant in the boathouse at Wexcombe Mere."
KEEP = (
    "Serious Case Review: Child K\n\n1.1 The school nurse noticed the weight loss and made "
    "a referral to children's social care, which the team followed up at home.\n"
)
GONE = (
    "Serious Case Review: Child W\n\n1.1 The health visitor saw the baby at home and the "
    f"father was not there. {SECRET}\n\n1.2 The GP was not told about the bruise.\n"
)


def _files_holding(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {needle!r}" for needle in needles if needle in data]
    return found


def test_delete_erases_the_review_and_every_trace_of_its_text(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "D"
    (tmp_path / "keep.txt").write_text(KEEP)
    uploads = data / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "gone.txt").write_text(GONE)  # as the app keeps an upload
    result = runner.invoke(
        main, ["ingest", str(tmp_path / "keep.txt"), str(uploads / "gone.txt"),
               "--data-dir", str(data)], env=ENV,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(main, ["reviews", "--json", "--data-dir", str(data)]).stdout)
    gone = next(r["review_id"] for r in rows if "Child W" in (r["title"] or ""))
    kept = next(r["review_id"] for r in rows if r["review_id"] != gone)
    hits = json.loads(
        runner.invoke(main, ["search", "boathouse Wexcombe", "--json", "--data-dir", str(data)],
                      env=ENV).stdout
    )  # fmt: skip
    passage = next(h["passage_id"] for h in hits if h["review_id"] == gone)
    assert (
        runner.invoke(
            main, ["quotes", "add", "Briefing", passage, "--data-dir", str(data)], env=ENV
        ).exit_code
        == 0
    )
    needles = [SECRET.encode(), b"Quillon Harrowgate", b"Wexcombe"]
    assert _files_holding(data, needles)  # the test can fail: the text is there before

    refused = runner.invoke(main, ["delete", gone, "--data-dir", str(data)], input="n\n")
    assert refused.exit_code != 0 and "1 quote(s) taken from them" in refused.output
    assert gone in runner.invoke(main, ["reviews", "--data-dir", str(data)]).stdout

    erased = runner.invoke(main, ["delete", gone, "--yes", "--data-dir", str(data)], env=ENV)
    assert erased.exit_code == 0, erased.output
    assert "1 quote," in erased.output and "1 uploaded file;" in erased.output
    assert not (uploads / "gone.txt").exists()
    assert _files_holding(data, needles) == []
    signatures = sqlite3.connect(data / "cache" / "copy-signatures.sqlite")
    stored = {row[0] for row in signatures.execute("SELECT review_id FROM signatures_v1")}
    signatures.close()
    assert stored == {kept}  # no trace of its text in the near-copy signatures either

    listed = runner.invoke(main, ["reviews", "--json", "--data-dir", str(data)]).stdout
    assert [row["review_id"] for row in json.loads(listed)] == [kept]
    found = runner.invoke(main, ["search", "weight loss referral", "--json", "--data-dir",
                                 str(data)], env=ENV)  # fmt: skip
    assert {hit["review_id"] for hit in json.loads(found.stdout)} == {kept}
    assert "Quillon" not in runner.invoke(main, ["quotes", "list", "Briefing", "--data-dir",
                                                 str(data)]).output  # fmt: skip
    again = runner.invoke(main, ["ingest", str(tmp_path / "keep.txt"), "--data-dir", str(data)],
                          env=ENV)  # fmt: skip
    assert again.exit_code == 0 and "unchanged" in again.output


def test_delete_of_an_unknown_review_says_so(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text(KEEP)
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(tmp_path / "keep.txt"), "--data-dir", str(tmp_path)],
                  env=ENV)  # fmt: skip
    result = runner.invoke(main, ["delete", "nope", "--yes", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "no review 'nope'" in result.output


def test_delete_leaves_an_upload_whose_name_now_holds_another_review(tmp_path: Path) -> None:
    # the app removes an upload once ingested and reuses a free name for the next one
    runner = CliRunner()
    data = tmp_path / "D"
    upload = data / "uploads" / "review.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text(GONE)
    ingest = ["ingest", str(upload), "--data-dir", str(data)]
    assert runner.invoke(main, ingest, env=ENV).exit_code == 0
    upload.write_text(KEEP)
    assert runner.invoke(main, ingest, env=ENV).exit_code == 0
    rows = json.loads(runner.invoke(main, ["reviews", "--json", "--data-dir", str(data)]).stdout)
    gone = next(r["review_id"] for r in rows if "Child W" in (r["title"] or ""))

    erased = runner.invoke(main, ["delete", gone, "--yes", "--data-dir", str(data)], env=ENV)
    assert erased.exit_code == 0, erased.output
    assert upload.read_text() == KEEP  # the other review's file is still there
