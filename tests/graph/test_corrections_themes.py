"""The rules a person's theme correction keeps, as plain data: what a theme given by hand
implies, and which corrections do not fit what the passage carries."""

from __future__ import annotations

import pytest

from graph.corrections import check_theme_correction, implied_corrections, theme_correction

# a made-up chain of implications, deeper than the taxonomy's own
ANCESTORS = {"skunk": ["cannabis", "drugs"], "cannabis": ["drugs"], "drugs": [], "debt": []}


def made(theme: str, action: str) -> dict[str, object]:
    return theme_correction("p1", "r1", theme, action, "Analyst A", ANCESTORS, "seen on p. 3")


def test_a_theme_given_by_hand_implies_the_broader_themes_not_carried_yet() -> None:
    own = made("skunk", "add")
    implied = implied_corrections(own, {"debt", "drugs"}, ANCESTORS)
    assert [(c["id"], c["theme"], c["action"], c["who"], c["note"]) for c in implied] == [
        ("p1|cannabis", "cannabis", "add", "Analyst A", "implied by skunk")
    ]
    assert implied[0]["made_at"] < own["made_at"]  # history, newest first, lists theirs first
    assert implied_corrections(made("skunk", "accept"), set(), ANCESTORS)[-1]["theme"] == "drugs"
    assert implied_corrections(made("skunk", "reject"), {"skunk"}, ANCESTORS) == []


@pytest.mark.parametrize(
    ("theme", "action", "carried", "message"),
    [
        ("debt", "accept", {"drugs"}, "does not carry debt \\(it carries drugs\\)"),
        ("drugs", "add", {"drugs"}, "already carries drugs \\(the machine gave it\\)"),
        ("debt", "reject", set(), "does not carry debt \\(it carries no theme\\)"),
        ("drugs", "reject", {"skunk", "drugs"}, "carries skunk, which implies drugs"),
    ],
)
def test_a_correction_that_does_not_fit_the_passage_is_refused(
    theme: str, action: str, carried: set[str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        check_theme_correction(made(theme, action), carried, ANCESTORS)


def test_corrections_that_fit_pass() -> None:
    for theme, action in (("debt", "add"), ("drugs", "accept"), ("skunk", "reject")):
        check_theme_correction(made(theme, action), {"skunk", "drugs"}, ANCESTORS)


def test_a_correction_moves_only_to_a_passage_that_holds_most_of_its_words() -> None:
    from graph.corrections import moved_corrections

    said = [
        {"id": "old1|neglect", "passage_id": "old1", "review_id": "r", "theme": "neglect"},
        {"id": "old2|neglect", "passage_id": "old2", "review_id": "r", "theme": "neglect"},
        {"id": "x|neglect", "passage_id": "x", "review_id": "other", "theme": "neglect"},
    ]
    earlier = {
        "old1": "The school nurse saw the boy twice that winter and wrote to the GP each time.",
        "old2": "Nobody asked the grandmother what she had seen at weekends.",
        "x": "Another review's passage.",
    }
    passages = [  # old1 split in two and reworded a little; old2 gone
        {"id": "new1", "text": "The school nurse saw the boy twice that winter"},
        {"id": "new2", "text": "and she wrote to the GP each time."},
    ]
    [(old, moved)] = moved_corrections(said, "r", earlier, passages)
    assert old == "old1|neglect"
    assert (moved["id"], moved["passage_id"], moved["theme"]) == ("new1|neglect", "new1", "neglect")
    assert moved_corrections([said[0], {**said[0], "id": "new1|neglect", "passage_id": "new1"}],
                             "r", earlier, passages) == []  # fmt: skip


def test_a_review_theme_stored_twice_is_counted_once() -> None:
    from graph.corrections import recount_review_themes

    row = {"theme": "neglect", "passages": 1, "weight": 0.5, "parts": "{}", "quotes": "[]"}
    evidences = [{"passage": "p1", "theme": "neglect"}]
    assert [r["theme"] for r in recount_review_themes([row, row], evidences, 2, set())] == [
        "neglect"
    ]


def test_a_heading_made_of_a_few_of_its_words_does_not_take_a_correction() -> None:
    from graph.corrections import moved_corrections

    said = [{"id": "o|neglect", "passage_id": "o", "review_id": "r", "theme": "neglect"}]
    earlier = {"o": "The school kept its worries about the neglect of the children to itself."}
    passages = [
        {"id": "heading", "text": "Worries about the neglect"},
        {"id": "reworded", "text": "The school kept its worries about the neglect of the "
         "children to itself for a year."},
    ]  # fmt: skip
    [(_, moved)] = moved_corrections(said, "r", earlier, passages)
    assert moved["passage_id"] == "reworded"
