import numpy as np

from graph.filters import FilterColumns, SearchFilters

THEME_BIT = {"cannabis": 0, "hidden_men": 1}
AGENCY_BIT = {"police": 0}
ROWS = [
    # rowid, type, year, partnership, age band, outcome, review, theme bits, agency bits
    (1, "lcspr", 2021, "Elmbridge Vale SCP", "under_1", "death", "r1", 0b01, 0b1),
    (2, "lcspr", 2021, "Elmbridge Vale SCP", "under_1", "death", "r1", 0b10, 0b0),
    (3, "scr", 2014, "Greysands LSCB", "1_to_4", "serious_harm", "r2", 0b11, 0b0),
    (4, "national", None, None, None, None, "r3", 0b00, 0b1),
]


def kept(filters: SearchFilters) -> list[int]:
    columns = FilterColumns.from_rows(ROWS)
    return columns.rowids[columns.mask(filters, THEME_BIT, AGENCY_BIT)].tolist()


def test_no_filter_keeps_everything() -> None:
    assert kept(SearchFilters()) == [1, 2, 3, 4]


def test_each_filter_on_its_own() -> None:
    assert kept(SearchFilters(review_types=("scr", "national"))) == [3, 4]
    assert kept(SearchFilters(age_bands=("under_1",))) == [1, 2]
    assert kept(SearchFilters(outcomes=("serious_harm",))) == [3]
    assert kept(SearchFilters(review_ids=("r1",))) == [1, 2]
    assert kept(SearchFilters(partnership="elmbridge")) == [1, 2]  # part of the name, any case
    assert kept(SearchFilters(themes=("hidden_men",))) == [2, 3]
    assert kept(SearchFilters(themes=("cannabis", "hidden_men"))) == [1, 2, 3]  # any of them
    assert kept(SearchFilters(agencies=("police",))) == [1, 4]


def test_years_exclude_reviews_without_a_year() -> None:
    assert kept(SearchFilters(year_from=2015)) == [1, 2]
    assert kept(SearchFilters(year_to=2020)) == [3]
    assert kept(SearchFilters(year_from=2010, year_to=2030)) == [1, 2, 3]


def test_filters_combine_with_and() -> None:
    assert kept(SearchFilters(year_from=2015, themes=("cannabis",))) == [1]


def test_unknown_theme_or_partnership_matches_nothing() -> None:
    assert kept(SearchFilters(themes=("not_a_theme",))) == []
    assert kept(SearchFilters(partnership="nowhere")) == []


def test_mask_over_a_subset_of_rowids() -> None:
    columns = FilterColumns.from_rows(ROWS)
    subset = np.array([2, 3], dtype=np.int64)  # e.g. the passages that have vectors
    mask = columns.allowed(subset, SearchFilters(review_ids=("r2",)), THEME_BIT, AGENCY_BIT)
    assert mask.tolist() == [False, True]


def test_no_rows() -> None:
    columns = FilterColumns.from_rows([])
    assert columns.mask(SearchFilters(year_from=2000), THEME_BIT, AGENCY_BIT).tolist() == []
