"""Recognise a near-copy of a review: most of its passages repeat passages of another.

A scan read by OCR, or the same PDF without its cover, has other bytes and other words
than the review it copies, so the text fingerprint misses it. Passages are compared by
word trigrams of their normalised text (lower case, letters and digits only): an OCR
error breaks the few trigrams around it and leaves the rest of the passage matching.

Plain functions over passage texts; ingest.copy_index keeps the stored reviews' data.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# A passage counts as shared when 70% of its trigrams are in one stored passage (or two
# adjacent ones, as OCR may cut paragraphs elsewhere). A misread word breaks up to three
# trigrams: with one word in twelve misread (a poor scan) a copy of a demo review still
# has 75% of its passages passing, where 80% would keep only 43%. Among the 24 distinct
# documents of corpora/demo and the public PDFs, the most passages any one shares with
# another at 70% is 2.9% (a thresholds guide quoting Working Together), far below 60%.
CONTAINMENT = 0.7
# A near-copy shares 60% of its passages with one review: a copy that lost its cover or
# gained an appendix or a few badly scanned pages still passes, while two reviews by one
# partnership that share their method and terms-of-reference sections share far less.
SHARED_PASSAGES = 0.6
# Below this many shared words, documents are too short to tell a copy from stock text.
MIN_SHARED_WORDS = 300
# The first cut keeps one trigram in SAMPLE (by hash, so every document keeps the same
# ones): a review of 10,000 words leaves ~600, a store of 1,500 reviews a few megabytes.
SAMPLE = 16
# A stored review is compared passage by passage when it holds this share of the new
# document's sample: well below SHARED_PASSAGES x CONTAINMENT, so no near-copy is missed.
CANDIDATE_SHARE = 0.3

Trigram = tuple[str, str, str]
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Overlap:
    """How many of a document's passages (and their words) are found in another review."""

    shared: int
    compared: int
    shared_words: int

    @property
    def fraction(self) -> float:
        return self.shared / self.compared if self.compared else 0.0

    @property
    def is_near_copy(self) -> bool:
        return self.fraction >= SHARED_PASSAGES and self.shared_words >= MIN_SHARED_WORDS


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def trigrams(text: str) -> set[Trigram]:
    found = words(text)
    return set(zip(found, found[1:], found[2:], strict=False))


def signature(texts: Sequence[str]) -> np.ndarray:
    """The sorted sample of a document's trigram hashes that the first cut compares."""
    hashes = {_stable_hash(trigram) for text in texts for trigram in trigrams(text)}
    return np.array(sorted(h for h in hashes if h % SAMPLE == 0), dtype=np.int64)


def share_of(sample: np.ndarray, other: np.ndarray) -> float:
    """The share of `sample` (a signature) found in `other`."""
    if not sample.size:
        return 0.0
    return float(np.isin(sample, other, assume_unique=True).sum()) / sample.size


def overlap(new_texts: Sequence[str], old_texts: Sequence[str]) -> Overlap:
    """How many passages of the new document are contained in passages of the old one."""
    postings: dict[Trigram, set[int]] = {}
    for index, text in enumerate(old_texts):
        for trigram in trigrams(text):
            postings.setdefault(trigram, set()).add(index)
    shared = compared = shared_words = 0
    for text in new_texts:
        grams = trigrams(text)
        if not grams:
            continue
        compared += 1
        if _best_window(grams, postings) >= CONTAINMENT * len(grams):
            shared += 1
            shared_words += len(grams) + 2
    return Overlap(shared, compared, shared_words)


def _best_window(grams: set[Trigram], postings: dict[Trigram, set[int]]) -> int:
    """The most of `grams` one old passage, or two adjacent ones, holds (window i = i, i+1)."""
    hits: Counter[int] = Counter()
    for gram in grams:
        found = postings.get(gram)
        if found:
            hits.update({window for index in found for window in (index - 1, index)})
    return max(hits.values(), default=0)


def _stable_hash(trigram: Trigram) -> int:
    """The same in every process (Python's own hash of a string is not), as signatures are
    kept on disk."""
    digest = hashlib.blake2b(" ".join(trigram).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)
