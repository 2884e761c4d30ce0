from pathlib import Path

import pytest

from graph.json_store import JsonStore
from graph.store import StoreLocked
from ingest.pipeline import parse_document


def document(
    tmp_path: Path,
    text: str = "Background\n\nChild D lived with her mother and her mother's partner.",
):
    path = tmp_path / "review.txt"
    path.write_text(text)
    return parse_document(path, path.read_bytes())


def test_put_known_and_read_back(tmp_path: Path) -> None:
    store = JsonStore(tmp_path / "data")
    parsed = document(tmp_path)
    with store.writer():
        assert store.known(parsed.content_sha256, "1") is None
        store.put(parsed, "1")
    reopened = JsonStore(tmp_path / "data")
    assert reopened.known(parsed.content_sha256, "1") == parsed.review_id
    assert reopened.known(parsed.content_sha256, "2") is None  # a newer parser re-parses
    stored = reopened.document(parsed.review_id)
    assert stored is not None and stored["passages"][0]["text"] == parsed.passages[0].text
    assert [row["review_id"] for row in reopened.reviews()] == [parsed.review_id]
    assert not list((tmp_path / "data").rglob("*.tmp"))


def test_second_writer_is_refused(tmp_path: Path) -> None:
    first, second = JsonStore(tmp_path / "data"), JsonStore(tmp_path / "data")
    with (
        first.writer(),
        pytest.raises(StoreLocked, match="another casegraph process is writing"),
        second.writer(),
    ):
        pass
    with second.writer():  # free again once the first is done
        pass
