"""The subject child and what happened, read from the review's own sentences.

A review names its subject child by a pseudonym ('Child R', 'Baby V', 'CHILD X AND BABY
Y', 'Family T4', 'Children A–F', or a first name on the cover), or describes the child
('a six-week-old baby', 'a 6 year old boy'). Ages, sex and outcome are read from the
sentences about that child only: siblings, parents, other children and perpetrators are
named in the same paragraphs with ages of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from itertools import pairwise

from ingest.blocks import CONTENTS_LINE
from ingest.front import MONTH_WORD, MONTHS, WEEKDAY_NAMES
from ingest.types import FieldValue, Page

STORY_PAGES = 6  # the child's age, sex and outcome are stated by the background section

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

# The words a child's code or first name follows: 'Child D', 'Baby Eva', 'Young Person Rowan'
_KEYWORD = "Child|Baby|Infant|Young Person"

# The names used for subject children, as other modules quote them ('Child D', 'Baby Eva').
PSEUDONYM = re.compile(
    r"\b((?:Child|Baby|Young Person|Sibling|Infant|YP)\s+[A-Z]{1,2}\d?"
    r"|Baby\s+[A-Z][a-z]{2,}"
    r"|(?:Child|Baby)\s+[A-Z](?=[’']s\b))(?![\w-])"
)
# Every form a review names its subject by, in any case: 'CHILD X', 'Family S4', 'Children A-F'.
_SUBJECT_NAME = re.compile(
    r"(?<![\w-])(?:((?i:child(?:ren)?|baby|infant|young\s+person|family|YP))"
    r"\s+[‘'\"“]?([A-Z]{1,2}\d{0,2}(?:\s*[-–]\s*[A-Z]{1,2}\d{0,2})?)[’'\"”]?"
    r"|(Baby|Infant)\s+([A-Z][a-z]{2,}))"
    r"(?![\w-])"
)
# Capitalised words that follow "Baby" or "Family" in names of things, not pseudonyms.
NOT_A_NAME = {
    "Matters",
    "Units",
    "Unit",
    "Steps",
    "Friendly",
    "Box",
    "Bonds",
    "Clinic",
    "Loss",
    "Boom",
    "Room",
    "Bank",
    "Week",
    "Care",
    "Sleep",
    "Safe",
    "Massage",
    "Shaking",
    "Equipment",
    "Walkers",
    "Court",
    "Justice",
    "Nurse",
    "Nurse Partnership",
    "Support",
    "Hubs",
    "Hub",
    "Centre",
    "Centres",
    "Services",
    "Group",
    "Practitioner",
    "Doctor",
    "Proceedings",
    "Protection",
    "Safeguarding",
    "Social",
    "Health",
    "Act",
    "Help",
    "Intervention",
    "Liaison",
    "Drug",
    "Network",
    "Panel",
    "Review",
    "Law",
    "Division",
    "Members",
    "Home",
    "Homes",
    "Assessment",
    "Plan",
    "Plans",
    "Life",
    "First",
}

_N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(day|week|month|year)s?"
# The child words a news page puts before an age between commas: 'A boy, 15,', 'Schoolgirl, 14,'
_COMMA_CHILD = "boy|girl|teenager|toddler|baby|schoolboy|schoolgirl|youngster|youth"
# 'aged 15', 'was two years old', 'a 16-year-old', 'at the age of 9 weeks', 'aged 2 years 11 months'
AGE = re.compile(
    rf"\b(?:aged|at the age of|age)\s+(?:just\s+|only\s+|about\s+|approximately\s+)?{_N}"
    rf"(?:[- ]{_UNIT}(?:[- ]old)?)?(?:,?\s+(?:and\s+)?{_N}[- ]{_UNIT})?\b"
    rf"|\b(?:was|is|being)\s+(?:just\s+|only\s+)?{_N}[- ]{_UNIT}(?:[- ]old)?"
    rf"(?:,?\s+(?:and\s+)?{_N}[- ]{_UNIT}(?:[- ]old)?)?\b"
    rf"|\b(?:was|is)\s+(?:just\s+|only\s+)?{_N}()"
    rf"(?=(?:\s+and\s+a\s+half)?(?:[.,;]|\s+when\b|\s+at the time\b|"
    rf"\s+and\s+(?:lives|lived|has|had|attends|attended|is|was)\b))"
    rf"|\b(?:who|when)\s+at\s+{_N}()(?=\s+(?:was|had|he|she)\b)"
    rf"|\bthen\s+(?:aged\s+)?{_N}()(?=,)"
    rf"|\b{_N}[- ]{_UNIT}[- ]?old\b"  # 'a one yearold', its space lost in the PDF
    rf"|\bat\s+{_N}\s+{_UNIT}\s+of\s+age\b"
    rf"|\b(?-i:(?:Child|Baby|Young Person|YP)\s+[A-Z]{{1,2}}\d?|YP\d{{1,2}}),\s+(\d{{1,2}})(),"
    rf"|\b(?-i:[A-Z][a-z]+)\s+\((\d{{1,2}})\)()(?=\s+[a-z])"  # 'Lily (14) took ...'
    rf"|\b(?:boy|girl|baby|infant|child|young (?:man|woman|person)) of {_N}(?:\s+{_UNIT})?"
    rf"(?![\w-]|\s+(?:of|in|to)\b)"
    rf"|\b(?:young (?:man|woman|person)|boy|girl|teenager)\s+\((\d{{1,2}})\)()"
    # a news page's age between commas: 'A boy, 15, was', 'Tomas Reeve, 14, died'
    rf"|\b(?:{_COMMA_CHILD}),\s+{_N}()(?=,)"
    rf"|\b(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+{_N}()"
    rf"(?=,\s+(?:who|was|had|has|is|died|from|of)\b)",
    re.I,
)
DIED = re.compile(
    r"\b(?:died|dies|death of|(?<=’s )death|(?<='s )death|(?<=and his )death|(?<=and her )death|"
    r"(?<=until his )death|(?<=until her )death|was found dead|pronounced dead|"
    r"(?:declared|confirmed|certified) dead|"
    r"(?<!non-)(?<!not )(?<!near )(?<!near-)fatal(?:ly)?|killed|murder(?:ed)?|"
    r"took (?:his|her|their) own life|(?:stabbed|beaten|shot) to death|by suicide|suicide of|"
    r"tragic death|passed away|sudden death|smothered|suffocated|strangled|"
    r"unexpected death|date of death|could not be resuscitated|could not revive (?:him|her)|"
    r"(?:were|was) unable to revive (?:him|her)|found hanged|"
    r"hanged (?:himself|herself)|drowned)\b",
    re.I,
)
HARMED = re.compile(
    r"\b(?:serious(?:ly)? (?:harm|harmed|injur\w*)|significant(?:ly)? (?:harm\w*|injur\w*)|"
    r"life[- ]changing|life[- ]threatening|non-accidental injur\w*|fractur\w*|head injur\w*|"
    r"brain injur\w*|sexually exploited|sexual(?:ly)? abus\w*|stabbed|suffered serious|"
    r"grievous bodily harm|bruis\w+|injur(?:y|ies|ed)|abused|burns?|scald\w*|"
    r"abuse of (?:a|an|the|her|him)|"
    r"ingest\w*|overdose\w*|swallow\w* (?:\w+ ){0,2}(?:tablets|pills|medication|drugs|methadone|"
    r"cannabis|batter(?:y|ies)|bleach)|(?:seriously|sexually|physically|violently) assaulted|"
    r"(?:bleed(?:ing)?|haemorrhag\w*) (?:on|in|around|to|within) (?:the|her|his|their) brain|"
    r"brain bleed|(?:bleed(?:ing)?|haemorrhag\w*) (?:behind|in) (?:the|her|his|their) eyes|"
    r"retinal haemorrhag\w*|raped|rape of|"
    r"broken (?:arms?|legs?|bones?|ribs?|skull|wrists?|femur|collarbone|jaw)|"
    r"cardiac arrest|(?:permanent |severe )?brain damage|shook (?:him|her)|"
    r"(?:serious |violent )?(?:sexual )?assault (?:on|of) (?:him|her)|serious sexual assault|"
    r"victim of (?:a |an )?(?:serious |violent |sustained )?(?:sexual |physical )?"
    r"(?:assault|attack)|"
    r"subjected to (?:\w+ ){0,2}(?:abuse|violence|assaults?|cruelty)|"
    r"subdural|skull fracture|abusive head trauma|shaken|stabbing|near[- ]fatal|"
    r"admitted to (?:hospital|intensive care|a (?:paediatric|children's) (?:ward|unit))|"
    r"severely (?:malnourished|dehydrated|underweight))\b",
    re.I,
)
_WEEKDAY = rf"(?i:{'|'.join(WEEKDAY_NAMES)}),?\s+"
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
DATE_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_AGED_CHILD = re.compile(
    rf"\b{_N}[- ]{_UNIT}[- ]old\s+(?:baby\s+)?(boy|girl|male|female)\b"
    r"(?!\s+(?:adult|perpetrator|relative|friend|partner|cousin|student|officer|worker|nurse))",
    re.I,
)
_WOMAN = re.compile(
    r"\b(?:mother|mum|grandmother|stepmother|aunt|sister|woman|girlfriend|wife|midwife)\b", re.I
)
_MAN = re.compile(
    r"\b(?:father|dad|grandfather|stepfather|uncle|brother|man|boyfriend|husband)\b", re.I
)
# An adult just named: 'Child M's mother, then 19, ... She met ...' is the mother.
_ADULT_WOMAN = re.compile(
    r"\b(?:mother|mum|grandmother|stepmother|aunt|woman|girlfriend|wife|midwife)\b", re.I
)
_ADULT_MAN = re.compile(
    r"\b(?:father|dad|grandfather|stepfather|uncle|man|boyfriend|husband)\b", re.I
)
_SEX_WORDS = {
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
_OTHER_PERSON = re.compile(
    r"\b(?:mother|father|mum|dad|parents?|(?<!twin )(?:brother|sister|sibling)|half-\w+|step-?\w+|"
    r"grand\w+|aunt|uncle|cousin|partner|boyfriend|girlfriend|(?<!young )(?:man|woman)|adult|"
    r"(?:male|female)(?!\s+(?:child|infant|baby|twin))|"
    r"perpetrator|older|younger|another|other|Child \d+|Sibling \w+|carer)\b",
    re.I,
)
_BORN = re.compile(r"\b(?:date of birth|born|dob)\b\W{0,6}([^.;\n]{0,40})", re.I)
_DEATH = re.compile(r"\b(?:date of death|died|dod)\b\W{0,6}([^.;\n]{0,40})", re.I)


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def sentences(text: str) -> list[str]:
    flat = re.sub(r"(\w)-\n(?=[a-z])", r"\1", text)  # undo line-end hyphenation
    flat = re.sub(r"\s*\n\s*", " ", flat)
    # a sentence ends before a capital, or before a numbered paragraph ('. 2.3 The baby')
    return [
        s
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(]|\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z])", flat)
        if s
    ]


# -- pseudonyms --------------------------------------------------------------------------


def pseudonyms(pages: list[Page], title: str | None) -> FieldValue | None:
    """Names the document uses for its subject children: those in the title, else those
    named on the first page or recurring."""
    counts: Counter[str] = Counter()
    first_page: dict[str, int] = {}
    everything = "\n".join(line.text for page in pages for line in page.lines)
    for page in pages:
        text = " ".join(line.text for line in page.lines)
        for name in _names_in(text) + _named_children(text, everything):
            if _ordinary_word_after_keyword(name, everything):
                continue  # 'Inquiry Into Baby Sleep', the text also saying 'sleep'
            counts[name] += 1
            first_page.setdefault(name, page.number)
    in_title = [name for name in _names_in(title or "") if name in counts]
    if title and not in_title and not _introduced(pages, everything):
        first = _first_name_in_title(title, pages)
        if first:
            return FieldValue([first], 1, title)
    if in_title:
        names = list(dict.fromkeys(in_title))
    else:
        names = [
            name
            for name, count in counts.items()
            if (
                not name.startswith(("Family", "Children"))
                and count >= (3 if re.search(r"^Baby .*[a-z]$", name) else 2)
            )
            or _quoted_child_name(name, everything)
        ]
        # and those the text says it names ('the girl, referred to as Child C'), met once
        introduced = _introduced(pages, everything)
        if introduced:
            for name in introduced[0]:
                first_page.setdefault(name, introduced[1])
            names = list(dict.fromkeys(names + introduced[0]))
        for page in pages[:STORY_PAGES]:  # 'Daniel (not his real name)'
            for unreal in _NOT_REAL_NAME.finditer(" ".join(line.text for line in page.lines)):
                first_page.setdefault(unreal.group(1), page.number)
                names = list(dict.fromkeys([*names, unreal.group(1)]))
        if not names:
            starred = _starred_name(pages, everything)
            if starred:
                names, first_page[starred[0]] = [starred[0]], starred[1]
        if not names:  # 'Serious Case Review: the Hartley Family'
            family = _family_in_heading(pages, everything)
            if family:
                names, first_page[family[0]] = [family[0]], family[1]
        if not names:  # 'Serious Case Reviews M & J', 'Local Reviews: Q and Tamsin'
            pair = _reviews_named_by_pair(pages, everything)
            if pair:
                names = pair[0]
                for name in names:
                    first_page.setdefault(name, pair[1])
        if not names:  # 'after the birth of KT12', 'KT12's death': a bare code for the child
            coded = _bare_code(pages, everything)
            if coded:
                names, first_page[coded[0]] = [coded[0]], coded[1]
        if not names:
            names = _named_once(pages, counts)
            for name in names:
                first_page.setdefault(name, 1)
        if not names:  # 'Serious Case Review in respect of ‘R’': a quoted letter as the name
            quoted = next(
                (
                    (found.group(1), page.number)
                    for page in pages[:STORY_PAGES]
                    for found in _REVIEW_OF_QUOTED.finditer(" ".join(ln.text for ln in page.lines))
                    if found.group(1) not in _TITLE_STOP
                    and not re.search(rf"\b{found.group(1).lower()}\b", everything)
                ),
                None,
            )
            if quoted:
                names, first_page[quoted[0]] = [quoted[0]], quoted[1]
        if not names:  # 'When Ruby died, aged 11 months, ...': a first name as the child's
            named = _first_name_subject(pages, everything)
            if named:
                names, first_page[named[0]] = [named[0]], named[1]
        if not names:  # a news page: 'the death of two-year-old Tilly Marsh'
            full = _full_name_subjects(pages, everything)
            for name, page_number in full:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in full]
        if not names:  # a briefing on several cases, each under its own heading
            headed = _case_headings(pages)
            for name, page_number in headed:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in headed]
        if not names:  # a first name scored over the whole opening
            scored = _scored_first_names(pages)
            for name, page_number in scored:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in scored]
        names = _listed_with(pages, names, first_page)
    if not names:
        return None
    names.sort(key=lambda name: (first_page[name], -counts[name]))
    page_number = first_page[names[0]]
    names = _with_surname(names, everything)
    return FieldValue(names, page_number, ", ".join(names))


# A heading naming reviews by their two children: 'Serious Case Reviews M & J', 'Case
# Reviews: Q and Tamsin June 2020', 'Serious Case Review\nM & J Children'
_PAIR = r"(?:[A-Z]{1,2}|[A-Z][a-z]{2,})"
_REVIEWS_OF_PAIR = re.compile(
    rf"\b(?i:reviews?)\s*[:–-]?\s*(?:(?i:into|of|concerning)\s+)?({_PAIR})\s*(?:&|\band\b)\s*"
    rf"({_PAIR})(?:\s+(?i:children|family))?"
    rf"(?=[ \t]*(?:\n|$)|\s+(?i:{MONTH_WORD})\s+(?:19|20)\d\d\b)"
)


def _reviews_named_by_pair(pages: list[Page], everything: str) -> tuple[list[str], int] | None:
    """The two children a heading names reviews by, each a letter or a first name the text
    never writes in lower case."""
    for page in pages[:STORY_PAGES]:
        text = "\n".join(line.text for line in page.lines)
        for found in _REVIEWS_OF_PAIR.finditer(text):
            pair = [found.group(1), found.group(2)]
            if any(
                name in _TITLE_STOP
                or name in NOT_A_NAME
                or name.lower() in MONTHS
                or (len(name) > 2 and re.search(rf"\b{name.lower()}\b", everything))
                for name in pair
            ):
                continue
            return pair, page.number
    return None


def _starred_name(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A first name marked with an asterisk whose note says it is not the child's real name
    ('Tamsin*' ... '* a pseudonym has been used'), never written in lower case."""
    if not _PSEUDONYM_NOTE.search(everything):
        return None
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _STARRED_NAME.finditer(text):
            name = found.group(1)
            if _plain_name(name, everything):
                return name, page.number
    return None


# 'Serious Case Review relating to the Hartley Family', 'SCR: THE K FAMILY'
_FAMILY_HEADING = re.compile(
    r"(?i)\b(?:review|report|SCR|CSPR|LCSPR)\b[\s:,-]*(?:(?:relating to|concerning|regarding|"
    r"in respect of|into|of|on)\s+)?the\s+([a-z]{2,}|[a-z]{1,2}\d?)\s+family\b"
)
_NOT_A_SURNAME = {"whole", "wider", "extended", "foster", "birth", "same", "child", "young"}


def _family_in_heading(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """The family a review's title names ('Serious Case Review relating to the Hartley
    Family'), its name a word the text never writes in lower case except before 'family'."""
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _FAMILY_HEADING.finditer(text):
            word = found.group(1)
            if word.lower() in _NOT_A_SURNAME or word.capitalize() in NOT_A_NAME:
                continue
            ordinary = rf"\b{word.lower()}\b(?!\s+family\b)"
            if re.search(ordinary, everything):
                continue
            return f"Family {word.capitalize() if len(word) > 2 else word.upper()}", page.number
    return None


# A bare code for the child, shown to be a person: 'after the birth of KT12', 'KT12's death',
# 'KT12 became unwell'
_BARE_CODE = r"[A-Z]{1,3}\d{1,2}"
_CODE_AS_CHILD = re.compile(
    rf"\b(?:birth|death|injuries|injury|killing|murder) of ({_BARE_CODE})(?![\w’'-])"
    rf"|\b({_BARE_CODE})[’']s (?:death|birth|injuries|injury|life|mother|father|parents|"
    r"siblings?|brothers?|sisters?)\b"
    rf"|\b({_BARE_CODE}) (?:died|becomes? (?:acutely |seriously )?(?:unwell|ill)|"
    r"became (?:acutely |seriously )?(?:unwell|ill)|was born)\b"
)


def _bare_code(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A code with no keyword ('KT12') that the opening shows to be the child, once as a
    person born, dying or unwell, and named at least twice."""
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _CODE_AS_CHILD.finditer(text):
            code = next(g for g in found.groups() if g)
            if len(re.findall(rf"\b{code}(?![\w-])", everything)) >= 2:
                return code, page.number
    return None


def _ordinary_word_after_keyword(name: str, everything: str) -> bool:
    """'Baby Loss', 'Infant Sleep': a word the text also writes in lower case, not after
    the keyword (a lower-case running header repeats 'baby eva'), is no first name."""
    found = re.fullmatch(r"(?:Baby|Infant) ([A-Z][a-z]{2,})", name)
    if not found:
        return False
    word = found.group(1).lower()
    return re.search(rf"(?<!baby )(?<!infant )\b{word}\b", everything) is not None


# A line that is only a child's code: the heading of one case ('Child 2', 'Baby C')
_CASE_HEADING = re.compile(
    r"^\s*(?:\d{1,2}[.)]?\s+)?"
    r"((?:" + _KEYWORD + r")\s+(?:[A-Z]{1,2}|\d{1,2}))\s*:?\s*$"
)


def _case_headings(pages: list[Page]) -> list[tuple[str, int]]:
    """Children whose codes head the cases of a page ('Child 1', then what happened, then
    'Child 2'): two or more, each on a line of its own with its case below it."""
    found: list[tuple[str, int]] = []
    for page in pages[:STORY_PAGES]:
        for index, line in enumerate(page.lines):
            heading = _CASE_HEADING.match(line.text)
            if not heading:
                continue
            below = next((ln.text for ln in page.lines[index + 1 :] if ln.text.strip()), "")
            if len(below.split()) >= 6:  # a case told below, not a cover's line
                name = re.sub(r"\s+", " ", heading.group(1))
                if name not in (n for n, _ in found):
                    found.append((name, page.number))
    return found if len(found) >= 2 else []


# What a sentence says about the subject child: its age, its death or harm, the review of it.
_SUBJECT_CUE = re.compile(
    r"\b(?:(?:this|the) review (?:concerns|considers|is about|looks at|relates to)|"
    r"the (?:death|circumstances) of|"
    r"review (?:into|of)|(?:was|is) (?:\w+[- ]){1,3}old|\w+[- ](?:day|week|month|year)s?[- ]old|"
    r"aged|died|injured|harmed|abused|exploited|assaulted|neglected|drowned|groomed|raped|"
    r"(?:was|is) (?:\d{1,2}|[a-z]+teen) when|"
    r"took (?:his|her|their) own life|"
    r"(?:was|were) (?:first |later |then |\w+ly )?(?:found|admitted|taken|born|convicted|arrested|"
    r"charged)|sustained|suffered|"
    r"(?:twins|a (?:baby |little )?(?:boy|girl))(?:,| aged| of)|"
    # reviews named by their children: 'our rapid reviews (Child Q, Baby N)'
    r"(?:SCR|LCSPR|CSPR|CPR|review)s?\s+\((?=(?:" + _KEYWORD + r")\s))\b",
    re.I,
)


def _named_once(pages: list[Page], counts: Counter[str]) -> list[str]:
    """The children's names, each met once, in one sentence about the subject ('Child T was
    eleven months old when ...', 'the review concerns Child E and Child F'): only when the
    opening names no other child. Else a family the review says it concerns."""
    coded = r"^(?:" + _KEYWORD + r"|YP) [A-Z]{1,2}\d{0,2}$"
    everything = "\n".join(line.text for page in pages for line in page.lines)
    children = [n for n in counts if not n.startswith(("Family", "Children"))]
    families = [n for n in counts if n.startswith("Family")]
    if children and not all(re.match(coded, n) for n in children):
        return []
    for page in pages[:STORY_PAGES]:
        said = sentences("\n".join(line.text for line in page.lines))
        for index, sentence in enumerate(said):
            going_on = said[index + 1] if index + 1 < len(said) else ""
            # the cue may be in a 'He'/'She' sentence going on about the child
            cued = _SUBJECT_CUE.search(sentence) or (
                _CHILD_AS_SUBJECT.match(sentence)
                and _PRONOUN_FIRST.match(going_on)
                and _SUBJECT_CUE.search(going_on)
            )
            listed = _names_in(" ".join(m.group(0) for m in _CHILDREN_LISTED.finditer(sentence)))
            if cued and children and all(n in listed or _mentions(sentence, n) for n in children):
                # 'Children A, B and C, who were ...': each child of the list
                return sorted(
                    children,
                    key=lambda n: (_where(sentence, n), listed.index(n) if n in listed else -1),
                )
            if (
                not children
                and len(families) == 1
                and _mentions(sentence, families[0])
                and _REVIEW_OF.search(sentence)
            ):
                return families
            surname = _SURNAME_FAMILY.search(sentence)
            if (
                not children
                and not families
                and surname
                and _REVIEW_OF.search(sentence)
                and not re.search(rf"\b{surname.group(1).lower()}\b", everything)
            ):
                return [f"Family {surname.group(1)}"]  # 'this review concerns the Green family'
    return []


_SURNAME_FAMILY = re.compile(r"\b[Tt]he ([A-Z][a-z]{2,}|[A-Z]{1,2}\d?) [Ff]amily\b")


# a first name, hyphenated or not: 'Ruby', 'Mary-Jane'
_FIRST_NAME = r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?"
_REVIEW_OF_QUOTED = re.compile(
    r"\b(?i:review|report)\s+(?i:in respect of|into the death of|concerning|regarding|of|for)\s+"
    rf"[‘'\"“]([A-Z]{{1,2}}\d?|{_FIRST_NAME})[’'\"”]"
)
# A first name whose death or age the sentence tells: 'When Ruby died, aged 11 months',
# 'Ruby (aged 4) was found ...', 'Ruby was three years old when ...'
_FIRST_NAME_FACT = re.compile(
    rf"(?:^(?:\d+(?:\.\d+)*\.?\s+)?|\b(?:When|After|Before|Until|Shortly before|Weeks before)\s+)"
    rf"({_FIRST_NAME})"
    rf"(?:\s*,\s*(?:then\s+)?aged\s+[^,]{{1,25}},|\s*\((?:aged\s+)?[^)]{{1,25}}\))?\s+"
    rf"(?:died|was killed|was found (?:dead|unresponsive|hanged|collapsed)|"
    rf"was (?:admitted|taken|rushed) to hospital|(?:was|is) {_N}[- ]{_UNIT}[- ]old|"
    rf"was {_N} when|"
    rf"sustained|suffered|took (?:his|her) own life|took an? (?:\w+ )?overdose|"
    rf"was (?:sexually |physically |seriously )?"
    rf"(?:abused|exploited|assaulted|stabbed|shot|injured))\b"
)


# 'the tragic death of Harvey, who was three years old'
_DEATH_OF_NAME = re.compile(
    r"\b(?:death|killing|murder|injuries|injury|abuse|neglect) of ([A-Z][a-z]{2,})"
    r"(?=,|\s+\(|\s+who\b)"
)
_QUOTED_FIRST_NAME = re.compile(r"^[‘'\"“]([A-Z][a-z]{2,})[’'\"”]\s+(?:was|had|is|has|lived)\b")


def _first_name_subject(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A first name the opening tells the death, harm or age of, when the opening names the
    child no other way: never written in lower case (so not 'Mother'), named again, and
    with the child's age or a child word in the same sentence."""
    for page in pages[:STORY_PAGES]:
        said = sentences("\n".join(line.text for line in page.lines))
        said += [s for line in page.lines for s in sentences(line.text)]  # after a heading
        for sentence in said:
            quoted = _QUOTED_FIRST_NAME.match(sentence)
            if quoted and _SUBJECT_CUE.search(sentence):
                name = quoted.group(1)  # '‘Oscar’ was born ...': quoted as a name
                if _plain_name(name, everything):
                    return name, page.number
            found = _FIRST_NAME_FACT.search(sentence) or _DEATH_OF_NAME.search(sentence)
            if not found:
                continue
            name = found.group(1)
            if not _plain_name(name, everything):
                continue  # a word of headings or grammar, a month, an ordinary word
            if re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+{name}\b", everything):
                continue  # an adult
            if len(re.findall(rf"\b{re.escape(name)}\b", everything)) < 2:
                continue
            if AGE.search(sentence) or _CHILD_WORD.search(sentence) or _BIRTHDAY.search(sentence):
                return name, page.number
    return None


# -- first names scored over the whole opening -------------------------------------------
# A review that calls its child by a first name alone says so in many ways ('Ava was born',
# 'Ava’s mother', 'we will call her Ava', 'a review of ‘Ava’', 'Ava*'). Rather than one pattern
# per phrasing, each capitalised word is scored over the opening by the places it stands in.

# after the name: something the child did, had or was, or the child's own ('Ava’s')
_NARRATED = re.compile(
    r"[’'”*]?(?:[’']s\b(?!\s+(?:had|has|was|is|were|have|will|would)\b)|"
    r"\s*,?\s+(?:\(?aged\b|was\b|had\b|is\b|has\b|lived\b|died\b|did\b|"
    r"would\b|could\b|attended\b|moved\b|came\b|went\b|became\b|spent\b|"
    r"felt\b|who\b|were\b|spoke\b|made\b|took\b|left\b|saw\b|knew\b|gave\b|ran\b|"
    # 'Ava moved'; not what a speaker says ('Ava said', 'Ava added'), an adult's word
    r"(?:then |later |also |often |had |was |has )?"
    r"(?!(?:added|stated|commented|remarked|replied|reported|concluded)\b)[a-z]{3,}ed\b(?! by\b)|"
    r"and (?:his|her) \w+\b|"
    # 'Ava (not her real name)', 'Ava, a pseudonym,'
    r"\(?(?:not (?:his|her|their) real name|a pseudonym)))"
)
# a review's kind beside the name, in a heading: 'Ava – Serious Case Review', 'Review: Ava'
_KIND_BESIDE = re.compile(r"(?i)(?:review|report|summary|briefing)\s*[:–—-]\s*[‘'\"“]?$")
_KIND_AFTER = re.compile(r"[’'”*]?\s*[:–—-]\s*(?:\w+\s+){0,2}(?i:review|report|summary|briefing)\b")
# before the name: the text saying it names the child so, or a review being of it
_NAMED_SO = re.compile(
    r"(?i)(?:referred to (?:here |in this (?:report|review) )?as|known (?:here )?as|"
    r"(?:we )?(?:will |shall )?call(?:ed)? (?:him|her|them)?|named|"
    r"(?:review|report)s? (?:of|into|concerning|regarding|for|about|in respect of)"
    r"(?: the death of)?|"
    r"(?:the )?(?:initials|pseudonyms?)"  # 'uses the initials RJT throughout'
    r")\s+[‘'\"“]?$"
)
# words that stand capitalised alone in reviews and are bodies, roles or parts of a document,
# besides those of _NOT_INTRODUCED, _KEYWORDS and _TITLE_STOP (all four: _NOT_A_FIRST_NAME)
_NOT_A_CHILD = {
    "Ofsted", "Cafcass", "Police", "Court", "Judge", "Chair", "Author", "Appendix",
    "Introduction", "Background", "Members", "Committee", "Trust", "School", "Hospital",
    "There", "These", "Those", "They", "Them", "She", "What", "Which", "When", "Where", "Who",
    "Why", "How", "Each", "Some", "Any", "All", "Both", "Such", "Other", "Many", "Most", "One",
    "Two", "Three", "Our", "Its", "Also", "Whether", "While", "Whilst", "Although", "However",
    "Because", "Since", "Before", "After", "During", "Until", "Unless", "Once", "Here", "Now",
    "Then", "Only", "Even",
}  # fmt: skip
_ADULT_WORD = (
    r"(?:mother|father|mum|dad|partner|boyfriend|girlfriend|husband|wife|step-?father|"
    r"step-?mother|grand(?:mother|father|parent)|aunt|uncle|carer|parent|practitioner|worker|"
    r"officer|nurse|doctor|teacher|manager|chair|author|reviewer)"
)
# a sentence naming the word is about a child: not 'Connor lived with the baby', where the
# child is someone else beside the name
_CHILD_CUE = re.compile(
    r"(?i)\b(?:he|she|his|her|him|born|birth|aged|old|(?<!the )(?:boy|girl|baby|child)|died|"
    r"death|school|injur\w+|siblings?|brother|sister)\b"
)


def _scored_first_names(pages: list[Page]) -> list[tuple[str, int]]:
    """First names the opening uses for its child, each scored over the whole opening: a
    point where the text tells of it ('Ava was', 'Ava’s'), two where it says it names the
    child so or reviews it ('known as Ava', 'a review of Ava'), one more where it is set in
    quotation marks or starred. A name needs two points and two mentions, never written
    in lower case, never after an article or in a longer proper name ('Ava Street'), never
    a place ('in Ava'), an adult ('Mrs Ava', 'Ava’s husband', 'her mother, Ava'), a body or
    a month, and some sentence naming it must be about a child."""
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    opening = [(number, text) for number, text, _ in _opening(pages)]
    quoted = {code for _, text in opening for code in re.findall(_QUOTED_CODE, text)}
    for page_number, text in opening:
        for found in re.finditer(rf"(?<![\w’'*-])[‘'\"“]?({_FIRST_NAME}|{_CODE})(?![\w-])", text):
            name, before = found.group(1), text[max(0, found.start() - 60) : found.start()]
            marked = bool(re.match(r"[‘'\"“]", found.group(0))) or text.startswith("*", found.end())
            if re.match(r"[’'”*]?\s+[A-Z][a-z]", text[found.end() :]):
                continue  # 'Ava Street', 'Infant Death': a longer proper name
            points = 2 * bool(_NAMED_SO.search(before))
            if _KIND_BESIDE.search(before) or _KIND_AFTER.match(text, found.end()):
                points += 1
            # a code told of is as often a service's ('MASH decided', 'his GP had'): a code
            # is told of only once the text quotes it as a name ('‘EJ’'); said to name the
            # child ('the initials EJ') it has its two points already
            told = not re.fullmatch(_CODE, name) or name in quoted
            if told and not re.search(r"[A-Z][\w’']*\s$", before):  # not 'Castle Ava'
                points += bool(_NARRATED.match(text, found.end()))
            points += marked and points > 0
            if points:
                score[name] += points
                first.setdefault(name, page_number)
    candidates = [name for name, points in score.items() if points >= 2]
    if not candidates:
        return []
    flat = " ".join(text for _, text in opening)
    said = sentences(flat)
    names = [(name, first[name]) for name in candidates if not _not_a_childs_name(name, flat, said)]
    if len(names) > _MOST_SCORED:
        return []  # many people told of by first name: a story of the adults around a child
    return sorted(names, key=lambda found: (found[1], -score[found[0]]))


# a review calls its child, or a few siblings, by first name; on the 176 dev openings the
# scorer finds one or two
_MOST_SCORED = 3


# the words before a place or a thing: 'in Ava', 'the Ava', 'his GP'
_PLACE_OR_THING = r"in|at|from|across|near|the|an?|his|her|their"
# the opening a first name is scored over, when its pages are long or the text has none
_OPENING_CHARS = 24_000


def _opening(pages: list[Page]) -> list[tuple[int, str, set[str]]]:
    """The opening pages, each as its number, its text on one line (all within the first
    _OPENING_CHARS characters) and its lines."""
    opening: list[tuple[int, str, set[str]]] = []
    left = _OPENING_CHARS
    for page in pages[:STORY_PAGES]:
        if left <= 0:
            break
        text = re.sub(r"\s+", " ", " ".join(line.text for line in page.lines))[:left]
        lines = {re.sub(r"\s+", " ", line.text.strip()) for line in page.lines}
        opening.append((page.number, text, lines))
        left -= len(text)
    return opening


# a code for the child: 'EJ', 'KT12', 'C4'
_CODE = r"[A-Z]{2,4}\d{0,2}|[A-Z]\d{1,2}"
_QUOTED_CODE = rf"[‘'\"“]({_CODE})[’'\"”]"
# what practitioners, coded like children in many reviews, do
_PRACTICE_VERB = (
    r"(?:visited|noted|assessed|recorded|referred|reviewed|examined|advised|saw|observed|"
    r"completed|contacted|telephoned|phoned|discussed|made a referral|undertook|"
    r"attended (?:a|the))\b"
)


def _not_a_childs_name(name: str, flat: str, said: list[str] | None) -> bool:
    """Whether a capitalised word scored as a first name is not the child's, read in the
    opening (flat: its text on one line; said: its sentences, or None for a name listed
    with the child's, whose list is all it is told in). Cheapest checks first."""
    if not _plain_name(name, flat):
        return True  # a word of headings, bodies or grammar, a month, or an ordinary word
    word = re.escape(name)
    if said is not None and len(re.findall(rf"\b{word}\b", flat)) < 2:
        return True  # named once
    if re.fullmatch(_CODE, name) and re.search(
        rf"\({word}\)|\b{word}\s*[:=–-]|\b(?:[A-Z][a-z]+ ){{2,}}\({word}\b"
        rf"|\b{word}\s+{_PRACTICE_VERB}",
        flat,
    ):
        return True  # a body's initials, a label, or a practitioner's code ('HV2 visited')
    if re.search(
        rf"\b(?:{_PLACE_OR_THING})\s+{word}\b(?![’']s\b)"  # 'in Ava'; not 'in Ava’s life'
        rf"|\b{word}\s+(?:[A-Z][a-z]+\s+)?(?:Council|County|Borough|City|Safeguarding"
        rf"|Police|Hospital|University|Trust|Children|Road|Street)\b",
        flat,
    ):
        return True  # a place, a thing or a body
    if re.search(
        rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+{word}\b"
        rf"|\b{word}[’']s\s+(?:partner|boyfriend|girlfriend|husband|wife|children|son|"
        rf"daughter|baby)\b"
        rf"|\b{_ADULT_WORD}s?\W{{1,3}}{word}\b|\b{word},?\s+(?:\(|the\s+|a\s+|his\s+|her\s+)"
        rf"{_ADULT_WORD}",
        flat,
        re.I,
    ):
        return True  # an adult
    if not re.search(rf"[a-z,‘“]\s*{word}\b", flat):
        return True  # only at the head of sentences and lines
    if said is None:
        return False
    # some sentence naming it must be about a child
    return not any(_CHILD_CUE.search(s) for s in said if re.search(rf"\b{word}\b", s))


# A child's full name, as news pages print it ('Tilly Marsh', 'Rhys-Owen Jones-Pryce').
_FULL = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}"
# The full name of a child whose death or harm the sentence tells: 'the death of Tilly
# Marsh', 'two-year-old Tilly Marsh', 'little Tilly Marsh', 'Tilly Marsh was murdered'.
_FULL_NAME_FACT = re.compile(
    rf"\b(?:(?i:death|murder|killing|manslaughter|neglect|abuse|injuries) of|"
    rf"(?i:\w+[- ](?:day|week|month|year)s?[- ]old)|little|"
    rf"(?i:toddler|schoolgirl|schoolboy|baby|tot))\s+({_FULL})\b(?![’']s\s+(?:mother|father|mum|dad|killer|stepfather))"
    rf"|(?:^|[.:;]\s+|\b(?:[Ww]hen|[Aa]fter|[Bb]efore|and)\s+)({_FULL})"
    rf"(?:,\s+(?:aged\s+)?[^,]{{1,30}},|\s+\([^)]{{1,20}}\))?\s+"
    rf"(?:died|was (?:murdered|killed|found dead|starved|beaten|shaken|abused)|"
    rf"was (?:\w+\s+)?(?:\w+[- ])?(?:day|week|month|year)s?[- ]old when)\b"
    rf"|\b({_FULL})[’']s? (?:death|murder|killing)\b",  # 'Tilly Marsh's death'
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


def _full_name_subjects(pages: list[Page], everything: str) -> list[tuple[str, int]]:
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
            if any(w.lower() in MONTHS or w in _TITLE_STOP for w in words):
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
                rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+{re.escape(name)}\b"
                rf"|\b{re.escape(name)}\s+(?i:inquiry|report|case)\b"  # an earlier, famous case
                rf"|\b{re.escape(name)},\s+(?:(?:19|[2-9]\d)|now\s+\d\d)\b"
                rf"|\b{re.escape(name)},?\s+(?:\w+\s+){{0,6}}?(?:said|says|added|chair\w*)\b",
                flat,
            )
            if not adult:
                found.append((name, page.number))
    return found


def _with_surname(names: list[str], everything: str) -> list[str]:
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
        ok = surname and not _NOT_NAME_WORD.match(surname) and surname not in _TITLE_STOP
        full.append(f"{name} {surname}" if ok else name)
    return full


# 'this review concerns', 'the review looks at the experiences of'
_REVIEW_OF = re.compile(
    r"(?i)\b(?:review|report)\s+(?:\w+\s+){0,2}(?:concerns|considers|is about|looks at|"
    r"examines|focuses on|into|of|for|in respect of|regarding|relating to)\b"
)
# 'Daniel (not his real name)'
# 'Tamsin*', the asterisk's note saying the child's name is not the real one
_STARRED_NAME = re.compile(rf"(?<![\w*-])({_FIRST_NAME})\*(?![\w*])")
_PSEUDONYM_NOTE = re.compile(
    r"(?i)\b(?:a pseudonym|pseudonyms?\s+(?:is|are|has been|have been)\s+used|"
    r"not (?:his|her|their) real name|names? (?:has|have) been changed)\b"
)
_NOT_REAL_NAME = re.compile(
    r"(?<![\w-])(?<!Child )(?<!Baby )(?<!Infant )"
    rf"[‘'\"“]?({_FIRST_NAME})[’'\"”]?\s*"
    r"(?:\((?:not (?:his|her|their) real name|a pseudonym|pseudonym)\)"
    r"|,\s+whose (?:real )?name (?:has been|was|is) changed)"  # 'Ruby, whose name has been changed'
)


_LIST_GAP = re.compile(
    r"^\s*(?:\([^()]{0,30}\))?\s*(?:,\s*aged\s+\w+(?:\s+\w+)?\s*)?(?:,|,?\s*and|&)\s*"
    r"(?:(?:his|her|their)\s+(?:older\s+|younger\s+|twin\s+|half-)?"
    r"(?:brother|sister|sibling|twin|cousin)s?\s*,?\s*)?$"
)


def _listed_with(pages: list[Page], names: list[str], first_page: dict[str, int]) -> list[str]:
    """Children listed beside a subject child ('Child A (aged 9), Child B (aged 6) and
    Child C') are subjects too, even when each is named once; the page each is first
    listed on is set in first_page."""
    if not names:
        return names
    found = list(names)
    for page in pages[:STORY_PAGES]:
        for sentence in sentences("\n".join(line.text for line in page.lines)):
            spans = [
                (m.start(), m.end(), f"{m.group(1).capitalize()} {m.group(2)}")
                for m in _SUBJECT_NAME.finditer(sentence)
                if m.group(1) and m.group(1).lower() in {"child", "baby"}
            ]
            chain: list[str] = []
            for index, (start, _end, name) in enumerate(spans):
                joined = index and _LIST_GAP.match(sentence[spans[index - 1][1] : start])
                if not joined:
                    chain = []
                chain.append(name)
                if len(chain) > 1 and any(n in found for n in chain):
                    for member in chain:
                        first_page.setdefault(member, page.number)
                    found += [n for n in chain if n not in found]
    first_names = [n for n in found if re.fullmatch(_FIRST_NAME, n)]
    if not first_names:
        return found
    opening = _opening(pages)
    flat = " ".join(text for _, text, _ in opening)
    for name in first_names:
        # 'Ava, Noor and Tam' as a heading, 'the sisters Ava and Noor': first names listed
        # with the child's are its siblings' (in prose, a list of names may be the child
        # and its parents: 'Ava, Kerry and Dean moved')
        for page_number, text, headings in opening:
            for listed in _FIRST_NAMES_LISTED.finditer(text):
                members = re.findall(_FIRST_NAME, listed.group(0))
                if name not in members:
                    continue
                around = text[max(0, listed.start() - 40) : listed.end() + 40]
                siblings = (
                    listed.group(0) in headings
                    or _CHILDREN_WORD.search(around)
                    or (
                        _ALONE_IN_RUN.search(text[max(0, listed.start() - 4) : listed.start()])
                        and not _PROSE_GOES_ON.match(text, listed.end())
                    )
                )
                if siblings and not any(_not_a_childs_name(m, flat, None) for m in members):
                    for member in members:
                        first_page.setdefault(member, page_number)
                    found += [m for m in members if m not in found]
    return found


# a list standing alone in text run together from a cover: after a sentence's end or a
# question title, and not going on as a sentence ('Ava, Noor and Tam moved ...')
_ALONE_IN_RUN = re.compile(r"(?:^\s*|[.?!:]\s+)$")
_PROSE_GOES_ON = re.compile(r"[’'”]?\s*(?:[,;(]|(?:[A-Z][a-z]+\s+)?[a-z])")
_CHILDREN_WORD = re.compile(r"\b(?:children|siblings|sisters|brothers|twins|girls|boys)\b(?![’'])")
_FIRST_NAMES_LISTED = re.compile(
    rf"(?<![\w’'-]){_FIRST_NAME}(?:,\s+{_FIRST_NAME})*,?\s+(?:and|&)\s+{_FIRST_NAME}(?![\w-])"
)


def _plain_name(word: str, flat: str) -> bool:
    """A capitalised word that may be a first name: never in lower case, no word of
    headings, bodies or grammar, no month."""
    return not (
        word in _NOT_A_FIRST_NAME
        or word.lower() in MONTHS
        or re.search(rf"\b{re.escape(word.lower())}\b", flat)
    )


_NAME = (
    r"(?:(?:" + _KEYWORD + r"|Family)\s+(?:[A-Z][\w’'-]*|\d{1,2}(?![\w-]))"
    r"|[A-Z][a-z]{2,})"
)
# 'referred to as Child C', 'known as Sarah', 'the pseudonyms Liam and Nicole', 'named James
# in the report', 'who can only be identified as Child A'
_INTRODUCED = re.compile(
    rf"\b(?:referred to|known|identified|named|called|described)\s+"
    rf"(?:(?:in|throughout) (?:the|this) (?:report|review)\s+|(?:here|hereafter|below)\s+)?"
    rf"(?:only\s+)?"
    rf"(?:as|by the pseudonyms?|using the pseudonyms?)\s+(?:the\s+)?[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?:,?\s+(?:and|&)\s+[‘'\"“]?({_NAME})[’'\"”]?)?"
    rf"|\b(?:named|called|(?:we|I)\s+(?:will\s+|shall\s+)?call)\s+({_NAME})"
    rf"\s+(?:in|throughout) (?:the|this) (?:report|review)\b"
    rf"|\brefers?\s+to\s+(?:him|her|the (?:child|baby|boy|girl|young person))\s+as\s+({_NAME})"
    rf"|\b({_NAME}),?\s+as (?:he|she|they) (?:is|are|will be) (?:called|known|named|referred to)\b"
    rf"|\b({_NAME}) is the (?:name|pseudonym) (?:used |given |chosen )?(?:in |by |for )?"
    rf"(?:this|the) (?:report|review)(?: uses)?(?: for)?"
    rf"|\b(?:(?:the )?subject of (?:this|the) (?:review|report)|(?:child|young person|baby) at "
    rf"the (?:centre|center|heart) of (?:this|the) (?:review|report)),\s+({_NAME}),"
    # 'the 13-year-old, named Tilly in the report', 'a baby girl named only as Tilly'
    rf"|\b(?:child|baby|boy|girl|toddler|infant|teenager|\w+-(?:day|week|month|year)s?-old),?\s+"
    rf"(?:named|called)\s+(?:only\s+)?(?:as\s+)?[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?=\s*[,.;)]|\s+(?:in|by)\s+the\s+(?:report|review)\b)"
    rf"|\b(?:is|are|will be|shall be|has been)\s+(?:called|named)\s+[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?=\s*[,.;)]|\s+(?:in|throughout|for)\b)"
)
_NOT_INTRODUCED = {
    "The",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Mother",
    "Father",
    "Mum",
    "Dad",
    "Sibling",
}
_A_CHILDS = (
    r"(?:'s|’s)\s+(?:mother|father|mum|dad|parents?|birth|death|life|siblings?|brother|sister)"
)
_CHILD_WORD = re.compile(
    r"\b(?:child|baby|babies|boy|girl|teenager|infant|son|daughter|young person|toddler|"
    r"young (?:man|woman|men|women)|\w+-(?:day|week|month|year)-old)s?\b",
    re.I,
)


def _introduced(pages: list[Page], everything: str) -> tuple[list[str], int, str] | None:
    """Children the text says it names ('the girl, referred to as Child C'); a first name
    counts when a child is spoken of just before it, or it is spoken of as a child's
    ('Liam's mother'), not the parent introduced beside it."""
    names: list[str] = []
    where: tuple[int, str] | None = None
    for page in pages[:STORY_PAGES]:
        text = re.sub(r"\s+", " ", " ".join(line.text for line in page.lines))
        for found in _INTRODUCED.finditer(text):
            # a child spoken of just before the name, or just after ('..., was a boy of ten')
            near_child = _CHILD_WORD.search(
                text[max(0, found.start() - 60) : found.start()]
            ) or _CHILD_WORD.search(text[found.end() : found.end() + 40])
            # or the child's age just after ('Ollie, as he is called here, was 16 when ...')
            near_child = near_child or AGE.search(text[found.end() : found.end() + 40])
            captured = (n.strip("’'") for n in found.groups() if n)
            for name in (n for n in captured if n not in _NOT_INTRODUCED):
                keyword = name.split()[0] in {"Child", "Baby", "Infant", "Young", "Family"}
                if not keyword and re.search(rf"\b{re.escape(name.lower())}\b", everything):
                    continue  # an ordinary word, not a name
                childs = re.search(rf"\b{re.escape(name)}{_A_CHILDS}", everything)
                if (keyword or near_child or childs) and name not in names:
                    names.append(name)
                    where = where or (page.number, found.group(0))
    for page in pages[:STORY_PAGES]:  # 'referred to as the Hart family'
        text = re.sub(r"\s+", " ", " ".join(line.text for line in page.lines))
        for found in _INTRODUCED_FAMILY.finditer(text):
            if f"Family {found.group(1)}" not in names:
                names.append(f"Family {found.group(1)}")
                where = where or (page.number, found.group(0))
    if not names or where is None:
        return None
    return names, where[0], where[1]


_INTRODUCED_FAMILY = re.compile(
    r"\b(?:referred to|known|described|identified)\s+(?:here\s+|in this (?:report|review)\s+)?"
    r"as\s+the\s+[‘'\"“]?([A-Z][a-z]{2,}|[A-Z]{1,2}\d?)[’'\"”]?\s+[Ff]amily\b"
)


# 'Child Tobin', 'Young Person Rowan1' (a footnote's mark run on to the name)
_CHILD_FIRST_NAME = re.compile(
    r"\b(Child|Baby|Infant|Young\s+Person)\s+([A-Z][a-z]{2,})(?=\d{0,2}(?![\w-]))"
)


def _quoted_child_name(name: str, everything: str) -> bool:
    """'Child Tobin' set in quotation marks as a name, the first name met again alone
    ('Tobin's death')."""
    found = re.fullmatch(r"Child ([A-Z][a-z]{2,})", name)
    if not found or not re.search(rf"[‘'\"“]{name}[’'\"”]", everything):
        return False
    alone = re.findall(rf"(?<!Child )\b{found.group(1)}\b", everything)
    return len(alone) >= 2


def _named_children(text: str, everything: str) -> list[str]:
    """'Child Tobin': a keyword and a first name the document never writes in lower case
    (so not 'Child Protection')."""
    names = []
    for found in _CHILD_FIRST_NAME.finditer(text):
        word, keyword = found.group(2), re.sub(r"\s+", " ", found.group(1))
        if keyword not in {"Child", "Young Person"} or word in NOT_A_NAME or word in _TITLE_STOP:
            continue  # 'Baby Eva' is read by _names_in
        if word.lower() in MONTHS or re.search(rf"\b{word.lower()}\b", everything):
            continue
        names.append(f"{keyword} {word}")
    return names


# 'Children A & B', 'Children C, D and E': each child of the list
_CHILDREN_LISTED = re.compile(
    r"(?<![\w-])(?i:children)\s+([A-Z]{1,2}\d{0,2}(?:\s*,\s*[A-Z]{1,2}\d{0,2})*"
    r"\s*(?:&|\band\b)\s*[A-Z]{1,2}\d{0,2})(?![\w-])"
)


def _names_in(text: str) -> list[str]:
    names = [
        f"Child {code}"
        for listed in _CHILDREN_LISTED.finditer(text)
        for code in re.split(r"\s*(?:,|&|\band\b)\s*", listed.group(1))
    ]
    for found in _SUBJECT_NAME.finditer(text):
        keyword = re.sub(r"\s+", " ", found.group(1) or found.group(3)).lower()
        code = re.sub(r"\s+", "", found.group(2) or found.group(4))
        if code in NOT_A_NAME:
            continue
        keyword = {"yp": "YP", "young person": "Young Person"}.get(keyword, keyword.capitalize())
        if keyword == "Children" and not re.search(r"[-–]", code):
            continue  # 'Children A–F' names a group; 'Children Act' does not
        names.append(f"{keyword} {code.replace('-', '–')}")
    names += [
        f"YP{found.group(1)}" for found in re.finditer(r"(?<![\w-])YP(\d{1,2})(?![\w-])", text)
    ]
    return names


_TITLE_STOP = {
    "Serious",
    "Case",
    "Review",
    "Overview",
    "Report",
    "Executive",
    "Summary",
    "Local",
    "Child",
    "Safeguarding",
    "Practice",
    "Learning",
    "Final",
    "The",
    "In",
    "Respect",
    "Of",
    "Relating",
    "To",
    "Into",
    "And",
    "Rapid",
    "Extended",
    "Concise",
    "Thematic",
    "Briefing",
    "Partnership",
    "Board",
    "Children",
    "Multi",
    "Agency",
    "Panel",
    "Page",
    "Sections",
    "Contents",
    "Annual",
    "Council",
}


def _first_name_in_title(title: str, pages: list[Page]) -> str | None:
    """A first name used as a pseudonym ('Overview Report: Jacob'): capitalised in the title,
    never written in lower case, and recurring in the text."""
    text = "\n".join(line.text for page in pages for line in page.lines)
    # the name closes the title or follows a colon, dash or 'of' ('Review into the death of Jacob')
    placed = re.findall(
        r"(?:[:–—-]\s*|\bof\s+|\bfor\s+|\b(?:Child|Baby|Infant)\s+)[‘'\"“]?([A-Z][a-z]{1,})\b"
        r"[’'\"”]?(?=\s*$|\s*[:–—(-]|\s+(?:Serious|Local|Child|Review|Overview|Rapid|LCSPR|SCR)\b)"
        r"|(?<!\bin )(?<!\bfrom )(?<!\bat )(?<!\bnear )(?<!\by )(?<!\byr )"  # a place
        r"\b([A-Z][a-z]{2,})[’'\"”]?\s*$",
        title,
    )
    shouted = re.findall(
        r"\b(?:REVIEW|CHILD|BABY)\s+([A-Z]{3,})\b(?=\s*$|\s*[:–—(-]|\s+(?:[A-Z]+\s+)?(?:19|20)\d\d)",
        title,
    )
    for word in [a or b for a, b in placed] + [w.capitalize() for w in shouted]:
        if word in _TITLE_STOP or word.lower() in MONTHS:
            continue
        if re.search(
            rf"\b(?:in|from|at|across|near|by)\s+[A-Z][a-z]+\s+(?:and|&)\s+{word}\b", title
        ):
            continue  # 'practice in England and Wales': places, as 'in Westshire' is
        if re.search(rf"\b{word.lower()}\b", text):
            continue  # an ordinary word, not a name
        if re.search(rf"[‘\"“]{word}\b", title):
            return word  # set in quotation marks as a name ('Serious Case Review “Megan”')
        # named again in the text itself, not only where the title is repeated
        times = len(re.findall(rf"\b{word}\b", text))
        in_titles = len(re.findall(re.escape(title), text)) * len(re.findall(rf"\b{word}\b", title))
        if times - in_titles >= 2:
            return word
    return None


# -- sentences about the subject -------------------------------------------------------


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
                hit = any(_mentions(sentence, name) for name in subject) or (
                    # 'the deaths of two babies': the several children the review names
                    len(subject) > 1 and _SIBLINGS_DIED.search(sentence) is not None
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
                    and (_describes_child(sentence) or _SIBLINGS_DIED.search(sentence) is not None)
                    and not _ONE_OF_SEVERAL.search(sentence)
                ) or _GROUP_HARMED.search(sentence) is not None
            if hit:
                found.append((page.number, sentence))
                after = index + 1
                while after < len(said) and (
                    after == index + 1
                    or (
                        _CHILD_AS_SUBJECT.match(said[after - 1])
                        and _PRONOUN_FIRST.match(said[after])
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
    sexes = {label for label, pattern in _SEX_WORDS.items() if pattern.search(sentence)}
    sexes |= {"male"} if MALE.search(sentence) else set()
    sexes |= {"female"} if FEMALE.search(sentence) else set()
    if own_sex is not None and sexes and own_sex not in sexes:
        return True
    theirs = _event_years(sentence)  # 'in 2011', not 'the Regulations 2006'
    return bool(named_years and theirs and not theirs & named_years)


def _event_years(sentence: str) -> set[int]:
    return {_year_of(found) for found in INCIDENT_YEAR.finditer(sentence)}


def _year_of(found: re.Match[str]) -> int:
    """The year an INCIDENT_YEAR match gives (each of its forms captures it in its own group)."""
    return int(next(group for group in found.groups() if group))


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
        not _PARAGRAPH_NUMBER.match(s) and _PRONOUN.search(s) and not _OTHER_PERSON.search(s)
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
_CODED = re.compile(r"\b(?:" + _KEYWORD + r")\s+(?:[A-Z]{1,2}\d{0,2}|\d{1,2})(?![\w’'-])")


def _codes_another(sentence: str, subject: list[str]) -> bool:
    """Whether the sentence names a child by a code that is none of the subject's ('Child 1
    A 16-year-old girl ...' is not about Child 2)."""
    return any(
        not any(_mentions(code.group(0), name) for name in subject)
        for code in _CODED.finditer(sentence)
    )


# Several children of one family who died together: 'four children died in a fire',
# 'the deaths of three siblings'
_FEW = r"(?:two|three|four|five|six)"
_SEVERAL = (
    r"(?:children|siblings|brothers|sisters|babies|infants|toddlers|boys|girls|teenagers|"
    r"young people)"
)
# The review's several children harmed, told as what happened: 'four young pupils were
# abused by ...', 'several girls were victims of sexual exploitation'
_GROUP_HARMED = re.compile(
    rf"(?i)\b(?:{_FEW}|several|these|seven|eight|nine|ten)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:children|girls|boys|infants|babies|young people|siblings|pupils)\s+"
    r"(?:(?!were\b)[\w-]+\s+){0,3}?(?:were|had been)\s+(?:\w+ly\s+)?(?:(?:sexually|physically)\s+)?"
    r"(?:abused|exploited|injured|harmed|assaulted|victims of|presented with (?:\w+\s+)?injuries)"
)
_SIBLINGS_DIED = re.compile(
    rf"(?i)\bdeaths? of (?:the |their )?(?:(?:all )?{_FEW}|both|all(?: the)?) "
    rf"(?:young )?{_SEVERAL}\b"
    rf"|\b{_FEW} (?:young )?{_SEVERAL} (?:\w+ )?"
    rf"(?:died|were killed|were murdered|(?:who\s+)?took their own lives)\b"
)
# 'the youngest child', 'one of the children': one of several, not the review's subject
_ONE_OF_SEVERAL = re.compile(
    r"(?i)\b(?:(?:the|their|her|his)\s+(?:youngest|eldest|oldest|older|younger|middle|second|third)\s+"
    r"(?:child|sibling|boy|girl|baby)|one of (?:the|their|her|his) (?:children|siblings|babies))\b"
)
# A sentence whose subject is the child ('Child J was born ...', 'The baby, who was ...'),
# and one that goes on about it ('He was the youngest ...').
_CHILD_AS_SUBJECT = re.compile(
    r"^(?:(?:[A-Z][\w:]*|\d+(?:\.\d+)*\.?),?\s+){0,14}?"  # a heading, 'In March 2019'
    r"(?<![’']s )"
    r"[‘'\"“]?(?:(?:" + _KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}(?![\w’'-])"
    r"|The (?:child|baby|infant|boy|girl|young person)\b)(?!\s*(?:’s|'s|and)\b)"
    r"(?=\s*[,(]|\s+[a-z])"  # 'Child J was', 'Child J, aged 4,': not a heading's next word
)
_PRONOUN_FIRST = re.compile(
    r"^(?:(?:In|On|By|At|During|Later|Then|After|Aged)\b[^.;]{0,40}?,\s+)?(He|She|he|she)\b"
)
# 'Nessa (not her real name)', or a footnote to the name: '1 Not his real name'
_NOT_HIS_NAME = re.compile(r"(?:\(n|\b\d{1,2}\s+N)ot (his|her) real name\b")
# The child as subject, then a pronoun before any other person is named: 'Child C had been
# helped throughout her short life', 'Child O and his siblings'.
_OWN_PRONOUN = re.compile(
    r"(?:(?<![’'\w])(?:" + _KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}(?![\w’'-])"
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
    r"(?:(?<![’'\w])(?:(?:" + _KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}|YP\d{1,2})(?![\w’'-])"
    r"|\b(?:referred to|known|called|named)\s+(?:here\s+)?as\s+[A-Z][a-z]+)"
    # in a 'who' clause about the child, its pronoun comes before anyone else is named
    rf"(?:,?\s+who\s+(?:{_NOT_THE_CHILD}[a-z0-9,]+\s+){{0,10}}?(he|she)\b"
    # 'Child F was two when she died': the pronoun after a conjunction
    rf"|(?:\s+(?:was|had|has|is)\b|,)\s+(?:{_NOT_THE_CHILD}[a-z0-9,]+\s+){{0,10}}?"
    r"(?:when|and|as|until|before|after|because|where)\s+(he|she)\b)"
)


_KEYWORDS = {"Child", "Children", "Baby", "Infant", "Young", "Family", "Sibling", "YP"}
# every capitalised word that is no first name: bodies, roles, grammar, headings, keywords
_NOT_A_FIRST_NAME = frozenset(_NOT_A_CHILD | _NOT_INTRODUCED | _KEYWORDS | _TITLE_STOP)
_FULL_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}")


def _mentions(sentence: str, name: str) -> bool:
    return _where(sentence, name) >= 0


def _where(sentence: str, name: str) -> int:
    """Where the sentence names the child, however the code is quoted ('Child 'K''); -1 if
    it does not."""
    keyword, _, code = name.rpartition(" ")
    # a footnote's mark run on to the name: 'Young Person Rowan1'
    end = r"(?=\d{0,2}(?![\w-]))" if name[-1].islower() else r"(?![\w-])"
    pattern = rf"(?i)\b{re.escape(name)}{end}"
    if _FULL_NAME.fullmatch(name) and keyword.split()[0] not in _KEYWORDS:
        # 'Tilly Marsh' is 'Tilly' further on; 'Baby Eva' stays whole
        pattern = rf"\b{re.escape(name.split()[0])}{end}"
    if keyword and re.fullmatch(r"[A-Z]{1,2}\d{0,2}", code):
        quoted = rf"{re.escape(keyword)}\s+[‘'\"“]?{re.escape(code)}[’'\"”]?"
        pattern = rf"(?i)\b{quoted}{end}"
    first = re.fullmatch(r"(?:" + _KEYWORD + r") ([A-Z][a-z]{2,})", name)
    if first:  # 'Child Tobin' is 'Tobin' further on ('Tobin's death')
        pattern = rf"(?i:\b{re.escape(keyword)}\s+)?\b{re.escape(first.group(1))}{end}"
    found = re.search(pattern, sentence)
    return found.start() if found else -1


_CHILD_NOUN = (
    r"(?:boy|girl|baby|infant|child|son|daughter|toddler|young (?:person|man|woman)|"
    r"twins?(?: (?:siblings|babies|girls|boys|sisters|brothers))?)"
)
_DESCRIBED = re.compile(
    rf"\b(?:{_N}[- ]{_UNIT}[- ]old\s+(?:\w+\s+)?{_CHILD_NOUN}|(?:the|a)\s+(?:\w+\s+)?"
    rf"{_CHILD_NOUN}\b[^.]{{0,60}}\b(?:died|death|injur|harm|abuse|admitted|fractur|"
    rf"found (?:dead|unresponsive)|taken to hospital)|"
    rf"\b(?:a|the)\s+(?:\w+\s+)?{_N}[- ]{_UNIT}[- ]old\s+(?:was|had|died)\b[^.]{{0,40}}"
    rf"\b(?:died|injur|harm|admitted|found|hospital)|"
    rf"(?:death|injur\w*|abuse) of (?:a|an|the) (?:\w+[- ]){{0,4}}{_CHILD_NOUN}|"
    rf"\b(?:boy|girl|baby|infant|child) of {_N}\s+{_UNIT}\b|"
    rf"{_CHILD_NOUN}\s+aged\s+{_N}\b[^.]{{0,30}}\b(?:died|injur|harm|fractur|sustained|suffered)|"
    # 'the review ... into the case of two twin babies', 'this review concerns a baby boy'
    rf"\b(?:review|report)\b[^.]{{0,80}}?\b(?:into|concerning|concerns|about|regarding)\s+"
    rf"(?:the case of\s+)?(?:(?:a|an|two|three|both)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:babies|twins|siblings|{_CHILD_NOUN})|twins|twin\s+(?:babies|boys|girls|sisters|brothers))"
    rf"\b(?!\s*(?:protection|safeguarding|death review)))",
    re.I,
)


_AGED_CHILD_NOUN = re.compile(
    rf"\b{_N}[- ]{_UNIT}[- ]old\s+(?:\w+\s+)?{_CHILD_NOUN}\b"
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
    return _DESCRIBED.search(sentence) is not None or _KILLED_CHILD.search(sentence) is not None


# -- facts -------------------------------------------------------------------------------


# One age said of all the children together: 'both aged 16 years', 'the twins were 7 weeks
# old', 'the babies were each six weeks old'
_SHARED_AGE = re.compile(
    rf"(?i)\b(?:both|each|all)\s+(?:(?:were|was)\s+)?aged\s+{_N}(?:[- ]{_UNIT})?\b"
    rf"|\b(?:the|both)\s+(?:babies|twins|boys|girls|brothers|sisters|infants)\s+(?:were|are)\s+"
    rf"(?:both\s+|each\s+)?{_N}[- ]{_UNIT}[- ]old\b"
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
    if len(names) > 1 or any(_SIBLINGS_DIED.search(sentence) for _, sentence in subject):
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
        birthday = _BIRTHDAY.search(sentence)
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
_AHEAD = re.compile(rf"(?i)\b(?:a|an|{_N})\s+{_UNIT}\s*$")


def _months_ahead(ahead: re.Match[str]) -> int:
    """Whole months the child lacked of the birthday ('three weeks' -> 1), at most 12."""
    amount = 1 if ahead.group(1) is None else number(ahead.group(1))
    days = amount * {"day": 1, "week": 7, "month": 30, "year": 365}[ahead.group(2).lower()]
    return min(12, max(1, -(-days // 30)))


_BIRTHDAY = re.compile(
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
            rf"\s+(?:\w+\s+)?{_CHILD_NOUN}\b", text[found.end() :], re.I
        )
        if not of_a_child and _belongs_to_other(text[: found.start()], name):
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
_ANOTHER_AGE = re.compile(rf"(?i)\s*(?:,|and|&)\s*{_N}\b(?![.,]\d)(?!\s+(?:of|per|in)\b)")
_KNOWN_AS_AFTER = re.compile(
    r"^[^.;,]{0,60}?\b(?:known|referred to|called|named)\s+(?:here\s+|in this \w+\s+)?as\s+"
    r"([^.;,]{1,25})"
)


def _named_other_after(after: str, name: str) -> bool:
    """Whether the words just after an age name the child it belongs to, and that child is
    another than the subject ('aged 6, referred to as Child B')."""
    found = _KNOWN_AS_AFTER.search(after)
    return found is not None and not _mentions(found.group(1), name)


def _belongs_to_other(before: str, name: str | None) -> bool:
    """Whether the words just before an age name another person than the subject."""
    window = before[-45:]
    pronoun = re.search(r"(?i)\b(he|she)\s+$", window)
    if pronoun and not re.match(r"\s*(?:He|She)\b", before):
        # 'in the care of her father, when she was three weeks old': she is not he
        other_sex = _ADULT_MAN if pronoun.group(1).lower() == "she" else _ADULT_WOMAN
        people = list(_OTHER_PERSON.finditer(window))
        last = people[-1] if people else None
        if (
            last
            and other_sex.search(last.group(0))
            and re.search(r"(?i)\b(?:his|her)\s+$", window[: last.start()])
        ):
            return False
    coded = list(_SUBJECT_NAME.finditer(window))
    if name and coded and not _mentions(coded[-1].group(0), name):
        return True  # 'when Child K was 4 and Child L was 2': the other child's age
    if name and _mentions(window, name):
        own = [m.end() for m in re.finditer(rf"(?i)\b{re.escape(name)}(?![\w-])", window)]
        ends = ([coded[-1].end()] if coded else []) + own
        tail = window[max(ends, default=0) :]
        return _OTHER_PERSON.search(tail) is not None
    return _OTHER_PERSON.search(window) is not None


def _age_from_dates(sentence: str) -> tuple[str, int] | None:
    from ingest.front import date_in

    born, died = _BORN.search(sentence), _DEATH.search(sentence)
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


def sex_of_several(
    pages: list[Page], children: list[str], subject: list[tuple[int, str]], single_case: bool
) -> FieldValue | None:
    """Several subject children share a sex when the text says they are all boys or all
    girls ('two brothers'), or when each child's own sentences give the same one."""
    group = _sex_of_same_sex_group(subject)
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
        _sex_of_same_sex_group,
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
    return any(_SIBLINGS_DIED.search(sentence) for _, sentence in subject)


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


def _sex_of_same_sex_group(subject: list[tuple[int, str]]) -> FieldValue | None:
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
            for label, pattern in _SEX_WORDS.items()
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
        pronoun = _PRONOUN_FIRST.match(sentence)
        he = pronoun is not None and pronoun.group(1).lower() == "he"
        if (
            pronoun
            and _CHILD_AS_SUBJECT.match(before)
            and before != sentence
            and not (_ADULT_MAN if he else _ADULT_WOMAN).search(before)
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
        if _WOMAN.search(sentence) or (sentence.startswith("She") and _ADULT_WOMAN.search(before)):
            f = 0
        if _MAN.search(sentence) or (sentence.startswith("He") and _ADULT_MAN.search(before)):
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


# The criteria for a review, not what happened: 'the child died or was seriously harmed'.
_CRITERIA_OR = re.compile(
    r"\b(?:died|dies|death)\s+or\s+(?:has\s+)?(?:been\s+|was\s+|is\s+)?(?:seriously\s+|serious\s+)"
    r"(?:harm|harmed|injur\w*)"
    r"|\b(?:serious(?:ly)?|significant(?:ly)?)\s+(?:harm|harmed|injur\w*)\s+or\s+(?:death|died|dies|"
    r"killed)\b",  # 'suffers a serious injury or death'
    re.I,
)


# The statutory criteria set out as a list or a rule: 'where abuse or neglect is known or
# suspected and the child has: died; or sustained ...'
_CRITERIA_LIST = re.compile(
    r"(?i)\b(?:is|are|was|were) known or suspected\b[^.]{0,80}\b(?:died|dies|death)\s*[;,]?\s*"
    r"(?:or|[•·-])"
    r"|\b(?:carried out|undertaken|considered|held)\s+(?:in cases\s+)?(?:where|when|if)\b"
    r"[^.]{0,60}\bknown or suspected\b"
    # 'When a child dies and abuse or neglect is known or suspected to be a factor, ...'
    r"|\b(?:when|where|if) (?:a|the) child (?:dies|has died|is seriously harmed)\b"
    r"[^.]{0,80}\bknown or suspected\b"
)


def _criteria(sentence: str) -> bool:
    """Whether the sentence sets out the criteria for a review rather than what happened."""
    return _CRITERIA_OR.search(sentence) is not None or _CRITERIA_LIST.search(sentence) is not None


def outcome(
    subject: list[tuple[int, str]],
    pages: list[Page],
    name: str | None = None,
    several: bool = False,
) -> FieldValue | None:
    """Died or seriously harmed, from what the sentences say happened to the child (not to
    a parent or sibling named just before); of several children, none when one died and
    another was hurt ('the death of a baby and injuries to two others')."""
    did_harm: FieldValue | None = None
    for page_number, sentence in subject:
        several_died = _SIBLINGS_DIED.search(sentence)
        if (
            several_died
            and not _criteria(sentence)
            and not _UNPROVEN.search(
                sentence[max(0, several_died.start() - 30) : several_died.start()]
            )
        ):
            return FieldValue("died", page_number, sentence)  # 'the deaths of two babies'
    for page_number, sentence in subject:
        if _KILLED_CHILD.search(sentence) and not _criteria(sentence):
            return FieldValue("died", page_number, sentence)  # 'smothered her two sons'
    for label, pattern in (("died", DIED), ("serious_harm", HARMED)):
        for page_number, sentence in subject:
            if _criteria(sentence):
                continue  # 'where a child has died or been seriously harmed': the criteria
            if several and label == "died" and DIED.search(sentence) and HARMED.search(sentence):
                return None
            for found in pattern.finditer(sentence):
                if _did_it(sentence, found.start()):
                    # 'a 17-year-old who stabbed his father': the child did the harm
                    did_harm = did_harm or FieldValue("other", page_number, sentence)
                    continue
                before = sentence[max(0, found.start() - 30) : found.start()]
                if _UNPROVEN.search(before):
                    continue  # 'an allegation of sexual abuse', 'at risk of serious harm'
                if _ANY_CHILD.search(before):
                    continue  # 'not an inquiry into how a child died': any child, in general
                if label == "serious_harm" and _DONE_TO_CHILD.match(sentence[found.start() :]):
                    return FieldValue(label, page_number, sentence)  # 'had abused her'
                # 'Child P's mother was killed': someone named after the child; not an
                # agent ('found by his father and could not be resuscitated')
                masked = re.sub(r"(?i)\bby (?:his|her|their|the|a|an) \w+", " ", before)
                if name:
                    masked = re.sub(rf"(?i)\b{re.escape(name)}(?![\w-])", "the child", masked)
                others = [m.end() for m in _OTHER_PERSON.finditer(masked)]
                if not others or (name and masked.rfind("the child") > others[-1]):
                    return FieldValue(label, page_number, sentence)
    for page_number, sentence in subject:
        if _GROUP_HARMED.search(sentence) and not _criteria(sentence):
            return FieldValue("serious_harm", page_number, sentence)  # 'five children were abused'
    if did_harm is None:
        charged = next(((p, s) for p, s in subject if _charged_child(s, name)), None)
        if charged:  # 'Child J, aged 15, was arrested for a serious assault on another boy'
            did_harm = FieldValue("other", charged[0], charged[1])
    return did_harm


# A killing told with the child as its object: 'smothered her two sons', 'killed his baby'
_KILLED_CHILD = re.compile(
    r"(?i)\b(?:smothered|suffocated|strangled|killed|murdered|drowned)\s+(?:his|her|their)\s+"
    r"(?:\w+\s+){0,2}?(?:sons?|daughters?|bab(?:y|ies)|child(?:ren)?|infants?|toddlers?|"
    r"boys?|girls?|twins)\b"
)
# Harm someone did to the child, its object a pronoun: 'her stepfather had abused her'.
_DONE_TO_CHILD = re.compile(
    r"(?i)(?:(?:sexually|physically)\s+)?(?:abus(?:ed|ing)|assault(?:ed|ing)|injured|harmed|stabbed|"
    r"attacked|exploit(?:ed|ing)|rap(?:ed|ing)|shook)\s+(?:him|her)(?=\s*[.,;]|\s+(?:over|for|when|while|at|in|on|and|repeatedly|"
    r"several|many|from|during|before|after)\b)"
)
# Any child, in general: 'how a child died', 'when a baby dies', 'if a child is injured'.
_ANY_CHILD = re.compile(
    r"(?i)\b(?:how|when|where|if|whether|why|whenever)\s+(?:an?|any)\s+(?:child|baby|infant|"
    r"young person)\s+(?:(?:has|had|was|is|been|being|were)\s+){0,2}(?:\w+ly\s+)?$"
)
# Harm feared, alleged or looked into, not harm that happened.
_UNPROVEN = re.compile(
    r"(?i)\b(?:allegations?|alleged(?:ly)?|suspected|suspicions?|risks?|fears?|"
    r"possible|potential|prevent(?:ing)?|protect(?:ed|ing)? (?:him|her|them|\w+) from)\b"
    r"[^.,;]{0,20}$"
)


def _charged_child(sentence: str, name: str | None) -> bool:
    """'Child J was arrested for an assault', not 'her partner was charged with murder'."""
    found = _CHARGED.search(sentence)
    return found is not None and not _belongs_to_other(sentence[: found.start()], name)


_CHARGED = re.compile(
    r"(?i)\b(?:was|were|had been|has been)\s+(?:later\s+)?(?:arrested|charged|convicted|"
    r"sentenced|remanded)\b[^.]{0,40}\b(?:assault|murder|manslaughter|stabbing|robbery|attack|"
    r"killing|rape|wounding)"
)


_DOER = re.compile(
    r"(?i)^(?:sexually\s+|physically\s+|seriously\s+)?(stabbed|killed|murdered|attacked|assaulted|"
    r"injured|shot|raped|abused)(?:\s+and\s+(?:killed|murdered|injured|stabbed|robbed))?\s+"
    r"(?:his\s+own\s+|her\s+own\s+)?"
    r"(?:(?:a|an|their|the|another|two|three|several)\b|(?:his|her)\s+(?!(?:and|when|while|at|in|"
    r"on|over|for|from|during|before|after|repeatedly|again)\b)[a-z])"
)


def _did_it(sentence: str, start: int) -> bool:
    """Whether the harm at `start` is one done by someone ('who stabbed his father', 'M
    stabbed a man'), not suffered ('was stabbed')."""
    before = sentence[max(0, start - 14) : start]
    convicted = _CONVICTED_OF.search(sentence[:start])
    if convicted:  # 'Child R was convicted of the murder of ...': the child did it
        return not _belongs_to_other(sentence[: convicted.start()], None)
    return _DOER.match(sentence[start:]) is not None and not re.search(
        r"(?i)\b(?:was|were|been|being|is|are|be|had)\s+(?:\w+\s+)?$", before
    )


_CONVICTED_OF = re.compile(
    r"(?i)\b(?:convicted|charged|arrested|guilty|accused|sentenced|jailed)\s+(?:\w+\s+){0,2}"
    r"(?:of|for|with)\s+(?:the\s+|a\s+|an\s+)?(?:attempted\s+)?$"
)


_NOT_THE_INCIDENT = re.compile(
    r"(?i)\b(?:commission\w*|publish\w*|working together|born|birth|since|act|"
    r"came to light|disclos\w*|made an? (?:report|complaint)|reported to (?:the )?police)\b"
)
# What happened to the child, named between such a word and the year: 'commissioned after
# the death of Child S in March 2016' dates the death
_EVENT_BETWEEN = re.compile(
    r"(?i)\b(?:deaths?|died|killed|murder\w*|injur\w*|admitted|assault\w*)\b"
)


def _dates_something_else(before: str) -> bool:
    """Whether the words before a year make it the date of a review, a birth, a law or a
    disclosure ('commissioned in', 'born in', 'the Children Act', 'came to light in'), not of
    what happened to the child."""
    words = list(_NOT_THE_INCIDENT.finditer(before))
    last = words[-1] if words else None
    return last is not None and not _EVENT_BETWEEN.search(before[last.end() :])


_INCIDENT_DATE = re.compile(
    rf"(?i)\b(?:date of (?:the )?incident|incident\W{{1,4}}date)\W{{0,4}}"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:(?:{MONTH_WORD}),?\s+)?((?:19|20)\d\d)\b"
)
# 'decided to undertake this review in June 2022': the year of the review, not the incident
_REVIEW_DATED = re.compile(
    r"(?i)\b(?:undert\w+|conduct\w*|carr(?:y|ied) out|decided|agreed)\b[^.]{0,30}\breview\s*$"
)
# 'The Board decided in April 2019 that ...': when a body acted, not when the child was hurt
_DECIDED = re.compile(
    r"(?i)\b(?:decided|agreed|determined|recommended|concluded|notified|endorsed|convened|"
    r"initiated|commissioned|met|considered|convicted|sentenced|jailed|acquitted|tried|"
    r"finali[sz]ed|completed|published|approved)\s+$"
)


_COURT_AFTER = re.compile(
    r"(?i)^([^.;]{0,50}?)\b(?:was|were)\s+(?:\w+\s+)?(?:convicted|sentenced|jailed|charged|"
    r"arrested|acquitted)\b"
)


def _dates_a_court(after: str) -> bool:
    """'In 2013 the carer was convicted of ...': the year of a trial or an arrest, unless
    what happened to the child is told first ('In 2013 he died and his father was charged')."""
    found = _COURT_AFTER.match(after)
    return found is not None and not _EVENT_BETWEEN.search(found.group(1))


# 'in late 2016 & early 2017', '2014 to 2016': a span or two years, no one incident's
_ANOTHER_YEAR = re.compile(
    rf"\s*(?:and|to|&|[-–])\s*(?:(?i:early|late|mid)[- ]?\s*)?(?:(?i:{MONTH_WORD})\s+)?"
    r"(?:19|20)\d\d"
)


def _other_bullet(text: str, at: int, happened: re.Pattern[str]) -> bool:
    """Whether, in a run of bullet points (a slide), the year stands in a point that tells
    nothing of what happened to the child: each point is a statement of its own."""
    if text.count("•") < 2:
        return False
    start = text.rfind("•", 0, at) + 1
    end = text.find("•", at)
    point = text[start : end if end >= 0 else len(text)]
    return happened.search(point) is None


# 'in June 2014 it published the review': the year of a report, not of what happened
_DATES_A_REPORT = re.compile(
    r"(?i)\W*(?:(?:it|we|they|the \w+)\s+)?(?:was\s+|were\s+|has\s+been\s+)?"
    r"(?:published|publishes|commissioned|completed|launched)\b"
)


def incident_year(
    subject: list[tuple[int, str]], found_outcome: FieldValue | None
) -> FieldValue | None:
    """The year in the sentence that tells what happened to the child, or the one after;
    or a date given as the incident's ('Date of incident: July 2015', 'The Incident Date:')."""
    for page_number, text in subject:
        dated = _INCIDENT_DATE.search(text)
        if dated:
            return FieldValue(int(dated.group(1)), page_number, text)
    if found_outcome is None:
        return None
    ordered = list(subject)
    at = next((i for i, (_, s) in enumerate(ordered) if s == found_outcome.evidence), None)
    nearby = (
        []
        if at is None
        else [
            ordered[at],
            *[item for item in ordered[at + 1 :] if item[1] != ordered[at][1]][:1],
            *ordered[max(0, at - 1) : at],
        ]
    )
    happened = re.compile(
        r"\b(?:admitted|taken|brought|found|assault\w*|stabbed|injur\w*|happened|occurred|"
        r"attended|died|death|harm\w*|abuse\w*|tragedy|hospitali[sz]\w*|incident|murder\w*|"
        r"killed|fire)\b",
        re.I,
    )
    if found_outcome.value == "died":  # an earlier injury's year is not the death's
        happened = re.compile(r"\b(?:died|death|killed|murder\w*|found dead|tragedy)\b", re.I)
    candidates = nearby + [(p, s) for p, s in ordered if happened.search(s)]
    for page_number, text in candidates:
        death = _DEATH.search(text)
        if death and death.group(0)[:4].lower() == "died":
            # 'died on 3 May 2016', not a news page's dateline run on ('died 01 Aug 2024')
            death = death if re.match(r"(?i)(?:on|in|at)\b", death.group(1)) else None
        died_on = DATE_YEAR_IN.search(death.group(1)) if death else None
        if died_on:  # 'Date of death: 20 July 2016'
            return FieldValue(int(died_on.group(0)), page_number, text)
        for year in INCIDENT_YEAR.finditer(text):
            before = text[max(0, year.start() - 50) : year.start()]
            if (
                not _dates_something_else(before)
                and not _REVIEW_DATED.search(before)
                and not _DECIDED.search(before)
                and not _ANOTHER_YEAR.match(text, year.end())
                and not _DATES_A_REPORT.match(text[year.end() :])
                and not _other_bullet(text, year.start(), happened)
                # the child's own conviction dates what the child did
                and (found_outcome.value == "other" or not _dates_a_court(text[year.end() :]))
            ):
                return FieldValue(_year_of(year), page_number, text)
    return None
