"""The years of a search link: a bad one is named (parameter and value) and left out, so the
search runs without it; a good one is kept within the stored years. A briefing's name in a
link is matched whatever its case."""

from __future__ import annotations

import pytest

from search_app.app import url_state
from search_app.app.url_state import year_range

YEARS = [2012, 2015, 2022]  # the stored reviews' publication years


@pytest.mark.parametrize(
    ("params", "span"),
    [
        ({}, None),
        ({"from": "2015"}, (2015, 2022)),
        ({"to": "2015"}, (2012, 2015)),
        ({"from": "2014", "to": "2016"}, (2014, 2016)),
        ({"from": "2000", "to": "2030"}, (2012, 2022)),  # wider than the store: all of it
        ({"from": " 2015 "}, (2015, 2022)),
    ],
)
def test_good_years_are_kept_within_the_stored_ones(
    params: dict[str, str], span: tuple[int, int] | None
) -> None:
    assert year_range(params, YEARS) == (span, [])


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "abc"}, "from 'abc'"),
        ({"to": ""}, "to ''"),
        ({"from": "0"}, "from '0'"),
        ({"from": "-2015"}, "from '-2015'"),
        ({"from": "2_015"}, "from '2_015'"),
        ({"from": "20150"}, "from '20150'"),
        ({"from": "2030", "to": "2001"}, "from 2030 and to 2001"),
        ({"from": "2030"}, "from 2030"),
        ({"to": "1990"}, "to 1990"),
        ({"from": "2000", "to": "2010"}, "to 2010"),  # before every stored review
    ],
)
def test_a_bad_year_is_named_and_the_search_runs_without_it(
    params: dict[str, str], named: str
) -> None:
    span, problems = year_range(params, YEARS)
    assert span is None
    [problem] = problems
    assert problem.startswith(named + " (")


def test_only_the_bad_end_of_a_range_is_left_out() -> None:
    span, problems = year_range({"from": "abc", "to": "2015"}, YEARS)
    assert span == (2012, 2015)
    assert problems == ["from 'abc' (not a year)"]


def test_years_in_a_store_without_any_are_named() -> None:
    span, [problem] = year_range({"from": "2015"}, [])
    assert span is None and problem.startswith("from '2015' (")


def test_a_collection_is_named_whatever_the_case() -> None:
    names = ["Bath time", "Neglect", "neglect"]  # the last two stored apart before
    assert url_state.collection_named("BATH TIME", names) == "Bath time"
    assert url_state.collection_named("neglect", names) == "neglect"  # its exact spelling
    assert url_state.collection_named("NEGLECT", names) == "Neglect"
    assert url_state.collection_named("Sleep", names) is None
    linked = url_state.briefing_from({"briefing": "bath TIME"}, names, "My briefing")
    assert linked.values == {"briefing": "Bath time"} and not linked.problems
