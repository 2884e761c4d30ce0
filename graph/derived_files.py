"""Files derived from the store (the search index, the copy signatures): when one is damaged
it is set aside, not deleted, and made again from the store.

A copy set aside may still hold the text of reviews erased since: casegraph.erase removes
every such copy (`damaged_copies`).
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

DAMAGED = ".damaged-"
# what SQLite stores beside a database file while it is open
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def is_damaged(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is not (or no longer) a sound database, as opposed
    to busy, read-only or full, which setting it aside would not mend."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name == "SQLITE_NOTADB" or name.startswith("SQLITE_CORRUPT")


def set_aside(path: Path) -> Path:
    """Rename a damaged file (and the journal files beside it) to NAME.damaged-<UTC time>;
    returns the new name of the file. Raises OSError when it cannot be moved."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    moved = path.with_name(f"{path.name}{DAMAGED}{stamp}")
    for companion in _COMPANIONS:
        source = path.with_name(path.name + companion)
        if source.exists():
            source.rename(path.with_name(f"{path.name}{companion}{DAMAGED}{stamp}"))
    return moved


def delete_with_journals(path: Path) -> None:
    """Delete a derived file and the journal files beside it (an erasure of a damaged one)."""
    for companion in _COMPANIONS:
        path.with_name(path.name + companion).unlink(missing_ok=True)


def damaged_copies(path: Path) -> list[Path]:
    """The copies of `path` (and of its journal files) set aside as damaged."""
    if not path.parent.is_dir():
        return []
    return sorted(path.parent.glob(f"{path.name}*{DAMAGED}*"))


def warn(message: str) -> None:
    """A warning for the user on stderr (the CLI's output and --json stay clean)."""
    print(f"casegraph: warning: {message}", file=sys.stderr, flush=True)


def damage_warning(what: str, path: Path, error: sqlite3.Error, moved: Path, rebuilt: str) -> str:
    return (
        f"{what} {path} was damaged ({error}): set aside as {moved.name} and {rebuilt}. "
        f"Delete {moved.name} once you no longer need it"
    )
