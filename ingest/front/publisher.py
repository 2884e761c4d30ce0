"""The publisher: a partnership, board or the national Panel, in full and in any case."""

from __future__ import annotations

import re

from ingest.front.author import names_only
from ingest.front.dates import MONTH_NAMES, WEEKDAY_NAMES
from ingest.front.lines import FrontLine, is_sentence

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|&|and|of|the|upon|on|in|le|de)"
_BODY = (
    r"(?:(?:Local |Regional |Children(?:'s|’s)? |Multi[- ]Agency |Child |Childrens )*"
    r"Safeguarding(?: and Protection)?(?: Children(?:'s|’s)?| Childrens| Adults(?:'s|’s)?)?"
    r"(?: and Children| and Adults| Vulnerable People)?(?: Multi[- ]Agency)?"
    r"(?: Partnership Board| Partnership| Board)"
    r"|(?:Area )?Child Protection Committee|Community Safety Partnership)"
)
PARTNERSHIP_ANY_CASE = re.compile(
    # 'Aston, Bede and Cole …'; several areas of two or three words each ('Upper Aston &
    # Bede, Cole and Dunmore …')
    rf"(?<![\w-])((?:{_NAME_WORD},?\s+){{0,9}}?{_BODY})(?!\w)",
    re.I,
)
_BODY_OPENS = re.compile(rf"{_BODY}(?!\w)")
PANEL = re.compile(
    r"\b(?:the\s+)?(?:National\s+)?Child(?:ren)? Safeguarding (?:Practice )?Review Panel\b", re.I
)
LABELLED_PUBLISHER = re.compile(
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


# A page that reports on the Panel's work ('key messages from the Panel', 'a summary of the
# Panel's annual report') was not published by the Panel; nor is a page that names someone as
# a member of it.
_ABOUT_PANEL = re.compile(
    r"\b(?:(?:key )?messages|summary|summaries|learning|lessons|findings|recommendations)\s+"
    r"(?:from|of)\s+"
    r"(?:the\s+)?(?=(?:National\s+)?Child(?:ren)? Safeguarding (?:Practice )?Review Panel|Panel\b)",
    re.I,
)
_PUBLISHED_BY_LINE = re.compile(
    r"^\s*(?i:published by)\s+(?:the\s+)?"
    r"([A-Z][\w&’'-]*(?:\s+(?:of|for|and|the|&|[A-Z][\w&’'-]*)){0,6})\s*$"
)
_PANEL_MEMBER = re.compile(r"\b(?:member|members)\s+of\s+(?:the\s+)?$", re.I)


# A review two bodies commissioned together (a serious case review joined with a domestic
# homicide review): 'X Safeguarding Children Board' over 'Y Community Safety Partnership',
# 'commissioned jointly by the X Board and the Safer Y Partnership'.
_JOINT = re.compile(
    r"^\s*(?:,|\band\b|&|\b(?:together|jointly)\s+with\b)?\s*(?:the\s+)?"
    r"((?:[A-Z][\w’'-]*\s+){1,6}(?:Partnership|Board|Committee))(?![\w’'])"
)


# A news site's house style writes the body in lower case after its place: 'the review by
# Northvale area child protection committee', 'Eastmere local safeguarding children board'.
_LOWER_CASE_BODY = re.compile(
    r"\b((?:[A-Z][a-z’'-]+\s+){1,3})((?:local\s+)?(?:area\s+child\s+protection\s+committee|"
    r"safeguarding\s+children(?:’s|'s)?\s+(?:board|partnership)))\b"
)
# '<Body>: first annual report': an annual report is published by the body it reports on.
_ANNUAL_REPORT_OF = re.compile(
    r"^(?:\d{1,3}\s+)?((?:[A-Z][\w’'-]*\s+)(?:[\w’'-]+\s+){0,10}?"
    r"(?:[Pp]anel|[Bb]oard|[Pp]artnership|[Cc]ommittee|[Cc]ommission)\b[\w ]{0,60}?)"
    r"\s*[:–-]\s*(?:the\s+)?(?:\w+\s+)?annual report\b",
)


# A board named by its place and initials only ('Northvale LSCB', 'Eastshire SCP').
_BOARD_INITIALS = re.compile(
    # the initials' family: [area or Children's] [Local] Safeguarding Children [Multi-agency]
    # Board or Partnership ('SCB', 'LSCP', 'CSCP', 'SCMP', 'SCCP')
    r"\b((?:[A-Z][\w’'-]+\s+(?:and\s+|&\s+)?){1,3}?)\(?(C?L?SC[CM]?[BP]s?)\)?(?![\w-])"
)
# words of a body's name, or of the kind of document before the initials ('Serious Case
# Reviews LSCB Regulations'): no place
_BODY_WORDS = {
    "Safeguarding", "Children", "Childrens", "Board", "Boards", "Partnership", "Local",
    "Review", "Reviews", "Case", "Cases", "Serious", "Practice", "Regulations",
}  # fmt: skip
_NOT_PLACE = {"The", "This", "That", "Each", "Every", "Local", "Our", "Their", "A", "An", "Of"}


def _board_by_initials(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines:
        for found in _BOARD_INITIALS.finditer(line.text):
            place = found.group(1).split()
            while place and place[0] in _NOT_PLACE:
                place.pop(0)
            before = line.text[: found.start()]
            if re.search(r"(?i)\b(?:from|at|of|with|and|to)\s+(?:the\s+)?$", before):
                continue  # where someone works ('Jo Bloggs from Northvale LSCB'), or one of many
            if _BODY_WORDS & set(place) or not place or place[-1] in {"and", "&"}:
                continue
            if not names_only(" ".join(place)):
                return f"{' '.join(place)} {found.group(2)}", line
    return None


def _lower_case_body(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines:
        found = _LOWER_CASE_BODY.search(line.text)
        name = f"{found.group(1)}{found.group(2).title()}".replace("’S", "’s") if found else ""
        if found and not _GENERIC.match(name) and not re.match(r"(?i)(?:the|a|an|by|of)\s", name):
            return name, line
    return None


def _annual_report_of(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines[:40]:
        found = _ANNUAL_REPORT_OF.match(line.text)
        if found and not is_sentence(found.group(1)):
            return found.group(1).strip(), line
    return None


def _with_joint(name: str, rest: str) -> str:
    """The name, and the second body that commissioned the review with it, if one follows."""
    second = _JOINT.match(rest)
    if second is None or second.group(1) in name or _GENERIC.match(second.group(1)):
        return name
    return f"{name}; {second.group(1)}"


def _panel_publishes(lines: list[FrontLine]) -> bool:
    return not any(_ABOUT_PANEL.search(line.text) for line in lines)


def publisher(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """The partnership, board or Panel that published the review, in full."""
    panel_publishes = _panel_publishes(lines)
    said = _acronym_that_published(lines[:25])
    if said:  # the page's own word on who published it comes first
        return said
    for line in lines:  # 'LSCB: X Safeguarding Children Board' on a repository cover sheet
        for found in LABELLED_PUBLISHER.finditer(line.text):
            name = _clean_publisher(found.group(1))
            if name and PARTNERSHIP_ANY_CASE.search(name):
                return name, line
    said_by = _board_said_to_publish(lines)
    if said_by:  # a board the page says published or commissioned it, before any other named
        return said_by
    for line in lines:  # 'Published by the NSPCC' standing alone on a cover sheet
        alone = _PUBLISHED_BY_LINE.match(line.text)
        if alone and not re.search(r"\d", alone.group(1)) and not names_only(alone.group(1)):
            return alone.group(1), line
    for index, line in enumerate(lines):
        # a name broken over two cover lines ('Bedford Borough Safeguarding' / 'Children Board')
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        # or prose wrapped inside the name ('a referral to the Northvale' / 'Safeguarding
        # Children Board on 3 May ...')
        broken = len(following.split()) <= 3 or _BODY_OPENS.match(following)
        joined = f"{line.text} {following}" if broken else line.text
        for text in (line.text, joined):
            for found in PARTNERSHIP_ANY_CASE.finditer(text):
                name = _clean_publisher(found.group(1), text[found.end() :])
                if name and not _AFFILIATION.search(text[: found.start()]):
                    return _with_joint(name, text[found.end() :] or f" {following}"), line
        panel = PANEL.search(line.text) if panel_publishes else None
        if panel and _PANEL_MEMBER.search(line.text[: panel.start()]):
            panel = None
        if panel:
            return re.sub(r"^(?:the|national)\s+", "", panel.group(0), flags=re.I).strip(), line
    named = (
        _lower_case_body(lines)
        or _annual_report_of(lines)
        or _named_in_prose(lines)
        or _body_that_reviewed(lines)
    )
    if named:
        return named
    short = _board_by_initials(lines) or _heading_organisation(lines)
    if short:
        return short
    for line in lines:  # '© Northvale Youth Trust 2014': the copyright holder published it
        holder = _COPYRIGHT_HOLDER.search(line.text)
        if holder and not re.match(r"(?i)crown\b", holder.group(1)):
            return holder.group(1).strip(" ,."), line
    return _acronym_that_published(lines)


_SAID_TO_PUBLISH = re.compile(
    r"(?i)\b(?:published|commissioned|produced|released)\s+(?:today\s+|jointly\s+)?by\s+(?:the\s+)?$"
)


def _board_said_to_publish(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A board's name straight after 'published by' or 'commissioned by': the page's own word
    on who made it outranks a board it names first for another reason ('X, who chairs the
    Westvale Board, said ...'). A board's name standing alone on a line above it is the cover's
    own publisher, which a sentence about a predecessor board or an earlier review's
    commissioner ('commissioned by the former X Board') does not outrank."""
    for line in lines[:40]:
        if is_board(line.text):
            return None
        for found in PARTNERSHIP_ANY_CASE.finditer(line.text):
            name = _clean_publisher(found.group(1), line.text[found.end() :])
            if not name:
                continue
            start = found.start() + found.group(1).find(name.split()[0])
            if _SAID_TO_PUBLISH.search(line.text[:start]):
                return _with_joint(name, line.text[found.end() :]), line
    return None


# A body with its initials that a sentence says carried out the review: 'The Northvale
# Learning and Review Committee (NLRC) undertook a review of ...'.
_NAME_OR_SMALL = r"(?:[A-Z][\w’'-]*|&|and|of|for|from|the|in)"
_BODY_THAT_REVIEWED = re.compile(
    rf"\b[Tt]he\s+([A-Z][\w’'-]*(?:\s+{_NAME_OR_SMALL}){{1,8}}?\s+"
    r"(?:Committee|Board|Partnership|Panel|Group))\s+\([A-Z]{2,6}\)\s+(?:has\s+|have\s+)?"
    r"(?:commissioned|implemented|undertook|undertaken|conducted|carried\s+out|completed)\s+"
    r"(?:a|an|this|the)\s+(?:[\w-]+\s+){0,3}?(?:review|report)\b"
)


def _body_that_reviewed(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines[:15]:
        found = _BODY_THAT_REVIEWED.search(line.text)
        if found and not _GENERIC.match(found.group(1)):
            return found.group(1), line
    return None


# A board named in brackets after a person ('Jo Bloggs, (Northvale Safeguarding Children
# Board)') is where a steering group member works, not the review's publisher.
_AFFILIATION = re.compile(r"[A-Z][a-z’'-]+,?\s*\($")
# A body known by its initials that a page says made the report: 'the NWSB commissioned a
# second review', 'The NHT have produced a report'. Initials of a generic board are no name.
_ACRONYM_SUBJECT = re.compile(
    r"\b[Tt]he\s+([A-Z]{3,6})\s+(?:has\s+|have\s+)?(?:commissioned|produced|published)\s+"
    r"(?:a|an|this|the)\s+(?:\w+\s+){0,2}(?:review|report|study|analysis|briefing)\b"
    # 'Today the NWCP have published Local Child Safeguarding Practice Review Sam', 'NWCP has
    # published a fuller document': a body by its initials says it published
    r"|(?:^|[.:]\s+|\b(?i:today|now)\s+)(?:[Tt]he\s+)?([A-Z]{3,6})\s+(?:has|have)\s+"
    r"(?:today\s+|now\s+|also\s+)?published\b"
)
_GENERIC_ACRONYMS = {"LSCB", "LSCP", "SCB", "SCP", "CSPR", "LCSPR", "SCR", "DHR", "RSB", "CSP"}


def _acronym_that_published(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines:
        for found in _ACRONYM_SUBJECT.finditer(line.text):
            name = found.group(1) or found.group(2)
            if name not in _GENERIC_ACRONYMS:
                return name, line
    return None


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s+)?"
    r"([A-Z][\w’'&.-]*(?:\s+(?:(?:and|of|for|the|in)\s+)*[A-Z][\w’'&.-]*){0,8})"
    r"\s*,?\s*(?:(?:19|20)\d\d)?\.?\s*(?:ISBN\b.*)?$"
)


_CONNECTORS = {"and", "of", "the", "&", "for", "upon", "on", "in", "le", "de"}


def _clean_publisher(name: str, after: str = "") -> str | None:
    """The board's name without the prose around it; `after` is the text following the name."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    # 'Jo Bloggs, Chair of the X Board', 'Sam and Kit in the X Board': the name after
    name = re.split(
        r"(?i)\b(?:chair(?:man|person)?|manager|member|director|head|officer|secretary)\s+of\s+"
        r"(?:the\s+)?|\b(?:in|by|from|at|with|to|under|for)\s+the\s+",
        name,
    )[-1]
    # 'Jo Bloggs, the Northvale Safeguarding Children Partnership's chair, said': the body
    head, comma_the, tail = name.partition(", the ")
    if comma_the and names_only(head):
        name = tail
    # prose ends at a comma before the name ('Today, Northvale ...', 'Jo Bloggs, Northvale
    # ... chair', 'On Monday, ...'), unless the words before it are one of several places
    # the name lists ('Aston, Bede and Cole Safeguarding Children Board', 'Upper Aston, Bede
    # and Cole ...')
    head, comma, tail = name.rpartition(", ")
    if comma and not _listed_place(head, tail, after):
        name = tail
    name = _LEADING.sub("", name)
    # 'Northvale County Council’s Northvale Safeguarding Children Board': the board is named
    # after its council's possessive
    owner, _, board = re.sub(r"[’']s\s+(?=[A-Z])", "\x00", name).rpartition("\x00")
    if (
        owner
        and not re.search(r"(?i)\bchild(?:ren)?$", owner)  # 'Safeguarding Children’s Board'
        and len(board.split()) >= 3
        and not re.match(r"(?i)safeguarding\b", board)
    ):
        name = board
    # a title run into the name ('Child H – Local Child Safeguarding Practice Review Northvale
    # Safeguarding Partnership'): the name starts after the kind of document
    name = re.split(r"(?i)\b(?:review|report|briefing|summary)\b[\s:–-]*", name)[-1] or name
    # a name starts with a capital ('Kent', 'North Wales', 'KENT'); words before it are prose
    words = name.split()
    # prose before the name ('Practice briefing for Kent …'): start after its last plain word
    plain = [i for i, w in enumerate(words) if w[:1].islower() and w not in _CONNECTORS]
    if plain:
        words = words[plain[-1] + 1 :]
    while words and not words[0][:1].isupper():
        words.pop(0)
    name = " ".join(words)
    generic = r"(?i)^(?:the )?(?:local |regional |children(?:'s|’s)? )*safeguarding"
    if not name or re.match(generic, name):  # no place: 'the Regional Safeguarding Board'
        return None
    return name


# Words that open a sentence, not a place: when something happened, or how it follows on.
_PROSE_OPENERS = {
    "today", "yesterday", "tonight", "now", "recently", "currently", "previously", "earlier",
    "later", "meanwhile", "however", "also", "additionally", "furthermore", "moreover",
    "finally", "instead", "separately", "subsequently", "since", "then", "overall",
    *WEEKDAY_NAMES,
}  # fmt: skip


# What follows a person's name before the body they speak for or lead ('Jo Bloggs, Northvale
# Safeguarding Children Partnership chair, said'): the person's role or their speech.
_ROLE_OR_SPEECH_AFTER = re.compile(
    r"(?i)^\s*(?:[’']s\s+)?(?:\w+\s+)?(?:chair\w*|chief|manager|director|lead|member|officer|"
    r"spokes\w+|said|says|told|added)\b"
)


def _listed_place(head: str, tail: str, after: str = "") -> bool:
    """Whether the words before a comma are a place listed with the places after it: kept
    unless they open a sentence ('Today, ...', 'On Monday, ...') or are a person whose role or
    speech follows the name."""
    last = head.rpartition(", ")[2].split()
    while last and last[0][:1].islower():  # 'published by the Aston & Bede, Cole and ...'
        last.pop(0)
    return (
        1 <= len(last) <= 5
        and all(word[:1].isupper() or word in {"&", "and", "upon", "on", "of"} for word in last)
        and last[0][:1].isupper()
        and not {word.lower() for word in last} & (_PROSE_OPENERS | set(MONTH_NAMES))
        and not (names_only(" ".join(last)) and _ROLE_OR_SPEECH_AFTER.match(after))
        and bool(re.search(r"\s(?:and|&)\s", tail))
    )


def is_board(text: str) -> bool:
    """A line that is only a partnership or board name."""
    found = PARTNERSHIP_ANY_CASE.search(text) or _BOARD_INITIALS.fullmatch(text.strip())
    return found is not None and len(text) - len(found.group(0)) < 4


# A body that is not a board, named in a sentence or a source line as the one that published
# or commissioned the review: 'the report, published by Northvale Council, found',
# 'an inquiry commissioned by the charity Help for Kids', 'Source: Department for Health',
# 'Report by the Schools Ombudsman', 'a new report from the Northvale Trust'.
_ORG_WORD = (
    r"(?:Council|Safeguarding|Board|Partnership|Trust|Department|Ombudsman|Committee|Panel|"
    r"Services?|University|Commission(?:er)?|Inspectorate|Agency|Office|Government|Authority|"
    r"Foundation|Society|Children|Executive|Institute|Centre|England|Wales)"
)
_ORG = r"(?P<org>(?:[A-Z][\w&’'-]*|NHS)(?:\s+(?:of|for|and|the|&|on|in|[A-Z][\w&’'-]*)){0,8})"
_PROSE_PUBLISHER = re.compile(
    r"(?i:\b(?P<published>published|issued|released)\s+(?:today\s+)?by|^(?P<source>source|publisher)\s*[:|]|"
    r"\b(?P<commissioned>commissioned|produced)\s+(?:jointly\s+)?by|"
    r"\b(?:report|review|investigation|briefing)\s+(?:by|from)(?=\s+the\b))"
    rf"\s+(?i:the\s+)?(?i:charity\s+)?{_ORG}",
    re.M,
)
_GENERIC = re.compile(r"(?i)^(?:local |regional |children(?:'s|’s)? )*safeguarding\b")


def _named_in_prose(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """The body a sentence says published the review, else commissioned it, else wrote it."""
    found_names: list[tuple[int, int, str, FrontLine]] = []
    for index, line in enumerate(lines):
        text = line.text
        if re.search(r"\b(?:by|from)(?:\s+the)?$", text) and index + 1 < len(lines):
            text = f"{text} {lines[index + 1].text}"  # prose wrapped at the page's width
        for found in _PROSE_PUBLISHER.finditer(text):
            name = re.sub(r"(?:\s+(?:of|for|and|the|&|on|in))+$", "", found.group("org"))
            if names_only(name) or _GENERIC.match(name) or name in _GENERIC_ACRONYMS:
                continue  # a person ('commissioned by Jo Bloggs'), or no body named ('the LSCB')
            # a body's name, or any name followed by its initials ('the Safer Homes Programme
            # (SHP)')
            initials = re.match(r"\s*\([A-Z]{2,6}\)", text[found.end() :])
            if re.search(rf"\b{_ORG_WORD}\b|\b[A-Z]{{3,}}\b", name) or (
                initials and len(name.split()) >= 2
            ):
                rank = (
                    0
                    if found.group("published") or found.group("source")
                    else 1
                    if found.group("commissioned")
                    else 2
                )
                found_names.append((rank, index, name, line))
    if not found_names:
        return None
    _, _, name, line = min(found_names, key=lambda item: item[:2])
    return name, line


# An organisation named on a heading line of the page, not in its prose: the site's header
# 'Office for Fair Schooling (Offs)', or a subtitle 'A thematic report of Offs’s evaluation of
# ...'. The short name it goes by is the publisher.
_HEADER_ORGANISATION = re.compile(
    r"^(?:[A-Z][\w’'-]*|of|for|and|the|in|&)(?:\s+(?:[A-Z][\w’'-]*|of|for|and|the|in|&)){1,8}"
    r"\s+\(([A-Z][A-Za-z]{2,9})\)$"
)
_MAKERS_WORK = re.compile(
    r"\b(?:report|summary|analysis)\s+of\s+([A-Z][A-Za-z]{2,12})[’']s\s+"
    r"(?:evaluation|analysis|review|inspection)s?\b"
)


def _heading_organisation(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines[:6]:
        if is_sentence(line.text):
            continue
        found = _HEADER_ORGANISATION.match(line.text.strip()) or _MAKERS_WORK.search(line.text)
        if found and found.group(1) not in _GENERIC_ACRONYMS:
            return found.group(1), line
    return None
