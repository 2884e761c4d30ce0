"""A child's full name, as news pages print it ('the death of Tilly Marsh'), and a first
name the page also prints with a surname.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.front import MONTHS
from ingest.subject.not_names import TITLE_STOP
from ingest.subject.words import ADDRESSED, FULL_NAME, STORY_PAGES
from ingest.types import Page

# The full name of a child whose death or harm the sentence tells: 'the death of Tilly
# Marsh', 'two-year-old Tilly Marsh', 'little Tilly Marsh', 'Tilly Marsh was murdered'.
_FULL_NAME_FACT = re.compile(
    rf"\b(?:(?i:death|murder|killing|manslaughter|neglect|abuse|injuries) of|"
    rf"(?i:\w+[- ](?:day|week|month|year)s?[- ]old)|little|"
    rf"(?i:toddler|schoolgirl|schoolboy|baby|tot))\s+({FULL_NAME})\b(?![’']s\s+(?:mother|father|mum|dad|killer|stepfather))"
    rf"|(?:^|[.:;]\s+|\b(?:[Ww]hen|[Aa]fter|[Bb]efore|and)\s+)({FULL_NAME})"
    rf"(?:,\s+(?:aged\s+)?[^,]{{1,30}},|\s+\([^)]{{1,20}}\))?\s+"
    rf"(?:died|was (?:murdered|killed|found dead|starved|beaten|shaken|abused)|"
    rf"was (?:\w+\s+)?(?:\w+[- ])?(?:day|week|month|year)s?[- ]old when)\b"
    rf"|\b({FULL_NAME})[’']s? (?:death|murder|killing)\b",  # 'Tilly Marsh's death'
    re.M,  # a line of a news page often starts a sentence
)
# The words of a full name are never those of a heading or a body ('Serious Case Review').
_NOT_NAME_WORD = re.compile(
    r"(?i)^(?:the|a|an|this|that|when|after|before|and|serious|case|review|safeguarding|"
    r"children|child|board|partnership|council|court|crown|police|social|services|practice|"
    r"local|county|city|borough|health|trust|hospital|school|report|overview|his|her|their|"
    r"baby|little|toddler|mr|mrs|ms|miss|dr|sir|lord|lady|judge|justice|detective|inspector)$"
)


_DIED_AFTER = re.compile(r"\s+(?:died|was (?:killed|murdered|found dead))\b")


def full_name_subjects(pages: list[Page], everything: str) -> list[tuple[str, int]]:
    """Full names of children whose death or harm the opening tells, named again on the
    page, none of them an adult's ('Mr', an age over 18, a chair who said something)."""
    found: list[tuple[str, int]] = []
    flat = re.sub(r"\s+", " ", everything)
    for page in pages[:STORY_PAGES]:
        text = "\n".join(re.sub(r"\s+", " ", line.text) for line in page.lines)
        for fact in _FULL_NAME_FACT.finditer(text):
            name = fact.group(1) or fact.group(2) or fact.group(3)
            words = name.split()
            while words and _NOT_NAME_WORD.match(words[0]):
                words = words[1:]
            whole = " ".join(words)
            if len(words) == 3 and len(re.findall(rf"\b{re.escape(whole)}\b", flat)) < 2:
                words = words[:2]  # a middle name is printed each time, a next word is not
            if len(words) < 2 or any(_NOT_NAME_WORD.match(w) for w in words):
                continue
            if any(w.lower() in MONTHS or w in TITLE_STOP for w in words):
                continue
            name = " ".join(words)
            if any(name in known for known, _ in found) or any(
                re.search(rf"\b{re.escape(w.lower())}\b", everything) for w in words[:1]
            ):
                continue  # a first name written in lower case is an ordinary word
            aged_and_died = re.match(
                r"(?i)\w+[- ](?:day|week|month|year)s?[- ]old\b", fact.group(0)
            )
            aged_and_died = aged_and_died and _DIED_AFTER.match(text, fact.end())
            if len(re.findall(rf"\b{re.escape(words[0])}\b", flat)) < 2 and not aged_and_died:
                continue  # named once: not the page's subject, unless 'two-year-old X died'

            adult = re.search(
                rf"{ADDRESSED}{re.escape(name)}\b"
                rf"|\b{re.escape(name)}\s+(?i:inquiry|report|case)\b"  # an earlier, famous case
                rf"|\b{re.escape(name)},\s+(?:(?:19|[2-9]\d)|now\s+\d\d)\b"
                rf"|\b{re.escape(name)},?\s+(?:\w+\s+){{0,6}}?(?:said|says|added|chair\w*)\b",
                flat,
            )
            if not adult:
                found.append((name, page.number))
    return found


def with_surname(names: list[str], everything: str) -> list[str]:
    """A first name the page also prints with a surname, more than once ('Tilly' and
    'Tilly Marsh'), is the child's full name."""
    full = []
    for name in names:
        if not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", name):
            full.append(name)
            continue
        surnames = Counter(
            re.findall(rf"\b{re.escape(name)}\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", everything)
        )
        best = surnames.most_common(1)
        surname = best[0][0] if best and best[0][1] >= 2 else None
        ok = surname and not _NOT_NAME_WORD.match(surname) and surname not in TITLE_STOP
        full.append(f"{name} {surname}" if ok else name)
    return full
