import shutil
from pathlib import Path

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths

PAGE = [
    "# Background",
    "Child D was four months old when she was admitted to hospital with",
    "bruising. The review looks at what the health visitor and police knew.",
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
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        make_pdf(f"r{index}.pdf", [[*PAGE, f"Review {index}."]]).rename(folder / f"r{index}.pdf")
    shutil.copy(folder / "r0.pdf", folder / "r0-copy.pdf")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths([folder], store, workers=2)
    assert report.count("ingested") == 4
    skipped = [r for r in report.files if r.status == "skipped"]
    assert len(skipped) == 1 and skipped[0].reason == f"same content as {folder / 'r0-copy.pdf'}"
    assert report.to_json()["files"][0].keys() >= {"path", "status", "error"}
