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


def test_a_letter_cut_from_the_front_of_a_word_is_joined_back() -> None:
    # Capitals at a sentence start are often drawn apart from the rest of the word; a
    # single letter occurs all over a document ('S' in a list, 'R' in a reference) and so
    # cannot count against the join.
    pages = [
        _page(
            "R eports from the school were late. S chools were told. R v S (2019).",
            "Reports came weekly. The schools met. Plan S and plan R.",
            "I n the end the nurse had to i dentify the risk. I could identify it. In time.",
        )
    ]
    words = vocabulary(pages)
    assert rejoin(pages[0].lines[0].text, words).startswith(
        "Reports from the school were late. Schools"
    )
    assert rejoin(pages[0].lines[2].text, words).startswith("In the end the nurse had to identify")


def test_a_pseudonym_letter_and_the_next_word_stay_apart() -> None:
    # 'ended' is written only here and 'tended' elsewhere, yet 'Child T' is a name.
    pages = [_page("Child T ended the call.", "Her mother tended the garden.")]
    words = vocabulary(pages)
    assert rejoin("Child T ended the call.", words) == "Child T ended the call."


def test_after_a_or_I_only_a_fragment_of_one_or_two_letters_is_joined() -> None:
    # 'way' stands only here, but 'a way' is two words; 'away' elsewhere does not make it one.
    pages = [
        _page("In a way the plan worked.", "The family moved away.", "Work a cross agency plan.")
    ]
    words = vocabulary(pages)
    assert rejoin("In a way the plan worked.", words) == "In a way the plan worked."
