"""Library: the reviews in the store, and uploading more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from casegraph.settings import DEMO_CORPUS
from casegraph.text import counted
from graph.store import StoreLocked, StoreUnavailable
from ingest.batch import BatchReport, FileResult
from search_app.app import shared

RESULTS = {"ingested": "Ingested", "skipped": "Unchanged, skipped", "failed": "Failed"}
COPY = "A copy, skipped"

shared.page(
    "Library",
    ":material/library_books:",
    "The reviews in the store, and adding more. Files stay on this machine.",
)


def run_ingest(paths: list[Path], names: dict[Path, str]) -> BatchReport | None:
    """Ingest with a progress bar and a line per file; None when the store was busy."""
    bar = st.progress(0.0, text=f"Ingesting {len(paths)} file(s)…")
    done: list[FileResult] = []

    def on_result(result: FileResult) -> None:
        done.append(result)
        name = names.get(Path(result.path), Path(result.path).name)
        bar.progress(
            len(done) / len(paths), text=f"{len(done)}/{len(paths)}: {name} {result.status}"
        )

    try:
        with st.spinner("Reading, tagging and storing… (large PDFs take a minute)"):
            report = shared.ingest(paths, on_result)
    except (StoreLocked, StoreUnavailable) as error:
        bar.empty()
        shared.store_error(error)
        return None
    bar.progress(1.0, text="Done.")
    return report


def repeats(result: FileResult) -> str | None:
    """For a file skipped as unchanged: the stored review it repeats, named (a renamed copy of
    a file ingested before is skipped too)."""
    if result.status != "skipped" or result.is_copy or not result.review_id:
        return None
    stored = next((r for r in shared.reviews() if r["review_id"] == result.review_id), None)
    title = (stored or {}).get("title") or (stored or {}).get("file_name")
    named = f"“{title}” ({result.review_id})" if title else f"review {result.review_id}"
    return f"the same file as {named}, already in the store"


def result_rows(report: BatchReport, names: dict[Path, str]) -> list[dict[str, Any]]:
    return [
        {
            "File": names.get(Path(r.path), Path(r.path).name),
            "Result": COPY if r.is_copy else RESULTS.get(r.status, r.status),
            "Pages": r.pages or None,
            "Passages": r.passages or None,
            "Details": r.error
            or "; ".join(
                [f"unreadable page(s) {', '.join(map(str, r.unreadable_pages))}"]
                * bool(r.unreadable_pages)
                + r.warnings
            )
            or repeats(r)
            or r.reason,
        }
        for r in report.files
    ]


def show_report(
    report: BatchReport, names: dict[Path, str], refused: list[dict[str, str]] | None = None
) -> None:
    """The batch's summary and a row per file, the files refused before it started included."""
    ingested, skipped, failed = (report.count(s) for s in ("ingested", "skipped", "failed"))
    copies = sum(1 for r in report.files if r.is_copy)
    also = f", {counted(copies, 'copy', 'copies')}" if copies else ""
    not_read = f", {len(refused)} refused before ingest" if refused else ""
    summary = (
        f"{ingested} ingested, {skipped - copies} unchanged{also}, {failed} failed{not_read} "
        f"in {report.seconds:.0f}s."
    )
    if report.stopped:
        st.error(f"{report.stopped}. The files after it were not read; {summary}")
    elif failed:
        st.error(f"Some files could not be ingested: {summary} {what_was_stored(report)}")
    else:
        st.success(summary)
    st.dataframe(result_rows(report, names), hide_index=True, width="stretch", placeholder="")
    if refused:
        st.caption(f"Refused before ingest ({shared.plural(len(refused), 'file')}):")
        st.dataframe(refused, hide_index=True, width="stretch")


def what_was_stored(report: BatchReport) -> str:
    """A failed file leaves nothing in the store; the rest of its batch is stored all the same."""
    failed = report.count("failed")
    others = len(report.files) - failed
    if not others:
        return "Nothing was stored."
    lost = "The file that failed was" if failed == 1 else f"The {failed} files that failed were"
    kept = "the other is" if others == 1 else "the others are"
    return f"{lost} not stored; {kept} in the store."


# -- add reviews --------------------------------------------------------------------------------

st.subheader("Add reviews")
uploads = st.file_uploader(
    f"PDF, text or Markdown files, up to {shared.MAX_UPLOAD_MB} MB each",
    type=shared.UPLOAD_TYPES,
    accept_multiple_files=True,
    max_upload_size=shared.MAX_UPLOAD_MB,
    key=f"uploads_{st.session_state.get('upload_round', 0)}",
    help="Once ingested, the text is in the store; the files themselves are removed unless "
    "you keep them (to open their pages from search results).",
)
keep_files = st.checkbox(
    "Keep the uploaded files in the data folder",
    value=False,
    key="keep_uploads",
    help="Only if you need the original pages; they stay until the review is deleted.",
)
accepted: list[tuple[str, bytes]] = []
refused: list[dict[str, str]] = []
for upload in uploads or []:
    data = upload.getvalue()
    reason = shared.check_upload(upload.name, data)
    if reason:
        refused.append({"File": upload.name, "Refused because": reason})
    else:
        accepted.append((upload.name, data))
if refused:
    # names as table cells, never as Markdown: a file name can hold links or markup
    reasons = "; ".join(sorted({row["Refused because"] for row in refused}))
    st.warning(
        f"{shared.plural(len(refused), 'file')} will not be ingested ({shared.as_text(reasons)}):",
        icon=":material/block:",
    )
    st.dataframe(refused, hide_index=True, width="stretch")

if accepted and st.button(
    f"Ingest {shared.plural(len(accepted), 'file')}", type="primary", icon=":material/upload:"
):
    kept_before = set((shared.data_dir() / "uploads").glob("*"))
    saved = {shared.save_upload(name, data): name for name, data in accepted}
    report = run_ingest(list(saved), saved)
    # nothing half-there: an upload that was not stored is not kept either
    failed = {Path(r.path) for r in report.files if r.status == "failed"} if report else set(saved)
    for path in failed - kept_before:
        path.unlink(missing_ok=True)
    if not keep_files:
        shared.remove_uploads([path for path in saved if path not in kept_before])
    if report is not None:
        st.session_state["last_report"] = (report, saved, refused)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.rerun()

if last := st.session_state.get("last_report"):
    show_report(*last)

# -- what is in the store -----------------------------------------------------------------------

rows = shared.reviews()
# counted as Home counts them: briefings, guidance and other documents are not reviews
others = len(rows) - len(shared.case_reviews(rows))
st.subheader(
    f"In the store ({shared.plural(len(rows) - others, 'review')}"
    + (f" · {shared.plural(others, 'other document')})" if others else ")")
)
if not rows:
    shared.empty_store_message(on_library=True)
    demo = sorted(DEMO_CORPUS.glob("*.pdf"))
    if demo and st.button(
        f"Ingest the fictional demo corpus ({len(demo)} PDFs)", icon=":material/science:"
    ):
        report = run_ingest(demo, {path: path.name for path in demo})
        if report is not None:
            st.session_state["last_report"] = (report, {path: path.name for path in demo})
            st.rerun()
    st.stop()

wanted = st.text_input(
    "Find a review", placeholder="title, partnership or file name", key="library_filter"
).strip()


def matches(row: dict[str, Any]) -> bool:
    text = " ".join(str(row.get(key) or "") for key in ("title", "partnership", "file_name"))
    return wanted.lower() in text.lower()


NOT_KEPT = "Ready · upload not kept"  # the app removes an upload once ingested, unless asked
NOT_ON_DISK = "Ready · source file no longer on disk"


def an_upload(path: str) -> bool:
    """Whether a review's source path is an upload the app saved in DATA_DIR/uploads."""
    uploads = (shared.data_dir() / "uploads").resolve()
    where = Path(path) if Path(path).is_absolute() else shared.data_dir().parent / path
    return where.resolve().is_relative_to(uploads)


def status(row: dict[str, Any]) -> str:
    if not row.get("passages"):
        return "No text found"
    paths = row.get("paths") or []
    if any(shared.source_file(path, 1) for path in paths):
        return "Ready"
    if paths and all(an_upload(path) for path in paths):
        return NOT_KEPT
    return NOT_ON_DISK


shown = [row for row in rows if matches(row)]
if not shown:
    st.caption("No review matches.")
table = [
    {
        "Title": row.get("title") or row.get("file_name"),
        "Year": row.get("publication_year"),
        "Status": status(row),
        "Type": shared.review_type_label(row.get("review_type")),
        "Pages": row.get("page_count"),
        "Passages": row.get("passages"),
        "Partnership": row.get("partnership"),
        "Main themes": ", ".join(shared.theme_label(t) for t in (row.get("themes") or [])[:3]),
        "File": row.get("file_name"),
        "Id": row["review_id"],
    }
    for row in shared.paginate(shown, "library", size=25, noun="reviews")
]
if table:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder="",  # a year or count not known is a blank cell, not "None"
        height=36 * (len(table) + 1) + 3,  # every row of the page, no inner scrolling
        column_config={
            "Title": st.column_config.TextColumn(width="large"),
            "Year": st.column_config.NumberColumn(format="%d", width="small"),
            "Status": st.column_config.TextColumn(
                width="small",
                help="Ready: searchable. The text is in the store either way; an upload is not "
                'kept unless "Keep the uploaded files" was ticked, and a file ingested from '
                "a folder may since have been moved or deleted. Only opening its pages needs it.",
            ),
            "Type": st.column_config.TextColumn(width="medium"),
            "Pages": st.column_config.NumberColumn(width="small"),
            "Passages": st.column_config.NumberColumn(width="small"),
            "Id": st.column_config.TextColumn(help="The review id used by the CLI"),
        },
    )
st.caption(
    "Re-ingesting the same file is free: unchanged files are skipped. From a terminal: "
    "`casegraph ingest PATH`."
)

# -- erase reviews ------------------------------------------------------------------------------

ERASE_IDS = "erase_ids"  # the reviews ticked for erasure (kept while the filter changes)
ERASE_SHOWN = 25  # ticking boxes listed at most; more are found by typing


def tick(review_id: str) -> None:
    """A review's box ticked or unticked: it alone joins or leaves the erasure; the
    confirmation is asked again for the new choice."""
    ticked = set(st.session_state.get(ERASE_IDS, []))
    if st.session_state.get(f"erase_{review_id}"):
        ticked.add(review_id)
    else:
        ticked.discard(review_id)
    st.session_state[ERASE_IDS] = sorted(ticked)
    st.session_state.pop("erase_confirm", None)


with st.expander("Delete reviews", icon=":material/delete:"):
    titles = {row["review_id"]: row.get("title") or row.get("file_name") or "" for row in rows}
    files = {row["review_id"]: row.get("file_name") or "" for row in rows}
    ticked = [rid for rid in st.session_state.get(ERASE_IDS, []) if rid in titles]
    narrow = st.text_input(
        "Show reviews whose title, file name or id holds",
        key="erase_filter",
        help="Only lists reviews: tick each one to erase.",
    ).strip()
    listed = [
        rid
        for rid in sorted(titles, key=lambda rid: (titles[rid].lower(), rid))
        if rid not in ticked and narrow.lower() in f"{titles[rid]} {files[rid]} {rid}".lower()
    ]
    st.caption(
        "Tick each review to erase; nothing is ticked for you."
        + (
            f" {len(listed) - ERASE_SHOWN} more not listed: type more to narrow."
            if len(listed) > ERASE_SHOWN
            else ""
        )
        + (" No other review matches." if narrow and not listed and ticked else "")
        + (" No review matches." if narrow and not listed and not ticked else "")
    )
    for rid in ticked + listed[:ERASE_SHOWN]:  # the ticked ones stay listed whatever is typed
        st.checkbox(
            shared.as_text(f"{titles[rid]} ({rid})"),
            value=rid in ticked,
            key=f"erase_{rid}",
            on_change=tick,
            args=(rid,),
        )
    chosen = [rid for rid in st.session_state.get(ERASE_IDS, []) if rid in titles]
    if chosen:
        taken = shared.quotes_from(chosen)
        named = "; ".join(f"“{titles[rid]}” ({rid})" for rid in chosen)
        st.warning(
            f"{shared.plural(len(chosen), 'review')} will be erased: {shared.as_text(named)}; "
            "with their passages, vectors, the corrections people made to them and uploaded "
            f"files, and {shared.plural(len(taken), 'quote')} taken from "
            "them will be removed from the briefings. This cannot be undone.",
            icon=":material/warning:",
        )
        confirmed = st.checkbox("I understand: erase them", key="erase_confirm")
        if st.button("Erase", type="primary", disabled=not confirmed, key="erase_button"):
            try:
                with st.spinner("Erasing and compacting the store…"):
                    erased = shared.erase(chosen)
            except (StoreLocked, StoreUnavailable) as error:
                shared.store_error(error)
            else:
                st.session_state["erased"] = len(erased.removed)
                for key in [ERASE_IDS, "erase_confirm", *(f"erase_{rid}" for rid in chosen)]:
                    st.session_state.pop(key, None)
                st.rerun()
    if erased_count := st.session_state.pop("erased", None):
        st.success(f"Erased {shared.plural(erased_count, 'review')}.")
