"""Match a theme's cue patterns in a segmented passage, discounting negations and names."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ingest.themes.segment import Segmented
from ingest.themes.taxonomy import Theme

# How much a cue still counts when it sits in a title, name, citation or contents page.
PASSING_FACTOR = 0.15

_NEGATOR = re.compile(
    r"(?<!\w)(?:no|not|never|without|nor|neither|denied|denies|deny|absence of|ruled out|"
    r"free (?:of|from))(?!\w)",
    re.IGNORECASE,
)
# Words that may sit between a negator and the factor it negates ("no known history of").
_FILLER = {
    "of",
    "any",
    "evidence",
    "history",
    "histories",
    "indication",
    "indications",
    "sign",
    "signs",
    "concern",
    "concerns",
    "known",
    "previous",
    "prior",
    "recorded",
    "reported",
    "disclosed",
    "current",
    "significant",
    "suggestion",
    "mention",
    "record",
    "records",
    "report",
    "reports",
    "allegation",
    "allegations",
    "the",
    "a",
    "an",
    "there",
    "was",
    "were",
    "apparent",
    "identified",
    "further",
    "other",
    "ongoing",
    "obvious",
    "clear",
    "reason",
    "to",
    "suspect",
    "use",
    "used",
    "misuse",
    "using",
    "issues",
    "involvement",
    "contact",
    "with",
    "have",
    "has",
    "had",
    "experience",
    "experiences",
    "about",
    "regarding",
    "around",
    "relating",
    "in",
    "for",
    "parent",
    "parents",
    "mother",
    "father",
    "carer",
    "carers",
    "partner",
    "family",
    "he",
    "she",
    "they",
    "either",
}
CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:but|however|although|though|whereas|while)\b", re.I)
_NEGATED_AFTER = re.compile(
    r"^\W*(?:(?:was|were|is|are|has been|had been|have been)\s+(?:not|never)\s+(?:\w+\s+)?"
    r"(?:identified|present|reported|disclosed|a (?:feature|factor|concern)|known|evident|raised|"
    r"found|suspected|noted|recorded|an issue)|(?:was|were) (?:ruled out|denied|absent)"
    r"|:\s*(?:none|no)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    """One cue match: where it is, how strong it is and how much it counts here."""

    theme: str
    cue: str
    unit: int
    start: int
    end: int
    weight: float
    factor: float

    @property
    def value(self) -> float:
        return self.weight * self.factor


def clause_before(
    text: str, start: int, breaks: re.Pattern[str] = CLAUSE_BREAK, reach: int | None = None
) -> str:
    """The text before `start` back to the last clause break (looking back at most `reach`
    characters): where a negator of the words at `start` stands."""
    before = text[max(0, start - reach) if reach is not None else 0 : start]
    found = list(breaks.finditer(before))
    return before[found[-1].end() :] if found else before


def is_negated(unit_text: str, start: int, end: int) -> bool:
    """Whether the factor at [start, end) of a sentence is said to be absent."""
    clause = clause_before(unit_text, start)
    for neg in _NEGATOR.finditer(clause):
        gap = re.findall(r"[\w’']+", clause[neg.end() :].lower())
        if len(gap) <= 5 and all(w in _FILLER for w in gap):
            return True
    return _NEGATED_AFTER.match(unit_text[end : end + 80]) is not None


def _factor(theme: Theme, seg: Segmented, unit_index: int, start: int, end: int) -> float:
    unit = seg.units[unit_index]
    if theme.negatable and is_negated(unit.text, start - unit.start, end - unit.start):
        return 0.0
    if seg.boilerplate or unit.citation or seg.masked(start, end):
        return PASSING_FACTOR
    return 1.0


def find_hits(theme: Theme, seg: Segmented) -> list[Hit]:
    """Cue matches of one theme, strongest first, without overlapping matches."""
    text = seg.text
    starts = [u.start for u in seg.units]

    def unit_of(start: int, end: int) -> int | None:
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or end > seg.units[index].end:
            return None
        return index

    lower = seg.lower
    blocked = {unit_of(s, s) for p in theme.unless for s, _ in p.finditer(text, lower)}
    taken = [span for p in theme.exclude for span in p.finditer(text, lower)]
    hits: list[Hit] = []
    for cue in sorted(theme.cues, key=lambda c: -c.weight):
        for start, end in cue.matcher.finditer(text, lower):
            index = unit_of(start, end)
            if index is None or (index in blocked and cue.strength != "strong"):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            factor = _factor(theme, seg, index, start, end)
            hits.append(Hit(theme.id, cue.source, index, start, end, cue.weight, factor))
    return sorted(hits, key=lambda h: -h.value)


def rule_score(hits: list[Hit]) -> float:
    """Noisy-or of the hits, counting each cue pattern once (at its best match)."""
    best: dict[str, float] = {}
    for hit in hits:
        best[hit.cue] = max(best.get(hit.cue, 0.0), hit.value)
    miss = 1.0
    for value in best.values():
        miss *= 1.0 - value
    return 1.0 - miss
