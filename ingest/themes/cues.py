"""Match a theme's cue patterns in a segmented passage, discounting negations and names."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ingest.themes.negation import is_negated
from ingest.themes.segment import Segmented, segment
from ingest.themes.taxonomy import Taxonomy, Theme

# How much a cue still counts when it sits in a title, name, citation or contents page.
PASSING_FACTOR = 0.15


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


def only_denied(taxonomy: Taxonomy, text: str) -> set[str]:
    """Themes a short text names only to deny them: "no drugs or alcohol" (presence-type
    themes whose every cue is negated), with a broader theme the text names only through
    them ("no cannabis": nor substance misuse)."""
    seg = segment(text)
    hits = {theme.id: find_hits(theme, seg) for theme in taxonomy.themes}
    denied = {
        theme.id
        for theme in taxonomy.themes
        if theme.negatable and hits[theme.id] and all(h.factor == 0.0 for h in hits[theme.id])
    }
    for theme_id in list(denied):
        for parent in taxonomy.ancestors(theme_id):
            if not any(h.factor > 0.0 for h in hits[parent]):
                denied.add(parent)
    return denied


def discounted_units(hits: list[Hit]) -> set[int]:
    """Sentences whose every cue for a theme was negated or only a passing mention."""
    by_unit: dict[int, bool] = {}
    for hit in hits:
        by_unit[hit.unit] = by_unit.get(hit.unit, False) or hit.factor >= 1.0
    return {unit for unit, counted in by_unit.items() if not counted}


def rule_score(hits: list[Hit]) -> float:
    """Noisy-or of the hits, counting each cue pattern once (at its best match)."""
    best: dict[str, float] = {}
    for hit in hits:
        best[hit.cue] = max(best.get(hit.cue, 0.0), hit.value)
    miss = 1.0
    for value in best.values():
        miss *= 1.0 - value
    return 1.0 - miss
