"""The real London rapid reviews report: footnotes out of the body, split words joined.

Checks are on the shapes of faults (a footnote's opening words inside a passage, a word
cut in two beside its whole form in the same document), not on the report's sentences.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest

from ingest.pipeline import parse_document
from ingest.types import ParsedDocument
from tests.conftest import shared_path

pytestmark = pytest.mark.integration


@functools.cache
def london() -> ParsedDocument:
    pdf = shared_path("corpora", "public-pdfs", "London-Rapid-Reviews-Analysis-Report.pdf")
    return parse_document(pdf, pdf.read_bytes())


def test_footnotes_are_blocks_of_their_own_and_not_inside_passages() -> None:
    document = london()
    notes = [block.text for block in document.blocks if block.kind == "footnote"]
    assert notes
    for note in notes:
        opening = " ".join(re.sub(r"^[\d.\s]+", "", note).split()[:8])
        assert not any(opening in passage.text for passage in document.passages), opening


def test_no_passage_holds_a_word_cut_in_two() -> None:
    document = london()
    words = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", document.text))
    split = []
    for passage in document.passages:
        for left, right in re.findall(r"\b([A-Za-z]{1,12}) ([a-z]{1,12})\b", passage.text):
            whole = (left + right).lower()
            if words[whole] and words[left.lower()] <= 1 and words[right.lower()] <= 1:
                split.append(f"{left} {right}")
        split += re.findall(r"\b\w+ -[a-z]\w*", passage.text)  # 'co -sleeping'
        split += re.findall(r"(?:^|\s)[A-Z] [a-z]+ [A-Z]\w+,", passage.text)  # a drop capital
    assert not split


def test_real_word_pairs_are_not_merged() -> None:
    text = london().text
    assert " not able " in text or "notable" not in text
