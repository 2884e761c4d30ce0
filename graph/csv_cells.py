"""CSV cells that a spreadsheet cannot run: text starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
so Excel, LibreOffice and Google Sheets show it as text (OWASP "CSV injection")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
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


# Read an export with pandas.read_csv(path, comment="#"): an export may add notes under its
# PROVENANCE_ROWS (a theme's passages say how many reviews carry the theme).
PROVENANCE_ROWS = 3


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
    """Lines as comment rows over a CSV, each starting with '#' whatever it holds, so that
    pandas.read_csv(comment="#") skips them: written as they are, never quoted (a quoted row
    would start with '"#'). A line break inside a line becomes a space, and a double quote a
    single one, so no reader takes a row for the start of a quoted cell running on into the
    table; a comma stays (a spreadsheet shows the row over two cells)."""
    return "".join("# " + " ".join(line.replace('"', "'").split()) + "\n" for line in lines)


# A cell holding one of these is quoted: the csv module's own choice (a comma, a quote, a line
# break), and a '#', which pandas.read_csv(comment="#") would take for the start of a comment.
_QUOTED = re.compile('[,"\r\n#]')


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: neutralised (no formula), quoted when it needs it."""
    value = neutralise(value)
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"' if _QUOTED.search(text) else text


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """A CSV table: the header, then each row's cells under `columns` (a key not among them
    left out, a missing one empty), neutralised; lines end as the csv module ends them."""
    lines = [",".join(csv_cell(column) for column in columns)]
    lines += [",".join(csv_cell(row.get(column)) for column in columns) for row in rows]
    return "".join(line + "\r\n" for line in lines)
