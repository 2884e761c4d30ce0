"""A person's theme corrections (search_app.coding.code_theme, behind `themes correct` and the
app's coding panel) fit what a passage carries, and keep the taxonomy's implications: a theme
given by hand brings the broader themes it implies, and a broad theme cannot be rejected while
a narrower one that implies it stays. Over the embedded Kùzu store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.analytics import cooccurrence
from graph.kuzu_store import KuzuStore
from ingest.enrich import Enrichment
from ingest.themes.classifier import ThemeResult
from ingest.types import ParsedDocument
from search_app.coding import code_theme, correct_field, explain

Reviews = list[tuple[ParsedDocument, Enrichment]]
NARROW, BROAD = "cannabis", "substance_misuse"  # models/taxonomy.yaml: cannabis implies the other


@pytest.fixture
def store(tmp_path: Path, reviews: Reviews) -> KuzuStore:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
    return store


def carried(store: KuzuStore, passage_id: str) -> set[str]:
    return set(store.passages([passage_id])[passage_id]["themes"] or [])


def a_passage(store: KuzuStore, reviews: Reviews, has: bool) -> str:
    """A passage with themes that carries neither substance theme (has=False), or one that
    carries both (has=True)."""
    for _, enrichment in reviews:
        for passage in enrichment.passages:
            themes = carried(store, passage.passage_id)
            if themes and ({NARROW, BROAD} <= themes if has else not {NARROW, BROAD} & themes):
                return passage.passage_id
    raise AssertionError("the test reviews hold no such passage")


def correct(store: KuzuStore, passage_id: str, theme: str, action: str) -> list[dict[str, Any]]:
    with store.writer():
        return code_theme(store, passage_id, theme, action, "Analyst A")


def passages_with_both(store: KuzuStore) -> int:
    pair = [p for p in cooccurrence(store) if (p["a"], p["b"]) == (NARROW, BROAD)]
    return pair[0]["passages"] if pair else 0


def test_accepting_a_theme_the_passage_does_not_carry_is_refused_and_not_recorded(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=False)
    before = carried(store, pid)
    missing = "covid_19" if "covid_19" not in before else "care_leavers"
    with pytest.raises(ValueError, match=rf"does not carry {missing} \(it carries .*add it"):
        correct(store, pid, missing, "accept")
    assert carried(store, pid) == before
    assert store.theme_correction_history(pid) == []


def test_adding_a_theme_the_passage_carries_is_refused_and_the_acceptance_stays(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=False)
    theme = sorted(carried(store, pid))[0]
    with pytest.raises(ValueError, match=rf"already carries {theme} \(the machine gave it\)"):
        correct(store, pid, theme, "add")
    correct(store, pid, theme, "accept")
    with pytest.raises(ValueError, match=r"\(Analyst A accepted it at .*nothing to add"):
        correct(store, pid, theme, "add")
    [in_force] = store.theme_corrections()
    assert in_force["action"] == "accept"
    assert [h["action"] for h in store.theme_correction_history(pid)] == ["accept"]


def test_a_theme_added_by_hand_brings_the_theme_it_implies_and_counts_in_cooccurrence(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=False)
    before = passages_with_both(store)
    saved = correct(store, pid, NARROW, "add")
    assert [(c["theme"], c["action"], c["note"]) for c in saved] == [
        (BROAD, "add", f"implied by {NARROW}"),
        (NARROW, "add", None),
    ]
    assert {NARROW, BROAD} <= carried(store, pid)
    assert passages_with_both(store) == before + 1
    newest_first = [h["theme"] for h in reversed(store.theme_correction_history(pid))]
    assert newest_first == [NARROW, BROAD]  # the person's own, then what it implies
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v2", enrichment)  # re-ingest: the machine's edges again
    assert {NARROW, BROAD} <= carried(store, pid)
    assert passages_with_both(store) == before + 1


def test_a_broad_theme_is_rejected_only_after_the_narrower_one_that_implies_it(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=True)
    with pytest.raises(
        ValueError, match=f"carries {NARROW}, which implies {BROAD}: reject {NARROW}"
    ):
        correct(store, pid, BROAD, "reject")
    assert {NARROW, BROAD} <= carried(store, pid)
    correct(store, pid, NARROW, "reject")
    correct(store, pid, BROAD, "reject")
    assert not {NARROW, BROAD} & carried(store, pid)


class SaysNothing:
    """A tagger that finds no theme: what the passage carries comes from the store."""

    def classify(self, texts: list[str]) -> list[ThemeResult]:
        return [ThemeResult([], {}, {}) for _ in texts]


def test_the_reasons_say_which_carried_theme_implies_a_broad_one(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=True)
    reasons = {r.theme: r for r in explain(store, SaysNothing(), pid).themes}
    assert reasons[BROAD].implied_by == [NARROW]  # so the app offers no Reject for it
    assert reasons[NARROW].implied_by == []
    correct(store, pid, NARROW, "reject")
    reasons = {r.theme: r for r in explain(store, SaysNothing(), pid).themes}
    assert reasons[BROAD].implied_by == []


def test_rejecting_a_theme_the_passage_does_not_carry_says_who_rejected_it(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=False)
    theme = sorted(carried(store, pid))[0]
    correct(store, pid, theme, "reject")
    with pytest.raises(ValueError, match=r"\(Analyst A rejected it at .*nothing to reject"):
        correct(store, pid, theme, "reject")
    with pytest.raises(KeyError):
        correct(store, "no-such-passage", theme, "add")


def test_a_theme_someone_rejected_is_not_brought_back_by_implication(
    store: KuzuStore, reviews: Reviews
) -> None:
    pid = a_passage(store, reviews, has=True)
    correct(store, pid, NARROW, "reject")
    correct(store, pid, BROAD, "reject")
    with pytest.raises(ValueError, match=f"implies {BROAD}, which Analyst A rejected"):
        correct(store, pid, NARROW, "add")
    assert not {NARROW, BROAD} & carried(store, pid)
    correct(store, pid, BROAD, "add")  # the person who knows says it applies after all
    correct(store, pid, NARROW, "add")
    assert {NARROW, BROAD} <= carried(store, pid)


def test_correcting_a_childs_pseudonym_relinks_the_reviews_that_name_the_review(
    store: KuzuStore, reviews: Reviews
) -> None:
    with store.writer():
        store.link_citations()
    cites = "MATCH (a:Review)-[:CITES]->(b:Review) RETURN a.title AS source, b.id AS target"
    [cited] = [d.review_id for d, _ in reviews if "Child B" in (d.metadata.title.value or "")]
    assert [row["target"] for row in store.query(cites)] == [cited]
    with store.writer():
        correct_field(store, cited, "child_pseudonyms", "Child Q", "Analyst A")
    assert store.query(cites) == []  # no review names a Child Q
    with store.writer():
        correct_field(store, cited, "child_pseudonyms", "Child B", "Analyst A")
    assert [row["target"] for row in store.query(cites)] == [cited]


def test_a_correction_stands_when_the_citation_links_cannot_be_refreshed(
    store: KuzuStore, reviews: Reviews, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails() -> int:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store, "link_citations", fails)
    review_id = reviews[0][0].review_id
    with store.writer():
        correct_field(store, review_id, "title", "A corrected title", "Analyst A")
    assert store.document(review_id)["title"] == "A corrected title"


class AlmostNeglect:
    """A tagger that gives no theme but comes close to neglect and further from covid_19."""

    def classify(self, texts: list[str]) -> list[ThemeResult]:
        scores = {"neglect": 0.4, "covid_19": 0.1}
        return [ThemeResult([], scores, {}) for _ in texts]


def test_the_themes_the_machine_nearly_gave_are_named(store: KuzuStore, reviews: Reviews) -> None:
    pid = a_passage(store, reviews, has=False)
    found = explain(store, AlmostNeglect(), pid)
    assert found.near_misses == [("neglect", 0.4)]  # 0.1 is too far to be worth a look
