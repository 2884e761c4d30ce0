"""What a user may name on the command line, and clear errors for anything else:
`casegraph themes list`, `casegraph agencies list`, and the checks the other commands use
for theme ids, agency ids and year ranges."""

from __future__ import annotations

import difflib
import json
from functools import cache
from typing import Any

import click

from casegraph.options import json_option
from ingest.themes.taxonomy import theme_labels


@cache
def agency_ids() -> list[str]:
    """The agencies the entity catalogue knows, by id."""
    from ingest.entities import Catalogue

    return sorted({entity for kind, entity in Catalogue.load().aliases if kind == "agency"})


def _unknown(
    kind: str, value: str, valid: list[str], command: str, close: list[str] | None = None
) -> click.BadParameter:
    if close is None:
        close = difflib.get_close_matches(value, valid, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return click.BadParameter(
        f"no {kind} {value!r}.{hint} Valid ids: {', '.join(valid)} (see `casegraph {command}`)."
    )


def check_theme(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback for a theme option given once or repeated: each theme by its id or its
    label in any case, as its id (see resolve_themes)."""
    if value is None or value == ():
        return value
    if isinstance(value, str):
        return resolve_themes(ctx, param, (value,))[0]
    return resolve_themes(ctx, param, value)


def _theme_names() -> dict[str, str]:
    """Each theme's id and label, casefolded, -> its id."""
    labels = theme_labels()
    return {
        **{label.casefold(): theme for theme, label in labels.items()},
        **{theme.casefold(): theme for theme in labels},
    }


def resolve_themes(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback: each theme, given by its id or its label in any case ("Hidden or
    unseen men", "NEGLECT"), as its id; an unknown one is an error naming the closest."""
    del ctx, param
    if not value:
        return ()  # the taxonomy is not loaded for nothing
    names = _theme_names()
    ids = []
    for given in value:
        key = given.strip().casefold()
        if key not in names:
            near = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
            close = list(dict.fromkeys(names[name] for name in near))
            raise _unknown("theme", given, list(theme_labels()), "themes list", close)
        ids.append(names[key])
    return tuple(dict.fromkeys(ids))


def check_agency(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback: every agency id given must be in the entity catalogue."""
    del ctx, param
    for agency in [value] if isinstance(value, str) else value or ():
        if agency not in agency_ids():
            raise _unknown("agency", agency, agency_ids(), "agencies list")
    return value


def check_years(year_from: int | None, year_to: int | None) -> None:
    """An inverted range matches nothing: say so rather than print an empty result."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise click.UsageError(
            f"--year-from {year_from} is after --year-to {year_to}: the range would match "
            f"nothing. Give the earlier year first, e.g. --year-from {year_to} --year-to "
            f"{year_from}."
        )


def parse_period(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    """'2012-2018' (or one year, '2019') as (first, last)."""
    del ctx, param
    first, _, last = value.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a range of years like 2012-2018") from None
    if low > high:
        raise click.BadParameter(f"{value!r} runs backwards; give the earlier year first")
    return low, high


@click.command(name="list")
@json_option
def themes_list(as_json: bool) -> None:
    """The theme ids (for --theme) and their labels."""
    labels = theme_labels()
    if as_json:
        click.echo(json.dumps([{"id": k, "label": v} for k, v in labels.items()], indent=2))
        return
    width = max(map(len, labels))
    for theme, label in labels.items():
        click.echo(f"{theme:{width}}  {label}")


@click.group()
def agencies() -> None:
    """The agencies casegraph recognises (ids for --agency)."""


@agencies.command(name="list")
@json_option
def agencies_list(as_json: bool) -> None:
    """The agency ids (for --agency)."""
    if as_json:
        click.echo(json.dumps(agency_ids(), indent=2))
        return
    for agency in agency_ids():
        click.echo(agency)
