"""How far a denial reaches over a coordinated list of factors.

"No concerns about neglect, drug use or domestic abuse were raised" denies all three, and so
does "drug use and domestic abuse were not factors"; a negation reader that looks only next to
each factor sees the first or the last. A list here is a few short items joined by commas,
"and", "or" or "nor", each item a few words with no verb of its own. The denial stops where
a clause does: at "but", "however", a semicolon, a comma before "and" (British lists have none),
a verb ("no heating and domestic abuse was reported" denies only the heating), and at the
sentence's end (each reader works on one sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SCOPE_BREAK = re.compile(
    r"[;:()]|\b(?:but|however|although|though|whereas|while|yet|except)\b|,\s*and\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w’'/-]+|,")
_COORDINATORS = {",", "and", "or", "nor", "and/or"}
# After "and" or a comma a new clause may begin; after "or" and "nor" a denial carries on.
_MAY_OPEN_A_CLAUSE = {",", "and"}
# Words that belong to a clause, not to a list item of nouns and adjectives.
_CLAUSE_WORDS = {
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "must",
    "not",
    "never",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "because",
    "since",
    "as",
    "if",
    "then",
    "so",
    "than",
    "but",
    "however",
    "although",
    "though",
    "whereas",
    "while",
    "yet",
}
# Words that may stand between an item's coordinator and its factor: "or any history of".
_LEAD_WORDS = {
    "any",
    "other",
    "of",
    "history",
    "histories",
    "evidence",
    "sign",
    "signs",
    "indication",
    "indications",
    "concern",
    "concerns",
    "about",
    "known",
    "previous",
    "the",
    "a",
    "an",
    "parental",
    "their",
    "his",
    "her",
    "either",
}
ITEM_WORDS = 6
LIST_WORDS = 24
LEAD_WORDS = 4
# A singular verb just after the factor: the factor opens a clause of its own ("... and
# domestic abuse was reported"), not another item of the list. A plural verb may be the list's
# own ("no concerns about neglect and drug use were raised").
# So does a verb in the past or a verb of change ("... and domestic abuse escalated").
_OPENS_A_CLAUSE = re.compile(
    r"^\W*(?:(?!(?:and|or|nor|were|are|have)\b)[\w’'-]+\s+){0,3}?"
    r"(?:was|is|has|had|did|does|will|would|could|can|may|might|became|remained|went|grew|began"
    r"|[a-z]+ed|continues|escalates|features|persists|increases|worsens)\b",
    re.IGNORECASE,
)


def opens_a_clause(after: str) -> bool:
    """Whether a verb follows within a few words: the words before `after` are the subject
    of a clause of their own, not one more item of a list."""
    return _OPENS_A_CLAUSE.match(after) is not None


_PREPOSITIONS = {
    "of",
    "on",
    "about",
    "in",
    "into",
    "for",
    "with",
    "regarding",
    "around",
    "under",
    "from",
    "by",
    "to",
    "at",
    "over",
}


def _qualifies_another(before: str) -> bool:
    """Whether the words after `before`, or the list they end, follow a preposition: they
    qualify another noun ("information about poverty, housing and debt| is not ...")."""
    tokens = [m.group().lower() for m in _TOKEN.finditer(_scope(before))]
    for word in reversed(tokens[-LIST_WORDS:]):
        if word in _PREPOSITIONS:
            return True
        if word in _CLAUSE_WORDS:
            return False
    return False


def _scope(before: str) -> str:
    found = list(_SCOPE_BREAK.finditer(before))
    return before[found[-1].end() :] if found else before


def denied_through_list(
    before: str, after: str | None, negator_just_before: Callable[[str], bool]
) -> bool:
    """Whether the words between `before` and `after` are a later item of a list whose first
    item a negator denies: `negator_just_before` holds of the text before that first item
    ("no concerns about | neglect, drug use or | domestic abuse"). With `after` unknown
    (None), only "or" and "nor" carry the denial on."""
    scope = _scope(before)
    tokens = [(m.group().lower(), m.start()) for m in _TOKEN.finditer(scope)]
    i = len(tokens)
    lead = 0
    while i and tokens[i - 1][0] in _LEAD_WORDS and lead < LEAD_WORDS:
        i -= 1
        lead += 1
    joined_by = set()
    while i and tokens[i - 1][0] in _COORDINATORS:
        i -= 1
        joined_by.add(tokens[i][0])
    if not joined_by:
        return False
    may_open_a_clause = not joined_by & {"or", "nor", "and/or"}
    if may_open_a_clause and (after is None or opens_a_clause(after)):
        return False
    if joined_by == {","} and not _list_goes_on(after or ""):
        return False  # "no job, no home, domestic abuse ...": a list's middle item has a last
    item = 0
    words = 0
    while i and words < LIST_WORDS:
        i -= 1
        word, at = tokens[i]
        if word in _COORDINATORS:
            if item == 0:
                return False  # no item between two coordinators
            item = 0
            while i and tokens[i - 1][0] in _COORDINATORS:
                i -= 1
            continue
        if word in _CLAUSE_WORDS or item == ITEM_WORDS:
            return False
        item += 1
        words += 1
        if negator_just_before(scope[:at]):
            return True
    return False


def _list_goes_on(after: str) -> bool:
    """Whether the words after an item joined by a bare comma lead, within an item, to the
    list's last "and", "or" or "nor" (", drug use or domestic abuse")."""
    for words, token in enumerate(_TOKEN.finditer(_scope_ahead(after))):
        word = token.group().lower()
        if word in _COORDINATORS - {","}:
            return True
        if word in _CLAUSE_WORDS or words > ITEM_WORDS:
            return False
    return False


def denied_after_list(before: str, after: str, denial: re.Pattern[str]) -> bool:
    """Whether a denial follows the words between `before` and `after`, the rest of their
    item or the rest of the list they are an item of: "alcohol| misuse played no part",
    "domestic abuse| and drug use were not factors". Words after a preposition qualify
    another's: "the protocol on bruising| in babies was not known" denies the protocol."""
    if denial.match(after):
        return True
    if _qualifies_another(before):
        return False
    item = 1  # the factor's own item goes on: "alcohol| misuse"
    words = 0
    for token in _TOKEN.finditer(_scope_ahead(after)):
        word = token.group().lower()
        if word in _COORDINATORS:
            if item == 0:
                continue  # ", and": one boundary
            item = 0
            continue
        if word in _CLAUSE_WORDS or item == ITEM_WORDS or words == LIST_WORDS:
            return False
        item += 1
        words += 1
        if denial.match(after[token.end() :]):
            return True
    return False


def _scope_ahead(after: str) -> str:
    found = _SCOPE_BREAK.search(after)
    return after[: found.start()] if found else after
