"""A store written by an earlier version opens and works: columns added since are added."""

from pathlib import Path

import kuzu

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.pipeline import parse_document
from tests.ingest.test_batch import VISITS, _saved_again


def test_a_store_made_before_text_fingerprints_finds_copies_of_reviews_stored_after(
    make_pdf, tmp_path: Path
) -> None:
    older = make_pdf("older.pdf", [["# Summary", "An older review of a baby's injuries."]])
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([older], store)
    database = kuzu.Database(str(store.path))
    kuzu.Connection(database).execute("ALTER TABLE Review DROP text_sha256")
    database.close()

    original = make_pdf("child-d.pdf", VISITS)
    with store.writer():
        report = ingest_paths([original, _saved_again(original, tmp_path / "again.pdf")], store)
    assert [r.status for r in report.files] == ["ingested", "skipped"]
    assert len(store.reviews()) == 2


def test_a_correction_on_a_passage_stored_before_the_machine_themes_were_kept_can_be_withdrawn(
    tmp_path: Path,
) -> None:
    """A passage written before the machine's themes were kept (no machine_themes column): the
    history says the machine gave the theme it rejected, which comes back with its stored
    confidence (its evidence spans were not kept)."""
    from graph.corrections import theme_correction, theme_withdrawal
    from ingest.themes import load_taxonomy
    from tests.conftest import REVIEWS, enricher

    ids = load_taxonomy().ids
    source = tmp_path / "review.txt"
    source.write_text(next(iter(REVIEWS.values())))
    document = parse_document(source, source.read_bytes())
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        store.put(document, "v1", enricher()(document))
    stored = store.document(document.review_id)
    assert stored is not None
    passage = next(p for p in stored["passages"] if p["themes"])
    theme = passage["themes"][0]["theme"]
    with store.writer():
        store.correct_theme(
            theme_correction(passage["id"], document.review_id, theme, "reject", "A", ids)
        )
    database = kuzu.Database(str(store.path))
    kuzu.Connection(database).execute("ALTER TABLE Passage DROP machine_themes")
    database.close()

    with store.writer():
        withdrawal = theme_withdrawal(passage["id"], document.review_id, theme, "B")
        assert store.withdraw_theme_correction(withdrawal) is True
    stored = store.document(document.review_id)
    assert stored is not None
    [again] = [p for p in stored["passages"] if p["id"] == passage["id"]]
    [edge] = [t for t in again["themes"] if t["theme"] == theme]
    scores = store.passages([passage["id"]])[passage["id"]]["theme_scores"]
    assert edge["score"] == scores[theme] and edge["spans"] == []


def test_a_store_made_before_drafts_existed_reads_none(tmp_path: Path) -> None:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        pass
    database = kuzu.Database(str(store.path))
    kuzu.Connection(database).execute("DROP TABLE BriefingDraft")
    database.close()
    assert store.draft("My briefing") is None


def test_a_store_made_before_page_labels_opens_and_reads_none(make_pdf, tmp_path: Path) -> None:
    older = make_pdf("older.pdf", [["# Summary", "An older review of a baby's injuries."]])
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([older], store)
    [review] = store.reviews()
    [passage] = store.document(review["review_id"])["passages"]
    with store.writer():
        store.save_quote(
            "Training", {"passage_id": passage["id"], "review_id": review["review_id"]}
        )
    database = kuzu.Database(str(store.path))
    kuzu.Connection(database).execute("ALTER TABLE Review DROP page_labels")
    database.close()

    reopened = KuzuStore(tmp_path / "data")  # read only: no writer adds the column
    assert reopened.document(review["review_id"])["page_labels"] == {}
    [quote] = reopened.quotes("Training")
    assert quote["passage_id"] == passage["id"] and quote["page_labels"] is None
    assert reopened.page_labels([review["review_id"]]) == {}
