from ingest.clip import clipped


def test_a_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "The visiting nurse wrote everything down but nobody read the notes " * 4
    shown = clipped(text, 50)
    assert shown.endswith("…") and len(shown) <= 51
    assert text.startswith(shown[:-1]) and text[len(shown) - 1] == " "
    assert clipped("Short enough.", 50) == "Short enough."
    assert clipped("One whole sentence. And then more words", 22) == "One whole sentence. …"


def test_a_cut_straight_after_a_word_keeps_that_word_whole() -> None:
    assert clipped("The health visitor called twice", 17) == "The health…"
    assert clipped("The health visitor called twice", 18) == "The health visitor…"
