"""Abbreviations after which a full stop does not end a sentence ("Mr. Smith", "e.g. The"):
one list for the parser's headings and the briefing's sentences."""

from __future__ import annotations

import re

ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|para|paras|p|pp|e\.g|i\.e|cf|vs)\.$", re.I)


def ends_in_abbreviation(text: str) -> bool:
    """Whether the text ends in an abbreviation and its full stop."""
    return ABBREVIATION.search(text.rstrip()) is not None
