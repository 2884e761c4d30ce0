"""`casegraph eval review-themes`: review-level themes against coded truth, per theme and
micro, with every review's missed and extra themes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from casegraph.components import build_enricher
from ingest.review_theme_eval import (
    Read,
    cross_validate,
    evaluate,
    fold_of,
    half_of,
    load_truth,
    read_reviews,
)
from ingest.themes import load_taxonomy
from ingest.themes.review_level import Rule

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


class _Scripted(Read):
    """A read review whose themes under each setting are given (no parsing, no model)."""

    def __init__(self, review_id: str, truth: set[str], by_rule: dict[Rule, set[str]]) -> None:
        self.id, self.truth, self.by_rule = review_id, truth, by_rule

    def themes(self, rule: Rule) -> set[str]:
        return self.by_rule[rule]


def test_folds_split_by_id_and_stay_put() -> None:
    ids = [f"r{n:03d}" for n in range(500)]
    folds = [fold_of(review_id, 5) for review_id in ids]
    assert all(60 < folds.count(fold) < 140 for fold in range(5))
    assert folds == [fold_of(review_id, 5) for review_id in ids]


def test_cross_validation_chooses_on_other_folds_and_pools_held_out_scores() -> None:
    strict, loose = Rule(supported_at=1.0), Rule(supported_at=0.34)
    # the loose setting finds every theme and nothing extra: it wins on any training folds
    reads = [
        _Scripted(f"r{n}", {"neglect"}, {strict: set(), loose: {"neglect"}}) for n in range(20)
    ]
    result = cross_validate(reads, (strict, loose), folds=5)
    assert {fold["rule"]["supported_at"] for fold in result["chosen"]} == {0.34}
    assert sum(fold["reviews"] for fold in result["chosen"]) == 20
    assert result["out_of_fold"]["micro"]["recall"] == 1.0
    assert result["chosen_on_all"]["supported_at"] == 0.34


def test_cross_validation_prefers_recall_only_above_the_precision_floor() -> None:
    careful, greedy = Rule(body_practice=0.34), Rule(body_practice=1.0)
    reads = [
        _Scripted(
            f"r{n}",
            {"neglect", "risk_assessment"},
            # greedy finds both themes but adds three wrong ones: precision 0.4
            {careful: {"neglect"}, greedy: {"neglect", "risk_assessment", "a", "b", "c"}},
        )
        for n in range(10)
    ]
    assert cross_validate(reads, (greedy, careful), folds=2)["chosen_on_all"] == vars(careful)


def test_reviews_are_read_once_and_rescored_under_each_setting(tmp_path: Path) -> None:
    (tmp_path / "r1.txt").write_text(CO_SLEEPING)
    rows = [
        {"id": "r1", "source": "x", "themes": ["sudi_unsafe_sleep"]},
        {"id": "r2", "themes": []},
    ]
    records = load_truth(_truth(tmp_path, rows), load_taxonomy().ids)
    enriched = []

    def enrich(document):
        enriched.append(document.file_name)
        return build_enricher("fake", None)(document)

    reads, missing = read_reviews(records, tmp_path, enrich)
    assert missing == ["r2"] and enriched == ["r1.txt"]
    assert "sudi_unsafe_sleep" in reads[0].themes(Rule())
    assert "sudi_unsafe_sleep" in reads[0].themes(Rule(carry_at=1.0, supported_at=1.0))


def test_the_command_reports_out_of_fold_next_to_in_sample(tmp_path: Path) -> None:
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
    args = ["eval", "review-themes", "--truth", str(truth), "--docs", str(docs), "--folds", "2"]
    result = CliRunner().invoke(main, [*args, "--json"], env={"CASEGRAPH_EMBEDDER": "fake"})
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["out_of_fold"]["documents"] == report["in_sample"]["documents"] == 2
    assert len(report["chosen"]) == 2
