"""Graph commands: co-occurrence, trends, entity links, neighbourhood, Cypher and export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from casegraph.cli_vocab import check_theme, check_years, parse_period, resolve_themes
from casegraph.components import open_store
from casegraph.options import YEAR, F, data_dir_option, json_option, read
from casegraph.text import counted, printable
from graph import analytics, export, statistics_csv
from graph.analytics import (
    AGE_BAND_NAMES,
    ENTITY_KINDS,
    OTHER_KINDS,
    OUTCOMES,
    REVIEW_TYPES,
    Filters,
)
from graph.cypher_guard import CypherRefused, check_read_only, parameters_named
from graph.store import Store, StoreLocked
from search_app.browse import carried


def filter_options(command: F, years: bool = True) -> F:
    """The review filters every analytics command takes; without `years`, --year-from and
    --year-to are left out of --help (taken only to be refused in one line)."""
    options = [
        click.option(
            "--year-from", type=YEAR, hidden=not years, help="Publication year from (inclusive)."
        ),
        click.option(
            "--year-to", type=YEAR, hidden=not years, help="Publication year to (inclusive)."
        ),
        click.option(
            "--type",
            "review_types",
            multiple=True,
            type=click.Choice(REVIEW_TYPES),
            help="Review type; repeat for several.",
        ),
        click.option("--partnership", help="Part of the partnership's name, e.g. 'Hartwell'."),
        click.option(
            "--age-band",
            "age_bands",
            multiple=True,
            type=click.Choice(AGE_BAND_NAMES),
            help="Child's age band; repeat for several.",
        ),
        click.option(
            "--outcome",
            "outcomes",
            multiple=True,
            type=click.Choice(OUTCOMES),
            help="Outcome for the child; repeat for several.",
        ),
        click.option(
            "--all-kinds",
            is_flag=True,
            help="Count briefings, guidance and other documents too (default: case reviews only).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def one_theme(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> str | None:
    """A click callback for a --theme given at most once: a second one is refused, not left
    to replace the first; the theme by its id or label, as its id."""
    if len(value) > 1:
        raise click.BadParameter(
            f"given {len(value)} times ({', '.join(value)}); this command takes one theme"
        )
    return check_theme(ctx, param, value[0]) if value else None


def period_filter_options(command: F) -> F:
    """The review filters of a command whose periods set the years (compare)."""
    return filter_options(command, years=False)


def filters_from(options: dict[str, Any]) -> Filters:
    """The review filters, checked: an inverted year range is an error, not an empty result."""
    check_years(options["year_from"], options["year_to"])
    everything = options.pop("all_kinds")
    return Filters(
        year_from=options.pop("year_from"),
        year_to=options.pop("year_to"),
        review_types=tuple(options.pop("review_types")),
        partnership=options.pop("partnership"),
        age_bands=tuple(options.pop("age_bands")),
        outcomes=tuple(options.pop("outcomes")),
        exclude_types=() if everything else OTHER_KINDS,
    )


def _store(data_dir: Path) -> Store:
    """The store, for statistics: said to be empty when it holds no review."""
    return require_reviews(open_store(data_dir))


def require_reviews(store: Store) -> Store:
    """The store, if it holds a review: an empty one (never filled, or every review deleted)
    is said in one line, not shown as no rows or a misspelt word."""
    found = read(lambda: store.query("MATCH (r:Review) RETURN count(r) AS n"))
    if not found or not found[0]["n"]:
        raise click.ClickException(
            "the store holds no reviews yet: add some with `casegraph ingest PATH` "
            "(or `casegraph demo` for examples)"
        )
    return store


def _table(rows: list[dict[str, Any]], columns: list[str], filters: Filters | None = None) -> None:
    if not rows:
        click.echo("No rows." + _why_none(filters))
        return
    widths = {c: max(len(c), *(len(_fmt(row.get(c))) for row in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        click.echo("  ".join(_fmt(row.get(c)).ljust(widths[c]) for c in columns))


def _why_none(filters: Filters | None) -> str:
    """Why a --type asked for found nothing, when it is a kind left out by default."""
    if filters is None:
        return ""
    left_out = [t for t in filters.review_types if t in filters.exclude_types]
    if not left_out:
        return ""
    kinds = " and ".join(left_out)
    return (
        f" Statistics count case reviews only: add --all-kinds to count {kinds} "
        f"(--type {left_out[0]} --all-kinds)."
    )


def _fmt(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def csv_options(command: F) -> F:
    """--format csv and --output PATH, together, as `passages` and `search` export: the table
    as a CSV file (graph.statistics_csv, the app's download of the same view)."""
    command = click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the table to this file (with --format).",
    )(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["csv"]),
        help="Export the table as (with --output): CSV under `#` rows saying what it holds, "
        "its filters, the date and its notes.",
    )(command)


def export_path(fmt: str | None, output: Path | None) -> Path | None:
    """The file the table goes to, if any: --format without --output (or the other way) is
    an error."""
    if bool(fmt) != bool(output):
        raise click.UsageError("--format and --output go together")
    return output


def write_csv(output: Path, text: str, count: int, noun: str, notes: list[str]) -> None:
    """Write an export and say so, with the notes the printed table would carry."""
    output.write_bytes(text.encode("utf-8"))
    click.echo(f"Wrote {counted(count, noun)} to {output}.")
    _say(notes)


def _say(notes: list[str], err: bool = False) -> None:
    for note in notes:
        click.echo(note, err=err)


def _empty_note(rows: list[dict[str, Any]], filters: Filters) -> list[str]:
    """Why a table is empty when it is a kind of document the statistics leave out."""
    why = _why_none(filters).strip()
    return [why] if why and not rows else []


@click.command()
@data_dir_option
@json_option
@filter_options
@click.option(
    "--min-reviews",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Hide pairs found together in fewer reviews.",
)
@click.option(
    "--theme",
    multiple=True,  # to refuse a second --theme rather than let it replace the first
    callback=one_theme,
    help="Only pairs with this theme, by id or label (`casegraph themes list`).",
)
@csv_options
def cooccur(
    data_dir: Path,
    as_json: bool,
    min_reviews: int,
    theme: str | None,
    fmt: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Which themes occur together: reviews and passages, Jaccard, lift, Fisher p-value.

    \b
    Examples:
      casegraph cooccur --theme hidden_men
      casegraph cooccur --year-from 2019 --type lcspr --age-band "under 1" --json
      casegraph cooccur --format csv --output cooccurrence.csv
    """
    filters = filters_from(options)
    target = export_path(fmt, output)
    every = read(lambda: analytics.cooccurrence(_store(data_dir), filters, min_reviews))
    pairs = [pair for pair in every if theme is None or theme in (pair["a"], pair["b"])]
    notes = statistics_csv.selection_note(every[0]["total_reviews"]) if every else []
    if target:
        notes += _empty_note(pairs, filters)
        text = statistics_csv.cooccurrence_csv(
            every, min_reviews, filters, theme=theme, notes=notes
        )
        write_csv(target, text, len(pairs), "pair", notes)
    elif as_json:
        click.echo(json.dumps(pairs, indent=2))
    else:
        _table(pairs, ["a", "b", "reviews", "passages", "jaccard", "lift", "p_value"], filters)
        _say(notes)


@click.command()
@data_dir_option
@json_option
@filter_options
@click.option(
    "--by",
    type=click.Choice(["publication", "incident"]),
    default="publication",
    show_default=True,
    help="Which year to count by.",
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    callback=resolve_themes,
    help="Only this theme, by id or label (`casegraph themes list`); repeat for several.",
)
@csv_options
def trends(
    data_dir: Path,
    as_json: bool,
    by: str,
    themes: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Share of reviews per year that carry each theme (or only the themes given).

    \b
    Examples:
      casegraph trends --theme hidden_men --theme "Cannabis use"
      casegraph trends --by incident --type lcspr --json
      casegraph trends --format csv --output trends.csv
    """
    filters = filters_from(options)
    target = export_path(fmt, output)
    wanted = themes or None  # the years a theme is absent from show 0
    store = _store(data_dir)
    rows = read(lambda: analytics.theme_trends(store, filters, by, wanted))
    no_year = read(lambda: analytics.reviews_without_year(store, filters, by))
    by_theme = read(lambda: analytics.themes_without_year(store, filters, by)) if no_year else {}
    notes = [
        *statistics_csv.few_years_note(rows),
        *statistics_csv.undated_note(no_year, by, by_theme, themes),
    ]
    if target:
        notes += _empty_note(rows, filters)
        text = statistics_csv.trends_export(rows, by, filters, themes=themes, notes=notes)
        write_csv(target, text, len(rows), "row", notes)
        return
    if as_json:  # each row says it too; the list stays a list of rows
        rows = [
            {
                **row,
                "reviews_without_year": no_year,
                "theme_reviews_without_year": by_theme.get(row["theme"], 0),
            }
            for row in rows
        ]
        click.echo(json.dumps(rows, indent=2))
        _say(notes, err=True)  # stdout stays JSON
    else:
        _table(rows, ["year", "theme", "reviews", "total_reviews", "share"], filters)
        _say(notes)


@click.command()
@data_dir_option
@json_option
@filter_options
@click.option(
    "--kind",
    type=click.Choice(list(ENTITY_KINDS)),
    default="agency",
    show_default=True,
    help="The kind of entity to count in those passages.",
)
@click.option(
    "--theme",
    multiple=True,  # to refuse a second --theme rather than let it replace the first
    callback=one_theme,
    help="Only this theme, by id or label: cannabis.",
)
@csv_options
def links(
    data_dir: Path,
    as_json: bool,
    kind: str,
    theme: str | None,
    fmt: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Which agencies (or roles, programmes...) are named in passages carrying a theme.

    \b
    Examples:
      casegraph links --kind agency --theme cannabis
      casegraph links --kind role --format csv --output roles.csv
    """
    filters = filters_from(options)
    target = export_path(fmt, output)
    rows = read(lambda: analytics.entity_theme_links(_store(data_dir), kind, theme, filters))
    if target:
        notes = _empty_note(rows, filters)
        text = statistics_csv.links_export(rows, kind, theme, filters, notes=notes)
        write_csv(target, text, len(rows), "row", notes)
    elif as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        _table(rows, ["entity", "theme", "passages", "reviews", "lift"], filters)


@click.command()
@click.argument("review_id")
@data_dir_option
@json_option
def neighbourhood(review_id: str, data_dir: Path, as_json: bool) -> None:
    """A review's themes, agencies, roles, partnership, and the reviews it cites or is cited by."""
    found = read(lambda: analytics.neighbourhood(open_store(data_dir), review_id))
    if found is None:
        raise click.ClickException(f"no review {review_id!r}; see `casegraph reviews`")
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{found['title']} ({found['review_type']}, {found['year']}) - {found['partnership']}"
    )
    click.echo("themes: " + ", ".join(f"{t['theme']} ({t['passages']})" for t in found["themes"]))
    for kind, entities in found["entities"].items():
        if entities:
            click.echo(f"{kind}: " + ", ".join(f"{e['name']} ({e['mentions']})" for e in entities))
    for title, rows in (("cites", found["cites"]), ("cited by", found["cited_by"])):
        for row in rows:
            click.echo(f"{title}: {row['title']} [{row['id']}]")


@click.command()
@click.argument("statement")
@data_dir_option
@json_option
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=JSON",
    help="A parameter, e.g. --param theme='\"cannabis\"' or --param year=2020.",
)
@click.option("--write", is_flag=True, help="Allow statements that change the graph.")
def cypher(
    statement: str, data_dir: Path, as_json: bool, params: tuple[str, ...], write: bool
) -> None:
    """Run a Cypher statement; read-only unless --write.

    \b
    Example:
      casegraph cypher "MATCH (r:Review)-[:HAS_THEME]->(t:Theme {id: \\$theme})
                        RETURN r.title" --param theme='"cannabis"'
    """
    parameters = {}
    for item in params:
        name, _, raw = item.partition("=")
        try:
            parameters[name] = json.loads(raw)
        except json.JSONDecodeError:
            parameters[name] = raw  # a bare word is a string
    if not write:
        try:
            check_read_only(statement)
        except CypherRefused as error:
            raise click.ClickException(
                f"refused: {error}. Without --write only one read query (MATCH ... RETURN) runs."
            ) from error
    try:
        missing = sorted(parameters_named(statement) - parameters.keys())
    except CypherRefused as error:
        raise click.ClickException(f"refused: {error}") from error
    if missing:
        named = ", ".join(f"${name}" for name in missing)
        raise click.ClickException(
            f"{named} not given: add --param {missing[0]}=VALUE (a parameter left out would "
            "read as null, and could match every node)"
        )
    store = open_store(data_dir)
    try:
        if write:
            with store.writer():
                rows = store.query(statement, parameters, write=True)
        else:
            rows = read(lambda: store.query(statement, parameters))
    except StoreLocked as error:
        raise click.ClickException(str(error)) from error
    except click.ClickException:
        raise
    except Exception as error:  # the database's own error: a syntax or binding problem
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise click.ClickException(f"the query failed: {printable(first)}") from error
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
    else:
        _table(rows, list(rows[0]) if rows else [])


@click.command(name="export")
@data_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "csv"]),
    default="graphml",
    show_default=True,
    help="GraphML (one file, for Gephi or yEd) or CSV (nodes.csv and edges.csv).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="A .graphml file, or a folder for nodes.csv and edges.csv.",
)
def export_graph(data_dir: Path, fmt: str, output: Path) -> None:
    """Export the whole graph for Gephi (GraphML) or neo4j-admin import (CSV)."""
    store = open_store(data_dir)
    if fmt == "graphml":
        counts = read(lambda: export.to_graphml(store, output))
    else:
        counts = read(lambda: export.to_csv(store, output))
    click.echo(f"Exported {counts[0]} nodes and {counts[1]} relationships to {output}.")


@click.command()
@data_dir_option
@json_option
@period_filter_options
@click.option("--first", required=True, callback=parse_period, help="Years, e.g. 2012-2018.")
@click.option("--second", required=True, callback=parse_period, help="Years, e.g. 2019-2025.")
@click.option("--pairs", is_flag=True, help="The pairs of themes found together, not the themes.")
@csv_options
def compare(
    data_dir: Path,
    as_json: bool,
    first: tuple[int, int],
    second: tuple[int, int],
    pairs: bool,
    fmt: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Theme shares (or pairs, --pairs) in two periods side by side, with the difference and
    Fisher's exact test (two-sided) of whether it could be chance.

    \b
    Examples:
      casegraph compare --first 2012-2018 --second 2019-2025
      casegraph compare --first 2012-2018 --second 2019-2025 --pairs --format csv --output p.csv
    """
    given = [f"--{name.replace('_', '-')}" for name in ("year_from", "year_to") if options[name]]
    if given:
        raise click.UsageError(
            f"{' and '.join(given)} cannot be used with compare: --first and --second set the "
            "years (e.g. --first 2012-2018 --second 2019-2025)."
        )
    filters = filters_from(options)
    target = export_path(fmt, output)
    _check_apart(first, second)
    found = read(lambda: analytics.compare_periods(_store(data_dir), first, second, filters))
    for period, name in ((first, "first"), (second, "second")):
        if not found[name]["reviews"]:
            narrowed = " that pass these filters" if _narrowed(filters) else ""
            raise click.ClickException(
                f"no reviews{narrowed} were published in {_years(period)} (--{name}): there is "
                "nothing to compare. `casegraph trends` shows the years that have reviews."
                + _why_none(filters)
            )
    kind = "pairs" if pairs else "themes"
    if target:
        text = statistics_csv.comparison_export(found, kind, filters)
        write_csv(target, text, len(found[kind]), kind[:-1], statistics_csv.compare_notes(found))
        return
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    click.echo(
        f"{_years(first)}: {counted(found['first']['reviews'], 'review')}; "
        f"{_years(second)}: {counted(found['second']['reviews'], 'review')}"
    )
    _say(statistics_csv.compare_notes(found))
    rows = [
        {
            **row,
            "first": f"{row['reviews_first']}/{row['total_first']}",
            "second": f"{row['reviews_second']}/{row['total_second']}",
            "difference": f"{row['difference'] * 100:+.0f} pts",  # as the app shows it
        }
        for row in found[kind]
    ]
    named = ["theme"] if kind == "themes" else ["a", "b"]
    _table(rows, [*named, "first", "second", "difference", "p_value"])


def _check_apart(first: tuple[int, int], second: tuple[int, int]) -> None:
    """Two periods compared share no year: a review in both would be set against itself."""
    if first[0] > second[1] or second[0] > first[1]:
        return
    shared = (max(first[0], second[0]), min(first[1], second[1]))
    example = ""
    if first[0] < second[0]:
        example = f", e.g. --first {_years((first[0], second[0] - 1))} --second {_years(second)}"
    elif second[0] < first[0]:
        example = f", e.g. --first {_years(first)} --second {_years((second[0], first[0] - 1))}"
    raise click.UsageError(
        f"the periods {_years(first)} and {_years(second)} overlap ({_years(shared)}): the "
        f"reviews of those years would count in both. Give periods that share no year{example}."
    )


def _years(period: tuple[int, int]) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def _narrowed(filters: Filters) -> bool:
    return bool(
        filters.review_types or filters.partnership or filters.age_bands or filters.outcomes
    )


def print_theme_reviews(
    data_dir: Path,
    themes: tuple[str, ...],
    filters: Filters,
    as_json: bool,
    target: Path | None = None,
) -> None:
    """The reviews behind a theme's count (or a pair's): the review-level links trends,
    cooccur and compare count, each with how many of its passages are tagged with it; to a
    CSV file when `target` is given."""
    if len(themes) > 2:
        raise click.UsageError("give one theme, or two for the reviews carrying both")
    store = _store(data_dir)
    found = read(lambda: analytics.theme_reviews(store, themes, filters))
    pair = len(themes) == 2
    if target:
        notes = [carried(found, pair) + ".", *_empty_note(found, filters)]
        text = statistics_csv.theme_reviews_export(found, themes, filters, notes=notes)
        write_csv(target, text, len(found), "review", notes)
        return
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    listed = " ".join(f"--theme {theme}" for theme in themes)
    listed += "" if filters.exclude_types else " --all-kinds"
    same = (
        " with the same filters"
        if _narrowed(filters) or filters.year_from or filters.year_to
        else ""
    )
    click.echo(
        f"{carried(found, pair)} (`casegraph passages {listed}`{same} lists the passages)."
        + ("" if found else _why_none(filters))
    )
    for row in found:
        tagged = (
            counted(row["passages"], "passage") + " tagged"
            if row["passages"]
            else "from its title, contents or summary"
        )
        click.echo(
            f"{row['id']}  {row['year'] or '-'}  {row['review_type'] or '-'}  "
            f"{printable(row['title'] or '(untitled)')[:70]}  [{tagged}]"
        )


COMMANDS = [cooccur, trends, links, neighbourhood, cypher, export_graph, compare]
