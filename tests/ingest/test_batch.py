import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import discover, ingest_paths, not_read
from ingest.limits import Limits
from ingest.pipeline import parse_document

PAGE = [
    "# Background",
    "Child D was four months old when she was admitted to hospital with",
    "bruising. The review looks at what the health visitor and police knew.",
]
# enough words for a review to be recognised by them (ingest.pipeline.FINGERPRINT_WORDS)
VISITS = [
    [*PAGE, *(f"On visit {i} the health visitor saw the baby and the mother at home." for i in r)]
    for r in (range(1, 9), range(9, 17))
]


def test_rerun_skips_unchanged_and_renamed_copies(make_pdf, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.pdf", "b.pdf"):
        make_pdf(name, [PAGE, [*PAGE, name]]).rename(folder / name)
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        first = ingest_paths([folder], store)
    assert (first.count("ingested"), first.count("skipped")) == (2, 0)

    shutil.copy(folder / "a.pdf", folder / "a-renamed.pdf")
    with store.writer():
        second = ingest_paths([folder], store)
    assert (second.count("ingested"), second.count("skipped")) == (0, 3)
    assert {r.reason for r in second.files} == {"unchanged"}
    paths = [set(row["paths"]) for row in store.reviews()]
    assert {str(folder / "a.pdf"), str(folder / "a-renamed.pdf")} in paths


def test_duplicate_within_one_batch_and_parallel_workers(make_pdf, tmp_path: Path) -> None:
    """As the CLI runs a batch: two limited worker processes (ingest.limits) at once."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        make_pdf(f"r{index}.pdf", [[*PAGE, f"Review {index}."]]).rename(folder / f"r{index}.pdf")
    shutil.copy(folder / "r0.pdf", folder / "r0-copy.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([folder], store, workers=2, limits=Limits())
    assert report.count("ingested") == 4
    skipped = [r for r in report.files if r.status == "skipped"]
    assert len(skipped) == 1 and skipped[0].reason == f"same content as {folder / 'r0-copy.pdf'}"
    assert report.to_json()["files"][0].keys() >= {"path", "status", "error"}


def test_without_limits_files_are_parsed_in_this_process_whatever_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only limited workers (ingest.limits) run apart: a plain process pool let a worker's
    death escape the batch as a BrokenProcessPool traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        (folder / f"r{index}.txt").write_text(f"Review {index}.\n\n{chr(10).join(PAGE)}\n")
    parsed_in: list[int] = []

    def parse_here(*args: Any, **kwargs: Any) -> Any:
        parsed_in.append(os.getpid())
        return parse_document(*args, **kwargs)

    monkeypatch.setattr("ingest.batch.parse_document", parse_here)
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([folder], store, workers=2)
    assert report.count("ingested") == 3
    assert parsed_in == [os.getpid()] * 3


def _saved_again(source: Path, target: Path) -> Path:
    """The same PDF written out again by another program: other bytes, the same words."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Producer": "another PDF writer"})
    with target.open("wb") as out:
        writer.write(out)
    return target


def test_a_review_saved_again_with_other_bytes_is_not_stored_twice(
    make_pdf, tmp_path: Path
) -> None:
    original = make_pdf("child-d.pdf", VISITS)
    copy = _saved_again(original, tmp_path / "child-d-from-another-site.pdf")
    assert copy.read_bytes() != original.read_bytes()
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        first = ingest_paths([original], store)
        second = ingest_paths([copy], store)
    (stored,) = store.reviews()
    assert first.files[0].review_id == stored["review_id"]
    (result,) = second.files
    assert result.status == "skipped" and result.is_copy
    assert result.review_id == stored["review_id"] and "child-d.pdf" in (result.reason or "")


def test_a_one_page_briefing_saved_again_is_not_stored_twice(make_pdf, tmp_path: Path) -> None:
    briefing = [
        "# Seven minute briefing: Child D",
        *(
            f"Point {i}: the health visitor and the police each held part of the picture."
            for i in range(8)
        ),
    ]
    original = make_pdf("briefing.pdf", [briefing])
    copy = _saved_again(original, tmp_path / "briefing-from-the-partnership-site.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([original, copy], store)
    assert [r.status for r in report.files] == ["ingested", "skipped"]
    assert report.files[1].is_copy and len(store.reviews()) == 1


def test_a_stored_review_parsed_again_is_replaced_not_taken_for_a_copy(
    make_pdf, tmp_path: Path
) -> None:
    original = make_pdf("child-d.pdf", [PAGE])
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([original], store)
        store.put(parse_document(original, original.read_bytes()), "an older parser")
        again = ingest_paths([original], store)
    (result,) = again.files
    assert result.status == "ingested" and result.reason == "replaced version an older parser"


def test_different_reviews_with_the_same_opening_are_both_stored(make_pdf, tmp_path: Path) -> None:
    first = make_pdf("one.pdf", [PAGE, ["The mother moved to another area."]])
    second = make_pdf("two.pdf", [PAGE, ["The father was not known to services."]])
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([first, second], store)
    assert report.count("ingested") == 2 and len(store.reviews()) == 2


def test_documents_of_a_few_words_are_never_taken_for_copies_of_each_other(
    make_pdf, tmp_path: Path
) -> None:
    # two scans whose OCR read only a cover line share their words, not their review
    first = make_pdf("scan-one.pdf", [["Overview report", "Draft for the board"]])
    second = _saved_again(first, tmp_path / "scan-two.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([first, second], store)
    assert [r.status for r in report.files] == ["ingested", "ingested"]


def test_a_copy_stored_before_copies_were_recognised_is_kept_and_reported(
    make_pdf, tmp_path: Path
) -> None:
    original = make_pdf("child-d.pdf", VISITS)
    copy = _saved_again(original, tmp_path / "child-d-again.pdf")
    store = KuzuStore(tmp_path / "data")
    older = parse_document(copy, copy.read_bytes())
    older.text_sha256 = ""  # as a store written before fingerprints kept it
    with store.writer():
        ingest_paths([original], store)
        store.put(older, "an older parser")
        report = ingest_paths([copy], store)
    (result,) = report.files
    assert result.status == "ingested" and len(store.reviews()) == 2
    assert any("child-d.pdf" in warning for warning in result.warnings)


DEMO = Path(__file__).parents[2] / "corpora" / "demo"


def _without_first_page(source: Path, target: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages[1:]:
        writer.add_page(page)
    with target.open("wb") as out:
        writer.write(out)
    return target


def test_a_review_without_its_cover_is_stored_with_a_warning_naming_the_original(
    tmp_path: Path,
) -> None:
    original = tmp_path / "child-h.pdf"
    shutil.copy(DEMO / "08-stourmere-child-h-2021.pdf", original)
    copy = _without_first_page(original, tmp_path / "child-h-no-cover.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        first = ingest_paths([original], store)
        second = ingest_paths([copy], store)
        again = ingest_paths([original, copy], store)
    (stored,) = first.files
    (result,) = second.files
    assert result.status == "ingested" and len(store.reviews()) == 2
    assert result.near_copy is not None and result.near_copy["review_id"] == stored.review_id
    (warning,) = [w for w in result.warnings if "near-copy" in w]
    (row,) = [row for row in store.reviews() if row["review_id"] == stored.review_id]
    assert row["title"] in warning and f"casegraph delete {stored.review_id}" in warning
    assert [r.reason for r in again.files] == ["unchanged", "unchanged"]
    assert not any(r.warnings for r in again.files)


def test_a_review_parsed_again_at_its_path_is_not_a_near_copy_of_itself(
    tmp_path: Path,
) -> None:
    original = tmp_path / "child-h.pdf"
    shutil.copy(DEMO / "08-stourmere-child-h-2021.pdf", original)
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([original], store)
        store.put(parse_document(original, original.read_bytes()), "an older parser")
        again = ingest_paths([original], store)
    (result,) = again.files
    assert result.reason == "replaced version an older parser" and result.near_copy is None


def test_a_near_copy_later_in_the_same_batch_is_reported(tmp_path: Path) -> None:
    original = tmp_path / "child-h.pdf"
    shutil.copy(DEMO / "08-stourmere-child-h-2021.pdf", original)
    copy = _without_first_page(original, tmp_path / "child-h-no-cover.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([original, copy], store)
    first, second = report.files
    assert first.near_copy is None
    assert second.near_copy is not None and second.near_copy["review_id"] == first.review_id
    assert report.to_json()["files"][1]["near_copy"]["shared"] >= 20


def test_a_file_edited_where_it_was_stored_names_its_earlier_version(tmp_path: Path) -> None:
    # the earlier version stays stored (the store keeps one review per content): said, not
    # called a near-copy
    review = tmp_path / "child-h.pdf"
    shutil.copy(DEMO / "08-stourmere-child-h-2021.pdf", review)
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([review], store)
        _without_first_page(DEMO / "08-stourmere-child-h-2021.pdf", review)
        again = ingest_paths([review], store)
    (result,) = again.files
    assert result.reason == "new" and result.near_copy is None
    [before] = [r["review_id"] for r in store.reviews() if r["review_id"] != result.review_id]
    assert any(
        f"earlier version of this file is stored as review {before}" in warning
        and f"casegraph delete {before}" in warning
        for warning in result.warnings
    )


@pytest.mark.parametrize("named", [False, True])
def test_a_broken_link_or_fifo_in_a_folder_is_reported_not_passed_over(
    tmp_path: Path, named: bool
) -> None:
    """As `casegraph ingest FOLDER` runs it: the folder's files found, then ingested; a link
    to nothing and a FIFO fail with their reason, whether found in a folder or named."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("\n".join(VISITS[0]) + "\n")
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe")  # of no type casegraph reads: said to be not read
    given = [folder / n for n in ("good.txt", "gone.pdf", "pipe.txt")] if named else [folder]
    assert (folder / "pipe" in not_read(given)) is not named
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths(list(discover(given)), store, limits=Limits())
    outcome = {Path(r.path).name: (r.status, r.error or "") for r in report.files}
    assert outcome["good.txt"][0] == "ingested"
    assert outcome["gone.pdf"][0] == "failed"
    assert "broken symbolic link" in outcome["gone.pdf"][1]
    assert "nowhere.pdf" in outcome["gone.pdf"][1]
    assert outcome["pipe.txt"][0] == "failed"
    assert "a FIFO (named pipe), not a regular file; it was not opened" in outcome["pipe.txt"][1]
