"""`casegraph passages`: browse a theme's passages without a query, and export them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from casegraph.cli_graph import filter_options, require_reviews
from casegraph.cli_vocab import check_agency, check_years, resolve_themes, theme_labels
from casegraph.components import open_store
from casegraph.options import data_dir_option, json_option, read
from casegraph.text import counted
from graph import analytics
from graph.analytics import Filters
from graph.filters import SearchFilters
from search_app.browse import (
    carried,
    export,
    export_title,
    recorded_filters,
    strongest,
    theme_passages_counted,
)
from search_app.search import SearchResult


def _one_or_two_themes(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """One theme, or two different ones for a pair, each by id or label, as ids: a theme
    given twice (by id or by label) is refused, not taken for a pair."""
    ids = [resolve_themes(ctx, param, (given,))[0] for given in value]
    if len(ids) > 2:
        raise click.BadParameter("give one theme, or two for passages carrying both")
    if len(ids) == 2 and ids[0] == ids[1]:
        raise click.BadParameter(
            f"{value[0]!r} and {value[1]!r} are the same theme ({ids[0]}): a pair needs two "
            "different themes"
        )
    return tuple(ids)


@click.command()
@click.option(
    "--theme",
    "themes",
    multiple=True,
    required=True,
    callback=_one_or_two_themes,
    help="Theme id or label (`casegraph themes list`); two for a pair.",
)
@click.option(
    "--agency",
    callback=check_agency,
    help="Only passages naming this agency id, e.g. police (`casegraph agencies list`).",
)
@data_dir_option
@json_option
@filter_options
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="The strongest this many (an export says when it holds fewer than all).",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "md", "docx"]), help="Export as.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Export to.")
def passages(
    themes: tuple[str, ...],
    agency: str | None,
    data_dir: Path,
    as_json: bool,
    all_kinds: bool,
    limit: int,
    fmt: str | None,
    output: Path | None,
    **filters: Any,
) -> None:
    """Every passage carrying a theme (or both of two, or a theme and an agency), strongest
    first, with citations and passage ids; --format/--output export them. Case reviews only,
    as `cooccur` counts them, unless --all-kinds.

    \b
    Examples:
      casegraph passages --theme hidden_men
      casegraph passages --theme cannabis --theme sudi_unsafe_sleep --agency health_visiting
      casegraph passages --theme neglect --format docx --output neglect.docx
    """
    check_years(filters["year_from"], filters["year_to"])
    if bool(fmt) != bool(output):
        raise click.UsageError("--format and --output go together")
    store = require_reviews(open_store(data_dir))
    chosen = SearchFilters(**filters)
    found, total = read(
        lambda: theme_passages_counted(store, list(themes), agency, chosen, limit, all_kinds)
    )

    def note() -> str:
        """How many reviews the statistics count for the theme(s), and how many by passages."""
        criteria = Filters.of_search(chosen, all_kinds)
        behind = read(lambda: analytics.theme_reviews(store, themes, criteria))
        listed = " ".join(f"--theme {theme}" for theme in themes) + " --all-kinds" * all_kinds
        same = " with the same filters" if Filters.of_search(chosen) != Filters() else ""
        return (
            f"{carried(behind, pair=len(themes) == 2)} (as trends, cooccur and compare count "
            f"them: `casegraph reviews {listed}`{same} lists them)."
        )

    if fmt and output:
        title = export_title(list(themes), agency, theme_labels().__getitem__)
        recorded = recorded_filters(chosen, agency)
        what = f"passages: {title}{strongest(len(found), total)}"
        said = note()
        exported = export(found, fmt, title, recorded, what, all_kinds=all_kinds, notes=[said])  # type: ignore[arg-type]
        output.write_bytes(exported)
        click.echo(f"Wrote {counted(len(found), 'passage')} to {output}.")
        _say_if_cut(len(found), total)
        click.echo(said)
        return
    if as_json:
        click.echo(json.dumps([r.to_json() for r in found], indent=2, ensure_ascii=False))
        _say_if_cut(len(found), total, err=True)  # stdout stays JSON
        return
    _print(found, all_kinds)
    _say_if_cut(len(found), total)
    click.echo(note())


def _print(found: list[SearchResult], all_kinds: bool) -> None:
    if not found:
        others = "" if all_kinds else " in case reviews (--all-kinds adds guidance and briefings)"
        click.echo(f"No passages carry that{others}.")
    for number, result in enumerate(found, start=1):
        click.echo(f"{number}. {result.citation()}  [strength {result.score:.2f}]")
        click.echo(f"   passage {result.passage_id}")
        click.echo("   " + result.text.replace("\n", "\n   "))
        click.echo()


def _say_if_cut(shown: int, total: int, err: bool = False) -> None:
    """Say "showing 50 of N" when the list stopped at --limit with more to come."""
    if total > shown:
        click.echo(f"Showing {shown} of {total} passages: --limit {total} lists them all.", err=err)
