"""Similar cases on the demo corpus: cases that share the harm and the child's age band
come before cases that share neither, and no match is explained by boilerplate.

The harm and age band each demo review is about come from its source file (the case as
its author wrote it), not from what the pipeline extracted."""

from __future__ import annotations

import pytest
import yaml

from graph.kuzu_store import KuzuStore
from graph.schema import age_band
from ingest.batch import ingest_paths
from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.kinds import BOILERPLATE
from search_app.similar import CaseTagger, SimilarCases, calibrate
from tests.conftest import DEMO, enricher

# the source files' own theme words for the harm done, mapped to the taxonomy's harm themes
HARM_WORDS = {
    "non_accidental_injury": "nai_physical_abuse",
    "sudi_unsafe_sleep": "sudi_unsafe_sleep",
    "neglect": "neglect",
    "child_sexual_exploitation": "extra_familial_harm",
    "criminal_exploitation": "extra_familial_harm",
    "suicide": "child_mental_health_suicide",
}


def truth() -> dict[str, tuple[str | None, str | None, str]]:
    """PDF name -> (harm, age band, review type) from each demo review's source file."""
    found = {}
    for source in sorted((DEMO / "src").glob("*.yaml")):
        meta = yaml.safe_load(source.read_text(encoding="utf-8"))["metadata"]
        harm = next((HARM_WORDS[t] for t in meta.get("themes", []) if t in HARM_WORDS), None)
        found[f"{source.stem}.pdf"] = (
            harm,
            age_band(meta.get("child_age_months")),
            meta["review_type"],
        )
    return found


@pytest.fixture(scope="module")
def demo_finder(tmp_path_factory: pytest.TempPathFactory) -> SimilarCases:
    store = KuzuStore(tmp_path_factory.mktemp("demo") / "data")
    with store.writer():
        ingest_paths(sorted(DEMO.glob("*.pdf")), store, enricher=enricher())
    embedder = CachedEmbedder(FakeEmbedder())
    return SimilarCases(store, embedder, CaseTagger(embedder))


@pytest.mark.integration
def test_shared_harm_and_age_rank_above_sharing_neither(demo_finder: SimilarCases) -> None:
    facts = truth()
    titles = {row["review_id"]: row["file_name"] for row in demo_finder.store.reviews()}  # type: ignore[attr-defined]
    checked = 0
    for review_id, title in titles.items():
        harm, band, _ = facts.get(title, (None, None, ""))
        if harm is None or band is None:
            continue
        ranked = [case.review_id for case in demo_finder.like_review(review_id, k=50)]
        both = [
            rid
            for rid in ranked
            if facts.get(titles[rid], (None,))[0] == harm and facts[titles[rid]][1] == band
        ]
        neither = [
            rid
            for rid in ranked
            if facts.get(titles[rid], (None,))[0] != harm
            and facts.get(titles[rid], (None, None))[1] != band
        ]
        if both and neither:
            checked += 1
            worst = max(ranked.index(rid) for rid in both)
            best = min(ranked.index(rid) for rid in neither)
            assert worst < best, (title, [titles[r] for r in ranked])
    assert checked >= 3  # Baby M, Baby J and Child P: the demo reviews with a twin


@pytest.mark.integration
def test_no_match_is_explained_by_boilerplate_or_guidance(demo_finder: SimilarCases) -> None:
    profiles = demo_finder.store.review_profiles()
    for review_id in profiles:
        for case in demo_finder.like_review(review_id, k=20):
            assert profiles[case.review_id].get("document_kind") not in ("guidance", "other")
            pair = case.passage_pair
            if pair:
                for side in ("ours", "theirs"):
                    assert (pair[side] or {}).get("kind") not in BOILERPLATE, pair
    text = "A baby of seven weeks was shaken by his father and suffered a brain injury."
    for case in demo_finder.like_text(text, k=10):
        assert (case.passage_pair or {}).get("theirs", {}).get("kind") not in BOILERPLATE


@pytest.mark.integration
def test_scores_spread_good_from_poor_matches(demo_finder: SimilarCases) -> None:
    some = next(iter(demo_finder.store.review_profiles()))
    scores = [case.score for case in demo_finder.like_review(some, k=50)]
    assert max(scores) - min(scores) > 0.5


@pytest.mark.integration
def test_a_description_with_nothing_in_common_scores_low(demo_finder: SimilarCases) -> None:
    """A greeting names no harm, age, outcome, theme or agency: it is read as nothing, and its
    best match, however it ranks among the rest, reads as a poor one."""
    assert demo_finder.read("hello").empty
    assert max(case.score for case in demo_finder.like_text("hello", k=10)) < 0.3
    described = "A baby of seven weeks was shaken by his father and suffered a brain injury."
    assert not demo_finder.read(described).empty
    assert demo_finder.like_text(described, k=1)[0].score > 0.7


def test_scores_are_capped_by_the_evidence_itself() -> None:
    """Where a match stands among the candidates spreads the scores, but a lot that all share
    nothing with the query reads low throughout; a lot with strong evidence reads high."""
    weak = calibrate({"a": 0.07, "b": 0.05, "c": 0.02})
    assert max(weak.values()) < 0.1
    strong = calibrate({"a": 0.55, "b": 0.2, "c": 0.1})
    assert strong["a"] > 0.8 and strong["c"] < 0.2


@pytest.mark.integration
def test_a_description_in_plain_words_is_read_for_its_harm_age_and_outcome(
    demo_finder: SimilarCases,
) -> None:
    shaken = demo_finder.read("baby shaken by his father")
    assert "nai_physical_abuse" in shaken.themes and shaken.age_band == "under 1"
    in_bed = demo_finder.read("infant found dead in the parents' bed")
    assert "sudi_unsafe_sleep" in in_bed.themes and in_bed.outcome == "died"
    assert demo_finder.read("a toddler left alone for days").age_band == "1-5"
