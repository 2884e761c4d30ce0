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
        "3.1 Agencies were asked for their records in the first month.\n"
        "3.2 Child R left his foster placement at seventeen to rent a room over a shop. "
        "Adult mental health services had assessed him once that spring. "
        "Early in March 2021 he was found hanged in the room.\n"
        "3.3 Each agency wrote a chronology for the panel.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2021


def test_a_described_sentence_about_another_child_gives_the_named_child_nothing() -> None:
    found = meta(
        "Serious Case Review\n\nChild N\n\n"
        "1.1 Child N was known to the health visiting service from birth.\n"
        "1.2 The partnership agreed in the autumn to hold a review.\n"
        "1.3 That winter a younger sister, a baby of three months, was taken to hospital "
        "with a broken arm.\n"
    )
    assert found.value("outcome") is None


def test_a_name_before_any_past_tense_verb_is_told_of() -> None:
    found = meta(
        LEARNING_PAGE + "Practitioners from five agencies contributed to this learning.\n"
        "Ilse explained to her teacher that there was rarely food at home.\n"
        "Later that term Ilse stopped coming to school and no one visited the house.\n"
    )
    assert found.value("child_pseudonyms") == ["Ilse"]


def test_first_names_heading_the_page_with_the_childs_are_the_siblings() -> None:
    found = meta(
        LEARNING_PAGE + "Nell, Ansel and Wren\n\n"
        "Nell was seven when her school first asked for help. Nell’s teachers often saw "
        "her tired and hungry on a Monday.\n"
    )
    assert found.value("child_pseudonyms") == ["Nell", "Ansel", "Wren"]


def test_two_first_names_alone_may_be_the_child_and_a_parent() -> None:
    found = meta(
        LEARNING_PAGE + "Jory and Maren are the names this summary uses.\n"
        "Jory was eleven when he ran away from home for the third time. Maren reported "
        "him missing and Jory was found two days later in a stairwell.\n"
    )
    assert found.value("child_pseudonyms") == ["Jory"]


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


def test_first_names_listed_in_prose_with_the_childs_may_be_its_parents() -> None:
    found = meta(
        LEARNING_PAGE + "Isla was three when she was admitted to hospital with burns.\n"
        "Isla, Marek and Dorota had come to the city the year before, and Marek worked "
        "nights while Dorota looked after the house.\n"
    )
    assert found.value("child_pseudonyms") == ["Isla"]
    assert found.value("child_age") == "3 years"


def test_an_adult_told_of_beside_an_unnamed_baby_is_no_childs_name() -> None:
    found = meta(
        LEARNING_PAGE + "A four-month-old girl was found to have a broken leg.\n"
        "Declan had been released from prison in May. Later that month Declan was often "
        "left alone with the baby.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_charity_named_with_its_possessive_is_no_childs_name() -> None:
    found = meta(
        LEARNING_PAGE + "A boy of thirteen went missing from home many times.\n"
        "For years Harbourlight’s had run the youth club, and Harbourlight’s outreach "
        "team met the boy twice.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_speaker_who_says_and_adds_is_no_childs_name() -> None:
    found = meta(
        LEARNING_PAGE + "A girl of nine was hurt at home.\n"
        "At the launch Wendell said the partnership had learned much. Wendell added that "
        "the girl now lived with relatives.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_services_initials_told_of_are_no_childs_code() -> None:
    found = meta(
        LEARNING_PAGE + "A girl of fifteen harmed herself repeatedly.\n"
        "CSC had seen her in the autumn, and CSC closed her case in the spring.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_described_child_of_another_sex_and_year_is_another_child() -> None:
    found = meta(
        "Serious Case Review\n\nChild L\n\n"
        "Child L, a girl of seven months, was admitted to hospital with a fractured skull "
        "in 2019.\n"
        "The partnership commissioned this review that summer. Eight years before, a "
        "newborn boy in the household had died of an infection in 2011.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("child_sex") == "female"
    assert found.value("incident_year") == 2019


def test_a_table_of_contents_run_on_one_line_is_no_sentence_about_the_child() -> None:
    found = meta(
        "Serious Case Review\n\nChild T\n\n"
        "Contents 1 Why we held this review 1 1.1 How it was done 2 1.2 Who took part 3 "
        "2 Child T and the services 4 2.1 Early years 4 2.2 A life-threatening fall 6 "
        "2.3 Moving house 8 2.4 What Child T told us 9 3 Findings 11\n\n"
        "Child T was fourteen and lived with her aunt in a small flat.\n"
        "She went to a college in the next town and liked to draw.\n"
    )
    assert found.value("child_pseudonyms") == ["Child T"]
    assert found.value("outcome") is None


def test_many_people_told_of_by_first_name_are_no_children() -> None:
    found = meta(
        LEARNING_PAGE + "A baby girl of six weeks was admitted with bruising.\n"
        "Anneke had visited the flat in March, when Bram was living there with her.\n"
        "Later Bram moved out and Coralie took his place, and Anneke noted that Coralie was kind "
        "to her. Dorran was the health visitor who had seen her at birth, and Dorran was "
        "not told of the move.\n"
        "Eskil was her grandfather and Eskil visited her weekly.\n"
    )
    assert found.value("child_pseudonyms") is None
