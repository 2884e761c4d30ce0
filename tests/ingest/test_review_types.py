"""One list of review types: whatever assigns, offers or fakes a type takes it from there."""

from __future__ import annotations

from bench.synthetic import CHILD_TYPES_BEFORE_2019, CHILD_TYPES_FROM_2019, TITLES
from ingest.metadata import REVIEW_TYPES as PATTERNS
from ingest.review_types import REVIEW_TYPE_LABELS, REVIEW_TYPES


def test_the_parser_assigns_only_known_types() -> None:
    assigned = {review_type for review_type, _ in PATTERNS}
    assert assigned <= set(REVIEW_TYPES)
    assert set(REVIEW_TYPES) - assigned <= {"other"}  # the fallback, with no pattern


def test_every_type_has_a_label_and_the_bench_uses_known_ones() -> None:
    assert list(REVIEW_TYPE_LABELS) == list(REVIEW_TYPES) and all(REVIEW_TYPE_LABELS.values())
    for used in (CHILD_TYPES_BEFORE_2019, CHILD_TYPES_FROM_2019, TITLES):
        assert set(used) <= set(REVIEW_TYPES)
