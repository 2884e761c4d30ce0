"""A typed case description is read in the plain words people use for harm, age and death."""

import pytest

from search_app.case_words import read_case_words


@pytest.mark.parametrize(
    ("description", "theme"),
    [
        ("a six week old boy was shaken by his dad", "nai_physical_abuse"),
        ("her stepfather hit the toddler repeatedly", "nai_physical_abuse"),
        ("the girl had been beaten at home", "nai_physical_abuse"),
        ("twins found unresponsive on the sofa after sleeping with mum", "sudi_unsafe_sleep"),
        ("a boy of 15 involved in county lines", "extra_familial_harm"),
        ("dad drank most evenings and used cocaine", "substance_misuse"),
        ("mum smoked weed", "substance_misuse"),  # cannabis brings the broader theme
        ("the mother's boyfriend was never assessed", "hidden_men"),
        ("mum hit by her partner in front of the children", "domestic_abuse"),
        ("the house was in squalor and the children were hungry", "neglect"),
    ],
)
def test_plain_words_for_harm_and_family_risk_name_their_theme(
    description: str, theme: str
) -> None:
    assert theme in read_case_words(description).themes


def test_an_accident_or_a_survival_is_not_read_as_abuse_or_death() -> None:
    accident = read_case_words("a boy was hit by a car near school and survived")
    assert "nai_physical_abuse" not in accident.themes
    assert not accident.died


@pytest.mark.parametrize(
    ("description", "months"),
    [("a toddler drowned in the bath", 24), ("a teenage boy went missing", 168)],
)
def test_an_age_told_in_words(description: str, months: int) -> None:
    assert read_case_words(description).months == months


def test_a_baby_found_dead_is_a_death_in_sleep() -> None:
    words = read_case_words("baby found dead in the parents' bed")
    assert words.died and words.months is not None and words.months < 12
    assert "sudi_unsafe_sleep" in words.themes


def test_a_death_in_a_report_s_words_or_plain_ones_is_read_unless_the_child_survived() -> None:
    assert read_case_words("the infant was killed by his mother's partner").died
    assert read_case_words("a teenager who did not survive the attack").died
    assert not read_case_words("nearly killed by a stranger but survived").died


@pytest.mark.parametrize(
    "description",
    [
        "a 16 year old made to carry drugs for a gang across the county",
        "a girl of 13 was drinking in the park with older boys",
        "the boy smoked weed with friends after school",
    ],
)
def test_a_child_s_own_drink_or_drugs_is_not_read_as_the_parents(description: str) -> None:
    assert not {"substance_misuse", "cannabis"} & read_case_words(description).themes


@pytest.mark.parametrize(
    ("description", "theme"),
    [
        ("Mum was depressed. There were no worries about drink or drugs.", "substance_misuse"),
        ("The baby was never hit, but was left alone for hours.", "nai_physical_abuse"),
        ("There was no evidence of neglect; the boy self-harmed.", "neglect"),
    ],
)
def test_a_denied_fact_is_not_read_as_said(description: str, theme: str) -> None:
    reading = read_case_words(description).themes
    assert theme not in reading
    assert reading  # what the same description does say is still read


@pytest.mark.parametrize(
    "description",
    [
        "a baby with no signs of neglect, drink or drugs at home",
        "dad's drinking and drugs were not a worry for anyone",
        "nothing to suggest neglect or drug use by mum",
    ],
)
def test_every_fact_of_a_denied_list_is_denied(description: str) -> None:
    assert not {"neglect", "substance_misuse"} & read_case_words(description).themes


def test_a_fact_after_a_contrast_is_still_said() -> None:
    reading = read_case_words("no worries about neglect, but mum drank every night").themes
    assert "substance_misuse" in reading and "neglect" not in reading


@pytest.mark.parametrize(
    ("description", "not_parental"),
    [
        ("No concerns about alcohol or drugs; the baby had fractures.", True),
        ("A boy of 15 was made to sell drugs by a gang.", True),
        ("Mum was intoxicated when the baby was found.", False),
        ("The baby had fractures.", False),  # nothing said of drink or drugs either way
    ],
)
def test_drink_or_drugs_named_but_not_of_a_parent_are_marked(
    description: str, not_parental: bool
) -> None:
    assert read_case_words(description).not_parental is not_parental
