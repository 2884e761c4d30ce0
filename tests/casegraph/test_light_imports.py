"""Commands that need no model start without importing one: loading the CLI (and running the
browse and history commands) leaves torch, sentence-transformers, transformers, scikit-learn
and spaCy unimported, so `casegraph --help` or `casegraph reviews` answer in a moment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn", "spacy")
ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def heavy_modules_after(code: str, embedder: str = "fake") -> list[str]:
    """Runs `code` in a fresh interpreter and returns the heavy modules it imported."""
    report = f"import sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CASEGRAPH_EMBEDDER": embedder}
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_importing_the_cli_loads_no_model_library() -> None:
    assert heavy_modules_after("import casegraph.cli") == []


def ingest_one_review(tmp_path: Path) -> Path:
    source = tmp_path / "review.txt"
    source.write_text(
        "Serious Case Review: Child K\n\n2.1 The school nurse noticed the boy was hungry most "
        "mornings and wrote to the family doctor.\n\n2.2 Nobody asked the mother's partner "
        "who else lived in the flat.\n"
    )
    data = tmp_path / "data"
    ingested = CliRunner().invoke(main, ["ingest", str(source), "--data-dir", str(data)], env=ENV)
    assert ingested.exit_code == 0, ingested.output
    return data


def run_commands(commands: list[list[str]]) -> str:
    return "\n".join(
        [
            "import contextlib, io",
            "from casegraph.cli import main",
            f"for args in {commands!r}:",
            "    with contextlib.redirect_stdout(io.StringIO()):",
            "        main(args, standalone_mode=False)",
        ]
    )


def test_browse_commands_load_no_model_library(tmp_path: Path) -> None:
    data = ingest_one_review(tmp_path)
    listed = CliRunner().invoke(main, ["reviews", "--json", "--data-dir", str(data)], env=ENV)
    review_id = json.loads(listed.stdout)[0]["review_id"]
    store = ["--data-dir", str(data)]
    commands = [
        ["--help"],
        ["reviews", *store],
        ["show", review_id, *store],
        ["review", "history", review_id, *store],
        ["themes", "history", *store],
        ["agencies", "list"],
        ["themes", "list"],
        ["trends", *store],
        ["cooccur", *store],
    ]
    assert heavy_modules_after(run_commands(commands)) == []


@pytest.mark.integration
def test_search_and_a_typed_case_embed_the_query_without_torch(tmp_path: Path) -> None:
    """With the real MiniLM, the query is embedded in numpy (ingest/minilm_numpy.py) and spaCy,
    which reads the query's agencies and roles, is kept from importing torch."""
    store = ["--data-dir", str(ingest_one_review(tmp_path))]
    commands = [
        ["search", "the boy was hungry", *store],
        ["search", "hungry", "--mode", "dense", *store],
        ["similar", "--text", "A boy of nine, often hungry; his mother's partner unknown", *store],
    ]
    assert heavy_modules_after(run_commands(commands), embedder="minilm") == ["spacy"]
