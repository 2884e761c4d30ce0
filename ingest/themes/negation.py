"""How the theme readers tell a theme said to be absent from one said to be present.

Three readings, each tuned to what it guards:
- a passage's cue (`cues.py`): a negator with only filler words before the cue ("no known
  history of drug use"), or a denial just after it ("... was not identified");
- a family factor told of a parent (`attribution.py`): a negator within a few words before
  the factor, in its clause ("did not indicate depression");
- a theme named in a review's opening (`review_level.py`): the above for presence-type themes,
  and a denial that reaches further back ("no professional raised concerns about ..."); for
  a practice theme only a denial that anything was wrong, since its lack is the theme.

Each reading also carries a denial across a coordinated list (`coordinated.py`): "no concerns
about neglect, drug use or domestic abuse", "drug use and domestic abuse were not factors".
"""

from __future__ import annotations

import re

from ingest.themes.coordinated import denied_after_list, denied_through_list, opens_a_clause

# A negator standing just before a cue, only filler words between them: "no known history of".
_CUE_NEGATOR = re.compile(
    r"(?<!\w)(?:no|not|never|nothing|without|nor|neither|denied|denies|deny|absence of|"
    r"ruled out|free (?:of|from))(?!\w)",
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
    "worry",
    "worries",
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
    "parental",
    "partner",
    "family",
    "he",
    "she",
    "they",
    "either",
    # "no evidence that ...", "nothing to suggest ..."
    "that",
    "suggest",
    "suggests",
    "suggesting",
    "indicate",
    "indicates",
    "indicating",
}

# How far a factor word looks for its negator: a long run of text with no sentence break (a
# flattened table) must not be rescanned for every word.
DENIAL_REACH = 200

CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:but|however|although|though|whereas|while)\b", re.I)
_MISSED = r"(?:seen|recognised|recognized|treated|regarded|considered|viewed|thought|deemed)"
# A denial just after the factor: "... was not identified", "... were not factors", "...
# played no part".
_NEGATED_AFTER = re.compile(
    r"^\W*(?:(?:was|were|is|are|has been|had been|have been)\s+(?:not|never)\s+"
    # one word may stand between ("not formally identified"), but not one that makes it what
    # professionals missed: "was not seen as a concern" says the factor was there
    rf"(?:(?!{_MISSED}\b)\w+\s+)?(?:identified|present|reported|disclosed|known|evident|raised|found|"
    r"suspected|noted|recorded|relevant|(?:an?\s+)?(?:features?|factors?|concerns?|issues?|problems?|worr(?:y|ies))\b)"
    r"|(?:was|were|is|are|has been|had been|have been)\s+(?:ruled out|denied|absent|excluded)"
    r"|(?:played|plays|had|has)\s+no\s+(?:part|role|bearing)"
    r"|(?:did|does|do)\s+not\s+(?:feature|arise|play\s+(?:a|any)\s+(?:part|role))"
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


_POSSESSIVE = re.compile(r"[’']s?$")


def _negator_just_before(clause: str) -> bool:
    """Whether the clause ends with a negator and at most five filler words: "no known
    history of"."""
    return any(_gap_is_filler(clause, neg) for neg in _CUE_NEGATOR.finditer(clause))


def _gap_is_filler(clause: str, neg: re.Match[str]) -> bool:
    gap = re.findall(r"[\w’']+", clause[neg.end() :].lower())
    return len(gap) <= 5 and all(_POSSESSIVE.sub("", w) in _FILLER for w in gap)


def is_negated(unit_text: str, start: int, end: int) -> bool:
    """Whether the factor at [start, end) of a sentence is said to be absent: by a negator
    just before it or before the list it is one of, or by a denial after it or after its
    list."""
    if _negator_just_before(clause_before(unit_text, start)):
        return True
    before = unit_text[max(0, start - DENIAL_REACH) : start]
    if denied_through_list(before, unit_text[end:], _list_negator):
        return True
    return denied_after_list(before, unit_text[end : end + DENIAL_REACH], _NEGATED_AFTER)


def _list_negator(clause: str) -> bool:
    """A negator that denies every item of the list that follows it: one before a noun ("no",
    "without", "neither", "denied"), not a verb's "not" or "never", whose list may be one of
    actions ("did not attend and ...")."""
    return any(
        neg.group().lower() not in ("not", "never") and _gap_is_filler(clause, neg)
        for neg in _CUE_NEGATOR.finditer(clause)
    )


# A negator a few words before the factor, in its clause: "did not indicate depression", "no
# indication that either parent had mental health difficulties", "never used drugs".
_FACTOR_NEGATOR = re.compile(
    r"\b(?:no|not|never|nothing|neither|nor|without|denied|den(?:y|ies)|ruled out|negative)\b|"
    r"n[’']t\b",
    re.IGNORECASE,
)
DENIAL_WORDS = 8


def denied(sentence: str, start: int, end: int | None = None) -> bool:
    """Whether a negator stands within a few words before `start`, in the same clause, or
    before the list the words at `start` are one of; given the words' `end`, also whether a
    denial follows them or their list ("drink and drugs were not a concern")."""
    clause = clause_before(sentence, start, reach=DENIAL_REACH)
    after = None if end is None else sentence[end : end + DENIAL_REACH]
    if after is not None and opens_a_clause(after):
        # "no heating and domestic abuse was reported": the negator is of the first clause
        clause = re.split(r"\band\b", clause, flags=re.IGNORECASE)[-1]
    words = re.findall(r"[\w’']+", clause)[-DENIAL_WORDS:]
    if _FACTOR_NEGATOR.search(" ".join(words)) is not None:
        return True
    before = sentence[max(0, start - DENIAL_REACH) : start]
    if denied_through_list(before, after, _list_negator):
        return True
    return after is not None and denied_after_list(before, after, _NEGATED_AFTER)


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
