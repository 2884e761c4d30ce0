"""The notes and headings the statistics CSVs carry, worded for one review or several."""

from graph.statistics_csv import selection_note


def test_a_selection_of_one_review_passes_the_filters_in_the_singular() -> None:
    assert selection_note(1)[0].startswith("Only 1 review passes these filters:")
    assert selection_note(3)[0].startswith("Only 3 reviews pass these filters:")
    assert selection_note(50) == []
