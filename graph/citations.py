"""Which reviews name other reviews: by title, or by a child's pseudonym with its area or year.

Pseudonyms repeat across the country ("Child D"), so a pseudonym counts only when the
same passage also names the other review's area or year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ingest.metadata import PSEUDONYM

MIN_TITLE_WORDS = 4
_GENERIC_TITLE = re.compile(
    r"^(?:(?:local )?child safeguarding practice review|serious case review|rapid review|"
    r"(?:extended )?child practice review|7[- ]minute briefing)\W*"
    r"(?:(?:in respect of|for|:|–|-)\s*)?"
    r"(?:child|baby)\s+\w+\W*$",
    re.I,
)


def _area(partnership: str | None) -> str | None:
    """'Hartwell Local Safeguarding Children Board' -> 'Hartwell'."""
    if not partnership:
        return None
    area = re.split(r"\s+(?:Local |Regional |Children|Safeguarding)", partnership)[0].strip()
    return area if len(area) >= 3 else None


def find_citations(
    reviews: list[dict[str, Any]], passages: Iterable[tuple[str, str]]
) -> list[dict[str, Any]]:
    """CITES rows {source, target, evidence} from review signatures and (review, text) pairs."""
    by_pseudonym: dict[str, list[dict[str, Any]]] = defaultdict(list)
    titles: dict[str, str] = {}
    for review in reviews:
        for name in review.get("pseudonyms") or []:
            by_pseudonym[name].append(review)
        title = (review.get("title") or "").strip()
        if len(title.split()) >= MIN_TITLE_WORDS and not _GENERIC_TITLE.match(title):
            titles[title.lower()] = review["id"]
    title_pattern = (
        re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)))
        if titles
        else None
    )
    found: dict[tuple[str, str], str] = {}
    for source, text in passages:
        if title_pattern is not None:
            for match in title_pattern.finditer(text.lower()):
                target = titles[match.group(0)]
                if target != source:
                    found.setdefault(
                        (source, target), text[max(0, match.start() - 60) : match.end() + 60]
                    )
        for match in PSEUDONYM.finditer(text):
            for candidate in by_pseudonym.get(match.group(1), []):
                if candidate["id"] == source:
                    continue
                area, year = _area(candidate.get("partnership")), candidate.get("year")
                after = text[match.end() : match.end() + 40]  # "Child K (2014)", "Child K, 2014"
                if (area and area in text) or (year and re.search(rf"\b{year}\b", after)):
                    window = text[max(0, match.start() - 80) : match.end() + 80]
                    found.setdefault((source, candidate["id"]), window)
    return [{"source": s, "target": t, "evidence": e} for (s, t), e in sorted(found.items())]
