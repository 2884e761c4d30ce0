"""A subject child called by a first name alone, and the children listed with it.

The name closes the title ('Overview Report: Jacob'), a sentence tells the child's death,
harm or age ('When Ruby died, aged 11 months'), or the name is scored over the whole
opening. Children listed beside a subject child ('Child A, Child B and Child C'; 'Ava,
Noor and Tam') are subjects too.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.front import MONTHS
from ingest.subject.age import AGE, BIRTHDAY
from ingest.subject.mentions import SUBJECT_CUE
from ingest.subject.not_names import TITLE_STOP, plain_name
from ingest.subject.words import (
    ADDRESSED,
    CHILD_WORD,
    STORY_PAGES,
    SUBJECT_NAME,
    UNIT,
    N,
    sentences,
)
from ingest.types import Page

# a first name, hyphenated or not: 'Ruby', 'Mary-Jane'
FIRST_NAME = r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?"


def first_name_in_title(title: str, pages: list[Page]) -> str | None:
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
        if word in TITLE_STOP or word.lower() in MONTHS:
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


# A first name whose death or age the sentence tells: 'When Ruby died, aged 11 months',
# 'Ruby (aged 4) was found ...', 'Ruby was three years old when ...'
_FIRST_NAME_FACT = re.compile(
    rf"(?:^(?:\d+(?:\.\d+)*\.?\s+)?|\b(?:When|After|Before|Until|Shortly before|Weeks before)\s+)"
    rf"({FIRST_NAME})"
    rf"(?:\s*,\s*(?:then\s+)?aged\s+[^,]{{1,25}},|\s*\((?:aged\s+)?[^)]{{1,25}}\))?\s+"
    rf"(?:died|was killed|was found (?:dead|unresponsive|hanged|collapsed)|"
    rf"was (?:admitted|taken|rushed) to hospital|(?:was|is) {N}[- ]{UNIT}[- ]old|"
    rf"was {N} when|"
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


def first_name_subject(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A first name the opening tells the death, harm or age of, when the opening names the
    child no other way: never written in lower case (so not 'Mother'), named again, and
    with the child's age or a child word in the same sentence."""
    for page in pages[:STORY_PAGES]:
        said = sentences("\n".join(line.text for line in page.lines))
        said += [s for line in page.lines for s in sentences(line.text)]  # after a heading
        for sentence in said:
            quoted = _QUOTED_FIRST_NAME.match(sentence)
            if quoted and SUBJECT_CUE.search(sentence):
                name = quoted.group(1)  # '‘Oscar’ was born ...': quoted as a name
                if plain_name(name, everything):
                    return name, page.number
            found = _FIRST_NAME_FACT.search(sentence) or _DEATH_OF_NAME.search(sentence)
            if not found:
                continue
            name = found.group(1)
            if not plain_name(name, everything):
                continue  # a word of headings or grammar, a month, an ordinary word
            if re.search(rf"{ADDRESSED}{name}\b", everything):
                continue  # an adult
            if len(re.findall(rf"\b{re.escape(name)}\b", everything)) < 2:
                continue
            if AGE.search(sentence) or CHILD_WORD.search(sentence) or BIRTHDAY.search(sentence):
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


def scored_first_names(pages: list[Page]) -> list[tuple[str, int]]:
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
        for found in re.finditer(rf"(?<![\w’'*-])[‘'\"“]?({FIRST_NAME}|{_CODE})(?![\w-])", text):
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
    if not plain_name(name, flat):
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
        rf"{ADDRESSED}{word}\b"
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


# -- children listed with the subject ---------------------------------------------------


_LIST_GAP = re.compile(
    r"^\s*(?:\([^()]{0,30}\))?\s*(?:,\s*aged\s+\w+(?:\s+\w+)?\s*)?(?:,|,?\s*and|&)\s*"
    r"(?:(?:his|her|their)\s+(?:older\s+|younger\s+|twin\s+|half-)?"
    r"(?:brother|sister|sibling|twin|cousin)s?\s*,?\s*)?$"
)


def listed_with(pages: list[Page], names: list[str], first_page: dict[str, int]) -> list[str]:
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
                for m in SUBJECT_NAME.finditer(sentence)
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
    first_names = [n for n in found if re.fullmatch(FIRST_NAME, n)]
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
                members = re.findall(FIRST_NAME, listed.group(0))
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
    rf"(?<![\w’'-]){FIRST_NAME}(?:,\s+{FIRST_NAME})*,?\s+(?:and|&)\s+{FIRST_NAME}(?![\w-])"
)
