"""The one routine that writes a review, for both backends: the statements come from the
backend's query module (graph.kuzu_queries or graph.neo4j_queries), the rows from
graph.schema.review_rows, and the caller runs it inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import Any

from graph.corrections import (
    added_themes,
    check_withdrawal,
    corrected_evidences,
    correction_event,
    machine_edge,
    machine_review_themes,
    recount_review_themes,
    review_themes_in_force,
    theme_history,
)
from graph.schema import MENTION_LABELS, ReviewRows, partnership_row, person_rows

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
