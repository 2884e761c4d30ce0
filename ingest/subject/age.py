"""The subject child's age: stated in a sentence about it ('aged 15', 'a seven-week-old
baby'), counted from a birthday ('weeks after her 15th birthday') or from the dates of
birth and death; never the age of someone named just before it.
"""

from __future__ import annotations

import re
from datetime import date

from ingest.subject.mentions import mentions
from ingest.subject.words import (
    ADULT_MAN,
    ADULT_WOMAN,
    CHILD_NOUN,
    DEATH,
    OTHER_PERSON,
    SIBLINGS_DIED,
    SUBJECT_NAME,
    UNIT,
    N,
    number,
)
from ingest.types import FieldValue

# The child words a news page puts before an age between commas: 'A boy, 15,', 'Schoolgirl, 14,'
_COMMA_CHILD = "boy|girl|teenager|toddler|baby|schoolboy|schoolgirl|youngster|youth"
# 'aged 15', 'was two years old', 'a 16-year-old', 'at the age of 9 weeks', 'aged 2 years 11 months'
AGE = re.compile(
    rf"\b(?:aged|at the age of|age)\s+(?:just\s+|only\s+|about\s+|approximately\s+)?{N}"
    rf"(?:[- ]{UNIT}(?:[- ]old)?)?(?:,?\s+(?:and\s+)?{N}[- ]{UNIT})?\b"
    rf"|\b(?:was|is|being)\s+(?:just\s+|only\s+)?{N}[- ]{UNIT}(?:[- ]old)?"
    rf"(?:,?\s+(?:and\s+)?{N}[- ]{UNIT}(?:[- ]old)?)?\b"
    rf"|\b(?:was|is)\s+(?:just\s+|only\s+)?{N}()"
    rf"(?=(?:\s+and\s+a\s+half)?(?:[.,;]|\s+when\b|\s+at the time\b|"
    rf"\s+and\s+(?:lives|lived|has|had|attends|attended|is|was)\b))"
    rf"|\b(?:who|when)\s+at\s+{N}()(?=\s+(?:was|had|he|she)\b)"
    rf"|\bthen\s+(?:aged\s+)?{N}()(?=,)"
    rf"|\b{N}[- ]{UNIT}[- ]?old\b"  # 'a one yearold', its space lost in the PDF
    rf"|\bat\s+{N}\s+{UNIT}\s+of\s+age\b"
    rf"|\b(?-i:(?:Child|Baby|Young Person|YP)\s+[A-Z]{{1,2}}\d?|YP\d{{1,2}}),\s+(\d{{1,2}})(),"
    rf"|\b(?-i:[A-Z][a-z]+)\s+\((\d{{1,2}})\)()(?=\s+[a-z])"  # 'Lily (14) took ...'
    rf"|\b(?:boy|girl|baby|infant|child|young (?:man|woman|person)) of {N}(?:\s+{UNIT})?"
    rf"(?![\w-]|\s+(?:of|in|to)\b)"
    rf"|\b(?:young (?:man|woman|person)|boy|girl|teenager)\s+\((\d{{1,2}})\)()"
    # a news page's age between commas: 'A boy, 15, was', 'Tomas Reeve, 14, died'
    rf"|\b(?:{_COMMA_CHILD}),\s+{N}()(?=,)"
    rf"|\b(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+{N}()"
    rf"(?=,\s+(?:who|was|had|has|is|died|from|of)\b)",
    re.I,
)


# One age said of all the children together: 'both aged 16 years', 'the twins were 7 weeks
# old', 'the babies were each six weeks old'
_SHARED_AGE = re.compile(
    rf"(?i)\b(?:both|each|all)\s+(?:(?:were|was)\s+)?aged\s+{N}(?:[- ]{UNIT})?\b"
    rf"|\b(?:the|both)\s+(?:babies|twins|boys|girls|brothers|sisters|infants)\s+(?:were|are)\s+"
    rf"(?:both\s+|each\s+)?{N}[- ]{UNIT}[- ]old\b"
)


def _shared_age(
    subject: list[tuple[int, str]],
) -> tuple[FieldValue, FieldValue] | None:
    for page_number, sentence in subject:
        found = _SHARED_AGE.search(sentence)
        stated = (
            stated_age(found.group(0).replace("both ", "").replace("each ", "")) if found else None
        )
        if found and stated:
            return FieldValue(stated[0], page_number, sentence), FieldValue(
                stated[1], page_number, sentence
            )
    return None


def age(
    subject: list[tuple[int, str]], names: list[str]
) -> tuple[FieldValue | None, FieldValue | None]:
    """The subject's age as stated near its name (not a sibling's), or from birth and death
    dates."""
    name = names[0] if len(names) == 1 else None
    shared = _shared_age(subject)
    if shared is not None:  # 'the babies were 7 weeks old', 'both aged 16': one age for all
        return shared
    if len(names) > 1 or any(SIBLINGS_DIED.search(sentence) for _, sentence in subject):
        return None, None  # several children: no one age is the child's
    for page_number, sentence in subject:
        found = stated_age(sentence, name)
        if found:
            stated, months = found
            return (
                FieldValue(stated, page_number, sentence),
                FieldValue(months, page_number, sentence),
            )
    for page_number, sentence in subject:
        birthday = BIRTHDAY.search(sentence)
        if birthday:  # 'three weeks after his fourteenth birthday'
            word = birthday.group(2).lower()
            years = int(word[:-2]) if word[:-2].isdigit() else _ORDINALS.index(word) + 1
            months = years * 12
            if birthday.group(1).lower() == "before":  # 'three weeks before her 16th birthday'
                years -= 1
                ahead = _AHEAD.search(sentence[: birthday.start()])
                months -= 12 if ahead is None else _months_ahead(ahead)
            if 1 <= years <= 18:
                label = f"{years} year{'' if years == 1 else 's'}"
                return (
                    FieldValue(label, page_number, sentence),
                    FieldValue(months, page_number, sentence),
                )
    for page_number, sentence in subject:
        dated = _age_from_dates(sentence)
        if dated:
            return (
                FieldValue(dated[0], page_number, sentence),
                FieldValue(dated[1], page_number, sentence),
            )
    return None, None


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
]
# On or just after a birthday, the child is that age ('weeks after her 15th birthday').
# 'three weeks before ...': how long before the birthday
_AHEAD = re.compile(rf"(?i)\b(?:a|an|{N})\s+{UNIT}\s*$")


def _months_ahead(ahead: re.Match[str]) -> int:
    """Whole months the child lacked of the birthday ('three weeks' -> 1), at most 12."""
    amount = 1 if ahead.group(1) is None else number(ahead.group(1))
    days = amount * {"day": 1, "week": 7, "month": 30, "year": 365}[ahead.group(2).lower()]
    return min(12, max(1, -(-days // 30)))


BIRTHDAY = re.compile(
    r"(?i)\b(on|after|before)\s+(?:his|her)\s+(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
    r"\s+birthday\b"
)


def stated_age(text: str, name: str | None = None) -> tuple[str, int] | None:
    """The first age stated in `text` of the child ('aged 15', 'was seven weeks old'), as
    ('7 weeks', 1); ages that belong to someone else named just before are skipped."""
    text = text.replace("½", " and a half")
    for found in AGE.finditer(text):
        # 'a seven-week-old baby' is the child whoever is named before it
        of_a_child = found.group(0).lower().endswith("old") and re.match(
            rf"\s+(?:\w+\s+)?{CHILD_NOUN}\b", text[found.end() :], re.I
        )
        if not of_a_child and belongs_to_other(text[: found.start()], name):
            continue
        if name and _named_other_after(text[found.end() : found.end() + 90], name):
            continue  # 'the three-month-old baby, to be known as Sibling B': another child
        commas = _BETWEEN_COMMAS.match(found.group(0))
        if commas and (
            (commas.group(1) and not (name and commas.group(1) in name.split()))
            or _CHARGED_AFTER.match(text, found.end())
        ):
            continue  # 'Jack Dunn, 16, was charged': a news page's other person, or the accused
        if _CONTENTS_ENTRY.match(text, found.end()):
            continue  # 'Age 11 Page 12': a heading listed in the contents
        if _ANOTHER_AGE.match(text, found.end()):
            return None  # 'two sons aged 5 and 2': the ages of several children, no one's
        if re.search(
            r"(?i)\b(?:less than|under|over|more than|nearly|almost|up to)\s*$",
            text[: found.start()],
        ):
            continue  # 'less than three months old' bounds the age, it does not state it
        groups = [g for g in found.groups()]
        pairs = [(groups[i], groups[i + 1]) for i in range(0, len(groups), 2)]
        stated = [(number(n), (u or "year").lower()) for n, u in pairs if n]
        if not stated:
            continue
        amount, unit = stated[0]
        if unit == "year" and not 0 < amount <= 18:
            continue
        months = {
            "day": amount // 30,  # 'a 30-day-old baby' is a month old
            "week": amount * 7 // 30,
            "month": amount,
            "year": amount * 12,
        }[unit]
        label = f"{amount} {unit}{'' if amount == 1 else 's'}"
        if len(stated) > 1 and unit == "year" and stated[1][1] == "month":
            extra = stated[1][0]
            months += extra
            label += f" {extra} month{'' if extra == 1 else 's'}"
        elif unit == "year" and _HALF.match(text, found.end()):  # 'aged 2½', 'four and a half'
            months += 6
            label += " 6 months"
        return label, months
    return None


# An age between commas, after a child word or a capitalised name ('Tomas Reeve, 14,')
_BETWEEN_COMMAS = re.compile(
    rf"^(?:(?i:{_COMMA_CHILD})|[a-z]+|([A-Z][a-z]+(?:-[A-Z][a-z]+)?)),\s+\w+$"
)
_CHARGED_AFTER = re.compile(
    r",\s+(?:was|were|has been|had been)\s+(?:\w+\s+)?(?:convicted|charged|arrested|jailed|"
    r"sentenced|cautioned|detained)\b"
)
_HALF = re.compile(r"\s+and\s+a\s+half\b")
_CONTENTS_ENTRY = re.compile(r"(?i)\s*(?:\.{3,}\s*\d|page\s+\d|p\.\s*\d)")
_ANOTHER_AGE = re.compile(rf"(?i)\s*(?:,|and|&)\s*{N}\b(?![.,]\d)(?!\s+(?:of|per|in)\b)")
_KNOWN_AS_AFTER = re.compile(
    r"^[^.;,]{0,60}?\b(?:known|referred to|called|named)\s+(?:here\s+|in this \w+\s+)?as\s+"
    r"([^.;,]{1,25})"
)


def _named_other_after(after: str, name: str) -> bool:
    """Whether the words just after an age name the child it belongs to, and that child is
    another than the subject ('aged 6, referred to as Child B')."""
    found = _KNOWN_AS_AFTER.search(after)
    return found is not None and not mentions(found.group(1), name)


def belongs_to_other(before: str, name: str | None) -> bool:
    """Whether the words just before an age name another person than the subject."""
    window = before[-45:]
    pronoun = re.search(r"(?i)\b(he|she)\s+$", window)
    if pronoun and not re.match(r"\s*(?:He|She)\b", before):
        # 'in the care of her father, when she was three weeks old': she is not he
        other_sex = ADULT_MAN if pronoun.group(1).lower() == "she" else ADULT_WOMAN
        people = list(OTHER_PERSON.finditer(window))
        last = people[-1] if people else None
        if (
            last
            and other_sex.search(last.group(0))
            and re.search(r"(?i)\b(?:his|her)\s+$", window[: last.start()])
        ):
            return False
    coded = list(SUBJECT_NAME.finditer(window))
    if name and coded and not mentions(coded[-1].group(0), name):
        return True  # 'when Child K was 4 and Child L was 2': the other child's age
    if name and mentions(window, name):
        own = [m.end() for m in re.finditer(rf"(?i)\b{re.escape(name)}(?![\w-])", window)]
        ends = ([coded[-1].end()] if coded else []) + own
        tail = window[max(ends, default=0) :]
        return OTHER_PERSON.search(tail) is not None
    return OTHER_PERSON.search(window) is not None


_BORN = re.compile(r"\b(?:date of birth|born|dob)\b\W{0,6}([^.;\n]{0,40})", re.I)


def _age_from_dates(sentence: str) -> tuple[str, int] | None:
    from ingest.front import date_in

    born, died = _BORN.search(sentence), DEATH.search(sentence)
    if not born or not died:
        return None
    start, end = date_in(born.group(1)), date_in(died.group(1))
    if start and end and len(start) == len(end) == 7:  # 'born in May 2014 and died in November'
        months = (int(end[:4]) - int(start[:4])) * 12 + int(end[5:7]) - int(start[5:7])
        if 3 <= months < 24:
            return f"{months} months", months
        return (f"{months // 12} years", months) if 24 <= months < 18 * 12 else None
    if not start or not end or len(start) < 10 or len(end) < 10:
        return None
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    days = (last - first).days
    if not 0 <= days < 18 * 366:
        return None
    if days < 28:
        return f"{days} days", 0
    months = (last.year - first.year) * 12 + last.month - first.month - (last.day < first.day)
    if months < 3:
        weeks = days // 7
        return f"{weeks} weeks", months
    if months < 24:
        return f"{months} months", months
    return f"{months // 12} years", months
