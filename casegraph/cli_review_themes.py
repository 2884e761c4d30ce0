"""`casegraph eval review-themes`: review-level themes of real reviews against coded truth."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from casegraph.components import build_enricher
from casegraph.options import json_option
from casegraph.settings import Settings
from casegraph.text import scored
from ingest.pipeline import ParseOptions
from ingest.review_theme_eval import HALVES, cross_validate, evaluate, load_truth, read_reviews
from ingest.themes import load_taxonomy
from ingest.themes.review_level import RULE_GRID
from ingest.types import ParsedDocument


@click.command(name="review-themes")
@click.option(
    "--truth",
    "truth_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON lines, one review each: {"id", "source", "themes", "provenance"}.',
)
@click.option(
    "--docs",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the reviews' documents, named <id>.txt, .md or .pdf.",
)
@click.option(
    "--half",
    type=click.Choice(HALVES),
    default=None,
    help="Only one half of the reviews, split by a hash of the id (tune on A, check on B).",
)
@click.option(
    "--cache",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Embedding cache file to reuse between runs (default: none).",
)
@click.option(
    "--folds",
    type=click.IntRange(min=2),
    default=None,
    help="Cross-validate the decision rule's settings over this many folds (by a hash of the "
    "id) and report the pooled out-of-fold score next to the in-sample one.",
)
@json_option
def eval_review_themes(
    truth_path: Path,
    docs: Path,
    half: str | None,
    cache: Path | None,
    folds: int | None,
    as_json: bool,
) -> None:
    """Per-theme and micro precision, recall and F1 of the review-level themes ingest would
    store for each review, and every review's missed and extra themes.

    \b
    Example:
      casegraph eval review-themes --truth corpora/real/review_themes.jsonl \\
          --docs ~/realdocs/texts
      casegraph eval review-themes ... --folds 5
    """
    try:
        records = load_truth(truth_path, load_taxonomy().ids)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    enricher = build_enricher(Settings.from_env().embedder, cache)
    if folds is not None:
        reads, missing = read_reviews(records, docs, enricher, half)
        if not reads:
            raise click.ClickException(
                f"none of the {len(records)} reviews has a document in {docs}"
            )
        result = cross_validate(reads, RULE_GRID, folds)
        if as_json:
            click.echo(json.dumps({**result, "missing": missing}, indent=2, ensure_ascii=False))
        else:
            _print_folds(result, missing)
        return

    def themer(document: ParsedDocument) -> Iterable[str]:
        return [theme.theme for theme in enricher(document).review_themes]

    options = ParseOptions(ocr=Settings.from_env().ocr)
    summary = evaluate(records, docs, themer, half, options).as_dict()
    if not summary["documents"]:
        raise click.ClickException(f"none of the {len(records)} reviews has a document in {docs}")
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    _print(summary)


def _print(summary: dict[str, Any]) -> None:
    click.echo(scored(summary["documents"], len(summary["missing"])))
    click.echo(f"{'theme':28} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [*summary["themes"].items(), ("micro", summary["micro"])]
    for name, row in rows:
        click.echo(
            f"{name:28} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
            f"{row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}"
        )
    click.echo(f"{'macro F1':28} {summary['macro_f1']:>32.3f}")
    for error in summary["errors"]:
        missed = ", ".join(error["missed"]) or "-"
        extra = ", ".join(error["extra"]) or "-"
        click.echo(f"  {error['id']}: missed {missed}; extra {extra}")
    for missing in summary["missing"]:
        click.echo(f"  no document: {missing}", err=True)


def _print_folds(result: dict[str, Any], missing: list[str]) -> None:
    reviews = result["in_sample"]["documents"]
    click.echo(
        f"{scored(reviews, len(missing))}, {result['folds']} folds, "
        f"{result['settings']} settings of the rule"
    )
    for name in ("out_of_fold", "in_sample"):
        micro = result[name]["micro"]
        click.echo(
            f"{name.replace('_', ' '):12} P {micro['precision']:.3f}  R {micro['recall']:.3f}  "
            f"F1 {micro['f1']:.3f}  macro F1 {result[name]['macro_f1']:.3f}"
        )
    for fold in result["chosen"]:
        click.echo(f"  fold {fold['fold']} ({fold['reviews']} reviews): {fold['rule']}")
    click.echo(f"  chosen on all: {result['chosen_on_all']}")
