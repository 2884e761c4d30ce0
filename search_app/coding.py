"""Coding review: why a passage carries each theme, people's corrections, and how far the
machine agrees with the people who corrected it. Used by the CLI and the app alike."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from graph.corrections import (
    CITATION_FIELDS,
    check_implied,
    check_theme_correction,
    field_correction,
    implied_by,
    implied_corrections,
    paired_age,
    theme_correction,
    theme_withdrawal,
)
from graph.store import Store
from ingest.enrich import ThemeTagger
from ingest.theme_eval import evaluate
from ingest.themes import Taxonomy, load_taxonomy
from ingest.themes.labels import agreement
from ingest.themes.training import Example

log = logging.getLogger(__name__)


@dataclass
class ThemeReason:
    """One theme of a passage: whether it is carried, the machine's confidence, its evidence,
    the correction in force (the latest) and every correction of it, oldest first."""

    theme: str
    carried: bool
    machine: bool
    score: float
    evidence: list[str]
    correction: dict[str, Any] | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    implied_by: list[str] = field(default_factory=list)  # carried narrower themes implying it


NEAR_MISS = 0.25  # a confidence this high (0.5 is the theme's own threshold) is worth a look
NEAR_MISSES = 3


@dataclass
class Explanation:
    passage_id: str
    review_id: str
    text: str
    themes: list[ThemeReason] = field(default_factory=list)
    # themes the machine came closest to giving but did not, with its confidence: what a
    # coder may want to add
    near_misses: list[tuple[str, float]] = field(default_factory=list)


def _corrections_of(store: Store, passage_ids: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (c["passage_id"], c["theme"]): c
        for c in store.theme_corrections()
        if c["passage_id"] in passage_ids
    }


def explain(
    store: Store, tagger: ThemeTagger, passage_id: str, taxonomy: Taxonomy | None = None
) -> Explanation:
    """The stored passage's themes (corrections applied) next to what the machine says now;
    KeyError when no passage has this id."""
    found = store.passages([passage_id]).get(passage_id)
    if found is None:
        raise KeyError(passage_id)
    [result] = tagger.classify([found["text"]])
    corrections = _corrections_of(store, {passage_id})
    history = store.theme_correction_history(passage_id)
    carried = set(found.get("themes") or [])
    shown = carried | set(result.themes) | {t for _, t in corrections}
    taxonomy = taxonomy or load_taxonomy()
    ancestors = {t: taxonomy.ancestors(t) for t in taxonomy.ids}
    reasons = [
        ThemeReason(
            theme,
            theme in carried,
            theme in result.themes,
            float(result.scores.get(theme, 0.0)),
            [span.text for span in result.evidence.get(theme, [])],
            corrections.get((passage_id, theme)),
            [h for h in history if h["theme"] == theme],
            implied_by(theme, carried, ancestors),
        )
        for theme in sorted(shown, key=lambda t: -result.scores.get(t, 0.0))
    ]
    missed = sorted(
        ((t, float(s)) for t, s in result.scores.items() if t not in shown and s >= NEAR_MISS),
        key=lambda pair: -pair[1],
    )
    return Explanation(
        passage_id, str(found["review_id"]), found["text"], reasons, missed[:NEAR_MISSES]
    )


def code_theme(
    store: Store,
    passage_id: str,
    theme: str,
    action: str,
    by: str,
    note: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[dict[str, Any]]:
    """A person's correction of a passage's theme (call inside `with store.writer():`), checked
    against what the passage carries (ValueError saying why when it does not fit; see
    graph.corrections.check_theme_correction) and saved with the themes it implies (a theme
    given by hand brings the broader themes it implies); returns the corrections saved, the
    person's last. KeyError for an unknown passage."""
    found = store.passages([passage_id]).get(passage_id)
    if found is None:
        raise KeyError(passage_id)
    taxonomy = taxonomy or load_taxonomy()
    correction = theme_correction(
        passage_id, str(found["review_id"]), theme, action, by, taxonomy.ids, note
    )
    carried = set(found.get("themes") or [])
    ancestors = {t: taxonomy.ancestors(t) for t in taxonomy.ids}
    in_force = {t: c for (_, t), c in _corrections_of(store, {passage_id}).items()}
    check_theme_correction(correction, carried, ancestors, in_force.get(theme))
    implied = implied_corrections(correction, carried, ancestors)
    check_implied(theme, implied, in_force)
    # the implied themes first: a passage never carries a theme without those it implies
    saved = [*reversed(implied), correction]
    store.correct_theme(*saved)  # all or none
    return saved


def withdraw_theme(
    store: Store,
    passage_id: str,
    theme: str,
    by: str,
    note: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> bool:
    """Take back the correction in force of a passage's theme (call inside `with
    store.writer():`): the machine's label applies again, and the withdrawal is kept in the
    history. ValueError saying why when there is no correction to withdraw, or when it would
    leave the passage at odds with the implications between themes (see
    graph.corrections.check_withdrawal); KeyError for an unknown passage. Returns whether
    the passage carries the theme now."""
    found = store.passages([passage_id]).get(passage_id)
    if found is None:
        raise KeyError(passage_id)
    taxonomy = taxonomy or load_taxonomy()
    if theme not in taxonomy.ids:
        raise ValueError(f"unknown theme {theme!r}")
    review_id = str(found["review_id"])
    withdrawal = theme_withdrawal(passage_id, review_id, theme, by, note)
    ancestors = {t: taxonomy.ancestors(t) for t in taxonomy.ids}
    carried = store.withdraw_theme_correction(withdrawal, ancestors)
    # the broader themes its addition brought with it ('implied by cannabis') go with it
    implied = [
        c["theme"]
        for c in store.theme_corrections()
        if c["passage_id"] == passage_id and c.get("note") == f"implied by {theme}"
    ]
    for broader in implied:
        with contextlib.suppress(ValueError):  # still implied by a theme the passage carries
            store.withdraw_theme_correction(
                theme_withdrawal(passage_id, review_id, broader, by, f"with {theme}"), ancestors
            )
    return carried


def correct_field(
    store: Store, review_id: str, name: str, value: str, by: str, note: str | None = None
) -> list[dict[str, Any]]:
    """Save and apply one review metadata correction (call inside `with store.writer():`), and
    the one it implies (an age as stated sets the age in months, and the other way round);
    returns the corrections saved. KeyError for an unknown review."""
    if store.document(review_id) is None:
        raise KeyError(review_id)
    correction = field_correction(review_id, name, value, by, note)
    saved = [correction]
    paired = paired_age(correction)
    if paired is not None:
        saved.append(paired)
    try:
        store.correct_field(*saved)  # IndexBehind: saved all the same
    finally:
        if name in CITATION_FIELDS:  # which reviews name this one may have changed
            _relink(store, review_id)
    return saved


def _relink(store: Store, review_id: str) -> None:
    try:
        store.link_citations()
    except Exception:  # the correction stands; the links are made again at every ingest
        log.warning("citation links not refreshed after correcting %s", review_id, exc_info=True)


def review_history(store: Store, review_id: str) -> list[dict[str, Any]]:
    """Every metadata correction of a review, newest first (see Store.field_correction_history);
    KeyError for an unknown review."""
    if store.document(review_id) is None:
        raise KeyError(review_id)
    return store.field_correction_history(review_id)


def human_labels(
    machine: dict[str, list[str]], corrections: list[dict[str, Any]]
) -> dict[str, list[str]]:
    """A corrected passage's themes as its reviewer left them: the machine's, less those they
    rejected, plus those they added or accepted (themes they did not touch stand)."""
    out = {pid: set(themes) for pid, themes in machine.items()}
    for c in sorted(corrections, key=lambda c: c["made_at"]):
        themes = out.setdefault(c["passage_id"], set())
        if c["action"] == "reject":
            themes.discard(c["theme"])
        else:
            themes.add(c["theme"])
    return {pid: sorted(themes) for pid, themes in out.items()}


# Below this many double-coded passages (tagged by the machine and corrected by a person) no
# kappa is given: over one or a few passages it swings from -1 to 1 with each passage coded
# and measures nothing. 10 is a round floor, not a test.
MIN_KAPPA_PASSAGES = 10


def machine_agreement(store: Store, tagger: ThemeTagger, theme_ids: list[str]) -> dict[str, Any]:
    """Over the corrected passages: the machine's precision, recall and Cohen's kappa per theme
    against the people who corrected them, leaving out the passages the model was trained on
    (`themes train` learns from corrections: on those it would agree by rote). A precision or
    recall with nothing to count (the machine gave the theme nowhere; nobody gave it) is None,
    not 0; every kappa is None below MIN_KAPPA_PASSAGES passages ("small_sample")."""
    corrections = store.theme_corrections()
    ids = sorted({c["passage_id"] for c in corrections})
    passages = store.passages(ids)
    learnt = frozenset(getattr(tagger, "learnt_from", ()))  # in sample: left out
    ids = [i for i in ids if i in passages and i not in learnt]
    results = tagger.classify([passages[i]["text"] for i in ids]) if ids else []
    machine = {i: r.themes for i, r in zip(ids, results, strict=True)}
    human = human_labels(machine, [c for c in corrections if c["passage_id"] in passages])
    small_sample = len(ids) < MIN_KAPPA_PASSAGES
    kappa = agreement(machine, human, theme_ids)
    report = evaluate([{"id": i, "themes": human[i]} for i in ids], machine, theme_ids)
    per_theme = {
        t: {
            "precision": _ratio(s.tp, s.tp + s.fp),
            "recall": _ratio(s.tp, s.support),
            "support": s.support,
            "kappa": None if small_sample else kappa["per_theme"][t]["kappa"],
        }
        for t, s in report.per_theme.items()
        if s.support or s.fp
    }
    micro = report.micro
    return {
        "passages": len(ids),
        "corrections": len(corrections),
        "left_out_learnt": len(learnt & passages.keys()),
        "micro_precision": _ratio(micro.tp, micro.tp + micro.fp),
        "micro_recall": _ratio(micro.tp, micro.support),
        "pooled_kappa": None if small_sample else kappa["pooled_kappa"],
        "small_sample": small_sample,
        "min_passages_for_kappa": MIN_KAPPA_PASSAGES,
        "per_theme": per_theme,
    }


def kappa_withheld(passages: int) -> str | None:
    """Why no kappa is shown over `passages` double-coded passages, or None when it is."""
    if passages >= MIN_KAPPA_PASSAGES:
        return None
    so_far = "none so far" if not passages else f"{passages} so far"
    return (
        f"Agreement (Cohen's kappa) is not given: it needs at least {MIN_KAPPA_PASSAGES} "
        f"double-coded passages (tagged by the machine and corrected by a person), {so_far}."
    )


def _ratio(hits: int, out_of: int) -> float | None:
    return round(hits / out_of, 4) if out_of else None


def correction_examples(store: Store) -> list[Example]:
    """Corrected passages as training examples, with the themes they now carry in the graph
    (every correction applied), grouped by review."""
    corrections = store.theme_corrections()
    ids = sorted({c["passage_id"] for c in corrections})
    passages = store.passages(ids)
    return [
        Example(
            f"correction:{pid}",
            passages[pid]["text"],
            tuple(sorted(passages[pid].get("themes") or [])),
            f"review:{passages[pid]['review_id']}",
            "correction",
        )
        for pid in ids
        if pid in passages
    ]
