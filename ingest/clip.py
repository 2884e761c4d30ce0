"""Text cut to a length for display: at a word, with an ellipsis."""

from __future__ import annotations

WORD_SHOWN = 40  # characters of a typed word a message repeats (a 3,000-letter "word")


def clipped(text: str, limit: int) -> str:
    """The text, or its words before `limit` characters and an ellipsis: "…" straight after
    a cut word, " …" after a full stop, so that "… for. …" reads as an excerpt does."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # the last word was cut in two: leave it out
    cut = cut.rstrip(" ,;:")
    return cut + (" …" if cut.endswith((".", "!", "?")) else "…")
