"""Review metadata read from the document itself, each field with the page it came from.

A field is left empty when the document does not state it: a guess would be
counted, charted and filtered on as if it were fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ingest.blocks import CONTENTS_LINE as _CONTENTS_LINE
from ingest.types import FieldValue, Line, Page, ReviewMetadata

FRONT_PAGES = 3  # title, author, date and partnership are stated near the front
STORY_PAGES = 6  # the child's age, sex and outcome are stated by the background section
TEXT_FRONT_LINES = 40  # a text file has no pages: its first lines stand in for the front pages

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
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

# Most specific first: the first type named in the title wins, then the first in the front pages.
REVIEW_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "briefing",
        re.compile(
            r"\b(?:7|seven)[- ]minute briefing|\blearning (?:brief|summary)|\bbriefing\b", re.I
        ),
    ),
    (
        "thematic_review",
        re.compile(
            r"\bthematic (?:review|analysis)|\banalysis report\b|\breviews? analysis\b"
            r"|\bmulti-case review\b|\blearning from (?:\w+ )?(?:reviews|cases)\b",
            re.I,
        ),
    ),
    (
        "national_review",
        re.compile(
            r"\bnational (?:child safeguarding practice )?review\b|\bnational panel review\b", re.I
        ),
    ),
    (
        "child_practice_review",
        re.compile(r"\b(?:extended |concise )?child practice review\b", re.I),
    ),
    ("rapid_review", re.compile(r"\brapid review\b", re.I)),
    (
        "lcspr",
        re.compile(
            r"\blocal child safeguarding practice review\b|\bLCSPR\b"
            r"|\bchild safeguarding practice review\b(?! panel)",
            re.I,
        ),
    ),
    ("serious_case_review", re.compile(r"\b(?i:serious case review)\b|\bSCR\b")),
    (
        "guidance",
        re.compile(
            r"\b(?:statutory |practice |multi-agency )?guidance\b|\bprotocol\b|\bprocedures?\b"
            r"|\bthresholds?\b|\bfactsheet\b|\bflowchart\b|\bchecklist\b",
            re.I,
        ),
    ),
    ("other", re.compile(r"\binspection\b|\bfocused visit\b|\bannual report\b", re.I)),
]

PRESS_RELEASE = re.compile(
    r"\bpress release\b|\bnotes to editors\b|\bpress office\b"
    r"|^Today (?:the|we)\b.{0,80}\bpublished\b",
    re.I | re.M,
)
_BODY = (
    r"(?:Local |Regional |Children(?:'s|’s)? |Multi-Agency )*"
    r"Safeguarding (?:Children |Children(?:'s|’s) )?(?:Partnership|Board)"
)
PARTNERSHIP = re.compile(
    r"\b((?:[A-Z][\w'’&-]*|and|of|the)(?:\s+(?:[A-Z][\w'’&-]*|and|of|the)){0,5}\s+" + _BODY + r")"
    r"|\b([A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})\s+\(?(LSCB|LSCP|SCP|SCB)\)?\b"
)
AUTHOR = re.compile(
    r"\b(?i:independent (?:lead |overview )?(?:reviewer|author)|lead reviewer|overview author|"
    r"report author|reviewer|author(?:ed)?|written by|prepared by)s?\s*[:\-–]?\s*(?:by\s+)?"
    r"((?:Dr\.?|Professor|Prof\.?|Mr|Mrs|Ms|Miss)?\s*[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,2})"
)
DATE_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
DATE_MONTH = re.compile(r"\b([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
DATE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
PUBLISHED = re.compile(r"\b(?:published|publication date|date of publication|date)\b", re.I)
PSEUDONYM = re.compile(
    r"\b((?:Child|Baby|Young Person|Sibling|Infant|YP)\s+[A-Z]{1,2}\d?"
    r"|Baby\s+[A-Z][a-z]{2,}"
    r"|(?:Child|Baby)\s+[A-Z](?=[’']s\b))(?![\w-])"
)
# Capitalised words that follow "Baby" in titles and names of things, not pseudonyms.
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
}
_N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(day|week|month|year)s?"
# Ages stated of someone: "aged 15", "was two years old", "a 16-year-old", "at the age of 16 years".
AGE = re.compile(
    rf"\b(?:aged|at the age of)\s+(?:just\s+|only\s+|about\s+)?{_N}(?:[- ]{_UNIT}(?:[- ]old)?)?\b"
    rf"|\b(?:was|is)\s+(?:just\s+|only\s+)?{_N}(?:[- ]{_UNIT}(?:[- ]old)?\b|(?=[.,;]|\s+when\b))"
    rf"|\b{_N}[- ]{_UNIT}[- ]old\b",
    re.I,
)
DIED = re.compile(
    r"\b(?:died|death of|(?<=’s )death|(?<='s )death|was found dead|pronounced dead|"
    r"(?<!non-)fatal(?:ly)?|killed|"
    r"took (?:his|her|their) own life|by suicide|tragic death|passed away)\b",
    re.I,
)
HARMED = re.compile(
    r"\b(?:serious(?:ly)? (?:harm|harmed|injur\w*)|significant(?:ly)? (?:harm\w*|injur\w*)|"
    r"life[- ]changing|life[- ]threatening|non-accidental injur\w*|fractur\w*|head injur\w*|"
    r"brain injur\w*|sexually exploited|stabbed|suffered serious|grievous bodily harm|"
    r"bruis\w+|injur(?:y|ies|ed))\b",
    re.I,
)
INCIDENT_YEAR = re.compile(
    r"\b(?i:in|on|during|of)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)
MALE = re.compile(r"\b(?:he|him|his|himself|boy|son)\b", re.I)
FEMALE = re.compile(r"\b(?:she|her|hers|herself|girl|daughter)\b", re.I)


def extract_metadata(pages: list[Page]) -> ReviewMetadata:
    """Read each field from the pages, leaving it empty when the document does not say."""
    meta = ReviewMetadata()
    meta.title = _title(pages)
    meta.review_type = _review_type(pages, meta.title)
    meta.partnership = _partnership(pages)
    meta.publication_date = _publication_date(pages)
    if meta.publication_date:
        date = meta.publication_date
        meta.publication_year = FieldValue(int(str(date.value)[:4]), date.page, date.evidence)
    meta.author = _author(pages)
    # Guidance cites other reviews' children; it has no subject child of its own.
    is_guidance = meta.review_type is not None and meta.review_type.value == "guidance"
    meta.child_pseudonyms = None if is_guidance else _pseudonyms(pages)
    subject = _subject_sentences(pages, meta.child_pseudonyms)
    meta.child_age, meta.child_age_months = _age(subject)
    meta.child_sex = _sex(subject)
    meta.outcome = _outcome(subject, pages) if subject else None
    meta.incident_year = _incident_year(subject, meta.outcome)
    return meta


# -- where to look -------------------------------------------------------------------


def _page_text(page: Page) -> str:
    """The page's lines, without contents entries ('Child Z: who he was .... 4')."""
    return "\n".join(line.text for line in page.lines if not _CONTENTS_LINE.search(line.text))


def _front(pages: list[Page], count: int = FRONT_PAGES) -> Iterator[tuple[int, str]]:
    """The first pages; of a plain-text document, which has no pages, its first lines."""
    for page in pages[:count]:
        if page.height is None and len(pages) == 1:
            lines = [line.text for line in page.lines if line.text.strip()]
            yield page.number, "\n".join(lines[:TEXT_FRONT_LINES])
        else:
            yield page.number, _page_text(page)


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"(\w)-\n(?=[a-z])", r"\1", text)  # undo line-end hyphenation
    flat = re.sub(r"\s*\n\s*", " ", flat)
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", flat) if s]


# -- fields ---------------------------------------------------------------------------


def _title(pages: list[Page]) -> FieldValue | None:
    """The largest print on the first page with text; for plain text, its first heading."""
    for page in pages[:2]:
        lines = [line for line in page.lines if len(line.text) > 1]
        if not lines:
            continue
        sized = [line for line in lines if line.size]
        if sized:
            biggest = max(line.size or 0 for line in sized)
            chosen: list[str] = []
            for line in lines:  # consecutive lines in the largest print make up the title
                if line.size and line.size >= biggest - 0.5:
                    chosen.append(line.text)
                elif chosen:
                    break
            title = " ".join(chosen)
            title = _with_pseudonym(title, lines, chosen)
        else:
            title = next((line.text for line in lines if line.bold), "") or _opening_lines(page)
        title = re.sub(r"\s+", " ", title).strip(' "“”')
        if len(title) >= 3:
            return FieldValue(title[:300], page.number, title[:300])
    return None


def _with_pseudonym(title: str, lines: list[Line], chosen: list[str]) -> str:
    """'Serious Case Review' over 'Baby M' in smaller print: the child is part of the title."""
    if PSEUDONYM.search(title):
        return title
    after = [line.text for line in lines].index(chosen[-1]) + 1
    if after < len(lines) and PSEUDONYM.search(lines[after].text) and len(lines[after].text) < 90:
        return f"{title}: {lines[after].text.strip()}"
    return title


def _opening_lines(page: Page) -> str:
    """A plain-text title: the first run of short lines (titles are often broken over lines)."""
    chosen: list[str] = []
    for line in page.lines:
        if not line.text.strip():
            if chosen:
                break
            continue
        chosen.append(line.text.strip())
        if len(chosen) == 3 or len(line.text.split()) > 12:
            break
    return " ".join(chosen)


def _review_type(pages: list[Page], title: FieldValue | None) -> FieldValue | None:
    for page_number, text in _front(pages, 1):
        release = PRESS_RELEASE.search(text)
        if release:
            return FieldValue("other", page_number, release.group(0))
    candidates: list[tuple[int, str]] = []
    if title:
        candidates.append((title.page, str(title.value)))
    candidates.extend(_front(pages, 2))
    for page_number, text in candidates:
        for review_type, pattern in REVIEW_TYPES:
            found = pattern.search(text)
            if found:
                return FieldValue(review_type, page_number, found.group(0))
    return None


def _partnership(pages: list[Page]) -> FieldValue | None:
    for page_number, text in _front(pages):
        for line in text.splitlines():
            found = PARTNERSHIP.search(line)
            if found:
                name = (found.group(1) or f"{found.group(2)} {found.group(3)}").strip()
                name = re.sub(
                    r"^(?:(?:the|by|of|and|on behalf of|executive|chair|members?|partners?)\s+)+",
                    "",
                    name,
                    flags=re.I,
                )
                if not re.match(
                    r"(?i)^(?:local |regional |children(?:'s|’s)? )*safeguarding", name
                ):
                    return FieldValue(name, page_number, line.strip())
    return None


def _publication_date(pages: list[Page]) -> FieldValue | None:
    """A date on a line that says 'published', else the first full or month date up front."""
    fallback: FieldValue | None = None
    for page_number, text in _front(pages, 2):
        for line in text.splitlines():
            date = _date_in(line)
            if date is None:
                continue
            if PUBLISHED.search(line):
                return FieldValue(date, page_number, line.strip())
            if fallback is None and len(date) >= 7:
                fallback = FieldValue(date, page_number, line.strip())
    return fallback


def _date_in(text: str) -> str | None:
    for found in DATE_DAY.finditer(text):
        month = MONTHS.get(found.group(2).lower())
        if month:
            return f"{found.group(3)}-{month:02d}-{int(found.group(1)):02d}"
    for found in DATE_MONTH.finditer(text):
        month = MONTHS.get(found.group(1).lower())
        if month:
            return f"{found.group(2)}-{month:02d}"
    iso = DATE_ISO.search(text)
    if iso:
        return iso.group(0) if iso.group(3) else f"{iso.group(1)}-{iso.group(2)}"
    if PUBLISHED.search(text):
        year = DATE_YEAR.search(text)
        if year:
            return year.group(1)
    return None


def _author(pages: list[Page]) -> FieldValue | None:
    for page_number, text in _front(pages):
        for line in text.splitlines():
            found = AUTHOR.search(line)
            if found:
                name = re.sub(r"\s+", " ", found.group(1)).strip()
                if not re.search(r"(?i)safeguarding|partnership|board|council|review", name):
                    return FieldValue(name, page_number, line.strip())
    return None


def _pseudonyms(pages: list[Page]) -> FieldValue | None:
    """Names like 'Child D' or 'Baby Eva' that the document uses for its subject children."""
    counts: Counter[str] = Counter()
    first_page: dict[str, int] = {}
    for page in pages:
        for found in PSEUDONYM.finditer(_page_text(page).replace("\n", " ")):
            name = re.sub(r"\s+", " ", found.group(1))
            if name.split()[-1] in NOT_A_NAME:
                continue
            counts[name] += 1
            first_page.setdefault(name, page.number)
    # Named on the title page, or recurring: a named baby ('Baby Eva') must recur more often.
    names = [
        name
        for name, count in counts.items()
        if count >= (3 if re.search(r"[a-z]$", name) else 2) or first_page[name] == 1
    ]
    if not names:
        return None
    names.sort(key=lambda name: (first_page[name], -counts[name]))
    return FieldValue(names, first_page[names[0]], ", ".join(names))


def _subject_sentences(pages: list[Page], pseudonyms: FieldValue | None) -> list[tuple[int, str]]:
    """Sentences about the one subject child (naming it, or just after it is named), when the
    review has exactly one."""
    names = list(pseudonyms.value) if pseudonyms and isinstance(pseudonyms.value, list) else []
    if len(names) != 1:
        return []
    name = names[0]
    found = []
    for page in pages[:STORY_PAGES]:
        sentences = _sentences(_page_text(page))
        for index, sentence in enumerate(sentences):
            if name in sentence:
                found.append((page.number, sentence))
                # pronouns in the next sentence usually still mean the child
                if index + 1 < len(sentences) and name not in sentences[index + 1]:
                    found.append((page.number, sentences[index + 1]))
    return found


def _age(subject: list[tuple[int, str]]) -> tuple[FieldValue | None, FieldValue | None]:
    for page_number, sentence in subject:
        found = stated_age(sentence)
        if found:
            stated, months = found
            return (
                FieldValue(stated, page_number, sentence),
                FieldValue(months, page_number, sentence),
            )
    return None, None


def stated_age(text: str) -> tuple[str, int] | None:
    """The first age stated in `text` ('aged 15', 'was seven weeks old'), as ('7 weeks', 1)."""
    for found in AGE.finditer(text):
        groups = found.groups()
        amount = _number(next(g for g in groups[0::2] if g))
        unit = next((g for g in groups[1::2] if g), "year").lower()
        if unit == "year" and not 0 < amount <= 18:
            continue
        months = {"day": 0, "week": amount * 7 // 30, "month": amount, "year": amount * 12}
        return f"{amount} {unit}{'' if amount == 1 else 's'}", months[unit]
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


_SEX_WORDS = {
    "male": re.compile(r"\b(?:boy|son|young man|baby boy|brother of)\b", re.I),
    "female": re.compile(r"\b(?:girl|daughter|young woman|baby girl|sister of)\b", re.I),
}


def _sex(subject: list[tuple[int, str]]) -> FieldValue | None:
    """'a boy', 'a young woman', or else a clear majority of pronouns around the child."""
    for page_number, sentence in subject:
        said = [sex for sex, pattern in _SEX_WORDS.items() if pattern.search(sentence)]
        if len(said) == 1:
            return FieldValue(said[0], page_number, sentence)
    male = female = 0
    first: dict[str, tuple[int, str]] = {}
    for page_number, sentence in subject:
        m, f = len(MALE.findall(sentence)), len(FEMALE.findall(sentence))
        male, female = male + m, female + f
        if m and "male" not in first:
            first["male"] = (page_number, sentence)
        if f and "female" not in first:
            first["female"] = (page_number, sentence)
    # Sentences about a child also speak of the parents: ask for a clear majority.
    for sex, mine, other in (("male", male, female), ("female", female, male)):
        if mine >= 3 and mine >= 2 * other:
            page_number, sentence = first[sex]
            return FieldValue(sex, page_number, sentence)
    return None


def _outcome(subject: list[tuple[int, str]], pages: list[Page]) -> FieldValue | None:
    for outcome, pattern in (("died", DIED), ("serious_harm", HARMED)):
        for page_number, sentence in subject:
            if pattern.search(sentence):
                return FieldValue(outcome, page_number, sentence)
    # "... the child has been seriously harmed": the statutory criterion, when stated alone
    for page in pages[:STORY_PAGES]:
        for sentence in _sentences(_page_text(page)):
            if (
                HARMED.search(sentence)
                and not DIED.search(sentence)
                and "criteria" in sentence.lower()
            ) or (
                re.search(r"\bhas been seriously harmed\b", sentence) and not DIED.search(sentence)
            ):
                return FieldValue("serious_harm", page.number, sentence)
    return None


def _incident_year(subject: list[tuple[int, str]], outcome: FieldValue | None) -> FieldValue | None:
    """The year in the sentence that tells what happened to the child."""
    if outcome is None:
        return None
    ordered = [(outcome.page, outcome.evidence), *subject]
    for page_number, sentence in ordered:
        if (
            DIED.search(sentence)
            or HARMED.search(sentence)
            or re.search(
                r"\b(?:admitted|taken|brought|found|assault\w*|stabbed|injur\w*)\b", sentence, re.I
            )
        ):
            found = INCIDENT_YEAR.search(sentence)
            if found:
                return FieldValue(int(found.group(1)), page_number, sentence)
    return None
