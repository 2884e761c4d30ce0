"""Ingest many files: skip what is unchanged, parse the rest, store each review whole.

A bad file is reported with its reason and the batch carries on; nothing already
stored is touched by a failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph.derived_files import warn
from graph.kuzu_store import MIN_FREE_BYTES
from graph.store import IndexBehind, Store, StoreFull
from ingest.copy_index import CopyIndex, NearCopy
from ingest.enrich import Enricher
from ingest.errors import IngestError, UnreadableFile, UnsupportedType
from ingest.kinds import KINDS_VERSION
from ingest.limits import IsolatedRunner, Limits, check_file
from ingest.pipeline import (
    SUPPORTED_SUFFIXES,
    ParseOptions,
    content_hash,
    parse_document,
    read_bytes,
)
from ingest.types import ParsedDocument

# Bump when parsing changes what is stored, so that unchanged files are parsed again.
PARSER_VERSION = "9"  # 2: **bold** out of .txt quotes; recommendations without their intros
# 3: real-review metadata (ingest.front, ingest.subject), split words joined, footnote "1. 1"
# 4: contents pages, tables and captions out of passages and sections; raised footnote markers
#    dropped; paragraphs numbered 1., 2., 3. through a document carry their numbers
# 5: lead-ins ending in a colon name no section and open a passage; plain-text notes are
#    passages of their own; lines of web addresses and fragments of a few words are none
# 6: a bold heading that wraps is one heading; a heading may open with a quote mark; large
#    print holding two sentences is no heading; an acronym broken at a line end is joined
# 7: a cover's title lines set apart are not joined into one section name; its bylines
#    ('Author: …', 'Published June 2021') name no section
# 8: a letter split from the front of a word is joined back ('R epresentatives', 'I n')
# 9: text set at a slant (a diagram's labels along its curves, a watermark) is not read
#    and the number printed on each PDF page (ingest.page_labels) is read from the page
# what parsing stores, with the passage kinds (ingest.kinds) derived from it
PARSE_VERSION = f"{PARSER_VERSION}|kinds-{KINDS_VERSION}"

Status = Literal["ingested", "skipped", "failed"]
COPY_REASONS = ("same content as", "same text as")


@dataclass
class FileResult:
    path: str
    status: Status
    error: str | None = None
    review_id: str | None = None
    reason: str | None = None  # why it was skipped, or whether it was new or replaced
    pages: int = 0
    passages: int = 0
    unreadable_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the stored review most of this file repeats: {review_id, title, file_name, shared, compared}
    near_copy: dict[str, Any] | None = None

    @property
    def is_copy(self) -> bool:
        """Skipped as a copy of another file or of a stored review, not as unchanged."""
        return self.status == "skipped" and (self.reason or "").startswith(COPY_REASONS)


@dataclass
class BatchReport:
    files: list[FileResult]
    seconds: float
    citations: int | None = None  # CITES edges after the batch, when anything changed
    stopped: str | None = None  # why the batch stopped before its end (a full disk)
    interrupted: bool = False  # by Ctrl-C (`stopped` says what was stored)

    def count(self, status: Status) -> int:
        return sum(1 for result in self.files if result.status == status)

    def to_json(self) -> dict[str, Any]:
        return {
            "ingested": self.count("ingested"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "pages": sum(result.pages for result in self.files if result.status == "ingested"),
            "passages": sum(r.passages for r in self.files if r.status == "ingested"),
            "seconds": round(self.seconds, 2),
            "citations": self.citations,
            "stopped": self.stopped,
            "files": [asdict(result) for result in self.files],
        }


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Supported files under the given files and folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            # listed whole before any is read: a file that vanishes later is reported, not skipped
            yield from [
                child for child in _files_in(path) if child.suffix.lower() in SUPPORTED_SUFFIXES
            ]
        else:
            yield path  # a named file is tried even if its type is wrong, to say so


def not_read(paths: Iterable[Path]) -> list[Path]:
    """Files in the given folders of types casegraph does not read (.docx, .doc, .xlsx...):
    left out of a folder's ingest, and said so."""
    return [
        child
        for path in paths
        if path.is_dir()
        for child in _files_in(path)
        if child.suffix.lower() not in SUPPORTED_SUFFIXES
    ]


def _files_in(folder: Path) -> list[Path]:
    """A folder's files, at any depth, leaving out hidden ones ('.DS_Store', a Mac's '._x.pdf'
    shadow of each file copied from it). Whatever is not a folder counts: a broken symbolic
    link, a FIFO, a socket or a device is then reported (not read, or failed with the
    reason) as it is when named directly, not passed over in silence."""
    return [
        child
        for child in sorted(folder.rglob("*"))
        if not child.is_dir()
        and not any(part.startswith(".") for part in child.relative_to(folder).parts)
    ]


def _broken_link(path: Path) -> str | None:
    """Why a path found in a folder walk cannot be read when it is a symbolic link to nothing
    (checking the file would take it for one deleted during the batch)."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        target = f" to {os.readlink(path)}"
    except OSError:
        target = ""
    return f"a broken symbolic link{target}: its target does not exist; it was not read"


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    options: ParseOptions | None = None,
    workers: int = 1,
    on_result: Callable[[FileResult], None] | None = None,
    enricher: Enricher | None = None,
    limits: Limits | None = None,
) -> BatchReport:
    """Parse (and enrich) and store every new or changed file; report what happened to each.

    With `limits`, each file is parsed in a process of its own with a memory cap and a time
    limit (see ingest.limits), `workers` at once; without, in this process one at a time.
    Files over the size limit, and paths that are not regular files, are refused unopened.
    """
    options = options or ParseOptions()
    version = PARSE_VERSION if enricher is None else f"{PARSE_VERSION}+{enricher.version}"
    started = time.monotonic()
    results: list[FileResult] = []
    seen: dict[str, str] = {}  # content hash -> first path in this batch
    copies = CopyIndex(store)

    def report(result: FileResult) -> None:
        result.warnings += copies.take_notes()  # the signature cache's troubles, said once
        results.append(result)
        if on_result:
            on_result(result)

    def store_parsed(path: Path, outcome: ParsedDocument | IngestError) -> None:
        if isinstance(outcome, IngestError):
            report(FileResult(str(path), "failed", error=outcome.reason))
            return
        copy = _copy_of_stored(store, path, outcome)
        if copy is not None:
            report(copy)
            return
        near_copy, earlier = _compare_with_stored(copies, outcome, str(path))
        try:
            enrichment = enricher(outcome) if enricher is not None else None
        except Exception as error:  # a model failure on one review must not stop the batch
            report(FileResult(str(path), "failed", error=f"enrichment failed: {error}"))
            return
        behind: IndexBehind | None = None
        try:
            _mark_citations_stale(store)  # until they are linked again (see _relink)
            previous = store.put(outcome, version, enrichment)
        except IndexBehind as error:  # stored; only its search rows wait for the next writer
            behind, previous = error, error.previous
        except Exception as error:  # the store rolled the review back
            report(FileResult(str(path), "failed", error=f"could not be stored: {error}"))
            if _out_of_space(error):  # every later file would fail the same way: stop
                raise _Stop(f"the batch stopped: {error}") from error
            return
        _keep_signature(copies, outcome, str(path))
        report(
            FileResult(
                str(path),
                "ingested",
                review_id=outcome.review_id,
                reason="new" if previous is None else f"replaced version {previous}",
                pages=outcome.page_count,
                passages=len(outcome.passages),
                unreadable_pages=[int(p["page"]) for p in outcome.unreadable_pages],
                warnings=list(outcome.warnings)
                + ([near_copy.warning(outcome.review_id)] if near_copy else [])
                + earlier
                + ([str(behind)] if behind else []),
                near_copy=asdict(near_copy) if near_copy else None,
            )
        )
        cause = behind.__cause__ if behind else None
        if isinstance(cause, Exception) and _out_of_space(cause):  # so would the next file be
            raise _Stop(f"the batch stopped: {cause}") from cause

    stopped: str | None = None
    interrupted = False
    try:
        with _Parser(options, workers, limits) as parser:
            _run(paths, parser, store, version, limits or Limits(), seen, report, store_parsed)
    except _Stop as stop:
        stopped = str(stop)
    except KeyboardInterrupt:  # Ctrl-C: what was stored stays stored, and is said
        interrupted = True
        stopped = (
            f"interrupted after {len(results)} file{'' if len(results) == 1 else 's'}: the "
            "reviews listed as ingested "
            "are stored whole; run the same ingest again to carry on (stored files are "
            "skipped), and citations between reviews will be linked then"
        )
    batch = BatchReport(
        results, time.monotonic() - started, stopped=stopped, interrupted=interrupted
    )
    if not interrupted:  # one more Ctrl-C should not be needed to get out
        _relink(store, batch)
    return batch


def _compare_with_stored(
    copies: CopyIndex, document: ParsedDocument, path: str
) -> tuple[NearCopy | None, list[str]]:
    """The stored review the document nearly copies, and warnings naming the earlier
    versions of its file still stored. Neither when the comparison fails: it only informs,
    and the document is stored all the same."""
    try:
        near_copy = copies.find(document, path)
        earlier = copies.earlier_versions(path, document.review_id)
    except Exception as error:  # one file's comparison must not stop the batch
        copies.notes.append(f"not compared with the stored reviews for near-copies: {error}")
        return None, []
    return near_copy, [
        f"an earlier version of this file is stored as review {row['review_id']} "
        f"'{row.get('title') or row.get('file_name')}' and is still counted: if this one "
        f"replaces it, delete it (casegraph delete {row['review_id']})"
        for row in earlier
    ]


def _keep_signature(copies: CopyIndex, document: ParsedDocument, path: str) -> None:
    """Remember a stored review's signature; if that fails, the next batch reads it again."""
    try:
        copies.add(document, path)
    except Exception as error:  # the review is stored: the batch goes on
        copies.notes.append(f"its copy signature was not kept ({error})")


def _citations_marker(store: Store) -> Path:
    """Present while CITES edges may lag behind the stored reviews: made before a review is
    stored, removed once they are linked again, so a batch that stopped (a full disk,
    Ctrl-C) has them linked by the next one, even when every file is unchanged."""
    return Path(store.embedding_cache).parent / "citations-stale"


def _mark_citations_stale(store: Store) -> None:
    marker = _citations_marker(store)
    with contextlib.suppress(OSError):  # then the batch relinks only if it stores something
        marker.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker.touch(mode=0o600)


def _relink(store: Store, batch: BatchReport) -> None:
    """Link the citations between reviews again when they may be stale, but not after a
    stop for space with too little left: Kùzu aborts the process when a write fails for
    want of space, so that is left to the next ingest."""
    if not (batch.count("ingested") or _citations_marker(store).exists()):
        return
    if batch.stopped and not _room_to_relink(store):
        batch.stopped += "; citations between reviews will be linked by the next ingest"
        return
    try:
        batch.citations = store.link_citations()
    except Exception as error:  # the reviews are stored; the next ingest retries
        warn(f"citations between reviews were not linked ({error}); the next ingest links them")
        return
    _citations_marker(store).unlink(missing_ok=True)


def _room_to_relink(store: Store) -> bool:
    root = getattr(store, "root", None)  # the embedded store's folder (a server has its own)
    if root is None:
        return True
    try:
        return shutil.disk_usage(root).free >= MIN_FREE_BYTES
    except OSError:
        return False


def _out_of_space(error: Exception) -> bool:
    if isinstance(error, StoreFull):
        return True
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    said = str(error).lower()
    return "no space left on device" in said or "database or disk is full" in said  # SQLite


class _Stop(Exception):
    """The batch cannot go on (the disk is full)."""


def _run(
    paths: Iterable[Path],
    parser: _Parser,
    store: Store,
    version: str,
    limits: Limits,
    seen: dict[str, str],
    report: Callable[[FileResult], None],
    store_parsed: Callable[[Path, ParsedDocument | IngestError], None],
) -> None:
    """Read, skip or parse each file, storing each as it is parsed."""
    paths = list(paths)
    # named but absent before the batch began: missing, not "moved or deleted during the batch"
    missing = {path for path in paths if not path.exists()}
    for path in discover(paths):
        if broken := _broken_link(path):  # named, or found in a folder
            report(FileResult(str(path), "failed", error=broken))
            continue
        if path in missing:
            report(FileResult(str(path), "failed", error="missing: no such file or folder"))
            continue
        try:
            data = _read(path, limits)
        except IngestError as error:
            report(FileResult(str(path), "failed", error=error.reason))
            continue
        digest = content_hash(data)
        skipped = _skip_reason(store, digest, seen, str(path), version)
        if skipped is not None:
            report(skipped)
            continue
        seen[digest] = str(path)
        for done in parser.submit(path, data):
            store_parsed(*done)
    for done in parser.drain():
        store_parsed(*done)


def _read(path: Path, limits: Limits) -> bytes:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        if not path.exists():
            raise UnreadableFile(path, "no such file or folder")
        raise UnsupportedType(path, f"got {path.suffix or 'no extension'!r}")
    check_file(path, limits)
    return read_bytes(path)


def _skip_reason(
    store: Store, digest: str, seen: dict[str, str], path: str, version: str
) -> FileResult | None:
    if digest in seen:
        return FileResult(path, "skipped", reason=f"same content as {seen[digest]}")
    review_id = store.known(digest, version)
    if review_id is None:
        return None
    store.add_path(digest, path)
    return FileResult(path, "skipped", review_id=review_id, reason="unchanged")


def _copy_of_stored(store: Store, path: Path, document: ParsedDocument) -> FileResult | None:
    """The file skipped as a copy when another stored review has its words under other bytes
    (the same review saved again, or downloaded from another site): storing it would count
    the review twice in every theme and trend. Such a copy is parsed again on every run to be
    recognised, as only the bytes of stored reviews are remembered. When the file's own review
    is stored too (both were stored before copies were recognised), it is stored again as
    before, with a warning: nothing is deleted behind the user's back."""
    if not document.text_sha256:
        return None
    twins = store.same_text(document.text_sha256)
    twin = next((twin for twin in twins if twin["id"] != document.review_id), None)
    if twin is None:
        return None
    if store.document(document.review_id) is not None:
        document.warnings.append(
            f"the same text as {twin['file_name']} (review {twin['id']}), also stored: "
            "delete one (casegraph delete REVIEW_ID) so that it is not counted twice"
        )
        return None
    return FileResult(
        str(path),
        "skipped",
        review_id=str(twin["id"]),
        reason=f"same text as {twin['file_name']}, stored already as review {twin['id']}",
    )


Parsed = tuple[Path, "ParsedDocument | IngestError"]


class _Parser:
    """Parses files in worker processes of their own, each with a memory cap and a time limit
    (ingest.limits; the CLI and the app always give limits), or without limits in this
    process, one file at a time."""

    def __init__(self, options: ParseOptions, workers: int, limits: Limits | None = None) -> None:
        self.options = options
        self.isolated = IsolatedRunner(_parse, workers, limits) if limits is not None else None

    def __enter__(self) -> _Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.isolated is not None:
            self.isolated.close()

    def submit(self, path: Path, data: bytes) -> Iterator[Parsed]:
        """Start parsing a file; yields the files finished meanwhile, in input order."""
        if self.isolated is None:
            yield path, _parse(path, data, self.options)
            return
        yield from self.isolated.submit(path, data, self.options)

    def drain(self) -> Iterator[Parsed]:
        if self.isolated is not None:
            yield from self.isolated.drain()


def _parse(path: Path, data: bytes, options: ParseOptions) -> ParsedDocument | IngestError:
    """Parse one file; every failure becomes an IngestError naming the file."""
    try:
        return parse_document(path, data, options)
    except IngestError as error:
        return error
    except Exception as error:  # a parser bug on one file must not stop the batch
        return IngestError(path, f"unexpected {type(error).__name__}: {error}")
