"""The names a review uses for its subject children (`pseudonyms`).

A code or name after a keyword ('Child R', 'Baby Eva', 'Children A–F', 'Child Tobin'), a
name the text says it uses ('referred to as Child C', 'Daniel (not his real name)',
'Tamsin*'), a family, a pair of reviews or a case heading, a bare code ('KT12'); else a
first name (`first_names`) or, on a news page, a full name (`full_names`).
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.front import MONTH_WORD, MONTHS
from ingest.subject.age import AGE
from ingest.subject.first_names import (
    FIRST_NAME,
    first_name_in_title,
    first_name_subject,
    listed_with,
    scored_first_names,
)
from ingest.subject.full_names import full_name_subjects, with_surname
from ingest.subject.mentions import CHILD_AS_SUBJECT, PRONOUN_FIRST, SUBJECT_CUE, mentions, where
from ingest.subject.not_names import NOT_A_NAME, NOT_INTRODUCED, TITLE_STOP, plain_name
from ingest.subject.words import (
    CHILD_KEYWORDS,
    CHILD_WORD,
    KEYWORD,
    SIBLING,
    STORY_PAGES,
    SUBJECT_NAME,
    YOUNG_PERSON,
    keyword_pattern,
    sentences,
)
from ingest.types import FieldValue, Page

# The names used for subject children, as other modules quote them ('Child D', 'Baby Eva').
PSEUDONYM = re.compile(
    r"\b((?:" + keyword_pattern((*CHILD_KEYWORDS, SIBLING, YOUNG_PERSON)) + r")\s+[A-Z]{1,2}\d?"
    r"|Baby\s+[A-Z][a-z]{2,}"
    r"|(?:Child|Baby)\s+[A-Z](?=[’']s\b))(?![\w-])"
)


def pseudonyms(pages: list[Page], title: str | None) -> FieldValue | None:
    """Names the document uses for its subject children: those in the title, else those
    named on the first page or recurring."""
    counts: Counter[str] = Counter()
    first_page: dict[str, int] = {}
    everything = "\n".join(line.text for page in pages for line in page.lines)
    for page in pages:
        text = " ".join(line.text for line in page.lines)
        for name in _names_in(text) + _named_children(text, everything):
            if _ordinary_word_after_keyword(name, everything):
                continue  # 'Inquiry Into Baby Sleep', the text also saying 'sleep'
            counts[name] += 1
            first_page.setdefault(name, page.number)
    in_title = [name for name in _names_in(title or "") if name in counts]
    if title and not in_title and not _introduced(pages, everything):
        first = first_name_in_title(title, pages)
        if first:
            return FieldValue([first], 1, title)
    if in_title:
        names = list(dict.fromkeys(in_title))
    else:
        names = [
            name
            for name, count in counts.items()
            if (
                not name.startswith(("Family", "Children"))
                and count >= (3 if re.search(r"^Baby .*[a-z]$", name) else 2)
            )
            or _quoted_child_name(name, everything)
        ]
        # and those the text says it names ('the girl, referred to as Child C'), met once
        introduced = _introduced(pages, everything)
        if introduced:
            for name in introduced[0]:
                first_page.setdefault(name, introduced[1])
            names = list(dict.fromkeys(names + introduced[0]))
        for page in pages[:STORY_PAGES]:  # 'Daniel (not his real name)'
            for unreal in _NOT_REAL_NAME.finditer(" ".join(line.text for line in page.lines)):
                first_page.setdefault(unreal.group(1), page.number)
                names = list(dict.fromkeys([*names, unreal.group(1)]))
        if not names:
            starred = _starred_name(pages, everything)
            if starred:
                names, first_page[starred[0]] = [starred[0]], starred[1]
        if not names:  # 'Serious Case Review: the Hartley Family'
            family = _family_in_heading(pages, everything)
            if family:
                names, first_page[family[0]] = [family[0]], family[1]
        if not names:  # 'Serious Case Reviews M & J', 'Local Reviews: Q and Tamsin'
            pair = _reviews_named_by_pair(pages, everything)
            if pair:
                names = pair[0]
                for name in names:
                    first_page.setdefault(name, pair[1])
        if not names:  # 'after the birth of KT12', 'KT12's death': a bare code for the child
            coded = _bare_code(pages, everything)
            if coded:
                names, first_page[coded[0]] = [coded[0]], coded[1]
        if not names:
            names = _named_once(pages, counts)
            for name in names:
                first_page.setdefault(name, 1)
        if not names:  # 'Serious Case Review in respect of ‘R’': a quoted letter as the name
            quoted = next(
                (
                    (found.group(1), page.number)
                    for page in pages[:STORY_PAGES]
                    for found in _REVIEW_OF_QUOTED.finditer(" ".join(ln.text for ln in page.lines))
                    if found.group(1) not in TITLE_STOP
                    and not re.search(rf"\b{found.group(1).lower()}\b", everything)
                ),
                None,
            )
            if quoted:
                names, first_page[quoted[0]] = [quoted[0]], quoted[1]
        if not names:  # 'When Ruby died, aged 11 months, ...': a first name as the child's
            named = first_name_subject(pages, everything)
            if named:
                names, first_page[named[0]] = [named[0]], named[1]
        if not names:  # a news page: 'the death of two-year-old Tilly Marsh'
            full = full_name_subjects(pages, everything)
            for name, page_number in full:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in full]
        if not names:  # a briefing on several cases, each under its own heading
            headed = _case_headings(pages)
            for name, page_number in headed:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in headed]
        if not names:  # a first name scored over the whole opening
            scored = scored_first_names(pages)
            for name, page_number in scored:
                first_page.setdefault(name, page_number)
            names = [name for name, _ in scored]
        names = listed_with(pages, names, first_page)
    if not names:
        return None
    names.sort(key=lambda name: (first_page[name], -counts[name]))
    page_number = first_page[names[0]]
    names = with_surname(names, everything)
    return FieldValue(names, page_number, ", ".join(names))


# A heading naming reviews by their two children: 'Serious Case Reviews M & J', 'Case
# Reviews: Q and Tamsin June 2020', 'Serious Case Review\nM & J Children'
_PAIR = r"(?:[A-Z]{1,2}|[A-Z][a-z]{2,})"
_REVIEWS_OF_PAIR = re.compile(
    rf"\b(?i:reviews?)\s*[:–-]?\s*(?:(?i:into|of|concerning)\s+)?({_PAIR})\s*(?:&|\band\b)\s*"
    rf"({_PAIR})(?:\s+(?i:children|family))?"
    rf"(?=[ \t]*(?:\n|$)|\s+(?i:{MONTH_WORD})\s+(?:19|20)\d\d\b)"
)


def _reviews_named_by_pair(pages: list[Page], everything: str) -> tuple[list[str], int] | None:
    """The two children a heading names reviews by, each a letter or a first name the text
    never writes in lower case."""
    for page in pages[:STORY_PAGES]:
        text = "\n".join(line.text for line in page.lines)
        for found in _REVIEWS_OF_PAIR.finditer(text):
            pair = [found.group(1), found.group(2)]
            if any(
                name in TITLE_STOP
                or name in NOT_A_NAME
                or name.lower() in MONTHS
                or (len(name) > 2 and re.search(rf"\b{name.lower()}\b", everything))
                for name in pair
            ):
                continue
            return pair, page.number
    return None


def _starred_name(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A first name marked with an asterisk whose note says it is not the child's real name
    ('Tamsin*' ... '* a pseudonym has been used'), never written in lower case."""
    if not _PSEUDONYM_NOTE.search(everything):
        return None
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _STARRED_NAME.finditer(text):
            name = found.group(1)
            if plain_name(name, everything):
                return name, page.number
    return None


# 'Serious Case Review relating to the Hartley Family', 'SCR: THE K FAMILY'
_FAMILY_HEADING = re.compile(
    r"(?i)\b(?:review|report|SCR|CSPR|LCSPR)\b[\s:,-]*(?:(?:relating to|concerning|regarding|"
    r"in respect of|into|of|on)\s+)?the\s+([a-z]{2,}|[a-z]{1,2}\d?)\s+family\b"
)
_NOT_A_SURNAME = {"whole", "wider", "extended", "foster", "birth", "same", "child", "young"}


def _family_in_heading(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """The family a review's title names ('Serious Case Review relating to the Hartley
    Family'), its name a word the text never writes in lower case except before 'family'."""
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _FAMILY_HEADING.finditer(text):
            word = found.group(1)
            if word.lower() in _NOT_A_SURNAME or word.capitalize() in NOT_A_NAME:
                continue
            ordinary = rf"\b{word.lower()}\b(?!\s+family\b)"
            if re.search(ordinary, everything):
                continue
            return f"Family {word.capitalize() if len(word) > 2 else word.upper()}", page.number
    return None


# A bare code for the child, shown to be a person: 'after the birth of KT12', 'KT12's death',
# 'KT12 became unwell'
_BARE_CODE = r"[A-Z]{1,3}\d{1,2}"
_CODE_AS_CHILD = re.compile(
    rf"\b(?:birth|death|injuries|injury|killing|murder) of ({_BARE_CODE})(?![\w’'-])"
    rf"|\b({_BARE_CODE})[’']s (?:death|birth|injuries|injury|life|mother|father|parents|"
    r"siblings?|brothers?|sisters?)\b"
    rf"|\b({_BARE_CODE}) (?:died|becomes? (?:acutely |seriously )?(?:unwell|ill)|"
    r"became (?:acutely |seriously )?(?:unwell|ill)|was born)\b"
)


def _bare_code(pages: list[Page], everything: str) -> tuple[str, int] | None:
    """A code with no keyword ('KT12') that the opening shows to be the child, once as a
    person born, dying or unwell, and named at least twice."""
    for page in pages[:STORY_PAGES]:
        text = " ".join(line.text for line in page.lines)
        for found in _CODE_AS_CHILD.finditer(text):
            code = next(g for g in found.groups() if g)
            if len(re.findall(rf"\b{code}(?![\w-])", everything)) >= 2:
                return code, page.number
    return None


def _ordinary_word_after_keyword(name: str, everything: str) -> bool:
    """'Baby Loss', 'Infant Sleep': a word the text also writes in lower case, not after
    the keyword (a lower-case running header repeats 'baby eva'), is no first name."""
    found = re.fullmatch(r"(?:Baby|Infant) ([A-Z][a-z]{2,})", name)
    if not found:
        return False
    word = found.group(1).lower()
    return re.search(rf"(?<!baby )(?<!infant )\b{word}\b", everything) is not None


# A line that is only a child's code: the heading of one case ('Child 2', 'Baby C')
_CASE_HEADING = re.compile(
    r"^\s*(?:\d{1,2}[.)]?\s+)?"
    r"((?:" + KEYWORD + r")\s+(?:[A-Z]{1,2}|\d{1,2}))\s*:?\s*$"
)


def _case_headings(pages: list[Page]) -> list[tuple[str, int]]:
    """Children whose codes head the cases of a page ('Child 1', then what happened, then
    'Child 2'): two or more, each on a line of its own with its case below it."""
    found: list[tuple[str, int]] = []
    for page in pages[:STORY_PAGES]:
        for index, line in enumerate(page.lines):
            heading = _CASE_HEADING.match(line.text)
            if not heading:
                continue
            below = next((ln.text for ln in page.lines[index + 1 :] if ln.text.strip()), "")
            if len(below.split()) >= 6:  # a case told below, not a cover's line
                name = re.sub(r"\s+", " ", heading.group(1))
                if name not in (n for n, _ in found):
                    found.append((name, page.number))
    return found if len(found) >= 2 else []


def _named_once(pages: list[Page], counts: Counter[str]) -> list[str]:
    """The children's names, each met once, in one sentence about the subject ('Child T was
    eleven months old when ...', 'the review concerns Child E and Child F'): only when the
    opening names no other child. Else a family the review says it concerns."""
    coded = r"^(?:" + KEYWORD + r"|YP) [A-Z]{1,2}\d{0,2}$"
    everything = "\n".join(line.text for page in pages for line in page.lines)
    children = [n for n in counts if not n.startswith(("Family", "Children"))]
    families = [n for n in counts if n.startswith("Family")]
    if children and not all(re.match(coded, n) for n in children):
        return []
    for page in pages[:STORY_PAGES]:
        said = sentences("\n".join(line.text for line in page.lines))
        for index, sentence in enumerate(said):
            going_on = said[index + 1] if index + 1 < len(said) else ""
            # the cue may be in a 'He'/'She' sentence going on about the child
            cued = SUBJECT_CUE.search(sentence) or (
                CHILD_AS_SUBJECT.match(sentence)
                and PRONOUN_FIRST.match(going_on)
                and SUBJECT_CUE.search(going_on)
            )
            listed = _names_in(" ".join(m.group(0) for m in _CHILDREN_LISTED.finditer(sentence)))
            if cued and children and all(n in listed or mentions(sentence, n) for n in children):
                # 'Children A, B and C, who were ...': each child of the list
                return sorted(
                    children,
                    key=lambda n: (where(sentence, n), listed.index(n) if n in listed else -1),
                )
            if (
                not children
                and len(families) == 1
                and mentions(sentence, families[0])
                and _REVIEW_OF.search(sentence)
            ):
                return families
            surname = _SURNAME_FAMILY.search(sentence)
            if (
                not children
                and not families
                and surname
                and _REVIEW_OF.search(sentence)
                and not re.search(rf"\b{surname.group(1).lower()}\b", everything)
            ):
                return [f"Family {surname.group(1)}"]  # 'this review concerns the Green family'
    return []


_SURNAME_FAMILY = re.compile(r"\b[Tt]he ([A-Z][a-z]{2,}|[A-Z]{1,2}\d?) [Ff]amily\b")
_REVIEW_OF_QUOTED = re.compile(
    r"\b(?i:review|report)\s+(?i:in respect of|into the death of|concerning|regarding|of|for)\s+"
    rf"[‘'\"“]([A-Z]{{1,2}}\d?|{FIRST_NAME})[’'\"”]"
)


# 'this review concerns', 'the review looks at the experiences of'
_REVIEW_OF = re.compile(
    r"(?i)\b(?:review|report)\s+(?:\w+\s+){0,2}(?:concerns|considers|is about|looks at|"
    r"examines|focuses on|into|of|for|in respect of|regarding|relating to)\b"
)
# 'Daniel (not his real name)'
# 'Tamsin*', the asterisk's note saying the child's name is not the real one
_STARRED_NAME = re.compile(rf"(?<![\w*-])({FIRST_NAME})\*(?![\w*])")
_PSEUDONYM_NOTE = re.compile(
    r"(?i)\b(?:a pseudonym|pseudonyms?\s+(?:is|are|has been|have been)\s+used|"
    r"not (?:his|her|their) real name|names? (?:has|have) been changed)\b"
)
_NOT_REAL_NAME = re.compile(
    r"(?<![\w-])(?<!Child )(?<!Baby )(?<!Infant )"
    rf"[‘'\"“]?({FIRST_NAME})[’'\"”]?\s*"
    r"(?:\((?:not (?:his|her|their) real name|a pseudonym|pseudonym)\)"
    r"|,\s+whose (?:real )?name (?:has been|was|is) changed)"  # 'Ruby, whose name has been changed'
)


_NAME = (
    r"(?:(?:" + KEYWORD + r"|Family)\s+(?:[A-Z][\w’'-]*|\d{1,2}(?![\w-]))"
    r"|[A-Z][a-z]{2,})"
)
# 'referred to as Child C', 'known as Sarah', 'the pseudonyms Liam and Nicole', 'named James
# in the report', 'who can only be identified as Child A'
_INTRODUCED = re.compile(
    rf"\b(?:referred to|known|identified|named|called|described)\s+"
    rf"(?:(?:in|throughout) (?:the|this) (?:report|review)\s+|(?:here|hereafter|below)\s+)?"
    rf"(?:only\s+)?"
    rf"(?:as|by the pseudonyms?|using the pseudonyms?)\s+(?:the\s+)?[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?:,?\s+(?:and|&)\s+[‘'\"“]?({_NAME})[’'\"”]?)?"
    rf"|\b(?:named|called|(?:we|I)\s+(?:will\s+|shall\s+)?call)\s+({_NAME})"
    rf"\s+(?:in|throughout) (?:the|this) (?:report|review)\b"
    rf"|\brefers?\s+to\s+(?:him|her|the (?:child|baby|boy|girl|young person))\s+as\s+({_NAME})"
    rf"|\b({_NAME}),?\s+as (?:he|she|they) (?:is|are|will be) (?:called|known|named|referred to)\b"
    rf"|\b({_NAME}) is the (?:name|pseudonym) (?:used |given |chosen )?(?:in |by |for )?"
    rf"(?:this|the) (?:report|review)(?: uses)?(?: for)?"
    rf"|\b(?:(?:the )?subject of (?:this|the) (?:review|report)|(?:child|young person|baby) at "
    rf"the (?:centre|center|heart) of (?:this|the) (?:review|report)),\s+({_NAME}),"
    # 'the 13-year-old, named Tilly in the report', 'a baby girl named only as Tilly'
    rf"|\b(?:child|baby|boy|girl|toddler|infant|teenager|\w+-(?:day|week|month|year)s?-old),?\s+"
    rf"(?:named|called)\s+(?:only\s+)?(?:as\s+)?[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?=\s*[,.;)]|\s+(?:in|by)\s+the\s+(?:report|review)\b)"
    rf"|\b(?:is|are|will be|shall be|has been)\s+(?:called|named)\s+[‘'\"“]?({_NAME})[’'\"”]?"
    rf"(?=\s*[,.;)]|\s+(?:in|throughout|for)\b)"
)
_A_CHILDS = (
    r"(?:'s|’s)\s+(?:mother|father|mum|dad|parents?|birth|death|life|siblings?|brother|sister)"
)


def _introduced(pages: list[Page], everything: str) -> tuple[list[str], int, str] | None:
    """Children the text says it names ('the girl, referred to as Child C'); a first name
    counts when a child is spoken of just before it, or it is spoken of as a child's
    ('Liam's mother'), not the parent introduced beside it."""
    names: list[str] = []
    where: tuple[int, str] | None = None
    for page in pages[:STORY_PAGES]:
        text = re.sub(r"\s+", " ", " ".join(line.text for line in page.lines))
        for found in _INTRODUCED.finditer(text):
            # a child spoken of just before the name, or just after ('..., was a boy of ten')
            near_child = CHILD_WORD.search(
                text[max(0, found.start() - 60) : found.start()]
            ) or CHILD_WORD.search(text[found.end() : found.end() + 40])
            # or the child's age just after ('Ollie, as he is called here, was 16 when ...')
            near_child = near_child or AGE.search(text[found.end() : found.end() + 40])
            captured = (n.strip("’'") for n in found.groups() if n)
            for name in (n for n in captured if n not in NOT_INTRODUCED):
                keyword = name.split()[0] in {"Child", "Baby", "Infant", "Young", "Family"}
                if not keyword and re.search(rf"\b{re.escape(name.lower())}\b", everything):
                    continue  # an ordinary word, not a name
                childs = re.search(rf"\b{re.escape(name)}{_A_CHILDS}", everything)
                if (keyword or near_child or childs) and name not in names:
                    names.append(name)
                    where = where or (page.number, found.group(0))
    for page in pages[:STORY_PAGES]:  # 'referred to as the Hart family'
        text = re.sub(r"\s+", " ", " ".join(line.text for line in page.lines))
        for found in _INTRODUCED_FAMILY.finditer(text):
            if f"Family {found.group(1)}" not in names:
                names.append(f"Family {found.group(1)}")
                where = where or (page.number, found.group(0))
    if not names or where is None:
        return None
    return names, where[0], where[1]


_INTRODUCED_FAMILY = re.compile(
    r"\b(?:referred to|known|described|identified)\s+(?:here\s+|in this (?:report|review)\s+)?"
    r"as\s+the\s+[‘'\"“]?([A-Z][a-z]{2,}|[A-Z]{1,2}\d?)[’'\"”]?\s+[Ff]amily\b"
)


# 'Child Tobin', 'Young Person Rowan1' (a footnote's mark run on to the name)
_CHILD_FIRST_NAME = re.compile(
    r"\b(" + keyword_pattern(CHILD_KEYWORDS, any_space=True) + r")\s+([A-Z][a-z]{2,})"
    r"(?=\d{0,2}(?![\w-]))"
)


def _quoted_child_name(name: str, everything: str) -> bool:
    """'Child Tobin' set in quotation marks as a name, the first name met again alone
    ('Tobin's death')."""
    found = re.fullmatch(r"Child ([A-Z][a-z]{2,})", name)
    if not found or not re.search(rf"[‘'\"“]{name}[’'\"”]", everything):
        return False
    alone = re.findall(rf"(?<!Child )\b{found.group(1)}\b", everything)
    return len(alone) >= 2


def _named_children(text: str, everything: str) -> list[str]:
    """'Child Tobin': a keyword and a first name the document never writes in lower case
    (so not 'Child Protection')."""
    names = []
    for found in _CHILD_FIRST_NAME.finditer(text):
        word, keyword = found.group(2), re.sub(r"\s+", " ", found.group(1))
        if keyword not in {"Child", "Young Person"} or word in NOT_A_NAME or word in TITLE_STOP:
            continue  # 'Baby Eva' is read by _names_in
        if word.lower() in MONTHS or re.search(rf"\b{word.lower()}\b", everything):
            continue
        names.append(f"{keyword} {word}")
    return names


# 'Children A & B', 'Children C, D and E': each child of the list
_CHILDREN_LISTED = re.compile(
    r"(?<![\w-])(?i:children)\s+([A-Z]{1,2}\d{0,2}(?:\s*,\s*[A-Z]{1,2}\d{0,2})*"
    r"\s*(?:&|\band\b)\s*[A-Z]{1,2}\d{0,2})(?![\w-])"
)


def _names_in(text: str) -> list[str]:
    names = [
        f"Child {code}"
        for listed in _CHILDREN_LISTED.finditer(text)
        for code in re.split(r"\s*(?:,|&|\band\b)\s*", listed.group(1))
    ]
    for found in SUBJECT_NAME.finditer(text):
        keyword = re.sub(r"\s+", " ", found.group(1) or found.group(3)).lower()
        code = re.sub(r"\s+", "", found.group(2) or found.group(4))
        if code in NOT_A_NAME:
            continue
        keyword = {"yp": "YP", "young person": "Young Person"}.get(keyword, keyword.capitalize())
        if keyword == "Children" and not re.search(r"[-–]", code):
            continue  # 'Children A–F' names a group; 'Children Act' does not
        names.append(f"{keyword} {code.replace('-', '–')}")
    names += [
        f"YP{found.group(1)}" for found in re.finditer(r"(?<![\w-])YP(\d{1,2})(?![\w-])", text)
    ]
    return names
