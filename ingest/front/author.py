"""The author(s): named by an author or reviewer line, before or after its label, without
degrees, honours or roles."""

from __future__ import annotations

import re

from ingest.front.dates import DATE_DAY, DATE_MONTH, DATE_NUMERIC, DATE_YEAR, MONTH_NAMES, date_in
from ingest.front.lines import FrontLine

_ROLE = (
    r"(?:independent\s+)?(?:lead\s+|overview\s+|review\s+|report\s+|chief\s+)?"
    r"(?:reviewer|author|writer)s?(?:\s+of\s+(?:the\s+)?report)?"
)
AUTHOR_LABEL = re.compile(
    # 'authored by', not 'author' + 'ed by'; 'authority' is no author
    rf"\b(?:(?:reviewer|author)s?\s+(?:was|were)|{_ROLE}(?!ed\b|it)|written by|prepared by|"
    r"authored by|report by|reviewed by|undertaken by|carried out by|conducted by|led by|"
    r"completed by)\s*"
    # a role in brackets after the name: 'Jo Bloggs (Lead Reviewer)'
    r"(?:[:\-–]+\s*|,\s*(?=(?-i:[A-Z]))|(?=[A-Z])|(?=\))|$)",
    re.I,
)
_HONORIFIC = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s+)"
_NAME_PART = (
    r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|Mc[A-Z][a-z]+|O[’'][A-Z][a-z]+|[A-Z]\.?)(?![A-Za-z])"
)
_NAME = re.compile(rf"{_HONORIFIC}?{_NAME_PART}(?:\s+{_NAME_PART}){{1,3}}")
# A role's grade around a reviewer's name ('Jo Bloggs, Accredited Lead Reviewer', 'Senior
# Independent Reviewer'): no part of the name, and read before the role on a role line.
_ROLE_GRADES = {"Independent", "Accredited", "Senior", "External", "Chartered", "Registered"}
# Words that end a name: a role, a date, a qualification, the start of a sentence.
_NOT_NAME = (
    {m.capitalize() for m in MONTH_NAMES}
    | _ROLE_GRADES
    | {
        "Date",
        "Dated",
        "Lead",
        "Author",
        "Reviewer",
        "Overview",
        "Report",
        "Review",
        "Serious",
        "Case",
        "Safeguarding",
        "Board",
        "Partnership",
        "Council",
        "Children",
        "Child",
        "Baby",
        "Version",
        "Final",
        "The",
        "This",
        "On",
        "For",
        "And",
        "Of",
        "In",
        "Chair",
        "Panel",
        "Consultant",
        "Associate",
        "By",
        "From",
        "Ltd",
        "Limited",
        "LLP",
        "Consulting",
        "Consultancy",
        "Associates",
        "Solutions",
        "Training",
        "Services",
        "Practice",
        "Learning",
        "Local",
        "Social",
        "Health",
        "Published",
        "Executive",
        "Summary",
        "Contents",
        "Introduction",
        "Page",
        "Draft",
        "Family",
    }
)
_QUALIFICATION = re.compile(
    r"^(?:B\.?A|M\.?A|B\.?Sc|M\.?Sc|Ph\.?D|LL\.?B|LL\.?M|CQSW|DipSW|Dip|RGN|RN|RMN|RSCN|RHV|"
    r"QPM|OBE|MBE|CBE|PGCE|Hons|MBA|MPhil|CertEd|PGDip|MSW|BSW|FRCP\w*|MRCP\w*|FRCPCH|HV)$"
)


def author(lines: list[FrontLine], body: str = "") -> tuple[str, FrontLine] | None:
    """The author(s) named by an author or reviewer line, without degrees or roles; words the
    document also writes in lower case ('Knowledge Bite') are not a name."""
    found = _author(lines)
    if found is None:
        return found
    if _CHILDS_LABEL.match(found[0]):
        return None  # the child's pseudonym over the reviewer's role ('Young Person Kit')
    if not body:
        return found
    words = [w for w in re.findall(r"[A-Z][a-z]+", found[0]) if w not in _HONORIFIC_WORDS]
    if words and all(re.search(rf"\b{w.lower()}\b", body) for w in words):
        return None
    if _place_of_a_body(found[0], body):
        return None  # an area the page names a body after ('North Eastmere Safeguarding ...')
    return found


# The label a review gives its child in place of a name ('Child Robin', 'Young Person Kit').
_CHILDS_LABEL = re.compile(r"^(?:Child|Baby|Infant|Young Person|Young People|Family|Sibling)\b")
_BODY_AFTER = re.compile(
    r"\s+(?:(?:Local\s+)?Safeguarding|Borough|County|City|Metropolitan|District|Council|Children(?:'s|’s)?\s+Services)\b"
)


def _place_of_a_body(name: str, body: str) -> bool:
    """A name the page also writes at the head of a body's name: a place, not a person."""
    return any(
        _BODY_AFTER.match(body[found.end() :])
        for found in re.finditer(rf"\b{re.escape(name)}\b", body)
    )


_HONORIFIC_WORDS = {"Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame"}


def _author(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for index, line in enumerate(lines):
        text = line.text
        for label in AUTHOR_LABEL.finditer(text):
            after = text[label.end() :].strip()
            names = [] if _organisation_named(after) else _names(after)
            if not names and not after.strip(" :-–") and index + 1 < len(lines):
                # 'Author:' with the name below it, or 'Authors' over a list, one a line
                for below in lines[index + 1 : index + 9]:
                    listed = _names(re.sub(r"^[•●▪◦\-–*]\s*", "", below.text))
                    if not listed:
                        break
                    names += listed[:1] if re.match(r"^[•●▪◦\-–*]", below.text) else listed
                    # 'Reviewers:' over one name a line, without bullets
                    plural = re.search(r"(?i)s\s*[:\-–]*\s*$", label.group(0))
                    if not re.match(r"^[•●▪◦\-–*]", below.text) and not (
                        plural and names_only(below.text)
                    ):
                        break
            if not names:
                before = _names_before(text[: label.start()])  # 'Jo Bloggs, Independent Author'
                names = before if re.search(_ROLE, label.group(0), re.I) else []
            if names:
                names = _about_the_authors(lines[index:], label.end(), names)
                return " and ".join(names), line
        # 'Jo Bloggs' on one line, 'Independent Author' on the next
        if index and _ROLE_LINE.match(text):
            names = _names(lines[index - 1].text)
            # the name alone, or with its degrees ('Jo Bloggs LLB (Hons)')
            if names and names_only(lines[index - 1].text):
                return " and ".join(names), lines[index - 1]
    return (
        _marked_authors(lines)
        or _unlabelled_author(lines)
        or _signed_foreword(lines)
        or _reviewer_in_prose(lines)
    )


# A news page names the reviewer in its prose, the role in commas after the name: 'Dr Jo
# Bloggs, the independent reviewer, said ...', 'Jo Bloggs KC, who led the review, said ...'.
_PERSON = rf"{_HONORIFIC}?{_NAME_PART}(?:\s+{_NAME_PART}){{1,2}}"  # 'Dr Jo Bloggs'
_PERSON_WITH_HONOURS = rf"({_PERSON})(?:\s+(?:KC|QC|CBE|OBE|MBE))?,\s+"
_REVIEWER_IN_PROSE = re.compile(
    rf"{_PERSON_WITH_HONOURS}"
    r"(?:(?:the|an)\s+)?(?:(?i:independent|lead)\s+)?(?i:reviewer|author)"
    r"(?:\s+of\s+the\s+(?:review|report))?,"
    rf"|{_PERSON_WITH_HONOURS}"
    r"who\s+(?:led|wrote|authored|carried\s+out|conducted|undertook)\s+the\s+(?:review|report)\b"
)


def _reviewer_in_prose(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines[:40]:
        for found in _REVIEWER_IN_PROSE.finditer(line.text):
            name = _trim_name(found.group(1) or found.group(2))
            if name and not set(name.split()) & _NOT_NAME:
                return re.sub(rf"^{_HONORIFIC}", "", name), line
    return None


def _organisation_named(text: str) -> bool:
    """'The report by Northvale Safeguarding Children Partnership states': the place words
    open an organisation's name, not a person's."""
    found = _NAME.match(text)
    if not found:
        return False
    rest = text[len(_trim_name(found.group(0)) or "") :]
    return bool(re.match(r"\s*(?:Safeguarding|Local Safeguarding)\b", rest)) or bool(
        re.match(r"\s*(?:[A-Z]\w+\s+){0,2}(?:Board|Partnership|Council)\b", rest)
    )


# An office-holder's own report, its foreword signed at the end of a line: '... We will check
# on progress next year. Jo Bloggs CBE, Schools Ombudsman'.
_SIGNED = re.compile(
    rf"(?:^|[.\"”]\s+)({_PERSON})"
    r"(?:\s+(?:CBE|OBE|MBE|QPM|KC|QC))?,\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*|and|of|for)\s+){0,6}"
    r"(?:Ombudsman|Chief Inspector(?:\s+of\s+[A-Z][\w ]{2,30})?|Commissioner(?:\s+for\s+[A-Z]\w+)?)"
    r"\s*$"
)


def _signed_foreword(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for line in lines[:40]:
        found = _SIGNED.search(line.text)
        if found and not set(found.group(1).split()) & _NOT_NAME:
            return found.group(1), line
    return None


# A research report's note on its authors, one sentence for each group of them: 'Ann Lee and
# Bo Tran are members of the School of X. Dr Cy Dunn is a consultant at Y.'
_ABOUT = re.compile(r"^\s*(?:is|are)\s+(?:a|an|the|members?|based|employed|lecturers?|senior)\b")


def _about_the_authors(lines: list[FrontLine], start: int, names: list[str]) -> list[str]:
    """The names of every sentence of an 'Authors' note, when the first names open such a
    sentence ('... are members of ...'); else the names as found."""
    text = " ".join(line.text for line in lines[:8])[start:]
    first = text.find(names[-1])
    if first < 0 or not _ABOUT.match(text[first + len(names[-1]) :]):
        return names
    everyone = list(names)
    for clause in re.split(r"(?<=[.;])\s+|,\s+(?=(?:Dr|Prof|Professor)\b)", text):
        found = _names(clause)
        rest = clause
        for name in found:
            rest = rest[rest.find(name) + len(name) :]
        if found and _ABOUT.match(_without_qualifications(rest).lstrip(" ,")):
            everyone += [name for name in found if name not in everyone]
    return everyone


# A research report's author block: each name carries its affiliation's mark ('Ann Lee1,2,',
# 'Bo Tran 1 ,', 'Cy Dunn**'), one a line in a numbered list or run along one line.
_MARKED = re.compile(
    rf"(?<![\w-])({_NAME_PART}(?:\s+{_NAME_PART}){{1,2}})\s?(?:\d{{1,2}}(?:\s*,\s*\d{{1,2}})*|\*+)"
    r"(?=\s*(?:,|\band\b|$|\d\s*[A-Z]))"  # the last name before the affiliations ('1 Northgate')
)


_CONTENTS_RUN = re.compile(r"(?i)\bappendi(?:x|ces)\b|\bcontents\b")


def _marked_authors(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    for index, line in enumerate(lines[:40]):
        if _CONTENTS_RUN.search(line.text):
            continue  # a contents list run together: 'Appendix 2a: Northvale Trust Statement 28'
        run = [line]
        for below in lines[index + 1 : index + 10]:  # a list broken over lines
            if _CONTENTS_RUN.search(below.text) or not _MARKED.search(
                re.sub(r"^\s*\d{1,2}\.\s+", "", below.text)
            ):
                break
            run.append(below)
        names = [
            found.group(1)
            for part in run
            for found in _MARKED.finditer(re.sub(r"^\s*\d{1,2}\.\s+", "", part.text))
            if not set(found.group(1).split()) & _NOT_NAME
        ]
        if len(names) >= 2:
            return " and ".join(dict.fromkeys(names)), line
    return None


def _unlabelled_author(lines: list[FrontLine]) -> tuple[str, FrontLine] | None:
    """A cover line of people's names alone, just below the cover's date
    ('Ann Lee and Bo Tran'), and not a place above its board's name."""
    for index, line in enumerate(lines[:20]):
        if re.match(r"(?i)^(?:contents|introduction|\d{1,2}\.?\s)", line.text):
            break
        if index == 0:
            continue
        above = lines[index - 1].text
        below = lines[index + 1].text if index + 1 < len(lines) else ""
        if not DATE_YEAR.search(above) or len(above.split()) > 8:
            continue  # the cover's date line, not a sentence that names a year
        if re.match(r"(?i)^(?:safeguarding|children|local|board|partnership)\b", below):
            continue
        names = _names(line.text)
        flat = [
            word
            for word in re.sub(r"\s*(?:,|&|\band\b)\s*", " ", line.text).split()
            if not _QUALIFICATION.match(word.strip("()"))
        ]
        if names and sum(len(name.split()) for name in names) == len(flat):
            return " and ".join(names), line
    return None


# a role on the line under a name: a reviewer or author, with its grade and field, or an
# independent consultant ('Lead Reviewer', 'Accredited Lead Reviewer', 'Independent Reviewer
# and Author', 'Independent Safeguarding Consultant')
_GRADE = (
    rf"(?:(?:{'|'.join(sorted(w.lower() for w in _ROLE_GRADES))}|lead|overview|review|report)\s+)*"
)
_FIELD = r"(?:(?:child\s+)?safeguarding\s+|social\s+care\s+|child\s+protection\s+)?"
_ROLE_LINE = re.compile(
    rf"^{_GRADE}{_FIELD}(?:reviewer|author)s?"
    rf"(?:\s+(?:and|&)\s+{_GRADE}(?:reviewer|author|chair)s?)?$"
    rf"|^(?:independent|accredited|senior)\s+{_FIELD}consultant$",
    re.I,
)


ORGANISATION_WORD = re.compile(
    r"\b(?:Trust|Foundation|Society|University|College|Council|Centre|Center|Institute|"
    r"Department|Agency|Services?|Board|Partnership|Charity|Group|Network|Association|"
    r"Commission|Office|Panel|Children(?:'s|’s)?|Company|Ltd|Limited)\b"
)


def names_only(text: str) -> bool:
    """A line of people's names and nothing else ('Ann Lee and Bo Tran MSc')."""
    if ORGANISATION_WORD.search(text):
        return False
    names = _names(text)
    flat = [
        word
        for word in re.sub(r"\s*(?:,|&|\band\b)\s*", " ", text).split()
        if not _QUALIFICATION.match(word.strip("()"))
    ]
    return bool(names) and sum(len(name.split()) for name in names) == len(flat)


def _names(text: str) -> list[str]:
    """People named at the start of `text` ('Dr Ann Lee BA (Hons) and Bo Tran, ...'), also
    in capitals ('ANN LEE')."""
    found = _people_named(text)
    if not found:
        shouted = re.match(r"^\s*((?:[A-Z][A-Z'’-]+\s+){1,3}[A-Z][A-Z'’-]+)\b(?![a-z])", text)
        if shouted and not any(_QUALIFICATION.match(w) for w in shouted.group(1).split()):
            found = _people_named(shouted.group(1).title())
    return found


_AFFILIATION = re.compile(
    r"^,?\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w&’'-]*(?:\s+(?:[A-Z][\w&’'-]*|of|the))*,?"
)


def _people_named(text: str) -> list[str]:
    names: list[str] = []
    rest = text
    while True:
        rest = re.sub(r"^[\s,;:()]+", "", rest)
        found = _NAME.match(rest)
        if not found:
            break
        name = _trim_name(found.group(0))
        if not name:
            break
        names.append(name)
        rest = rest[len(name) :]
        rest = _without_qualifications(rest)
        rest = _AFFILIATION.sub("", rest)  # 'Jo Bloggs, of the Northvale Trust, and ...'
        joined = re.match(r"^\s*(?:,|&|and|with)\s+", rest)
        if not joined:
            break
        rest = rest[joined.end() :]
    return names


def _without_qualifications(text: str) -> str:
    """', BA (Hons), MSc CQSW and Jo Bloggs' -> ' and Jo Bloggs'."""
    while True:
        found = re.match(r"^[\s,]*\(?([A-Za-z.]+)\)?(?=[\s,]|$)", text)
        if not found or not _QUALIFICATION.match(found.group(1)):
            return text
        text = text[found.end() :]


def _trim_name(candidate: str) -> str | None:
    words = candidate.split()
    kept: list[str] = []
    for word in words:
        bare = word.strip(".,")
        if bare in _NOT_NAME or _QUALIFICATION.match(bare) or (bare.isupper() and len(bare) > 1):
            break
        kept.append(word)
    real = [w for w in kept if not re.match(_HONORIFIC, w + " ") and len(w.strip(".")) > 1]
    if len(real) < 2 and not (len(real) == 1 and len(kept) >= 2):
        return None
    return " ".join(kept)


def _names_before(text: str) -> list[str]:
    """A name standing just before its role on the same line ('Jo Bloggs, Lead Reviewer'),
    or its role in brackets ('Jo Bloggs (Report Author)')."""
    words = text.strip(" ,:-–(").split()
    names: list[str] = []
    tail: list[str] = []
    for word in reversed(words):
        bare = word.strip(",")
        if re.fullmatch(_NAME_PART, bare) and bare not in _NOT_NAME:
            if word.endswith(",") and tail:  # 'Ann Lee, Bo Tran, Reviewers': a name ends here
                if len(tail) < 2:
                    tail = []
                    break  # 'Sam, Alex and Jo Bloggs': first names listed, no full name
                names.insert(0, " ".join(tail))
                tail = []
            tail.insert(0, bare)
            if len(tail) == 4:
                break
        elif _QUALIFICATION.match(word.strip(",()")) or word in {"(Hons)", ","}:
            continue
        elif not tail and not names and (bare in _ROLE_GRADES or re.fullmatch(r"[A-Z]{2,6}", bare)):
            continue  # the role's grade or accrediting body ('Accredited SCIE Lead Reviewer')
        elif word in {"and", "&"} and len(tail) >= 2:
            names.insert(0, " ".join(tail))  # 'Ann Lee and Bo Tran, Independent Reviewers'
            tail = []
        else:
            break
    if names and len(tail) < 2:
        tail = []  # 'Sam and Jo Bloggs': a first name alone before the list is no name
    if len(tail) >= 2:
        names.insert(0, " ".join(tail))
    return names


# A stored web page's dateline ('date 2019-06-05 ...') or a reporter's byline ('Jo Bloggs
# 12 May 2021'): the page's date, never its headline.
DATELINE = re.compile(r"(?i)^date\s+(?:19|20)\d\d-\d\d-\d\d\b")


# A reporter's credit without a date ('By Jo Bloggs', 'By Jo Bloggs, Health Reporter').
_BY_CREDIT = re.compile(
    r"^(?i:by|words by|written by|posted by)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}(?:,.*)?$"
)


def is_credit(text: str) -> bool:
    """A reporter's byline, dated ('Jo Bloggs 12 May 2021') or not ('By Jo Bloggs, Health
    Reporter'): never a headline."""
    return is_byline(text) or bool(_BY_CREDIT.match(text))


def is_byline(text: str) -> bool:
    if DATELINE.match(text):
        return True
    if not date_in(text):
        return False
    rest = DATE_MONTH.sub(" ", DATE_DAY.sub(" ", DATE_NUMERIC.sub(" ", text))).strip(" ,|-–")
    return len(rest.split()) <= 4 and names_only(rest)
