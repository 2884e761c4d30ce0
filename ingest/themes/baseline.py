"""Plain keyword matcher built only from the theme labels and definitions, for comparison."""

from __future__ import annotations

import re

from ingest.themes.classifier import Span, ThemeResult
from ingest.themes.taxonomy import Taxonomy

_SPLIT = re.compile(r"[,;:()/.\"“”]|\band\b|\bor\b|\be\.g\b|\bincluding\b|\bincludes\b", re.I)
_DROP_LEAD = re.compile(r"^(?:a|an|the|its|their|of|to|as|above all|such as|who|which)\s+", re.I)
_TOO_GENERIC = {
    "child",
    "children",
    "parent",
    "parents",
    "family",
    "families",
    "services",
    "service",
    "practice",
    "use",
    "work",
    "needs",
    "risk",
    "risks",
    "men",
    "women",
    "care",
    "health",
    "mental",
    "other",
    "every",
    "passage",
    "labelled",
    "type",
    "either",
    "carer",
    "food",
    "chronic",
    "criminal",
    "babies",
    "hidden",
    "known",
    "engaged",
    "assessed",
    "seeking",
    "sharing",
    "poor",
    "cost",
    "sleep",
    "parental",
    "finances",
    "normalisation",
    "planning",
    "assessment",
    "conferences",
    "voice",
    "wishes",
    "adult",
    "integration",
    "challenge",
    "exclusion",
    "identity",
    "invisible",
    "unseen",
    "consent",
    "training",
    "anxiety",
    "seen",
}
# Definition fragments that name no topic ("either parent", "effect on parenting").
_NOT_TOPICAL = re.compile(
    r"^(?:every|either|how|being|between|report on|support they|effect on|services built|"
    r"trigger|changes to|parents who|whether|child's|parent's|carer's|work needed|assess them)"
)


_MODIFIER = re.compile(r"^(?:parental|parents'|child|family|infant|professional)\s+", re.I)


def keywords(label: str, definition: str) -> list[str]:
    """Short phrases of a theme's label and definition, as a naive analyst would list them."""
    phrases = []
    pieces = _SPLIT.split(f"{label}, {definition}")
    for piece in [*pieces, *(_MODIFIER.sub("", p.strip()) for p in pieces)]:
        phrase = " ".join(piece.split()).lower()
        while _DROP_LEAD.match(phrase):
            phrase = _DROP_LEAD.sub("", phrase)
        words = phrase.split()
        if not words or len(words) > 4 or (len(words) == 1 and phrase in _TOO_GENERIC):
            continue
        if _NOT_TOPICAL.match(phrase):
            continue
        if len(phrase) >= 3 and phrase not in phrases:
            phrases.append(phrase)
    return phrases


class KeywordBaseline:
    """A passage carries a theme when any label or definition keyword occurs in it."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.ids = taxonomy.ids
        self.patterns = {
            t.id: re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, keywords(t.label, t.definition))) + r")",
                re.IGNORECASE,
            )
            for t in taxonomy.themes
        }

    def classify(self, texts: list[str]) -> list[ThemeResult]:
        results = []
        for text in texts:
            found = {t: list(p.finditer(text)) for t, p in self.patterns.items()}
            themes = [t for t in self.ids if found[t]]
            scores = {t: 1.0 if found[t] else 0.0 for t in self.ids}
            evidence = {
                t: [Span(m.start(), m.end(), m.group()) for m in found[t][:3]] for t in themes
            }
            results.append(ThemeResult(themes, scores, evidence))
        return results
