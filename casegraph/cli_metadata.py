"""`casegraph eval metadata`: metadata read from real reviews against a manifest."""

from __future__ import annotations

import json
from pathlib import Path

import click

from casegraph.options import json_option
from casegraph.settings import Settings
from casegraph.text import scored
from ingest.metadata_eval import evaluate, load_manifest
from ingest.pipeline import ParseOptions


@click.command(name="metadata")
@click.option(
    "--truth",
    "manifest",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON lines, one review each: {"id", "source", "fields"}.',
)
@click.option(
    "--docs",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the reviews' documents, named <id>.txt, .md or .pdf.",
)
@json_option
def eval_metadata(manifest: Path, docs: Path, as_json: bool) -> None:
    """Per-field accuracy of the metadata read from real reviews, and every error.

    \b
    Example:
      casegraph eval metadata --truth corpora/real/manifest.jsonl --docs ~/realdocs/texts
    """
    try:
        records = load_manifest(manifest)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    summary = evaluate(records, docs, ParseOptions(ocr=Settings.from_env().ocr)).as_dict()
    if not summary["documents"]:
        raise click.ClickException(f"none of the {len(records)} reviews has a document in {docs}")
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(scored(summary["documents"], len(summary["missing"])))
    click.echo(f"{'field':18} {'correct':>8} {'stated':>7} {'accuracy':>9} {'guessed':>12}")
    rows = list(summary["fields"].items()) + list(summary["groups"].items())
    for name, row in rows:
        accuracy = "-" if row["accuracy"] is None else f"{row['accuracy']:.0%}"
        guessed = f"{row['guessed']}/{row['unstated']}"
        click.echo(f"{name:18} {row['correct']:>8} {row['stated']:>7} {accuracy:>9} {guessed:>12}")
    for miss in summary["errors"]:
        click.echo(
            f"  {miss['id']} {miss['field']}: expected {miss['expected']!r}, got {miss['found']!r}"
        )
    for missing in summary["missing"]:
        click.echo(f"  no document: {missing}", err=True)
