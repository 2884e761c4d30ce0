import pytest

from graph.schema import age_band, recommendation_rows, review_list, review_rows, theme_scores
from ingest.page_labels import from_json as labels_from_json
from ingest.types import Block, BlockKind, ParsedDocument, ReviewMetadata

SECTION = "7. Recommendations"


def block(text: str, kind: BlockKind = "paragraph", number: str | None = None) -> Block:
    return Block(kind, text, 9, 9, section=SECTION, paragraph_number=number)


def test_recommendations_without_the_text_that_introduces_them() -> None:
    blocks = [
        Block("heading", SECTION, 9, 9, section=SECTION),
        block("Not every issue this report identifies has a recommendation of its own."),
        block("This review makes three recommendations:"),
        block("The reviewer makes the following recommendations to the board:", number="7.0"),
        block("The LSCB should audit pre-birth assessments.", number="7.1"),
        block("• For agencies to ensure the home is seen.", kind="list_item"),
        block("Recommendation 3: the partnership should publish a briefing on men."),
        block("Health visitors should record who lives in the home."),
        Block("paragraph", "Findings text.", 8, 8, section="6. Findings"),
    ]
    rows = recommendation_rows("r1", blocks)
    assert [row["text"] for row in rows] == [
        "The LSCB should audit pre-birth assessments.",
        "• For agencies to ensure the home is seen.",
        "Recommendation 3: the partnership should publish a briefing on men.",
        "Health visitors should record who lives in the home.",
    ]
    assert rows[0]["number"] == "7.1" and rows[0]["page"] == 9
    assert len({row["id"] for row in rows}) == 4 and all(row["review_id"] == "r1" for row in rows)


def test_review_list_orders_themes_by_how_many_passages_carry_them() -> None:
    rows = [
        {"id": "r1", "themes": ["cannabis", "hidden_men", "neglect"], "theme_passages": [2, 9, 4]},
        {"id": "r2", "themes": None, "theme_passages": None},
    ]
    assert review_list(rows) == [
        {"id": "r1", "themes": ["hidden_men", "neglect", "cannabis"]},
        {"id": "r2", "themes": []},
    ]


def test_damaged_theme_scores_cost_the_scores_not_the_read() -> None:
    assert theme_scores('{"neglect": 0.8}') == {"neglect": 0.8}
    assert theme_scores('{"neglect": null}') == {}
    assert theme_scores('{"neglect": "high"}') == {}
    assert theme_scores("not json") == {}


@pytest.mark.parametrize(
    ("months", "band"),
    [
        (0, "under 1"),
        (11, "under 1"),
        (12, "1-5"),
        (191, "11-15"),
        (204, "16-17"),
        (215, "16-17"),
        (216, "18 and over"),
        (300, "18 and over"),
        (None, None),
    ],
)
def test_age_bands_keep_young_adults_out_of_16_17(months: int | None, band: str | None) -> None:
    assert age_band(months) == band


def test_a_review_row_keeps_its_printed_page_labels_as_json() -> None:
    document = ParsedDocument(
        review_id="r1",
        source_path="child-f.pdf",
        file_name="child-f.pdf",
        content_sha256="0" * 64,
        page_count=3,
        text="",
        blocks=[],
        passages=[],
        metadata=ReviewMetadata(),
        page_labels={2: "1", 3: "2"},
    )
    stored = review_rows(document, "v1", None).review["page_labels"]
    assert labels_from_json(stored) == {2: "1", 3: "2"}


def test_damaged_page_labels_cost_the_printed_numbers_not_the_read() -> None:
    for damaged in ("{not json", "[1, 2]", '{"x": "1"}', None, ""):
        assert labels_from_json(damaged) == {}
