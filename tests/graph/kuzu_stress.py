"""A stress of the Kùzu store's writes in place, run in subprocesses so that a segfault is a
negative return code and not a dead test runner (tests/graph/test_kuzu_stress.py).

A seeded random sequence of steps, each one writer session as a CLI command or an app action
would open: ingest a small review, re-ingest one (a new enrichment version), a renamed copy
(add_path), theme corrections of passages, corrections of every correctable field (a name,
a number, "not stated"), quotes saved, removed, reordered, collections dropped, drafts and
saved searches, deletes (with or without their quotes), citations linked again. After every
step every read the CLI and the app make runs and is checked against a model of what should
be stored (the parser's rows with the corrections in force applied, the quotes' copies...).
A sequence runs in chunks, one process each, and each process first reads everything again
from a store it has just opened: the reopened store must say the same.

    python -m tests.graph.kuzu_stress --seeds 0-19 --steps 40 --chunk 4   # a long run
    python -m tests.graph.kuzu_stress --seeds 7 --steps 40 --minimize      # a failure, cut down
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SLOTS = 5  # reviews, each in two wordings (two contents: two reviews)
COLLECTIONS = ("briefing one", "briefing two")

# -- the reviews: short, in our own words, every one naming a partnership, a child, years ----

AREAS = ["Ashcombe", "Brindlemoor", "Carrowdale", "Dunsfield", "Elmstead"]
KINDS = [
    "Learning Review",
    "Serious Case Review",
    "Rapid Review",
    "Local Child Safeguarding Practice Review",
    "Thematic Review",
]
AGES = ["four months old", "two years old", "nine years old", "fifteen years old", "six weeks old"]
HARMS = [
    "died",
    "was seriously injured",
    "was admitted to hospital with burns",
    "was found to have been neglected for months",
    "went missing and was exploited",
]
FINDINGS = [
    "The health visitor had not seen the baby for some weeks and nobody asked who else lived "
    "in the house.",
    "The police had been called to the home after arguments between the parents, and the GP "
    "was never told about it.",
    "The school noticed that the child was often hungry and tired but did not pass this on to "
    "children's social care.",
    "The mother had been drinking heavily and smoked cannabis, which the maternity team knew.",
    "Professionals accepted what the father said without checking it against the records.",
]


def review_text(slot: int, wording: int) -> str:
    """A short review; the second wording of a slot is another document (another review)."""
    year = 2014 + 2 * slot + wording
    child = f"Child {'KLMNP'[slot]}{wording + 1}"
    findings = [FINDINGS[(slot + n + wording) % len(FINDINGS)] for n in range(3)]
    return (
        f"{KINDS[slot]}: {child}\n\n"
        f"{AREAS[slot]} Safeguarding Children Partnership. Published March {year}.\n\n"
        "Background\n\n"
        f"{child} was {AGES[slot]} when the child {HARMS[slot]} in {year - 1}. "
        f"{findings[0]}\n\n"
        "What we found\n\n"
        f"{findings[1]} {findings[2]}\n\n"
        "Recommendations\n\n"
        f"1. The {AREAS[slot]} partnership should make sure that agencies share what they know "
        "about the adults around a child.\n"
    )


def doc_key(slot: int, wording: int) -> str:
    return f"{slot}-{wording}"


# -- the steps ---------------------------------------------------------------------------------

FIELD_VALUES: dict[str, list[str]] = {
    "title": ["A corrected title", "Review of the care of a baby", "Título corregido ü"],
    "review_type": ["lcspr", "serious_case_review", "rapid_review", "guidance", "briefing"],
    "partnership": [
        "Fernleigh Safeguarding Partnership",
        "Ashcombe Safeguarding Children Partnership",
        "Gorsebrook Board",
        "not stated",
    ],
    "author": [
        "A. Reviewer",
        "An Independent Author, with a much longer name than the first",
        "not stated",
    ],
    "child_pseudonyms": ["Child R", "Child S, Child T", "Baby U; Child V", "not stated"],
    "child_age": ["3 months", "2 years 6 months", "15", "not stated", "7 weeks"],
    "child_age_months": ["0", "7", "30", "190", "not stated"],
    "child_sex": ["male", "female", "not stated"],
    "outcome": ["died", "serious_harm", "other", "not stated"],
    "publication_year": ["2012", "2019", "2024", "not stated"],
    "incident_year": ["2011", "2018", "not stated"],
}
ACTIONS = ("accept", "reject", "add")


def make_steps(seed: int, count: int) -> list[list[dict[str, Any]]]:
    """Steps of one to three operations each (one writer session), from the seed alone; an
    operation on a review that is not stored at that point does nothing (the model says so)."""
    from ingest.themes import load_taxonomy

    themes = load_taxonomy().ids
    rng = random.Random(seed)
    weights = {
        "ingest": 5,
        "reingest": 3,
        "copy": 2,
        "correct_field": 8,
        "correct_theme": 6,
        "save_quote": 3,
        "remove_quote": 1,
        "reorder": 1,
        "drop_collection": 1,
        "document": 2,
        "delete": 2,
        "link": 1,
    }
    names, chances = zip(*weights.items(), strict=True)
    steps = []
    stored: list[str] = []  # which reviews are stored: most operations choose one of them
    for _ in range(count):
        step = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            op: dict[str, Any] = {"op": rng.choices(names, chances)[0]}
            op["doc"] = doc_key(rng.randrange(SLOTS), rng.randrange(2))
            if op["op"] != "ingest" and stored and rng.random() < 0.9:
                op["doc"] = rng.choice(stored)
            if op["op"] == "ingest" and op["doc"] not in stored:
                stored.append(op["doc"])
            elif op["op"] == "delete" and op["doc"] in stored:
                stored.remove(op["doc"])
            if op["op"] == "correct_field":
                op["field"] = rng.choice(list(FIELD_VALUES))
                op["value"] = rng.choice(FIELD_VALUES[op["field"]])
            elif op["op"] == "correct_theme":
                op["passage"] = rng.randrange(8)
                op["theme"] = rng.choice([*themes[:6], rng.choice(themes)])
                op["action"] = rng.choice(ACTIONS)
            elif op["op"] in {"save_quote", "remove_quote", "reorder", "drop_collection"}:
                op["collection"] = rng.choice(COLLECTIONS)
                op["passage"] = rng.randrange(8)
            elif op["op"] == "document":
                op["kind"] = rng.choice(("draft", "search", "drop_search"))
                op["name"] = rng.choice(COLLECTIONS)
                op["body"] = "x" * rng.choice((1, 40, 900))
            elif op["op"] == "delete":
                op["with_quotes"] = rng.random() < 0.5
            elif op["op"] == "copy":
                op["name"] = f"copy-{rng.randrange(3)}"
            step.append(op)
        steps.append(step)
    return steps


# -- what should be stored ---------------------------------------------------------------------


@dataclass
class Model:
    version: int = 1  # the enrichment version of the next ingest
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc key -> state
    quotes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # collection -> rows
    drafts: dict[str, str] = field(default_factory=dict)
    searches: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(**data)


class Documents:
    """Every review parsed and enriched once, by `prepare` (enrichment loads models for
    seconds), kept in a pickle beside the files that every process of a run shares."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.parsed: dict[str, Any] = pickle.loads((folder / "documents.pickle").read_bytes())

    @staticmethod
    def prepare(folder: Path) -> None:
        from ingest.pipeline import parse_document
        from tests.conftest import enricher

        enrich = enricher()
        parsed = {}
        for slot in range(SLOTS):
            for wording in range(2):
                key = doc_key(slot, wording)
                path = folder / "files" / f"review-{key}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(review_text(slot, wording))
                document = parse_document(path, path.read_bytes())
                parsed[key] = (document, enrich(document))
        (folder / "documents.pickle").write_bytes(pickle.dumps(parsed))

    def path(self, key: str, name: str | None = None) -> Path:
        return self.folder / "files" / f"{name or 'review'}-{key}.txt"

    def get(self, key: str) -> tuple[Any, Any]:
        return self.parsed[key]

    def enricher(self, version: int) -> Any:
        """What ingest_paths takes for an enricher: the stored enrichment, at a version."""
        documents = self

        class Stored:
            def __init__(self) -> None:
                self.version = f"v{version}"

            def __call__(self, document: Any) -> Any:
                for parsed, enrichment in documents.parsed.values():
                    if parsed.content_sha256 == document.content_sha256:
                        return enrichment
                raise KeyError(document.file_name)

        return Stored()


def expected_rows(docs: Documents, key: str, state: dict[str, Any]) -> Any:
    """The rows the store should hold for a review: the parser's, corrections applied."""
    from graph.corrections import apply_corrections
    from graph.schema import review_rows

    document, enrichment = docs.get(key)
    rows = review_rows(document, f"{_parse_version()}+v{state['version']}", enrichment)
    apply_corrections(rows, state["themes"], state["fields"])
    rows.review["paths"] = state["paths"]
    return rows


def _parse_version() -> str:
    from ingest.batch import PARSE_VERSION

    return str(PARSE_VERSION)


# -- applying a step ---------------------------------------------------------------------------


def apply(store: Any, docs: Documents, model: Model, op: dict[str, Any]) -> None:
    """One operation, as the CLI or the app does it, and its effect on the model."""
    from graph.corrections import theme_correction
    from graph.schema import QUOTE_FIELDS
    from ingest.batch import ingest_paths
    from ingest.themes import load_taxonomy
    from search_app import coding

    key = op["doc"]
    state = model.stored.get(key)
    document, _ = docs.get(key)
    kind = op["op"]
    if kind == "ingest" or (kind == "reingest" and state is not None):
        if kind == "reingest":
            model.version += 1
        report = ingest_paths([docs.path(key)], store, enricher=docs.enricher(model.version))
        assert not report.count("failed"), report.to_json()
        if state is None:
            state = {"themes": [], "fields": [], "field_events": 0, "theme_events": 0}
            state["version"] = model.version
            state["paths"] = [str(docs.path(key))]
            model.stored[key] = state
        elif report.count("ingested"):
            state["version"] = model.version
            # a review written again keeps the paths of renamed copies seen before
            if str(docs.path(key)) not in state["paths"]:
                state["paths"].append(str(docs.path(key)))
    elif state is None:
        return  # the review is not stored: nothing to do
    elif kind == "copy":
        copy = docs.path(key, op["name"])
        if not copy.exists():
            shutil.copyfile(docs.path(key), copy)
        ingest_paths([copy], store, enricher=docs.enricher(state["version"]))
        if str(copy) not in state["paths"]:
            state["paths"].append(str(copy))
    elif kind == "correct_field":
        saved = coding.correct_field(store, document.review_id, op["field"], op["value"], "QA")
        fields = {c["field"]: c for c in state["fields"]}
        fields.update({c["field"]: c for c in saved})
        state["fields"] = sorted(fields.values(), key=lambda c: c["made_at"])
        state["field_events"] += len(saved)
        copies = {"title": "title", "partnership": "partnership", "publication_year": "year"}
        for name, value in ((c["field"], json.loads(c["value"])) for c in saved):
            for rows in model.quotes.values():
                for quote in rows:
                    if quote["review_id"] == document.review_id and name in copies:
                        quote[copies[name]] = value
    elif kind == "correct_theme":
        passage = document.passages[op["passage"] % len(document.passages)]
        theme_ids = load_taxonomy().ids
        made = theme_correction(  # unchecked, unlike a person's (coding.code_theme)
            passage.id, document.review_id, op["theme"], op["action"], "QA", theme_ids
        )
        store.correct_theme(made)
        state["themes"] = [
            c for c in state["themes"] if (c["passage_id"], c["theme"]) != (passage.id, op["theme"])
        ] + [made]
        state["theme_events"] += 1
    elif kind == "save_quote":
        passage = document.passages[op["passage"] % len(document.passages)]
        review = expected_rows(docs, key, state).review
        quote = {
            "passage_id": passage.id,
            "review_id": document.review_id,
            "text": passage.text,
            "title": review["title"],
            "partnership": review["partnership"],
            "year": review["publication_year"],
            "page_start": passage.page_start,
            "page_end": passage.page_end,
            "paragraph_numbers": list(passage.paragraph_numbers),
            "section": passage.section,
            "note": None,
        }
        quote_id = store.save_quote(op["collection"], quote)
        rows = model.quotes.setdefault(op["collection"], [])
        if all(row["id"] != quote_id for row in rows):
            rows.append({"id": quote_id, **{name: quote[name] for name in QUOTE_FIELDS}})
    elif kind in {"remove_quote", "reorder", "drop_collection"}:
        rows = model.quotes.get(op["collection"], [])
        if kind == "remove_quote" and rows:
            gone = rows.pop(op["passage"] % len(rows))
            store.remove_quote(op["collection"], gone["id"])
        elif kind == "reorder" and rows:
            rows.reverse()
            store.reorder_quotes(op["collection"], [row["id"] for row in rows])
        elif kind == "drop_collection":
            store.delete_collection(op["collection"])
            model.quotes.pop(op["collection"], None)
            model.drafts.pop(op["collection"], None)
    elif kind == "document":
        body = {"text": op["body"] + key}
        if op["kind"] == "draft" and op["name"] in model.quotes:
            store.save_draft(op["name"], body)
            model.drafts[op["name"]] = json.dumps(body)
        elif op["kind"] == "search":
            store.save_search(op["name"], body)
            model.searches[op["name"]] = json.dumps(body)
        elif op["kind"] == "drop_search":
            store.delete_search(op["name"])
            model.searches.pop(op["name"], None)
    elif kind == "delete":
        store.delete_review(document.review_id, with_quotes=op["with_quotes"])
        del model.stored[key]
        if op["with_quotes"]:
            for name in list(model.quotes):
                model.quotes[name] = [
                    q for q in model.quotes[name] if q["review_id"] != document.review_id
                ]
    elif kind == "link":
        store.link_citations()


# -- every read, checked -----------------------------------------------------------------------


def held_reader(data: Path) -> Any:
    """A store whose reads share one read-only handle, opened at the first read and closed by
    `_close` (the CLI and the app open one a read: the same file, 150 ms each)."""
    import contextlib
    from collections.abc import Iterator

    from graph.kuzu_store import KuzuStore

    class Held(KuzuStore):
        @contextlib.contextmanager
        def _connection_unlocked(self) -> Iterator[Any]:
            import kuzu

            if self._db is None:
                self._db = self._open(kuzu)
            connection = kuzu.Connection(self._db)
            try:
                yield connection
            finally:
                connection.close()

    return Held(data)


class Wrong(AssertionError):
    """The store read back something other than what was written."""


def check(condition: bool, what: str, got: Any = None, want: Any = None) -> None:
    if not condition:
        raise Wrong(f"{what}: got {got!r}, want {want!r}")


def read_all(store: Any, docs: Documents, model: Model, scratch: Path) -> int:
    """Every read of the CLI and the app, checked against the model; returns how many ran."""
    from graph import analytics, export, kuzu_queries
    from graph.analytics import Filters
    from graph.corrections import CORRECTABLE_FIELDS, fields_in_force
    from graph.filters import SearchFilters
    from search_app.browse import theme_passages

    reads = 0
    expected = {key: expected_rows(docs, key, state) for key, state in model.stored.items()}
    by_id = {rows.review["id"]: rows for rows in expected.values()}
    compared = [*CORRECTABLE_FIELDS, "age_band", "document_kind", "version"]

    listed = store.reviews()
    reads += 1
    check({r["review_id"] for r in listed} == set(by_id), "reviews listed", len(listed))
    for row in listed:
        want = by_id[row["review_id"]].review
        for name in (
            "title",
            "review_type",
            "partnership",
            "publication_year",
            "child_age",
            "age_band",
            "child_sex",
            "outcome",
        ):
            check(row[name] == want[name], f"reviews: {name}", row[name], want[name])
        check(
            sorted(row["child_pseudonyms"] or []) == sorted(want["child_pseudonyms"]),
            "reviews: child_pseudonyms",
            row["child_pseudonyms"],
            want["child_pseudonyms"],
        )
        check(
            sorted(row["paths"]) == sorted(want["paths"]),
            "reviews: paths",
            row["paths"],
            want["paths"],
        )

    passage_ids: list[str] = []
    carried: dict[str, set[str]] = {}
    for review_id, rows in by_id.items():
        document = store.document(review_id)
        reads += 1
        for name in compared:
            got, want = document[name], rows.review[name]
            if name == "child_pseudonyms":
                got, want = sorted(got or []), sorted(want or [])
            check(got == want, f"show {review_id}: {name}", got, want)
        themes = {(p["id"], t["theme"]) for p in document["passages"] for t in p["themes"]}
        wanted = {(e["passage"], e["theme"]) for e in rows.evidences}
        check(themes == wanted, f"show {review_id}: passage themes", themes ^ wanted)
        review_themes = {t["theme"]: t["passages"] for t in document["review_themes"]}
        check(
            review_themes == {t["theme"]: t["passages"] for t in rows.review_themes},
            f"show {review_id}: review themes",
            review_themes,
            rows.review_themes,
        )
        history = store.field_correction_history(review_id)
        reads += 1
        state = next(s for k, s in model.stored.items() if expected[k] is rows)
        check(len(history) == state["field_events"], "history rows", len(history))
        shown = fields_in_force(document["metadata"], history)
        for correction in state["fields"]:
            got = shown[correction["field"]]["value"]
            check(got == json.loads(correction["value"]), "fields in force", got, correction)
        neighbours = analytics.neighbourhood(store, review_id)
        reads += 1
        check(
            neighbours is not None and neighbours["title"] == rows.review["title"],
            "neighbourhood title",
            neighbours and neighbours["title"],
            rows.review["title"],
        )
        by = store.query(
            "MATCH (r:Review {id: $id})-[:BY]->(x:Partnership) RETURN x.name AS name",
            {"id": review_id},
        )
        want_by = [rows.partnership["name"]] if rows.partnership else []
        check([r["name"] for r in by] == want_by, "BY partnership", by, want_by)
        about = store.query(
            "MATCH (r:Review {id: $id})-[:ABOUT]->(x:Person) RETURN x.pseudonym AS name",
            {"id": review_id},
        )
        want_about = sorted(p["pseudonym"] for p in rows.persons)
        check(sorted(r["name"] for r in about) == want_about, "ABOUT", about, want_about)
        reads += 3
        passage_ids += [p["id"] for p in rows.passages]
        for e in rows.evidences:
            carried.setdefault(e["theme"], set()).add(e["passage"])

    # the search index: passages, their themes and the filters' fields
    found = store.passages(passage_ids)
    reads += 1
    check(set(found) == set(passage_ids), "passages found", len(found), len(passage_ids))
    for pid, row in found.items():
        want = by_id[row["review_id"]]
        themes = {e["theme"] for e in want.evidences if e["passage"] == pid}
        check(set(row.get("themes") or []) == themes, f"index themes {pid}", row.get("themes"))
        check(
            row["partnership"] == want.review["partnership"],
            "index partnership",
            row["partnership"],
            want.review["partnership"],
        )
        check(row["year"] == want.review["publication_year"], "index year", row["year"])
    for rows in by_id.values():
        partnership = rows.review["partnership"]
        if partnership:
            hits = store.keyword_search("agencies", 200, SearchFilters(partnership=partnership))
            reads += 1
            got_reviews = {found[pid]["review_id"] for pid, _ in hits if pid in found}
            check(rows.review["id"] in got_reviews, "search by partnership", partnership)
    year_hits = store.keyword_search("agencies", 200, SearchFilters(year_from=2019))
    dense = store.dense_search(docs_vector(), 20, SearchFilters(review_types=("lcspr",)))
    for pid, _ in dense:
        check(by_id[found[pid]["review_id"]].review["review_type"] == "lcspr", "dense filter")
    for pid, _ in year_hits:
        year = by_id[found[pid]["review_id"]].review["publication_year"]
        check(year is not None and year >= 2019, "year filter", year)
    store.review_vectors()
    store.review_profiles()
    reads += 4

    # the graph's analytics, the theme browser, the Themes page's reads
    cases = Filters(exclude_types=analytics.OTHER_KINDS)
    analytics.cooccurrence(store, cases)
    trends = analytics.theme_trends(store, Filters())
    analytics.theme_trends(store, Filters(partnership="Partnership"), "incident")
    analytics.entity_theme_links(store, "agency", None, cases)
    analytics.compare_periods(store, (2010, 2018), (2019, 2026), cases)
    reads += 5
    dated = Counter(r.review["publication_year"] for r in by_id.values())
    for row in trends:
        check(row["total_reviews"] == dated[row["year"]], "trends total", row, dated)
    for theme, passages in sorted(carried.items())[:6]:
        browsed = {r.passage_id for r in theme_passages(store, [theme])}
        reads += 1
        check(browsed == passages, f"theme browser {theme}", browsed ^ passages)
    for name in kuzu_queries.REVIEW_COLUMNS:  # each column of every review, as scans read it
        store.query(f"MATCH (r:Review) RETURN r.{name} AS v")
    store.query(kuzu_queries.CITATION_SIGNATURES)
    store.query(kuzu_queries.REVIEW_TEXTS)
    reads += len(kuzu_queries.REVIEW_COLUMNS) + 2

    # corrections, quotes, drafts, saved searches
    in_force = {c["id"]: c["action"] for s in model.stored.values() for c in s["themes"]}
    got = {c["id"]: c["action"] for c in store.theme_corrections()}
    check(got == in_force, "theme corrections", got, in_force)
    history = store.theme_correction_history()
    events = sum(s["theme_events"] for s in model.stored.values())
    check(len(history) == events, "theme history rows", len(history), events)
    reads += 2
    collections = {c["name"]: c["quotes"] for c in store.collections()}
    want_collections = {name: len(rows) for name, rows in model.quotes.items()}
    check(collections == want_collections, "collections", collections, want_collections)
    for name, rows in model.quotes.items():
        quotes = store.quotes(name)
        reads += 1
        check(
            [q["id"] for q in quotes] == [r["id"] for r in rows],
            f"quotes of {name}",
            [q["id"] for q in quotes],
            [r["id"] for r in rows],
        )
        for quote, want in zip(quotes, rows, strict=True):
            for column in ("title", "partnership", "year", "text", "passage_id"):
                check(quote[column] == want[column], f"quote {column}", quote[column], want[column])
    for name, body in model.drafts.items():
        check(json.dumps(store.draft(name)) == body, "draft", store.draft(name), body)
    searches = {s["name"]: json.dumps(s["search"]) for s in store.saved_searches()}
    check(searches == model.searches, "saved searches", searches, model.searches)
    reads += 2 + len(model.drafts)

    export.to_graphml(store, scratch / "graph.graphml")  # every node and edge, every property
    reads += 1
    return reads


def read_store(data: Path, docs: Documents, model: Model, scratch: Path) -> int:
    """Open the store read-only (as a reader process does) and run every read."""
    store = held_reader(data)
    try:
        return read_all(store, docs, model, scratch)
    finally:
        store._close()


def docs_vector() -> Any:
    import numpy as np

    from ingest.embed import FakeEmbedder

    return FakeEmbedder().embed(["agencies did not share what they knew"])[0].astype(np.float32)


# -- one process: read what the last one left, then run a chunk of steps -----------------------


@dataclass
class Outcome:
    seed: int
    steps: int
    ok: bool
    returncode: int = 0
    step: int | None = None
    message: str = ""
    seconds: float = 0.0


def run_seed(
    seed: int,
    steps: int,
    chunk: int,
    documents: Path,
    keep: list[int] | None = None,
) -> Outcome:
    """One seed's steps in processes of `chunk` steps each (a last process only reads),
    with the reviews `Documents.prepare` left in `documents`; `keep` runs only those steps
    of the sequence (to cut a failure down)."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="kuzu-stress-"))
    shutil.copytree(documents, folder, dirs_exist_ok=True)
    try:
        order = keep if keep is not None else list(range(steps))
        (folder / "order.json").write_text(json.dumps(order))
        last = None
        for start in range(0, len(order) + 1, chunk):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tests.graph.kuzu_stress",
                    "--worker",
                    str(folder),
                    "--seeds",
                    str(seed),
                    "--steps",
                    str(steps),
                    "--range",
                    f"{start}:{start + chunk}",
                ],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode != 0:
                stepped = [line for line in done.stdout.splitlines() if line.startswith("step ")]
                # failed on reopening: the last step of the process before
                step = int(stepped[-1].split()[1].rstrip(":")) if stepped else last
                tail = (done.stderr or done.stdout)[-3000:]
                return Outcome(
                    seed, steps, False, done.returncode, step, tail, time.monotonic() - started
                )
            last = order[min(start + chunk, len(order)) - 1] if order else None
        return Outcome(seed, steps, True, seconds=time.monotonic() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def minimize(seed: int, steps: int, chunk: int, documents: Path) -> list[int]:
    """The fewest steps of a failing sequence that still fail the same way (one at a time)."""
    failing = run_seed(seed, steps, chunk, documents)
    assert not failing.ok, "the sequence does not fail"
    keep = list(range((failing.step or steps - 1) + 1))
    for step in reversed(keep[:-1]):
        trial = [s for s in keep if s != step]
        outcome = run_seed(seed, steps, chunk, documents, keep=trial)
        if not outcome.ok and outcome.returncode == failing.returncode:
            keep = trial
            print(f"without step {step}: still fails ({len(keep)} left)", flush=True)
    return keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--chunk", type=int, default=4)
    parser.add_argument("--minimize", action="store_true")
    parser.add_argument("--worker")
    parser.add_argument("--range")
    args = parser.parse_args()
    low, _, high = args.seeds.partition("-")
    seeds = list(range(int(low), int(high or low) + 1))
    if args.worker:
        folder = Path(args.worker)
        order = json.loads((folder / "order.json").read_text())
        start, end = map(int, args.range.split(":"))
        worker_steps(folder, seeds[0], order[start:end], args.steps)
        return
    documents = Path(tempfile.mkdtemp(prefix="kuzu-stress-documents-"))
    Documents.prepare(documents)
    if args.minimize:
        keep = minimize(seeds[0], args.steps, args.chunk, documents)
        steps = make_steps(seeds[0], args.steps)
        print(json.dumps([steps[n] for n in keep], indent=1))
        return
    started = time.monotonic()
    failed = 0
    for seed in seeds:
        outcome = run_seed(seed, args.steps, args.chunk, documents)
        failed += not outcome.ok
        print(json.dumps(outcome.__dict__), flush=True)
    print(
        f"{len(seeds)} seeds x {args.steps} steps (processes of {args.chunk}): "
        f"{failed} failed, {time.monotonic() - started:.0f} s"
    )
    sys.exit(1 if failed else 0)


def worker_steps(folder: Path, seed: int, numbers: list[int], total: int) -> None:
    """Read the store as the last process left it, then run the given steps of the seed."""
    import os

    from graph import kuzu_queries
    from graph.kuzu_store import KuzuStore

    if os.environ.get("KUZU_STRESS_WITHOUT_REWRITE"):  # to see the stress find the old crash
        kuzu_queries.rewrite_strings = lambda *names: []

    steps = make_steps(seed, total)
    docs = Documents(folder)
    state_file = folder / "model.json"
    model = Model.from_json(json.loads(state_file.read_text())) if state_file.exists() else Model()
    data = folder / "data"
    if data.exists():
        reads = read_store(data, docs, model, folder)
        print(f"reopened: {reads} reads", flush=True)
    for number in numbers:
        print(f"step {number}: {json.dumps(steps[number])}", flush=True)
        store = KuzuStore(data)
        with store.writer():
            for op in steps[number]:
                apply(store, docs, model, op)
        state_file.write_text(json.dumps(model.to_json()))
        reads = read_store(data, docs, model, folder)
        print(f"step {number}: {reads} reads", flush=True)


if __name__ == "__main__":
    main()
