"""`casegraph eval review-themes`: review-level themes against coded truth, per theme and
micro, with every review's missed and extra themes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from ingest.review_theme_eval import evaluate, half_of, load_truth
from ingest.themes import load_taxonomy

CO_SLEEPING = """Rapid Review: Baby H

Summary

The review concerns a baby who died at six weeks after co-sleeping with his father on a
sofa. The father's cannabis use had been known to the health visitor for a year.
"""
EXPLOITATION = """Thematic Review: Criminal Exploitation of Children in Ashdown

This review looks at county lines and the exploitation of three boys aged 14 to 16.
"""


def _truth(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "truth.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_counts_found_missed_and_extra_themes(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_text(CO_SLEEPING)
    (tmp_path / "r2.txt").write_text(EXPLOITATION)
    rows = [
        {"id": "r1", "source": "x", "themes": ["sudi_unsafe_sleep", "neglect"]},
        {"id": "r2", "source": "y", "themes": ["extra_familial_harm"]},
        {"id": "r3", "source": "z", "themes": []},
    ]
    records = load_truth(_truth(tmp_path, rows), load_taxonomy().ids)
    found = {"r1.txt": ["sudi_unsafe_sleep", "cannabis"]}

    def themer(document):  # stands in for the enricher: what ingest would store
        return found.get(document.file_name, ["extra_familial_harm"])

    report = evaluate(records, tmp_path, themer).as_dict()
    assert report["documents"] == 2 and report["missing"] == ["r3"]
    assert report["micro"]["tp"] == 2 and report["micro"]["fp"] == 1
    assert report["micro"]["fn"] == 1
    assert report["themes"]["neglect"]["recall"] == 0.0
    assert report["errors"] == [{"id": "r1", "missed": ["neglect"], "extra": ["cannabis"]}]


def test_bad_truth_lines_name_the_file_and_line(tmp_path: Path) -> None:
    ids = load_taxonomy().ids
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "r1", "themes": []}\nnot json\n')
    with pytest.raises(ValueError, match=r"bad.jsonl: line 2 is not JSON"):
        load_truth(bad, ids)
    unknown = _truth(tmp_path, [{"id": "r1", "themes": ["invisible_dads"]}])
    with pytest.raises(ValueError, match="line 1 has unknown theme ids: invisible_dads"):
        load_truth(unknown, ids)


def test_halves_split_by_id_and_stay_put() -> None:
    ids = [f"r{n:03d}" for n in range(200)]
    halves = [half_of(review_id) for review_id in ids]
    assert 70 < halves.count("A") < 130
    assert halves == [half_of(review_id) for review_id in ids]


def test_the_command_enriches_each_review_as_ingest_does(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "r1.txt").write_text(CO_SLEEPING)
    (docs / "r2.txt").write_text(EXPLOITATION)
    truth = _truth(
        tmp_path,
        [
            {"id": "r1", "source": "x", "themes": ["sudi_unsafe_sleep"]},
            {"id": "r2", "source": "y", "themes": ["extra_familial_harm"]},
        ],
    )
    result = CliRunner().invoke(
        main,
        ["eval", "review-themes", "--truth", str(truth), "--docs", str(docs), "--json"],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 2
    assert report["themes"]["sudi_unsafe_sleep"]["tp"] == 1
    assert report["themes"]["extra_familial_harm"]["tp"] == 1


def test_the_command_refuses_a_folder_without_any_document(tmp_path: Path) -> None:
    truth = _truth(tmp_path, [{"id": "r1", "source": "x", "themes": []}])
    result = CliRunner().invoke(
        main,
        ["eval", "review-themes", "--truth", str(truth), "--docs", str(tmp_path)],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )
    assert result.exit_code != 0
    assert "none of the 1 reviews has a document" in result.output
