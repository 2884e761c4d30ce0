"""The plain words people use when they type a case in a sentence or two ("a baby shaken by
her father", "mum drank heavily", "a toddler"), read into the facts a similar-case search
weighs: harm and family themes, an age when none is stated in numbers, and a death.

A review's own wording is read by ingest/themes/review_vocabulary.py and the theme model; a
typed description is shorter and plainer, and those miss much of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.subject.outcome import DIED
from ingest.themes.negation import denied

_CHILD = (
    r"(?:the |a |an |his |her |their )?(?:child|baby|infant|boy|girl|toddler|son|daughter|him|her)"
)

# "hit by a car" is an accident
_NOT_A_VEHICLE = r"(?! by (?:a |an |the )?(?:car|van|lorry|bus|train|vehicle|bike|motorbike))"

THEME_WORDS: dict[str, re.Pattern[str]] = {
    theme: re.compile(pattern, re.I)
    for theme, pattern in {
        "nai_physical_abuse": (
            r"\b(?:shaken|shaking|shook|shake)\b|\bnon[- ]accidental\b|\binflicted\b"
            r"|\b(?:hit|hits|hitting|beat|beaten|beating|punched|kicked|struck|slapped|"
            r"assaulted|threw|thrown|squeezed)\b(?= (?:by )?" + _CHILD + r"\b)"
            r"|\b" + _CHILD + r" (?:was |were |had been )?(?:hit|beaten|punched|kicked|"
            r"assaulted|thrown)\b"
            + _NOT_A_VEHICLE
            + r"|\bphysical(?:ly)? abus\w*|\bhead (?:injur\w*|trauma)"
            r"|\bfractur\w*|\bbroken (?:arms?|legs?|ribs?|bones?|skull)\b|\bbruis\w*"
        ),
        "sudi_unsafe_sleep": (
            r"\bfound (?:dead|lifeless|unresponsive|not breathing)\b|\bco-?sleep\w*"
            r"|\bbed-?shar\w*|\b(?:died|dead|unresponsive) (?:in|on) (?:a |the |his |her |their )?"
            r"(?:parents' )?(?:bed|cot|sofa|settee|couch|moses basket|pram|car seat)\b"
            r"|\bcot death\b|\bsudden (?:unexpected |unexplained )?(?:infant )?death\b"
            r"|\b(?:sids|sudi)\b|\bunsafe sleep\w*|\bsafer? sleep\w*|\boverl(?:ay|aid|ain)\b"
        ),
        "neglect": (
            r"\bneglect\w*|\bsqualo\w*|\bmalnourish\w*|\bunderweight\b|\bfailure to thrive\b"
            r"|\bleft (?:alone|unsupervised|home alone)\b|\bpoor home conditions\b"
            r"|\bhome conditions\b|\bdirty\b|\bhungry\b|\bunkempt\b"
        ),
        "child_mental_health_suicide": (
            r"\bself[- ]harm\w*|\bsuicid\w*|\btook (?:his|her|their) own life\b|\boverdos\w*"
            r"|\bhanged\b|\beating disorder\b"
        ),
        "extra_familial_harm": (
            r"\bexploit\w*|\bcounty lines\b|\bgroom(?:ed|ing)\b|\bgangs?\b"
            r"|\bdrug (?:running|dealing)|\bknife crime\b|\bstabb\w*"
            r"|\bmissing from (?:home|care)\b|\b(?:cse|cce)\b"
        ),
        "substance_misuse": (
            r"\b(?:drank|drinking|drunk|alcohol\w*|drugs?|heroin|cocaine|crack|methadone|"
            r"addict\w*|substance (?:use|misuse)|intoxicated|under the influence)\b"
        ),
        "cannabis": r"\b(?:cannabis|weed|skunk)\b",
        "domestic_abuse": (
            r"\bdomestic (?:abuse|violence)\b|\bcoercive\b|\bcontrolling behaviour\b"
            r"|\bviolent (?:partner|relationship|father|stepfather)\b"
            r"|\b(?:hit|beat|assaulted|attacked|strangled|hurt) (?:the |his |her )?"
            r"(?:mother|mum|partner|wife|girlfriend)\b"
            r"|\b(?:mother|mum|wife|girlfriend) (?:was |had been )?(?:hit|beaten|assaulted|"
            r"attacked|strangled|hurt) by\b"
        ),
        "parental_mental_health": (
            r"\b(?:post-?natal |postpartum )?depress\w*|\bpsychos[ie]s\b|\bpsychotic\b"
            r"|\bmental (?:health|illness|ill-health)\b|\bbipolar\b|\bschizophreni\w*"
        ),
        "hidden_men": (
            r"\b(?:mother|mum)'?s?'? (?:new )?(?:partner|boyfriend)\b|\bstep-?father\b"
            r"|\bboyfriend\b|\bmale carer\b|\b(?:father|dad)\b.{0,40}\b(?:never|not) "
            r"(?:seen|known|asked|involved)\b"
        ),
        "infant_crying": r"\bcrying\b|\bwould(?:n't| not) stop crying\b|\binconsolable\b",
        "young_parents": r"\b(?:teenage|young) (?:mother|mum|father|dad|parents?)\b",
        "poverty_deprivation": r"\b(?:poverty|debts?|homeless\w*|evicted|eviction|food bank)\b",
        "disability_health_needs": (
            r"\bdisab\w*|\bautis\w*|\bcerebral palsy\b|\bcomplex (?:health )?needs\b"
            r"|\blearning difficult\w*|\bepilep\w*"
        ),
    }.items()
}

# a child's age told in words, not numbers: (pattern, months)
AGE_WORDS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:newborn|new-born|neonate|baby|babies|infant)\b", re.I), 3),
    (re.compile(r"\btoddler\b", re.I), 24),
    (re.compile(r"\bpre-?school(?:er)?\b", re.I), 42),
    (re.compile(r"\bprimary school\b", re.I), 96),
    (
        re.compile(
            r"\bteenage (?:girl|boy|child|son|daughter)\b|\b(?:a|the) teenager\b"
            r"|\badolescent\b|\bsecondary school\b",
            re.I,
        ),
        168,
    ),
]

# What a typed description says of a death beyond ingest.subject.outcome.DIED, which reads
# reports and so leaves out a bare "dead" or "death" (a parent's death, "dead end").
DEATH_WORDS = re.compile(r"\b(?:dead|death|did not survive)\b", re.I)
_NOT_DIED = re.compile(r"\b(?:near[- ]fatal|not fatal|non-fatal|survived)\b", re.I)


@dataclass
class CaseWords:
    """What the plain words of a description say: themes, an age in months, a death."""

    themes: set[str] = field(default_factory=set)
    months: int | None = None
    died: bool = False
    # drink or drugs are named, but denied or only of the child ('no concerns about drugs',
    # 'exploited to sell drugs'): no parental substance misuse, whatever else reads it in
    not_parental: bool = False


# The family themes of drink and drugs are a parent's or carer's: a sentence naming a child's
# own drinking or the drugs a gang made them sell says nothing of the parents.
PARENTAL_THEMES = {"substance_misuse", "cannabis"}
_ADULT = re.compile(
    r"\b(?:mother|mum|mom|father|dad|parents?|carers?|step-?(?:father|mother|dad|mum)|partner"
    r"|boyfriend|girlfriend|grand(?:mother|father|parents?)|uncle|aunt|adults?|household)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?;]")


def _said(theme: str, pattern: re.Pattern[str], text: str) -> bool:
    """Whether the text says it: a match not denied, and for a parental theme one in a
    sentence that names a parent or another adult of the household."""
    for found in pattern.finditer(text):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, found.start())]
        start = ends[-1] if ends else 0
        after = _SENTENCE_END.search(text, found.end())
        sentence = text[start : after.start() if after else len(text)]
        # 'no concerns about drugs', 'drink and drugs were not a worry'
        if denied(text[start:], found.start() - start, found.end() - start):
            continue
        if theme in PARENTAL_THEMES and not _ADULT.search(sentence):
            continue
        return True
    return False


def read_case_words(text: str) -> CaseWords:
    themes = {theme for theme, pattern in THEME_WORDS.items() if _said(theme, pattern, text)}
    named = any(THEME_WORDS[theme].search(text) for theme in PARENTAL_THEMES)
    if "cannabis" in themes:
        themes.add("substance_misuse")
    months = next((months for pattern, months in AGE_WORDS if pattern.search(text)), None)
    said_died = DIED.search(text) or DEATH_WORDS.search(text)
    died = bool(said_died) and not _NOT_DIED.search(text)
    return CaseWords(themes, months, died, not_parental=named and not themes & PARENTAL_THEMES)
