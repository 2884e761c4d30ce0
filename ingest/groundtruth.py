"""Check parsed documents against ground-truth sidecars (`*.truth.json` beside the PDFs).

Used by the tests and by `casegraph eval ingest`: metadata accuracy per field,
sentences found on the right page, and running headers, footers, page numbers or
footnotes leaking into passages.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.clean import normalise
from ingest.metadata import NUMBER_WORDS
from ingest.types import ParsedDocument

FIELDS = [
    "title",
    "review_type",
    "partnership",
    "publication_date",
    "author",
    "child_pseudonyms",
    "child_age",
    "child_age_months",
    "child_sex",
    "outcome",
    "incident_year",
]
_HONORIFIC = re.compile(r"^(?:dr|professor|prof|mr|mrs|ms|miss)\.?\s+", re.I)


@dataclass
class FieldCheck:
    field: str
    expected: Any
    found: Any
    correct: bool
    expected_page: int | None = None
    found_page: int | None = None


@dataclass
class DocumentCheck:
    file: str
    fields: list[FieldCheck] = field(default_factory=list)
    sentences: int = 0
    sentences_on_page: int = 0
    misplaced: list[dict[str, Any]] = field(default_factory=list)
    leaks: list[dict[str, Any]] = field(default_factory=list)


def load_truth(pdf: Path) -> dict[str, Any] | None:
    sidecar = pdf.with_name(pdf.stem + ".truth.json")
    if not sidecar.exists():
        return None
    loaded: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return loaded


def check_document(document: ParsedDocument, truth: dict[str, Any]) -> DocumentCheck:
    result = DocumentCheck(document.file_name)
    expected_meta = truth["metadata"]
    pages = truth.get("metadata_pages", {})
    for name in FIELDS:
        if name not in expected_meta:
            continue
        found = getattr(document.metadata, name)
        value = None if found is None else found.value
        result.fields.append(
            FieldCheck(
                name,
                expected_meta[name],
                value,
                _same(name, expected_meta[name], value),
                pages.get(name),
                None if found is None else found.page,
            )
        )
    _check_sentences(document, truth, result)
    _check_leaks(document, truth, result)
    return result


def _same(name: str, expected: Any, found: Any) -> bool:
    expected = expected or None  # an empty list means "not stated"
    if expected is None or found is None:
        return expected is None and found is None
    if name == "child_pseudonyms":
        return {_key(v) for v in expected} == {_key(v) for v in found}
    if name == "child_age":
        return _age_key(str(expected)) == _age_key(str(found))
    if name == "author":
        return _key(_HONORIFIC.sub("", str(expected))) == _key(_HONORIFIC.sub("", str(found)))
    return _key(str(expected)) == _key(str(found))


def _age_key(text: str) -> str:
    words = {w: str(i) for i, w in enumerate(NUMBER_WORDS)}
    return " ".join(words.get(w, w) for w in _key(text).split()).rstrip("s")


def _key(text: str) -> str:
    """Lower-case letters and digits only, as the evaluation compares texts."""
    text = unicodedata.normalize("NFKC", normalise(text)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


class _Locator:
    """Finds normalised sentences in a document's text and says on which page they stand."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        keys: list[str] = []
        origin: list[int] = []
        previous_space = True
        for offset, char in enumerate(document.text.lower()):
            if char.isalnum():
                keys.append(char)
                origin.append(offset)
                previous_space = False
            elif not previous_space:
                keys.append(" ")
                origin.append(offset)
                previous_space = True
        self.flat = "".join(keys)
        self.origin = origin

    def pages_of(self, sentence: str) -> list[int]:
        needle = _key(sentence)
        found = []
        start = self.flat.find(needle)
        while start >= 0 and needle:
            found.append(self._page(self.origin[start]))
            start = self.flat.find(needle, start + 1)
        return found

    def _page(self, offset: int) -> int:
        for block in self.document.blocks:
            if block.char_start <= offset < block.char_end + 2:
                return block.page_at(offset - block.char_start)
        return -1


def _check_sentences(
    document: ParsedDocument, truth: dict[str, Any], result: DocumentCheck
) -> None:
    locator = _Locator(document)
    for page in truth.get("pages", []):
        for sentence in page["sentences"]:
            result.sentences += 1
            found = locator.pages_of(sentence)
            if page["page"] in found:
                result.sentences_on_page += 1
            else:
                result.misplaced.append(
                    {"page": page["page"], "sentence": sentence, "found": found}
                )


def _check_leaks(document: ParsedDocument, truth: dict[str, Any], result: DocumentCheck) -> None:
    """Running lines, page labels and footnote text must not be inside any passage."""
    running = [truth.get("running_header"), truth.get("running_footer")]
    labels = [f"Page {n} of {truth.get('page_count')}" for n in range(1, truth["page_count"] + 1)]
    footnote_pages = truth.get("footnote_pages", {})
    for passage in document.passages:
        text = _key(passage.text)
        # a footnote's words may recur in a reference list: only its own page counts
        footnotes = [
            note
            for number, note in truth.get("footnotes", {}).items()
            if passage.page_start <= footnote_pages.get(number, 0) <= passage.page_end
        ]
        for kind, items in (("running", running), ("footnote", footnotes), ("label", labels)):
            for item in items:
                if item and len(_key(item)) > 8 and _key(item) in text:
                    result.leaks.append({"passage": passage.id, "kind": kind, "text": item})


def summarise(checks: list[DocumentCheck]) -> dict[str, Any]:
    """Accuracy per metadata field over stated values, sentence placement and leaks."""
    per_field: dict[str, dict[str, int]] = {}
    for check in checks:
        for item in check.fields:
            row = per_field.setdefault(item.field, {"stated": 0, "correct": 0, "guessed": 0})
            if item.expected in (None, []):  # not stated: anything found is a guess
                row["guessed"] += item.found is not None
            else:
                row["stated"] += 1
                row["correct"] += item.correct
    sentences = sum(check.sentences for check in checks)
    placed = sum(check.sentences_on_page for check in checks)
    return {
        "documents": len(checks),
        "fields": {
            name: {
                **row,
                "accuracy": round(row["correct"] / row["stated"], 3) if row["stated"] else None,
            }
            for name, row in per_field.items()
        },
        "sentences": sentences,
        "sentences_on_page": placed,
        "sentence_share": round(placed / sentences, 4) if sentences else None,
        "leaks": sum(len(check.leaks) for check in checks),
    }
