"""Split a passage into sentence-like units and find text that is only a passing mention."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_UNIT_WORDS = 4

# Sentence ends, bullet markers flattened into running text, and line breaks.
_BREAK = re.compile(r"\n+|(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[*]?[A-Z0-9])|\s+[-•▪●]\s+|\s*•\s*")
_LEAD = re.compile(
    r"^(?:[-•▪●*\s]|\*\*|\d{1,2}(?:\.\d{1,2})*\.(?:\*\*)?\s|\d{1,2}\)\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")

_LINK = re.compile(r"\[([^\]]{1,300})\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www[.-])\S+|\S+@\S+\.\w+")
_QUOTED = re.compile(r"[“\"]([^”\"]{6,200})[”\"“]|‘([^’]{6,200})’|(?<!\w)'([^']{6,200})'(?!\w)")
_NUMBER_RUN = re.compile(r"(?:(?<!\S)\d{1,3}\s+){6,}")
_CONTENTS_ENTRY = re.compile(r"(?<=[A-Za-z?)])\s+\d{1,3}\s+(?=[A-Z])")
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
_ORG_SUFFIX = (
    r"(?:Commissioner|Services?|Teams?|Act(?:\s+\d{4})?|Board|Partnerships?|Unit|Institute|Trust|"
    r"Centre|Center|Foundation|Charity|Society|Association|Agency|Network|Forum|Alliance|"
    r"Commission|Office|Department|Panel|Hub|Clinic|Project|Programme|Strategy|Inquiry|Study|"
    r"Guidance|Toolkit|Protocol|Review)"
)
_ORG = re.compile(
    rf"(?:[A-Z][\w’'&-]*\s+(?:(?:of|and|for|the|on|in|&)\s+)?){{1,7}}{_ORG_SUFFIX}(?!\w)"
)
_CITATION = [
    re.compile(r"\bet al\b"),
    re.compile(r"\d+\s*\(\d+\)\s*:\s*\d+"),
    re.compile(r"\b(?:doi|ISBN|Retrieved from|Available (?:at|from)|Journal of|vol\.|pp\.)", re.I),
    re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S"),
    re.compile(r"^\^?\{?&?#?\}?x?2?7?;?'?[A-Z][\w ]+'\s*:"),
    # Author lists: "Nobes G, Panagiotaki G & Russell Jonsson K (2019)".
    re.compile(
        r"\b(?:[A-Z][a-z]+,? (?:[A-Z]\.? ?){1,3}(?:&|and|,)\s*)+[A-Z][a-z]+.{0,40}\((?:19|20)\d\d\)"
    ),
    re.compile(r"\((?:19|20)\d\d\)\s+[‘'\"“A-Z]"),
    re.compile(r"\b(?:Published|Produced|Developed) (?:in \w+ \d{4} )?by\b"),
    re.compile(r"\bEd(?:s|itors?)?[.:]\s+[A-Z]|\b[Vv]olume \d+:"),
    re.compile(r"©|Open Government Licence|copyright", re.I),
]


@dataclass(frozen=True)
class Unit:
    """A sentence, bullet item or line of a passage, as character offsets into it."""

    start: int
    end: int
    text: str
    citation: bool = False

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass
class Segmented:
    """A passage cut into units, with the character ranges that are only names or titles."""

    text: str
    units: list[Unit]
    masks: list[tuple[int, int]] = field(default_factory=list)
    boilerplate: bool = False
    lower: str = ""

    def __post_init__(self) -> None:
        folded = self.text.lower()
        # Offsets must line up; the odd character that lower-cases to two keeps its case.
        if len(folded) != len(self.text):
            folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in self.text)
        self.lower = folded

    def masked(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.masks)

    def unit_at(self, offset: int) -> int:
        for i, unit in enumerate(self.units):
            if unit.start <= offset < unit.end:
                return i
        return len(self.units) - 1


def _pieces(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _BREAK.finditer(text):
        cuts.extend([m.start(), m.end()])
    cuts.append(len(text))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        lead = _LEAD.match(text, start, end)
        if lead:
            start = lead.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _merge_short(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join fragments of under MIN_UNIT_WORDS words to the next piece on the same line."""
    merged: list[tuple[int, int]] = []
    carry: tuple[int, int] | None = None
    for start, end in spans:
        if carry is not None:
            if "\n" in text[carry[1] : start]:
                merged.append(carry)
            else:
                start = carry[0]
            carry = None
        words = len(_WORD.findall(text[start:end]))
        if words == 0:
            continue
        if words < MIN_UNIT_WORDS:
            carry = (start, end)
            continue
        merged.append((start, end))
    if carry is not None:
        merged.append(carry)
    return merged


def is_citation(text: str) -> bool:
    """Whether a unit reads as a reference, footnote or publication notice."""
    return any(p.search(text) for p in _CITATION)


def _is_title(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL]
    if len(words) < 3 or not content:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= 0.6


def _masks(text: str) -> list[tuple[int, int]]:
    masks = [m.span() for m in _LINK.finditer(text)]
    masks += [m.span() for m in _URL.finditer(text)]
    masks += [m.span() for m in _ORG.finditer(text)]
    for m in _QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if _is_title(_WORD.findall(inner)):
            masks.append(m.span())
    return masks


def _cited(text: str, start: int, end: int) -> bool:
    # Look back over the stripped bullet or footnote marker: it is part of the evidence.
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[max(line_start, start - 6) : start]
    return is_citation(lead.lstrip(" -•*") + text[start:end])


def _numeric_share(text: str) -> float:
    tokens = text.split()
    if len(tokens) < 12:
        return 0.0
    return sum(bool(re.fullmatch(r"[\d.,%()-]+", t)) for t in tokens) / len(tokens)


def segment(text: str) -> Segmented:
    """Cut a passage into units and mark links, titles, names, citations and contents pages."""
    spans = _merge_short(_pieces(text), text) or [(0, len(text))]
    units = [Unit(s, e, text[s:e], _cited(text, s, e)) for s, e in spans]
    boilerplate = (
        _numeric_share(text) >= 0.35
        or _NUMBER_RUN.search(text) is not None
        or len(_CONTENTS_ENTRY.findall(text)) >= 4
        or sum(u.citation for u in units) * 2 >= len(units)
    )
    return Segmented(text, units, _masks(text), boilerplate)
