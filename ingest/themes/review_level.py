"""Which themes a whole review carries, read from the whole review and its passages.

A theme carries the review when the review names it as its subject: in its title or
subtitle, a contents heading, an item of a key-findings or themes list, or a sentence stating
what the review or the case is about ("this briefing looks at ...", "the review concerns a
baby who died after ..."). It also carries when the review's own sentences describe it often
enough (a family factor told of a parent counts: "her depression", attribution.py), or when
its passages carry it with weight (several passages, or any in the summary, findings or
recommendations). A theme met once in the background is a passing mention and
does not carry; nor does a word that sits in an organisation's name, a generic pair ("abuse
or neglect"), a citation, or a sentence saying the factor was absent.

The words that name each theme are in ingest/themes/review_vocabulary.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.clip import clipped
from ingest.themes.attribution import attributed, said_of_adult
from ingest.themes.negation import absent
from ingest.themes.review_vocabulary import (
    compiled,
    compiled_headings,
    compiled_strong,
    passing,
    services,
)
from ingest.themes.segment import is_citation, segment
from ingest.themes.taxonomy import Taxonomy
from ingest.types import ParsedDocument


# The decision rule's free parameters, in one place. Chosen by 5-fold cross-validation over
# the coded real openings (`casegraph eval review-themes --folds 5`, corpora/real/README.md);
# RULE is the setting in force, RULE_GRID the settings the cross-validation chooses from.
@dataclass(frozen=True)
class Rule:
    """How much evidence carries a theme for the whole review.

    Passage evidence (the tagger's themes per passage, from ingest/enrich.py) carries a theme
    on its own when `min_passages` passages and `min_share` of the review carry it, or
    `min_key_passages` in the key parts (findings, recommendations, summary); measured on
    real openings, a tagged passage or two without the review naming the theme is more often
    wrong than right. A theme the review names (title, heading, list item, statement of its
    subject: weight 1 each) carries at `carry_at`; a sentence of the body counts `body[group]`
    (a harm or family factor described as present is one naming; a practice theme's words
    are common in any review and count less); a theme its passages carry needs only
    `supported_at` (the weight given to the tagger)."""

    min_passages: int = 4
    # In a review of too few passages to reach `min_passages`, this share of them carrying a
    # theme is enough (all of them: on the coded openings, 1.0 and 0.67 each gained one theme
    # and no false one; 0.5 added 28 false ones).
    short_share: float = 1.0
    min_key_passages: int = 2
    min_share: float = 0.05
    carry_at: float = 1.0
    supported_at: float = 0.5
    body_harm: float = 1.0
    body_family: float = 1.0
    body_practice: float = 0.5

    def body(self, group: str) -> float:
        return {"harm": self.body_harm, "family": self.body_family}.get(group, self.body_practice)


RULE = Rule(supported_at=0.34, body_practice=1.0)
RULE_GRID: tuple[Rule, ...] = tuple(
    Rule(supported_at=supported, body_family=family, body_practice=practice)
    for supported in (0.34, 0.5, 1.0)
    for family in (0.5, 1.0)
    for practice in (0.34, 0.5, 1.0)
)


@contextmanager
def rule_in_force(rule: Rule) -> Iterator[None]:
    """Decide with `rule` inside the block (for cross-validating the rule)."""
    global RULE
    before, RULE = RULE, rule
    try:
        yield
    finally:
        RULE = before


KEY_PARTS = {"findings", "recommendations"}
_KEY_SECTION = re.compile(
    r"executive summary|summary of|key (?:findings|learning)|conclusion", re.IGNORECASE
)

# Where in the review a theme is named, and how much each place counts towards carrying it.
NAMING_WEIGHTS = {"title": 1.0, "heading": 1.0, "list": 1.0, "subject": 1.0, "statement": 1.0}
# In a long review, a sentence or list item counts for less: one in a hundred sentences naming
# a theme is one full naming. Titles and headings keep their weight. Openings and short
# reviews (under a hundred sentences) are not scaled.
BODY_SHARE = 0.01
UNSCALED = {"title", "heading"}
REVIEW_RULES = 4  # bump when a change here changes what a stored review carries
SHORT_BLOCK_WORDS = 14  # a paragraph this short reads as a heading or a contents entry
SENTENCE_WORDS = 8  # ... unless it is a full sentence of this many words or more
TITLE_BLOCKS = 3  # the first blocks of a document carry its title and subtitle

_SUBJECT = re.compile(
    r"\b(?:(?:this|the|our) (?:review|briefing|report|analysis|study|paper|bulletin|inquiry|"
    r"learning|case study)\b.{0,60}\b(?:focus\w*|concern\w*|looks? at|look\w* into|consider\w*|"
    r"examin\w*|explor\w*|is about|about|highlight\w*|addresses|summaris\w*|relat\w* to|"
    r"follow\w*|into|on)\b|key (?:themes?|findings|issues|learning|messages|risk factors)|"
    r"themes? (?:\w+ ){0,3}(?:include|identified|are|were)|(?:where|in which) .{0,60}\b"
    r"(?:featured|was a factor|were factors|was present)|(?:died|death|harmed|injur\w*) "
    r"(?:\w+ ){0,8}(?:after|following|from|as a result of|caused by|due to|of|when))",
    re.IGNORECASE,
)
# A question of the standard terms of reference every review answers: not a topic of its own.
_TERMS_OF_REFERENCE = re.compile(
    r"^\W*(?:\w\W{1,2})?(?:(?:to )?(?:ascertain|establish|evaluate|identify|examine|consider|"
    r"determine|assess|review) (?:whether|how|the extent|the degree|the aspects|if|what|any|"
    r"the (?:effectiveness|quality|appropriateness|adequacy|timeliness))|"
    r"(?:and|or) (?:whether|if|how far|to what extent))\b",
    re.IGNORECASE,
)
# The statutory criteria for holding a review, which every review of that kind restates ("these
# reviews should cover cases in which a mentally ill carer caused a death"):
# the kinds of case a review may be held for, not this review's topics.
_CRITERIA = re.compile(
    r"\b(?:reviews?|SCRs?|LCSPRs?|CSPRs?|DHRs?)\b(?:\W+\w+){0,6}?\W+(?:should|must|are|is|will be|"
    r"may be)\W+(?:\w+\W+){0,2}?(?:include|held|carried out|conducted|undertaken|required|"
    r"commissioned|considered|initiated)\b(?:\W+\w+){0,4}?\W+(?:when|where|if|situations|"
    r"circumstances|cases)\b",
    re.IGNORECASE,
)
# A heading that only names an agency ("5.4 Education", "The Police"): the section on what
# that agency did, not a topic.
# Also an entry of a key of agencies ("Primary School   SCH1").
_AGENCY_HEADING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\W*)?(?:the )?(?:(?:primary|secondary|special|high|infant|junior|"
    r"nursery)\s+)*(?:education|schools?|police|health|probation|housing|"
    r"GPs?|(?:children’s |children's |adult )?social care)(?: (?:services?|department|team))?"
    r"(?-i:\s+[A-Z]{2,6}\d+)?\W*\d*\s*$",
    re.IGNORECASE,
)
# Themes of the child's own condition: the same words said of an adult of the family ("the
# mother had taken an overdose") are the adult's (attribution.py), not the child's.
CHILD_THEMES = frozenset({"child_mental_health_suicide", "disability_health_needs"})
# Markup left in text scraped from a web page ("Schools <strong>and</strong> Families").
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
# A list item this long is running text: it names a theme with the body's words only.
LONG_ITEM_WORDS = 28
_CONTENTS_LEADER = re.compile(r"\.{4,}|…{2,}")
# A numbered entry of a contents list: "3. THE FAMILY", "4 Analysis", "5.2 Learning".
_CONTENTS_ENTRY = re.compile(
    r"(?:^|\s)\d{1,2}(?:\.\d{1,2})*\.?\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"(?=[A-Z][A-Za-z])"  # not a date ("16 Feb"): a chronology is no contents list
)
CONTENTS_ENTRIES = 3  # numbered entries that make a run of text a contents list
_INLINE_BULLET = re.compile(r"\s[•▪●◦■]\s")
INLINE_ITEMS = 2  # bullets on one line that make it a list
_APPENDIX = re.compile(r"^\W*(?:\d+(?:\.\d+)*\W*)?(?:appendi(?:x|ces)|annex)", re.IGNORECASE)


# what each place is called where a naming is quoted
PLACE_WORDS = {
    "title": "title",
    "heading": "headings or contents",
    "list": "list of findings or themes",
    "subject": "statement of what it is about",
    "statement": "text",
    "body": "text",
}


QUOTE_CHARS = 300  # a quote longer than this is cut at a word, with an ellipsis
# the places whose text is a sentence (cut if long); the others are headings, items, titles
SENTENCE_PLACES = {"subject", "statement", "body"}
# which place's text is quoted first, when the review names a theme in several
QUOTE_ORDER = ["title", "subject", "list", "heading", "statement", "body"]


@dataclass
class Naming:
    """Where a review names one theme, and the text that names it most plainly (QUOTE_ORDER)."""

    theme: str
    places: dict[str, int] = field(default_factory=dict)
    quote: str = ""
    page: int | None = None  # where the quote stands
    place: str = ""  # and what it is there: title, heading, list, subject or body

    @property
    def where(self) -> dict[str, int]:
        """Where the review names the theme, in words: {'headings or contents': 1, 'text': 4}."""
        counts: dict[str, int] = {}
        for place, count in self.places.items():
            words = PLACE_WORDS.get(place, "text")
            counts[words] = counts.get(words, 0) + count
        return counts

    def consider(self, place: str, text: str, page: int | None) -> None:
        """Count one place that names the theme, and quote it if it names it more plainly
        than the quote so far (a title before a statement of the subject, a list, a heading
        and the body): a table's cells or a long run of lines is never the quote."""
        self.places[place] = self.places.get(place, 0) + 1
        text = " ".join(text.split())
        if len(text) > QUOTE_CHARS and place not in SENTENCE_PLACES:
            return
        if not self.quote or QUOTE_ORDER.index(place) < QUOTE_ORDER.index(self.place):
            self.quote, self.page, self.place = clipped(text, QUOTE_CHARS), page, place

    def weight(self, body: float, scale: float = 1.0) -> float:
        """How strongly the review names the theme, a sentence of its body counting `body`,
        and every sentence or list item divided by `scale` (the review's length)."""
        return sum(
            (body if place == "body" else NAMING_WEIGHTS[place])
            * count
            / (1.0 if place in UNSCALED else scale)
            for place, count in self.places.items()
        )


@dataclass
class Reading:
    """What reading a whole review found: where it names each theme, out of how many
    sentences and list items."""

    namings: dict[str, Naming]
    sentences: int

    @property
    def scale(self) -> float:
        return max(1.0, self.sentences * BODY_SHARE)


def named_in_document(
    taxonomy: Taxonomy, document: ParsedDocument, tagged: Iterable[str] = ()
) -> dict[str, Naming]:
    """Themes the review names as its subject or describes often enough, each with the text
    that names it most plainly and its page. `tagged` are the themes its passages carry: one
    sentence of the body is enough for those. A named child theme names its parent (cannabis ->
    substance misuse)."""
    title = str(document.metadata.value("title") or "")
    negatable = frozenset(theme.id for theme in taxonomy.themes if theme.negatable)
    supported = set(tagged)
    named = {}
    reading = read_review(document, title, negatable)
    for theme, naming in reading.namings.items():
        if theme not in taxonomy.ids:
            continue
        weight = naming.weight(RULE.body(taxonomy.get(theme).group), reading.scale)
        if weight >= RULE.carry_at or (theme in supported and weight >= RULE.supported_at):
            named[theme] = naming
    for theme_id in list(named):
        for parent in taxonomy.ancestors(theme_id):
            named.setdefault(parent, named[theme_id])
    return named


def read_review(
    document: ParsedDocument, title: str = "", negatable: frozenset[str] = frozenset()
) -> Reading:
    """Every place the review names each theme: title, headings, list items, statements of
    its subject, and the other sentences of its body. Themes in `negatable` do not count
    where the text says they were absent."""
    found: dict[str, Naming] = {}
    title_page = document.metadata.title.page if document.metadata.title else None
    pieces: list[tuple[str, str, int | None]] = [("title", title, title_page)] if title else []
    for index, (kind, text, block_page) in enumerate(_joined(document)):
        pieces.extend(
            (place, unit, block_page) for place, unit in _places(kind, text, index < TITLE_BLOCKS)
        )
    for place, text, page in pieces:
        heading = place != "body" and not (place == "list" and len(text.split()) > LONG_ITEM_WORDS)
        named = themes_named(text, negatable, heading=heading)
        named |= family_factors(text, negatable)
        strong = _named_by(text, negatable, compiled_strong()) if place == "body" else set()
        named |= strong
        for theme in named:
            where = "statement" if theme in strong else place
            found.setdefault(theme, Naming(theme)).consider(where, text, page)
    sentences = sum(place not in UNSCALED for place, _, _ in pieces)
    return Reading(found, sentences)


# A line that ends on a word that cannot end a phrase ("a history of", "Fabricated or")
# runs on into the next line, whatever its case.
_OPEN_END = re.compile(r"\b(?:of|or|and|the|a|an|in|to|for|with|on|by|from|into)\s*$", re.I)


def _joined(document: ParsedDocument) -> list[tuple[str, str, int]]:
    """The document's blocks, with a line that carries on the sentence before it (it starts in
    lower case, or the line before ends on "of", "or", "the"...) joined back to that sentence:
    a broken line is not a heading."""
    joined: list[tuple[str, str, int]] = []
    for block in document.blocks:
        text = block.text.strip()
        if not text:
            continue
        carries_on = (
            bool(joined)
            and joined[-1][0] not in {"footnote", "note"}
            and (text[0].islower() or _OPEN_END.search(joined[-1][1]) is not None)
        )
        if carries_on and block.kind in {"paragraph", "list_item", "heading"}:
            kind, before, page = joined[-1]
            glue = "" if before.endswith("-") else " "
            joined[-1] = ("paragraph" if kind == "heading" else kind, before + glue + text, page)
        else:
            joined.append((block.kind, text, block.page_start))
    return joined


def _places(kind: str, text: str, opening: bool) -> Iterable[tuple[str, str]]:
    """The block's text cut into units, each with the place in the review it stands for."""
    if _CONTENTS_LEADER.search(text):
        text = _CONTENTS_LEADER.sub(" ", text)
        kind = "heading"
    if kind in {"paragraph", "list_item"} and is_contents_run(text):
        yield from (("heading", entry) for entry in contents_entries(text))
        return
    if kind == "debris" and len(text.split()) > SHORT_BLOCK_WORDS * 2 and not is_contents_run(text):
        return  # a table's rows or a chart's labels run together: no heading names a theme
    items = _INLINE_BULLET.split(text)
    if kind == "paragraph" and len(items) > INLINE_ITEMS:
        # a list whose bullets the page's text kept on one line: a lead-in, then its items
        yield from _places("paragraph", items[0], opening)
        yield from (("list", item.strip()) for item in items[1:] if item.strip())
        return
    words = len(text.split())
    if opening and words <= SHORT_BLOCK_WORDS * 2:
        yield "title", text
    elif kind in {"heading", "debris"} or (kind == "paragraph" and _short_line(text)):
        yield "heading", text
    elif kind == "list_item":
        yield "list", text
    elif kind not in {"footnote", "note"}:
        for unit in segment(text).units:
            if not unit.citation:
                yield ("subject" if _SUBJECT.search(unit.text) else "body"), unit.text


def is_contents_run(text: str) -> bool:
    """A contents list run together into one paragraph ("1. INTRODUCTION Background 2. THE
    CASE 3. THEMES Staff supervision ..."): numbered section entries, one after another, with
    no sentence between them. It reads as the headings it lists."""
    entries = _CONTENTS_ENTRY.findall(text)
    if len(entries) < CONTENTS_ENTRIES:
        return False
    sentences = len(re.findall(r"[a-z]{2}[.!?](?:\s|$)", text))
    return sentences <= len(entries) // CONTENTS_ENTRIES


def contents_entries(text: str) -> list[str]:
    """The entries of a contents list run together, each from its number to the next; an
    appendix lists a document, not a topic."""
    cuts = [0, *(match.start() for match in _CONTENTS_ENTRY.finditer(text)), len(text)]
    entries = (text[start:end].strip() for start, end in pairwise(cuts))
    return [entry for entry in entries if entry and not _APPENDIX.match(entry)]


def _short_line(text: str) -> bool:
    """A paragraph that reads as a heading or a contents entry: short, and not a sentence cut
    off at the end of a line."""
    words = len(text.split())
    if words > SHORT_BLOCK_WORDS or text.rstrip().endswith((",", ";", "-")):
        return False
    return not (text.rstrip().endswith(".") and words >= SENTENCE_WORDS)


def themes_named(
    text: str, negatable: frozenset[str] = frozenset(), heading: bool = True
) -> set[str]:
    """Themes a piece of text names as a topic: not in a passing phrase, a citation, a
    standard terms-of-reference question, or (for `negatable` themes) a statement that the
    factor was absent. A heading (or title, list item, subject statement) may name a theme
    with words too common to count in running text."""
    return _named_by(text, negatable, compiled_headings() if heading else compiled())


def family_factors(text: str, negatable: frozenset[str] = frozenset()) -> set[str]:
    """Family factors the text tells of an adult of the family without naming them as a topic
    ("her depression", ingest/themes/attribution.py)."""
    blanked = _readable(text)
    squeezed, where = squeeze(blanked)
    return {
        theme
        for theme, start, end in attributed(squeezed)
        if not absent(blanked, where[start], where[end - 1] + 1, theme in negatable)
    }


def _readable(text: str) -> str:
    """The text with passing phrases blanked; empty when it names no topic at all (a
    citation, a terms-of-reference question, an agency's heading)."""
    text = _MARKUP.sub("", text)
    if not text.strip() or is_citation(text) or _TERMS_OF_REFERENCE.search(text):
        return ""
    if _CRITERIA.search(text):
        return ""
    if _AGENCY_HEADING.match(text):
        return ""
    return passing().sub(lambda m: " " * len(m.group()), text)


def _named_by(
    text: str, negatable: frozenset[str], patterns: dict[str, re.Pattern[str]]
) -> set[str]:
    text = _MARKUP.sub("", text)
    blanked = _readable(text)
    if not blanked:
        return set()
    blanked = services().sub(lambda m: " " * len(m.group()), blanked)
    squeezed, where = squeeze(blanked)
    named = set()
    for theme, pattern in patterns.items():
        for match in pattern.finditer(squeezed):
            if theme in CHILD_THEMES and said_of_adult(squeezed, match.start(), match.end()):
                continue
            start, end = where[match.start()], where[match.end() - 1] + 1
            if not absent(text, start, end, theme in negatable):
                named.add(theme)
                break
    return named


# Quotation marks a reporter puts round a word or two (found in “squalid” conditions) and
# runs of spaces (page layout, a blanked name) do not break a phrase: matching reads the text
# without them. An apostrophe inside a word ("mother’s") stays.
_QUOTE = r"[\"“”«»„]|(?<!\w)[‘’']|[‘’'](?!\w)"
# What squeeze() changes: a quotation mark (dropped) or a run of spaces other than one plain space
# (made one space).
_SQUEEZE = re.compile(rf"{_QUOTE}|\s{{2,}}|[^\S ]")


def squeeze(text: str) -> tuple[str, Sequence[int]]:
    """The text without quotation marks and with each run of spaces made one space, and for
    each of its characters the offset it came from (one more at the end)."""
    if _SQUEEZE.search(text) is None:
        return text, range(len(text) + 1)
    kept: list[str] = []
    where: list[int] = []

    def keep(start: int, end: int) -> None:
        if start < end and text[start] == " " and kept and kept[-1].endswith(" "):
            start += 1  # a space after a dropped quotation mark that followed a space
        if start < end:
            kept.append(text[start:end])
            where.extend(range(start, end))

    done = 0
    for match in _SQUEEZE.finditer(text):
        keep(done, match.start())
        done = match.end()
        if match.group()[0].isspace() and not (kept and kept[-1].endswith(" ")):
            kept.append(" ")
            where.append(match.start())
    keep(done, len(text))
    where.append(len(text))
    return "".join(kept), where


def carries_review(
    passages: int, weight: float, parts: Iterable[str], key_section: bool, total: int = 0
) -> bool:
    """Whether passage evidence alone makes a theme one of the review's (a theme the review
    names is decided by named_in_document). In a review of `total` passages, too few to ever
    reach `min_passages`, `short_share` of them carrying the theme is enough."""
    if (key_section or set(parts) & KEY_PARTS) and passages >= RULE.min_key_passages:
        return True
    needed = RULE.min_passages
    if RULE.short_share and total:
        needed = min(needed, max(1, math.ceil(RULE.short_share * total)))
    return passages >= needed and weight >= RULE.min_share


def is_key_section(section: str | None) -> bool:
    return bool(section and _KEY_SECTION.search(section))
