"""The stored training labels: coder agreement and a recode of some themes under a new codebook."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest.themes.labels import agreement, cohen_kappa, recode


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_kappa_is_one_for_identical_codings_and_zero_for_chance() -> None:
    assert cohen_kappa([True, False, True], [True, False, True]) == 1.0
    assert cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0


def test_agreement_counts_each_coder_per_theme() -> None:
    report = agreement(
        {"p1": ["neglect"], "p2": []}, {"p1": ["neglect"], "p2": ["neglect"]}, ["neglect"]
    )
    assert report["per_theme"]["neglect"] == {"kappa": 0.0, "coder1": 1, "coder2": 2, "both": 1}
    assert report["exact_match"] == 0.5


def test_a_recode_replaces_only_the_recoded_themes_and_keeps_both_codings(tmp_path: Path) -> None:
    rows = [
        {"id": "w1", "kind": "written", "text": "x", "themes": ["neglect", "risk_assessment"]},
        {"id": "w2", "kind": "written", "text": "y", "themes": ["voice_of_child"]},
    ]
    _write(
        tmp_path / "coderA.jsonl",
        [{"id": "w1", "themes": []}, {"id": "w2", "themes": ["voice_of_child"]}],
    )
    _write(
        tmp_path / "coderB.jsonl",
        [{"id": "w1", "themes": ["risk_assessment"]}, {"id": "w2", "themes": []}],
    )
    _write(
        tmp_path / "adjudicated.jsonl",
        [
            {"id": "w1", "themes": [], "decided": "adjudicated"},
            {"id": "w2", "themes": [], "decided": "adjudicated"},
        ],
    )
    out, report = recode(rows, tmp_path, ["risk_assessment", "voice_of_child"], codebook="strict")
    assert [r["themes"] for r in out] == [["neglect"], []]
    assert [r["first_themes"] for r in out] == [["neglect", "risk_assessment"], ["voice_of_child"]]
    assert out[0]["recode"]["coderB"] == ["risk_assessment"]
    assert out[1]["recode"]["decided_by"] == "adjudicated"
    assert report["codebook"] == "strict" and report["passages"] == 2


def test_a_recode_that_misses_a_passage_or_strays_out_of_scope_is_refused(tmp_path: Path) -> None:
    rows = [{"id": "w1", "kind": "written", "text": "x", "themes": []}]
    for name in ("coderA", "coderB", "adjudicated"):
        _write(tmp_path / f"{name}.jsonl", [{"id": "w1", "themes": ["neglect"]}])
    with pytest.raises(ValueError, match="unknown themes"):
        recode(rows, tmp_path, ["risk_assessment"], codebook="strict")
    for name in ("coderA", "coderB", "adjudicated"):
        _write(tmp_path / f"{name}.jsonl", [{"id": "other", "themes": []}])
    with pytest.raises(ValueError, match="no adjudicated recode"):
        recode(rows, tmp_path, ["risk_assessment"], codebook="strict")


def test_a_document_passage_the_parser_moved_is_found_by_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.themes.labels as labels

    kept = "The health visitor never met the mother's new partner."
    lost = "This sentence is no longer in the parsed document at all."
    text = "Header line.\n" + kept + "\nMore text follows here."
    doc = SimpleNamespace(text=text, passages=[SimpleNamespace(text=kept)])
    monkeypatch.setattr(labels, "_document", lambda name, sha256: doc)

    def row(pid: str, passage: str, start: int) -> dict[str, object]:
        return {
            "id": pid,
            "kind": "document",
            "file": "review.pdf",
            "file_sha256": "x",
            "char_start": start,
            "char_end": start + len(passage),
            "text_sha256": labels.text_hash(passage),
            "themes": ["hidden_men"],
        }

    path = tmp_path / "themes.jsonl"
    _write(path, [row("d1", kept, 0), row("d2", lost, 3)])  # both offsets are now wrong
    examples, skipped = labels.load_examples(path)
    assert [(e.id, e.text, e.group) for e in examples] == [("d1", kept, "review.pdf")]
    assert [s.id for s in skipped] == ["d2"] and "review.pdf" in skipped[0].reason


def test_training_reads_the_chosen_coding_of_a_recoded_passage(tmp_path: Path) -> None:
    from ingest.themes.labels import load_examples

    path = tmp_path / "themes.jsonl"
    _write(
        path,
        [
            {
                "id": "w1",
                "kind": "written",
                "text": "x",
                "first_themes": ["hidden_men"],
                "themes": [],
            },
            {"id": "w2", "kind": "written", "text": "y", "themes": ["neglect"]},  # never recoded
        ],
    )
    first, _ = load_examples(path)
    recoded, _ = load_examples(path, coding="themes")
    assert [e.themes for e in first] == [("hidden_men",), ("neglect",)]
    assert [e.themes for e in recoded] == [(), ("neglect",)]
