"""The statistics as CSV files: theme co-occurrence, trends, two periods compared, the
entities named with a theme and the reviews behind a theme. One function per view builds the
file that the app's download and `casegraph <command> --format csv` both write: theme labels
beside the ids, the `#` rows saying what it holds, its filters and the date
(graph.csv_cells.provenance_lines), then the notes its table carries (reviews left out for want
of a year, groups too small to trust), one `#` row each. The notes are written here too, so
the printed table and the file say the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from graph import analytics
from graph.analytics import SMALL_NUMBER, Filters
from graph.csv_cells import comment_rows, csv_text, provenance_lines
from ingest.themes.taxonomy import theme_label


def _counted(count: int, noun: str) -> str:
    """'1 review', '3 reviews'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- the tables --------------------------------------------------------------------------------


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text with the given columns (lists joined with '; '); no cell may start a
    spreadsheet formula, or hold an unquoted '#' (graph.csv_cells.csv_text)."""
    joined = [
        {key: "; ".join(map(str, value)) if isinstance(value, list | tuple) else value
         for key, value in row.items()}
        for row in rows
    ]  # fmt: skip
    return csv_text(columns, joined)


def with_provenance(
    text: str,
    what: str,
    filters: Filters,
    now: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> str:
    """A CSV table under `#` rows saying what it holds, the filters that produced it and when,
    then its notes."""
    about = provenance_lines(what, analytics.describe(filters), now)
    return comment_rows([*about, *notes]) + text


def pairs_csv(pairs: list[dict[str, Any]]) -> str:
    """The co-occurrence numbers, with theme labels beside the ids."""
    rows = [
        {**pair, "a_label": theme_label(pair["a"]), "b_label": theme_label(pair["b"])}
        for pair in pairs
    ]
    columns = ["a", "a_label", "b", "b_label", "reviews", "passages", "reviews_a", "reviews_b"]
    return to_csv(rows, [*columns, "total_reviews", "jaccard", "lift", "p_value"])


def cooccurrence_csv(
    pairs: list[dict[str, Any]],
    least: int,
    filters: Filters,
    now: dt.datetime | None = None,
    theme: str | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The pairs found in at least `least` reviews (only those with `theme`, when given), with
    the `#` rows that say so, the filters, the date and the notes."""
    kept = [
        pair
        for pair in pairs
        if pair["reviews"] >= least and (theme is None or theme in (pair["a"], pair["b"]))
    ]
    what = "theme co-occurrence" + (f" (pairs in at least {least} reviews)" if least > 1 else "")
    what += f", pairs with {theme}" if theme else ""
    return with_provenance(pairs_csv(kept), what, filters, now, notes)


def trends_csv(rows: list[dict[str, Any]]) -> str:
    """The trend numbers per year and theme, with theme labels."""
    labelled = [{**row, "label": theme_label(row["theme"])} for row in rows]
    return to_csv(labelled, ["year", "theme", "label", "reviews", "total_reviews", "share"])


def trends_export(
    rows: list[dict[str, Any]],
    by: str,
    filters: Filters,
    now: dt.datetime | None = None,
    themes: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """The trends by `by` year (of `themes`, when given) with their `#` rows and notes."""
    what = f"theme trends by {by} year" + (f" ({', '.join(themes)})" if themes else "")
    return with_provenance(trends_csv(rows), what, filters, now, notes)


def comparison_csv(found: dict[str, Any], kind: str) -> str:
    """The themes (or pairs) of a comparison, with labels, counts, shares and p-values."""
    rows = [
        {
            **row,
            **({"label": theme_label(row["theme"])} if "theme" in row else {}),
            **(
                {"a_label": theme_label(row["a"]), "b_label": theme_label(row["b"])}
                if "a" in row
                else {}
            ),
            "first_years": "-".join(map(str, found["first"]["years"])),
            "second_years": "-".join(map(str, found["second"]["years"])),
        }
        for row in found[kind]
    ]
    what = ["theme", "label"] if kind == "themes" else ["a", "a_label", "b", "b_label"]
    return to_csv(
        rows,
        [
            *what,
            "first_years",
            "reviews_first",
            "total_first",
            "share_first",
            "second_years",
            "reviews_second",
            "total_second",
            "share_second",
            "difference",
            "p_value",
        ],
    )


def comparison_export(
    found: dict[str, Any], kind: str, filters: Filters, now: dt.datetime | None = None
) -> str:
    """The themes (or pairs) of two periods compared with their `#` rows and the small-number
    notes (compare_notes)."""
    first, second = (years(found[name]["years"]) for name in ("first", "second"))
    what = f"{'themes' if kind == 'themes' else 'theme pairs'} compared, {first} against {second}"
    return with_provenance(comparison_csv(found, kind), what, filters, now, compare_notes(found))


def links_export(
    rows: list[dict[str, Any]],
    kind: str,
    theme: str | None,
    filters: Filters,
    now: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The entities of a kind named in passages carrying each theme (or `theme`), with lift."""
    labelled = [{**row, "label": theme_label(row["theme"])} for row in rows]
    columns = ["kind", "entity", "theme", "label", "passages", "reviews"]
    table = to_csv(labelled, [*columns, "entity_passages", "theme_passages", "lift"])
    what = f"{kind} named in passages carrying {theme or 'each theme'}"
    return with_provenance(table, what, filters, now, notes)


def theme_reviews_export(
    rows: list[dict[str, Any]],
    themes: Sequence[str],
    filters: Filters,
    now: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The reviews carrying the theme (or both themes), each with its passages tagged."""
    columns = ["id", "title", "review_type", "year", "incident_year", "partnership", "passages"]
    what = f"reviews carrying {' and '.join(themes)}"
    return with_provenance(to_csv(rows, columns), what, filters, now, notes)


# -- the notes a table carries -----------------------------------------------------------------


def years(period: Iterable[int]) -> str:
    """'2012-2018', or '2019' for a period of one year."""
    first, last = period
    return str(first) if first == last else f"{first}-{last}"


def small_groups(totals: dict[str, int], least: int = SMALL_NUMBER) -> list[str]:
    """'2012 (1 review)' for each group with fewer reviews than `least`."""
    return [
        f"{name} ({_counted(total, 'review')})" for name, total in totals.items() if total < least
    ]


def selection_note(total: int) -> list[str]:
    """A warning when the reviews passing the filters are too few to trust a share of."""
    if total >= SMALL_NUMBER:
        return []
    return [
        f"Only {_counted(total, 'review')} {'passes' if total == 1 else 'pass'} these filters: "
        "every share rests on very few "
        "reviews. Read the reviews themselves before drawing conclusions."
    ]


def few_years_note(rows: list[dict[str, Any]]) -> list[str]:
    """A warning naming the years of a trend with too few reviews for a steady share."""
    totals = {
        str(row["year"]): row["total_reviews"] for row in sorted(rows, key=lambda r: r["year"])
    }
    few = small_groups(totals)
    if not few:
        return []
    return [
        f"Few reviews in {', '.join(few)}: a share there can jump by a large step with one review."
    ]


def undated_note(
    without_year: int, by: str, theme_counts: dict[str, int], themes: Sequence[str] = ()
) -> list[str]:
    """How many reviews the trends leave out, having no `by` year, and how many of them carry
    each of `themes` (analytics.reviews_without_year, themes_without_year)."""
    if not without_year:
        return []
    carrying = "; ".join(
        f"{theme_counts[theme]} {'carries' if theme_counts[theme] == 1 else 'carry'} {theme}"
        for theme in themes
        if theme_counts.get(theme)
    )
    them = "it" if without_year == 1 else "them"
    return [
        f"{_counted(without_year, 'review')} with no {by} year left out (no year to count {them} "
        f"in){': ' + carrying if carrying else ''}."
    ]


def compare_notes(found: dict[str, Any]) -> list[str]:
    """A warning for each period of a comparison with too few reviews to trust its shares."""
    notes = []
    for name in ("first", "second"):
        period = found[name]
        if period["reviews"] < SMALL_NUMBER:
            notes.append(
                f"Small numbers: only {_counted(period['reviews'], 'review')} in "
                f"{years(period['years'])} (the {name} period): every share of it rests on very "
                "few reviews. Read the reviews themselves before drawing conclusions."
            )
    return notes
