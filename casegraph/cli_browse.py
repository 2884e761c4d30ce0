"""`casegraph passages`: browse a theme's passages without a query, and export them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from casegraph.components import open_store
from casegraph.options import data_dir_option, read
from casegraph.text import counted
from graph.analytics import AGE_BAND_NAMES, OUTCOMES, REVIEW_TYPES
from graph.filters import SearchFilters
from search_app.browse import export, theme_passages_counted


@click.command()
@click.option("--theme", "themes", multiple=True, required=True, help="Theme id; two for a pair.")
@click.option("--agency", help="Only passages naming this agency id, e.g. police.")
@data_dir_option
@click.option("--type", "review_types", multiple=True, type=click.Choice(REVIEW_TYPES))
@click.option("--year-from", type=int)
@click.option("--year-to", type=int)
@click.option("--age-band", "age_bands", multiple=True, type=click.Choice(AGE_BAND_NAMES))
@click.option("--outcome", "outcomes", multiple=True, type=click.Choice(OUTCOMES))
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "md", "docx"]), help="Export as.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Export to.")
def passages(
    themes: tuple[str, ...],
    agency: str | None,
    data_dir: Path,
    limit: int,
    fmt: str | None,
    output: Path | None,
    **filters: Any,
) -> None:
    """Every passage carrying a theme (or both of two, or a theme and an agency), strongest
    first, with citations; --format/--output export them.

    \b
    Examples:
      casegraph passages --theme hidden_men
      casegraph passages --theme cannabis --theme sudi_unsafe_sleep --agency health_visiting
      casegraph passages --theme neglect --format docx --output neglect.docx
    """
    if len(set(themes)) > 2:
        raise click.UsageError("give one theme, or two for passages carrying both")
    if bool(fmt) != bool(output):
        raise click.UsageError("--format and --output go together")
    store = open_store(data_dir)
    chosen = SearchFilters(**filters)
    found, total = read(lambda: theme_passages_counted(store, list(themes), agency, chosen, limit))
    if fmt and output:
        recorded = replace(chosen, agencies=(agency,)) if agency else chosen
        output.write_bytes(export(found, fmt, " and ".join(themes), recorded))  # type: ignore[arg-type]
        click.echo(f"Wrote {counted(len(found), 'passage')} to {output}.")
        _say_if_cut(len(found), total)
        return
    if not found:
        click.echo("No passages carry that.")
    for number, result in enumerate(found, start=1):
        click.echo(f"{number}. {result.citation()}  [strength {result.score:.2f}]")
        click.echo("   " + result.text.replace("\n", "\n   "))
        click.echo()
    _say_if_cut(len(found), total)


def _say_if_cut(shown: int, total: int) -> None:
    """Say "showing 50 of N" when the list stopped at --limit with more to come."""
    if total > shown:
        click.echo(f"Showing {shown} of {total} passages: --limit {total} lists them all.")
