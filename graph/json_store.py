"""The interim store: one JSON file per review plus a manifest, in the data directory.

Layout (documented in the README):
    DATA_DIR/manifest.json             {"version": 1, "documents": {sha256: entry}}
    DATA_DIR/documents/REVIEW_ID.json  the parsed review (metadata, passages, blocks, enrichment)
    DATA_DIR/embeddings/REVIEW_ID.npy  passage embeddings, one row per passage, in passage order
    DATA_DIR/cache/embeddings.sqlite   every passage vector ever computed, by text hash
Every file is written to a temporary name and renamed into place, so a crash leaves
the previous version or nothing. One writer at a time holds DATA_DIR/.lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from graph.store import StoreLocked
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument

MANIFEST_VERSION = 1


class JsonStore:
    """A directory of JSON documents; see the module docstring for the layout."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir)
        self.documents_dir = self.root / "documents"
        self.manifest_path = self.root / "manifest.json"
        self._manifest: dict[str, Any] | None = None

    @contextlib.contextmanager
    def writer(self) -> Iterator[JsonStore]:
        """Hold the single-writer lock while the block runs."""
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise StoreLocked(
                    f"another casegraph process is writing to {self.root}; wait for it to finish"
                ) from error
            self._manifest = None  # re-read under the lock
            yield self

    def known(self, content_sha256: str, parser_version: str) -> str | None:
        entry = self._entries().get(content_sha256)
        if entry is None or entry.get("parser_version") != parser_version:
            return None
        if not (self.documents_dir / f"{entry['review_id']}.json").exists():
            return None
        return str(entry["review_id"])

    def put(
        self, document: ParsedDocument, parser_version: str, enrichment: Enrichment | None = None
    ) -> None:
        payload = dataclasses.asdict(document)
        if enrichment is not None:
            _write_npy(
                self.root / "embeddings" / f"{document.review_id}.npy", enrichment.embeddings
            )
            payload["enrichment"] = {
                "embedding_model": enrichment.embedding_model,
                "passages": [dataclasses.asdict(p) for p in enrichment.passages],
                "review_themes": [dataclasses.asdict(t) for t in enrichment.review_themes],
            }
        _write_json(self.documents_dir / f"{document.review_id}.json", payload)
        entries = self._entries()
        previous = entries.get(document.content_sha256, {})
        paths = [p for p in previous.get("paths", []) if p != document.source_path]
        entries[document.content_sha256] = {
            "review_id": document.review_id,
            "file_name": document.file_name,
            "paths": [document.source_path, *paths],
            "parser_version": parser_version,
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "page_count": document.page_count,
            "passages": len(document.passages),
            "title": document.metadata.value("title"),
            "review_type": document.metadata.value("review_type"),
            "publication_year": document.metadata.value("publication_year"),
            "themes": [t.theme for t in enrichment.review_themes] if enrichment else None,
        }
        self._save()

    def add_path(self, content_sha256: str, path: str) -> None:
        entry = self._entries().get(content_sha256)
        if entry is not None and path not in entry["paths"]:
            entry["paths"].append(path)
            self._save()

    def reviews(self) -> list[dict[str, Any]]:
        return sorted(self._entries().values(), key=lambda entry: entry["file_name"])

    @property
    def embedding_cache(self) -> Path:
        return self.root / "cache" / "embeddings.sqlite"

    def document(self, review_id: str) -> dict[str, Any] | None:
        path = self.documents_dir / f"{review_id}.json"
        if not path.exists():
            return None
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded

    def _entries(self) -> dict[str, Any]:
        if self._manifest is None:
            if self.manifest_path.exists():
                self._manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            else:
                self._manifest = {"version": MANIFEST_VERSION, "documents": {}}
        documents: dict[str, Any] = self._manifest["documents"]
        return documents

    def _save(self) -> None:
        _write_json(self.manifest_path, self._manifest)


def _write_npy(path: Path, array: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npy")
    np.save(temporary, array.astype(np.float32))
    os.replace(temporary, path)


def _write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
