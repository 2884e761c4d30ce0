"""The title block: a labelled title, else the first line naming a kind of review or report,
with the lines that carry on from it."""

from __future__ import annotations

import re

from ingest.front.author import AUTHOR_LABEL, ORGANISATION_WORD, is_credit, names_only
from ingest.front.dates import DATE_DAY, DATE_MONTH, date_in
from ingest.front.kinds import REVIEW_TYPES
from ingest.front.lines import REPORTING, FrontLine, is_paragraph, is_sentence
from ingest.front.publisher import LABELLED_PUBLISHER, PANEL, PARTNERSHIP_ANY_CASE, is_board

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
# a child's pseudonym alone on a cover line, in any case ('Child Oswin', 'CHILD G'), its
# footnote mark run on ('Young Person Jay1')
_CHILD_LINE = re.compile(r"^(?i:Child|Baby|Infant|Young Person)\s+[A-Z][\w’'-]*?\d?$")
_LABELLED_TITLE = re.compile(
    r"^title\s*[:\-–]\s*(.+?)(?=\s+(?:LSCB|LSCP|author|date|publisher)\s*[:\-–]|$)", re.I
)


# A verb phrase that makes a line a statement: a modal and its verb ('should be reported',
# 'must not share', 'can be referred'); a relative clause's ('children who may be at risk')
# describes a noun and a quoted one ('review finds death "could have been prevented"') is a
# headline's quotation.
_MODAL_VERB = re.compile(
    r"(?<![‘'\"“])(?<!\bwho )(?<!\bthat )(?<!\bwhich )(?<!\bwhere )"
    r"\b(?:should|must|shall|will|would|can|could|may|might)\s+(?:not\s+)?"
    r"(?:also\s+|only\s+|always\s+|never\s+|then\s+)?(?:be|have|[a-z]{3,})\b"
)


# A title that names its subject as a question or its lessons: 'How teams can ...', 'What
# staff should know about ...', 'Lessons from ...'. A clause before a comma ('When a child
# tells, staff must ...') opens a statement.
_QUESTION_OR_LESSONS = re.compile(
    r"^[‘'\"“]?(?:(?:how|what|why|when|where|who|which)\b[^,;]*$|(?:learning|lessons) from\b)",
    re.I,
)


def reads_as_sentence(text: str) -> bool:
    """A line that states something rather than naming a document: prose closed by a full
    stop (`is_sentence`), or a long line, mostly in lower case, with a modal verb outside any
    quotation ('Any concerns raised at screening should be passed straight to the police'). A
    question, a title in two parts about a colon, or one opening with a question word or
    'Learning from' / 'Lessons from' is none."""
    text = text.strip()
    if text.endswith("?") or ": " in text:
        return False
    if _QUESTION_OR_LESSONS.match(text) and not text.endswith("."):
        return False
    if text.endswith(".") and is_sentence(text):
        return True
    words = text.split()
    lower = sum(1 for word in words if word[:1].islower())
    unquoted = re.sub(r"[‘\"“][^’\"”]*[’\"”]", " ", text)
    return len(words) >= 12 and lower >= len(words) / 2 and bool(_MODAL_VERB.search(unquoted))


PSEUDONYM_LINE = re.compile(
    r"\b(?i:child|baby|infant|young person|family|children)\s+[A-Z]{1,2}\d{0,2}\b|^[‘'\"]"
)


def title(lines: list[FrontLine], body: str, pseudonym: re.Pattern[str]) -> FrontLine | None:
    """The title block, or the report's own title when a news headline quotes it ('New
    briefing on X published' over 'The paper, titled X, ...')."""
    found = _title_block(lines, body, pseudonym)
    if found is None or _SUBTITLE.match(found.text.strip(" :.")):
        return None  # a section heading alone ('Executive Summary') names no document
    for line in lines[:12]:
        for named in _TITLED.finditer(line.text):
            own = named.group(1).strip()
            headline = found.text.lower()
            if len(own.split()) >= 3 and own.lower() in headline and own.lower() != headline:
                return FrontLine(found.page, own)
    return found


# 'The report, titled Keeping Babies Safe, sets out ...'
_TITLED = re.compile(
    r"\b(?:titled|entitled)\s+[‘'\"“]?([A-Z][^.,;:\"”’‘“]{5,150}?)[’'\"”]?(?=[,.;:]|\s+(?:aims|sets|is|was|looks|has)\b)"
)


def _title_block(lines: list[FrontLine], body: str, pseudonym: re.Pattern[str]) -> FrontLine | None:
    """The title block: a labelled title, else the first line naming a kind of review or report
    (not a running header, address, appendix label or lone board name) with the lines that
    carry on from it ('In respect of', the child's pseudonym, 'Overview report')."""
    for line in lines[:30]:
        found = _LABELLED_TITLE.match(line.text)
        if found:
            return FrontLine(line.page, found.group(1).strip(" .;"))
    # the title stands above the text: nothing after the first paragraph of prose is a title
    top = lines[:40]
    first_paragraph = next(
        (
            i
            for i, line in enumerate(top)
            if _opens_prose(line.text) and not _SHEET.search(line.text)
        ),
        len(top),
    )
    candidates = [
        (index, _without_leading_board(_LINK_WORDS.sub("", _cover_run_title(line.text))))
        for index, line in enumerate(top[:first_paragraph])
    ]
    anchors = [
        (i, text)
        for i, text in candidates
        if _title_anchor(text, body, pseudonym)
        and (not (is_sentence(text) or reads_as_sentence(text)) or _colon_title(text))
        and not _prose_line(text, cover=True)
    ]
    if not anchors and first_paragraph == len(top):
        # prose wrapped at the page's width has no long line: its first sentence line opens it
        wrapped = next(
            (
                i
                for i, line in enumerate(top)
                if is_sentence(line.text) and len(line.text.split()) >= 10
            ),
            None,
        )
        if wrapped:  # at 0 the page opens with prose: nothing above it to take as a title
            first_paragraph, candidates = wrapped, candidates[:wrapped]
    if not anchors and candidates and 0 < first_paragraph < len(top):
        # a web page's headline over its first paragraph, below its byline or dateline
        index, headline = next(
            (
                (i, text)
                for n, (i, text) in enumerate(candidates)
                if not is_credit(text)
                and not (_section_label(text) and n + 1 < len(candidates))
                and not _CAPTION.search(text)
                and not (_page_furniture(text) and n + 1 < len(candidates))
            ),
            (0, ""),
        )
        if (
            3 <= len(headline.split()) <= 30
            and not headline.endswith(".")
            and not is_credit(headline)
            and not (headline.endswith("?") and len(headline.split()) > 15)  # a member's question
            and not _prose_line(headline)
            and not reads_as_sentence(headline)
        ):
            return FrontLine(lines[index].page, _unquoted(headline))
    # a line naming a kind of review or report beats a site name or tagline above it
    # (a title broken mid-phrase over several lines may name its kind on its last line)
    strong = [
        (i, text)
        for i, text in anchors
        if i < 10
        and (
            _strong(text)
            or (
                i + 1 < len(lines)
                and _runs_on(lines[i + 1].text)
                and _strong(_block(lines, i, text, body).text)
            )
        )
        and not _SUBTITLE.match(text)
    ]
    if not anchors:
        return _under_publisher(lines[:first_paragraph], body)
    chosen = strong or anchors
    first = _block(lines, *chosen[0], body)
    if _is_label(first.text):
        # a bare label ('Serious Case Review' over a repository's reference number): the same
        # label heading a fuller block further down the cover is the title
        for index, text in [anchor for anchor in anchors if anchor[0] > chosen[0][0]][:4]:
            block = _block(lines, index, text, body)
            if first.text.lower() in block.text.lower() and not _is_label(block.text):
                return block
    return first


_READING_TIME = re.compile(r"(?i)\breading time\b|\b\d+\s*min(?:ute)?s?\s+read\b")


# A line of the page's prose, not a headline: a sentence wrapped at the page's width (it stops
# on a small word: '... carried out a review of the care given to Robin in'), the page speaking
# of itself ('We commissioned ...', 'This briefing sets out ...'), an agenda item's purpose ('To
# seek approval of ...', 'Purpose of report: to advise ...'). No headline of the 176 real
# openings has any of these forms.
_SELF_SPEECH = re.compile(
    r"^(?:(?:We|Our)\s|This\s+(?:briefing|report|review|page|document|summary|paper|leaflet|"
    r"presentation)\s+[a-z]+s\b)"
)
# an agenda item's purpose, bare or after its label ('Purpose of report: to advise ...')
_PURPOSE = re.compile(
    r"^(?:(?i:purpose(?:\s+of\s+(?:the\s+|this\s+)?(?:report|paper|item))?)\s*:\s*)?[Tt]o\s+"
    r"(?:update|inform|advise|provide|seek|consider|note|agree|approve|present|share)\b"
)
_WRAPPED = re.compile(
    r"\b(?:to|the|of|a|an|and|or|in|on|by|for|with|that|which|at|from|was|were|is|are)$"
)


def _prose_line(text: str, cover: bool = False) -> bool:
    """A line of prose; on a cover, where a title may break mid-phrase ('The Overview Report
    into the' / 'Circumstances of Child Robin'), only the page speaking of itself or a purpose.
    A title in two parts about a colon ('We must talk about bruising: a thematic review') is
    no page speaking of itself."""
    text = text.strip()
    if len(text.split()) < 6:
        return False
    if (_SELF_SPEECH.search(text) and ":" not in text) or _PURPOSE.search(text):
        return True
    return not cover and bool(_WRAPPED.search(text))


def _page_furniture(text: str) -> bool:
    """A line a web page prints above its headline that is no headline: a label of one or two
    words ('Latest news', 'Download PDF'), a date with a word or two of label ('Last updated
    3 May 2022'), a reading time (a reporter's credit is `is_credit`)."""
    words = text.split()
    if len(words) <= 2 or _READING_TIME.search(text):
        return True
    if not date_in(text):
        return False
    rest = DATE_DAY.sub(" ", DATE_MONTH.sub(" ", text))
    return len(re.findall(r"[A-Za-z]+", rest)) <= 3


def _runs_on(text: str) -> bool:
    """A line that carries a title on rather than starting one of its own: it opens in lower
    case ('from reviews of ...'), does not open with a kind of review, or is only a short kind
    that ends the phrase above ('Learning From Serious' / 'Case Reviews')."""
    return (
        text[:1].islower()
        or not any(pattern.match(text) for _, pattern in REVIEW_TYPES[:-1])
        or (_is_label(text) and len(text.split()) <= 3)
    )


def _strong_kind(text: str) -> bool:
    return any(pattern.search(text) for _, pattern in REVIEW_TYPES[:-1])


def _strong(text: str) -> bool:
    return bool(_STRONG_TITLE.search(text) or any(p.search(text) for _, p in REVIEW_TYPES[:-1]))


def _block(lines: list[FrontLine], index: int, text: str, body: str) -> FrontLine:
    """The title block that starts at a line, with the lines that carry on from it."""
    line = lines[index]
    parts = [_cover_run_title(text)]
    before = lines[index - 1].text if index else ""
    same_page = index > 0 and lines[index - 1].page == line.page
    if same_page and (_CHILD_LINE.match(before) or _leads_on(before) or _SUBTITLE.match(before)):
        parts.insert(0, before)  # 'Child Oswin', 'Seen and heard:' or 'Overview Report' over it
    elif same_page and _BARE_KIND.match(line.text.strip()) and _title_above(before, body):
        parts.insert(0, f"{before}:")  # 'Signs of harm at the school gate' over 'A case study'
    elif (
        same_page
        and index >= 2
        and len(before.split()) <= 4
        and _FUNCTION_END.search(before)
        and _SUBTITLE.match(lines[index - 2].text)
        and lines[index - 2].page == line.page
    ):
        parts[:0] = [lines[index - 2].text, before]  # 'The Overview Report' / 'into a' over it
    board_rest = ""  # the second line of a board's name broken over two cover lines
    for number, following in enumerate(lines[index + 1 : index + 8], start=index + 1):
        if following.page != line.page:
            break
        if following.text == board_rest:
            continue
        below = lines[number + 1].text if number + 1 < len(lines) else ""
        if (
            len(parts) > 1
            and re.fullmatch(r"(?i)for|by", parts[-1].strip())
            and len(below.split()) <= 3
            and is_board(f"{following.text} {below}")
        ):
            # 'for' / 'NORTHVALE SAFEGUARDING' / 'CHILDREN BOARD' inside the block: the publisher
            # printed between the kind and the child, looked past
            board_rest = below
            parts.pop()
            continue
        if not _carries_on(parts, following.text, body):
            break
        looked_past = _SKIP.match(following.text) or is_board(following.text)
        if not looked_past and not date_in(following.text):
            parts.append(following.text)
    parts = [
        re.sub(r"(?<=[a-z])\d$", "", part) if _CHILD_LINE.match(part) else part for part in parts
    ]
    joined = _unquoted(re.sub(r"\s+", " ", " ".join(parts)))
    joined = re.sub(r"\b((?:19|20)\d\d)((?:19|20)\d\d)\b", r"\1-\2", joined)  # '20092010'
    return FrontLine(line.page, joined[:300])


# A line that is only an article and a kind of document ('A case study', 'A thematic review'):
# the title it belongs to stands on the line above.
_BARE_KIND = re.compile(
    r"(?i)^(?:an?|the)\s+(?:case study|thematic review|serious case review|learning review|"
    r"briefing|review|report|summary|overview)$"
)


# A news site's section or region over its headline ('News', 'North & West Wales'), or the
# board's name over its news item: capitalised words only, no headline.
_SECTION_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*,?|&|and|of|the)$")


def _section_label(text: str) -> bool:
    words = text.split()
    return is_board(text) or (
        1 <= len(words) <= 4
        and all(_SECTION_WORD.match(word) for word in words)
        and not PSEUDONYM_LINE.search(text)
    )


def _under_publisher(lines: list[FrontLine], body: str) -> FrontLine | None:
    """A cover that opens on its publisher's name alone (a board, the Panel) and names no kind
    of review: the title is the short line below it, with its subtitle ('The hidden men' /
    'Keeping babies safe from injury')."""
    if len(lines) < 2 or not (is_board(lines[0].text) or PANEL.fullmatch(lines[0].text.strip())):
        return None
    parts = [line.text for line in lines[1:3] if _title_above(line.text, body)]
    if not parts or parts[0] != lines[1].text:
        return None
    if len(parts) == 2 and parts[1] != lines[2].text:
        parts = parts[:1]
    return FrontLine(lines[1].page, ": ".join(parts))


def _title_above(text: str, body: str) -> bool:
    """A short line that reads as a title: no sentence, name, date, board or site line."""
    words = text.split()
    return (
        2 <= len(words) <= 16
        and text[:1].isupper()
        and not text.endswith((".", ":"))
        and not is_sentence(text)
        and not reads_as_sentence(text)
        and not is_board(text)
        and not date_in(text)
        and not names_only(text)
        and not AUTHOR_LABEL.search(text)
        and not ORGANISATION_WORD.search(text)  # a site's or a council's name
        and len(re.findall(rf"(?m)^\s*{re.escape(text)}\s*$", body)) < 3
    )


def _unquoted(text: str) -> str:
    """A title in quotation marks without them; a name quoted at its end keeps its marks."""
    text = text.strip()
    if len(text) > 1 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text.strip('"') if text.count('"') == 1 else text


_STRONG_TITLE = re.compile(
    r"\b(?:review|report|briefing|analysis|inquiry|audit|evaluation)s?\b", re.I
)
# lower case only: 'Child A' does not end in the article 'a'
_FUNCTION_END = re.compile(
    r"(?:[:–—-]|&|\b(?:of|and|for|in|on|the|a|an|to|with|from|into|by|about|"
    r"(?i:concerning|regarding|respecting|involving)))\s*$"
)
# the same small words in a cover set in capitals ('REVIEW CONCERNING THE'); a two-letter one
# after a child's label is its initials ('CHILD AN'), and a lone 'A' ends 'CHILD A'
_CAPITAL_FUNCTION_END = re.compile(
    r"(?<!\bCHILD )(?<!\bBABY )(?<!\bFAMILY )(?<!\bINFANT )(?<!\bPERSON )"
    r"\b(?:OF|AND|FOR|IN|ON|THE|TO|WITH|FROM|INTO|BY|ABOUT|CONCERNING|REGARDING|RESPECTING|"
    r"INVOLVING)\s*$"
)


def _ends_mid_phrase(text: str) -> bool:
    """A title line that stops on a small word ('into the', 'RELATING TO THE'): the title
    goes on below."""
    if _FUNCTION_END.search(text):
        return True
    return (
        text.upper() == text and len(text.split()) >= 3 and bool(_CAPITAL_FUNCTION_END.search(text))
    )


# 'Overview Report into the death of ...' under the kind of review
_REPORT_INTO = re.compile(
    r"(?i)^(?:the\s+)?(?:overview\s+|executive\s+|final\s+|full\s+)?(?:summary\s+)?report\s+"
    r"(?:into|of|on|in respect of|relating to|concerning|regarding)\b"
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*(?:[-–/]|to)\s*(?:19|20)?\d\d$")


# A repository's cover sheet in front of the review's own cover: its notices are not prose
_SHEET = re.compile(
    r"\bPublished by the NSPCC\b|\bon behalf of an unnamed\b|\bdoes not constitute endorsement\b"
    r"|\bCopyright of this report remains\b|\bdeposited by the publishing\b",
    re.I,
)
_CAPTION = re.compile(
    r"(?i)(?:\b(?:cover )?(?:image|photo|picture)\s*$|^(?:image|photo|credit)\s*:"
    # the same in Welsh, on Welsh news pages: 'Llun: ...', 'Ffynhonnell y llun'
    r"|\b(?:Credit|Picture|Llun)\s*:|\bffynhonnell y llun\b)"
)
_CONTENTS = re.compile(r"\b(?:CONTENTS|Contents|Table of contents|Index)\b")
_DATE_WORDS = re.compile(r"\b(?:Published|Publication date|Date of publication|Date)\s*[:\-–]")


def _cover_run_title(text: str) -> str:
    """A whole cover run together on one line ('Serious Case Review Child R Overview Report
    Lead Reviewer Jo Bloggs 11 January 2016'): the title is what comes before the author
    or the date, or the contents list it runs into."""
    if len(text.split()) <= 12:
        return text
    starts = (AUTHOR_LABEL, DATE_DAY, DATE_MONTH, _CONTENTS, _DATE_WORDS)
    ends = [found.start() for found in (pattern.search(text) for pattern in starts) if found]
    cut = min(ends, default=len(text))
    text = text[:cut].strip(" ,;:-–") if cut > 10 and len(text[:cut].split()) >= 3 else text
    # a web page's heading run into its standfirst: 'Young carers: what reviews teach Key
    # messages of the reviews for ...'
    standfirst = re.search(r"(?<=[a-z]) (?:Summary|Overview|Key (?:messages|findings)) of\b", text)
    if standfirst and len(text[: standfirst.start()].split()) >= 5:
        text = text[: standfirst.start()]
    return re.sub(r"(?i)\s+(?:final\s+)?(?:report\s+)?for publication$", "", text)


def _opens_prose(text: str) -> bool:
    """A paragraph of prose; a cover run together with its first paragraph is not one until
    its cover lines are cut off, a sentence that merely names a date is one throughout."""
    cover = _cover_run_title(text)
    # a cut that stops on a small word ('... began a review of Rory in' / 'May 2023. ...')
    # fell inside a sentence
    return is_paragraph(text) and (
        cover == text or bool(REPORTING.search(cover)) or bool(_FUNCTION_END.search(cover))
    )


def _leads_on(text: str) -> bool:
    """A line that ends by leading into the next ('Seen but not heard:')."""
    return 2 <= len(text.split()) <= 14 and text.rstrip().endswith(":") and text[0].isupper()


def _carries_on(parts: list[str], text: str, body: str) -> bool:
    """Whether a line below the title's first line is still part of the title (or a cover
    line to look past: a date, a board name, a confidentiality mark)."""
    words = len(text.split())
    if _SKIP.match(text) or is_board(text) or (date_in(text) and words <= 6):
        return True
    if _SECTION_HEADING.match(text):
        return False  # the document's first section ('Contents', '1. Introduction') begins
    if len(re.findall(rf"(?m)^\s*{re.escape(text)}\s*$", body)) >= 3 or parts[0] in text:
        return False  # a running header, or the title printed again
    if _ends_mid_phrase(parts[-1]) and words <= 16 and len(parts[-1].split()) <= 14:
        return True  # 'Building on the learning from reviews:' / 'a two-year analysis'
    if _YEAR_RANGE.match(text) or (text[:1].islower() and words <= 12):
        return True
    if _broken_off(parts, text, body):
        return True  # 'Independent Inquiry into Child Abuse' / 'in Northvale'
    if len(parts) <= 2 and _is_label(parts[0]) and _names_more(text):
        return True  # 'Knowledge Bite' / 'Key messages from ...': a label over its title
    return words <= 12 and bool(
        _CONNECTOR.match(text)
        or _SUBTITLE.match(text)
        or _REPORT_INTO.match(text)
        or (PSEUDONYM_LINE.search(text) and words <= 8)
        or _CHILD_LINE.match(text)
        or (
            words <= 8
            and not text.endswith(".")
            and re.search(r"\breviews?\b", text, re.I)
            and not AUTHOR_LABEL.search(text)
            and not PANEL.search(text)
            # below a long headline, a line naming no kind of review is its standfirst
            # ('Review leads to better joint working')
            and (len(" ".join(parts).split()) < 8 or _strong_kind(text))
        )
    )


def is_section_heading(text: str) -> bool:
    """'Contents', '1. Introduction', 'Glossary': a section's heading, which names no document."""
    return bool(_SECTION_HEADING.match(text.strip()))


# The heading of a document's first section, never part of its title.
_SECTION_HEADING = re.compile(
    r"(?i)^(?:\d{1,2}\.?\s+)?(?:contents|table of contents|index|introduction|foreword|preface|"
    r"glossary|acknowledge?ments|background|terms of reference|abbreviations)\s*:?$"
)


def _broken_off(parts: list[str], text: str, body: str) -> bool:
    """A title line broken mid-phrase ('Independent Inquiry into Child Sexual') and its
    short continuation ('Exploitation in Northvale')."""
    first = parts[-1]
    return (
        len(parts) == 1
        and 4 <= len(first.split()) <= 10
        and len(text.split()) <= 6
        and not _is_label(first)
        and not _STRONG_TITLE.search(first.split()[-1])
        and not re.search(r"[.:;,!?)]$", first)
        and bool(re.search(r"\s(?:into|of|for|from|about|on|in|with)\s", first))
        and not PSEUDONYM_LINE.search(first)
        and not PARTNERSHIP_ANY_CASE.search(text)
        and ":" not in text  # a labelled line ('Commissioned from: ...')
        and _title_above(text, body)
        and not _STRONG_TITLE.search(text)
        and not PSEUDONYM_LINE.search(text)
    )


def _is_label(text: str) -> bool:
    """A line that is only the name of a kind of review or a series ('Serious Case Review',
    'Thematic Review', 'Knowledge Bite'): the title it heads follows it."""
    for _, pattern in REVIEW_TYPES:
        found = pattern.search(text)
        if found:
            before = text[: found.start()].strip(" -–:")
            after = text[found.end() :].strip(" -–:")
            return before.lower() in {"", "a", "the"} and not after
    return False


def _names_more(text: str) -> bool:
    """A short line that can carry a label's title on: not prose, a name, a date or a label."""
    return (
        len(text.split()) <= 10
        and text[:1].isupper()
        and not text.endswith(".")
        and not is_sentence(text)
        and not reads_as_sentence(text)
        and not AUTHOR_LABEL.search(text)
        and not _DATE_WORDS.search(text)
        and not re.match(r"(?i)^(?:no|ref|reference|number)\b", text)
        and not re.match(r"^[\w ’'-]{1,30}:\s*\S", text)  # 'Independent Chair: Pat Lowe'
        and not names_only(text)  # the author's name under the title, without its label
    )


def _title_anchor(text: str, body: str, pseudonym: re.Pattern[str]) -> bool:
    words = text.split()
    opens = any(pattern.match(text) for _, pattern in REVIEW_TYPES[:-1]) or re.match(
        r"(?i)(?:an? |the )?(?:serious case|child practice|learning|rapid) review", text
    )
    long_title = _colon_title(text)
    if (
        not re.search(r"[A-Z]", text)
        or not words
        or len(words) > (30 if opens or long_title else 20)
    ):
        return False
    if text[0].islower() or (text.endswith(".") and len(words) > 8):
        return False
    if _APPENDIX.match(text) or _ADDRESS.search(text) or _SKIP.match(text):
        return False
    if re.match(r"^\d{1,2}\.(?:\d{1,2}\b|\s+[A-Z])", text):
        return False  # a numbered paragraph or section heading ('2. Why we looked'), no cover line
    if AUTHOR_LABEL.match(text) or LABELLED_PUBLISHER.match(text):
        return False
    if len(re.findall(r"(?:^|\s)\d{1,2}\.?\s+[A-Z]", text)) >= 2 or re.search(
        r"\bpage \d", text, re.I
    ):
        return False  # a run-together contents list
    if len(re.findall(rf"(?m)^\s*{re.escape(text)}\s*$", body)) >= 3:
        return False  # a running header, printed on every page
    if re.search(r"\s\d{1,3}$", text) and (re.match(r"^\d", text) or len(words) <= 6):
        return False  # a contents entry ('1. Why this review 4', 'Executive summary 6')
    code = re.search(r"\b[A-Z]{2,}-?[A-Z]*\d{2,}\b", text)
    # a series label ('Research Report RR-104'), not a child's code after the kind of review
    # or its keyword ('SCR KM12', 'Child KM12')
    named = code and re.search(
        r"\b(?:SCR|L?CSPR|CPR|(?i:child|baby|family|review))\s+$", text[: code.start()]
    )
    if len(words) <= 4 and code and not named:
        return False
    if re.search(r"\b(?:said|says|added|explained|told)\s*:?\s*$", text):
        return False  # a quotation's introduction
    if _CAPTION.search(text) or len(
        re.findall(rf"(?m)^{re.escape(text)}\n+{re.escape(text)}$", body)
    ):
        return False  # an image's caption ('... - report cover image'), printed twice on web pages
    without_board = PANEL.sub(" ", PARTNERSHIP_ANY_CASE.sub(" ", text))
    return bool(_TITLE_WORDS.search(without_board) or pseudonym.search(without_board))


def _colon_title(text: str) -> bool:
    """A research article's long title, its design after a colon ('What reviews of infant
    deaths share: a mixed-methods study'): no sentence."""
    head, colon, tail = text.rpartition(": ")
    return (
        bool(colon)
        and len(head.split()) >= 4
        and 1 <= len(tail.split()) <= 6
        and not text.endswith(".")
        and not REPORTING.search(tail)
        and bool(_TITLE_WORDS.search(tail) or re.search(r"(?i)\b(?:analysis|study|trial)\b", tail))
    )


def _without_leading_board(text: str) -> str:
    """'KENT SAFEGUARDING CHILDREN BOARD A SERIOUS CASE REVIEW ...': the title after the name;
    'Serious Case Review - Northvale LSCB', a hosting site's name for a copy: the title before."""
    head, dash, tail = text.rpartition(" - ")
    if dash and is_board(tail) and len(head.split()) >= 2:
        return head
    found = PARTNERSHIP_ANY_CASE.match(text)
    rest = text[found.end() :].lstrip() if found else ""
    if re.match(r"(?:publishes|published|releases|has\s+published|launches)\b", rest):
        return text  # a news headline: 'Northvale Safeguarding Partnership publishes review'
    if rest.startswith(":") and len(rest.split()) >= 4:
        return text  # 'NORTHVALE SAFEGUARDING PARTNERSHIP: THEMATIC REVIEW OF ...', an agenda item
    if found and len(text) - found.end() > 12 and not rest.startswith("("):
        return text[found.end() :].strip(" :-–")
    return text
