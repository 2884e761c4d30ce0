"""What happened to the child: it died, was seriously harmed, or did the harm ('other').

Read from the sentences about the child, never from the criteria for a review ('where a
child has died or been seriously harmed'), harm feared or alleged, or harm to someone
named before the child.
"""

from __future__ import annotations

import re

from ingest.subject.age import belongs_to_other
from ingest.subject.words import GROUP_HARMED, KILLED_CHILD, OTHER_PERSON, SIBLINGS_DIED
from ingest.types import FieldValue, Page

DIED = re.compile(
    r"\b(?:died|dies|death of|(?<=’s )death|(?<='s )death|(?<=and his )death|(?<=and her )death|"
    r"(?<=until his )death|(?<=until her )death|was found dead|pronounced dead|"
    r"(?:declared|confirmed|certified) dead|"
    r"(?<!non-)(?<!not )(?<!near )(?<!near-)fatal(?:ly)?|killed|murder(?:ed)?|"
    r"took (?:his|her|their) own life|(?:stabbed|beaten|shot) to death|by suicide|suicide of|"
    r"tragic death|passed away|sudden death|smothered|suffocated|strangled|"
    r"unexpected death|date of death|could not be resuscitated|could not revive (?:him|her)|"
    r"(?:were|was) unable to revive (?:him|her)|found hanged|"
    r"hanged (?:himself|herself)|drowned)\b",
    re.I,
)
HARMED = re.compile(
    r"\b(?:serious(?:ly)? (?:harm|harmed|injur\w*)|significant(?:ly)? (?:harm\w*|injur\w*)|"
    r"life[- ]changing|life[- ]threatening|non-accidental injur\w*|fractur\w*|head injur\w*|"
    r"brain injur\w*|sexually exploited|sexual(?:ly)? abus\w*|stabbed|suffered serious|"
    r"grievous bodily harm|bruis\w+|injur(?:y|ies|ed)|abused|burns?|scald\w*|"
    r"abuse of (?:a|an|the|her|him)|"
    r"ingest\w*|overdose\w*|swallow\w* (?:\w+ ){0,2}(?:tablets|pills|medication|drugs|methadone|"
    r"cannabis|batter(?:y|ies)|bleach)|(?:seriously|sexually|physically|violently) assaulted|"
    r"(?:bleed(?:ing)?|haemorrhag\w*) (?:on|in|around|to|within) (?:the|her|his|their) brain|"
    r"brain bleed|(?:bleed(?:ing)?|haemorrhag\w*) (?:behind|in) (?:the|her|his|their) eyes|"
    r"retinal haemorrhag\w*|raped|rape of|"
    r"broken (?:arms?|legs?|bones?|ribs?|skull|wrists?|femur|collarbone|jaw)|"
    r"cardiac arrest|(?:permanent |severe )?brain damage|shook (?:him|her)|"
    r"(?:serious |violent )?(?:sexual )?assault (?:on|of) (?:him|her)|serious sexual assault|"
    r"victim of (?:a |an )?(?:serious |violent |sustained )?(?:sexual |physical )?"
    r"(?:assault|attack)|"
    r"subjected to (?:\w+ ){0,2}(?:abuse|violence|assaults?|cruelty)|"
    r"subdural|skull fracture|abusive head trauma|shaken|stabbing|near[- ]fatal|"
    r"admitted to (?:hospital|intensive care|a (?:paediatric|children's) (?:ward|unit)"
    r"|(?:the )?(?:[A-Z][\w'’-]+ ){1,4}(?:Hospital|Infirmary))|"  # 'to Northvale Royal Infirmary'
    r"severely (?:malnourished|dehydrated|underweight))\b",
    re.I,
)


# The criteria for a review, not what happened: 'the child died or was seriously harmed'.
_CRITERIA_OR = re.compile(
    r"\b(?:died|dies|death)\s+or\s+(?:has\s+)?(?:been\s+|was\s+|is\s+)?(?:seriously\s+|serious\s+)"
    r"(?:harm|harmed|injur\w*)"
    r"|\b(?:serious(?:ly)?|significant(?:ly)?)\s+(?:harm|harmed|injur\w*)\s+or\s+(?:death|died|dies|"
    r"killed)\b",  # 'suffers a serious injury or death'
    re.I,
)


# The statutory criteria set out as a list or a rule: 'where abuse or neglect is known or
# suspected and the child has: died; or sustained ...'
_CRITERIA_LIST = re.compile(
    r"(?i)\b(?:is|are|was|were) known or suspected\b[^.]{0,80}\b(?:died|dies|death)\s*[;,]?\s*"
    r"(?:or|[•·-])"
    r"|\b(?:carr(?:y|ied) out|undertaken?|conduct(?:ed)?|considered|hold|held)\s+"
    r"(?:an?\s+(?:[\w-]+\s+){0,5}?review\s+)?(?:in cases\s+)?(?:where|when|if)\b"
    r"[^.]{0,60}\bknown or suspected\b"
    # 'When a child dies and abuse or neglect is known or suspected to be a factor, ...'
    r"|\b(?:when|where|if) (?:a|the) child (?:dies|has died|is seriously harmed)\b"
    r"[^.]{0,80}\bknown or suspected\b"
)


def _criteria(sentence: str) -> bool:
    """Whether the sentence sets out the criteria for a review rather than what happened."""
    return _CRITERIA_OR.search(sentence) is not None or _CRITERIA_LIST.search(sentence) is not None


def outcome(
    subject: list[tuple[int, str]],
    pages: list[Page],
    name: str | None = None,
    several: bool = False,
) -> FieldValue | None:
    """Died or seriously harmed, from what the sentences say happened to the child (not to
    a parent or sibling named just before); of several children, none when one died and
    another was hurt ('the death of a baby and injuries to two others')."""
    did_harm: FieldValue | None = None
    for page_number, sentence in subject:
        several_died = SIBLINGS_DIED.search(sentence)
        if (
            several_died
            and not _criteria(sentence)
            and not _UNPROVEN.search(
                sentence[max(0, several_died.start() - 30) : several_died.start()]
            )
        ):
            return FieldValue("died", page_number, sentence)  # 'the deaths of two babies'
    for page_number, sentence in subject:
        if KILLED_CHILD.search(sentence) and not _criteria(sentence):
            return FieldValue("died", page_number, sentence)  # 'smothered her two sons'
    for label, pattern in (("died", DIED), ("serious_harm", HARMED)):
        for page_number, sentence in subject:
            if _criteria(sentence):
                continue  # 'where a child has died or been seriously harmed': the criteria
            if several and label == "died" and DIED.search(sentence) and HARMED.search(sentence):
                return None
            for found in pattern.finditer(sentence):
                if _did_it(sentence, found.start()):
                    # 'a 17-year-old who stabbed his father': the child did the harm
                    did_harm = did_harm or FieldValue("other", page_number, sentence)
                    continue
                before = sentence[max(0, found.start() - 30) : found.start()]
                if _UNPROVEN.search(before):
                    continue  # 'an allegation of sexual abuse', 'at risk of serious harm'
                if _ANY_CHILD.search(before):
                    continue  # 'not an inquiry into how a child died': any child, in general
                if label == "serious_harm" and _DONE_TO_CHILD.match(sentence[found.start() :]):
                    return FieldValue(label, page_number, sentence)  # 'had abused her'
                # 'Child P's mother was killed': someone named after the child; not an
                # agent ('found by his father and could not be resuscitated')
                masked = re.sub(r"(?i)\bby (?:his|her|their|the|a|an) \w+", " ", before)
                if name:
                    masked = re.sub(rf"(?i)\b{re.escape(name)}(?![\w-])", "the child", masked)
                others = [m.end() for m in OTHER_PERSON.finditer(masked)]
                if not others or (name and masked.rfind("the child") > others[-1]):
                    return FieldValue(label, page_number, sentence)
    for page_number, sentence in subject:
        if GROUP_HARMED.search(sentence) and not _criteria(sentence):
            return FieldValue("serious_harm", page_number, sentence)  # 'five children were abused'
    if did_harm is None:
        charged = next(((p, s) for p, s in subject if _charged_child(s, name)), None)
        if charged:  # 'Child J, aged 15, was arrested for a serious assault on another boy'
            did_harm = FieldValue("other", charged[0], charged[1])
    return did_harm


# Harm someone did to the child, its object a pronoun: 'her stepfather had abused her'.
_DONE_TO_CHILD = re.compile(
    r"(?i)(?:(?:sexually|physically)\s+)?(?:abus(?:ed|ing)|assault(?:ed|ing)|injured|harmed|stabbed|"
    r"attacked|exploit(?:ed|ing)|rap(?:ed|ing)|shook)\s+(?:him|her)(?=\s*[.,;]|\s+(?:over|for|when|while|at|in|on|and|repeatedly|"
    r"several|many|from|during|before|after)\b)"
)
# Any child, in general: 'how a child died', 'when a baby dies', 'if a child is injured'.
_ANY_CHILD = re.compile(
    r"(?i)\b(?:how|when|where|if|whether|why|whenever)\s+(?:an?|any)\s+(?:child|baby|infant|"
    r"young person)\s+(?:(?:has|had|was|is|been|being|were)\s+){0,2}(?:\w+ly\s+)?$"
)
# Harm feared, alleged or looked into, not harm that happened.
_UNPROVEN = re.compile(
    r"(?i)\b(?:allegations?|alleged(?:ly)?|suspected|suspicions?|risks?|fears?|"
    r"possible|potential|prevent(?:ing)?|protect(?:ed|ing)? (?:him|her|them|\w+) from)\b"
    r"[^.,;]{0,20}$"
)


def _charged_child(sentence: str, name: str | None) -> bool:
    """'Child J was arrested for an assault', not 'her partner was charged with murder'."""
    found = _CHARGED.search(sentence)
    return found is not None and not belongs_to_other(sentence[: found.start()], name)


_CHARGED = re.compile(
    r"(?i)\b(?:was|were|had been|has been)\s+(?:later\s+)?(?:arrested|charged|convicted|"
    r"sentenced|remanded)\b[^.]{0,40}\b(?:assault|murder|manslaughter|stabbing|robbery|attack|"
    r"killing|rape|wounding)"
)


_DOER = re.compile(
    r"(?i)^(?:sexually\s+|physically\s+|seriously\s+)?(stabbed|killed|murdered|attacked|assaulted|"
    r"injured|shot|raped|abused)(?:\s+and\s+(?:killed|murdered|injured|stabbed|robbed))?\s+"
    r"(?:his\s+own\s+|her\s+own\s+)?"
    r"(?:(?:a|an|their|the|another|two|three|several)\b|(?:his|her)\s+(?!(?:and|when|while|at|in|"
    r"on|over|for|from|during|before|after|repeatedly|again)\b)[a-z])"
)


def _did_it(sentence: str, start: int) -> bool:
    """Whether the harm at `start` is one done by someone ('who stabbed his father', 'M
    stabbed a man'), not suffered ('was stabbed')."""
    before = sentence[max(0, start - 14) : start]
    convicted = _CONVICTED_OF.search(sentence[:start])
    if convicted:  # 'Child R was convicted of the murder of ...': the child did it
        return not belongs_to_other(sentence[: convicted.start()], None)
    return _DOER.match(sentence[start:]) is not None and not re.search(
        r"(?i)\b(?:was|were|been|being|is|are|be|had)\s+(?:\w+\s+)?$", before
    )


_CONVICTED_OF = re.compile(
    r"(?i)\b(?:convicted|charged|arrested|guilty|accused|sentenced|jailed)\s+(?:\w+\s+){0,2}"
    r"(?:of|for|with)\s+(?:the\s+|a\s+|an\s+)?(?:attempted\s+)?$"
)
