"""The child's first name found by scoring every capitalised word over the whole opening
(where it stands: told of, said to be the name used, beside the review's kind, quoted),
not by one pattern per phrasing; and, once the child is named, the sentences that describe
'the baby' or 'the child' without naming it are about that child too. Fixtures in our own
words, with invented names and places."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

LEARNING_PAGE = "Learning from a local review\n\nPublished by the Ashdown partnership\n\n"


def test_a_first_name_told_of_across_the_page_is_the_childs() -> None:
    found = meta(
        LEARNING_PAGE + "The partnership asked an independent reviewer to look at the help "
        "offered to Tomasz and his family over four years.\n"
        "Tomasz had a diagnosis of autism and attended a special school some distance from "
        "home.\n"
        "Teachers noticed that Tomasz’s weight was falling and that he often arrived hungry.\n"
        "By the spring he was rarely seen outside the house.\n"
    )
    assert found.value("child_pseudonyms") == ["Tomasz"]
    assert found.value("child_sex") == "male"


def test_a_name_quoted_after_the_reviews_kind_and_told_of_again() -> None:
    found = meta(
        LEARNING_PAGE + "Case review – ‘Marisol’\n\n"
        "The practitioners who knew ‘Marisol’ described a quiet girl who loved drawing.\n"
        "‘Marisol’ had been known to children’s social care since she was a toddler.\n"
    )
    assert found.value("child_pseudonyms") == ["Marisol"]
    assert found.value("child_sex") == "female"


def test_a_place_a_body_and_a_parent_told_of_are_no_childs_names() -> None:
    found = meta(
        LEARNING_PAGE + "Families in Brackwell have waited a long time for the new centre.\n"
        "Brackwell was chosen for the pilot because of its high referral rate.\n"
        "The review heard from a mother, Kerrin, who said the waiting list was too long.\n"
        "Kerrin was a single parent of three and Kerrin had asked twice for an assessment.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_word_only_at_the_head_of_sentences_is_no_name() -> None:
    found = meta(
        LEARNING_PAGE + "Reflecting on the year, the partnership met four times.\n"
        "Reflecting was also the theme of the annual conference, with its own workshop.\n"
        "Reflecting had been requested by practitioners for some years.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_what_is_said_of_the_baby_unnamed_is_said_of_the_named_child() -> None:
    found = meta(
        "Serious Case Review\n\nChild N\n\n"
        "Child N lived with her mother and her mother’s partner in a rented flat.\n\n"
        "The review was commissioned by the Harlow Vale Safeguarding Children Board. "
        "Neighbours told the reviewer the flat was often noisy late at night. "
        "In the summer of 2016 a seven-month-old baby was taken to hospital with fractures "
        "to both arms.\n"
    )
    assert found.value("child_pseudonyms") == ["Child N"]
    assert found.value("outcome") == "serious_harm"
    assert found.value("child_age_months") == 7


def test_a_numbered_paragraph_goes_on_about_the_child_it_opens_with() -> None:
    found = meta(
        "Serious Case Review\n\nChild R\n\n"
        "2.1 The board agreed to hold this review in the autumn.\n"
        "2.2 Child R had spent ten weeks on a children’s ward. On arrival he was thin and "
        "withdrawn. An adult safeguarding enquiry was still open when he died "
        "in March 2019.\n"
        "2.3 The reviewer spoke to staff of every agency involved.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2019


def test_a_described_sentence_about_another_child_gives_the_named_child_nothing() -> None:
    found = meta(
        "Serious Case Review\n\nChild N\n\n"
        "1.1 This review was commissioned by the Harlow Vale Safeguarding Children Board.\n"
        "1.2 Child N had lived with the family until the spring of 2018.\n"
        "1.3 Neighbours saw nothing wrong in the months before.\n"
        "1.4 Social care were seeking to protect a seven-month-old baby when the parents said "
        "an older child of theirs had died some years before.\n"
    )
    assert found.value("child_age_months") is None


def test_a_name_before_any_past_tense_verb_is_told_of() -> None:
    found = meta(
        LEARNING_PAGE + "Practitioners from five agencies contributed to this learning.\n"
        "Ilse explained to her teacher that there was rarely food at home.\n"
        "Later that term Ilse stopped coming to school and no one visited the house.\n"
    )
    assert found.value("child_pseudonyms") == ["Ilse"]


def test_first_names_listed_with_the_childs_are_the_siblings() -> None:
    found = meta(
        "Why were they not heard?\n\nOrla, Bede, Cassia and Fenn\n\n"
        "The reviewer spent an afternoon with Orla. Orla recalled that nobody asked what "
        "happened at home when she was small. Orla was asked what she would change.\n"
    )
    assert found.value("child_pseudonyms") == ["Orla", "Bede", "Cassia", "Fenn"]


def test_two_first_names_alone_may_be_the_child_and_a_parent() -> None:
    found = meta(
        LEARNING_PAGE + "The review calls the family Pieter and Lotte in this report.\n"
        "Lotte woke in the night to feed Pieter, who was four weeks old.\n"
        "Pieter was taken to hospital the next morning and Pieter died two days later.\n"
    )
    assert found.value("child_pseudonyms") == ["Pieter"]


def test_a_code_told_of_like_a_name_is_the_childs() -> None:
    found = meta(
        LEARNING_PAGE + "This summary uses the initials RJT throughout.\n"
        "RJT was known to the school nurse from the age of nine. RJT moved to a new "
        "secondary school after her family were evicted.\n"
    )
    assert found.value("child_pseudonyms") == ["RJT"]


def test_a_bodys_initials_told_of_are_no_childs_code() -> None:
    found = meta(
        LEARNING_PAGE + "The Family Support Service (FSS) offered help to the mother.\n"
        "FSS was not told when the baby was born. FSS closed the case the next month.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_practitioners_code_told_of_is_no_childs() -> None:
    found = meta(
        LEARNING_PAGE + "SW3 was allocated the case in May and SW3 had met the baby once.\n"
        "SW3 visited the flat again after the birth of her brother.\n"
    )
    assert found.value("child_pseudonyms") is None
