"""The sentences about the subject child: those naming it and going on about it, or, in a
review of one child, those describing it ('a baby of nine weeks died'); and the sex
several subject children share, each child's read from its own sentences.
"""

from __future__ import annotations

import re

from ingest.blocks import CONTENTS_LINE
from ingest.subject.mentions import CHILD_AS_SUBJECT, PRONOUN_FIRST, mentions
from ingest.subject.sex import sex, sex_of_same_sex_group
from ingest.subject.words import (
    CHILD_NOUN,
    FEMALE,
    GROUP_HARMED,
    INCIDENT_YEAR,
    KEYWORD,
    KILLED_CHILD,
    MALE,
    OTHER_PERSON,
    SEX_WORDS,
    SIBLINGS_DIED,
    STORY_PAGES,
    UNIT,
    N,
    sentences,
    year_of,
)
from ingest.types import FieldValue, Page


def subject_sentences(
    pages: list[Page], names: list[str], single_case: bool
) -> list[tuple[int, str]]:
    """Sentences about the one subject child: naming it (and the sentence after), or, in a
    review of one child without a pseudonym, describing the child and what happened."""
    found: list[tuple[int, str]] = []
    subject = [n for n in names if not n.startswith(("Family", "Children"))]
    unnamed: list[tuple[int, str]] = []  # sentences describing, not naming, the child
    named_yet = False
    for page in pages[:STORY_PAGES]:
        said = sentences(
            "\n".join(line.text for line in page.lines if not CONTENTS_LINE.search(line.text))
        )
        for index, sentence in enumerate(said):
            if len(_CONTENTS_RUN_ENTRY.findall(sentence)) >= 3:
                continue  # a table of contents run together: its headings are no sentence
            if subject:
                hit = any(mentions(sentence, name) for name in subject) or (
                    # 'the deaths of two babies': the several children the review names
                    len(subject) > 1 and SIBLINGS_DIED.search(sentence) is not None
                )
                if hit and not named_yet:
                    # 'A baby of nine weeks died ...' and then 'The baby, known as Child A, ...';
                    # what is said between the two is about the baby too
                    described = [
                        i
                        for i, s in enumerate(said[:index])
                        if _describes_child(s) and not _codes_another(s, subject)
                    ]
                    if described and index - described[0] <= 3:
                        found += [(page.number, s) for s in said[described[0] : index]]
                    else:
                        found += [(page.number, said[i]) for i in described]
                named_yet = named_yet or hit
                if (
                    not hit
                    and named_yet
                    and single_case
                    and len(subject) == 1
                    and _describes_child(sentence)
                    and not _codes_another(sentence, subject)
                    and not _ONE_OF_SEVERAL.search(sentence)
                    and not _ANOTHER_CHILD.search(sentence)
                ):
                    # once the one child of a single-case review is named, a later sentence
                    # describing a child and what happened to it may be about it too, unless
                    # the sentences naming it say otherwise (below)
                    unnamed.append((page.number, sentence))
                    found.append((page.number, sentence))
                    continue
            else:
                hit = (
                    single_case
                    and (_describes_child(sentence) or SIBLINGS_DIED.search(sentence) is not None)
                    and not _ONE_OF_SEVERAL.search(sentence)
                ) or GROUP_HARMED.search(sentence) is not None
            if hit:
                found.append((page.number, sentence))
                after = index + 1
                while after < len(said) and (
                    after == index + 1
                    or (
                        CHILD_AS_SUBJECT.match(said[after - 1]) and PRONOUN_FIRST.match(said[after])
                    )
                    or _goes_on_about_the_child(said, index, after)
                ):
                    # 'The baby, who was seven weeks old, ... She was taken to hospital'
                    found.append((page.number, said[after]))
                    after += 1
    if not unnamed:
        return found
    named = [item for item in found if item not in unnamed]
    own = sex(named)
    own_sex = str(own.value) if own is not None else None
    named_years = {year for _, sentence in named for year in _event_years(sentence)}
    return [
        item for item in found if item in named or not _contradicts(item[1], own_sex, named_years)
    ]


def _contradicts(sentence: str, own_sex: str | None, named_years: set[int]) -> bool:
    """Whether a sentence describing a child gives it another sex or another year than the
    sentences naming the child do ('she was five months old' and then 'a baby boy died in
    2009'): another child's."""
    sexes = {label for label, pattern in SEX_WORDS.items() if pattern.search(sentence)}
    sexes |= {"male"} if MALE.search(sentence) else set()
    sexes |= {"female"} if FEMALE.search(sentence) else set()
    if own_sex is not None and sexes and own_sex not in sexes:
        return True
    theirs = _event_years(sentence)  # 'in 2011', not 'the Regulations 2006'
    return bool(named_years and theirs and not theirs & named_years)


def _event_years(sentence: str) -> set[int]:
    return {year_of(found) for found in INCIDENT_YEAR.finditer(sentence)}


# an entry of a table of contents printed on one line: '2.4 Early years 10 2.5 ...'
_CONTENTS_RUN_ENTRY = re.compile(
    r"\b\d{1,2}\.\d{1,2}\s+[A-Z][^.]{0,120}?\s\d{1,3}\s+(?=\d{1,2}(?:\.\d{1,2})?\s+[A-Z])"
)
# a numbered paragraph's marker: '2.3 ', '1.1.4 '
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")
_PRONOUN = re.compile(r"\b(?:he|she|his|him|her)\b", re.I)


def _goes_on_about_the_child(said: list[str], index: int, after: int) -> bool:
    """A sentence of the same numbered paragraph as one about the child, its pronouns
    the child's: no other person in it or in the sentences between ('4.2 Child T moved
    schools ... He stopped eating ... By June he weighed ...')."""
    if not _PARAGRAPH_NUMBER.match(said[index]):
        return False
    between = [_SERVICE.sub(" ", s) for s in said[index + 1 : after + 1]]
    return all(
        not _PARAGRAPH_NUMBER.match(s) and _PRONOUN.search(s) and not OTHER_PERSON.search(s)
        for s in between
    )


# a service named for whom it serves is no person: 'adult social care', 'an adult
# safeguarding enquiry', 'adult mental health services'
_SERVICE = re.compile(
    r"(?i)\badult(?:s’|s')?\s+(?:(?:mental\s+)?health|social|safeguarding|services?)\b"
)


# a second child in the sentence: 'a younger sister', 'their other son', 'the siblings'
_ANOTHER_CHILD = re.compile(
    r"(?i)\b(?:another|other|older|younger|elder|eldest|youngest|twin)\s+(?:\w+\s+)?"
    r"(?:child|children|sibling|baby|brother|sister|son|daughter)\b|\bsiblings?\b"
    r"|\b(?:to|of) the same (?:mother|father|parents?)\b"
    r"|\b(?:brother|sister|half-(?:brother|sister))s?\b"
)
_CODED = re.compile(r"\b(?:" + KEYWORD + r")\s+(?:[A-Z]{1,2}\d{0,2}|\d{1,2})(?![\w’'-])")


def _codes_another(sentence: str, subject: list[str]) -> bool:
    """Whether the sentence names a child by a code that is none of the subject's ('Child 1
    A 16-year-old girl ...' is not about Child 2)."""
    return any(
        not any(mentions(code.group(0), name) for name in subject)
        for code in _CODED.finditer(sentence)
    )


# 'the youngest child', 'one of the children': one of several, not the review's subject
_ONE_OF_SEVERAL = re.compile(
    r"(?i)\b(?:(?:the|their|her|his)\s+(?:youngest|eldest|oldest|older|younger|middle|second|third)\s+"
    r"(?:child|sibling|boy|girl|baby)|one of (?:the|their|her|his) (?:children|siblings|babies))\b"
)
_DESCRIBED = re.compile(
    rf"\b(?:{N}[- ]{UNIT}[- ]old\s+(?:\w+\s+)?{CHILD_NOUN}|(?:the|a)\s+(?:\w+\s+)?"
    rf"{CHILD_NOUN}\b[^.]{{0,60}}\b(?:died|death|injur|harm|abuse|admitted|fractur|"
    rf"found (?:dead|unresponsive)|taken to hospital)|"
    rf"\b(?:a|the)\s+(?:\w+\s+)?{N}[- ]{UNIT}[- ]old\s+(?:was|had|died)\b[^.]{{0,40}}"
    rf"\b(?:died|injur|harm|admitted|found|hospital)|"
    rf"(?:death|injur\w*|abuse) of (?:a|an|the) (?:\w+[- ]){{0,4}}{CHILD_NOUN}|"
    rf"\b(?:boy|girl|baby|infant|child) of {N}\s+{UNIT}\b|"
    rf"{CHILD_NOUN}\s+aged\s+{N}\b[^.]{{0,30}}\b(?:died|injur|harm|fractur|sustained|suffered)|"
    # 'the review ... into the case of two twin babies', 'this review concerns a baby boy'
    rf"\b(?:review|report)\b[^.]{{0,80}}?\b(?:into|concerning|concerns|about|regarding)\s+"
    rf"(?:the case of\s+)?(?:(?:a|an|two|three|both)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:babies|twins|siblings|{CHILD_NOUN})|twins|twin\s+(?:babies|boys|girls|sisters|brothers))"
    rf"\b(?!\s*(?:protection|safeguarding|death review)))",
    re.I,
)


_AGED_CHILD_NOUN = re.compile(
    rf"\b{N}[- ]{UNIT}[- ]old\s+(?:\w+\s+)?{CHILD_NOUN}\b"
    rf"|\b(?:death|killing|murder) of (?:a|an) (?:\w+[- ]){{0,3}}"
    rf"(?:boy|girl|baby|infant|toddler)\b",
    re.I,
)


def tells_of_a_child(pages: list[Page]) -> bool:
    """Whether the opening tells of one particular child ('a six-week-old baby', 'the death
    of a boy')."""
    opening = " ".join(line.text for page in pages[:STORY_PAGES] for line in page.lines)
    return _AGED_CHILD_NOUN.search(opening) is not None


def _describes_child(sentence: str) -> bool:
    return _DESCRIBED.search(sentence) is not None or KILLED_CHILD.search(sentence) is not None


# Here rather than in `sex`: it reads each child's own sentences, and `subject_sentences`
# reads `sex`.
def sex_of_several(
    pages: list[Page], children: list[str], subject: list[tuple[int, str]], single_case: bool
) -> FieldValue | None:
    """Several subject children share a sex when the text says they are all boys or all
    girls ('two brothers'), or when each child's own sentences give the same one."""
    group = sex_of_same_sex_group(subject)
    if group is not None:
        return group
    each = []
    for child in children:  # each child's sentences, the other children's names masked
        own = subject_sentences(pages, [child], single_case)
        others = [re.escape(other) for other in children if other != child]
        masked = re.compile(rf"\b(?:{'|'.join(others)})(?![\w-])")
        each.append(sex([(page, masked.sub("the other child", said)) for page, said in own]))
    if all(found is not None for found in each) and len({f.value for f in each if f}) == 1:
        return each[0]
    return None
