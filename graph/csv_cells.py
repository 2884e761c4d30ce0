"""CSV cells that a spreadsheet cannot run: text starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
so Excel, LibreOffice and Google Sheets show it as text (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write in a CSV cell; text that would start a formula is made plain."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a row neutralised."""
    return {key: neutralise(value) for key, value in row.items()}


PROVENANCE_ROWS = 3  # read an export with pandas.read_csv(path, skiprows=PROVENANCE_ROWS)


def provenance_lines(what: str, filters: str, now: dt.datetime | None = None) -> list[str]:
    """What an export holds, the filters that chose it and when, one line each (a query's
    line breaks flattened): the rows over a CSV, the lines under a Markdown or Word title."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    rows = (f"casegraph: {what}", f"filters: {filters}", f"exported: {stamp}")
    return [" ".join(row.split()) for row in rows]


def provenance_rows(what: str, filters: str, now: dt.datetime | None = None) -> str:
    """The rows over an exported CSV (provenance_lines)."""
    return comment_rows(provenance_lines(what, filters, now))


def comment_rows(lines: Sequence[str]) -> str:
    """Lines as CSV rows of one cell starting with '#' (quoted when it holds a comma, so that
    it stays one cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for line in lines:
        writer.writerow([f"# {line}"])
    return buffer.getvalue()
