"""Theme evaluation: counts, averages, table, and JSONL classification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.embed import FakeEmbedder
from ingest.theme_eval import classify_jsonl, evaluate, evaluate_classifier, format_table
from ingest.themes import ThemeClassifier, load_taxonomy

GOLD = [
    {"id": "a", "themes": ["neglect", "education"]},
    {"id": "b", "themes": ["neglect"]},
    {"id": "c", "themes": ["neglect", "covid_19"]},
    {"id": "d", "themes": []},
]
PREDICTED = {"a": ["neglect"], "b": ["neglect", "covid_19"], "c": ["covid_19"], "d": ["education"]}


def test_per_theme_counts_and_scores() -> None:
    report = evaluate(GOLD, PREDICTED)
    neglect = report.per_theme["neglect"]
    assert (neglect.tp, neglect.fp, neglect.fn, neglect.support) == (2, 0, 1, 3)
    assert neglect.precision == 1.0
    assert neglect.recall == pytest.approx(2 / 3)
    assert neglect.f1 == pytest.approx(0.8)
    covid = report.per_theme["covid_19"]
    assert (covid.tp, covid.fp, covid.fn) == (1, 1, 0)
    education = report.per_theme["education"]
    assert (education.tp, education.fp, education.fn) == (0, 1, 1)
    assert education.f1 == 0.0


def test_micro_and_macro() -> None:
    report = evaluate(GOLD, PREDICTED)
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (3, 2, 2)
    assert micro.f1 == pytest.approx(0.6)
    # Only neglect has three gold passages.
    assert report.macro_f1() == pytest.approx(0.8)
    assert report.macro_f1(1) == pytest.approx((0.8 + 2 / 3 + 0.0) / 3)


def test_predictions_as_rows_and_missing_ids() -> None:
    rows = [{"id": "a", "themes": ["neglect", "education"]}]
    report = evaluate(GOLD, rows)
    assert report.per_theme["neglect"].fn == 2
    assert report.micro.fp == 0


def test_report_json_and_table() -> None:
    report = evaluate(GOLD, PREDICTED)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["per_theme"]["neglect"]["support"] == 3
    assert data["micro"]["f1"] == pytest.approx(0.6)
    table = format_table(report)
    assert "neglect" in table and "micro" in table and "macro F1" in table


def test_classify_jsonl_writes_the_documented_rows(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = {
        "p1": "The father smoked cannabis every day in front of the baby.",
        "p2": "Of the 257 incidents reported since 2018, 92 were eligible.",
    }
    source.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    target = tmp_path / "out.jsonl"
    classifier = ThemeClassifier(load_taxonomy(), FakeEmbedder())
    assert classify_jsonl(source, target, classifier, batch_size=1) == 2
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert set(rows[0]) == {"id", "themes", "scores", "evidence"}
    assert {"cannabis", "substance_misuse"} <= set(rows[0]["themes"])
    assert all(isinstance(s, str) and s in texts["p1"] for s in rows[0]["evidence"]["cannabis"])
    assert rows[1]["themes"] == []


def test_evaluate_classifier_reads_a_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "x", "text": "There was no evidence of domestic abuse.", "themes": []},
        {
            "id": "y",
            "text": "Police attended a domestic violence incident.",
            "themes": ["domestic_abuse"],
        },
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = evaluate_classifier(gold, ThemeClassifier(load_taxonomy(), FakeEmbedder()))
    assert report.per_theme["domestic_abuse"].f1 == 1.0


def test_a_gold_line_without_a_text_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "Fine.", "themes": []}\n{"id": "y", "themes": []}\n')
    with pytest.raises(ValueError, match=r'gold\.jsonl: line 2 needs an "id" and a string "text"'):
        evaluate_classifier(gold, ThemeClassifier(load_taxonomy(), FakeEmbedder()))
