"""`casegraph eval metadata`: per-field accuracy against a manifest of stated values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from ingest.metadata_eval import evaluate, load_manifest, same_value

REVIEW = """Serious Case Review
Child Q

Pennick Vale Safeguarding Children Partnership
Published: June 2019

Child Q was a boy who died aged 4 months in March 2017.
"""


def _manifest(tmp_path: Path, fields: dict[str, object]) -> Path:
    path = tmp_path / "manifest.jsonl"
    path.write_text(json.dumps({"id": "r1", "source": "x", "fields": fields}) + "\n")
    return path


def test_a_value_found_where_none_is_stated_counts_as_guessed(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_text(REVIEW)
    manifest = _manifest(
        tmp_path, {"review_type": "serious_case_review", "author": None, "publication_date": None}
    )
    report = evaluate(load_manifest(manifest), tmp_path).as_dict()
    assert report["fields"]["review_type"]["correct"] == 1
    assert report["fields"]["publication_date"] == {
        "stated": 0,
        "correct": 0,
        "unstated": 1,
        "guessed": 1,
        "accuracy": None,
    }
    assert [miss["field"] for miss in report["errors"]] == ["publication_date"]


def test_reviews_without_a_document_are_listed_not_scored(tmp_path: Path) -> None:
    report = evaluate(load_manifest(_manifest(tmp_path, {"title": "X"})), tmp_path)
    assert report.documents == 0 and report.missing == ["r1"]


def test_names_compare_as_a_reader_would() -> None:
    assert same_value(
        "partnership",
        "Pennick & Vale Safeguarding Children’s Board",
        "PENNICK AND VALE SAFEGUARDING CHILDREN'S BOARD",
    )
    assert same_value("author", ["Ann Lee", "Bo Tran"], "Dr Ann Lee and Bo Tran")
    assert not same_value("author", "Ann Lee", "Ann Leeds")
    assert not same_value("incident_year", 2017, 2018)
    assert same_value("child_age", "aged 15", "15 years")  # a bare age is in years
    assert not same_value("child_age", "aged 15", "15 months")
    assert same_value("child_pseudonyms", ["the K family"], ["Family K"])
    assert not same_value("child_pseudonyms", ["Family K"], ["Family L"])


def test_the_command_reports_a_bad_manifest_line_by_number(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "r1", "fields": {}}\nnot json\n')
    result = CliRunner().invoke(
        main, ["eval", "metadata", "--truth", str(manifest), "--docs", str(tmp_path)]
    )
    assert result.exit_code != 0 and "line 2" in result.output


def test_the_command_parses_with_the_ocr_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest import metadata_eval

    (tmp_path / "r1.txt").write_text(REVIEW)
    seen: list[object] = []
    parse = metadata_eval.parse_document

    def recording(path: Path, data: bytes, options: object = None) -> object:
        seen.append(getattr(options, "ocr", None))
        return parse(path, data, options)  # type: ignore[arg-type]

    monkeypatch.setattr(metadata_eval, "parse_document", recording)
    monkeypatch.setenv("CASEGRAPH_OCR", "off")
    manifest = _manifest(tmp_path, {"title": "Serious Case Review"})
    result = CliRunner().invoke(
        main, ["eval", "metadata", "--truth", str(manifest), "--docs", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert seen == ["off"]
