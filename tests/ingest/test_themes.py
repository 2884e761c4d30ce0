"""Theme classifier: rules, negation, passing mentions, hierarchy and evidence spans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml

from ingest.embed import FakeEmbedder
from ingest.themes import KeywordBaseline, ThemeClassifier, ThemeResult, load_taxonomy
from ingest.themes.segment import segment

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV_THEMES = SHARED / "eval" / "dev" / "themes.jsonl"


@pytest.fixture(scope="module")
def classifier() -> ThemeClassifier:
    return ThemeClassifier(load_taxonomy(), FakeEmbedder())


def themes_of(classifier: ThemeClassifier, text: str) -> ThemeResult:
    return classifier.classify([text])[0]


def test_taxonomy_keeps_the_shared_ids_and_hierarchy() -> None:
    taxonomy = load_taxonomy()
    shared = SHARED / "taxonomy" / "themes.yaml"
    if shared.exists():
        contract = yaml.safe_load(shared.read_text(encoding="utf-8"))
        assert taxonomy.ids == [t["id"] for t in contract["themes"]]
    assert taxonomy.ancestors("cannabis") == ["substance_misuse"]
    assert all(t.exemplars and t.cues for t in taxonomy.themes)


def test_every_theme_has_a_score(classifier: ThemeClassifier) -> None:
    result = themes_of(classifier, "The mother disclosed domestic abuse by her partner.")
    assert set(result.scores) == set(load_taxonomy().ids)
    assert all(0.0 <= s <= 1.0 for s in result.scores.values())
    assert "domestic_abuse" in result.themes


def test_empty_inputs(classifier: ThemeClassifier) -> None:
    assert classifier.classify([]) == []
    result = themes_of(classifier, "")
    assert result.themes == [] and result.evidence == {}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("There was no evidence of domestic abuse in the household.", "domestic_abuse"),
        ("The father denied any drug use and tests were negative.", "substance_misuse"),
        ("Neither parent had a history of mental illness.", "parental_mental_health"),
        ("Substance misuse was not identified as a concern by the midwife.", "substance_misuse"),
        ("There were no known concerns about neglect of the children.", "neglect"),
        # Real sentence (The Myth of Invisible Men, 19.3): the violence here is absent.
        (
            "Several men had no histories of violence but did report punching walls or "
            "smashing or throwing things in frustration.",
            "domestic_abuse",
        ),
    ],
)
def test_absence_is_not_presence(classifier: ThemeClassifier, text: str, theme: str) -> None:
    assert theme not in themes_of(classifier, text).themes


def test_negation_stays_in_its_clause(classifier: ThemeClassifier) -> None:
    text = "There was no evidence of drug use, but domestic abuse was reported by the police."
    result = themes_of(classifier, text)
    assert "domestic_abuse" in result.themes
    assert "substance_misuse" not in result.themes


def test_practice_failures_are_not_read_as_absence(classifier: ThemeClassifier) -> None:
    result = themes_of(classifier, "Information about the father was not shared with the GP.")
    assert "information_sharing" in result.themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Link titles in the 7 minute briefing (seed 000).
        ("[Unseen men: learning from case reviews | NSPCC Learning](#)", "hidden_men"),
        (
            "[“The Myth of Invisible Men”: safeguarding children under 1 from "
            "non-accidental injury caused by male carers](#)",
            "nai_physical_abuse",
        ),
        # Footnote citations in The Myth of Invisible Men (seed 001).
        (
            "⁶ Ewart-Boyle et al 'Social work and the shadow father: lessons for engaging "
            "fathers in Northern Ireland' in Child and Family Social Work Vol 20",
            "hidden_men",
        ),
        (
            "Stöckl H, Dekel B, Morris-Gehring A et al (2017) Child homicide perpetrators "
            "worldwide: a systematic review. BMJ Paediatrics Open, 1:e000112.",
            "nai_physical_abuse",
        ),
        # Link title to guidance in The Myth of Invisible Men (seed 001).
        ("Domestic Abuse Act statutory guidance - GOV.UK", "domestic_abuse"),
        # Organisation names used only as names.
        (
            "The Domestic Abuse Commissioner and the Substance Misuse Service were among "
            "the stakeholders who attended the roundtable.",
            "domestic_abuse",
        ),
        (
            "The Domestic Abuse Commissioner and the Substance Misuse Service were among "
            "the stakeholders who attended the roundtable.",
            "substance_misuse",
        ),
    ],
)
def test_passing_mentions_do_not_carry_a_theme(
    classifier: ThemeClassifier, text: str, theme: str
) -> None:
    assert theme not in themes_of(classifier, text).themes


def test_contents_page_carries_no_theme(classifier: ThemeClassifier) -> None:
    # Contents page of The Myth of Invisible Men (seed 001).
    text = (
        "Key findings 3. Findings 4. Incidence data 5. The data from our cohort 6. Interviews "
        "with male perpetrators 7. Impact of domestic abuse, substance misuse and adult mental "
        "health issues 8. The impact of contextual factors 9. Information sharing and "
        "information seeking 15 16 17 19 21 26 30 32 Analysis and implications"
    )
    assert themes_of(classifier, text).themes == []


def test_same_words_in_substance_do_carry_the_theme(classifier: ThemeClassifier) -> None:
    text = "Services did not engage fathers, and the mother's partner was never assessed."
    assert "hidden_men" in themes_of(classifier, text).themes


def test_paraphrase_of_parents_childhood(classifier: ThemeClassifier) -> None:
    result = themes_of(classifier, "Dads were not asked about their own childhood.")
    assert {"parents_childhood_adversity", "hidden_men"} <= set(result.themes)


def test_cannabis_implies_substance_misuse(classifier: ThemeClassifier) -> None:
    result = themes_of(classifier, "The father smoked skunk every day in the flat.")
    assert {"cannabis", "substance_misuse"} <= set(result.themes)
    assert result.scores["substance_misuse"] >= result.scores["cannabis"]
    assert result.evidence["substance_misuse"]


def test_evidence_spans_point_into_the_text(classifier: ThemeClassifier) -> None:
    text = (
        "The review met 322 practitioners. The baby was found to have six fractured ribs. "
        "- Both parents were known to the police because of suspected drug dealing."
    )
    result = themes_of(classifier, text)
    assert {"nai_physical_abuse", "substance_misuse"} <= set(result.themes)
    for theme in result.themes:
        assert result.evidence[theme], theme
        for span in result.evidence[theme]:
            assert text[span.start : span.end] == span.text
    assert "fractured ribs" in result.evidence["nai_physical_abuse"][0].text
    assert "drug dealing" in result.evidence["substance_misuse"][0].text


class WailingEmbedder:
    """Puts the infant-crying label and any text about wailing on one axis, the rest at random."""

    name = "wailing"
    dim = 32

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = FakeEmbedder(self.dim).embed(texts)
        for i, text in enumerate(texts):
            if "wailing" in text or text == "Infant crying as a trigger":
                rows[i] = np.eye(self.dim, dtype=np.float32)[0]
        return rows


@pytest.mark.parametrize("unit", ["passage", "sentence"])
def test_semantic_match_carries_a_theme_without_cues(unit: str) -> None:
    classifier = ThemeClassifier(load_taxonomy(), WailingEmbedder())
    classifier.config = replace(classifier.config, semantic_unit=unit)
    text = "The review met the practitioners involved. Night after night the wailing went on."
    result = classifier.classify([text])[0]
    assert "infant_crying" in result.themes
    assert [s.text for s in result.evidence["infant_crying"]] == [
        "Night after night the wailing went on."
    ]


def test_segment_offsets_and_citations() -> None:
    text = "- 9.1. Information sharing failed.\n¹⁰ Nobes et al, 2019; Flynn et al, 2013."
    seg = segment(text)
    for unit in seg.units:
        assert text[unit.start : unit.end] == unit.text
    assert seg.units[0].text.startswith("Information")
    assert seg.units[-1].citation


def test_keyword_baseline_has_the_same_interface() -> None:
    baseline = KeywordBaseline(load_taxonomy())
    result = baseline.classify(["There was no evidence of domestic abuse."])[0]
    # The baseline does not understand negation: that is the point of comparing with it.
    assert "domestic_abuse" in result.themes
    span = result.evidence["domestic_abuse"][0]
    assert span.text.lower() == "domestic abuse"
