"""`casegraph delete`: erase reviews for good."""

from __future__ import annotations

from pathlib import Path

import click

from casegraph.components import open_store
from casegraph.erase import erase_reviews, quotes_taken_from
from casegraph.options import data_dir_option, read
from casegraph.text import counted, printable


@click.command(name="delete")
@click.argument("review_ids", nargs=-1, required=True)
@data_dir_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete(review_ids: tuple[str, ...], data_dir: Path, yes: bool) -> None:
    """Erase reviews: passages, vectors, cached embeddings, keyword index entries, the quotes
    taken from them, the corrections people made to them and their uploaded files; the
    store's files are then compacted so that their text cannot be read back.

    \b
    Example:
      casegraph delete 4e74237574649c91 --yes
    """
    store = open_store(data_dir)
    stored = {row["review_id"]: row for row in read(store.reviews)}
    unknown = [review_id for review_id in review_ids if review_id not in stored]
    if unknown:
        raise click.ClickException(
            f"no review {', '.join(map(repr, unknown))} in {data_dir}; see `casegraph reviews`"
        )
    wanted = list(dict.fromkeys(review_ids))
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
    with store.writer():  # a busy store is said in one line by the main group
        report = erase_reviews(store, data_dir, wanted)
    click.echo(
        f"Erased {counted(len(report.removed), 'review')}: "
        f"{counted(report.passages, 'passage')}, {counted(report.quotes, 'quote')}, "
        f"{counted(report.cached_vectors, 'cached vector')}, "
        f"{counted(len(report.files), 'uploaded file')}; the store was compacted."
    )
