"""A guard over the Kùzu store's writes in place: seeded random sequences of ingests,
re-ingests, renamed copies, theme and field corrections, quotes, drafts and deletes, every read
of the CLI and the app checked after each step and again from a new process (see
tests/graph/kuzu_stress.py, which also runs long: `python -m tests.graph.kuzu_stress`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.graph.kuzu_stress import Documents, run_seed

SEEDS = [int(s) for s in os.environ.get("KUZU_STRESS_SEEDS", "3").split(",")]
STEPS = int(os.environ.get("KUZU_STRESS_STEPS", "10"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stress-documents")
    Documents.prepare(folder)
    return folder


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_writes_in_place_neither_crash_nor_lose_anything(seed: int, documents: Path) -> None:
    outcome = run_seed(seed, STEPS, chunk=5, documents=documents)
    # a segfault is a negative return code; wrong data an assertion naming the read
    assert outcome.ok, f"step {outcome.step}, exit {outcome.returncode}:\n{outcome.message}"
