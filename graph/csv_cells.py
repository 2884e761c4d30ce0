"""CSV cells that a spreadsheet cannot run: text starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
so Excel, LibreOffice and Google Sheets show it as text (OWASP "CSV injection")."""

from __future__ import annotations

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
