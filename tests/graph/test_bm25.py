import sys
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import snowballstemmer

from graph import bm25

PASSAGES = [
    (10, "The father smoked cannabis daily in the home.", "Substance use"),
    (11, "The health visitor saw the mother and the baby at home.", None),
    (12, "Police knew about the cannabis but did not tell health.", "Information sharing"),
    (13, "Fathers were not asked about their own childhood.", None),
    (14, "The school nurse recorded the baby's weight.", "Health"),
]


def test_words_are_lower_cased_stemmed_and_stopwords_dropped() -> None:
    assert bm25.analyse("The Fathers were SMOKING it") == ["father", "smoke"]


def test_only_passages_with_a_query_word_are_found_best_first() -> None:
    matrix = bm25.build("1", PASSAGES)
    found = matrix.search("cannabis father", 10)
    assert found[0][0] == 10  # the only passage with both words
    assert {rowid for rowid, _ in found[1:]} == {12, 13}
    assert found[0][1] > found[1][1] >= found[2][1] > 0


def test_a_rare_word_outweighs_a_common_one() -> None:
    matrix = bm25.build("1", PASSAGES)
    # "home" is in two passages, "police" in one: the passage with the rare word wins
    found = matrix.search("home police", 10)
    assert found[0][0] == 12


def test_a_section_title_counts_but_less_than_the_text() -> None:
    matrix = bm25.build("1", [(1, "Sharing went well.", "Information"), (2, "Information.", None)])
    found = dict(matrix.search("information", 10))
    assert found[2] > found[1] > 0


def test_the_mask_keeps_only_allowed_passages_and_k_cuts_the_list() -> None:
    matrix = bm25.build("1", PASSAGES)
    allowed = np.isin(matrix.rowids, [12, 14])
    assert {rowid for rowid, _ in matrix.search("cannabis baby", 10, allowed)} == {12, 14}
    assert len(matrix.search("the baby home cannabis father", 2)) == 2


def test_a_query_of_unknown_or_stop_words_finds_nothing() -> None:
    matrix = bm25.build("1", PASSAGES)
    assert matrix.search("zebra of the", 10) == []
    assert bm25.build("0", []).search("cannabis", 10) == []


def test_saved_matrix_loads_back_identical_and_a_broken_file_loads_as_none(
    tmp_path, monkeypatch
) -> None:
    matrix = bm25.build("7", PASSAGES)
    path = tmp_path / "keywords.npz"
    bm25.save(matrix, path)
    loaded = bm25.load(path)
    assert loaded is not None and loaded.generation == "7"
    assert loaded.search("cannabis father", 10) == matrix.search("cannabis father", 10)
    assert list(tmp_path.iterdir()) == [path]  # no partial file left behind
    monkeypatch.setattr(bm25, "SCHEME", "porter k1=2 b=1 section=1")
    assert bm25.load(path) is None  # made with other parameters: rebuilt
    monkeypatch.undo()
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a truncated archive
    assert bm25.load(path) is None
    path.write_bytes(b"not a numpy archive")
    assert bm25.load(path) is None
    assert bm25.load(tmp_path / "missing.npz") is None


def test_words_stemmed_in_many_threads_at_once_get_the_stems_one_thread_gives() -> None:
    # The app serves each browser session in its own thread; a stemmer shared between them
    # garbled stems (and the cache kept them). Switch threads as often as possible.
    words = [
        f"{stem}{ending}"
        for stem in ("abduct", "prevail", "exploit", "assess", "neglect", "visit", "refer")
        for ending in ("ing", "ion", "ed", "ment", "ness", "ations", "ingly", "er", "s")
    ]
    expected = {word: str(snowballstemmer.stemmer("porter").stemWord(word)) for word in words}
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    found: list[dict[str, str]] = []
    try:
        for _ in range(5):
            bm25._stem.cache_clear()

            def stem_all(seed: int) -> dict[str, str]:
                order = words[seed % len(words) :] + words[: seed % len(words)]
                return {word: bm25.stem_words(word)[0] for word in order}

            with ThreadPoolExecutor(max_workers=8) as pool:
                found.extend(pool.map(stem_all, range(8)))
    finally:
        sys.setswitchinterval(previous)
        bm25._stem.cache_clear()
    assert all(stems == expected for stems in found)


def _reference_build(
    generation: str, passages: list[tuple[int, str, str | None]]
) -> bm25.Bm25Matrix:
    """The matrix as bm25.build made it before it gathered entries in chunks (all in lists)."""
    vocabulary: dict[str, int] = {}
    rowids: list[int] = []
    term_ids: list[int] = []
    docs: list[int] = []
    frequencies: list[float] = []
    lengths: list[float] = []
    for position, (rowid, text, section) in enumerate(passages):
        counts: dict[str, float] = {}
        for term in bm25.analyse(text):
            counts[term] = counts.get(term, 0.0) + 1.0
        for term in bm25.analyse(section or ""):
            counts[term] = counts.get(term, 0.0) + bm25.SECTION_WEIGHT
        rowids.append(rowid)
        lengths.append(float(sum(counts.values())))
        for term, frequency in counts.items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            docs.append(position)
            frequencies.append(frequency)
    terms = np.asarray(term_ids, dtype=np.int64)
    doc = np.asarray(docs, dtype=np.int32)
    tf = np.asarray(frequencies, dtype=np.float32)
    length = np.asarray(lengths, dtype=np.float32)
    count = len(rowids)
    df = np.bincount(terms, minlength=len(vocabulary)).astype(np.float32)
    idf = np.log1p((count - df + 0.5) / (df + 0.5))
    norm = bm25.K1 * (
        1 - bm25.B + bm25.B * length / max(float(length.mean()) if count else 1.0, 1e-9)
    )
    scores = idf[terms] * tf * (bm25.K1 + 1) / (tf + norm[doc])
    order = np.argsort(terms, kind="stable")
    starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    np.cumsum(df.astype(np.int64), out=starts[1:])
    return bm25.Bm25Matrix(
        generation,
        np.asarray(rowids, dtype=np.int64),
        vocabulary,
        starts,
        doc[order],
        scores[order].astype(np.float32),
    )


def _varied_passages(n: int) -> list[tuple[int, str, str | None]]:
    random = np.random.default_rng(3)
    words = [f"w{i}" for i in range(400)] + ["father", "fathers", "the", "nurse", "x", "42"]
    sections = [None, "", "Health", "Information sharing and the police", "the of"]
    return [
        (
            int(rowid),
            " ".join(random.choice(words, size=int(random.integers(0, 60)))),
            sections[int(random.integers(0, len(sections)))],
        )
        for rowid in np.cumsum(random.integers(1, 5, size=n))
    ]


def test_the_matrix_built_in_chunks_is_the_one_built_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    passages = _varied_passages(300)
    expected = _reference_build("7", passages)
    for chunk in (1, 7, 64, 4096):  # chunk boundaries anywhere, or none at all
        monkeypatch.setattr(bm25, "_CHUNK", chunk, raising=False)
        built = bm25.build("7", iter(passages))
        assert built.generation == expected.generation
        assert built.vocabulary == expected.vocabulary
        for name in ("rowids", "starts", "positions", "scores"):
            ours, theirs = getattr(built, name), getattr(expected, name)
            assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs), name
    empty = bm25.build("0", [])
    assert len(empty.rowids) == 0 and empty.search("father", 5) == []


def test_building_keeps_no_python_object_per_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """About 100 bytes an entry in Python lists made 3.3 GB at 300,000 passages."""
    monkeypatch.setattr(bm25, "_CHUNK", 64, raising=False)  # few entries wait in lists
    passages = _varied_passages(3000)
    entries = len(bm25.build("1", passages).positions)
    tracemalloc.start()
    try:
        bm25.build("1", passages)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / entries < 40
