from ingest.pipeline import FINGERPRINT_WORDS, text_fingerprint

WORDS = " ".join(f"word{i}" for i in range(FINGERPRINT_WORDS))


def test_the_same_words_in_another_layout_give_the_same_fingerprint() -> None:
    relaid = WORDS.upper().replace(" ", "\n\n", 20).replace("word3 ", "word3, ")
    assert text_fingerprint(WORDS, 12) == text_fingerprint(relaid, 12) != ""


def test_other_words_or_another_page_count_give_another_fingerprint() -> None:
    assert text_fingerprint(WORDS, 12) != text_fingerprint(WORDS + " more", 12)
    assert text_fingerprint(WORDS, 12) != text_fingerprint(WORDS, 14)


def test_a_document_of_few_words_has_none() -> None:
    assert text_fingerprint(" ".join(WORDS.split()[:-1]), 3) == ""
