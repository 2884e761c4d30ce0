"""The year of the incident: a date given as the incident's, a date of death, or a year
in the sentence telling what happened, unless it dates a review, a birth, a law, a
decision, a trial or a report, or is one of a span of years.
"""

from __future__ import annotations

import re

from ingest.front import MONTH_WORD
from ingest.subject.words import DEATH, INCIDENT_YEAR, year_of
from ingest.types import FieldValue

DATE_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


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
        death = DEATH.search(text)
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
                return FieldValue(year_of(year), page_number, text)
    return None
