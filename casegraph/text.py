"""Text from documents and file names made safe to print in a terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters (escape sequences start with ESC or CSI), except tab and newline,
# and the bidirectional overrides that reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """The text without control characters: no terminal escape code from a file name or a
    document reaches the terminal."""
    return _CONTROL.sub("", text)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`noun` for one, else its plural (`many`, or `noun` + "s"): "1 review", "2 reviews"."""
    return noun if count == 1 else (many or noun + "s")


def counted(count: int, noun: str, many: str | None = None) -> str:
    """The number and the noun that agrees with it: "1 passage", "3 passages"."""
    return f"{count} {plural(count, noun, many)}"


def scored(documents: int, missing: int) -> str:
    """'171 reviews scored; 24 more in the truth file have no document in the folder'."""
    more = f"; {missing} more in the truth file have no document in the folder" if missing else ""
    return f"{counted(documents, 'review')} scored{more}"
