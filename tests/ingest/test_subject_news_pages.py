"""The child and the incident, in our own words: news and board pages about a
review, which name the child by first name and surname ('the death of three-year-old Tilly
Marsh'), say the name was changed or give it after the child ('the baby, named Poppy'),
and print a dateline beside the headline; and a death year not taken from an earlier
injury."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

NEWS = "Local news\n\nReview published after toddler's death\n\n"


def test_a_full_name_after_the_death_of_a_child_of_an_age() -> None:
    found = meta(
        NEWS + "Agencies in Westerby missed chances to protect a toddler, a review into the "
        "death of three-year-old Tilly Marsh has found.\n"
        "Tilly was taken to hospital by her mother and died two days later.\n"
    )
    assert found.value("child_pseudonyms") == ["Tilly Marsh"]
    assert found.value("child_age_months") == 36
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"


def test_a_full_name_that_was_murdered_and_an_adult_given_an_age_is_no_child() -> None:
    found = meta(
        NEWS + "Little Rhys-Owen Pryce was murdered by his mother's partner, Gary Holt, 34, "
        "in a flat in Carnford.\n"
        "Gary Holt was sentenced at the crown court. Rhys-Owen had been seen by a health "
        "visitor a week earlier.\n"
    )
    assert found.value("child_pseudonyms") == ["Rhys-Owen Pryce"]
    assert found.value("outcome") == "died"


def test_a_full_name_named_once_is_not_the_subject() -> None:
    found = meta(
        NEWS + "The board's report follows the death of Tilly Marsh in a house fire. It "
        "makes nine recommendations on housing checks.\n"
    )
    assert found.value("child_pseudonyms") is None
    named_again = meta(
        NEWS + "The board's report follows the death of Tilly Marsh in a house fire. It "
        "makes nine recommendations on housing checks. Tilly was two.\n"
    )
    assert named_again.value("child_pseudonyms") == ["Tilly Marsh"]


def test_a_first_name_printed_with_its_surname_is_the_full_name() -> None:
    found = meta(
        NEWS + "Corin Abbott was ten months old. The review says Corin (not his real "
        "name) was failed by every agency. Corin Abbott was found at home by paramedics.\n"
    )
    assert found.value("child_pseudonyms") == ["Corin Abbott"]


def test_whose_name_has_been_changed() -> None:
    found = meta(
        NEWS + "Poppy, whose name has been changed in the report, was four months old when "
        "she died at her grandmother's house. Poppy's parents had asked for help.\n"
    )
    assert found.value("child_pseudonyms") == ["Poppy"]
    assert found.value("outcome") == "died"


def test_the_baby_named_in_the_report() -> None:
    found = meta(
        NEWS + "The six-week-old, named Juno, was found unresponsive in a "
        "cot in March 2021. Juno's mother had been sleeping on the sofa.\n"
    )
    assert found.value("child_pseudonyms") == ["Juno"]


def test_a_dateline_after_died_is_not_the_year_of_the_death() -> None:
    found = meta(
        "Westerby Courier\n\nReview calls for checks where Tilly Marsh died\n"
        "14 Mar 2025 3 minute read\n"
        "Three-year-old Tilly Marsh was killed by her mother's boyfriend at her home.\n"
        "Tilly had been seen by a nurse two weeks before.\n"
    )
    assert found.value("child_pseudonyms") == ["Tilly Marsh"]
    assert found.value("incident_year") is None


def test_the_year_of_an_earlier_injury_is_not_the_year_of_the_death() -> None:
    found = meta(
        NEWS + "The review into the death of Corin Abbott was published on Monday.\n"
        "It makes twelve recommendations for the county's health services.\n"
        "A chance was missed in June 2017 when Corin, then aged nine months, was taken to "
        "hospital with a broken arm.\n"
    )
    assert found.value("child_pseudonyms") == ["Corin Abbott"]
    assert found.value("outcome") == "died"
    assert found.value("incident_year") is None


def test_a_full_name_before_its_death() -> None:
    found = meta(
        NEWS + "Photo: family handout\nMarlo Tennant's death came six weeks after a nurse "
        "raised concerns. Marlo had been living with his aunt.\n"
    )
    assert found.value("child_pseudonyms") == ["Marlo Tennant"]


def test_a_place_closing_a_headline_is_no_child() -> None:
    found = meta(
        "Review held into death of baby boy in Westmarch\n\n"
        "A review into how a baby from Westmarch died has been published. The Westmarch "
        "Safeguarding Children Board looked at the care the baby received.\n"
        "Westmarch health services have changed their checks since.\n"
    )
    assert found.value("child_pseudonyms") is None
    a_child = meta(
        "Review held into death of baby boy in Westmarch\n\n"
        "A review into the death of three-month-old Otto Brand from Westmarch has been "
        "published. The Westmarch Safeguarding Children Board looked at the care Otto received.\n"
    )
    assert a_child.value("child_pseudonyms") == ["Otto Brand"]


def test_the_criteria_set_out_as_a_list_are_no_outcome() -> None:
    found = meta(
        "Child Practice Review\n\nAfon Las Regional Safeguarding Board\n\n"
        "A concise review is carried out in cases where abuse or neglect of a child is known "
        "or suspected and the child has: died; or sustained a potentially life threatening "
        "injury. This page explains how reviews are commissioned in the region.\n"
    )
    assert found.value("outcome") is None
    what_happened = meta(
        "Child Practice Review\n\nAfon Las Regional Safeguarding Board\n\n"
        "A concise review was carried out after Child M died at home in 2021. This page "
        "explains how the review was commissioned in the region.\n"
    )
    assert what_happened.value("outcome") == "died"


def test_an_age_given_to_another_coded_child_is_not_the_subjects() -> None:
    found = meta(
        "Local Child Safeguarding Practice Review\n\nHollinsend Safeguarding Partnership\n\n"
        "The child who died in Hollinsend will be known as Child K, and the four-month-old "
        "baby found in a flat in Marbury will be known as Sibling L. Child K died in 2022.\n"
    )
    assert found.value("child_pseudonyms") == ["Child K"]
    assert found.value("child_age") is None


def test_a_quoted_child_and_first_name_met_again_alone() -> None:
    found = meta(
        "Partnership news\n\nThe practice review 'Child Wren' is now published.\n"
        "Our thoughts remain with the family of Wren. The review of the events before "
        "Wren's death makes six recommendations.\n"
    )
    assert found.value("child_pseudonyms") == ["Child Wren"]


def test_the_rule_for_when_a_child_dies_is_no_outcome() -> None:
    found = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "Why reviews are held: when a child dies and abuse or neglect is known or suspected "
        "to have played a part, the board must consider holding a review of how agencies "
        "worked together.\n"
    )
    assert found.value("outcome") is None
    what_happened = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "Why this review was held: Child R died in 2019 and abuse or neglect was suspected to "
        "have played a part, so the board held a review of how agencies worked together.\n"
    )
    assert what_happened.value("outcome") == "died"


def test_several_children_who_died_together() -> None:
    found = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "A review was held after three children died in a flat fire in Lowmoor in 2018. "
        "The children, the eldest aged nine, had been known to the school nurse.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2018
    assert found.value("child_age") is None


def test_serious_injury_or_death_in_general_is_no_outcome() -> None:
    found = meta(
        "Partnership news\n\nPractice review 'Child Wren' published\n\n"
        "Now and then a child suffers a serious injury or death because of abuse, and the "
        "partners look at what can be learned. Our thoughts are with the family of Wren. "
        "The review looks at the months before Wren was born.\n"
    )
    assert found.value("outcome") is None
    what_happened = meta(
        "Partnership news\n\nPractice review 'Child Wren' published\n\n"
        "Child Wren suffered a serious injury because of abuse, and the partners look at what "
        "can be learned. Our thoughts are with the family of Wren. "
        "The review looks at the months before Wren was born.\n"
    )
    assert what_happened.value("outcome") == "serious_harm"


def test_a_famous_earlier_case_cited_by_name_is_not_the_subject() -> None:
    found = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "Since the death of Ava Stone and the Ava Stone Inquiry that followed, boards have "
        "changed how they share records. Ava is still remembered in training.\n"
    )
    assert found.value("child_pseudonyms") is None
    this_review = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "This review follows the death of two-year-old Ava Stone, after which the board "
        "changed how it shares records. Ava is still remembered in training.\n"
    )
    assert this_review.value("child_pseudonyms") == ["Ava Stone"]


def test_a_keyword_name_is_not_read_as_a_first_name() -> None:
    found = meta(
        "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n"
        "This review concerns Baby Nell. Baby Nell was born early and went home with her "
        "mother. Baby Rowan was four years old when he was taken into care. "
        "Baby Nell was seen by the health visitor twice.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby Nell"]
    assert found.value("child_age") is None


def test_a_line_of_a_news_page_that_starts_with_the_childs_full_name() -> None:
    found = meta(
        NEWS + "Cara Lyne died at home after months of neglect, the review found\n"
        "Cara had not been seen by a doctor for a year.\n"
    )
    assert found.value("child_pseudonyms") == ["Cara Lyne"]
    assert found.value("outcome") == "died"


def test_a_place_called_little_is_no_child() -> None:
    found = meta(
        NEWS + "The family had moved to Little Haven Farm in 2019, where the review says "
        "Little Haven Farm was not visited by any professional.\n"
    )
    assert found.value("child_pseudonyms") is None
    a_child = meta(
        NEWS + "Little Nia Pell died at Haven Farm in 2019, where the review says the family "
        "was not visited by any professional. Nia was two.\n"
    )
    assert a_child.value("child_pseudonyms") == ["Nia Pell"]
