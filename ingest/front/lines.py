"""The front pages' lines: the cover and first pages, without contents entries or the
lines a document-hosting site adds around the document (views, downloads, upload dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import CONTENTS_LINE
from ingest.types import Page

FRONT_PAGES = 3  # title, author, date and partnership are stated near the front
FRONT_LINES = 60  # a text file has no pages: its first lines stand in for the front pages

# A hosting site's own lines around the document it shows (its controls are _CONTROL's).
_CHROME = re.compile(
    r"^(?:upload:.*|post on\b.*|\d[\d,.]*k? downloads? \(pure\)|"
    r"category:.*|documents?|transcript|download(?: pdf)?|"
    r"report this (?:document|link)|embed|page \d+:.*|home|"
    r"view (?:pdf|document)|close|cookies?.*|loading.*|advertisement|"
    r"continue reading|page created by .*|you are on page .*|sie sind auf seite .*|"
    r"sunteți pe pagina .*|vous êtes sur la page .*|está en la página .*|"
    r"related posts|\d+ of \d+|no votes yet|[•●]?\s*\d{1,3}|\d{1,3}%|top banner|"
    r"preparing to load pdf file.*|welcome message from author|"
    # a site's logo or picture, shown by its file name ('Site_Logo_01.png')
    r"[\w .-]{1,80}\.(?:png|jpe?g|gif|svg|webp)|"
    # a slide-sharing site's closing slide ('E N D')
    r"e n d)$",
    re.I,
)
# A web page's controls and navigation, by family rather than one site's wording: a short
# line that opens with what a link or button does ('Skip to ...', 'Back to news', 'Share this
# page', 'Leave this site quickly', 'Accept all cookies'), a trail of links from the site's home
# ('Home > News > Reviews', 'You are here: ...'), or a page's counts ('1.2k views', '40 shares').
_CONTROL = re.compile(
    r"(?i)^(?:skip|jump)\s+to\b|^you\s+are\s+here\b"
    # back to a part of the site ('Back to news', 'Return to the reviews page'), not a
    # headline's 'Back to nursery after the summer'
    r"|^(?:go\s+)?(?:back|return)\s+to\s+(?:the\s+|all\s+|our\s+)?(?:(?:previous|main|latest)\s+)?"
    r"(?:news|home\s*page|home|top|search(?:\s+results)?|results|list|page|articles?|stories|"
    r"(?:(?:serious|safeguarding|practice|local|child)\s+)*(?:case\s+)?reviews?|publications?|blogs?|menu|index|categor(?:y|ies)|contents|listings?|"
    r"reports?|press\s+releases?|resources|library|documents?|site|website|events?)"
    r"(?:\s+(?:page|list|section|index))?$"
    r"|^(?:share|print|email|e-mail|bookmark|save)(?:\s+(?:this\s+)?(?:page|article|story|link|"
    r"post|document|report)|\s+(?:on|via|to)\s+\w+)?(?:\s+with\s+a\s+friend)?$"
    r"|^search(?:\s+(?:this|our|the)\s+(?:site|website))?$"
    r"|^(?:follow|find|like)\s+us\b|^(?:sign|log)\s*(?:in|up|out)\b|^subscribe\b"
    r"|^(?:read|view|see|show)\s+(?:more|all|less)\b|^(?:accept|reject|manage)\s+(?:all\s+)?cookies\b"
    r"|^(?:quick(?:ly)?\s+)?(?:exit|leave)\s+(?:this\s+)?(?:site|website|page)(?:\s+quickly|\s+now)?$"
    r"|^quick\s+exit$|^hide\s+(?:this\s+)?(?:page|site)$|^(?:main\s+|open\s+|close\s+)?menu$"
    r"|^(?:toggle\s+)?navigation$|^(?:back\s+to\s+)?top(?:\s+of\s+(?:the\s+)?page)?$"
)
_TRAIL = re.compile(r"(?i)^home(?:\s[|>›»/]\s[^|>›»/]{1,40}){1,}$")
# A page's counts ('1.2k views', '40 shares', a slide-sharing site's '12 likes | 340 Views').
_COUNTS = re.compile(
    r"(?i)^(?:[\s|•·,]*\d[\d,.]*k?\s+(?:likes?|views?|downloads?|shares?|comments?|reads?))+[\s|•·]*$"
)


def is_control(text: str) -> bool:
    """A web page's or hosting site's own line (a control, link trail, counts, upload note),
    not the document's words."""
    text = text.strip()
    if _CHROME.match(text):
        return True
    if len(text.split()) > 8 or not text:
        return False
    return bool(_CONTROL.search(text) or _COUNTS.match(text) or _TRAIL.match(text))


_TRANSCRIPT = re.compile(
    r"^(?:transcript(?: of\b.*)?|citation preview|file type:\s*\w+,\s*size:.*)$", re.I
)


@dataclass
class FrontLine:
    page: int
    text: str
    size: float | None = None
    bold: bool = False


def front_lines(pages: list[Page]) -> list[FrontLine]:
    """The cover and front pages' lines, without contents entries or a hosting site's lines."""
    lines, marker, plain = _all_front_lines(pages)
    if marker is not None:  # the site's copy of the document starts below its marker
        lines = lines[marker + 1 :]
    return _trimmed(lines, plain)


def hosting_site_heading(pages: list[Page]) -> list[FrontLine]:
    """The lines a hosting site prints above its copy of the document (its name for it, which
    may name the publisher); none when the page has no such copy."""
    lines, marker, plain = _all_front_lines(pages)
    return _trimmed(lines[:marker], plain) if marker is not None else []


def _all_front_lines(pages: list[Page]) -> tuple[list[FrontLine], int | None, bool]:
    """All front lines, where a hosting site's TRANSCRIPT marker stands among the first 40,
    and whether the text came as one plain page."""
    lines: list[FrontLine] = []
    plain = len(pages) == 1 and pages[0].height is None
    names = _written_whole(pages)
    for page in pages[: 1 if plain else FRONT_PAGES]:
        for line in page.lines:
            text = line.text.strip()
            if text and not CONTENTS_LINE.search(text):
                lines += [
                    FrontLine(page.number, part, line.size, line.bold)
                    for part in _unglued(text, names)
                ]
    head = lines[:40]
    marker = next((i for i, line in enumerate(head) if _TRANSCRIPT.match(line.text)), None)
    return lines, marker, plain


def _trimmed(lines: list[FrontLine], plain: bool) -> list[FrontLine]:
    lines = [line for line in lines if not is_control(line.text)]
    return lines[:FRONT_LINES] if plain else lines


# Cover lines a copy ran together without a break ('Northvale TeamLearning from Reviews',
# 'Ann LeeBo Tran'): a word of a capital and three or more small letters, then a capital
# and two small letters, with no space between.
_GLUED = re.compile(r"\b([A-Z][a-z]{3,})(?=[A-Z][a-z]{2})")
_GLUED_WORD = re.compile(r"\b[A-Z][a-z]{3,}[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*\b")


def _written_whole(pages: list[Page]) -> frozenset[str]:
    """Words in two capitalised parts the document writes more than once ('BrightPath', a
    charity's name in its heading and on every page's footer): a name spelt that way, where two
    lines run together join only once."""
    text = "\n".join(line.text for page in pages for line in page.lines)
    seen: set[str] = set()
    twice: set[str] = set()
    for found in _GLUED_WORD.finditer(text):
        (twice if found.group(0) in seen else seen).add(found.group(0))
    return frozenset(twice)


def _unglued(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The lines run together in a line, each apart; a word of `names` is kept whole."""

    def cut(found: re.Match[str]) -> str:
        whole = re.match(r"\w+", text[found.start() :])
        return found.group(1) if whole and whole.group(0) in names else f"{found.group(1)}\n"

    parts = [part.strip() for part in _GLUED.sub(cut, text).split("\n")]
    return [part for part in parts if part]


REPORTING = re.compile(
    r"\b(?:said|says|found|finds|states|stated|revealed|reveals|concluded|explained|told|added|"
    r"is|was|were|are|had|has|have|did|does|will|would)\b"
)


def is_sentence(text: str) -> bool:
    """A line of running prose rather than a heading ('The review said that agencies ...')."""
    words = text.split()
    if len(words) < 8:
        return False
    lower = sum(1 for word in words if word[:1].islower())
    # a sentence wrapped onto the next line ends in a comma or a small word ('referred to')
    wrapped = re.search(r"(?:,|\b(?:to|the|of|a|an|and|or|in|on|by|for|with|that|which))$", text)
    return lower >= len(words) / 2 and bool(text.endswith(".") or REPORTING.search(text) or wrapped)


def is_paragraph(text: str) -> bool:
    """A paragraph of prose: a long line, mostly in lower case, that reads as sentences."""
    words = text.split()
    lower = sum(1 for word in words if word[:1].islower())
    long_enough = len(words) >= 30 or (len(words) >= 20 and text.endswith("."))
    return long_enough and lower >= 0.6 * len(words) and is_sentence(text)
