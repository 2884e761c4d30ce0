"""How the theme readers tell a theme said to be absent from one said to be present.

Three readings, each tuned to what it guards:
- a passage's cue (`cues.py`): a negator with only filler words before the cue ("no known
  history of drug use"), or a denial just after it ("... was not identified");
- a family factor told of a parent (`attribution.py`): a negator within a few words before
  the factor, in its clause ("did not indicate depression");
- a theme named in a review's opening (`review_level.py`): the above for presence-type themes,
  and a denial that reaches further back ("no professional raised concerns about ..."); for
  a practice theme only a denial that anything was wrong, since its lack is the theme.
"""

from __future__ import annotations

import re

# A negator standing just before a cue, only filler words between them: "no known history of".
_CUE_NEGATOR = re.compile(
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
    for neg in _CUE_NEGATOR.finditer(clause):
        gap = re.findall(r"[\w’']+", clause[neg.end() :].lower())
        if len(gap) <= 5 and all(w in _FILLER for w in gap):
            return True
    return _NEGATED_AFTER.match(unit_text[end : end + 80]) is not None


# A negator a few words before the factor, in its clause: "did not indicate depression", "no
# indication that either parent had mental health difficulties", "never used drugs".
_FACTOR_NEGATOR = re.compile(
    r"\b(?:no|not|never|nothing|neither|nor|without|denied|den(?:y|ies)|ruled out|negative)\b|"
    r"n[’']t\b",
    re.IGNORECASE,
)
DENIAL_WORDS = 8
# How far back a factor word looks for its negator: a long run of text with no sentence break
# (a flattened table) must not be rescanned for every word.
DENIAL_REACH = 200


def denied(sentence: str, start: int) -> bool:
    """Whether a negator stands within a few words before `start`, in the same clause."""
    clause = clause_before(sentence, start, reach=DENIAL_REACH)
    words = re.findall(r"[\w’']+", clause)[-DENIAL_WORDS:]
    return _FACTOR_NEGATOR.search(" ".join(words)) is not None


# "No professional raised concerns of ...", "nobody had seen signs of ...": a denial that
# reaches further back than a cue's own negation (ingest/themes/cues.py).
_DENIAL_FORM = (
    r"\b(?:no|not|never|nobody|none|neither|nor|without)\b(?:\W+[\w’']+){{0,8}}?\W+"
    r"(?:{nouns})\W+(?:[\w’']+\W+){{0,2}}?(?:of|about|regarding|around|that|for)\W+"
    r"(?:[\w’']+\W+){{0,4}}$"
)
_DENIAL = re.compile(
    _DENIAL_FORM.format(
        nouns=r"concerns?|evidence|signs?|indications?|suggestions?|history|reports?|"
        r"allegations?|aware"
    ),
    re.IGNORECASE,
)
# For a practice theme, the lack of it is the theme ("no evidence of direct work with the
# child"): only a denial that anything was wrong with it does not count.
_PRACTICE_DENIAL = re.compile(
    _DENIAL_FORM.format(nouns=r"concerns?|issues?|problems?|criticisms?"), re.IGNORECASE
)
_CLAUSE = re.compile(r"[;:()]|\b(?:but|however|although|though|whereas|while)\b", re.IGNORECASE)


def absent(text: str, start: int, end: int, negatable: bool) -> bool:
    """Whether the text denies the theme at [start, end) ("no concerns about ..."); for a
    presence-type (negatable) theme, also whether it says the factor was absent ("no history
    of ...", "no evidence of ..."), which for a practice theme is the theme itself
    ("information was not shared", "no evidence of direct work with the child")."""
    if negatable and is_negated(text, start, end):
        return True
    denial = _DENIAL if negatable else _PRACTICE_DENIAL
    return denial.search(clause_before(text, start, _CLAUSE, reach=200)) is not None
