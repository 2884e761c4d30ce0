"""The subject child and what happened, from narrative sentences written in our own words."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta


def test_first_name_pseudonym_and_age_in_months_from_a_sentence() -> None:
    found = meta(
        "Serious Case Review: Tilly\n\n"
        "1.1 This review looks at the care given to Tilly and her family. "
        "When Tilly died, aged 7 months, in March 2016, she was living with her grandparents. "
        "Tilly had been seen by a health visitor twice.\n"
    )
    assert found.value("child_pseudonyms") == ["Tilly"]
    assert found.value("child_age") == "7 months"
    assert found.value("child_age_months") == 7
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2016


def test_a_baby_described_without_a_pseudonym() -> None:
    found = meta(
        "Local Child Safeguarding Practice Review\n\n"
        "The review followed the sudden death of a six week old baby boy in the care of his "
        "father in August 2020. He had been born early.\n"
    )
    assert found.value("child_age") == "6 weeks"
    assert found.value("child_age_months") == 1
    assert found.value("child_sex") == "male"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2020


def test_years_and_months_together() -> None:
    found = meta(
        "Rapid Review: Child M\n\nChild M was aged 2 years 11 months when she was found "
        "injured at home. Child M was living with her aunt.\n"
    )
    assert found.value("child_age") == "2 years 11 months"
    assert found.value("child_age_months") == 35
    assert found.value("outcome") == "serious_harm"


def test_admission_to_a_hospital_named_in_full_is_serious_harm() -> None:
    found = meta(
        "Learning Review: Child F\n\nChild F was six when she was admitted to Northvale Royal "
        "Infirmary in May 2019 and stayed there for nine days. She lived with her father.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_age_from_dates_of_birth_and_death() -> None:
    found = meta(
        "Serious Case Review: Baby J\n\n"
        "Baby J was born on 2 January 2015 and died on 20 March 2015 in hospital. "
        "Baby J lived with both parents.\n"
    )
    assert found.value("child_age_months") == 2
    assert found.value("outcome") == "died"


def test_siblings_ages_are_not_the_subjects() -> None:
    found = meta(
        "Serious Case Review: Child V\n\n"
        "Child V, the youngest of four, lived with Mother and her partner. "
        "Child V's brother, aged 9, and sister, aged 6, attended the village school. "
        "Child V was 3 months old when he was taken to hospital with a head injury.\n"
    )
    assert found.value("child_age") == "3 months"
    assert found.value("child_sex") == "male"


def test_a_victims_age_is_not_the_childs() -> None:
    found = meta(
        "Extended Child Practice Review\n\n"
        "This review followed the abuse of a 7 year old girl by an older boy aged 15 in the "
        "foster home where both lived. This happened in May 2014.\n"
    )
    assert found.value("child_age") == "7 years"
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2014


def test_pseudonyms_in_capitals_families_and_groups() -> None:
    capitals = meta(
        "SERIOUS CASE REVIEW: CHILD X AND BABY Y\n\nChild X and Baby Y lived with their mother.\n"
    )
    family = meta(
        "Serious Case Review: Family T4\n\nThe Family T4 children were known to services.\n"
    )
    group = meta("Learning Review: Children A–F\n\nChildren A–F were placed together.\n")
    assert capitals.value("child_pseudonyms") == ["Child X", "Baby Y"]
    assert family.value("child_pseudonyms") == ["Family T4"]
    assert group.value("child_pseudonyms") == ["Children A–F"]


def test_a_review_of_many_children_states_no_single_age() -> None:
    found = meta(
        "Thematic Review: Adolescents and knife crime\n\n"
        "We looked at six young people aged 14 to 17 who were stabbed in 2021.\n"
    )
    assert found.value("child_age") is None and found.value("outcome") is None
    one_child = meta(
        "Local Child Safeguarding Practice Review: Adolescents and knife crime\n\n"
        "We looked at Child T, aged 16, who was stabbed in 2021.\n"
    )
    assert one_child.value("child_age") == "16 years"
    assert one_child.value("outcome") == "serious_harm"


def test_age_from_birth_and_death_dates_on_the_cover() -> None:
    found = meta(
        "ORMSBY SAFEGUARDING CHILDREN BOARD\n\nSERIOUS CASE REVIEW - BABY Q\n\n"
        "Date of birth: 3 February 2016\n\nDate of death: 20 July 2016\n\nOverview Report\n\n"
        "1.1 Baby Q was found unresponsive at home and died later that day.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby Q"]
    assert found.value("child_age_months") == 5
    assert found.value("outcome") == "died"


def test_a_parents_death_is_not_the_childs_outcome() -> None:
    found = meta(
        "Learning Review: Child G\n\n"
        "Child G was 14 when his mother died after a long illness in 2019. "
        "Child G was later found with serious injuries after an assault in March 2021.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2021


def test_a_first_name_after_child_that_is_never_an_ordinary_word() -> None:
    found = meta(
        "1. Introduction\n\n1.1 The partnership decided to review the death of Child Remy "
        "(pseudonym). Child Remy was a male child aged 11 months when he died in May 2019. "
        "Child Protection procedures had been followed.\n"
    )
    assert found.value("child_pseudonyms") == ["Child Remy"]
    assert found.value("child_age") == "11 months"
    assert found.value("child_sex") == "male"


def test_an_injury_that_was_not_fatal_is_serious_harm() -> None:
    found = meta(
        "Child Safeguarding Practice Review\n\nThe review concerns an infant, Child K, who was "
        "injured (not fatally) in a foster placement. Child K recovered in hospital.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_two_children_give_an_outcome_but_no_single_age() -> None:
    found = meta(
        "Serious Case Review Child S & Child T\n\n"
        "Child T died aged 3 in March 2012. His brother Child S died two months later aged 5.\n"
    )
    assert found.value("child_pseudonyms") == ["Child S", "Child T"]
    assert found.value("outcome") == "died"
    assert found.value("child_age") is None


def test_a_first_name_in_a_title_in_capitals() -> None:
    found = meta(
        "WESTLEY SAFEGUARDING CHILDREN PARTNERSHIP\n\nSERIOUS CASE REVIEW MIRA\n\nJUNE 2019\n\n"
        "Mira lived with her mother. Mira was 15 when she was found injured.\n"
    )
    assert found.value("child_pseudonyms") == ["Mira"]
    assert found.value("child_sex") == "female"


def test_pseudonyms_in_quotation_marks() -> None:
    letter = meta("Serious Case Review: Child ‘N’\n\nChild ‘N’ lived with his father.\n")
    first = meta(
        "Child Safeguarding Practice Review: ‘Otto’\n\n"
        "Otto was two when he was admitted with burns. Otto had been seen by his GP.\n"
    )
    assert letter.value("child_pseudonyms") == ["Child N"]
    assert first.value("child_pseudonyms") == ["Otto"]
    assert first.value("outcome") == "serious_harm"


def test_the_incident_year_from_a_date_of_death_on_the_cover() -> None:
    found = meta(
        "Serious Case Review: Baby L\n\nDate of birth: 1 May 2011\n\n"
        "Date of death: 9 August 2011\n\n"
        "Baby L lived with her parents.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2011
    assert found.value("child_age_months") == 3
