"""Reading a JSON-lines file of records, where a bad line is an error naming the file and the
line (manifests, truth files, gold sets, training labels, judgements). Every JSON-lines input
is read here."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

# What a record needs: each field and the type of its value (None: any value but null).
Needs = Mapping[str, type | tuple[type, ...] | None]

_KINDS: dict[type, str] = {str: "a string", list: "a list", dict: "an object", int: "a number"}


class BadJsonLines(ValueError):
    """A JSON-lines file that cannot be used; the message names the file and the line."""


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Each non-blank line's number and parsed value."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BadJsonLines(f"{path}: not UTF-8 text (byte {error.start})") from error
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw)
        except json.JSONDecodeError as error:
            raise BadJsonLines(f"{path}: line {number} is not JSON ({error.msg})") from error


def json_records(path: Path, needs: Needs) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each non-blank line's number and object, which holds the fields `needs` names."""
    for number, record in json_lines(path):
        yield number, required(path, number, record, needs)


def required(path: Path, number: int, record: Any, needs: Needs) -> dict[str, Any]:
    """The record, if it is an object holding each field of `needs` with a value of its type;
    else BadJsonLines naming the line and what it needs."""
    if isinstance(record, dict) and all(_holds(record, f, kind) for f, kind in needs.items()):
        return record
    raise BadJsonLines(f"{path}: line {number} needs {_described(needs)}")


def _holds(record: dict[str, Any], field: str, kind: type | tuple[type, ...] | None) -> bool:
    value = record.get(field)
    return value is not None and (kind is None or isinstance(value, kind))


def _described(needs: Needs) -> str:
    """'an "id" and a string "text"'."""
    parts = [_one(field, kind) for field, kind in needs.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _one(field: str, kind: type | tuple[type, ...] | None) -> str:
    if isinstance(kind, type) and kind in _KINDS:
        return f'{_KINDS[kind]} "{field}"'
    return f'{"an" if field[:1] in tuple("aeiou") else "a"} "{field}"'
