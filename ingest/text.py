"""Read plain-text and Markdown documents into pages of lines."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import NotUtf8
from ingest.types import Line, Page

# No bracket inside the label and no parenthesis inside the target: each try stops at the next
# one, so a long run of "[" or "[a](" is read in linear time.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD = re.compile(r"\*\*[^*\s][^*]*\*\*")  # **bold**: Markdown even in a .txt file


def read_text(path: Path, data: bytes, encoding: str = "utf-8") -> list[Page]:
    """Pages of a text file: form feeds separate pages; otherwise it is one page."""
    try:
        text = data.decode("utf-8-sig" if encoding.lower() in {"utf-8", "utf8"} else encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        line = data[: error.start].count(b"\n") + 1
        raise NotUtf8(
            path,
            f"byte 0x{bad} on line {line}; re-save it as UTF-8 or pass --encoding, e.g. cp1252",
        ) from error
    except LookupError as error:
        raise NotUtf8(path, f"unknown encoding {encoding!r}") from error
    markdown = path.suffix.lower() == ".md" or bool(_LINK.search(text) or _BOLD.search(text))
    return [
        Page(number, [_line(raw, markdown) for raw in chunk.splitlines()])
        for number, chunk in enumerate(text.split("\f"), start=1)
    ]


def _line(raw: str, markdown: bool) -> Line:
    if not markdown:
        return Line(raw)
    heading = _HEADING.match(raw)
    text = heading.group(2) if heading else raw
    text = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))
    # A markdown heading is marked like a bold line of a PDF.
    return Line(text, bold=heading is not None)
