from __future__ import annotations

from pathlib import Path

from docx import Document

from graph.kuzu_store import KuzuStore
from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.pipeline import parse_document
from search_app.briefing import briefing_markdown, citation, to_csv, to_docx, to_markdown
from search_app.similar import CaseTagger, Profile, SimilarCases, profile_similarity
from tests.conftest import enricher


def test_profile_similarity_weighs_harm_age_and_outcome() -> None:
    baby = Profile({"nai_physical_abuse", "hidden_men"}, {"police"}, "under 1", "serious_harm")
    other_baby = Profile({"nai_physical_abuse", "domestic_abuse"}, {"police"}, "under 1", "died")
    teenager = Profile(
        {"extra_familial_harm", "hidden_men"}, {"education"}, "11-15", "serious_harm"
    )
    assert profile_similarity(baby, other_baby) > profile_similarity(baby, teenager)


def test_similar_cases_from_a_review_and_from_text(store: KuzuStore, reviews) -> None:
    embedder = CachedEmbedder(FakeEmbedder())
    finder = SimilarCases(store, embedder, CaseTagger(embedder))
    child_a = reviews[0][0].review_id
    cases = finder.like_review(child_a, k=5)
    assert child_a not in [case.review_id for case in cases] and len(cases) == 2
    assert not any(case.likely_copy for case in cases)  # three distinct reviews
    for case in cases:
        pair = case.passage_pair
        assert pair and pair["ours"]["review_id"] == child_a and pair["theirs"]["page_start"] == 1
    described = finder.like_text("A baby of 8 weeks died; the father smoked cannabis daily.", k=3)
    assert described[0].title == "Local Child Safeguarding Practice Review: Child A"
    assert "cannabis" in described[0].shared_themes and described[0].same_age_band


def test_a_review_stored_twice_is_said_to_be_a_copy_not_a_similar_case(
    tmp_path: Path, reviews
) -> None:
    store = KuzuStore(tmp_path / "data")
    original = tmp_path / "child-b.txt"
    original.write_text(Path(reviews[1][0].source_path).read_text())
    copy = tmp_path / "child-b-saved-again.txt"  # another cover line, the same review
    copy.write_text("Copy held by the partnership office\n\n" + original.read_text())
    with store.writer():
        for path in (original, copy):
            document = parse_document(path, path.read_bytes())
            store.put(document, "v1", enricher()(document))
    embedder = CachedEmbedder(FakeEmbedder())
    finder = SimilarCases(store, embedder, CaseTagger(embedder))
    ids = [row["review_id"] for row in store.reviews()]
    [case] = [c for c in finder.like_review(ids[0], k=5) if c.review_id == ids[1]]
    assert case.likely_copy


QUOTES = [
    {
        "text": "Nobody asked about the men in the household.",
        "title": "Serious Case Review: Child B",
        "partnership": "Elmbridge Safeguarding Children Board",
        "year": 2016,
        "page_start": 1,
        "page_end": 1,
        "paragraph_numbers": ["3.2"],
        "section": "Analysis",
        "note": "for the intro",
    },
    {
        "text": "Health visitors should ask fathers directly.",
        "title": "LCSPR: Child A",
        "partnership": "Northmoor",
        "year": 2020,
        "page_start": 7,
        "page_end": 8,
        "paragraph_numbers": [],
        "section": "6. Recommendations",
        "note": None,
    },
]


def test_citations_and_text_exports() -> None:
    assert citation(QUOTES[0]) == (
        "Serious Case Review: Child B, Elmbridge Safeguarding Children Board, 2016, p. 1, para. 3.2"
    )
    assert citation(QUOTES[1]) == "LCSPR: Child A, Northmoor, 2020, pp. 7-8"
    markdown = to_markdown("Hidden men", QUOTES)
    assert "> Nobody asked about the men" in markdown and "para. 3.2" in markdown
    assert to_csv(QUOTES).splitlines()[0].startswith("position,text,title")
    briefing = briefing_markdown("Hidden men", QUOTES)
    for heading in ("Key findings", "Learning for practice", "Reflective questions", "Resources"):
        assert heading in briefing
    assert "Background" not in briefing  # no quote or words there: left out
    learning = briefing.split("Learning for practice")[1].split("##")[0]
    assert "Health visitors should ask fathers directly" in learning  # a recommendation


def test_docx_exports_open_and_carry_citations(tmp_path: Path) -> None:
    for briefing in (False, True):
        path = to_docx("Hidden men", QUOTES, tmp_path / f"out-{briefing}.docx", briefing=briefing)
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert (
            "Serious Case Review: Child B, Elmbridge Safeguarding Children Board, 2016, p. 1"
            in text
        )
        assert "LCSPR: Child A, Northmoor, 2020, pp. 7-8" in text


def test_quote_bank_persists_in_the_store(store: KuzuStore, reviews) -> None:
    ids = [p.id for p in reviews[1][0].passages]
    found = store.passages(ids)
    with store.writer():
        first = store.save_quote("training", {**found[ids[0]], "passage_id": ids[0], "note": None})
        assert store.save_quote("training", {**found[ids[0]], "passage_id": ids[0]}) == first
        second = store.save_quote(
            "training", {**found[ids[-1]], "passage_id": ids[-1], "note": "x"}
        )
        store.reorder_quotes("training", [second, first])
    reopened = KuzuStore(store.root)
    assert reopened.collections() == [
        {"name": "training", "created": reopened.collections()[0]["created"], "quotes": 2}
    ]
    assert [q["id"] for q in reopened.quotes("training")] == [second, first]
    document, enrichment = reviews[1]
    with reopened.writer():  # re-ingesting the review keeps the quotes (they are copies)
        reopened.put(document, "v2", enrichment)
        reopened.remove_quote("training", second)
    assert [q["text"] for q in reopened.quotes("training")] == [found[ids[0]]["text"]]


def test_a_description_denying_drink_or_drugs_reads_no_parental_substance_misuse() -> None:
    from types import SimpleNamespace

    tagger = CaseTagger(CachedEmbedder(FakeEmbedder()))

    class EveryDrugWord:  # a model that, like the real one, takes any drug word for the parents'
        def classify(self, texts: list[str]) -> list[SimpleNamespace]:
            return [SimpleNamespace(themes=["substance_misuse", "nai_physical_abuse"])]

    tagger.themes = EveryDrugWord()  # type: ignore[assignment]
    denied = tagger("There were no concerns about alcohol or drugs; the baby had fractures.")
    assert denied.themes == {"nai_physical_abuse"}
    told = tagger("Dad drank every night; the baby had fractures.")
    assert "substance_misuse" in told.themes
