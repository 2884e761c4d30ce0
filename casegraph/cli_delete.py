"""`casegraph delete`: erase reviews for good."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from casegraph.components import open_store
from casegraph.erase import (
    ErasureIncomplete,
    ErasureReport,
    erase_reviews,
    pending_erasures,
    quotes_taken_from,
)
from casegraph.options import data_dir_option, read
from casegraph.text import counted, printable


@click.command(name="delete")
@click.argument("review_ids", nargs=-1)
@data_dir_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--finish",
    is_flag=True,
    help="Finish erasures that stopped part-way (no REVIEW_IDS needed).",
)
def delete(review_ids: tuple[str, ...], data_dir: Path, yes: bool, finish: bool) -> None:
    """Erase reviews: passages, vectors, cached embeddings, keyword index entries, the quotes
    taken from them, the corrections people made to them and their uploaded files; the
    store's files are then compacted so that their text cannot be read back.

    An erasure that stops part-way (a full disk, a damaged cache file) has taken the review
    out of the store already; it says so and exits with status 1. Finish it with
    `casegraph delete --finish` (or by naming the review again): the clean-up steps are
    safe to repeat, and the next erasure of any review finishes them too.

    \b
    Examples:
      casegraph delete 4e74237574649c91 --yes
      casegraph delete --finish
    """
    if not review_ids and not finish:
        raise click.UsageError("name the REVIEW_IDS to erase, or give --finish")
    store = open_store(data_dir)
    stored = {row["review_id"]: row for row in read(store.reviews)}
    left = pending_erasures(data_dir)
    unknown = [r for r in review_ids if r not in stored and r not in left]
    if unknown:
        raise click.ClickException(
            f"no review {', '.join(map(repr, unknown))} in {data_dir}; see `casegraph reviews`"
        )
    wanted = [review_id for review_id in dict.fromkeys(review_ids) if review_id in stored]
    if not wanted and not left:
        click.echo(f"Nothing to finish: no erasure stopped part-way in {data_dir}.")
        return
    if wanted:
        _confirm(store, stored, wanted, yes)
    if left:
        click.echo(f"Finishing the erasure of {counted(len(left), 'review')}: {', '.join(left)}")
    with store.writer():  # a busy store is said in one line by the main group
        try:
            report = erase_reviews(store, data_dir, wanted)
        except ErasureIncomplete as error:
            raise click.ClickException(str(error)) from error
    _say_done(report)


def _confirm(store: Any, stored: dict[str, Any], wanted: list[str], yes: bool) -> None:
    """List the reviews and the quotes taken from them; ask, unless --yes."""
    quotes = read(lambda: quotes_taken_from(store, wanted))
    for review_id in wanted:
        row = stored[review_id]
        click.echo(f"{review_id}  {printable(row.get('title') or row.get('file_name') or '')}")
    if quotes:
        collections = sorted({printable(quote["collection"]) for quote in quotes})
        click.echo(f"and {len(quotes)} quote(s) taken from them, in: {', '.join(collections)}")
    if not yes:
        click.confirm(
            f"Erase {len(wanted)} review(s) for good, with the corrections people made to them? "
            "This cannot be undone",
            abort=True,
        )


def _say_done(report: ErasureReport) -> None:
    cleaned = (
        f"{counted(report.cached_vectors, 'cached vector')}, "
        f"{counted(len(report.files), 'uploaded file')}; the store was compacted."
    )
    if report.removed:
        click.echo(
            f"Erased {counted(len(report.removed), 'review')}: "
            f"{counted(report.passages, 'passage')}, {counted(report.quotes, 'quote')}, {cleaned}"
        )
    if report.finished:
        ending = "." if report.removed else f": {cleaned}"
        finished = f"{counted(len(report.finished), 'review')} ({', '.join(report.finished)})"
        click.echo(f"Finished the erasure of {finished}{ending}")
