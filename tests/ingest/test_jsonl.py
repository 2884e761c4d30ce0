"""JSON-lines records: blank lines skipped, a bad line named with its file and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.jsonl import BadJsonLines, json_lines, json_records


def test_records_keep_their_line_numbers_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "truth.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert list(json_lines(path)) == [(1, {"id": "a"}), (3, {"id": "b"})]


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "truth.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"truth\.jsonl: line 2 is not JSON"):
        list(json_lines(path))


def test_a_bad_line_is_its_own_kind_of_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n[\n', encoding="utf-8")
    with pytest.raises(BadJsonLines, match=r"gold\.jsonl: line 2 is not JSON"):
        list(json_lines(path))


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b'{"id": "caf\xe9"}\n')
    with pytest.raises(BadJsonLines, match=r"gold\.jsonl: not UTF-8 text \(byte 11\)"):
        list(json_lines(path))


NEEDS = {"id": None, "text": str, "agencies": list}


def test_records_with_what_they_need_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": 7, "text": "", "agencies": [], "more": 1}\n', encoding="utf-8")
    assert list(json_records(path, NEEDS)) == [
        (1, {"id": 7, "text": "", "agencies": [], "more": 1})
    ]


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "t", "agencies": []}',  # no id
        '{"id": null, "text": "t", "agencies": []}',
        '{"id": "a", "text": 3, "agencies": []}',
        '{"id": "a", "text": "t", "agencies": "police"}',
        '["a", "t", []]',
        '"a"',
    ],
)
def test_a_record_without_what_it_needs_is_named(tmp_path: Path, line: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "t", "agencies": []}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(BadJsonLines) as raised:
        list(json_records(path, NEEDS))
    assert str(raised.value) == (
        f'{path}: line 3 needs an "id", a string "text" and a list "agencies"'
    )
