"""The reranker's training judgements: read whole, a bad line named with its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.jsonl import BadJsonLines
from search_app.rerank_train import load_judgements

QUERY = {"qid": "r1", "query": "cannabis in the home"}
JUDGED = {"qid": "r1", "passage_id": "p1", "starts": "The father smoked", "grade": 2}


def folder_of(tmp_path: Path, queries: list[str], judgements: list[str]) -> Path:
    (tmp_path / "queries.jsonl").write_text("\n".join(queries) + "\n", encoding="utf-8")
    (tmp_path / "judgements.jsonl").write_text("\n".join(judgements) + "\n", encoding="utf-8")
    return tmp_path


def test_the_shipped_judgements_are_read() -> None:
    queries, judged = load_judgements()
    assert queries and judged
    assert {row["qid"] for row in judged} <= set(queries)


def test_judgements_are_read_with_blank_lines_between(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, [json.dumps(QUERY), ""], [json.dumps(JUDGED), "", ""])
    assert load_judgements(folder) == ({"r1": "cannabis in the home"}, [JUDGED])


@pytest.mark.parametrize(
    ("queries", "judgements", "said"),
    [
        (["{"], [json.dumps(JUDGED)], r"queries\.jsonl: line 1 is not JSON"),
        ([json.dumps({"qid": "r1"})], [json.dumps(JUDGED)], r"queries\.jsonl: line 1 needs"),
        (
            [json.dumps(QUERY)],
            [json.dumps(JUDGED), json.dumps({**JUDGED, "grade": "high"})],
            r'judgements\.jsonl: line 2 needs .* a number "grade"',
        ),
    ],
)
def test_a_bad_line_is_named(
    tmp_path: Path, queries: list[str], judgements: list[str], said: str
) -> None:
    with pytest.raises(BadJsonLines, match=said):
        load_judgements(folder_of(tmp_path, queries, judgements))
