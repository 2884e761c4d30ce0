import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
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
