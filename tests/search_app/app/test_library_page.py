"""The Library: the reviews in the store, uploads with their checks, and ingest."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.kuzu_store import KuzuStore
from search_app.app.shared import check_upload
from search_app.coding import correct_field
from tests.conftest import DEMO
from tests.search_app.app.conftest import PDF, RunPage, texts

PAGE = "pages/6_Library.py"
CHILD_D = b"""Rapid Review: Child D

Linford Safeguarding Children Partnership. Published May 2023.

Background

Child D was four months old when she was seriously injured. The health visitor had not met
her father, and the police did not tell health about his previous convictions.
"""


def table(at: AppTest) -> Any:
    """The last table on the page, as a DataFrame."""
    return at.dataframe[-1].value


def blank_when_missing(frame: Any) -> bool:
    """The table shows a missing value as an empty cell (Streamlit's default is "None")."""
    return bool(frame.proto.HasField("placeholder") and frame.proto.placeholder == "")


def test_lists_the_reviews_with_their_status(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    assert "In the store (4 reviews)" in texts(at)
    rows = table(at)
    assert sorted(rows["Title"])[0] == "Local Child Safeguarding Practice Review: Child A"
    assert set(rows["Status"]) == {"Ready"}
    assert rows.set_index("File").loc[PDF, "Pages"] > 1


def test_find_a_review(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.text_input(key="library_filter").set_value("kelsham").run()
    assert list(table(at)["Title"]) == ["Rapid Review: Child C"]


def test_upload_and_ingest_a_file(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-d.txt", CHILD_D, "text/plain")).run()
    assert not at.exception
    at.button[0].click().run()  # "Ingest 1 file(s)"
    assert not at.exception
    assert "1 ingested, 0 unchanged, 0 failed" in at.success[0].value
    report = at.dataframe[0].value
    assert list(report["File"]) == ["child-d.txt"]
    assert list(report["Result"]) == ["Ingested"]
    assert "In the store (5 reviews)" in texts(at)
    assert not (data_copy / "uploads" / "child-d.txt").exists()  # not kept unless asked
    assert "Rapid Review: Child D" in [r["title"] for r in KuzuStore(data_copy).reviews()]


def test_an_upload_is_kept_on_purpose(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-d.txt", CHILD_D, "text/plain")).run()
    at.checkbox(key="keep_uploads").check().run()
    at.button[0].click().run()
    assert not at.exception
    assert (data_copy / "uploads" / "child-d.txt").read_bytes() == CHILD_D


def test_uploads_that_are_not_pdf_or_text_are_refused(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(
        [
            ("not-a-pdf.pdf", b"GIF89a pretending", "application/pdf"),
            ("binary.txt", b"\x00\x01\x02 text?", "text/plain"),
        ]
    ).run()
    assert not at.exception
    assert "2 files will not be ingested" in at.warning[0].value
    refused = at.dataframe[0].value  # names as table cells, not Markdown
    assert dict(zip(refused["File"], refused["Refused because"], strict=True)) == {
        "not-a-pdf.pdf": "not a PDF: the file does not start as a PDF does",
        "binary.txt": "not a text file: it holds binary data",
    }
    assert not [b for b in at.button if b.label.startswith("Ingest")]


def test_a_file_that_fails_is_reported_and_not_kept(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("broken.pdf", b"%PDF-1.7\nnot really", "application/pdf"))
    at.run()
    at.button[0].click().run()
    assert not at.exception
    assert "Some files could not be ingested" in at.error[0].value
    assert at.error[0].value.endswith("Nothing was stored.")
    report = at.dataframe[0].value
    assert list(report["Result"]) == ["Failed"] and report["Details"][0]
    assert not (data_copy / "uploads" / "broken.pdf").exists()
    assert len(KuzuStore(data_copy).reviews()) == 4


def test_a_batch_with_a_failure_says_the_rest_was_stored(
    run_page: RunPage, data_copy: Path
) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(
        [
            ("child-d.txt", CHILD_D, "text/plain"),
            ("broken.pdf", b"%PDF-1.7\nnot really", "application/pdf"),
        ]
    ).run()
    at.button[0].click().run()
    assert not at.exception
    message = at.error[0].value
    assert "1 ingested, 0 unchanged, 1 failed" in message
    assert "The file that failed was not stored; the other is in the store." in message
    assert len(KuzuStore(data_copy).reviews()) == 5  # as it says: the other one is there
    report = at.dataframe[0].value.set_index("File")
    # the failed file has no pages or passages: blank cells, not "None"
    assert report.loc["broken.pdf", ["Pages", "Passages"]].isna().all()
    assert report.loc["child-d.txt", "Passages"] > 0
    assert blank_when_missing(at.dataframe[0])


def test_the_batch_summary_counts_the_files_refused_before_it(
    run_page: RunPage, data_copy: Path
) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(
        [
            ("child-d.txt", CHILD_D, "text/plain"),
            ("not-a-pdf.pdf", b"GIF89a pretending", "application/pdf"),
        ]
    ).run()
    at.button[0].click().run()
    assert not at.exception
    assert "1 ingested, 0 unchanged, 0 failed, 1 refused before ingest" in at.success[0].value
    tables = [table.value for table in at.dataframe]
    assert any("not-a-pdf.pdf" in list(table.get("File", [])) for table in tables[:2])


def test_a_review_without_a_year_shows_a_blank_year(run_page: RunPage, data_copy: Path) -> None:
    undated = b"Learning review: Child E\n\nChild E was seen by the school nurse twice.\n"
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-e.txt", undated, "text/plain")).run()
    at.button[0].click().run()
    assert not at.exception
    reviews = table(at).set_index("File")
    assert pd.isna(reviews.loc["child-e.txt", "Year"])  # no year read...
    assert blank_when_missing(at.dataframe[-1])  # ...and shown as a blank cell


def test_a_busy_store_is_said_plainly(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-d.txt", CHILD_D, "text/plain")).run()
    with KuzuStore(data_copy).writer():  # another process ingesting
        at.button[0].click().run()
    assert not at.exception
    assert "Another casegraph process is writing" in at.error[0].value
    assert not (data_copy / "uploads" / "child-d.txt").exists()
    assert len(KuzuStore(data_copy).reviews()) == 4


def test_an_empty_store_offers_the_demo_corpus(
    run_page: RunPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    shutil.copy(DEMO / PDF, demo / PDF)
    monkeypatch.setattr("casegraph.settings.DEMO_CORPUS", demo)
    at = run_page(PAGE, tmp_path / "empty")
    assert not at.exception
    assert "The store is empty" in at.info[0].value
    assert "Library" not in at.info[0].value  # it is this page: no way to it
    at.button[0].click().run()  # "Ingest the fictional demo corpus (1 PDFs)"
    assert not at.exception
    assert "1 ingested" in at.success[0].value
    assert "In the store (1 review)" in texts(at)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("review.pdf", b"%PDF-1.4 ...", None),
        ("notes.md", "# Notes\n\nA review’s notes.".encode(), None),
        ("review.docx", b"PK\x03\x04", "not a PDF, text or Markdown file (docx)"),
        ("review.pdf", b"<html>", "not a PDF: the file does not start as a PDF does"),
        ("empty.txt", b"", "the file is empty"),
        ("big.pdf", b"%PDF-" + b"0" * (1024 * 1024), "larger than the 1 MB limit (1.0 MB)"),
    ],
)
def test_check_upload(name: str, data: bytes, reason: str | None) -> None:
    assert check_upload(name, data, limit_mb=1) == reason


def test_a_markdown_file_name_is_shown_as_text(run_page: RunPage, data_copy: Path) -> None:
    name = "[click me](evil.example)**bold**.pdf"
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value((name, b"GIF89a", "application/pdf")).run()
    assert list(at.dataframe[0].value["File"]) == [name]
    assert "evil.example" not in texts(at)  # not rendered as a Markdown link anywhere


def erase_boxes(at: AppTest) -> dict[str, bool]:
    """The ticking box of each review listed under "Delete reviews", by review id."""
    return {
        box.key.removeprefix("erase_"): box.value
        for box in at.checkbox
        if box.key and box.key.startswith("erase_") and box.key != "erase_confirm"
    }


def test_typing_a_filter_selects_nothing(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.text_input(key="erase_filter").input("Child").run()  # typed, then Enter
    assert not at.exception
    boxes = erase_boxes(at)
    assert len(boxes) == 3  # Child A, C and D's reviews listed, Baby M not...
    assert not any(boxes.values())  # ...and none of them ticked
    assert "will be erased" not in texts(at)
    assert not [b for b in at.button if b.key == "erase_button"]


def test_ticking_one_review_queues_exactly_that_one(run_page: RunPage, data_copy: Path) -> None:
    store = KuzuStore(data_copy)
    reviews = store.reviews()
    target = next(r for r in reviews if "Baby M" in (r["title"] or ""))
    at = run_page(PAGE, data_copy)
    at.text_input(key="erase_filter").input("Baby").run()
    at.checkbox(key=f"erase_{target['review_id']}").check().run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "will be erased" in w.value]
    assert warning.startswith(f"1 review will be erased: “{target['title']}” ")
    assert "cannot be undone" in warning
    # another filter: the ticked review stays listed and ticked, and nothing else is
    at.text_input(key="erase_filter").input("Child").run()
    assert {rid for rid, on in erase_boxes(at).items() if on} == {target["review_id"]}
    assert at.button(key="erase_button").disabled  # not before the box is ticked
    at.checkbox(key="erase_confirm").check().run()
    at.button(key="erase_button").click().run()
    assert not at.exception
    assert "Erased 1 review" in texts(at)
    left = {r["review_id"] for r in KuzuStore(data_copy).reviews()}
    assert left == {r["review_id"] for r in reviews} - {target["review_id"]}


def test_unticking_asks_for_the_confirmation_again(run_page: RunPage, app_data: Path) -> None:
    ids = sorted(r["review_id"] for r in KuzuStore(app_data).reviews())
    at = run_page(PAGE, app_data)
    at.checkbox(key=f"erase_{ids[0]}").check().run()
    at.checkbox(key=f"erase_{ids[1]}").check().run()
    assert any(w.value.startswith("2 reviews will be erased") for w in at.warning)
    at.checkbox(key="erase_confirm").check().run()
    at.checkbox(key=f"erase_{ids[1]}").uncheck().run()
    assert any(w.value.startswith("1 review will be erased") for w in at.warning)
    assert not at.checkbox(key="erase_confirm").value
    assert at.button(key="erase_button").disabled


def test_an_upload_not_kept_is_said_so(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-d.txt", CHILD_D, "text/plain")).run()
    at.button[0].click().run()
    assert not at.exception
    statuses = table(at).set_index("File")["Status"]
    assert statuses["child-d.txt"] == "Ready · upload not kept"  # the app removed it, not you
    assert statuses[PDF] == "Ready"


def test_a_renamed_copy_names_the_review_it_repeats(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.file_uploader[0].set_value(("child-d.txt", CHILD_D, "text/plain")).run()
    at.button[0].click().run()
    at.file_uploader[0].set_value(("renamed.txt", CHILD_D, "text/plain")).run()
    at.button[0].click().run()
    assert not at.exception
    report = at.dataframe[0].value
    assert list(report["Result"]) == ["Unchanged, skipped"]
    [stored] = [r for r in KuzuStore(data_copy).reviews() if r["title"] == "Rapid Review: Child D"]
    assert report["Details"][0] == (
        f"the same file as “Rapid Review: Child D” ({stored['review_id']}), already in the store"
    )


def test_other_documents_are_counted_as_home_counts_them(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    baby_m = next(r for r in store.reviews() if "Baby M" in (r["title"] or ""))
    with store.writer():
        correct_field(store, baby_m["review_id"], "review_type", "briefing", "Analyst A")
    st.cache_data.clear()
    at = run_page(PAGE, data_copy)
    assert not at.exception
    assert "In the store (3 reviews · 1 other document)" in texts(at)
    home = run_page("Home.py", data_copy)
    assert [(m.label, m.value) for m in home.metric][:2] == [
        ("Reviews", "3"),
        ("Other documents", "1"),
    ]
