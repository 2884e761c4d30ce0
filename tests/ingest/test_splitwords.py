"""Words split by PDF extraction are joined only when the document vouches for the whole word."""

from __future__ import annotations

from ingest.clean import clean_pages
from ingest.splitwords import rejoin, vocabulary
from ingest.types import Line, Page


def _page(*texts: str) -> Page:
    return Page(1, [Line(text) for text in texts])


def test_a_word_cut_in_two_is_joined_when_written_whole_elsewhere() -> None:
    pages = [_page("The visit was signi ficant for the family.", "A significant gap followed.")]
    words = vocabulary(pages)
    assert rejoin(pages[0].lines[0].text, words) == "The visit was significant for the family."


def test_two_real_words_stay_apart_even_when_their_join_is_a_word() -> None:
    pages = [
        _page(
            "Staff were not able to visit.",
            "A notable gap.",
            "It was not clear and not agreed.",
            "They were able to help and able to stay.",
        )
    ]
    words = vocabulary(pages)
    assert rejoin("Staff were not able to visit.", words) == "Staff were not able to visit."


def test_a_split_the_document_never_confirms_is_left_alone() -> None:
    pages = [_page("The nurse recorded a brief contin uation note.")]
    assert rejoin(pages[0].lines[0].text, vocabulary(pages)).endswith("contin uation note.")


def test_a_hyphen_with_a_space_before_it_belongs_to_the_word() -> None:
    pages = clean_pages([_page("Advice on safe sleep and co -sleeping was given - twice.")])
    assert pages[0].lines[0].text == "Advice on safe sleep and co-sleeping was given - twice."
