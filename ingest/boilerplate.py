"""Front- and back-matter that is never quoted as a passage: copyright and licence notices,
distribution lists and contents pages that came out as running text."""

from __future__ import annotations

import re

from ingest.types import Block

_NOTICE = re.compile(
    r"©|\bcrown copyright\b|\bcopyright\b|\ball rights reserved\b|\bopen government licen[cs]e\b"
    r"|\blicensed under\b|\bview this licen[cs]e\b|\bre-?use this information\b"
    r"|\bnationalarchives\.gov\.uk/doc/"
    r"|\bany enquiries regarding this publication\b|\bISBN\b|\bthird[- ]party copyright\b",
    re.I,
)
_LIST_HEADING = re.compile(
    r"^(?:(?:table of )?contents|distribution(?: list)?|circulation(?: list)?|"
    r"copyright|licen[cs]e|acknowledg\w+ and copyright|glossary of abbreviations)\b",
    re.I,
)
# '1. Introduction 3 2. Terms of reference 4': contents entries run together on one line
_CONTENTS_ENTRY = re.compile(
    r"(?:^|\s)\d{1,2}(?:\.\d{1,2})?\.?\s+[A-Z][^.\d]{2,60}?\s\d{1,3}(?=\s|$)"
)
_DISTRIBUTION = re.compile(r"^(?:distribution|circulation|copies to|cc)\s*[:\-–]", re.I)
# '1.2 Context 1.3 The family 1.4 Terms of reference': numbered headings run together
_NUMBERED_ENTRY = re.compile(r"(?:^|\s)\d{1,2}\.\d{1,2}\.?\s+[A-Z]")
# A document-hosting site's own text ('Page 3: …', 'Upload: others', '4 views')
_HOSTING = re.compile(
    r"^(?:page \d+:|upload:|post(?:ed)? on \d|\d+ views?\b|category:|transcript\b|"
    r"click here to|download\b)",
    re.I,
)
# A repository's cover sheet: 'Title: … LSCB: … Author: … Date of publication: …'
_SHEET_LABEL = re.compile(r"\b(?:title|lscb|lscp|author|date of publication)\s*:", re.I)


def is_boilerplate(block: Block) -> bool:
    """Whether a block is a notice, a distribution list or a contents page, not review text."""
    text = block.text.strip()
    if block.section and _LIST_HEADING.match(block.section.strip()):
        return True
    if _DISTRIBUTION.match(text):
        return True
    words = len(text.split())
    notices = len(_NOTICE.findall(text))
    if notices and (words <= 80 or notices >= 2):
        return True
    if _HOSTING.match(text) or len(_SHEET_LABEL.findall(text)) >= 3:
        return True
    entries = len(_CONTENTS_ENTRY.findall(text))
    numbered = len(_NUMBERED_ENTRY.findall(text))
    sentences = len(re.findall(r"[a-z][.!?](?:\s|$)", text))
    return max(entries, numbered) >= 3 and sentences <= max(entries, numbered) // 3
