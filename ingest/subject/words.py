"""Words and patterns every part of `ingest.subject` reads with.

The opening pages a story is told in, sentence splitting, number words and units of
time, the keywords a child's code follows, the people around a child and their sex,
several children who died or were harmed together, and the year of an incident.
"""

from __future__ import annotations

import re

from ingest.front import MONTH_WORD, WEEKDAY_NAMES

STORY_PAGES = 6  # the child's age, sex and outcome are stated by the background section


def sentences(text: str) -> list[str]:
    flat = re.sub(r"(\w)-\n(?=[a-z])", r"\1", text)  # undo line-end hyphenation
    flat = re.sub(r"\s*\n\s*", " ", flat)
    # a sentence ends before a capital, or before a numbered paragraph ('. 2.3 The baby')
    return [
        s
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(]|\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z])", flat)
        if s
    ]


NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


# An amount in figures or words, and a unit of time: the two groups of each age pattern
N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
UNIT = r"(day|week|month|year)s?"


# -- the child's names and words ---------------------------------------------------------


# The keywords a review names its children by, the one vocabulary every pattern of names is
# built from: a child's code or first name follows a child's keyword ('Child D', 'Baby Eva',
# 'Young Person Rowan'), several children's codes or a family's a group's ('Children A–F',
# 'Family T4'); a sibling ('Sibling 2') is no subject, a young person may go by initials
# ('YP2', 'YP 3').
CHILD_KEYWORDS = ("Child", "Baby", "Infant", "Young Person")
GROUP_KEYWORDS = ("Children", "Family")
SIBLING = "Sibling"
YOUNG_PERSON = "YP"


def keyword_pattern(keywords: tuple[str, ...], any_space: bool = False) -> str:
    """The keywords as alternatives of a pattern, the longer first ('Children' before
    'Child'); a space in one ('Young Person') any run of spaces when `any_space`."""
    space = r"\s+" if any_space else " "
    ordered = sorted(keywords, key=len, reverse=True)
    return "|".join(space.join(re.escape(word) for word in k.split()) for k in ordered)


# The words a child's code or first name follows: 'Child D', 'Baby Eva', 'Young Person Rowan'
KEYWORD = "|".join(CHILD_KEYWORDS)


# The first words of every keyword name ('Young Person Rowan', 'Family T4', 'YP2')
KEYWORDS = {k.split()[0] for k in (*CHILD_KEYWORDS, *GROUP_KEYWORDS, SIBLING, YOUNG_PERSON)}


# Every form a review names its subject by, in any case: 'CHILD X', 'Family S4', 'Children A-F';
# a baby or an infant by a first name ('Baby Eva').
SUBJECT_NAME = re.compile(
    r"(?<![\w-])(?:((?i:"
    + keyword_pattern((*CHILD_KEYWORDS, *GROUP_KEYWORDS, YOUNG_PERSON), any_space=True)
    + r"))"
    r"\s+[‘'\"“]?([A-Z]{1,2}\d{0,2}(?:\s*[-–]\s*[A-Z]{1,2}\d{0,2})?)[’'\"”]?"
    r"|(Baby|Infant)\s+([A-Z][a-z]{2,}))"
    r"(?![\w-])"
)


# A word for a child ('baby', 'teenager', 'a six-week-old'), and the nouns a child is
# described by ('a 6 year old boy', 'the twins')
CHILD_WORD = re.compile(
    r"\b(?:child|baby|babies|boy|girl|teenager|infant|son|daughter|young person|toddler|"
    r"young (?:man|woman|men|women)|\w+-(?:day|week|month|year)-old)s?\b",
    re.I,
)


CHILD_NOUN = (
    r"(?:boy|girl|baby|infant|child|son|daughter|toddler|young (?:person|man|woman)|"
    r"twins?(?: (?:siblings|babies|girls|boys|sisters|brothers))?)"
)


# -- the people around the child, and their sex -----------------------------------------


# A child's pronouns, and the words that say its sex
MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
# An adult just named: 'Child M's mother, then 19, ... She met ...' is the mother.
ADULT_WOMAN = re.compile(
    r"\b(?:mother|mum|grandmother|stepmother|aunt|woman|girlfriend|wife|midwife)\b", re.I
)
ADULT_MAN = re.compile(
    r"\b(?:father|dad|grandfather|stepfather|uncle|man|boyfriend|husband)\b", re.I
)
SEX_WORDS = {
    "male": re.compile(
        r"\b(?:boy|son|young man|baby boy|brother of|male (?:infant|child|baby|twins?)|"
        r"twin (?:boys|brothers))\b",
        re.I,
    ),
    "female": re.compile(
        r"\b(?:girl|daughter|young woman|baby girl|sister of|female (?:infant|child|baby|twins?)|"
        r"twin (?:girls|sisters))\b",
        re.I,
    ),
}
# Someone other than the subject whose age may be given beside the child's.
OTHER_PERSON = re.compile(
    r"\b(?:mother|father|mum|dad|parents?|(?<!twin )(?:brother|sister|sibling)|half-\w+|step-?\w+|"
    r"grand\w+|aunt|uncle|cousin|partner|boyfriend|girlfriend|(?<!young )(?:man|woman)|adult|"
    r"(?:male|female)(?!\s+(?:child|infant|baby|twin))|"
    r"perpetrator|older|younger|another|other|Child \d+|Sibling \w+|carer)\b",
    re.I,
)


# -- what happened ---------------------------------------------------------------------


# Several children of one family who died together: 'four children died in a fire',
# 'the deaths of three siblings'
_FEW = r"(?:two|three|four|five|six)"
_SEVERAL = (
    r"(?:children|siblings|brothers|sisters|babies|infants|toddlers|boys|girls|teenagers|"
    r"young people)"
)


SIBLINGS_DIED = re.compile(
    rf"(?i)\bdeaths? of (?:the |their )?(?:(?:all )?{_FEW}|both|all(?: the)?) "
    rf"(?:young )?{_SEVERAL}\b"
    rf"|\b{_FEW} (?:young )?{_SEVERAL} (?:\w+ )?"
    rf"(?:died|were killed|were murdered|(?:who\s+)?took their own lives)\b"
)


# The review's several children harmed, told as what happened: 'four young pupils were
# abused by ...', 'several girls were victims of sexual exploitation'
GROUP_HARMED = re.compile(
    rf"(?i)\b(?:{_FEW}|several|these|seven|eight|nine|ten)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:children|girls|boys|infants|babies|young people|siblings|pupils)\s+"
    r"(?:(?!were\b)[\w-]+\s+){0,3}?(?:were|had been)\s+(?:\w+ly\s+)?(?:(?:sexually|physically)\s+)?"
    r"(?:abused|exploited|injured|harmed|assaulted|victims of|presented with (?:\w+\s+)?injuries)"
)


# A killing told with the child as its object: 'smothered her two sons', 'killed his baby'
KILLED_CHILD = re.compile(
    r"(?i)\b(?:smothered|suffocated|strangled|killed|murdered|drowned)\s+(?:his|her|their)\s+"
    r"(?:\w+\s+){0,2}?(?:sons?|daughters?|bab(?:y|ies)|child(?:ren)?|infants?|toddlers?|"
    r"boys?|girls?|twins)\b"
)


# What follows a death: 'died on 3 May 2016', 'Date of death: 20 July 2016'
DEATH = re.compile(r"\b(?:date of death|died|dod)\b\W{0,6}([^.;\n]{0,40})", re.I)


_WEEKDAY = rf"(?i:{'|'.join(WEEKDAY_NAMES)}),?\s+"
# A person's full name as news pages print it: 'Tilly Marsh', 'Anna-Mae Jones Smith'.
FULL_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}"
# How an adult is addressed before their name ('Mr Smith', 'Dr. Jones'): the name is no child's.
ADDRESSED = r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+"

# 'in 2016', 'on Monday 4 July 2016', 'in September, 2013', 'the February 2021 incident'
INCIDENT_YEAR = re.compile(
    rf"\b(?i:in|on|during|of|by)\s+"
    rf"(?:early\s+|late\s+|mid[- ])?(?:{_WEEKDAY})?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:(?i:{MONTH_WORD}),?\s+)?((?:19|20)\d\d)\b"
    # 'around March 2019', never a bare count: 'approximately 2000 babies'
    rf"|\b(?i:around|about|approximately|circa)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?i:{MONTH_WORD}),?\s+((?:19|20)\d\d)\b"
    rf"|\b(?i:the)\s+(?:(?i:{MONTH_WORD})\s+)?((?:19|20)\d\d)\s+(?i:incident|death|assault|attack)\b"
    rf"|\b(?i:on|of)\s+\d{{1,2}}[./-]\d{{1,2}}[./-]((?:19|20)\d\d)\b"  # 'on 12/03/2017'
    rf"|\b(?i:spring|summer|autumn|winter)\s+((?:19|20)\d\d)\b"  # 'the lockdown summer 2020'
    # 'to June 2018 when the injuries were found'
    rf"|\b(?i:{MONTH_WORD})\s+((?:19|20)\d\d)(?=,?\s+when\b[^.]{{0,40}}"
    rf"\b(?i:injur|died|death|found|admitted|harm|assault|attack))"
)


def year_of(found: re.Match[str]) -> int:
    """The year an INCIDENT_YEAR match gives (each of its forms captures it in its own group)."""
    return int(next(group for group in found.groups() if group))
