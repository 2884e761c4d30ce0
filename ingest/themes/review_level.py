"""Which themes a whole review carries: those it names as its subject (title, contents) and
those its passages carry with weight (several passages, or any in the summary, findings or
recommendations). A theme met in a single passage of the background or chronology is a
passing mention and does not carry the review."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.themes.cues import find_hits, rule_score
from ingest.themes.segment import segment
from ingest.themes.taxonomy import Taxonomy

SUBJECT_SCORE = 0.85  # a strong cue, not negated, not in passing
MIN_PASSAGES = 2
MIN_SHARE = 0.05
SHORT_REVIEW_SHARE = 0.2  # in a review of a few passages, one passage is a large part of it
KEY_PARTS = {"findings", "recommendations", "analysis"}
_KEY_SECTION = re.compile(
    r"executive summary|summary of|key (?:findings|learning)|conclusion", re.IGNORECASE
)


def named_themes(taxonomy: Taxonomy, texts: Iterable[str]) -> dict[str, str]:
    """Themes a title or a contents heading names, each with the text that names it."""
    named: dict[str, str] = {}
    for text in texts:
        if not text or not text.strip():
            continue
        seg = segment(text)
        for theme in taxonomy.themes:
            if theme.id in named:
                continue
            hits = [h for h in find_hits(theme, seg) if h.factor >= 1.0]
            if rule_score(hits) >= SUBJECT_SCORE:
                named[theme.id] = text
    # a named child theme names its parent too (cannabis -> substance misuse)
    for theme_id in list(named):
        for parent in taxonomy.ancestors(theme_id):
            named.setdefault(parent, named[theme_id])
    return named


def carries_review(passages: int, weight: float, parts: Iterable[str], key_section: bool) -> bool:
    """Whether passage evidence alone makes a theme one of the review's."""
    if key_section or set(parts) & KEY_PARTS:
        return True
    if weight >= SHORT_REVIEW_SHARE:
        return True
    return (passages >= MIN_PASSAGES and weight >= MIN_SHARE) or passages >= 2 * MIN_PASSAGES


def is_key_section(section: str | None) -> bool:
    return bool(section and _KEY_SECTION.search(section))
