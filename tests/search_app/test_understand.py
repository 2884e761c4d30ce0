from types import SimpleNamespace
from typing import Any

from graph.filters import SearchFilters
from ingest.entities import EntityExtractor
from search_app.understand import facet_agreement, read_query


def test_a_query_is_read_into_facets() -> None:
    reading = read_query(
        "police and the health visitor missed injuries to a baby who later died",
        None,
        EntityExtractor(use_ner=False),
    )
    assert {"police", "health_visiting"} <= set(reading.agencies)
    assert reading.age_bands == ["under 1"]
    assert set(reading.outcomes) == {"died", "serious_harm"}


def test_a_parent_s_age_is_not_the_child_s() -> None:
    assert read_query("support for teenage dads", None).age_bands == []
    assert read_query("teenagers going missing from home", None).age_bands == ["11-15"]


def test_a_chip_becomes_a_filter_once() -> None:
    reading = read_query("a baby", None)
    filters = reading.as_filter("age_bands", "under 1", SearchFilters())
    assert reading.as_filter("age_bands", "under 1", filters).age_bands == ("under 1",)
    assert reading.as_filter("roles", "father", filters) == filters


def test_agreement_does_not_hold_unknown_facts_against_a_passage() -> None:
    reading = read_query("a baby who died", None)
    assert facet_agreement(reading, {"age_band": "under 1", "outcome": "died"}) == 1.0
    assert facet_agreement(reading, {"age_band": None, "outcome": None}) == 1.0
    assert facet_agreement(reading, {"age_band": "11-15", "outcome": "serious_harm"}) == 0.0


class _NamesThemes:
    """A stand-in theme model: a theme for each topic word the text it reads contains."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def classify(self, texts: list[str]) -> list[Any]:
        self.read += texts
        words = {"abuse": "domestic_abuse", "drink": "alcohol"}
        return [
            SimpleNamespace(themes=[t for w, t in words.items() if w in text]) for text in texts
        ]


def test_excluded_words_and_operators_are_not_read_as_chips() -> None:
    themes = _NamesThemes()
    reading = read_query('fathers -"domestic abuse" NOT baby', themes)
    assert reading.themes == [] and reading.age_bands == []
    assert themes.read == ["fathers"]
    assert read_query("fathers who drink -abuse", _NamesThemes()).themes == ["alcohol"]
    assert read_query('-"domestic abuse"', _NamesThemes()).chips() == []


class _NamesEveryTheme:
    """A stand-in theme model that reads every theme word, denied or not, and, as the real
    one does, adds the broader theme a narrower one implies."""

    def classify(self, texts: list[str]) -> list[Any]:
        words = {
            "drug": ["substance_misuse"],
            "domestic abuse": ["domestic_abuse"],
            "cannabis": ["cannabis", "substance_misuse"],
        }
        return [
            SimpleNamespace(
                themes=sorted({t for w, ts in words.items() if w in text.lower() for t in ts})
            )
            for text in texts
        ]


def test_a_theme_the_query_names_only_to_deny_is_not_a_chip() -> None:
    both = "families where there was no evidence that drug use or domestic abuse was a factor"
    assert read_query(both, _NamesEveryTheme()).themes == []
    after = "cases where drug use and domestic abuse were not factors"
    assert read_query(after, _NamesEveryTheme()).themes == []
    # the broader theme a denied one implies goes with it, unless the query names it
    assert read_query("no cannabis use by either parent", _NamesEveryTheme()).themes == []


def test_a_theme_the_query_asserts_after_a_denial_is_a_chip() -> None:
    query = "no concerns about drug use, but domestic abuse was known"
    assert read_query(query, _NamesEveryTheme()).themes == ["domestic_abuse"]
    plain = "drug use and domestic abuse in the home"
    assert read_query(plain, _NamesEveryTheme()).themes == ["domestic_abuse", "substance_misuse"]


def test_every_age_a_query_names_is_a_band_the_filters_know() -> None:
    from graph.schema import AGE_BANDS
    from search_app.understand import AGE_WORDS

    assert {band for band, _ in AGE_WORDS} <= {band for _, _, band in AGE_BANDS}
