"""Telling the database's own errors (a full disk, a damaged file: Kùzu raises RuntimeError)
from faults in our code, which must keep their traceback."""

from __future__ import annotations

from pathlib import Path

import kuzu
import pytest

from graph.store import from_database


def kuzu_error(tmp_path: Path) -> RuntimeError:
    connection = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    with pytest.raises(RuntimeError) as raised:
        connection.execute("MATCH (n:NoSuchTable) RETURN n")
    return raised.value


def test_an_error_raised_by_kuzu_is_the_database_s(tmp_path: Path) -> None:
    assert from_database(kuzu_error(tmp_path))


def test_a_runtime_error_of_our_own_is_not(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError) as raised:
        raise RuntimeError("a fault in casegraph")
    assert not from_database(raised.value)
    assert not from_database(RuntimeError("never raised, no traceback"))


def test_an_error_of_another_type_is_not(tmp_path: Path) -> None:
    with pytest.raises(TypeError) as raised:  # raised in kuzu's own code, but not a RuntimeError
        kuzu.Database(str(tmp_path / "db"), buffer_pool_size="lots")  # type: ignore[arg-type]
    assert not from_database(raised.value)
