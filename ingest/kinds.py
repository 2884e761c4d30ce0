"""What each passage is, and what the document is, read from headings and wording.

Passage kinds:
    narrative       what happened to the child and family: events, dates, ages, visits
    analysis        what the review makes of it: findings, learning, practice commentary
    recommendation  what should change
    method          how the review was done: purpose, terms of reference, scope, process,
                    the standard "not to apportion blame" lines, who took part; and how it
                    came about: the notification, the rapid review, whether the criteria
                    were met, who decided or commissioned it and under which guidance
    contents        contents lists, references, glossaries, appendices of names

Document kinds (from the review type the metadata stage read):
    case_review     SCR, LCSPR, rapid review, child practice review (one child or family)
    thematic_review thematic and national reviews across many cases
    briefing        7-minute briefings and learning summaries
    guidance        statutory and local guidance, protocols, thresholds, checklists
    other           inspections, annual reports and other documents that are not reviews;
                    also a short document with no sign of a review at all (no review type,
                    child, partnership, or word of reviewing or safeguarding)

Method and contents passages are demoted in search and never explain a similar case;
guidance and other documents are searchable but left out of review statistics and
similar cases unless asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.blocks import RAISED_NOTE
from ingest.types import ParsedDocument, Passage

KINDS_VERSION = "5"  # part of the pipeline version: a change re-derives stored reviews
# A document with no sign of a review (no type, child, partnership, or word of reviewing or
# safeguarding) and at most this many words is not counted as a case review.
NO_REVIEW_WORDS_AT_MOST = 1500
_REVIEW_SIGNS = re.compile(
    r"\b(?:reviews?|reviewed|safeguarding|child protection|serious case|practice learning)\b",
    re.I,
)
METHOD_WORDS_AT_MOST = 120  # a passage this short with one method phrase is about method
# A passage is about how the review came about when sentences saying so carry this share of
# its words; less under a heading about why the review was done, where the rest is
# usually more of the same (the statutory test, the pattern that prompted a thematic review).
PROCESS_SHARE = 0.5
PROCESS_SHARE_UNDER_REASONS = 0.25
PASSAGE_KINDS = ("narrative", "analysis", "recommendation", "method", "contents")
DOCUMENT_KINDS = ("case_review", "thematic_review", "briefing", "guidance", "other")
# documents that review no case and teach none: left out of similar cases and ranked lower in
# search (review statistics go by review type: review_types.NOT_CASE_REVIEWS)
NOT_REVIEWS = ("guidance", "other")
BOILERPLATE = ("method", "contents")  # demoted in search, never quoted to explain a match

_DOCUMENT_KIND = {
    "serious_case_review": "case_review",
    "lcspr": "case_review",
    "rapid_review": "case_review",
    "child_practice_review": "case_review",
    "thematic_review": "thematic_review",
    "national_review": "thematic_review",
    "briefing": "briefing",
    "guidance": "guidance",
    "other": "other",
}

_SECTION = [
    (
        "contents",
        re.compile(
            r"\b(?:contents|references|bibliography|glossary|abbreviations|acronyms"
            r"|acknowledge?ments?|further reading|useful (?:links|resources)|sources)\b",
            re.I,
        ),
    ),
    ("recommendation", re.compile(r"recommendation|actions? (?:for|plan)", re.I)),
    (
        "method",
        re.compile(
            r"\b(?:methodology|method|terms of reference|scope|process of (?:the|this) review"
            r"|the review process|review process|governance|purpose of (?:the|this) review"
            r"|why (?:the|this) review|family (?:involvement|participation|contribution)"
            r"|reviewer|review team|panel membership|parallel processes|timescales?)\b",
            re.I,
        ),
    ),
    (
        "narrative",
        re.compile(
            r"\b(?:chronology|what happened|key (?:events|practice episodes)|practice episodes?"
            r"|case (?:summary|history)|summary of (?:events|the case)"
            r"|family (?:background|history)"
            r"|background to the case|the (?:child|family|baby)\b|circumstances|history)\b",
            re.I,
        ),
    ),
    (
        "analysis",
        re.compile(
            r"\b(?:findings?|analysis|learning|lessons|conclusions?|discussion|reflections?"
            r"|themes?|good practice|what (?:we|the review) found)\b",
            re.I,
        ),
    ),
]

# Wording that marks a passage as the review describing itself, wherever it stands.
_METHOD_WORDS = re.compile(
    r"\bnot to (?:apportion|attribute) blame\b|\bapportion(?:ing)? blame\b"
    r"|\bterms of reference\b|\bpurpose of (?:the|this|a) (?:review|rapid review|report)\b"
    r"|\b(?:the|this) review (?:was|has been|is being) (?:commissioned|undertaken|conducted|led)\b"
    r"|\b(?:commissioned|undertook|conducted) (?:the|this) review\b"
    r"|\bindependent (?:reviewer|author|chair|lead reviewer)s?\b"
    r"|\b(?:systems|learning together|scie)\b.{0,40}\b(?:methodology|approach|model)\b"
    r"|\b(?:methodology|approach) (?:used|adopted|chosen) (?:for|in) (?:the|this) review\b"
    r"|\bstatutory guidance (?:requires|sets out)\b.{0,80}\breview\b"
    r"|\bscope of (?:the|this) review\b|\bthe review (?:covers|considered) the period\b"
    r"|\b(?:practitioners|family members) (?:were|was) invited to contribute\b"
    r"|\b(?:agencies|organisations) (?:were asked to|provided) (?:provide )?(?:chronologies|"
    r"information|reports)\b",
    re.I,
)
# Sentences about how the review came about: the notification, the rapid review, the
# criteria for a review, the decision to hold one, who was appointed, the statutory basis.
_REVIEW_KINDS = (
    r"(?:(?:local |extended |concise )?child safeguarding practice review|serious case review"
    r"|(?:extended |concise )?child practice review|lcspr|scr)"
)
_PROCESS_WORDS = re.compile(
    r"\bnotif(?:ied|ication)\b[^.]{0,60}\b(?:review panel|national panel|the panel|ofsted"
    r"|secretary of state|welsh government)\b"
    r"|\b(?:held|convened|undertook|carried out|completed|conducted) (?:a|the) rapid review\b"
    r"|\ba rapid review (?:meeting )?was (?:held|convened|undertaken|carried out|completed)\b"
    r"|\bconsidered at a rapid review\b|\brapid review (?:concluded|decided|recommended)\b"
    rf"|\b(?:criteria|threshold) (?:for|of) (?:a|an) {_REVIEW_KINDS}\b"
    rf"|\b{_REVIEW_KINDS} (?:must|should|will) be (?:commissioned|undertaken)\b"
    r"|\bdecision to (?:undertake|commission|conduct|carry out)\b"
    r"|\b(?:decided|agreed) to (?:undertake|commission|conduct|carry out) (?:a|an)\b"
    rf"|\b(?:decided|agreed) that (?:a|an) {_REVIEW_KINDS} (?:should|would) be\b"
    r"|\bcommissioned (?:a|an|the|this) (?:\w+ ){0,3}review\b"
    r"|\b(?:panel|partners|partnership|board)\b[^.]{0,30}\b(?:agreed|endorsed|supported"
    r"|concurred) (?:with )?(?:that|the|this) decision\b"
    r"|\baccepted the recommendation\b[^.]{0,80}\breview\b"
    r"|\bappointed\b[^.]{0,60}\b(?:reviewer|author)\b"
    r"|\bregulation 5\b|\bsection 16f\b|\bpart 7 of the social services and well-being\b"
    r"|\breview\b[^.]{0,80}\b(?:in line with|under|in accordance with|followed)\b[^.]{0,40}"
    r"\b(?:working together|statutory guidance|protecting children in wales)\b",
    re.I,
)
_REASONS_HEADING = re.compile(
    r"\b(?:reasons? for|why|background to|circumstances (?:leading|that led) to"
    r"|decision to (?:undertake|hold)) (?:the|this|a) (?:\w+ )?review\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(•])|\n+")
# A leader is matched once, from its first dot and without backtracking: trying every dot of
# a long run as a start made a page of 60,000 dots take minutes.
_CONTENTS_LINE = re.compile(
    r"(?:(?<!\.)\.{4,}+|(?<!…)…{2,}+)\s*\d+\s*$|^[ \t]*\d+(?:\.\d+)*\s+[A-Z].{2,60}\s\d+\s*$",
    re.M,
)
_CITATION = re.compile(r"\(\d{4}[a-z]?\)|\bet al\b|https?://|www\.|\bISBN\b|\bdoi\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_RECOMMENDATION_WORDS = re.compile(
    r"^\s*(?:recommendation\s*\d+|\d+\.\s*(?:the|all) \w+ (?:should|must))"
    r"|\b(?:should|must) (?:ensure|review|consider|develop|seek|provide|strengthen|assure)\b",
    re.I,
)
_NARRATIVE_WORDS = re.compile(
    r"\b(?:in|on|by|during) (?:early |mid-|late )?(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(?:aged|age of|then) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b"
    r"|\b\w+ (?:days|weeks|months|years) old\b"
    r"|\b(?:he|she|they) (?:said|told|reported|explained|disclosed)\b"
    r"|\b(?:took|brought|carried) (?:the baby|the child|him|her)\b"
    r"|\bthe (?:same|next|following) (?:day|morning|evening|night|week)\b"
    r"|\bwas (?:born|admitted|taken|seen|found|discharged|referred|visited|brought)\b"
    r"|\b(?:mother|father|mum|dad|stepfather|partner|grandmother) (?:told|said|reported|"
    r"disclosed|called|attended|moved|left|returned)\b"
    r"|\b(?:the|a) (?:home )?visit\b|\battended (?:the|a|an)\b",
    re.I,
)
_ANALYSIS_WORDS = re.compile(
    r"\b(?:should have|could have|would have|missed opportunit|there was no|the review found"
    r"|learning|practitioners (?:need|did not|were not)|professional curiosity|this meant"
    r"|it is (?:clear|likely|evident)|reflects?|demonstrat|highlight|finding)\w*",
    re.I,
)


def document_kind(review_type: str | None) -> str:
    """The kind of document for a review type; unknown types count as case reviews."""
    return _DOCUMENT_KIND.get(review_type or "", "case_review")


def looks_like_no_review(document: ParsedDocument) -> bool:
    """A short document with none of a review's signs: no review type, no child named or aged,
    no partnership, and no word of reviewing or safeguarding (a note about a dog, a stray
    text file). Any one of these signs, or length, keeps it a case review."""
    metadata = document.metadata
    if any(
        metadata.value(name)
        for name in ("review_type", "child_pseudonyms", "child_age", "child_age_months")
    ):
        return False
    if metadata.value("partnership"):
        return False
    words = sum(len(passage.text.split()) for passage in document.passages)
    if words > NO_REVIEW_WORDS_AT_MOST:
        return False
    title = str(metadata.value("title") or "")
    return not any(_REVIEW_SIGNS.search(p.text) for p in document.passages) and not (
        _REVIEW_SIGNS.search(title)
    )


def passage_kind(section: str | None, text: str) -> str:
    """The kind of one passage, from its section heading and its own wording."""
    if _contents(text) or (
        # a note that cites a work (a year, an author, an address) is a reference
        RAISED_NOTE.match(text) and (_CITATION.search(text) or _YEAR.search(text))
    ):
        return "contents"
    by_section = next((k for k, p in _SECTION if section and p.search(section)), None)
    if by_section == "contents":
        return "contents"
    if _describes_the_review(text) and by_section not in ("narrative", "recommendation"):
        return "method"
    if by_section != "recommendation" and _tells_how_the_review_came_about(section, text):
        return "method"
    if by_section in ("recommendation", "method"):
        return by_section
    if _RECOMMENDATION_WORDS.search(text) and by_section != "narrative":
        return "recommendation" if len(_RECOMMENDATION_WORDS.findall(text)) > 1 else "analysis"
    narrative = len(_NARRATIVE_WORDS.findall(text))
    analysis = len(_ANALYSIS_WORDS.findall(text))
    if by_section == "narrative":
        return "analysis" if analysis > narrative + 1 else "narrative"
    if by_section == "analysis":
        return "narrative" if narrative >= analysis + 3 else "analysis"
    return "narrative" if narrative >= 2 and narrative > analysis else "analysis"


def _describes_the_review(text: str) -> bool:
    """Method wording that carries the passage: twice, or once in a short passage (a long
    finding that mentions a programme's "terms of reference" in passing is not method)."""
    hits = len(_METHOD_WORDS.findall(text))
    return hits >= 2 or (hits == 1 and len(text.split()) <= METHOD_WORDS_AT_MOST)


def _tells_how_the_review_came_about(section: str | None, text: str) -> bool:
    """Sentences about the notification, the rapid review, the criteria and the decision
    carry the passage; a passage telling the case that mentions its review in passing does
    not qualify."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    words = sum(len(s.split()) for s in sentences)
    process = sum(len(s.split()) for s in sentences if _PROCESS_WORDS.search(s))
    under_reasons = bool(section and _REASONS_HEADING.search(section))
    share = PROCESS_SHARE_UNDER_REASONS if under_reasons else PROCESS_SHARE
    return process > 0 and process >= share * words


def _contents(text: str) -> bool:
    """A contents list or a run of references: dotted leaders and page numbers, or mostly
    citations (years in brackets, et al, links)."""
    words = max(len(text.split()), 1)
    if len(_CONTENTS_LINE.findall(text)) >= 3:
        return True
    return len(_CITATION.findall(text)) >= max(3, words // 25)


def passage_kinds(passages: Iterable[Passage]) -> list[str]:
    return [passage_kind(p.section, p.text) for p in passages]


def mark_kinds(document: ParsedDocument) -> ParsedDocument:
    """The document with each passage's kind and its own kind set (from its review type)."""
    for passage, kind in zip(document.passages, passage_kinds(document.passages), strict=True):
        passage.kind = kind
    review_type = document.metadata.value("review_type")
    document.document_kind = document_kind(review_type if isinstance(review_type, str) else None)
    if looks_like_no_review(document):
        document.document_kind = "other"
    return document
