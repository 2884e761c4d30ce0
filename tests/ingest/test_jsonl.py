"""JSON-lines records: blank lines skipped, a bad line named with its file and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.jsonl import json_lines


def test_records_keep_their_line_numbers_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "truth.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert list(json_lines(path)) == [(1, {"id": "a"}), (3, {"id": "b"})]


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "truth.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"truth\.jsonl: line 2 is not JSON"):
        list(json_lines(path))
