"""How a sentence speaks of the subject child: by its name or code (`mentions`,
`where`), as the subject of the sentence and then by a pronoun, or with a cue that the
sentence is about the child (its age, its death or harm, the review of it).
"""

from __future__ import annotations

import re

from ingest.subject.words import FULL_NAME, KEYWORD, KEYWORDS

# What a sentence says about the subject child: its age, its death or harm, the review of it.
SUBJECT_CUE = re.compile(
    r"\b(?:(?:this|the) review (?:concerns|considers|is about|looks at|relates to)|"
    r"the (?:death|circumstances) of|"
    r"review (?:into|of)|(?:was|is) (?:\w+[- ]){1,3}old|\w+[- ](?:day|week|month|year)s?[- ]old|"
    r"aged|died|injured|harmed|abused|exploited|assaulted|neglected|drowned|groomed|raped|"
    r"(?:was|is) (?:\d{1,2}|[a-z]+teen) when|"
    r"took (?:his|her|their) own life|"
    r"(?:was|were) (?:first |later |then |\w+ly )?(?:found|admitted|taken|born|convicted|arrested|"
    r"charged)|sustained|suffered|"
    r"(?:twins|a (?:baby |little )?(?:boy|girl))(?:,| aged| of)|"
    # reviews named by their children: 'our rapid reviews (Child Q, Baby N)'
    r"(?:SCR|LCSPR|CSPR|CPR|review)s?\s+\((?=(?:" + KEYWORD + r")\s))\b",
    re.I,
)
# A sentence whose subject is the child ('Child J was born ...', 'The baby, who was ...'),
# and one that goes on about it ('He was the youngest ...').
CHILD_AS_SUBJECT = re.compile(
    r"^(?:(?:[A-Z][\w:]*|\d+(?:\.\d+)*\.?),?\s+){0,14}?"  # a heading, 'In March 2019'
    r"(?<![’']s )"
    r"[‘'\"“]?(?:(?:" + KEYWORD + r")\s+[A-Z]{1,2}\d{0,2}(?![\w’'-])"
    r"|The (?:child|baby|infant|boy|girl|young person)\b)(?!\s*(?:’s|'s|and)\b)"
    r"(?=\s*[,(]|\s+[a-z])"  # 'Child J was', 'Child J, aged 4,': not a heading's next word
)
PRONOUN_FIRST = re.compile(
    r"^(?:(?:In|On|By|At|During|Later|Then|After|Aged)\b[^.;]{0,40}?,\s+)?(He|She|he|she)\b"
)
_FULL_NAME = re.compile(FULL_NAME)


def mentions(sentence: str, name: str) -> bool:
    return where(sentence, name) >= 0


def where(sentence: str, name: str) -> int:
    """Where the sentence names the child, however the code is quoted ('Child 'K''); -1 if
    it does not."""
    keyword, _, code = name.rpartition(" ")
    # a footnote's mark run on to the name: 'Young Person Rowan1'
    end = r"(?=\d{0,2}(?![\w-]))" if name[-1].islower() else r"(?![\w-])"
    pattern = rf"(?i)\b{re.escape(name)}{end}"
    if _FULL_NAME.fullmatch(name) and keyword.split()[0] not in KEYWORDS:
        # 'Tilly Marsh' is 'Tilly' further on; 'Baby Eva' stays whole
        pattern = rf"\b{re.escape(name.split()[0])}{end}"
    if keyword and re.fullmatch(r"[A-Z]{1,2}\d{0,2}", code):
        quoted = rf"{re.escape(keyword)}\s+[‘'\"“]?{re.escape(code)}[’'\"”]?"
        pattern = rf"(?i)\b{quoted}{end}"
    first = re.fullmatch(r"(?:" + KEYWORD + r") ([A-Z][a-z]{2,})", name)
    if first:  # 'Child Tobin' is 'Tobin' further on ('Tobin's death')
        pattern = rf"(?i:\b{re.escape(keyword)}\s+)?\b{re.escape(first.group(1))}{end}"
    found = re.search(pattern, sentence)
    return found.start() if found else -1
