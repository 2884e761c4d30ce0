"""What both backends write, in one place: a review, its erasure and people's corrections.
The statements come from the backend's query module (graph.kuzu_queries or
graph.neo4j_queries), the rows from graph.schema.review_rows, and the caller runs each routine
inside one transaction, with `read` and `run` callables of that transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import Any

from graph.corrections import (
    added_themes,
    apply_corrections,
    check_withdrawal,
    corrected_evidences,
    correction_event,
    field_event,
    field_updates,
    machine_edge,
    machine_review_themes,
    moved_corrections,
    quote_updates,
    recount_review_themes,
    review_themes_in_force,
    theme_history,
)
from graph.schema import MENTION_LABELS, ReviewRows, keep_paths, partnership_row, person_rows
from graph.store import Erased

Run = Callable[[str, dict[str, Any]], Any]
Read = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def write_review(run: Run, q: ModuleType, rows: ReviewRows) -> None:
    """Replace a review: delete what it owns, then create it, its passages (with and
    without vectors), themes, mentions, partnership, persons and recommendations."""
    review_id = rows.review["id"]
    for statement in q.DELETE_REVIEW:
        run(statement, {"id": review_id})
    run(q.CREATE_REVIEW, {"rows": [rows.review]})
    embedded = [p for p in rows.passages if p["embedding"] is not None]
    plain = [
        {k: v for k, v in p.items() if k != "embedding"}
        for p in rows.passages
        if p["embedding"] is None
    ]
    if embedded:
        run(q.CREATE_PASSAGES_WITH_EMBEDDINGS, {"rows": embedded})
    if plain:
        run(q.CREATE_PASSAGES, {"rows": plain})
    if rows.passages:
        links = [{"id": p["id"], "review_id": review_id} for p in rows.passages]
        run(q.LINK_PASSAGES, {"rows": links})
    if rows.evidences:
        run(q.CREATE_EVIDENCES, {"rows": rows.evidences})
    if rows.review_themes:
        run(q.CREATE_REVIEW_THEMES, {"rows": rows.review_themes, "id": review_id})
    for label in MENTION_LABELS.values():
        if rows.entities.get(label):
            run(q.merge_entities(label), {"rows": rows.entities[label]})
            run(q.create_mentions(label), {"rows": rows.mentions[label]})
    if rows.partnership:
        partnership = {
            "id": review_id,
            "partnership": rows.partnership["id"],
            "name": rows.partnership["name"],
        }
        run(q.LINK_PARTNERSHIP, partnership)
    if rows.persons:
        run(q.CREATE_PERSONS, {"rows": rows.persons, "id": review_id})
    if rows.recommendations:
        run(q.CREATE_RECOMMENDATIONS, {"rows": rows.recommendations, "id": review_id})


def relink(run: Run, q: ModuleType, review_id: str, updates: dict[str, Any]) -> None:
    """After a correction of a review's partnership or children (graph.corrections'
    field_updates): the review is BY the partnership in force (the one it leaves goes when
    no other review is by it) and ABOUT the children named in force."""
    if "partnership" in updates:
        for statement in q.UNLINK_PARTNERSHIP:
            run(statement, {"id": review_id})
        if row := partnership_row(updates["partnership"]):  # the node takes the name typed
            run(
                q.RELINK_PARTNERSHIP,
                {"id": review_id, "partnership": row["id"], "name": row["name"]},
            )
    if "child_pseudonyms" in updates:
        run(q.DELETE_PERSONS, {"id": review_id})
        if rows := person_rows(review_id, updates["child_pseudonyms"]):
            run(q.CREATE_PERSONS, {"rows": rows, "id": review_id})


def move_corrections(run: Run, q: ModuleType, moves: list[tuple[str, dict[str, Any]]]) -> None:
    """Re-key theme corrections to the passages a new parse made of theirs
    (graph.corrections.moved_corrections)."""
    for old_id, correction in moves:
        run(q.DELETE_THEME_CORRECTION, {"id": old_id})
        run(q.SAVE_THEME_CORRECTION, correction)
        old_passage = old_id.rsplit("|", 1)[0]
        events = {"old": old_passage, "new": correction["passage_id"], "theme": correction["theme"]}
        run(q.MOVE_THEME_CORRECTION_EVENTS, events)


def put_review(read: Read, run: Run, q: ModuleType, rows: ReviewRows) -> str | None:
    """Store a review in place of its earlier version: the rows keep the paths it was met at
    before, theme corrections follow their passages into the new parse (graph.corrections.
    moved_corrections) and every correction in force overrides the machine in the rows (which
    the caller may then index) before they are written. The version replaced, if any."""
    review_id = rows.review["id"]
    previous = read(q.REVIEW_BEFORE, {"id": review_id})
    keep_paths(rows, previous[0]["paths"] if previous else [])
    said = read(q.THEME_CORRECTIONS, {})
    earlier = read(q.PASSAGE_TEXTS_OF_REVIEW, {"id": review_id})
    moves = moved_corrections(said, review_id, {p["id"]: p["text"] for p in earlier}, rows.passages)
    apply_corrections(
        rows,
        [*said, *(moved for _, moved in moves)],
        read(q.FIELD_CORRECTIONS, {"id": review_id}),
    )
    write_review(run, q, rows)
    move_corrections(run, q, moves)
    return str(previous[0]["version"]) if previous else None


def correct_fields(
    read: Read, run: Run, q: ModuleType, review_id: str, corrections: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Save metadata corrections of one review, each with its event (which keeps the value the
    parser had read), and set the fields in force: on the review, its partnership and children
    (relink) and the copies in saved quotes. The review properties set (graph.corrections.
    field_updates)."""
    updates = field_updates(corrections)
    found = read(q.REVIEW_METADATA, {"id": review_id})
    metadata_json = found[0]["metadata_json"] if found else None
    for correction in corrections:
        run(q.SAVE_FIELD_CORRECTION, correction)
        run(q.SAVE_FIELD_CORRECTION_EVENT, field_event(correction, metadata_json))
    values = {f"v_{name}": value for name, value in updates.items()}
    run(q.set_review_fields(list(updates)), {"id": review_id, **values})
    relink(run, q, review_id, updates)
    if copies := quote_updates(updates):
        quotes = {f"v_{name}": value for name, value in copies.items()}
        run(q.set_quote_fields(list(copies)), {"id": review_id, **quotes})
    return updates


def erase_review(
    read: Read, run: Run, q: ModuleType, review_id: str, with_quotes: bool
) -> Erased | None:
    """Remove a review whole: its passages and what it owns, the corrections of it, the
    entities and partnerships no other review names and, if `with_quotes`, the quotes taken
    from it. What went, for the caches and files beside the store; None when there is no such
    review."""
    found = read(q.REVIEW_FOR_ERASURE, {"id": review_id})
    if not found:
        return None
    quotes = read(q.QUOTES_OF_REVIEW, {"id": review_id})
    if with_quotes:
        run(q.DELETE_QUOTES_OF_REVIEW, {"id": review_id})
    for statement in q.DELETE_REVIEW + q.DELETE_CORRECTIONS_OF_REVIEW:
        run(statement, {"id": review_id})
    for statement in q.DELETE_ORPHANS:
        run(statement, {})
    row = found[0]
    return Erased(
        review_id,
        [text for text in row["texts"] or [] if text],
        list(row["paths"] or []),
        len(quotes) if with_quotes else 0,
    )


def apply_theme_corrections(
    read: Read, run: Run, q: ModuleType, review_id: str, corrections: Sequence[dict[str, Any]]
) -> None:
    """The passages' EVIDENCES edges and the review's HAS_THEME edges after corrections of one
    review's passages. Everything is read before anything changes, and the review's themes
    are written once: Kùzu reads a relationship deleted and made again in the same
    transaction back twice, which made a theme correction and the one it implies duplicate
    the review's themes."""
    before = read(q.REVIEW_EVIDENCES, {"id": review_id})
    review_themes = _review_themes_before(read, q, review_id)
    saved = {c["id"]: c for c in read(q.THEME_CORRECTIONS_OF_REVIEW, {"id": review_id})}
    in_force = {**saved, **{c["id"]: c for c in corrections}}.values()
    after = corrected_evidences(before, list(corrections))
    for correction in corrections:
        key = (correction["passage_id"], correction["theme"])
        run(q.DELETE_EVIDENCE, {"passage": key[0], "theme": key[1]})
        edge = [e for e in after if (e["passage"], e["theme"]) == key]
        if edge:
            run(q.CREATE_EVIDENCES, {"rows": edge})
    added = {theme for correction in corrections for theme in added_themes(correction)}
    _write_review_themes(run, q, review_id, review_themes(after, list(in_force), added))


def withdraw_theme_correction(
    read: Read,
    run: Run,
    q: ModuleType,
    withdrawal: dict[str, Any],
    ancestors: Mapping[str, list[str]],
) -> bool:
    """Take back the correction in force of a passage's theme (graph.corrections.
    theme_withdrawal): the correction goes, the withdrawal joins the history, the passage's
    EVIDENCES edge is the machine's again (graph.corrections.machine_edge) and the review's
    HAS_THEME edges are those the machine gave with the corrections still in force. ValueError,
    before anything changes, when there is no correction to withdraw or the passage would be
    left at odds with the implications between themes (graph.corrections.check_withdrawal);
    KeyError for an unknown passage. Whether the machine gives the theme."""
    passage_id, theme = withdrawal["passage_id"], withdrawal["theme"]
    found = read(q.PASSAGE_MACHINE, {"id": passage_id})
    if not found:
        raise KeyError(passage_id)
    passage = found[0]
    review_id = passage["review_id"]
    withdrawal = {**withdrawal, "review_id": review_id}
    current = [c for c in read(q.THEME_CORRECTIONS, {}) if c["passage_id"] == passage_id]
    history = theme_history(read(q.THEME_CORRECTION_HISTORY, {"passage": passage_id}), current)
    edge = machine_edge({**passage, "id": passage_id}, theme, history)
    before = read(q.REVIEW_EVIDENCES, {"id": review_id})
    review_themes = _review_themes_before(read, q, review_id)
    withdrawn = f"{passage_id}|{theme}"
    in_force = [
        c for c in read(q.THEME_CORRECTIONS_OF_REVIEW, {"id": review_id}) if c["id"] != withdrawn
    ]
    key = (passage_id, theme)
    after = [e for e in before if (e["passage"], e["theme"]) != key] + ([edge] if edge else [])
    carried = {e["theme"] for e in after if e["passage"] == passage_id}
    check_withdrawal(withdrawal, {c["theme"]: c for c in current}, carried, ancestors)
    run(q.DELETE_THEME_CORRECTION, {"id": withdrawn})
    run(q.SAVE_THEME_CORRECTION_EVENT, correction_event(withdrawal))
    run(q.DELETE_EVIDENCE, {"passage": passage_id, "theme": theme})
    if edge:
        run(q.CREATE_EVIDENCES, {"rows": [edge]})
    _write_review_themes(
        run, q, review_id, review_themes(after, in_force, {theme} if edge else set())
    )
    return edge is not None


ReviewThemes = Callable[
    [list[dict[str, Any]], list[dict[str, Any]], set[str]], list[dict[str, Any]]
]


def _review_themes_before(read: Read, q: ModuleType, review_id: str) -> ReviewThemes:
    """What a review's HAS_THEME rows will be, read before anything changes, as a function of
    its corrected EVIDENCES edges, the theme corrections in force of its passages, and the
    themes the change at hand gives a passage. The machine's rows recounted
    (graph.corrections.review_themes_in_force); for a review stored before they were kept,
    its rows as they stand recounted, the themes the change gives carrying it."""
    count = read(q.REVIEW_PASSAGE_COUNT, {"id": review_id})[0]["n"]
    stored = read(q.REVIEW_MACHINE_THEMES, {"id": review_id})
    machine = machine_review_themes(stored[0]["machine_themes"] if stored else None)
    current = read(q.REVIEW_THEMES, {"id": review_id})

    def themes(
        evidences: list[dict[str, Any]], in_force: list[dict[str, Any]], given: set[str]
    ) -> list[dict[str, Any]]:
        if machine is None:
            return recount_review_themes(current, evidences, count, given)
        return review_themes_in_force(machine, evidences, count, in_force)

    return themes


def _write_review_themes(
    run: Run, q: ModuleType, review_id: str, themes: list[dict[str, Any]]
) -> None:
    run(q.DELETE_REVIEW_THEMES, {"id": review_id})
    if themes:
        run(q.CREATE_REVIEW_THEMES, {"rows": themes, "id": review_id})
