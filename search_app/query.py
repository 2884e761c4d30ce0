"""What a typed query asks for: quoted phrases, AND / OR / NOT (and -word), and the words
left to rank by. A passage must contain every phrase, every word joined by AND, one word
of each OR group, and none of the excluded words; other words only rank. What is quoted is
matched as written, one word or several (whatever the case and punctuation: "shaken baby"
is not "shaking babies", "methadone" must be there); unquoted words match by their stems.

    "safer sleep" AND alcohol        the phrase and the word, both required
    cannabis OR alcohol neglect      cannabis or alcohol required; neglect ranks
    fathers -"domestic abuse"        fathers ranks; passages with the phrase are left out
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.bm25 import analyse, stem_words

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Clause:
    """A word or a quoted phrase, as its stemmed terms (a phrase keeps their order), and, when
    quoted, the words as written (lower-cased), which a passage must hold in that order."""

    text: str
    terms: tuple[str, ...]
    phrase: bool = False
    exact: tuple[str, ...] = ()


@dataclass
class ParsedQuery:
    text: str  # what the retrievers rank by: the query without operators and exclusions
    unquoted: str = ""  # the words of `text` outside quote marks (matched by their stems)
    phrases: list[Clause] = field(default_factory=list)
    required: list[Clause] = field(default_factory=list)
    any_of: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)

    @property
    def constrained(self) -> bool:
        return bool(self.phrases or self.required or self.any_of or self.excluded)

    def admits(self, text: str) -> bool:
        """Whether a passage's text meets every constraint of the query."""
        found = _Words(text)
        return (
            all(found.holds(c) for c in self.phrases + self.required)
            and all(any(found.holds(c) for c in group) for group in self.any_of)
            and not any(found.holds(c) for c in self.excluded)
        )


def parse_query(query: str) -> ParsedQuery:
    """Split a query into its phrases, operators and ranking words."""
    tokens: list[tuple[str, Clause | None, bool]] = []  # (operator or "", clause, negated)
    for match in _TOKEN.finditer(query):
        negated, quoted, word = match.group(1) == "-", match.group(2), match.group(3)
        if quoted is not None:
            terms = tuple(stem_words(quoted))
            if terms:
                tokens.append(("", Clause(quoted, terms, True, written_words(quoted)), negated))
        elif word in OPERATORS:
            tokens.append((word, None, False))
        else:
            negated = word.startswith("-") and len(word) > 1
            terms = tuple(analyse(word.lstrip("-") if negated else word))
            # a stopword still ranks (the embedding reads "not"), but constrains nothing
            phrase = negated and len(terms) > 1  # "-pre-birth" leaves out the hyphened pair
            tokens.append(("", Clause(word.lstrip("-"), terms, phrase), negated))
    parsed = ParsedQuery(text="")
    ranking: list[str] = []
    unquoted: list[str] = []
    pending_not = False
    groups: list[list[Clause]] = []  # runs of clauses joined by OR
    and_joined: set[int] = set()  # positions of clauses on either side of AND
    clauses: list[Clause] = []
    previous_operator = ""
    for operator, clause, negated in tokens:
        if operator == "NOT":
            pending_not = True
            continue
        if operator:
            previous_operator = operator
            if operator == "AND" and clauses:
                and_joined.add(len(clauses) - 1)
            continue
        assert clause is not None
        if not clause.terms:
            ranking.append(clause.text)
            unquoted.append(clause.text)
            continue
        if negated or pending_not:
            parsed.excluded.append(clause)
            pending_not, previous_operator = False, ""
            continue
        if previous_operator == "OR" and groups and clauses and groups[-1][-1] is clauses[-1]:
            groups[-1].append(clause)
        elif previous_operator == "OR" and clauses:
            groups.append([clauses[-1], clause])
        if previous_operator == "AND":
            and_joined.add(len(clauses))
        clauses.append(clause)
        ranking.append(clause.text)
        if not clause.exact:
            unquoted.append(clause.text)
        previous_operator = ""
    in_groups = {id(c) for group in groups for c in group}
    for index, clause in enumerate(clauses):
        if id(clause) in in_groups:
            continue
        if clause.phrase:
            parsed.phrases.append(clause)
        elif index in and_joined:
            parsed.required.append(clause)
    parsed.any_of = groups
    parsed.text = " ".join(ranking)
    parsed.unquoted = " ".join(unquoted)
    return parsed


def written_words(text: str) -> tuple[str, ...]:
    """The words of a text as written, lower-cased, without punctuation."""
    return tuple(_WORD.findall(text.casefold()))


class _Words:
    """A passage's words, stemmed and as written, each read the first time a clause asks."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def stems(self) -> list[str]:
        return stem_words(self.text)

    @functools.cached_property
    def stem_set(self) -> set[str]:
        return set(self.stems)

    @functools.cached_property
    def written(self) -> tuple[str, ...]:
        return written_words(self.text)

    def holds(self, clause: Clause) -> bool:
        if clause.exact:
            return _in_order(self.written, clause.exact)
        if not clause.phrase:
            return all(term in self.stem_set for term in clause.terms)
        return _in_order(self.stems, clause.terms)


def _in_order(words: Sequence[str], wanted: tuple[str, ...]) -> bool:
    size, first = len(wanted), wanted[0]
    return any(
        words[i] == first and tuple(words[i : i + size]) == wanted
        for i in range(len(words) - size + 1)
    )
