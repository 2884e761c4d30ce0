"""The front matter of a review: which lines make up its cover, and what they state.

Real reviews reach us as PDFs and as copies on document-hosting sites and partnership
web pages. Their covers share a few layouts: a title block broken over short lines
(often in capitals, the child's pseudonym on a line of its own, "In respect of" or
"Overview report" around it), a board name standing alone, an author line with the
name before or after its label, a month and year. Around them stand running headers,
page numbers, addresses, confidentiality marks and, on hosting sites, the site's own
lines (views, downloads, upload dates). This module finds the cover lines and reads
the title, publisher, author and publication date from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import CONTENTS_LINE
from ingest.types import Page

FRONT_PAGES = 3  # title, author, date and partnership are stated near the front
FRONT_LINES = 60  # a text file has no pages: its first lines stand in for the front pages

MONTH_NAMES = [
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
]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

# A hosting site's own lines around the document it shows.
_CHROME = re.compile(
    r"^(?:upload:.*|post(?:ed)? on\b.*|\d[\d,.]*k? (?:views?|downloads?(?: \(pure\))?)|"
    r"category:.*|documents?|transcript|skip to (?:main )?content|download(?: pdf)?|"
    r"report this (?:document|link)|share|embed|page \d+:.*|menu|search|home|"
    r"view (?:pdf|document)|print|close|cookies?.*|back to top|loading.*|advertisement|"
    r"continue reading|page created by .*|you are on page .*|sie sind auf seite .*|"
    r"sunteți pe pagina .*|vous êtes sur la page .*|está en la página .*|"
    r"related posts|\d+ of \d+|no votes yet|[•●]?\s*\d{1,3})$",
    re.I,
)
_TRANSCRIPT = re.compile(r"^transcript$", re.I)


@dataclass
class FrontLine:
    page: int
    text: str
    size: float | None = None
    bold: bool = False


def front_lines(pages: list[Page]) -> list[FrontLine]:
    """The cover and front pages' lines, without contents entries or a hosting site's lines."""
    lines: list[FrontLine] = []
    plain = len(pages) == 1 and pages[0].height is None
    for page in pages[: 1 if plain else FRONT_PAGES]:
        for line in page.lines:
            text = line.text.strip()
            if text and not CONTENTS_LINE.search(text):
                lines.append(FrontLine(page.number, text, line.size, line.bold))
    # A hosting site repeats the document's opening above the word TRANSCRIPT: start below it.
    head = lines[:40]
    marker = next((i for i, line in enumerate(head) if _TRANSCRIPT.match(line.text)), None)
    if marker is not None:
        lines = lines[marker + 1 :]
    lines = [line for line in lines if not _CHROME.match(line.text)]
    return lines[:FRONT_LINES] if plain else lines


# -- dates ------------------------------------------------------------------------------

DATE_DAY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+((?:19|20)\d\d)(?!\d)", re.I
)
DATE_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+((?:19|20)\d\d)\b", re.I)
DATE_MONTH = re.compile(rf"\b({_MONTH})\.?,?\s+((?:19|20)\d\d)(?!\d)", re.I)
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")
DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
DATE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

# Labels that say the date is the document's own: most explicit first.
_PUBLISHED = re.compile(
    r"\b(?:date of publication|publication date|published(?: on| in)?|date published|"
    r"publication|final (?:version|report|draft)|report date|date of report|issued|"
    r"updated|revised|version date|date posted|posted on)\b",
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
    r"sentenc\w*|court|convicted|admitted|happened|occurred)\b",
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
    "the",
    "of",
    "on",
    "in",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


def date_in(text: str) -> str | None:
    """The first full or month date in `text`, as ISO (YYYY-MM-DD or YYYY-MM)."""
    for found in DATE_DAY.finditer(text):
        month = MONTHS.get(found.group(2).lower().rstrip("."))
        day = int(found.group(1))
        if month and 1 <= day <= 31:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_MDY.finditer(text):  # 'Wednesday, December 14, 2016'
        month = MONTHS.get(found.group(1).lower().rstrip("."))
        day = int(found.group(2))
        if month and 1 <= day <= 31:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_NUMERIC.finditer(text):
        day, month = int(found.group(1)), int(found.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{found.group(3)}-{month:02d}-{day:02d}"
    for found in DATE_MONTH.finditer(text):
        month = MONTHS.get(found.group(1).lower().rstrip("."))
        if month:
            return f"{found.group(2)}-{month:02d}"
    iso = DATE_ISO.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return iso.group(0) if iso.group(3) else f"{iso.group(1)}-{iso.group(2)}"
    return None


def publication_date(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """An explicit publication or final-version date, else a date standing alone on the
    cover; never the date of something else, and nothing rather than a guess."""
    labelled: tuple[str, FrontLine] | None = None
    dated: tuple[str, FrontLine] | None = None
    alone: tuple[str, FrontLine] | None = None
    for index, line in enumerate(lines):
        text = line.text
        if index + 1 < len(lines) and re.match(r"^(?:19|20)\d\d\b", lines[index + 1].text):
            text = f"{text} {lines[index + 1].text}"  # 'for publication on 23rd May' / '2016'
        label = _PUBLISHED.search(text)
        if label:
            after = text[label.end() :]
            date = date_in(after[:40]) or _year_after_label(after)
            if date and not _OTHER_DATE.search(text[: label.start()][-40:] + after[:12]):
                labelled = labelled or (date, line)
        if _DATE_LABEL.search(text):
            after = text[_DATE_LABEL.search(text).end() :]  # type: ignore[union-attr]
            date = date_in(after[:30]) or _year_after_label(after)
            if date and dated is None:
                dated = (date, line)
        if alone is None and index < 40:
            date = date_in(text)
            if date and _stands_alone(text):
                alone = (date, line)
            elif (
                date
                and dated is None
                and _AUTHOR_LABEL.search(text)
                and text.endswith(date_text(text))
            ):
                dated = (date, line)  # 'Jo Bloggs, Independent Author, April 2016'
            elif _is_board(re.sub(r",?\s*(?:19|20)\d\d\s*$", "", text)) and DATE_YEAR.search(
                text[-4:]
            ):
                alone = (text[-4:], line)  # 'Northvale Safeguarding Children Board, 2014'

    return labelled or dated or alone or _copyright_year(lines)


def _copyright_year(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """'© Northvale Council 2014': the year the document was published, as a last resort."""
    for line in lines:
        found = re.search(r"(?:©|\bcopyright\b)[^\n]{0,80}?\b((?:19|20)\d\d)\b", line.text, re.I)
        if found and not re.search(r"(?i)\b(?:third[- ]party|remains with)\b", line.text):
            return found.group(1), line
    return None


def date_text(text: str) -> str:
    """The words of the last month date in `text` ('April 2016'), or ''."""
    found = list(DATE_MONTH.finditer(text))
    return found[-1].group(0) if found else "\x00"


def _year_after_label(after: str) -> str | None:
    """'Date of publication: 2014': a bare year right after the label."""
    found = re.match(r"\s*[:\-–]?\s*((?:19|20)\d\d)\b", after)
    return found.group(1) if found else None


def _stands_alone(text: str) -> bool:
    """A cover line that is a date and little else ('March 2019', 'Final version: 3 May 2020')."""
    if _OTHER_DATE.search(text):
        return False
    rest = DATE_DAY.sub(" ", DATE_MDY.sub(" ", text))
    rest = DATE_MONTH.sub(" ", DATE_NUMERIC.sub(" ", rest))
    words = re.findall(r"[A-Za-z]+", rest)
    return all(word.lower() in _COVER_DATE_WORDS for word in words)


# -- publisher ---------------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|&|and|of|the|upon|on|in|le|de)"
_BODY = (
    r"(?:Local |Regional |Children(?:'s|’s)? |Multi[- ]Agency |Child |Childrens )*"
    r"Safeguarding(?: and Protection)?(?: Children(?:'s|’s)?| Childrens| Adults(?:'s|’s)?)?"
    r"(?: Partnership| Board)"
)
_PARTNERSHIP_ANY_CASE = re.compile(
    rf"(?<![\w-])((?:{_NAME_WORD},?\s+){{0,6}}?{_BODY})",  # 'Aston, Bede and Cole …'
    re.I,
)
PANEL = re.compile(
    r"\b(?:the\s+)?(?:National\s+)?Child(?:ren)? Safeguarding (?:Practice )?Review Panel\b", re.I
)
_LABELLED_PUBLISHER = re.compile(
    r"\b(?:LSCB|LSCP|publisher|published by|partnership|board|commissioned by)\s*[:\-–]\s*"
    r"(.+?)(?=\s+(?:author|date|title|reviewer)\b|$)",
    re.I,
)
_LEADING = re.compile(
    r"^(?:(?:the|by|of|and|on behalf of|for|to|from|executive|chair|chairs|members?|partners?|"
    r"independent|commissioned|published|report|review|serious case|case|this|that|"
    r"a|an|was|is|at|with|lscb|lscp|publisher|board|partnership)\b[\s:,-]*)+",
    re.I,
)


def publisher(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """The partnership, board or Panel that published the review, in full."""
    for line in lines:  # 'LSCB: X Safeguarding Children Board' on a repository cover sheet
        for found in _LABELLED_PUBLISHER.finditer(line.text):
            name = _clean_publisher(found.group(1))
            if name and _PARTNERSHIP_ANY_CASE.search(name):
                return name, line
    for index, line in enumerate(lines):
        # a name broken over two cover lines ('Bedford Borough Safeguarding' / 'Children Board')
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        joined = f"{line.text} {following}" if len(following.split()) <= 3 else line.text
        for text in (line.text, joined):
            for found in _PARTNERSHIP_ANY_CASE.finditer(text):
                name = _clean_publisher(found.group(1))
                if name:
                    return name, line
        panel = PANEL.search(line.text)
        if panel:
            return re.sub(r"^(?:the|national)\s+", "", panel.group(0), flags=re.I).strip(), line
    for line in lines:  # '© Northvale Youth Trust 2014': the copyright holder published it
        holder = _COPYRIGHT_HOLDER.search(line.text)
        if holder and not re.match(r"(?i)crown\b", holder.group(1)):
            return holder.group(1).strip(" ,."), line
    return None


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s+)?"
    r"([A-Z][\w’'&.-]*(?:\s+(?:(?:and|of|for|the|in)\s+)*[A-Z][\w’'&.-]*){0,8})"
    r"\s*,?\s*(?:(?:19|20)\d\d)?\.?\s*$"
)


_CONNECTORS = {"and", "of", "the", "&", "for", "upon", "on", "in", "le", "de"}


def _clean_publisher(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    name = _LEADING.sub("", name)
    # a name starts with a capital ('Kent', 'North Wales', 'KENT'); words before it are prose
    words = name.split()
    # prose before the name ('Practice briefing for Kent …'): start after its last plain word
    plain = [i for i, w in enumerate(words) if w[:1].islower() and w not in _CONNECTORS]
    if plain:
        words = words[plain[-1] + 1 :]
    while words and not words[0][:1].isupper():
        words.pop(0)
    name = " ".join(words)
    if not name or re.match(r"(?i)^(?:local |regional |children(?:'s|’s)? )*safeguarding", name):
        return None
    return name


# -- author ------------------------------------------------------------------------------

_ROLE = (
    r"(?:independent\s+)?(?:lead\s+|overview\s+|review\s+|report\s+|chief\s+)?"
    r"(?:reviewer|author|writer)s?"
)
_AUTHOR_LABEL = re.compile(
    rf"\b(?:{_ROLE}|written by|prepared by|authored by|report by|reviewed by|undertaken by|"
    r"carried out by|conducted by|led by|completed by)\s*"
    r"(?:[:\-–]+\s*|(?=[A-Z])|$)",
    re.I,
)
_HONORIFIC = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s+)"
_NAME_PART = (
    r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|Mc[A-Z][a-z]+|O[’'][A-Z][a-z]+|[A-Z]\.?)(?![A-Za-z])"
)
_NAME = re.compile(rf"{_HONORIFIC}?{_NAME_PART}(?:\s+{_NAME_PART}){{1,3}}")
# Words that end a name: a role, a date, a qualification, the start of a sentence.
_NOT_NAME = {m.capitalize() for m in MONTH_NAMES} | {
    "Date",
    "Dated",
    "Independent",
    "Lead",
    "Author",
    "Reviewer",
    "Overview",
    "Report",
    "Review",
    "Serious",
    "Case",
    "Safeguarding",
    "Board",
    "Partnership",
    "Council",
    "Children",
    "Child",
    "Baby",
    "Version",
    "Final",
    "The",
    "This",
    "On",
    "For",
    "And",
    "Of",
    "In",
    "Chair",
    "Panel",
    "Consultant",
    "Associate",
    "Ltd",
    "Limited",
    "Services",
    "Practice",
    "Learning",
    "Local",
    "Social",
    "Health",
    "Published",
    "Executive",
    "Summary",
    "Contents",
    "Introduction",
    "Page",
    "Draft",
    "Family",
}
_QUALIFICATION = re.compile(
    r"^(?:B\.?A|M\.?A|B\.?Sc|M\.?Sc|Ph\.?D|LL\.?B|LL\.?M|CQSW|DipSW|Dip|RGN|RN|RMN|RSCN|RHV|"
    r"QPM|OBE|MBE|CBE|PGCE|Hons|MBA|MPhil|CertEd|PGDip|MSW|BSW|FRCP\w*|MRCP\w*|FRCPCH|HV)$"
)


def author(lines: list[FrontLine], body: str = "") -> tuple[str, FrontLine] | None:
    """The author(s) named by an author or reviewer line, without degrees or roles; words the
    document also writes in lower case ('Knowledge Bite') are not a name."""
    found = _author(lines)
    if found is None or not body:
        return found
    words = [w for w in re.findall(r"[A-Z][a-z]+", found[0]) if w not in _HONORIFIC_WORDS]
    if words and all(re.search(rf"\b{w.lower()}\b", body) for w in words):
        return None
    return found


_HONORIFIC_WORDS = {"Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame"}


def _author(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for index, line in enumerate(lines):
        text = line.text
        for label in _AUTHOR_LABEL.finditer(text):
            after = text[label.end() :].strip()
            names = _names(after)
            if not names and not after.strip(" :-–") and index + 1 < len(lines):
                # 'Author:' with the name below it, or 'Authors' over a list, one a line
                for below in lines[index + 1 : index + 9]:
                    listed = _names(re.sub(r"^[•●▪◦\-–*]\s*", "", below.text))
                    if not listed:
                        break
                    names += listed[:1] if re.match(r"^[•●▪◦\-–*]", below.text) else listed
                    if not re.match(r"^[•●▪◦\-–*]", below.text):
                        break
            if not names:
                before = _names_before(text[: label.start()])  # 'Jo Bloggs, Independent Author'
                names = before if re.search(_ROLE, label.group(0), re.I) else []
            if names:
                return " and ".join(names), line
        # 'Jo Bloggs' on one line, 'Independent Author' on the next
        if index and _ROLE_LINE.match(text):
            names = _names(lines[index - 1].text)
            if names and " ".join(names) == lines[index - 1].text.strip(" ,"):
                return " and ".join(names), lines[index - 1]
    return _unlabelled_author(lines)


def _unlabelled_author(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A cover line of people's names alone, just below the cover's date
    ('Ann Lee and Bo Tran'), and not a place above its board's name."""
    for index, line in enumerate(lines[:20]):
        if re.match(r"(?i)^(?:contents|introduction|\d{1,2}\.?\s)", line.text):
            break
        if index == 0:
            continue
        above = lines[index - 1].text
        below = lines[index + 1].text if index + 1 < len(lines) else ""
        if not DATE_YEAR.search(above):
            continue
        if re.match(r"(?i)^(?:safeguarding|children|local|board|partnership)\b", below):
            continue
        names = _names(line.text)
        flat = [
            word
            for word in re.sub(r"\s*(?:,|&|\band\b)\s*", " ", line.text).split()
            if not _QUALIFICATION.match(word.strip("()"))
        ]
        if names and sum(len(name.split()) for name in names) == len(flat):
            return " and ".join(names), line
    return None


_ROLE_LINE = re.compile(
    r"^(?:independent\s+)?(?:lead\s+|overview\s+|review\s+|report\s+)?(?:reviewer|author)s?$",
    re.I,
)


def _names(text: str) -> list[str]:
    """People named at the start of `text` ('Dr Ann Lee BA (Hons) and Bo Tran, ...'), also
    in capitals ('ANN LEE')."""
    found = _people_named(text)
    if not found:
        shouted = re.match(r"^\s*((?:[A-Z][A-Z'’-]+\s+){1,3}[A-Z][A-Z'’-]+)\b(?![a-z])", text)
        if shouted and not any(_QUALIFICATION.match(w) for w in shouted.group(1).split()):
            found = _people_named(shouted.group(1).title())
    return found


def _people_named(text: str) -> list[str]:
    names: list[str] = []
    rest = text
    while True:
        rest = re.sub(r"^[\s,;:()]+", "", rest)
        found = _NAME.match(rest)
        if not found:
            break
        name = _trim_name(found.group(0))
        if not name:
            break
        names.append(name)
        rest = rest[len(name) :]
        rest = _without_qualifications(rest)
        joined = re.match(r"^\s*(?:,|&|and)\s+", rest)
        if not joined:
            break
        rest = rest[joined.end() :]
    return names


def _without_qualifications(text: str) -> str:
    """', BA (Hons), MSc CQSW and Jo Bloggs' -> ' and Jo Bloggs'."""
    while True:
        found = re.match(r"^[\s,]*\(?([A-Za-z.]+)\)?(?=[\s,]|$)", text)
        if not found or not _QUALIFICATION.match(found.group(1)):
            return text
        text = text[found.end() :]


def _trim_name(candidate: str) -> str | None:
    words = candidate.split()
    kept: list[str] = []
    for word in words:
        bare = word.strip(".,")
        if bare in _NOT_NAME or _QUALIFICATION.match(bare) or (bare.isupper() and len(bare) > 1):
            break
        kept.append(word)
    real = [w for w in kept if not re.match(_HONORIFIC, w + " ") and len(w.strip(".")) > 1]
    if len(real) < 2 and not (len(real) == 1 and len(kept) >= 2):
        return None
    return " ".join(kept)


def _names_before(text: str) -> list[str]:
    """A name standing just before its role on the same line."""
    words = text.strip(" ,:-–").split()
    tail: list[str] = []
    for word in reversed(words):
        if re.fullmatch(_NAME_PART, word.strip(",")) and word.strip(",") not in _NOT_NAME:
            tail.insert(0, word.strip(","))
            if len(tail) == 4:
                break
        elif _QUALIFICATION.match(word.strip(",()")) or word in {"(Hons)", ","}:
            continue
        else:
            break
    if len(tail) < 2:
        return []
    return [" ".join(tail)]


# -- review type -------------------------------------------------------------------------

# Most specific first: the first type named in the title wins, then the first line that names one.
REVIEW_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "other",
        re.compile(
            r"\bannual report\b|\binspection\b|\bfocused visit\b|\bsafeguarding adults? review\b"
            r"|\binquiry\b|\bcase study\b"
            r"|\bdomestic homicide review\b|\bbusiness plan\b|\bnewsletter\b",
            re.I,
        ),
    ),
    (
        "briefing",
        re.compile(
            r"\b(?:7|seven)[- ]minute briefing|\blearning (?:brief|summary|bite)"
            r"|\bknowledge bite\b|\bbriefing\b|\bpractice (?:note|brief)\b",
            re.I,
        ),
    ),
    (
        "thematic_review",
        re.compile(
            r"\bthematic (?:review|analysis|report|learning)|\banalysis report\b"
            r"|\breviews? analysis\b|\b(?:triennial|biennial|annual) (?:analysis|review) of\b"
            r"|\bmulti-case review\b|\blearning from (?:\w+ )?(?:reviews|cases)\b"
            r"|\breview of (?:\w+ ){0,3}(?:rapid reviews|reviews|LCSPRs|serious case reviews)\b"
            r"|\b(?:serious case|rapid|practice|case) reviews\b|\bLCSPRs\b|\bresearch report\b"
            r"|\b(?:a )?study of\b",
            re.I,
        ),
    ),
    (
        "national_review",
        re.compile(
            r"\bnational (?:child safeguarding practice )?review\b|\bnational panel review\b"
            r"|\bnational (?:serious case )?review\b",
            re.I,
        ),
    ),
    (
        "child_practice_review",
        re.compile(
            r"\b(?:extended |concise )?child practice review\b|\b[EC]CPR\b"
            r"|\badolygiad ymarfer plant\b",  # the Welsh name, on bilingual covers
            re.I,
        ),
    ),
    ("rapid_review", re.compile(r"\brapid review\b", re.I)),
    (
        "lcspr",
        re.compile(
            r"\blocal child safeguarding practice review\b|\bLCSPR\b"
            r"|\bchild safeguarding practice review\b(?!\s+panel)",
            re.I,
        ),
    ),
    ("serious_case_review", re.compile(r"\b(?i:serious case review)\b|\bSCR\b")),
    (
        "learning_review",
        re.compile(
            r"\b(?:multi[- ]agency|partnership|single[- ]agency|local|practice|case|"
            r"safeguarding|lessons?)\s+(?:learning |case |practice )?review\b(?!\s+panel)"
            r"|\blearning review\b|\blearning lessons reviews?\b",
            re.I,
        ),
    ),
    (
        "guidance",
        re.compile(
            r"\b(?:statutory |practice |multi-agency )?guidance\b|\bprotocol\b|\bprocedures?\b"
            r"|\bthresholds?\b|\bfactsheet\b|\bflowchart\b|\bchecklist\b",
            re.I,
        ),
    ),
]
_TITLE_ONLY = {"guidance", "other"}  # named in passing in a review's opening, not its type
PRESS_RELEASE = re.compile(
    r"\bpress release\b|\bnotes to editors\b|\bpress office\b"
    r"|^Today (?:the|we)\b.{0,80}\bpublished\b",
    re.I | re.M,
)
CROWN_COPYRIGHT = re.compile(r"©\s*Crown copyright|\bCrown copyright\b", re.I)


def review_type(title: str | None, lines: list[FrontLine]) -> tuple[str, int, str] | None:
    """(type, page, words): named in the title, else the first front line that names one."""
    first_page = "\n".join(line.text for line in lines[:40])
    release = PRESS_RELEASE.search(first_page)
    if release:
        return "other", lines[0].page, release.group(0)
    if title:  # the type named first in the title ('7-minute briefing: serious case review')
        named = [
            (found.start(), i, name, found.group(0))
            for i, (name, pattern) in enumerate(REVIEW_TYPES)
            if (found := pattern.search(title))
        ]
        if named:
            _, _, name, words = min(named)
            return name, 0, words
    if lines and (PANEL.search(first_page) and CROWN_COPYRIGHT.search(first_page)):
        return "national_review", lines[0].page, "Crown copyright"
    for line in lines:
        for name, pattern in REVIEW_TYPES:
            if name in _TITLE_ONLY:
                continue
            found = pattern.search(line.text)
            if found:
                return name, line.page, found.group(0)
    # no review of any kind named up front: guidance, an inspection letter...
    for line in lines[:40]:
        for name, pattern in REVIEW_TYPES:
            found = pattern.search(line.text) if name in _TITLE_ONLY else None
            if found:
                return name, line.page, found.group(0)
    return None


# -- title -------------------------------------------------------------------------------

_TITLE_WORDS = re.compile(
    r"\b(?:review|report|briefing|brief|summary|overview|analysis|learning|lessons|inquiry|"
    r"audit|evaluation|bite|case|practice|thematic|SCR|LCSPR|CSPR|[CE]?CPR)\b",
    re.I,
)
_CONNECTOR = re.compile(
    r"^(?:in respect of|in relation to|relating to|regarding|concerning|re\b|into\b|"
    r"about\b|for\b|of\b|on the|the (?:death|case|circumstances)|[:–—-])",
    re.I,
)
_SUBTITLE = re.compile(
    r"^(?:(?:the |final |full |published |anonymised )?(?:overview|executive summary|summary|"
    r"final|full|learning|practice|published)?\s*(?:report|review|summary|briefing)"
    r"|executive summary|overview report)$",
    re.I,
)
_SKIP = re.compile(
    r"^(?:draft\b.*|in (?:strict )?confidence.*|confidential.*|not for publication.*|"
    r"official(?:[- ]sensitive)?|final|final version|version \S+|v\d[\d.]*|protect.*|"
    r"conducted under.*|under (?:the )?(?:regulation|section).*|(?:19|20)\d\d|"
    r"date of (?:birth|death).*|born.*|died.*|\d{1,3})$",
    re.I,
)
_ADDRESS = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b(?:road|street|lane|avenue|house|floor|po box)\b,",
    re.I,
)
_APPENDIX = re.compile(r"^(?:appendix|annex|annexe|schedule)\b", re.I)
# A web page's link words around a title: '- NEW REPORT:', 'Download', '> Read our'.
_LINK_WORDS = re.compile(
    r"^(?:[-–>•*|]\s*)*(?:(?:new|latest)\s+(?:report|publication|briefing)\s*[:\-–]\s*|"
    r"download(?:\s+the)?\s+|read(?:\s+(?:our|the))?\s+|view(?:\s+the)?\s+)?",
    re.I,
)
_CHILD_LINE = re.compile(r"^(?:Child|Baby|Infant|Young Person)\s+[A-Z][\w’'-]*$")
_LABELLED_TITLE = re.compile(
    r"^title\s*[:\-–]\s*(.+?)(?=\s+(?:LSCB|LSCP|author|date|publisher)\s*[:\-–]|$)", re.I
)


PSEUDONYM_LINE = re.compile(
    r"\b(?i:child|baby|infant|young person|family|children)\s+[A-Z]{1,2}\d{0,2}\b|^[‘'\"]"
)


def title(lines: list[FrontLine], body: str, pseudonym: re.Pattern[str]) -> FrontLine | None:
    """The title block: a labelled title, else the first line naming a kind of review or report
    (not a running header, address, appendix label or lone board name) with the lines that
    carry on from it ('In respect of', the child's pseudonym, 'Overview report')."""
    for line in lines[:30]:
        found = _LABELLED_TITLE.match(line.text)
        if found:
            return FrontLine(line.page, found.group(1).strip(" .;"))
    candidates = [
        (index, _without_leading_board(_LINK_WORDS.sub("", line.text)))
        for index, line in enumerate(lines[:40])
    ]
    anchors = [(i, text) for i, text in candidates if _title_anchor(text, body, pseudonym)]
    # a line naming a kind of review or report beats a site name or tagline above it
    strong = [
        (i, text)
        for i, text in anchors
        if i < 10
        and (_STRONG_TITLE.search(text) or any(p.search(text) for _, p in REVIEW_TYPES[:-1]))
        and not _SUBTITLE.match(text)
    ]
    if not anchors:
        return None
    index, text = (strong or anchors)[0]
    line = lines[index]
    parts = [_cover_run_title(text)]
    before = lines[index - 1].text if index else ""
    same_page = index > 0 and lines[index - 1].page == line.page
    if same_page and (_CHILD_LINE.match(before) or _leads_on(before)):
        parts.insert(0, before)  # 'Child Patrick' or 'Seen and heard:' over the type
    for following in lines[index + 1 : index + 8]:
        if following.page != line.page or not _carries_on(parts, following.text, body):
            break
        looked_past = _SKIP.match(following.text) or _is_board(following.text)
        if not looked_past and not date_in(following.text):
            parts.append(following.text)
    joined = re.sub(r"\s+", " ", " ".join(parts)).strip(' "“”')
    return FrontLine(line.page, joined[:300])


_STRONG_TITLE = re.compile(
    r"\b(?:review|report|briefing|analysis|inquiry|audit|evaluation)s?\b", re.I
)
# lower case only: 'Child A' does not end in the article 'a'
_FUNCTION_END = re.compile(
    r"(?:[:–—-]|&|\b(?:of|and|for|in|on|the|a|an|to|with|from|into|by|about))\s*$"
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*(?:[-–/]|to)\s*(?:19|20)?\d\d$")


def _cover_run_title(text: str) -> str:
    """A whole cover run together on one line ('Serious Case Review Child R Overview Report
    Lead Reviewer Jo Bloggs 11 January 2016'): the title is what comes before the author
    or the date."""
    if len(text.split()) <= 12:
        return text
    ends = [
        found.start() for found in (_AUTHOR_LABEL.search(text), DATE_MONTH.search(text)) if found
    ]
    cut = min(ends, default=len(text))
    return text[:cut].strip(" ,;:-–") if cut > 10 else text


def _leads_on(text: str) -> bool:
    """A line that ends by leading into the next ('Seen but not heard:')."""
    return 2 <= len(text.split()) <= 14 and text.rstrip().endswith(":") and text[0].isupper()


def _carries_on(parts: list[str], text: str, body: str) -> bool:
    """Whether a line below the title's first line is still part of the title (or a cover
    line to look past: a date, a board name, a confidentiality mark)."""
    words = len(text.split())
    if _SKIP.match(text) or _is_board(text) or (date_in(text) and words <= 6):
        return True
    if len(re.findall(rf"(?m)^\s*{re.escape(text)}\s*$", body)) >= 3 or parts[0] in text:
        return False  # a running header, or the title printed again
    if _FUNCTION_END.search(parts[-1]) and words <= 16 and len(parts[-1].split()) <= 14:
        return True  # 'Building on the learning from reviews:' / 'a two-year analysis'
    if _YEAR_RANGE.match(text) or (text[:1].islower() and words <= 12):
        return True
    return words <= 12 and bool(
        _CONNECTOR.match(text)
        or _SUBTITLE.match(text)
        or (PSEUDONYM_LINE.search(text) and words <= 8)
        or (
            words <= 8
            and not text.endswith(".")
            and re.search(r"\breview\b", text, re.I)
            and not _AUTHOR_LABEL.search(text)
            and not PANEL.search(text)
        )
    )


def _title_anchor(text: str, body: str, pseudonym: re.Pattern[str]) -> bool:
    words = text.split()
    opens = any(pattern.match(text) for _, pattern in REVIEW_TYPES[:-1]) or re.match(
        r"(?i)(?:an? |the )?(?:serious case|child practice|learning|rapid) review", text
    )
    if not re.search(r"[A-Z]", text) or not words or len(words) > (30 if opens else 20):
        return False
    if text[0].islower() or (text.endswith(".") and len(words) > 8):
        return False
    if _APPENDIX.match(text) or _ADDRESS.search(text) or _SKIP.match(text):
        return False
    if re.match(r"^\d{1,2}\.\d{1,2}\b", text):
        return False  # a numbered paragraph, not a cover line
    if _AUTHOR_LABEL.match(text) or _LABELLED_PUBLISHER.match(text):
        return False
    if len(re.findall(r"(?:^|\s)\d{1,2}\.?\s+[A-Z]", text)) >= 2 or re.search(
        r"\bpage \d", text, re.I
    ):
        return False  # a run-together contents list
    if len(re.findall(rf"(?m)^\s*{re.escape(text)}\s*$", body)) >= 3:
        return False  # a running header, printed on every page
    if re.search(r"\s\d{1,3}$", text) and (re.match(r"^\d", text) or len(words) <= 6):
        return False  # a contents entry ('1. Why this review 4', 'Executive summary 6')
    if len(words) <= 4 and re.search(r"\b[A-Z]{2,}-?[A-Z]*\d{2,}\b", text):
        return False  # a series label ('Research Report RR-104')
    if re.search(r"\b(?:said|says|added|explained|told)\s*:?\s*$", text):
        return False  # a quotation's introduction
    without_board = PANEL.sub(" ", _PARTNERSHIP_ANY_CASE.sub(" ", text))
    return bool(_TITLE_WORDS.search(without_board) or pseudonym.search(without_board))


def _without_leading_board(text: str) -> str:
    """'KENT SAFEGUARDING CHILDREN BOARD A SERIOUS CASE REVIEW ...': the title after the name."""
    found = _PARTNERSHIP_ANY_CASE.match(text)
    if found and len(text) - found.end() > 12:
        return text[found.end() :].strip(" :-–")
    return text


def _is_board(text: str) -> bool:
    """A line that is only a partnership or board name."""
    found = _PARTNERSHIP_ANY_CASE.search(text)
    return found is not None and len(text) - len(found.group(0)) < 4
