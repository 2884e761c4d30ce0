"""The kind of review: named in the title, else on the first lines that name one."""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.front.lines import FrontLine, is_sentence
from ingest.front.publisher import PANEL

# Most specific first: the first type named in the title wins, then the first line that names one.
REVIEW_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "other",
        re.compile(
            r"\bannual report\b|\binspection\b|\bfocused visit\b|\bsafeguarding adults? review\b"
            r"|\binquiry\b|\bcase study\b"
            r"|\bdomestic homicide review\b|\bbusiness plan\b|\bnewsletter\b"
            # a review of how a system or its bodies work, not of a child's case: 'A review of
            # the remit and duties of ...', 'Independent review of local partnership arrangements'
            r"|\breview of (?:the )?(?:[\w-]+ ){0,4}?(?:role|roles|functions|remit|duties"
            r"|implementation|operation|arrangements|effectiveness)\b",
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
            r"|\b(?:a )?study of\b|\blearning (?:the )?lessons bulletin\b",
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
            r"|\bchild safeguarding practice review\b(?!\s+panel)"
            r"|\b(?:local )?safeguarding practice review\b(?!\s+panel)",
            re.I,
        ),
    ),
    ("serious_case_review", re.compile(r"\b(?i:serious case review)\b|\bSCR\b")),
    (
        "learning_review",
        re.compile(
            r"\b(?:multi[- ]agency|partnership|single[- ]agency|local|practice|case|"
            # 'a safeguarding review' alone names no kind of review
            r"safeguarding(?= (?:learning|case|practice) )|lessons?)"
            r"\s+(?:learning |case |practice )?review\b(?!\s+panel)"
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
_TITLE_ONLY = {"guidance", "other"}
# A kind of review named as its process ('the child practice review guidance', Welsh
# 'cyfarwyddyd yr Adolygiad Ymarfer Plant'): no review is named.
_PROCESS_AFTER = re.compile(
    r"\s+(?i:guidance|process(?:es)?|framework|system|arrangements|procedures?|regime)\b"
)
_PROCESS_BEFORE = re.compile(r"(?i)\b(?:cyfarwyddyd|proses(?:au)?|fframwaith)\s+(?:yr?\s+)?$")


def _names_the_process(text: str, found: re.Match[str]) -> bool:
    return bool(
        _PROCESS_AFTER.match(text, found.end()) or _PROCESS_BEFORE.search(text[: found.start()])
    )


# A headline's shorthand for a review ('criticised in case review', 'publishes its
# Practice Review'): the kind the page names further down is the review's kind.
_SHORTHAND = {
    "case review",
    "practice review",
}  # named in passing in a review's opening, not its type
PRESS_RELEASE = re.compile(
    r"\bpress release\b|\bnotes to editors\b|\bpress office\b"
    r"|^Today (?:the|we)\b.{0,80}\bpublished\b",
    re.I | re.M,
)
# A title on several children's deaths and their lessons ('Deaths of children in custody:
# lessons learnt', 'Child deaths in care - learning lessons') names a thematic report.
_LESSONS_FROM_DEATHS = re.compile(
    r"(?i)\bdeaths\b.{0,60}\b(?:lessons?|learning)\b|\b(?:lessons?|learning)\b.{0,40}\bdeaths\b"
)
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
)
_ANNUAL_REPORT = re.compile(
    rf"(?i)\bpublished\s+its\s+(?:{_ORDINAL}\s+|latest\s+|new\s+)?annual report\b"
    rf"|(?:’|')s\s+{_ORDINAL}\s+annual report\b"
)
# Slides shown at a learning event: 'This presentation sets out ...', a heading that names
# the document 'Presentation(s)'.
_PRESENTATION = re.compile(r"(?im)^this presentation\b|^[^.\n]{0,60}\bpresentations?\s*$")
# A learning session's slides: its outcomes or aims over bullet points ('Session aims' / '• To
# ...'), or slides copied one to a line, each a short heading and its bullets ('Summary •
# First point • Second point').
_SESSION_AIMS = re.compile(
    r"(?im)^(?:learning outcomes|learning objectives|session (?:aims|objectives)|"
    r"aims(?: and objectives)?(?: of (?:the|this|today[’']?s) session)?)\s*\n\s*•"
)
_SLIDE_LINE = re.compile(r"(?m)^[A-Z][^.•\n]{2,60}?\??\s+•\s+\S[^\n]*•")


def _slides(text: str) -> str | None:
    """The words that show the opening lines are a learning session's slides, if they are."""
    aims = _SESSION_AIMS.search(text)
    if aims:
        return aims.group(0).split("\n")[0].strip()
    slides = _SLIDE_LINE.findall(text)
    return slides[0].split("•")[0].strip() if len(slides) >= 2 else None


CROWN_COPYRIGHT = re.compile(r"©\s*Crown copyright|\bCrown copyright\b", re.I)


def review_type(title: str | None, lines: list[FrontLine]) -> tuple[str, int, str] | None:
    """(type, page, words): named in the title, else the first front line that names one."""
    first_page = "\n".join(line.text for line in lines[:40])
    release = PRESS_RELEASE.search(first_page)
    announced = release and first_page[release.start() :].split("\n", 1)[0]
    if announced and any(
        pattern.search(announced) for name, pattern in REVIEW_TYPES if name not in _TITLE_ONLY
    ):
        release = None  # 'Today the board published its practice review ...': that review's kind
    if release:
        return "other", lines[0].page, release.group(0)
    opening = "\n".join(line.text for line in lines[:15])
    deck = _PRESENTATION.search(opening)
    if deck:  # a learning event's slides, whatever reviews they present: a briefing
        return "briefing", lines[0].page, deck.group(0).strip()
    slides = _slides(opening)
    if slides:
        return "briefing", lines[0].page, slides
    title = title and _singular(title)
    if title:  # the type named first in the title ('7-minute briefing: serious case review')
        named = [
            (found.start(), i, name, found.group(0))
            for i, (name, pattern) in enumerate(REVIEW_TYPES)
            if (found := pattern.search(title))
            # a headline's bare 'case review' is shorthand for some kind the page names below
            and found.group(0).lower() not in _SHORTHAND
            # 'reform of the serious case review system': the process, not a review
            and not _names_the_process(title, found)
        ]
        if named:
            _, _, name, words = min(named)
            briefing = [found for found in named if found[2] == "briefing"]
            if briefing:  # 'Child D: Briefing', 'Triennial analysis ...: practice briefing'
                return "briefing", 0, briefing[0][3]
            one = _one_case_in_plural(name, words, first_page)
            if one:
                return one[0], 0, one[1]
            thematic = _THEMATIC_OF_ONE_KIND.search(first_page)
            if name in _ONE_CASE and thematic:
                return "thematic_review", lines[0].page, thematic.group(0)
            return name, 0, words
    deaths = _LESSONS_FROM_DEATHS.search(title) if title else None
    if deaths:
        return "thematic_review", 0, deaths.group(0)
    opening = "\n".join(line.text for line in lines[:3])
    annual = _ANNUAL_REPORT.search(opening)
    if annual:  # a page about a body's annual report: 'has today published its third annual report'
        return "other", lines[0].page, annual.group(0)
    if lines and (PANEL.search(first_page) and CROWN_COPYRIGHT.search(first_page)):
        return "national_review", lines[0].page, "Crown copyright"
    itself = _said_of_itself(lines)
    if itself:  # 'this local child safeguarding practice review', whatever it names before
        return itself
    shorthand: tuple[str, int, str] | None = None
    another: tuple[str, int, str] | None = None
    for number, line in enumerate(lines):
        text = _singular(line.text)
        before = lines[number - 1].text if number else ""
        after = lines[number + 1].text if number + 1 < len(lines) else ""
        set_aside: list[tuple[int, int]] = []  # the words of another review: none of this one's
        for name, pattern in REVIEW_TYPES:
            if name in _TITLE_ONLY:
                continue
            for found in pattern.finditer(text):
                if _names_the_process(text, found):
                    continue  # the review process named, not a review: 'the CPR guidance says'
                if any(start < found.end() and found.start() < end for start, end in set_aside):
                    continue  # 'practice review' in 'a previous local safeguarding practice review'
                if found.group(0).lower() in _SHORTHAND:
                    shorthand = shorthand or (name, line.page, found.group(0))
                    continue  # a news page's shorthand: the kind it names further down wins
                if _another_review(
                    f"{before} {text[: found.start()]}", f"{text[found.end() :]} {after}"
                ):
                    another = another or (name, line.page, found.group(0))
                    set_aside.append(found.span())
                    continue  # a review held before this one, or one that may follow it
                one = _one_case_in_plural(name, found.group(0), first_page)
                if one:
                    return one[0], line.page, one[1]
                return name, line.page, found.group(0)
    if another or shorthand:
        return another or shorthand
    # no review of any kind named up front: guidance, an inspection letter...
    for line in lines[:40]:
        if is_sentence(line.text):
            continue  # 'an inquiry has found' in a news story's prose
        for name, pattern in REVIEW_TYPES:
            found = pattern.search(line.text) if name in _TITLE_ONLY else None
            if found:
                return name, line.page, found.group(0)
    return None


# The document naming its own kind: 'this concise child practice review', 'the present
# serious case review' (a word such as 'independent' may stand between).
_ITSELF = re.compile(r"(?i)\b(?:this|the present)\s+(?:(?!thematic\b)[\w-]+\s+)?$")
# Kinds a document is not taken to be from its text alone: 'this briefing' in a summary of
# many reviews, or in a review's own list of what it produced (titles decide these).
_NOT_SAID_OF_ITSELF = _TITLE_ONLY | {"briefing"}
ITSELF_CONTEXT = 40  # characters before a kind's name that may say 'this'


def _said_of_itself(lines: list[FrontLine]) -> tuple[str, int, str] | None:
    """(type, page, words) of the first kind of review the front lines name as the document
    itself ('commissioned this local child safeguarding practice review'), a name broken
    over two lines included."""
    starts, pieces, at = [], [], 0
    for line in lines:
        starts.append(at)
        pieces.append(line.text)
        at += len(line.text) + 1
    text = " ".join(pieces)
    named = []
    for order, (name, pattern) in enumerate(REVIEW_TYPES):
        if name in _NOT_SAID_OF_ITSELF:
            continue
        for found in pattern.finditer(text):
            if found.group(0).lower() in _SHORTHAND or _names_the_process(text, found):
                continue
            if _ITSELF.search(text[max(0, found.start() - ITSELF_CONTEXT) : found.start()]):
                named.append((found.start(), order, name, found.group(0)))
                break
    if not named:
        return None
    start, _, name, words = min(named)
    return name, lines[bisect_right(starts, start) - 1].page, words


# A review named as another than the document: one held before it ('following a rapid
# review', 'a previous serious case review', 'the rapid review was held on ...') or one that
# may follow it ('whether an LCSPR should be commissioned', 'an LCSPR may be commissioned').
# The document's own kind, named plainly, comes before it.
_ANOTHER_BEFORE = re.compile(
    # "during the serious case review" is most often the document's own; "during a ..." not
    r"(?i)\b(?:(?:following|after|since)\s+(?:a|an|the)|(?:at|during|through|via)\s+(?:a|an)"
    r"|previous|earlier|prior|preceding|initial|original|another|separate|subsequent|further"
    r"|future|possible|potential|whether\s+(?:to\s+\w+\s+)?(?:a|an|the)"
    r"|(?:criteria|threshold)\s+for\s+(?:a|an|the))\s+(?:[\w-]+\s+)?$"
)
_ANOTHER_AFTER = re.compile(
    r"(?i)^\s*(?:\([A-Z]{2,6}\)\s*)?(?:(?:was|were|had been|has been)\s+(?:\w+\s+)?"
    r"(?:held|convened|undertaken|completed|carried out|conducted|called|submitted|sent)"
    r"|meeting|(?:should|would|will|may|might|could)\s+(?:be|follow|take)"
    r"|(?:is|was|were)\s+(?:not\s+)?(?:required|needed|necessary|warranted|recommended))\b"
)
ANOTHER_CONTEXT = 60  # characters either side of a kind's name read for it


def _another_review(before: str, after: str) -> bool:
    return bool(
        _ANOTHER_BEFORE.search(before[-ANOTHER_CONTEXT:])
        or _ANOTHER_AFTER.search(after[:ANOTHER_CONTEXT])
    )


# Several reviews of one kind published together ('three serious case reviews', 'serious case
# reviews into the deaths of ...') are reviews of that kind, not a thematic review of many.
_SEVERAL = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?"
    r"(?:serious case|rapid|child practice|practice|learning) reviews\b"
    r"|\b(?:serious case|rapid|child practice|learning) reviews(?=\s+(?:into|reveal|find|found|"
    r"show|published|highlight|say|said)\b)",
    re.I,
)


def _singular(text: str) -> str:
    return _SEVERAL.sub(lambda found: _singular_of(found.group(0)), text)


def _singular_of(words: str) -> str:
    """'serious case reviews' -> 'serious case review'."""
    return re.sub(r"(?i)reviews\b", "review", words)


def _drawn_from(text: str, plural: str) -> bool:
    """Whether the page speaks of the plural as a source of learning ('learning from serious
    case reviews') anywhere."""
    return any(
        _DRAWN_FROM.search(text[max(0, found.start() - 40) : found.start()])
        for found in re.finditer(re.escape(plural), text, re.I)
    )


# The review of one kind the title names is said to be thematic ('a summary of a thematic
# child safeguarding practice review') in the opening lines.
_ONE_CASE = {"lcspr", "serious_case_review", "child_practice_review", "learning_review"}
_THEMATIC_OF_ONE_KIND = re.compile(
    r"\b(?:a|an|this|the)\s+thematic\s+(?:local\s+)?(?:child\s+safeguarding\s+practice|"
    r"serious\s+case|child\s+practice|learning|case)\s+review\b",
    re.I,
)


# A page about one child ('a child, known only as Child D, who died', 'the Serious Case Review
# for Family T') that speaks of reviews in the plural ('a third of serious case reviews are
# inadequate') reports a review of that kind, not a thematic review of many.
_BARE_PLURAL = re.compile(r"(?i)(?:serious case|rapid|practice|case) reviews")
_DRAWN_FROM = re.compile(
    r"(?i)\b(?:learning|lessons|themes|findings|messages|analysis|review|study|evidence)\s+"
    r"(?:from|of|in|across)\s+(?:\w+\s+)?$"
)
_ONE_CHILD = re.compile(
    r"\b(?:Child|Baby|Family)\s+([A-Z])\b(?![’'-]?\w)"
    # a name in quotation marks: 'Child Rory', Child 'Bella'
    r"|[‘'](?:Child|Baby)\s+([A-Z][a-z]+)[’']|\b(?:Child|Baby)\s+[‘']([A-Z][a-z]+)[’']"
)


def _one_case_in_plural(name: str, words: str, first_page: str) -> tuple[str, str] | None:
    """Reviews of one kind named in the plural ('serious case reviews', taken for thematic)
    on a page that is about one such review: that review's kind and the words naming it."""
    if name != "thematic_review" or not _BARE_PLURAL.fullmatch(words):
        return None
    return _one_child_reviewed(first_page, words) or _named_singly(first_page, words)


def _one_child_reviewed(text: str, plural: str) -> tuple[str, str] | None:
    if len({next(filter(None, found.groups())) for found in _ONE_CHILD.finditer(text)}) != 1:
        return None
    if _drawn_from(text, plural):
        return None  # 'learning from serious case reviews', whatever child it cites
    kind = _singular_kind(text, plural)
    return (kind, _singular_of(plural)) if kind else None


def _singular_kind(text: str, plural: str) -> str | None:
    """The kind the page names for its one review ('the Serious Case Review for Family T'),
    else the kind its plural names."""
    near = " ".join(
        text[max(0, found.start() - 80) : found.end() + 20] for found in _ONE_CHILD.finditer(text)
    )
    for words in (near, text):  # named beside the child first ('the Review for Family T')
        for name, pattern in REVIEW_TYPES:
            if name in _ONE_CASE and pattern.search(re.sub(r"(?i)reviews\b", "", words)):
                return name
    singular = _singular_of(plural)
    return next((n for n, p in REVIEW_TYPES if n in _ONE_CASE and p.search(singular)), None)


_ACRONYMS = {"serious_case_review": "SCR", "child_practice_review": "CPR"}


def _named_singly(text: str, plural: str) -> tuple[str, str] | None:
    """A page that speaks of reviews of one kind in the plural ('Serious Case Reviews under
    scrutiny') and of one such review in the singular ('the serious case review into the death
    of ...', 'an SCR'), never of learning drawn from many: it reports reviews of that kind."""
    if _drawn_from(text, plural) or _DRAWN_FROM_PAGE.search(text):
        return None
    singular = _singular_of(plural)
    kind = next((n for n, p in REVIEW_TYPES if n in _ONE_CASE and p.search(singular)), None)
    if kind is None:
        return None
    short = _ACRONYMS.get(kind, "")
    one = rf"(?i:\b(?:the|a|an|this|that)\s+{re.escape(singular)}\b(?!s))"
    if short:
        one += rf"|\b(?i:the|a|an|this|that)\s+{short}\b(?!s)"
    if not re.search(one, text):
        return None
    # one review named for what it looked into ('the serious case review (SCR) into the death')
    specific = re.search(
        rf"(?:{one})(?:\s+\([A-Z]{{2,5}}\))?\s+(?:into|concerning|regarding)\s", text
    )
    return (kind, specific.group(0).strip()) if specific else (kind, plural)


def several_reviews(words: str) -> bool:
    """Whether the words that gave the kind name reviews in the plural: several reviews of one
    kind, no one child's."""
    return bool(_BARE_PLURAL.fullmatch(words.strip()))


# learning drawn from many reviews, anywhere on the page
_DRAWN_FROM_PAGE = re.compile(
    r"(?i)\b(?:thematic|analysis of|learning from (?:\w+ )?(?:reviews|cases)|"
    r"themes (?:emerging |arising )?from|"
    r"lessons (?:from|of) (?:\w+ )?reviews|evaluated \d+)"
)
