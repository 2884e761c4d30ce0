"""BM25 keyword search over the passages, held as a sparse term-by-passage matrix of
precomputed scores (the "eager" BM25 of bm25s). A query sums the columns of its few terms:
a few milliseconds at 300,000 passages, where SQLite FTS5 took 600 ms because it scores
every passage that contains any query word before it can sort them.

The matrix is derived from the passage table, built once per index generation and saved
beside it, so a reader that opens the store later loads it instead of rebuilding it.
"""

from __future__ import annotations

import os
import re
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import snowballstemmer

# Anserini's defaults for passage retrieval; on the dev queries they also beat the textbook
# 1.2/0.75 (keyword nDCG@10 0.417 vs 0.400), so the keyword baseline is not a weak one
K1 = 0.9
B = 0.4
SECTION_WEIGHT = 0.3  # a word in the section title counts 0.3 of one in the text
# a saved matrix made any other way is rebuilt, not used
SCHEME = f"porter k1={K1} b={B} section={SECTION_WEIGHT}"
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been but by can could did do does "
    "for from had has have he her his how i if in into is it its may more most no not of "
    "on or our she should so some such than that the their them then there these they "
    "this those to was we were what when where which while who why will with would you"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split(" "))
# snowballstemmer's stemmers keep their working state on the object, so two threads sharing
# one (the app serves each session in its own thread) garble each other's stems, and the
# cache below would keep the garbled ones: one stemmer per thread.
_STEMMERS = threading.local()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    stemmer = getattr(_STEMMERS, "porter", None)
    if stemmer is None:
        stemmer = _STEMMERS.porter = snowballstemmer.stemmer("porter")
    return str(stemmer.stemWord(word))


def analyse(text: str) -> list[str]:
    """The stemmed words of a text that BM25 counts: lower-cased, without stopwords."""
    return [
        _stem(word)
        for word in _WORD.findall(text.lower())
        if len(word) > 1 and word not in STOPWORDS
    ]


def stem_words(text: str) -> list[str]:
    """Every word of a text, stemmed as `analyse` stems them, stopwords kept (for phrases)."""
    return [_stem(word) for word in _WORD.findall(text.lower())]


@dataclass
class Bm25Matrix:
    """Precomputed BM25 scores, one column of (passage position, score) pairs per term."""

    generation: str
    rowids: np.ndarray  # passage rowids, in position order
    vocabulary: dict[str, int]
    starts: np.ndarray  # column j is positions[starts[j]:starts[j + 1]]
    positions: np.ndarray
    scores: np.ndarray

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages contain each (analysed) term."""
        found = {}
        for term in terms:
            column = self.vocabulary.get(term)
            if column is None:
                found[term] = 0
            else:
                found[term] = int(self.starts[column + 1] - self.starts[column])
        return found

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best passages for the query's words, as (rowid, score), best first.
        `allowed` is a boolean mask over positions (the filters), or None for all."""
        total = np.zeros(len(self.rowids), dtype=np.float32)
        for term in dict.fromkeys(analyse(query)):
            column = self.vocabulary.get(term)
            if column is not None:
                span = slice(self.starts[column], self.starts[column + 1])
                total[self.positions[span]] += self.scores[span]
        if allowed is not None:
            total[~allowed] = 0.0
        found = np.flatnonzero(total)
        if len(found) > k:
            found = found[np.argpartition(-total[found], k - 1)[:k]]
        found = found[np.argsort(-total[found], kind="stable")]
        return [(int(self.rowids[i]), float(total[i])) for i in found]


# passages whose (term, passage, frequency) entries are gathered in Python lists (about 100
# bytes an entry) before becoming arrays (12 bytes): 300,000 passages make 35 million entries
_CHUNK = 2048


def build(generation: str, passages: Iterable[tuple[int, str, str | None]]) -> Bm25Matrix:
    """The matrix for (rowid, text, section) rows."""
    rowids: list[int] = []
    vocabulary: dict[str, int] = {}
    lengths: list[float] = []
    term_ids: list[int] = []
    doc_positions: list[int] = []
    frequencies: list[float] = []
    term_parts: list[np.ndarray] = []
    doc_parts: list[np.ndarray] = []
    frequency_parts: list[np.ndarray] = []

    def flush() -> None:
        term_parts.append(np.asarray(term_ids, dtype=np.int32))
        doc_parts.append(np.asarray(doc_positions, dtype=np.int32))
        frequency_parts.append(np.asarray(frequencies, dtype=np.float32))
        term_ids.clear()
        doc_positions.clear()
        frequencies.clear()

    for position, (rowid, text, section) in enumerate(passages):
        counts: dict[str, float] = {}
        for term in analyse(text):
            counts[term] = counts.get(term, 0.0) + 1.0
        for term in analyse(section or ""):
            counts[term] = counts.get(term, 0.0) + SECTION_WEIGHT
        rowids.append(rowid)
        lengths.append(float(sum(counts.values())))
        for term, frequency in counts.items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            doc_positions.append(position)
            frequencies.append(frequency)
        if position % _CHUNK == _CHUNK - 1:
            flush()
    flush()
    terms = _joined(term_parts)
    docs = _joined(doc_parts)
    tf = _joined(frequency_parts)
    length = np.asarray(lengths, dtype=np.float32)
    count = len(rowids)
    document_frequency = np.bincount(terms, minlength=len(vocabulary)).astype(np.float32)
    idf = np.log1p((count - document_frequency + 0.5) / (document_frequency + 0.5))
    norm = K1 * (1 - B + B * length / max(float(length.mean()) if count else 1.0, 1e-9))
    # idf * tf * (k1 + 1) / (tf + norm), in place: no temporary array the size of the others
    scores = idf[terms]
    scores *= tf
    scores *= K1 + 1
    below = norm[docs]
    below += tf
    del tf
    scores /= below
    del below
    order = np.argsort(terms, kind="stable")
    del terms
    starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    np.cumsum(document_frequency.astype(np.int64), out=starts[1:])
    positions = docs[order]
    del docs
    return Bm25Matrix(
        generation=generation,
        rowids=np.asarray(rowids, dtype=np.int64),
        vocabulary=vocabulary,
        starts=starts,
        positions=positions,
        scores=scores[order].astype(np.float32, copy=False),
    )


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """The parts as one array; the list is emptied as it goes, so each part is freed."""
    joined = np.concatenate(parts)
    parts.clear()
    return joined


def save(matrix: Bm25Matrix, path: Path) -> None:
    """Write atomically: a reader never sees half a file."""
    words = sorted(matrix.vocabulary, key=matrix.vocabulary.__getitem__)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as handle:
            np.savez(
                handle,
                generation=np.array(matrix.generation),
                scheme=np.array(SCHEME),
                rowids=matrix.rowids,
                vocabulary=np.array(words, dtype=str),
                starts=matrix.starts,
                positions=matrix.positions,
                scores=matrix.scores,
            )
        os.replace(partial, path)
    except BaseException:  # a full disk, Ctrl-C: no half-written file is left behind
        partial.unlink(missing_ok=True)
        raise


def load(path: Path) -> Bm25Matrix | None:
    """The saved matrix, or None when there is none, it cannot be read or was made another way."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["scheme"]) != SCHEME:
                return None
            words = saved["vocabulary"].tolist()
            return Bm25Matrix(
                generation=str(saved["generation"]),
                rowids=saved["rowids"],
                vocabulary={word: i for i, word in enumerate(words)},
                starts=saved["starts"],
                positions=saved["positions"],
                scores=saved["scores"],
            )
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # rebuilt from the passage table
