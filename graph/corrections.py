"""People's corrections of the machine: a passage's theme accepted, rejected or added, and a
review's metadata field set by hand. Both backends store them as nodes of their own (so a
re-ingest, which rewrites a review, never loses them), each also as an event node for the
history (who changed what, and when), and apply them whenever a review's EVIDENCES edges are
written and whenever a correction is saved: a correction overrides the machine in every query
that reads the graph.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.schema import (
    AGE_BANDS,
    OUTCOMES,
    ReviewRows,
    age_band,
    partnership_row,
    person_rows,
    theme_scores,
)
from ingest.kinds import document_kind
from ingest.near_copies import trigrams
from ingest.review_types import REVIEW_TYPE_LABELS, REVIEW_TYPES
from ingest.subject import NUMBER_WORDS
from ingest.themes.review_level import PLACE_WORDS

THEME_CORRECTION = "ThemeCorrection"
THEME_CORRECTION_EVENT = "ThemeCorrectionEvent"  # every correction ever made, for the history
FIELD_CORRECTION = "FieldCorrection"
FIELD_CORRECTION_EVENT = "FieldCorrectionEvent"  # every field correction ever made, likewise
ACTIONS = ("accept", "reject", "add")
# A history row's action when a person takes their correction back: none is then in force and
# the machine's label stands again (theme_withdrawal, machine_edge)
WITHDRAW = "withdraw"
HUMAN_SCORE = 1.0

# Review fields a person may set, and how a typed value is read (a list: names separated by
# commas or semicolons, "Child D, Child E").
CORRECTABLE_FIELDS: dict[str, type] = {
    "title": str,
    "review_type": str,
    "partnership": str,
    "author": str,
    "child_pseudonyms": list,
    "child_age": str,
    "child_age_months": int,
    "child_sex": str,
    "outcome": str,
    "publication_year": int,
    "incident_year": int,
}
CHOICES = {
    "review_type": set(REVIEW_TYPES),
    "child_sex": {"male", "female"},
    "outcome": set(OUTCOMES),
}


# The range a number a person types may take: an age up to the oldest age band (care leavers
# into their twenties), a year from the first reviews to next year.
def _ranges() -> dict[str, tuple[int, int]]:
    next_year = dt.date.today().year + 1
    return {
        "child_age_months": (0, AGE_BANDS[-1][1]),
        "publication_year": (1970, next_year),
        "incident_year": (1970, next_year),
    }


# What a person types to say the review states no value for a field the parser filled in (a
# guessed age, an author who is not one): the field is cleared, everywhere. A title cannot be.
NOT_STATED = "not stated"
# How the names of a list field are told apart as a person types them
LIST_SEPARATORS = re.compile(r"[,;]")
# The review fields a saved quote copies for its citation (field -> the quote's property).
# the fields by which one review is found named in another's text (graph/citations.py)
CITATION_FIELDS = frozenset({"title", "partnership", "publication_year", "child_pseudonyms"})
QUOTE_COPIES = {"title": "title", "partnership": "partnership", "publication_year": "year"}
# A field shown from the parser's metadata whose value a correction of another field replaces:
# the publication date (which cannot be corrected) gives way to a corrected year.
SHOWN_AS = {"publication_year": "publication_date"}


def said(value: Any) -> str:
    """A field's value in words, as a person would type it: "not stated" when cleared, the
    names of a list separated by commas."""
    if value is None:
        return NOT_STATED
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def one_review(corrections: Sequence[dict[str, Any]]) -> str:
    """The review that all the corrections saved together belong to (one transaction is one
    review's); ValueError when there are none or they span reviews."""
    reviews = {correction["review_id"] for correction in corrections}
    if len(reviews) != 1:
        raise ValueError(f"corrections saved together must be of one review, not {len(reviews)}")
    return str(reviews.pop())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def theme_correction(
    passage_id: str,
    review_id: str,
    theme: str,
    action: str,
    by: str,
    theme_ids: Iterable[str],
    note: str | None = None,
) -> dict[str, Any]:
    """A checked correction row; the latest correction of a (passage, theme) replaces any
    earlier one."""
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if theme not in set(theme_ids):
        raise ValueError(f"unknown theme {theme!r}")
    if not by.strip():
        raise ValueError("say who makes the correction")
    return {
        "id": f"{passage_id}|{theme}",
        "passage_id": passage_id,
        "review_id": review_id,
        "theme": theme,
        "action": action,
        "who": by.strip(),
        "made_at": _now(),
        "note": note,
    }


PAST_TENSE = {"accept": "accepted", "reject": "rejected", "add": "added", WITHDRAW: "withdrew"}


def theme_withdrawal(
    passage_id: str, review_id: str, theme: str, by: str, note: str | None = None
) -> dict[str, Any]:
    """The history row of a person taking back the correction in force of a passage's theme
    (Store.withdraw_theme_correction): shaped like a correction, its action WITHDRAW."""
    if not by.strip():
        raise ValueError("say who withdraws the correction")
    return {
        "id": f"{passage_id}|{theme}",
        "passage_id": passage_id,
        "review_id": review_id,
        "theme": theme,
        "action": WITHDRAW,
        "who": by.strip(),
        "made_at": _now(),
        "note": note,
    }


def machine_edge(
    passage: Mapping[str, Any], theme: str, history: Sequence[dict[str, Any]]
) -> dict[str, Any] | None:
    """The machine's EVIDENCES edge of a passage and theme as its last ingest wrote it, or None
    when the machine did not give the theme. `passage` has the passage's id, text,
    machine_themes and theme_scores (graph.schema). A passage stored before the machine's
    themes were kept has no machine_themes: then `history` (the passage's corrections, oldest
    first) tells: the first correction of the theme accepted or rejected it, so the machine had
    given it (its stored confidence, its evidence spans lost), or added it, so it had not."""
    if passage.get("machine_themes") is not None:
        given = json.loads(passage["machine_themes"]).get(theme)
        if given is None:
            return None
        score, offsets = given
        text = passage.get("text") or ""
        spans = [{"start": s, "end": e, "text": text[s:e]} for s, e in offsets]
        return _edge(passage["id"], theme, float(score), json.dumps(spans, ensure_ascii=False))
    first = next((h for h in history if h["theme"] == theme and h["action"] != WITHDRAW), None)
    if first is None or first["action"] == "add":
        return None
    score = theme_scores(passage.get("theme_scores")).get(theme, 0.0)
    return _edge(passage["id"], theme, score, "[]")


def _edge(passage: str, theme: str, score: float, spans: str) -> dict[str, Any]:
    return {"passage": passage, "theme": theme, "score": score, "spans": spans}


def check_withdrawal(
    withdrawal: dict[str, Any],
    in_force: Mapping[str, dict[str, Any]],
    carried_after: set[str],
    ancestors: Mapping[str, list[str]],
) -> None:
    """Refuse (ValueError, saying why) to withdraw a correction when there is none in force, or
    when the passage would be left at odds with the implications between themes: without a
    theme a narrower theme it keeps implies (withdraw or reject that one first), or with a
    theme again whose broader theme someone rejected (withdraw that rejection first).
    `in_force` holds the passage's corrections in force by theme; `carried_after` the themes
    it would carry."""
    theme, passage = withdrawal["theme"], withdrawal["passage_id"]
    if theme not in in_force:
        raise ValueError(f"passage {passage} has no correction of {theme} to withdraw")
    if theme not in carried_after and (narrower := implied_by(theme, carried_after, ancestors)):
        named = ", ".join(narrower)
        raise ValueError(
            f"passage {passage} carries {named}, which implies {theme}: the machine did not "
            f"give {theme}, so withdraw or reject {named} first"
        )
    for broader in ancestors.get(theme, []) if theme in carried_after else []:
        earlier = in_force.get(broader)
        if earlier is not None and earlier["action"] == "reject":
            raise ValueError(
                f"the machine gave {theme}, which implies {broader}, which {earlier['who']} "
                f"rejected for passage {passage}: withdraw that rejection first"
            )


def check_theme_correction(
    correction: dict[str, Any],
    carried: set[str],
    ancestors: Mapping[str, list[str]],
    in_force: dict[str, Any] | None = None,
) -> None:
    """Refuse (ValueError, saying why) a person's correction that does not fit what the passage
    carries: accepting a theme it does not carry, adding one it does, rejecting one it does not,
    or rejecting a theme a narrower theme it carries implies (cannabis implies substance_misuse:
    the broad theme would come back with the narrow one). `ancestors` maps a theme to the
    themes it implies; `in_force` is the correction of this passage and theme in force, if any."""
    theme, action = correction["theme"], correction["action"]
    passage = f"passage {correction['passage_id']}"
    why = _why_carried(theme, carried, in_force)
    if action == "accept" and theme not in carried:
        raise ValueError(
            f"{passage} does not carry {theme} ({why}): nothing to accept; to give it the theme, "
            "add it instead"
        )
    if action == "add" and theme in carried:
        raise ValueError(
            f"{passage} already carries {theme} ({why}): nothing to add; to confirm it, "
            "accept it instead"
        )
    if action == "reject" and theme not in carried:
        raise ValueError(f"{passage} does not carry {theme} ({why}): nothing to reject.")
    narrower = implied_by(theme, carried, ancestors)
    if action == "reject" and narrower:
        named = ", ".join(narrower)
        raise ValueError(
            f"{passage} carries {named}, which implies {theme}: reject {named} first, then "
            f"{theme} if the passage is not about it at all"
        )


def implied_by(theme: str, carried: Iterable[str], ancestors: Mapping[str, list[str]]) -> list[str]:
    """The narrower themes carried that imply `theme` (cannabis implies substance_misuse):
    while one is carried, `theme` cannot be rejected."""
    return sorted(t for t in carried if theme in ancestors.get(t, []))


def check_implied(
    theme: str, implied: list[dict[str, Any]], in_force: Mapping[str, dict[str, Any]]
) -> None:
    """Refuse (ValueError) to bring back, by giving `theme`, a theme it implies that someone
    rejected for the passage: `implied` are implied_corrections' rows, `in_force` the
    passage's corrections in force by theme."""
    for row in implied:
        earlier = in_force.get(row["theme"])
        if earlier is not None and earlier["action"] == "reject":
            raise ValueError(
                f"{theme} implies {row['theme']}, which "
                f"{earlier['who']} rejected for passage {row['passage_id']} at "
                f"{earlier['made_at']}: add {row['theme']} first if it applies"
            )


def _why_carried(theme: str, carried: set[str], in_force: dict[str, Any] | None) -> str:
    """Why the passage carries the theme or not: who corrected it last, or that the machine
    gave it; and, when it does not carry it, the themes it does carry."""
    reasons = []
    if in_force is not None:
        reasons.append(
            f"{in_force['who']} {PAST_TENSE[in_force['action']]} it at {in_force['made_at']}"
        )
    elif theme in carried:
        reasons.append("the machine gave it")
    if theme not in carried:
        reasons.append(f"it carries {', '.join(sorted(carried)) or 'no theme'}")
    return "; ".join(reasons)


def implied_corrections(
    correction: dict[str, Any], carried: set[str], ancestors: Mapping[str, list[str]]
) -> list[dict[str, Any]]:
    """The themes a theme given by hand implies and the passage does not carry yet, each as an
    "add" by the same person noted 'implied by <theme>', so that a passage given cannabis also
    carries substance_misuse in every view. Each is made a microsecond before the person's own
    (history, newest first, lists theirs first); none for a rejection."""
    if correction["action"] == "reject":
        return []
    made = dt.datetime.fromisoformat(correction["made_at"])
    missing = [t for t in ancestors.get(correction["theme"], []) if t not in carried]
    return [
        {
            **correction,
            "id": f"{correction['passage_id']}|{theme}",
            "theme": theme,
            "action": "add",
            "note": f"implied by {correction['theme']}",
            "made_at": (made - dt.timedelta(microseconds=n)).isoformat(timespec="microseconds"),
        }
        for n, theme in enumerate(missing, start=1)
    ]


def correction_event(correction: dict[str, Any]) -> dict[str, Any]:
    """The history row of a correction: the same fields under an id of its own (the
    correction's own id names the passage and theme, or the review and field, so a later one
    replaces it)."""
    return {
        **correction,
        "id": f"{correction['id']}|{correction['made_at']}|{uuid.uuid4().hex[:8]}",
    }


NAMING_PLACES = frozenset(PLACE_WORDS.values())  # where a review names a theme, in words
THEME_SUBJECT = ("passage_id", "theme")  # what a theme correction is of
FIELD_SUBJECT = ("review_id", "field")  # and a field correction


def _history_key(row: dict[str, Any], subject: tuple[str, ...]) -> tuple[Any, ...]:
    """One correction of one subject, in the current table or the history alike."""
    return (*(row[name] for name in subject), row["made_at"])


def _merged_history(
    events: Iterable[dict[str, Any]],
    corrections: Iterable[dict[str, Any]],
    subject: tuple[str, ...],
) -> list[dict[str, Any]]:
    """The saved events, and any current correction made before events were kept (it has
    none), oldest first."""
    rows = list(events)
    seen = {_history_key(r, subject) for r in rows}
    rows += [c for c in corrections if _history_key(c, subject) not in seen]
    return sorted(rows, key=lambda r: r["made_at"])


def theme_history(
    events: Iterable[dict[str, Any]], corrections: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every correction of the passages asked for, oldest first."""
    return _merged_history(events, corrections, THEME_SUBJECT)


def field_history(
    events: Iterable[dict[str, Any]], corrections: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every correction of the reviews asked for, newest first: the value (and the machine's
    it replaced, when that was recorded) read back from JSON, and whether it is in force."""
    current = list(corrections)
    in_force = {_history_key(c, FIELD_SUBJECT) for c in current}
    rows = []
    for row in reversed(_merged_history(events, current, FIELD_SUBJECT)):
        out = {**row, "value": json.loads(row["value"])}
        machine = out.pop("machine", None)
        if machine is not None:
            out["machine"] = json.loads(machine)
        out["in_force"] = _history_key(row, FIELD_SUBJECT) in in_force
        rows.append(out)
    return rows


def field_correction(
    review_id: str, field: str, value: str, by: str, note: str | None = None
) -> dict[str, Any]:
    """A checked metadata correction; the value is stored as JSON of its proper type."""
    kind = CORRECTABLE_FIELDS.get(field)
    if kind is None:
        raise ValueError(f"{field!r} cannot be corrected; one of {', '.join(CORRECTABLE_FIELDS)}")
    if not value.strip():
        raise ValueError(f"{field} needs a value")
    typed = None if _clears(field, value) else _typed(field, kind, value.strip())
    if not by.strip():
        raise ValueError("say who makes the correction")
    return {
        "id": f"{review_id}|{field}",
        "review_id": review_id,
        "field": field,
        "value": json.dumps(typed),
        "who": by.strip(),
        "made_at": _now(),
        "note": note,
    }


def _clears(field: str, value: str) -> bool:
    if value.strip().lower() != NOT_STATED:
        return False
    if field == "title":
        raise ValueError("a review keeps a title: give the title it states")
    return True


def _typed(field: str, kind: type, value: str) -> Any:
    """The value as its field's type, checked against the field's choices and range."""
    if kind is list:
        return typed_names(field, value)
    try:
        typed = kind(value)
    except ValueError as error:
        raise ValueError(f"{field} needs a whole number, not {value!r}") from error
    if field in CHOICES:
        return _choice(field, typed)
    if isinstance(typed, str) and not re.search(r"\w", typed):
        raise ValueError(f"{field} needs letters or figures, not {typed!r}")
    if field == "child_age":
        if re.match(r"[-−–]\s*\d", typed):
            raise ValueError(f"{field} cannot be negative, as in {typed!r}")
        months = typed_age(typed)
        if months is None:
            raise ValueError(
                f"{field} should be a length of time such as '2 years 3 months', '7 weeks' or "
                f"'15', not {typed!r} (or '{NOT_STATED}')"
            )
        oldest = _ranges()["child_age_months"][1]
        if months > oldest:
            raise ValueError(f"{field} must be at most {oldest // 12} years, not {typed!r}")
        return typed
    _in_range(field, typed)
    return typed


def _choice(field: str, value: str) -> str:
    """One of the field's choices, however it is typed: 'Female', 'serious harm', or a review
    type's label ('Serious case review')."""
    key = "_".join(value.lower().replace("-", " ").split())
    labels = {"_".join(label.lower().split()): kind for kind, label in REVIEW_TYPE_LABELS.items()}
    chosen = key if key in CHOICES[field] else labels.get(key) if field == "review_type" else None
    if chosen is None:
        raise ValueError(f"{field} must be one of {', '.join(sorted(CHOICES[field]))}")
    return chosen


def typed_names(field: str, value: str) -> list[str]:
    """The names of a list field as a person types them: separated by commas or semicolons,
    spaces tidied, each once, in the order given."""
    names: list[str] = []
    for part in LIST_SEPARATORS.split(value):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    if not names:
        raise ValueError(f"{field}: at least one name is needed (names separated by commas)")
    return names


def _in_range(field: str, typed: Any) -> None:
    low, high = _ranges().get(field, (typed, typed))
    if not low <= typed <= high:
        raise ValueError(f"{field} must be from {low} to {high}, not {typed}")


def paired_age(correction: dict[str, Any]) -> dict[str, Any] | None:
    """The child's age is kept twice: as stated ('2 years 3 months', shown) and in months (the
    age bands and their filters). A correction of one sets the other, by the same person a
    microsecond before theirs (so history lists theirs first), so that the page, the filters
    and the bands agree; None when the stated age cannot be read as a length of time ('not
    known'). Clearing one clears the other."""
    value = json.loads(correction["value"])
    pairs = {"child_age": "child_age_months", "child_age_months": "child_age"}
    field = pairs.get(correction["field"])
    if field is None:
        return None
    if value is None:
        paired = json.dumps(None)
    elif field == "child_age_months":
        months = typed_age(str(value))
        if months is None:
            return None
        paired = json.dumps(months)
    else:
        paired = json.dumps(age_in_words(int(value)))
    said = NOT_STATED if value is None else value
    note = f"set with the child's age ({correction['field']} = {said})"
    # a moment before the person's own, so that history lists theirs first, then this one
    made = dt.datetime.fromisoformat(correction["made_at"]) - dt.timedelta(microseconds=1)
    return {
        **correction,
        "id": f"{correction['review_id']}|{field}",
        "field": field,
        "value": paired,
        "note": note,
        "made_at": made.isoformat(timespec="microseconds"),
    }


_AGE_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(years?|yrs?|y|months?|mths?|m|weeks?|wks?|w|days?|d)\b")
_UNIT_MONTHS = {"y": 12.0, "m": 1.0, "w": 7 / 30.44, "d": 1 / 30.44}


def typed_age(text: str) -> int | None:
    """The months in an age as a person types it: '2 years 3 months', '2.5 years', '7 weeks',
    'ten days', '19', 'newborn'; None when it is no length of time ('not known')."""
    words = [str(NUMBER_WORDS.get(w, w)) for w in re.findall(r"[\w.]+", text.lower())]
    said = " ".join(w for w in words if w not in {"aged", "old", "and", "a", "half"})
    if said in {"newborn", "new born"}:
        return 0
    if re.fullmatch(r"\d+(?:\.\d+)?", said):
        said += " years"  # 'aged 15'
    parts = _AGE_PART.findall(said)
    if not parts or _AGE_PART.sub("", said).strip():
        return None
    months = sum(float(n) * _UNIT_MONTHS[unit[0]] for n, unit in parts)
    if "half" in words:
        months += 6 if parts[-1][1].startswith("y") else 0.5
    return int(months)


def age_in_words(months: int) -> str:
    """'under 1 month', '7 months', '2 years', '2 years 3 months'."""
    if months < 1:
        return "under 1 month"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}"
    years, rest = divmod(months, 12)
    return f"{years} years" + (f" {rest} month{'s' if rest != 1 else ''}" if rest else "")


def machine_value(metadata_json: str | None, field: str) -> str | None:
    """The parser's value of a review field, as JSON like a correction's; None when the
    stored metadata records none."""
    found = json.loads(metadata_json or "{}").get(field) or {}
    value = found.get("value")
    return None if value is None else json.dumps(value)


def field_event(correction: dict[str, Any], metadata_json: str | None) -> dict[str, Any]:
    """The history row of a field correction, with the machine's value it overrides (from the
    review's stored metadata; None when the parser found none)."""
    return {
        **correction_event(correction),
        "machine": machine_value(metadata_json, correction["field"]),
    }


def fields_in_force(
    metadata: dict[str, Any], history: Iterable[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """A review's metadata as shown to people: the parser's fields (value, page, evidence), each
    corrected one with the value in force, the parser's value under "machine" and the
    correction (who, made_at, note) under "corrected". `history` is
    Store.field_correction_history's rows; only those in force count."""
    shown = {name: dict(found) for name, found in metadata.items() if found}
    for row in history:
        if not row.get("in_force", True):
            continue
        correction = {key: row.get(key) for key in ("who", "made_at", "note")}
        date = SHOWN_AS.get(row["field"])
        if date and _agrees(shown.get(date), row["value"]):
            date = None  # the parser's date already says the corrected year: it stays
        for name in (row["field"], date):
            if name is None:
                continue
            machine = shown.get(name, {})
            shown[name] = {
                "value": row["value"],
                "machine": machine.get("value"),
                "page": machine.get("page"),
                "corrected": correction,
            }
    return shown


def _agrees(shown: dict[str, Any] | None, year: Any) -> bool:
    """Whether the parser's date already says the corrected year ('2020-07' for 2020)."""
    value = (shown or {}).get("value")
    return "corrected" not in (shown or {}) and bool(value) and str(value)[:4] == str(year)


def quote_updates(updates: dict[str, Any]) -> dict[str, Any]:
    """Properties to set on the review's saved quotes: the copies of its fields their
    citations carry (a quote keeps them so that it outlives the review)."""
    return {QUOTE_COPIES[name]: value for name, value in updates.items() if name in QUOTE_COPIES}


def field_updates(corrections: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Review properties to set: each corrected field (and the age band with the age)."""
    updates: dict[str, Any] = {}
    for row in sorted(corrections, key=lambda r: r["made_at"]):
        updates[row["field"]] = json.loads(row["value"])
    if "child_age_months" in updates:
        updates["age_band"] = age_band(updates["child_age_months"])
    if "review_type" in updates:  # guidance and briefings are told apart by their kind
        updates["document_kind"] = document_kind(updates["review_type"])
    if "child_pseudonyms" in updates:  # a review with no child named has none, as on ingest
        updates["child_pseudonyms"] = updates["child_pseudonyms"] or []
    return updates


def corrected_evidences(
    evidences: list[dict[str, Any]], corrections: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The machine's (passage, theme) edges with rejected ones removed and added or accepted
    ones present (a human-added edge has score 1.0 and no spans)."""
    latest = {(c["passage_id"], c["theme"]): c["action"] for c in corrections}
    out = [e for e in evidences if latest.get((e["passage"], e["theme"])) != "reject"]
    present = {(e["passage"], e["theme"]) for e in out}
    for (passage, theme), action in latest.items():
        if action in {"add", "accept"} and (passage, theme) not in present:
            out.append({"passage": passage, "theme": theme, "score": HUMAN_SCORE, "spans": "[]"})
    return out


def recount_review_themes(
    review_themes: list[dict[str, Any]],
    evidences: list[dict[str, Any]],
    passage_count: int,
    added: set[str],
) -> list[dict[str, Any]]:
    """Review-level theme rows with passage counts and weights from the corrected edges. A
    theme no passage carries any more goes, unless the review named it as its subject (it
    was carried with no passage in the first place); a theme people added to a passage
    carries the review."""
    counts = Counter(e["theme"] for e in evidences)
    total = max(passage_count, 1)
    out = []
    seen = set()
    for row in review_themes:
        if row["theme"] in seen:  # a link stored twice, as an earlier casegraph could, once
            continue
        seen.add(row["theme"])
        n = counts.get(row["theme"], 0)
        if n == 0 and row["passages"] > 0 and not _named(row):
            continue
        out.append({**row, "passages": n, "weight": round(n / total, 4)})
    for theme, n in counts.items():
        if theme not in seen and theme in added:
            out.append(
                {
                    "theme": theme,
                    "passages": n,
                    "weight": round(n / total, 4),
                    "parts": json.dumps({}),
                    "quotes": json.dumps([]),
                }
            )
    return out


def machine_review_themes(stored: str | None) -> list[dict[str, Any]] | None:
    """A review's HAS_THEME rows as its last ingest gave them, before people's corrections
    (the Review's machine_themes, graph.schema); None for a review stored before they were
    kept."""
    return None if stored is None else list(json.loads(stored))


def review_themes_in_force(
    machine: list[dict[str, Any]],
    evidences: list[dict[str, Any]],
    passage_count: int,
    in_force: Iterable[dict[str, Any]],
) -> list[dict[str, Any]]:
    """A review's HAS_THEME rows with the theme corrections `in_force` of its passages: the
    machine's rows recounted over the corrected EVIDENCES edges, as an ingest writes them. A
    theme a rejection took from the review comes back whole (its parts and quotes) when the
    rejection is withdrawn; one a person confirmed or added carries the review while that
    correction is in force."""
    added = {theme for correction in in_force for theme in added_themes(correction)}
    return recount_review_themes(machine, evidences, passage_count, added)


def _named(review_theme: dict[str, Any]) -> bool:
    """Whether the review names the theme in its title, contents, summary or text: a theme
    it carries whatever its passages do (ingest.themes.review_level)."""
    parts = review_theme.get("parts") or "{}"
    where = json.loads(parts) if isinstance(parts, str) else parts
    return bool(set(where) & NAMING_PLACES)


def added_themes(correction: dict[str, Any]) -> set[str]:
    return set() if correction["action"] == "reject" else {correction["theme"]}


MOVE_SHARE = 0.5  # of a passage's word trigrams that its new cut must hold


def moved_corrections(
    corrections: Sequence[dict[str, Any]],
    review_id: str,
    earlier: Mapping[str, str],
    passages: Sequence[dict[str, Any]],
) -> list[tuple[str, dict[str, Any]]]:
    """Theme corrections of a review's passages that a new parse cut or worded differently
    (their ids hash the text, so they would match no passage any more), moved to the new
    passage that holds most of the earlier one's words: (the correction's id as stored, the
    correction as it now reads). `earlier` holds the stored passages' texts by id. A
    correction whose passage has no such successor stays as it was."""
    now = {p["id"] for p in passages}
    words = [(p["id"], trigrams(p["text"])) for p in passages]
    taken = {(c["passage_id"], c["theme"]) for c in corrections}
    moves = []
    for correction in corrections:
        old = correction["passage_id"]
        if correction["review_id"] != review_id or old in now or old not in earlier:
            continue
        mine = trigrams(earlier[old])
        best, share = None, 0.0
        for passage_id, theirs in words:
            kept = len(mine & theirs) / len(mine) if mine else 0.0  # of the old passage's words
            if kept > share:
                best, share = passage_id, kept
        if best is None or share < MOVE_SHARE or (best, correction["theme"]) in taken:
            continue
        taken.add((best, correction["theme"]))
        moved = {**correction, "passage_id": best, "id": f"{best}|{correction['theme']}"}
        moves.append((correction["id"], moved))
    return moves


def apply_corrections(
    rows: ReviewRows,
    theme_corrections: Iterable[dict[str, Any]],
    field_corrections: Iterable[dict[str, Any]],
) -> None:
    """Override the machine in one review's rows before they are written."""
    ids = {p["id"] for p in rows.passages}
    mine = [c for c in theme_corrections if c["passage_id"] in ids]
    if mine and rows.evidences is not None:
        rows.evidences = corrected_evidences(rows.evidences, mine)
        rows.review_themes = review_themes_in_force(
            rows.review_themes, rows.evidences, len(rows.passages), mine
        )
    updates = field_updates(field_corrections)
    rows.review.update(updates)
    if "partnership" in updates:  # the review is BY the partnership in force
        rows.partnership = partnership_row(updates["partnership"])
    if "child_pseudonyms" in updates:  # and ABOUT the children named in force
        rows.persons = person_rows(rows.review["id"], updates["child_pseudonyms"])
