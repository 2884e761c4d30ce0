"""Review metadata read from the document itself, each field with the page it came from.

A field is left empty when the document does not state it: a guess would be
counted, charted and filtered on as if it were fact. The cover and front matter
are read by `ingest.front`, the subject child and what happened by `ingest.subject`.
"""

from __future__ import annotations

import re

from ingest import front, subject
from ingest.front import MONTHS, REVIEW_TYPES, FrontLine
from ingest.review_types import NOT_CASE_REVIEWS
from ingest.subject import DIED, HARMED, NUMBER_WORDS, PSEUDONYM, stated_age
from ingest.types import FieldValue, Line, Page, ReviewMetadata

__all__ = [
    "DIED",
    "HARMED",
    "MONTHS",
    "NUMBER_WORDS",
    "PARTNERSHIP",
    "PSEUDONYM",
    "REVIEW_TYPES",
    "extract_metadata",
    "stated_age",
]

# Partnership names as other modules find them in running text.
_BODY = (
    r"(?:Local |Regional |Children(?:'s|’s)? |Multi-Agency )*"
    r"Safeguarding (?:Children |Children(?:'s|’s) )?(?:Partnership|Board)"
)
PARTNERSHIP = re.compile(
    r"\b((?:[A-Z][\w'’&-]*|and|of|the)(?:\s+(?:[A-Z][\w'’&-]*|and|of|the)){0,5}\s+" + _BODY + r")"
    r"|\b([A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})\s+\(?(LSCB|LSCP|SCP|SCB)\)?\b"
)
SINGLE_CASE = {
    "serious_case_review",
    "lcspr",
    "rapid_review",
    "child_practice_review",
    "learning_review",
}


def extract_metadata(pages: list[Page]) -> ReviewMetadata:
    """Read each field from the pages, leaving it empty when the document does not say."""
    meta = ReviewMetadata()
    lines = front.front_lines(pages)
    body = "\n".join(line.text for page in pages for line in page.lines)
    meta.title = _title(pages, lines, body)
    title_text = None if meta.title is None else str(meta.title.value)
    kind = front.review_type(title_text, lines)
    if kind:
        meta.review_type = FieldValue(
            kind[0], kind[1] or (meta.title.page if meta.title else 1), kind[2]
        )
    # the publisher, else as a hosting site names the document above its copy of it
    meta.partnership = _field(
        front.publisher(lines) or front.publisher(front.hosting_site_heading(pages))
    )
    meta.publication_date = _field(front.publication_date(lines))
    if meta.publication_date:
        date = meta.publication_date
        meta.publication_year = FieldValue(int(str(date.value)[:4]), date.page, date.evidence)
    meta.author = _field(front.author(lines, body))
    kind_name = None if meta.review_type is None else meta.review_type.value
    # Guidance, briefings and thematic reviews cite many children; none is the subject.
    # Guidance is about no child wherever it is called so: in its title, or on a front line
    # of pages that name no kind of review (`front.review_type`) ('Procedure', 'Flowchart').
    titled = kind is not None and kind[1] == 0  # named in the title, not in passing
    guidance = kind_name == "guidance"
    many = kind_name == "thematic_review" or guidance or (kind_name == "other" and titled)
    meta.child_pseudonyms = (
        None if guidance else subject.pseudonyms(pages, None if many else title_text)
    )
    found_names = meta.child_pseudonyms.value if meta.child_pseudonyms else []
    names = [str(name) for name in found_names] if isinstance(found_names, list) else []
    # a page that names no kind of review but tells of one child by age reads like a review
    # reviews of one kind named in the plural ('Serious Case Reviews - are they working?') are
    # several reviews: no one child is theirs
    several = kind is not None and front.several_reviews(kind[2])
    single_case = (kind_name in SINGLE_CASE and not several) or (
        kind_name in {None, "briefing"} and subject.tells_of_a_child(pages)
    )
    children = [name for name in names if not name.startswith(("Family", "Children"))]
    # a page taken for a thematic one, or naming reviews in the plural, is read for what it
    # says of the children it names, one or each ('Serious Case Reviews M & J'), else not at all
    names_only_children = bool(names) and children == names
    sentences = (
        []
        if (many or several) and not names_only_children
        else subject.subject_sentences(pages, names, single_case)
    )
    # two children, two ages: none is 'the' child's, unless one age is said of both
    meta.child_age, meta.child_age_months = subject.age(sentences, children)
    meta.child_sex = (
        subject.sex_of_several(pages, children, sentences, single_case)
        if len(children) > 1
        else subject.sex(sentences, children)
    )
    meta.outcome = subject.outcome(
        sentences, pages, children[0] if len(children) == 1 else None, several=len(children) > 1
    )
    meta.incident_year = subject.incident_year(sentences, meta.outcome)
    return meta


def _field(found: tuple[str, FrontLine] | None) -> FieldValue | None:
    if found is None:
        return None
    value, line = found
    return FieldValue(value, line.page, line.text)


def _title(pages: list[Page], lines: list[FrontLine], body: str) -> FieldValue | None:
    """The largest print on the first page, when the PDF has sizes and it reads as a title;
    otherwise the title block of the cover lines."""
    sized = _largest_print(pages)
    if sized is not None:
        # A copy without its cover opens on 'Contents' or 'Introduction': it shows no title,
        # and the lines below are the report's prose, no title either.
        return None if front.is_section_heading(str(sized.value)) else sized
    found = front.title(lines, body, PSEUDONYM)
    if found is None:
        return None
    return FieldValue(found.text, found.page, found.text)


def _largest_print(pages: list[Page]) -> FieldValue | None:
    for page in pages[:2]:
        lines = [line for line in page.lines if len(line.text) > 1]
        sized = [line for line in lines if line.size]
        if not sized:
            continue
        biggest = max(line.size or 0 for line in sized)
        chosen = _first_run(lines, biggest)  # consecutive lines in the largest print: the title
        first = " ".join(chosen)
        if len(first) <= 200 and front.reads_as_sentence(first) and not _names_a_review(lines):
            # a statement in the largest print (a flowchart's warning) names no document: the
            # heading is the next print down that is no statement. A cover that names a kind
            # of review is a review's, whose largest print is its title.
            chosen = _heading_below(lines, biggest)
            if not chosen:
                return None
        title = _with_pseudonym(" ".join(chosen), lines, chosen)
        title = re.sub(r"\s+", " ", title).strip(' "“”')
        if len(title) >= 3 and len(title) <= 200 and not front.is_board(title):
            return FieldValue(title, page.number, title)
        bold = next((line for line in lines if line.bold and 3 <= len(line.text) <= 200), None)
        if len(title) > 200 and bold is not None:  # one size throughout: the bold line
            return FieldValue(bold.text.strip(), page.number, bold.text.strip())
        return None
    return None


_REVIEW_KINDS = [pattern for kind, pattern in REVIEW_TYPES if kind not in NOT_CASE_REVIEWS]


def _names_a_review(lines: list[Line]) -> bool:
    """A line of the page, short enough to stand on a cover, names a kind of review ('A
    thematic review', 'Child Safeguarding Practice Review')."""
    return any(
        len(line.text) <= 80 and any(pattern.search(line.text) for pattern in _REVIEW_KINDS)
        for line in lines
    )


def _heading_below(lines: list[Line], biggest: float) -> list[str]:
    """The first run of lines in a print smaller than `biggest` but larger than the page's
    body text that is no statement; none when every such run is one."""
    print_of: dict[float, int] = {}
    for line in lines:  # the body's print is the one most of the page's words are set in
        if line.size:
            print_of[line.size] = print_of.get(line.size, 0) + len(line.text.split())
    body = max(print_of, key=lambda size: print_of[size])
    for size in sorted((s for s in print_of if body + 0.5 < s < biggest - 0.5), reverse=True):
        run = _first_run(lines, size)
        if not front.reads_as_sentence(" ".join(run)):
            return run
    return []


def _first_run(lines: list[Line], size: float) -> list[str]:
    """The first run of consecutive lines set in `size` (within half a point)."""
    run: list[str] = []
    for line in lines:
        if line.size and abs(line.size - size) <= 0.5:
            run.append(line.text)
        elif run:
            break
    return run


def _with_pseudonym(title: str, lines: list[Line], chosen: list[str]) -> str:
    """'Serious Case Review' over 'Baby M' in smaller print, a line or two below: the child is
    part of the title."""
    if PSEUDONYM.search(title):
        return title
    after = [line.text for line in lines].index(chosen[-1]) + 1
    for line in lines[after : after + 4]:  # the child's name may stand a line or two below
        if PSEUDONYM.search(line.text) and len(line.text) < 90:
            return f"{title}: {line.text.strip()}"
    return title
