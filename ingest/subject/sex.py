"""The subject child's sex, from the sentences about it: an aged child ('a 7 year old
girl'), a group of one sex ('two brothers'), a word that says it ('baby girl'), the
child's own pronoun ('Child C ... her short life'), or else a clear majority of pronouns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ingest.subject.mentions import CHILD_AS_SUBJECT, PRONOUN_FIRST
from ingest.subject.words import (
    ADULT_MAN,
    ADULT_WOMAN,
    FEMALE,
    KEYWORD,
    MALE,
    SEX_WORDS,
    SIBLINGS_DIED,
    UNIT,
    N,
)
from ingest.types import FieldValue

_AGED_CHILD = re.compile(
    rf"\b{N}[- ]{UNIT}[- ]old\s+(?:baby\s+)?(boy|girl|male|female)\b"
    r"(?!\s+(?:adult|perpetrator|relative|friend|partner|cousin|student|officer|worker|nurse))",
    re.I,
)
_WOMAN = re.compile(
    r"\b(?:mother|mum|grandmother|stepmother|aunt|sister|woman|girlfriend|wife|midwife)\b", re.I
)
_MAN = re.compile(
    r"\b(?:father|dad|grandfather|stepfather|uncle|brother|man|boyfriend|husband)\b", re.I
)
# 'Nessa (not her real name)', or a footnote to the name: '1 Not his real name'
_NOT_HIS_NAME = re.compile(r"(?:\(n|\b\d{1,2}\s+N)ot (his|her) real name\b")
# The child as subject, then a pronoun before any other person is named: 'Child C had been
# helped throughout her short life', 'Child O and his siblings'.
_OWN_PRONOUN = re.compile(
    r"(?:(?<![’'\w])(?:" + KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}(?![\w’'-])"
    r"|\bThe (?:child|baby|infant|toddler|\w+-(?:day|week|month|year)-old))"
    r"(?:,[^,.]{1,30},)?(?:\s+(?:and|had|has|was|is)\b(?:\s+(?!(?:his|her)\b)[a-z]+){0,8}?)"
    r"\s+(his|her)\s+"
    r"(?:own\s+|short\s+|young\s+|whole\s+)?(?:siblings?|brothers?|sisters?|life|family|home|"
    r"school|cot|bed|room|birth|care|mother|father|mum|dad|parents?|step\w+|grand\w+|aunt|"
    r"uncle|high chair|pram|buggy|car seat|bedroom|nursery)\b"
)


# 'Child O, who was aged 11 months when he died': the pronoun in the clause about the child
_NOT_THE_CHILD = (
    r"(?!(?:his|her|him|he|she|mother|father|mum|dad|parents?|partner|brother|sister|sibling|"
    r"aunt|uncle|man|woman|adult|visitor|worker|nurse|officer|doctor|teacher|midwife|"
    r"paediatrician|practitioner|reviewer|manager|carer|friend|boyfriend|girlfriend)\b)"
)
_WHO_PRONOUN = re.compile(
    r"(?:(?<![’'\w])(?:(?:" + KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}|YP\d{1,2})(?![\w’'-])"
    r"|\b(?:referred to|known|called|named)\s+(?:here\s+)?as\s+[A-Z][a-z]+)"
    # in a 'who' clause about the child, its pronoun comes before anyone else is named
    rf"(?:,?\s+who\s+(?:{_NOT_THE_CHILD}[a-z0-9,]+\s+){{0,10}}?(he|she)\b"
    # 'Child F was two when she died': the pronoun after a conjunction
    rf"|(?:\s+(?:was|had|has|is)\b|,)\s+(?:{_NOT_THE_CHILD}[a-z0-9,]+\s+){{0,10}}?"
    r"(?:when|and|as|until|before|after|because|where)\s+(he|she)\b)"
)


_ADULT_ROLE = re.compile(
    r"\b(?:chair(?:man|woman|person)?|minister|secretary of state|reviewer|author|manager|"
    r"director|officer|"
    r"professor|councillor|spokes(?:man|woman|person))\b|\b(?:Dr|Mrs|Ms|Miss|Mr)\.?\s+[A-Z]",
    re.I,
)
_SPEAKER = re.compile(
    r"(?:^|[.;:][’'\"”]?\s+)[‘'\"“]?(?:He|She)\s+(?:(?:also|then|later)\s+)?"
    r"(?:said|says|added|continued|explained|told|commented|stated|went on)\b"
)
# The child's own parents: 'his mother', 'her father' in sentences about the child.
_CHILDS_PARENT = re.compile(
    r"\b(his|her)\s+(?:birth\s+|biological\s+)?(?:mother|mum|father|dad|parents|grandparents)\b",
    re.I,
)


# Several subject children of one sex: 'the circumstances of two brothers', 'concerns twin girls'
_SAME_SEX_GROUP = re.compile(
    r"(?i)\b(?:of|concerns|considers|about|are|were|for|"
    r"(?:smothered|suffocated|strangled|killed|murdered|drowned)\s+(?:his|her|their))\s+"
    r"(?:the\s+)?(?:two|three|four|twin)\s+"
    r"(?:young\s+)?(brothers|boys|sons|sisters|girls|daughters)\b(?!\s*(?:(?:of|and|or)\b|[&/]))"
    r"|,\s+(brothers|sisters)\s+(?=aged\b|who\b)"  # 'Child M and Child N, sisters aged 6 and 4'
)


_VICTIM_BEFORE = re.compile(
    r"(?i)\b(?:killed|stabbed|murdered|assaulted|attacked|raped|abused|shot|injured|hurt|robbed)"
    r"\s+(?:and\s+\w+\s+)?an?\s*$"
)


# Another person named in a sentence ('other bruising' is no one)
_SOMEONE = re.compile(
    r"(?i)\b(?:mother|father|mum|dad|parents?|brother|sister|sibling|half-\w+|step\w+|grand\w+|"
    r"aunt|uncle|cousin|partner|boyfriend|girlfriend|man|woman|adult|carer|teacher|"
    r"nurse|doctor|officer|worker|visitor|midwife)s?\b"
)
# The child's own pronoun: a subject, or a possessive before a noun (not 'found her and')
_OWN_WORD = re.compile(
    r"(?i)\b(?:he|she|his)\b|\bher\s+(?!(?:and|to|at|in|on|with|from|for|by|that|as)\b)[a-z]"
    r"|\b(?:of|for|to|with|about|on)\s+(?:him|her)\b"
)


# A title of address is no pronoun: 'Her Majesty's Inspector', 'His Honour Judge X'.
_STYLED = re.compile(
    r"\b(?:His|Her|Their)\s+(?:Majesty|Majesty[’']s|Royal\s+Highness|Honour|Excellency|Worship|"
    r"Grace|Lordship|Ladyship)\b"
)


def sex(subject: list[tuple[int, str]], names: list[str] | None = None) -> FieldValue | None:
    """'a 7 year old girl', 'a boy', 'baby girl', or else a clear majority of pronouns."""
    said = {_STYLED.sub("the office", sentence): sentence for _, sentence in subject}
    unstyled = [(page, _STYLED.sub("the office", sentence)) for page, sentence in subject]
    if _several_children_died(unstyled) or _aged_children_of_both_sexes(unstyled):
        return None
    named = _named_own_pronoun(names[0]) if names and len(names) == 1 else None
    strategies: list[Callable[[list[tuple[int, str]]], FieldValue | None]] = [
        _sex_of_aged_child,  # surest first: the first that finds a sex wins
        sex_of_same_sex_group,
        _sex_said_outright,
        *([named] if named else []),  # 'Tam and his siblings': the child's own pronoun
        _sex_of_childs_parents,
        _sex_of_bound_pronoun,
        _sex_of_pronoun_after_child,
        _sex_of_pronoun_majority,
    ]
    for strategy in strategies:
        found = strategy(unstyled)
        if found is not None:  # the evidence in the text's own words
            return FieldValue(found.value, found.page, said.get(found.evidence, found.evidence))
    return None


# Someone else, or a pronoun, earlier in the clause, whose 'his'/'her' it may be: 'The
# mother took Tam and her sisters away'.
_OTHER_IN_CLAUSE = re.compile(
    r"(?i)\b(?:he|she|they|mother|father|mum|dad|parents?|carers?|aunt|uncle|grand\w+|"
    r"partner|step\w+|brother|sister|sibling|man|woman|friend|boyfriend|girlfriend|nurse|"
    r"teacher|worker|officer|doctor|Mr|Mrs|Ms|Miss)\b"
)


def _named_own_pronoun(
    name: str,
) -> Callable[[list[tuple[int, str]]], FieldValue | None] | None:
    """The child's name, then 'and his'/'and her' before a relative or home: 'harm to Tam
    and his siblings', 'Tam, her mother and ...'; none when someone else comes earlier in
    the clause, whose pronoun it may be."""
    if not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?)*", name):
        return None  # a code is read by _OWN_PRONOUN already
    first = re.escape(name.split()[0])
    pattern = re.compile(
        rf"\b{first}(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?)?(?:,|\s+and)\s+(his|her)\s+"
        r"(?:older\s+|younger\s+|twin\s+|half-|step)?(?:siblings?|brothers?|sisters?|mother|"
        r"father|mum|dad|parents?|family|grand\w+)\b"
    )

    def strategy(subject: list[tuple[int, str]]) -> FieldValue | None:
        for page_number, sentence in subject:
            for found in pattern.finditer(sentence):
                clause = re.split(r"[.;:,]", sentence[: found.start()])[-1]
                if _OTHER_IN_CLAUSE.search(clause):
                    continue
                label = "male" if found.group(1) == "his" else "female"
                return FieldValue(label, page_number, sentence)
        return None

    return strategy


def _several_children_died(subject: list[tuple[int, str]]) -> bool:
    # several children died: their sexes are not said together
    return any(SIBLINGS_DIED.search(sentence) for _, sentence in subject)


def _aged_children_of_both_sexes(subject: list[tuple[int, str]]) -> bool:
    # 'a four-month-old girl ... and an 11-month-old boy': two children
    return len({noun for noun, _, _ in _aged_children(subject)}) > 1


def _aged_children(subject: list[tuple[int, str]]) -> list[tuple[str, int, str]]:
    """('boy' or 'girl', page, sentence) for each 'a 7 year old girl' about the child."""
    aged = [
        (found.groups()[-1].lower(), page_number, sentence)
        for page_number, sentence in subject
        for found in _AGED_CHILD.finditer(sentence)
        if not _VICTIM_BEFORE.search(sentence[: found.start()])  # 'killed a 16-year-old girl'
    ]
    return [({"male": "boy", "female": "girl"}.get(n, n), p, s) for n, p, s in aged]


def _sex_of_aged_child(subject: list[tuple[int, str]]) -> FieldValue | None:
    aged = _aged_children(subject)
    if not aged:
        return None
    noun, page_number, sentence = aged[0]
    return FieldValue("male" if noun == "boy" else "female", page_number, sentence)


def sex_of_same_sex_group(subject: list[tuple[int, str]]) -> FieldValue | None:
    for page_number, sentence in subject:
        group = _SAME_SEX_GROUP.search(sentence)
        if group:  # 'the review concerns two brothers': the subjects, not their siblings
            noun = (group.group(1) or group.group(2)).lower()
            label = "female" if noun in {"sisters", "girls", "daughters"} else "male"
            return FieldValue(label, page_number, sentence)
    return None


def _sex_said_outright(subject: list[tuple[int, str]]) -> FieldValue | None:
    """The first sentence naming one sex ('a boy', 'baby girl') and no brother or sister."""
    for page_number, sentence in subject:
        said = [
            label
            for label, pattern in SEX_WORDS.items()
            for found in pattern.finditer(sentence)
            if not _VICTIM_BEFORE.search(
                re.sub(r"\s*\S+[- ]old\s*$", " ", sentence[: found.start()])
            )
        ]
        said = list(dict.fromkeys(said))
        siblings = re.search(r"\b(?<!twin )(?:brother|sister|sibling)s?\b", sentence, re.I)
        if len(said) == 1 and not siblings:
            return FieldValue(said[0], page_number, sentence)
    return None


def _sex_of_childs_parents(subject: list[tuple[int, str]]) -> FieldValue | None:
    parents = [
        (found.group(1).lower(), page_number, sentence)
        for page_number, sentence in subject
        for found in _CHILDS_PARENT.finditer(sentence)
    ]
    said_of_parents = {word for word, _, _ in parents}
    if len(said_of_parents) != 1:  # 'his mother', 'his father', never 'her mother'
        return None
    word, page_number, sentence = parents[0]
    return FieldValue("male" if word == "his" else "female", page_number, sentence)


def _sex_of_bound_pronoun(subject: list[tuple[int, str]]) -> FieldValue | None:
    for page_number, sentence in subject:
        # 'Nessa (not her real name)', 'Child C ... in her short life', 'Tam and his siblings'
        bound = (
            _NOT_HIS_NAME.search(sentence)
            or _OWN_PRONOUN.search(sentence)
            or _WHO_PRONOUN.search(sentence)
        )
        if bound:
            pronoun_word = next(word for word in bound.groups() if word)
            label = "male" if pronoun_word.lower() in {"he", "his"} else "female"
            return FieldValue(label, page_number, sentence)
    return None


def _sex_of_pronoun_after_child(subject: list[tuple[int, str]]) -> FieldValue | None:
    for (_, before), (page_number, sentence) in pairwise(subject):
        # 'Child P was nine years old. He lived with ...': the pronoun goes on about the child
        pronoun = PRONOUN_FIRST.match(sentence)
        he = pronoun is not None and pronoun.group(1).lower() == "he"
        if (
            pronoun
            and CHILD_AS_SUBJECT.match(before)
            and before != sentence
            and not (ADULT_MAN if he else ADULT_WOMAN).search(before)
        ):
            label = "male" if he else "female"
            return FieldValue(label, page_number, sentence)
    return None


def _sex_of_pronoun_majority(subject: list[tuple[int, str]]) -> FieldValue | None:
    male, female, first = _child_pronoun_counts(subject)
    # Sentences about a child also speak of the parents: ask for a clear majority.
    for label, mine, other in (("male", male, female), ("female", female, male)):
        if mine >= 2 and mine >= 3 * other:
            page_number, sentence = first[label]
            return FieldValue(label, page_number, sentence)
        page_number, sentence = first.get(label, (0, ""))
        if (
            mine == 1
            and other == 0
            and not _SOMEONE.search(sentence)
            and _OWN_WORD.search(sentence)
        ):
            return FieldValue(label, page_number, sentence)  # one pronoun, no one else about
    return None


def _child_pronoun_counts(
    subject: list[tuple[int, str]],
) -> tuple[int, int, dict[str, tuple[int, str]]]:
    """Male and female pronouns that may be the child's, and the first sentence of each."""
    male = female = 0
    first: dict[str, tuple[int, str]] = {}
    previous = before = ""
    for page_number, sentence in subject:
        if sentence == previous:
            continue  # the list repeats a sentence that both names and follows: count it once
        before, previous = previous, sentence
        if len(sentence.split()) < 8:
            continue  # a heading or contents entry ('Child K and her family')
        m, f = len(MALE.findall(sentence)), len(FEMALE.findall(sentence))
        # 'she' beside the mother is the mother; 'his' beside the father is the father
        if _WOMAN.search(sentence) or (sentence.startswith("She") and ADULT_WOMAN.search(before)):
            f = 0
        if _MAN.search(sentence) or (sentence.startswith("He") and ADULT_MAN.search(before)):
            m = 0
        if _ADULT_ROLE.search(sentence) and len(sentence.split()) < 50:
            m = f = 0  # 'the Chair said in her letter': the pronoun is the adult's
        if _SPEAKER.search(sentence):
            m = f = 0  # 'He continued: ...' after a quotation: the speaker, not the child
        male, female = male + m, female + f
        if m and "male" not in first:
            first["male"] = (page_number, sentence)
        if f and "female" not in first:
            first["female"] = (page_number, sentence)
    return male, female, first
