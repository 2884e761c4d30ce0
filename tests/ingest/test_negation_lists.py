"""A denial reaches every item of a coordinated list ("no worries about A, B or C", "A and B
were not factors") and stops where a new clause starts (after "but", a semicolon, a full stop,
or an "and" that opens a clause with its own verb). Sentences written for these tests."""

from __future__ import annotations

import pytest

from ingest.embed import FakeEmbedder
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.themes.negation import denied, is_negated


def negated(sentence: str, words: str) -> bool:
    start = sentence.index(words)
    return is_negated(sentence, start, start + len(words))


def denied_words(sentence: str, words: str) -> bool:
    start = sentence.index(words)
    return denied(sentence, start, start + len(words))


DENIED_LISTS = [
    # "no evidence that A or B was a feature"
    ("Staff saw no evidence that heroin use or domestic abuse was part of home life.", "heroin"),
    ("Staff saw no evidence that heroin use or domestic abuse was part of home life.", "domestic"),
    # "neither A nor B"
    ("Neither the father's depression nor his gambling debts were picked up.", "depression"),
    ("Neither the father's depression nor his gambling debts were picked up.", "gambling"),
    # "no concerns about A, B or C were raised"
    ("No worries about neglect, heroin use or violence at home were voiced.", "neglect"),
    ("No worries about neglect, heroin use or violence at home were voiced.", "heroin"),
    ("No worries about neglect, heroin use or violence at home were voiced.", "violence"),
    ("No concerns about poverty and drinking were raised at the visit.", "drinking"),
    # "A and B were not factors"
    ("Cocaine use and domestic abuse were not factors in what happened.", "Cocaine"),
    ("Cocaine use and domestic abuse were not factors in what happened.", "domestic"),
    ("Heroin, cocaine and alcohol were not identified at any stage.", "Heroin"),
    # "there is nothing to suggest A or B"
    ("There is nothing to suggest postnatal depression or cannabis use.", "postnatal"),
    ("There is nothing to suggest postnatal depression or cannabis use.", "cannabis"),
    # post-posed denials of one factor
    ("Alcohol misuse played no part in the death of the infant.", "Alcohol"),
    ("Domestic abuse was ruled out after the police checks.", "Domestic"),
    # a lead-in between the coordinator and the factor
    ("The records held no mention of drinking or any history of domestic abuse.", "domestic"),
]

ASSERTED = [
    # a contrast keeps the later clause positive
    ("There were no worries about drugs, but domestic abuse was known to police.", "domestic"),
    ("There were no worries about drugs; domestic abuse was known to police.", "domestic"),
    ("Staff saw no sign of cocaine use however domestic abuse was recorded.", "domestic"),
    # "and" or a comma opening a clause of its own
    (
        "There was no evidence of drug use, and domestic abuse was reported by a neighbour.",
        "domestic",
    ),
    ("The house had no heating and domestic abuse was reported by a neighbour.", "domestic"),
    ("The mother denied heroin use and domestic abuse was confirmed later.", "domestic"),
    # a negation of something else does not spread to the list
    ("The father did not attend the appointment and domestic abuse was disclosed.", "domestic"),
    ("Domestic abuse was reported, but drug use was not a factor.", "Domestic"),
    (
        "The clinic kept no notes of the visit, and domestic abuse workers met the mother.",
        "domestic",
    ),
    # a denial of the noun a factor qualifies is not a denial of the factor
    ("The leaflet on bruising in babies was not known to the practice.", "bruising"),
    ("Advice about poverty, debt and housing is not treated as relevant.", "debt"),
    # what professionals missed was there
    ("Domestic abuse was not seen as a concern by the midwife on her visits.", "Domestic"),
    ("His cannabis use and the domestic abuse were not recognised as a concern.", "cannabis"),
    ("His cannabis use and the domestic abuse were not recognised as a concern.", "domestic"),
    # a clause after a comma or "and" with a verb of its own
    ("With no help from services, domestic abuse escalated that winter.", "domestic"),
    ("The family had no income, no tenancy, domestic abuse continued.", "domestic"),
    ("Nobody mentioned neglect, domestic abuse featured in every report.", "domestic"),
    ("There was no food in the flat and domestic abuse grew worse.", "domestic"),
    # a positive list is still positive
    ("Cocaine use and domestic abuse were known to every agency.", "Cocaine"),
    ("Cocaine use and domestic abuse were known to every agency.", "domestic"),
    ("Neglect, drinking and violence at home were all reported.", "violence"),
]


@pytest.mark.parametrize(("sentence", "words"), DENIED_LISTS)
def test_every_item_of_a_denied_list_is_denied(sentence: str, words: str) -> None:
    assert negated(sentence, words)
    assert denied_words(sentence, words)


@pytest.mark.parametrize(("sentence", "words"), ASSERTED)
def test_a_clause_outside_the_denial_stays_said(sentence: str, words: str) -> None:
    assert not negated(sentence, words)
    assert not denied_words(sentence, words)


def test_a_sentence_break_ends_the_denial() -> None:
    # each reader works on one sentence at a time: the next sentence starts afresh
    assert not negated("Domestic abuse was known to the police.", "Domestic")
    assert negated("There was no drug use or domestic abuse.", "domestic")


@pytest.fixture(scope="module")
def classifier() -> ThemeClassifier:
    return ThemeClassifier(load_taxonomy(), FakeEmbedder())


def test_a_passage_denying_a_list_carries_none_of_its_themes(classifier: ThemeClassifier) -> None:
    text = (
        "The school raised no concerns about neglect, domestic abuse or substance misuse "
        "in the family."
    )
    [result] = classifier.classify([text])
    assert not {"neglect", "domestic_abuse", "substance_misuse"} & set(result.themes)


def test_a_passage_still_carries_what_it_asserts_after_a_denial(
    classifier: ThemeClassifier,
) -> None:
    text = "Parental drug use was not a concern for the school, but domestic abuse was known."
    [result] = classifier.classify([text])
    assert "domestic_abuse" in result.themes
    assert "substance_misuse" not in result.themes
