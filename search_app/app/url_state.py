"""A search in the page address, so it can be bookmarked, shared and saved: the query, the
match mode and the sidebar filters as query parameters, and back into the widgets.

    /Search?q=hidden+men&theme=hidden_men,cannabis&type=lcspr&from=2015&to=2022&area=Hartwell

The Briefing builder keeps the briefing it shows the same way: /Briefing_builder?briefing=Neglect

Plain functions of dicts; the pages read and write `st.query_params` with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.filters import SearchFilters
from graph.store import stored_spelling

# query parameter -> (SearchFilters field, sidebar widget suffix); lists are comma-separated
LISTS = {
    "theme": ("themes", "themes"),
    "type": ("review_types", "types"),
    "agency": ("agencies", "agencies"),
    "age": ("age_bands", "ages"),
    "outcome": ("outcomes", "outcomes"),
}
MODES = ("hybrid", "keyword", "dense")
BRIEFING = "briefing"  # query parameter: the collection the Briefing builder shows


def to_params(query: str, mode: str, filters: SearchFilters) -> dict[str, str]:
    """The address of a search: only what differs from the defaults."""
    params: dict[str, str] = {}
    if query:
        params["q"] = query
    if mode != "hybrid":
        params["mode"] = mode
    for name, (attribute, _) in LISTS.items():
        values = getattr(filters, attribute)
        if values:
            params[name] = ",".join(values)
    if filters.year_from is not None:
        params["from"] = str(filters.year_from)
    if filters.year_to is not None:
        params["to"] = str(filters.year_to)
    if filters.partnership:
        params["area"] = filters.partnership
    return params


@dataclass
class Widgets:
    """Widget values read from an address, and what in it could not be used."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def to_widgets(
    params: Mapping[str, str],
    key: str,
    vocabularies: Mapping[str, list[str]],
    years: list[int],
) -> Widgets:
    """Session-state values for the search box, mode and the sidebar filters keyed by `key`,
    from an address. Unknown ids and impossible years are left out and named in `problems`."""
    found = Widgets()
    found.values["query"] = params.get("q", "")
    mode = params.get("mode", "hybrid")
    if mode in MODES:
        found.values["mode"] = mode
    else:
        found.problems.append(f"match mode {mode!r} (valid: {', '.join(MODES)})")
    for name, (_, suffix) in LISTS.items():
        given = [value for value in params.get(name, "").split(",") if value]
        valid = vocabularies.get(name, [])
        found.values[f"{key}_{suffix}"] = [value for value in given if value in valid]
        found.problems += [f"{name} {value!r}" for value in given if value not in valid]
    found.values[f"{key}_area"] = params.get("area", "")
    span, problems = year_range(params, years)
    found.problems += problems
    if span is not None:
        found.values[f"{key}_years"] = span
    return found


def year_range(
    params: Mapping[str, str], years: list[int]
) -> tuple[tuple[int, int] | None, list[str]]:
    """The publication years an address asks for ("from", "to"), within `years` (the stored
    reviews' years, sorted), and what in them could not be used, each naming its parameter
    and value. A year that is no year is left out; a range that runs backwards or holds no
    stored review is left out whole, so the search runs without it."""
    problems: list[str] = []
    low, high = _year(params, "from", problems), _year(params, "to", problems)
    if low is None and high is None:
        return None, problems
    if low is not None and high is not None and low > high:
        return None, [*problems, f"from {low} and to {high} (from is after to)"]
    if not years:
        given = "from" if low is not None else "to"
        return None, [*problems, f"{given} {params[given]!r} (no review has a year)"]
    first = years[0] if low is None else low
    last = years[-1] if high is None else high
    if first > years[-1]:
        return None, [*problems, f"from {first} (the latest review is from {years[-1]})"]
    if last < years[0]:
        return None, [*problems, f"to {last} (the earliest review is from {years[0]})"]
    return (max(first, years[0]), min(last, years[-1])), problems


def _year(params: Mapping[str, str], name: str, problems: list[str]) -> int | None:
    """A four-digit year, or None (with a problem when something else was given)."""
    raw = params.get(name)
    if raw is None:
        return None
    if not re.fullmatch(r"[0-9]{4}", raw.strip()):
        problems.append(f"{name} {raw!r} (not a year)")
        return None
    return int(raw)


def briefing_params(collection: str, default: str) -> dict[str, str]:
    """The address of a briefing: its name, left out for the default one."""
    return {} if collection == default else {BRIEFING: collection}


def briefing_from(params: Mapping[str, str], names: list[str], default: str) -> Widgets:
    """The briefing an address names (values["briefing"]), if it is the default or one of the
    collections in `names`, whatever the case; a name that is neither is named in `problems`."""
    found = Widgets()
    wanted = params.get(BRIEFING)
    if wanted is None:
        return found
    if named := collection_named(wanted, [default, *names]):
        found.values[BRIEFING] = named
    else:
        found.problems.append(f"briefing {wanted!r} (no briefing of that name holds quotes)")
    return found


def collection_named(name: str, names: list[str]) -> str | None:
    """The collection of `names` that `name` names whatever the case, as the store reads a
    collection's name (graph.store.stored_spelling), or None."""
    return stored_spelling(name, [known for known in names if known.lower() == name.lower()])
