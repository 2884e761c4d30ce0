"""The publication date: an explicit publication or final-version date, else a date standing
alone on the cover; never the date of something else, and nothing rather than a guess."""

from __future__ import annotations

import re

from ingest.front.author import AUTHOR_LABEL, DATELINE, is_byline
from ingest.front.dates import (
    DATE_DAY,
    DATE_MDY,
    DATE_MONTH,
    DATE_NUMERIC,
    DATE_YEAR,
    WEEKDAY_NAMES,
    date_in,
    date_text,
)
from ingest.front.lines import FrontLine, is_sentence
from ingest.front.publisher import is_board

# Labels that say the date is the document's own: most explicit first.
_PUBLISHED = re.compile(
    r"\b(?:date of publication|publication date|published(?: on| in)?|date published|"
    r"publication|final (?:version|report|draft)|report date|date of report|issued|released|"
    r"updated|revised|version date|date posted|posted on|posted(?=\s*:|\s+\d)|date of completion|"
    r"completion date|finali[sz]ed(?: on| in)?|"
    r"completed on)\b",
    re.I,
)
_DATE_LABEL = re.compile(r"(?:^|\s)date\s*[:\-–]", re.I)
# Dates of something else: the review's commissioning, the child's birth or death, a meeting.
_OTHER_DATE = re.compile(
    r"\b(?:birth|born|death|died|dob|dod|incident|commission\w*|inquest|meeting|letter|"
    r"agreed|decision|decided|notif\w*|referr\w*|met\b|post(?:ed)? on|upload\w*|"
    r"accessed|retrieved|copyright|©|working together|act \d{4}|regulations|period|"
    r"views?|downloads?|"
    r"between|from|until|since|review period|timeframe|scope|panel met|hearing|trial|"
    r"sentenc\w*|court|convicted|admitted|happened|occurred|"
    # a date still to come: the document's next review ('Next review date:', 'Review due')
    r"next\s+(?:review|meeting|update|hearing)|date\s+of\s+next|review\s+due|due\s+for\s+review)\b"
    # a panel's sitting, labelled straight after the word ('Panel date:'), not the Review
    # Panel's own report ('... Review Panel annual report July 2021')
    r"|(?<!review\s)\bpanel\s*$",
    re.I,
)
# Words that may stand beside a date on a cover line.
_COVER_DATE_WORDS = {
    "final",
    "version",
    "updated",
    "published",
    "publication",
    "report",
    "date",
    "dated",
    "issued",
    "v",
    "draft",
    "revised",
    "overview",
    "contents",
    "the",
    "of",
    "on",
    "in",
    *WEEKDAY_NAMES,
    # the same days shortened, and the time of day a web page adds ('Mon 4 Apr 2022 10.15 BST',
    # 'April 4, 2022 at 10:15 am')
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "at",
    "bst",
    "gmt",
    "utc",
    # a news page's reading time beside its date ('01 Aug 2024 4 minute read')
    "minute",
    "minutes",
    "min",
    "mins",
    "read",
}


def publication_date(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """An explicit publication or final-version date, else a date standing alone on the
    cover; never the date of something else, and nothing rather than a guess."""
    labelled: tuple[str, FrontLine] | None = None
    dated: tuple[str, FrontLine] | None = None
    alone: tuple[str, FrontLine] | None = None
    in_prose: tuple[str, FrontLine] | None = None
    published: tuple[str, FrontLine] | None = None
    for index, line in enumerate(lines):
        text = line.text
        if index + 1 < len(lines) and re.match(r"^(?:19|20)\d\d\b", lines[index + 1].text):
            text = f"{text} {lines[index + 1].text}"  # 'for publication on 23rd May' / '2016'
        label = _PUBLISHED.search(text)
        announced = _date_then_published(text) if index < 15 else None
        if announced:  # 'Latest practice review Child Q, May 2023, now published'
            published = published or (announced, line)
        if label:
            after = text[label.end() :]
            date = date_in(after[:40]) or _short_after_label(after) or _year_after_label(after)
            reposted = re.match(r"(?i)\s*(?:on\s+)?this (?:site|website)\b", after)  # a repost
            if (
                date
                and not reposted
                and not _OTHER_DATE.search(text[: label.start()][-40:] + after[:12])
            ):
                if is_sentence(text):  # 'the guidance, which was published in March 2013'
                    # stated of the page's subject near its top, not a report it cites ('the
                    # inspectorate's report published in May 2009')
                    stated = re.search(
                        r"(?i)\b(?:was|were|been|is|are)\s+(?:\w+ly\s+)?$", text[: label.start()]
                    )
                    # a thing 'updated' or 'revised' in prose is some other document
                    cited = re.match(r"(?i)updated|revised", label.group(0))
                    if (stated or label.start() == 0) and index < 15 and not cited:
                        in_prose = in_prose or (date, line)
                elif re.match(r"(?i)(?:date of )?publi", label.group(0)) and not published:
                    published = (date, line)  # 'Publication date:' beats 'Report date:'
                else:
                    labelled = labelled or (date, line)
        date_label = _DATE_LABEL.search(text)
        if date_label:
            after = text[date_label.end() :]
            date = date_in(after[:30]) or _year_after_label(after)
            # 'Meeting date:', 'Incident date:', 'Next review date:': the date of something else
            qualified = _OTHER_DATE.search(text[: date_label.start()][-25:])
            if date and dated is None and not qualified and not _under_incident(lines, index):
                dated = (date, line)
        if alone is None and index < 40:
            date = date_in(text) or _short_numeric(text)
            if date and _stands_alone(text):
                alone = None if _run_of_dates(lines, index) else (date, line)
            elif (
                date
                and dated is None
                and AUTHOR_LABEL.search(text)
                and (text.endswith(date_text(text)) or _credit_line(text, index))
            ):
                # 'Jo Bloggs, Independent Author, April 2016'; a cover's one line of title,
                # month and reviewer ('Learning from our reviews May 2020 Jo Bloggs Reviewer')
                dated = (date, line)
            elif (
                date
                and dated is None
                and index
                and AUTHOR_LABEL.search(lines[index - 1].text)
                and text.endswith(date_text(text))
            ):
                dated = (date, line)  # 'Reviewers:' over 'Jo Bloggs & Al Khan, May 2017'
            elif is_board(re.sub(r",?\s*(?:19|20)\d\d\s*$", "", text)) and DATE_YEAR.search(
                text[-4:]
            ):
                alone = (text[-4:], line)  # 'Northvale Safeguarding Children Board, 2014'

    today = _published_today(lines)
    explicit = published or labelled
    byline = _byline_date(lines)
    return (
        explicit
        or today
        or byline
        or dated
        or alone
        or in_prose
        or _ending_the_heading(lines)
        or _copyright_year(lines)
    )


def _ending_the_heading(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A heading that ends in the month it came out ('Learning brief: Neglect May 2023',
    'Overview of reviews - March 2025')."""
    for line in lines[:5]:
        text = line.text.strip()
        found = DATE_MONTH.search(text)
        # or a cover run on into its contents list ('... Review of X March 2016 Contents 1 ...'):
        # the heading is what comes before the list
        if found and re.match(r"\s+Contents\b", text[found.end() :]):
            text = text[: found.end()]
        if (
            found
            and found.end() == len(text)
            and len(text[: found.start()].split()) >= 2
            and not is_sentence(text)
            and not _OTHER_DATE.search(text)
            and not DATE_DAY.search(text)
        ):
            return date_in(found.group(0)) or "", line
    return None


_NOW_PUBLISHED = re.compile(
    rf"(?:{DATE_DAY.pattern}|{DATE_MONTH.pattern}),?\s+(?:is\s+|has\s+been\s+)?now\s+"
    r"(?:published|available)\b",
    re.I,
)


def _date_then_published(text: str) -> str | None:
    """A month or day named just before 'now published'."""
    found = _NOW_PUBLISHED.search(text)
    return date_in(found.group(0)) if found else None


def _credit_line(text: str, index: int) -> bool:
    """A cover line near the top, not prose, that credits its author and gives one month date
    and nothing else dated."""
    found = list(DATE_MONTH.finditer(text))
    return (
        index < 10
        and not is_sentence(text)
        and len(found) == 1
        and not DATE_DAY.search(text)
        # nothing else dated next to it ('born May 2015'); 'Learning from' further off is fine
        and not _OTHER_DATE.search(text[max(0, found[0].start() - 12) : found[0].end() + 12])
    )


def _run_of_dates(lines: list[FrontLine], index: int) -> bool:
    """A date among several different ones standing alone around it (a weather widget's
    days, a list of events): none of them is the page's own date."""
    near = [
        date_in(line.text) or _short_numeric(line.text)
        for line in lines[max(0, index - 15) : index + 16]
        if _stands_alone(line.text)
    ]
    return len({date for date in near if date}) >= 3


def _byline_date(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A web page's own date on its dateline or its reporter's byline ('Jo Bloggs 12 May
    2021') above the headline."""
    for line in lines[:6]:
        dateline = DATELINE.match(line.text)
        if dateline:
            return dateline.group(0)[-10:], line
        if is_byline(line.text):
            date = date_in(line.text)
            return (date, line) if date else None
    return None


_SHORT_NUMERIC = r"(\d{1,2})([/.])(\d{1,2})\2(\d\d)"


def _short_numeric(text: str) -> str | None:
    """A cover line that is only a date with a two-digit year ('29/09/20', '[29/09/20]')."""
    found = re.fullmatch(rf"\s*[\[(]?{_SHORT_NUMERIC}[\])]?\s*", text)
    return _short_date(found) if found else None


def _short_after_label(after: str) -> str | None:
    """'Published on 29.09.20': a date with a two-digit year right after the label."""
    found = re.match(rf"\s*[:\-–]?\s*{_SHORT_NUMERIC}(?![\d./])", after)
    return _short_date(found) if found else None


def _short_date(found: re.Match[str]) -> str | None:
    day, month = int(found.group(1)), int(found.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"20{found.group(4)}-{month:02d}-{day:02d}"


def _under_incident(lines: list[FrontLine], index: int) -> bool:
    """A 'Date:' in the facts listed under an incident heading ('The Incident' / '• Date:
    2020' / '• Event: ...') dates what happened, not the publication."""
    return any(
        re.match(r"(?i)^(?:the\s+)?(?:incident|event|what happened)\b", line.text)
        for line in lines[max(0, index - 3) : index]
    )


def _published_today(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A news item's own date: 'The board has today (4 June 2019) published its report', 'was
    released yesterday afternoon (3 May 2016)'."""
    for line in lines[:15]:
        found = re.search(
            r"(?i)\b(?:today|yesterday)(?:\s+(?:morning|afternoon|evening))?\s*\(([^)]{6,30})\)",
            line.text,
        )
        if (
            found
            and re.search(r"(?i)\b(?:publish|released?\b)", line.text)
            and date_in(found.group(1))
        ):
            return date_in(found.group(1)) or "", line
    return None


def _copyright_year(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """'© Northvale Council 2014': the year the document was published, as a last resort."""
    for line in lines:
        found = re.search(r"(?:©|\bcopyright\b)[^\n]{0,80}?\b((?:19|20)\d\d)\b", line.text, re.I)
        if found and not re.search(r"(?i)\b(?:third[- ]party|remains with)\b", line.text):
            return found.group(1), line
    return None


def _year_after_label(after: str) -> str | None:
    """'Date of publication: 2014': a bare year right after the label."""
    found = re.match(r"\s*[:\-–]?\s*((?:19|20)\d\d)\b", after)
    return found.group(1) if found else None


def _stands_alone(text: str) -> bool:
    """A cover line that is a date and little else ('March 2019', 'Final version: 3 May 2020'),
    or a web page's dateline ('12th May 2021 | News')."""
    if _OTHER_DATE.search(text):
        return False
    if "|" in text:
        dated = [part for part in text.split("|") if date_in(part)]
        return len(dated) == 1 and _stands_alone(dated[0])
    text = re.sub(r"(?i)\b\d{1,2}[:.]\d\d\s*(?:am|pm)?\b", " ", text)  # '14 May 2018 01:47 PM'
    rest = DATE_DAY.sub(" ", DATE_MDY.sub(" ", text))
    rest = DATE_MONTH.sub(" ", DATE_NUMERIC.sub(" ", rest))
    words = re.findall(r"[A-Za-z]+", rest)
    return all(word.lower() in _COVER_DATE_WORDS for word in words)
