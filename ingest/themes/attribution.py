"""Family factors told in the narrative: a factor word said of the adult it belongs to.

Reviews often describe a parent's difficulties without naming the factor as a topic: "the
twins stayed with their mother through a winter when her mental health was poor", "her
partner had spent most of his own childhood in foster care". The factor word alone ("mental
health", "in care") is as often said of the child, a service or nobody in particular. It is
attributed to an adult of the family when the nearest person named before it in the same
sentence is an adult of this family ("the mother", "her partner"; "a parent" or "parents"
in general are passed over), not a child, a sibling or a service; a pronoun ("her mental
health") stands for that nearest person.

Read by ingest/themes/review_level.py; the words are written from the coding frame.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ingest.themes.negation import denied

# People of the family who are adults, and people who are children (or services named after
# children): the nearest of either before a factor word decides whose factor it is.
ADULT_TERMS = (
    r"parents?",
    r"mother(?:s)?",
    r"father(?:s)?",
    r"mums?",
    r"dads?",
    r"step-?(?:father|mother|parent)s?",
    r"carers?",
    r"(?:male |new |former |previous )?partners?",
    r"boyfriends?",
    r"girlfriends?",
    r"grand(?:mother|father|parent)s?",
    r"adults?",
)
# An adult of this family is named with a definite word ("the mother", "her partner", "Child
# B's father") or as a name ("Mother", "Mr"); "a parent with ..." and "parents" on their own
# speak of parents in general (a review's criteria, a research summary).
_DEFINITE = re.compile(
    r"(?:\b(?:the|her|his|their|this|that|whose)|(?:'s|’s|s'|s’))\s+(?:\w+\s+)?$", re.IGNORECASE
)
_NAMED_ADULT = re.compile(r"^(?:Mother|Father|Mum|Dad|Mr|Mrs|Ms)\b")
CHILD_TERMS = (
    r"child(?:ren)?",
    r"bab(?:y|ies)",
    r"infants?",
    r"toddlers?",
    r"newborns?",
    r"sons?",
    r"daughters?",
    r"siblings?",
    r"brothers?",
    r"sisters?",
    r"boys?",
    r"girls?",
    r"young (?:person|people|man|woman)",
    r"teenagers?",
    r"adolescents?",
    r"pupils?",
    r"students?",
)
# Services named after the people they serve are nobody's factor: skipped.
SERVICE_TERMS = (
    r"(?:child|children|young people|adult|adults)(?:'s|’s|s'|s’)? (?:\w+ )?(?:social care|"
    r"services?|social work|teams?)",
    r"(?:child and adolescent|children and young people(?:'s|’s)?) mental health(?: services?)?",
    r"(?-i:CAMHS)",
)
# The factor words: a parent's mental ill health, drug or alcohol use, adversity in their
# own childhood, time in care as a child.
FACTOR_TERMS: dict[str, tuple[str, ...]] = {
    "parental_mental_health": (
        r"mental (?:ill[- ])?health",
        r"mental illness(?:es)?",
        r"mentally (?:ill|unwell)",
        r"depress(?:ion|ed|ive)",
        r"anxiety",
        r"psychos[ie]s|psychotic",
        r"personality disorders?",
        r"bipolar",
        r"schizophreni\w*",
        r"post[- ]?traumatic stress",
        r"(?-i:PTSD)",
    ),
    "substance_misuse": (
        r"(?:us(?:e|ed|ing)|misus(?:e|ed|ing)|tak(?:e|ing)|took) (?:of )?(?:illicit |illegal |"
        r"class a |street )?(?:drugs|substances)",
        r"drug (?:use|misuse|taking|addiction|habit|dependency)",
        r"alcohol\w*",
        r"drink(?:ing)? (?:heavily|to excess|problem)|heavy drink\w*|drinking",
        r"drunk|intoxicated|under the influence",
        r"addict\w*|dependen(?:ce|t) on",
    ),
    "parents_childhood_adversity": (
        r"(?:adverse|traumatic|difficult|abusive|troubled|disrupted|unhappy|chaotic) "
        r"(?:\w+ )?childhood",
        r"childhood (?:trauma|abuse|neglect|adversity)",
        r"(?:abused|neglected|traumatised) (?:as a child|in (?:her|his|their) childhood)",
        r"own (?:childhood|experiences? (?:of|as a child))",
    ),
    "care_leavers": (
        r"(?:was|were|had been|having been|grew up|spent (?:\w+ ){0,3}(?:years|time)) "
        r"(?:\w+ ){0,2}(?:in (?:local authority |foster |residential )?care|looked after)",
        r"care leavers?|care[- ]experienced|left care|leaving care",
        r"(?:history|experience|years|time) (?:\w+ )?(?:of|in) (?:being in |local authority |"
        r"foster |residential )?care"
        r"(?! (?:proceedings|plans?|orders?|homes? for|of (?:the|her|his)))",
    ),
}

_SENTENCE_END = re.compile(r"[.!?;]\s")
# How far back a factor word looks for the person it is said of: a long
# run of text with no sentence break (a flattened table) must not be rescanned for every word.
PERSON_REACH = 400
DEFINITE_REACH = 40


def _alternation(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(terms) + r")(?![\w-])", re.IGNORECASE)


@functools.cache
def _people() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return _alternation(ADULT_TERMS), _alternation(CHILD_TERMS), _alternation(SERVICE_TERMS)


@functools.cache
def _factors() -> dict[str, re.Pattern[str]]:
    return {theme: _alternation(terms) for theme, terms in FACTOR_TERMS.items()}


def attributed(sentence: str) -> Iterator[tuple[str, int, int]]:
    """Each family factor the sentence says of an adult of the family, with where its words
    stand: (theme, start, end)."""
    for theme, pattern in _factors().items():
        for match in pattern.finditer(sentence):
            if not denied(sentence, match.start(), match.end()) and said_of_adult(
                sentence, match.start(), match.end()
            ):
                yield theme, match.start(), match.end()


def _specific(text: str, match: re.Match[str]) -> bool:
    """Whether an adult is named as one person of this family, not parents in general."""
    before = text[max(0, match.start() - DEFINITE_REACH) : match.start()]
    return bool(_NAMED_ADULT.match(match.group()) or _DEFINITE.search(before))


def said_of_adult(sentence: str, start: int, end: int) -> bool:
    """Whether the nearest person named before [start, end) in its sentence is an adult:
    "the mother ... her depression" yes, "the mother ... the child's anxiety" no; a service
    named after people ("children's social care") is nobody."""
    adult, child, service = _people()
    window = sentence[max(0, start - PERSON_REACH) : start]
    before = service.sub(lambda m: " " * len(m.group()), window)
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    people = [(m.end(), "adult") for m in adult.finditer(before) if _specific(before, m)]
    people += [(m.end(), "child") for m in child.finditer(before)]
    if not people:
        return False
    people.sort()
    return people[-1][1] == "adult"
