"""Neo4jStore against a recording fake driver: the exact Cypher and parameters it sends.

No Neo4j server runs here, so these tests pin what is sent; the backend-agnostic contract
tests run the same store against a real server when NEO4J_URI is set.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from graph import kuzu_queries as kq
from graph import neo4j_queries as q
from graph.corrections import theme_correction
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from graph.neo4j_store import Neo4jStore
from graph.passage_index import query_terms
from graph.schema import QUOTE_FIELDS, ReviewRows, review_rows
from graph.store import StoreLocked, StoreUnavailable
from ingest.embed import FakeEmbedder
from ingest.enrich import Enricher, Enrichment
from ingest.entities import EntityExtractor
from ingest.pipeline import parse_document
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.types import ParsedDocument
from tests.graph.test_store_contract import NEO4J, StoreContract

PAYLOAD = "'}) DETACH DELETE (n) //"

REVIEW = """Child Safeguarding Practice Review: {title}

Hartwell Safeguarding Children Partnership

Published March 2021

Background

Child K was two months old when she died in January 2020 after co-sleeping with her
mother on a sofa. Section 47 enquiries under the Children Act 1989 followed. Her mother
smoked cannabis daily, and the health visitor knew this.

Analysis

The police attended the home twice for domestic abuse but did not tell the GP.

Recommendations

1. Health visitors should ask parents directly about cannabis use and safer sleep.
"""

THEMES = [{"id": "cannabis", "label": "Cannabis", "group_name": "parental", "parent": None}]


# -- a recording fake of the neo4j driver ---------------------------------------------------


class FakeError(Exception):
    """Stands in for a neo4j.exceptions.Neo4jError raised by a statement."""


class FakeResult:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def data(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.rows]

    def __iter__(self) -> Iterator[dict[str, Any]]:  # records, streamed
        return iter(self.data())

    def consume(self) -> None:
        return None


class FakeNeo4j:
    """Records every statement as (where, query, parameters), with 'begin', 'commit' and
    'rollback' between; answers from `answers` (query -> rows) and keeps a tiny model of
    the WriterLock node so that two stores sharing one fake compete for the lease. An
    answer may be a function of the parameters."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.log: list[tuple[Any, ...]] = []
        self.answers: dict[str, Any] = answers or {}
        self.fail_on: str | None = None  # a statement that raises, once reached
        self.fail_with: Exception | None = None  # what it raises, if not a FakeError
        self.fail_commit = False
        self.lease: dict[str, Any] | None = None
        self.now = 1_700_000_000_000  # the server's clock, in ms
        self.session_config: list[dict[str, Any]] = []
        self.closed = False

    def session(self, **config: Any) -> FakeSession:
        self.session_config.append(config)
        return FakeSession(self)

    def close(self) -> None:
        self.closed = True

    def run(self, where: str, query: str, parameters: dict[str, Any]) -> FakeResult:
        self.log.append((where, query, copy.deepcopy(parameters)))
        if self.fail_on is not None and query == self.fail_on:
            raise self.fail_with or FakeError(f"Neo.ClientError.Statement.Failed: {query[:30]}")
        if query == q.ACQUIRE_LEASE:
            return FakeResult([self._acquire(parameters)])
        if query == q.RENEW_LEASE:
            if self.lease is None or self.lease["holder"] != parameters["holder"]:
                return FakeResult([])
            self.lease["expires"] = self.now + parameters["lease_ms"]
            return FakeResult([{"expires": self.lease["expires"]}])
        if query == q.RELEASE_LEASE:
            if self.lease is not None and self.lease["holder"] == parameters["holder"]:
                self.lease = None
            return FakeResult([])
        answer = self.answers.get(query, [])
        return FakeResult(copy.deepcopy(answer(parameters) if callable(answer) else answer))

    def _acquire(self, parameters: dict[str, Any]) -> dict[str, Any]:
        lease = self.lease
        free = lease is None or lease["holder"] == parameters["holder"]
        free = free or (lease is not None and lease["expires"] < self.now)
        if free:
            self.lease = {
                "holder": parameters["holder"],
                "expires": self.now + parameters["lease_ms"],
            }
        assert self.lease is not None
        return {"acquired": free, **self.lease, "now": self.now}

    # what the tests look at

    def statements(self, where: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [(e[1], e[2]) for e in self.log if len(e) == 3 and where in (None, e[0])]

    def clear(self) -> None:
        self.log.clear()


class FakeSession:
    def __init__(self, db: FakeNeo4j) -> None:
        self.db = db

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> FakeResult:
        return self.db.run("auto", query, dict(parameters or {}))

    def begin_transaction(self) -> FakeTransaction:
        self.db.log.append(("begin",))
        return FakeTransaction(self.db, "tx")

    def execute_read(self, work: Callable[[FakeTransaction], Any]) -> Any:
        return work(FakeTransaction(self.db, "read"))

    def execute_write(self, work: Callable[[FakeTransaction], Any]) -> Any:
        """A managed write transaction: committed when `work` returns, else rolled back."""
        self.db.log.append(("begin",))
        tx = FakeTransaction(self.db, "write")
        try:
            result = work(tx)
        except BaseException:
            tx.rollback()
            raise
        tx.commit()
        return result


class FakeTransaction:
    def __init__(self, db: FakeNeo4j, where: str) -> None:
        self.db, self.where, self._closed = db, where, False

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> FakeResult:
        assert not self._closed, "statement after the transaction closed"
        return self.db.run(self.where, query, dict(parameters or {}))

    def commit(self) -> None:
        self._closed = True
        if self.db.fail_commit:
            raise FakeError("Neo.TransientError.Transaction.Outdated")
        self.db.log.append(("commit",))

    def rollback(self) -> None:
        assert not self._closed, "rollback of a closed transaction"
        self._closed = True
        self.db.log.append(("rollback",))

    def closed(self) -> bool:
        return self._closed


# -- fixtures -------------------------------------------------------------------------------


def parsed(tmp_path: Path, title: str = "Child K") -> ParsedDocument:
    path = tmp_path / "child-k.txt"
    path.write_text(REVIEW.format(title=title))
    return parse_document(path, path.read_bytes())


def enrich(document: ParsedDocument) -> Enrichment:
    embedder = FakeEmbedder()
    themes = ThemeClassifier(load_taxonomy(), embedder)
    return Enricher(themes, EntityExtractor(use_ner=False), embedder, "test-1")(document)


@pytest.fixture
def db() -> FakeNeo4j:
    return FakeNeo4j()


def make_store(db: FakeNeo4j, **options: Any) -> Neo4jStore:
    options.setdefault("themes", THEMES)
    return Neo4jStore("neo4j://example:7687", "neo4j", "secret", driver=db, **options)


def lease_params(db: FakeNeo4j) -> dict[str, Any]:
    """The parameters the current lease holder sends with each lease statement."""
    assert db.lease is not None
    return {"lock": "casegraph", "holder": db.lease["holder"], "lease_ms": 600_000}


# -- schema and lease -----------------------------------------------------------------------

EXPECTED_SCHEMA = [
    *(
        f"CREATE CONSTRAINT {name}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for name, label in [
            ("review", "Review"),
            ("passage", "Passage"),
            ("theme", "Theme"),
            ("agency", "Agency"),
            ("role", "Role"),
            ("programme", "Programme"),
            ("legislation", "Legislation"),
            ("place", "Place"),
            ("partnership", "Partnership"),
            ("person", "Person"),
            ("recommendation", "Recommendation"),
            ("collection", "Collection"),
            ("quote", "Quote"),
            ("writer_lock", "WriterLock"),
            ("meta", "Meta"),
        ]
    ),
    "CREATE INDEX review_content_sha256 IF NOT EXISTS FOR (r:Review) ON (r.content_sha256)",
    "CREATE VECTOR INDEX passage_embedding IF NOT EXISTS FOR (p:Passage) ON p.embedding "
    "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
    "CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (p:Passage) ON EACH [p.text, p.section] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
    # people's corrections (graph/corrections.py)
    "CREATE CONSTRAINT theme_correction_id IF NOT EXISTS FOR (n:ThemeCorrection) "
    "REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT field_correction_id IF NOT EXISTS FOR (n:FieldCorrection) "
    "REQUIRE n.id IS UNIQUE",
]


def test_writer_sets_up_schema_in_order_then_takes_the_lease_then_upserts_themes(
    db: FakeNeo4j,
) -> None:
    store = make_store(db, database="reviews")
    with store.writer():
        lease = lease_params(db)
        assert db.log == [
            *(("auto", statement, {}) for statement in EXPECTED_SCHEMA),
            ("auto", q.ACQUIRE_LEASE, lease),
            ("begin",),
            ("tx", q.RENEW_LEASE, lease),
            ("tx", q.UPSERT_THEMES, {"rows": THEMES}),
            ("commit",),
        ]
    assert db.log[-1] == ("auto", q.RELEASE_LEASE, lease)
    assert db.lease is None
    assert db.session_config and all(
        c == {"database": "reviews", "notifications_disabled_classifications": ["UNRECOGNIZED"]}
        for c in db.session_config
    )
    assert q.UPSERT_THEMES == "UNWIND $rows AS row MERGE (t:Theme {id: row.id}) SET t += row"

    db.clear()  # a second writer runs the same steps; IF NOT EXISTS makes them no-ops
    with store.writer():
        pass
    assert [s for s, _ in db.statements("auto")][: len(EXPECTED_SCHEMA)] == EXPECTED_SCHEMA
    assert all("IF NOT EXISTS" in statement for statement in q.SCHEMA)


def test_a_second_writer_is_refused_while_the_lease_is_live(db: FakeNeo4j) -> None:
    first, second = make_store(db), make_store(db)
    with first.writer():
        holder = lease_params(db)["holder"]
        db.clear()
        refusal = pytest.raises(StoreLocked, match="another casegraph writer")
        with refusal as refused, second.writer():
            pytest.fail("the second writer must not get in")
        assert holder in str(refused.value) and "600 s more" in str(refused.value)
        assert ("begin",) not in db.log  # refused before writing anything, themes included
        assert q.RELEASE_LEASE not in [s for s, _ in db.statements()]  # not its lease
        assert db.lease is not None and db.lease["holder"] == holder
        with pytest.raises(StoreLocked), first.writer():  # nor may one store nest two
            pass
    with second.writer():  # released on exit: now the second one may write
        assert db.lease is not None and db.lease["holder"] != holder


def test_an_expired_lease_is_taken_over_and_its_old_holder_can_no_longer_write(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    first, second = make_store(db), make_store(db)
    document = parsed(tmp_path)
    with contextlib.ExitStack() as stack:
        stack.enter_context(first.writer())
        old = lease_params(db)
        db.now += 601_000  # the first writer stalled past its lease
        with second.writer():
            new = lease_params(db)
            assert new["holder"] != old["holder"]
            db.clear()
            with pytest.raises(StoreLocked, match="expired"):
                first.put(document, "1")
            assert db.log == [("begin",), ("tx", q.RENEW_LEASE, old), ("rollback",)]
            stack.close()  # the first writer leaves; it must not release the new lease
            assert db.lease is not None and db.lease["holder"] == new["holder"]
    assert db.lease is None


def test_writes_outside_writer_are_refused_before_anything_is_sent(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    store = make_store(db)
    with pytest.raises(RuntimeError, match="writer"):
        store.put(parsed(tmp_path), "1")
    with pytest.raises(RuntimeError, match="writer"):
        store.add_path("abc", "x.pdf")
    with pytest.raises(RuntimeError, match="writer"):
        store.link_citations()
    assert db.log == []


# -- one review, one transaction ------------------------------------------------------------


def expected_put(rows: ReviewRows, lease: dict[str, Any]) -> list[tuple[Any, ...]]:
    review_id = rows.review["id"]
    passages = [
        {k: v for k, v in p.items() if not (k == "embedding" and v is None)} for p in rows.passages
    ]
    log: list[tuple[Any, ...]] = [
        ("begin",),
        ("tx", q.RENEW_LEASE, lease),
        ("tx", q.REVIEW_VERSION, {"id": review_id}),
        ("tx", q.THEME_CORRECTIONS, {}),  # people's corrections, applied to the rows
        ("tx", q.FIELD_CORRECTIONS, {"id": review_id}),
        *(("tx", statement, {"id": review_id}) for statement in q.DELETE_REVIEW),
        ("tx", q.CREATE_REVIEW, {"rows": [rows.review]}),
        ("tx", q.CREATE_PASSAGES, {"rows": passages}),
        (
            "tx",
            q.LINK_PASSAGES,
            {"rows": [{"id": p["id"], "review_id": review_id} for p in rows.passages]},
        ),
    ]
    if rows.evidences:
        log.append(("tx", q.CREATE_EVIDENCES, {"rows": rows.evidences}))
    if rows.review_themes:
        log.append(("tx", q.CREATE_REVIEW_THEMES, {"rows": rows.review_themes, "id": review_id}))
    for label, nodes in rows.entities.items():
        if nodes:
            log.append(("tx", q.merge_entities(label), {"rows": nodes}))
            log.append(("tx", q.create_mentions(label), {"rows": rows.mentions[label]}))
    assert rows.partnership is not None
    partnership = {"id": review_id, "partnership": rows.partnership["id"]}
    log.append(("tx", q.LINK_PARTNERSHIP, partnership | {"name": rows.partnership["name"]}))
    log.append(("tx", q.CREATE_PERSONS, {"rows": rows.persons, "id": review_id}))
    log.append(("tx", q.CREATE_RECOMMENDATIONS, {"rows": rows.recommendations, "id": review_id}))
    log.append(("tx", q.BUMP_GENERATION, {"meta": "casegraph"}))
    log.append(("commit",))
    return log


def test_put_writes_a_real_review_in_one_transaction_with_exact_statements(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    document = parsed(tmp_path)
    enrichment = enrich(document)
    rows = review_rows(document, "1+test-1", enrichment)
    store = make_store(db)
    with store.writer():
        lease = lease_params(db)
        db.clear()
        assert store.put(document, "1+test-1", enrichment) is None  # nothing stored before
        assert db.log == expected_put(rows, lease)

        db.clear()
        db.answers[q.REVIEW_VERSION] = [{"version": "1+test-0"}]
        assert store.put(document, "1+test-1", enrichment) == "1+test-0"
        assert db.log == expected_put(rows, lease)

    # what the rows are, independently of review_rows: the parser's passages and vectors
    sent = dict(db.statements("tx"))
    (review,) = sent[q.CREATE_REVIEW]["rows"]
    assert review["id"] == document.review_id and review["version"] == "1+test-1"
    assert review["partnership"] == "Hartwell Safeguarding Children Partnership"
    passages = sent[q.CREATE_PASSAGES]["rows"]
    assert [p["text"] for p in passages] == [p.text for p in document.passages]
    assert all(len(p["embedding"]) == 384 for p in passages)
    assert all(type(x) is float for x in passages[0]["embedding"])
    mentioned = {
        label
        for label in ("Agency", "Role", "Programme", "Legislation", "Place")
        if q.create_mentions(label) in sent
    }
    assert mentioned == {"Agency", "Role", "Programme", "Legislation"}
    assert {"police", "gp", "health_visiting"} <= {
        row["id"] for row in sent[q.merge_entities("Agency")]["rows"]
    }
    assert sent[q.CREATE_PERSONS]["rows"] == [
        {"id": f"{document.review_id}:Child K", "pseudonym": "Child K"}
    ]


def test_write_statements_are_the_intended_cypher() -> None:
    assert q.DELETE_REVIEW == [
        "MATCH (r:Review {id: $id})-[:HAS_PASSAGE]->(p:Passage) DETACH DELETE p",
        "MATCH (r:Review {id: $id})-[:HAS_RECOMMENDATION]->(x:Recommendation) DETACH DELETE x",
        "MATCH (r:Review {id: $id})-[:ABOUT]->(x:Person) DETACH DELETE x",
        "MATCH (r:Review {id: $id}) DETACH DELETE r",
    ]
    assert q.CREATE_REVIEW == "UNWIND $rows AS row CREATE (r:Review) SET r += row"
    assert q.CREATE_PASSAGES == "UNWIND $rows AS row CREATE (p:Passage) SET p += row"
    assert q.CREATE_EVIDENCES == (
        "UNWIND $rows AS row MATCH (p:Passage {id: row.passage}) MATCH (t:Theme {id: row.theme}) "
        "CREATE (p)-[:EVIDENCES {score: row.score, spans: row.spans}]->(t)"
    )
    assert q.CREATE_REVIEW_THEMES == (
        "MATCH (r:Review {id: $id}) UNWIND $rows AS row MATCH (t:Theme {id: row.theme}) "
        "CREATE (r)-[:HAS_THEME {passages: row.passages, weight: row.weight, "
        "parts: row.parts, quotes: row.quotes}]->(t)"
    )
    assert q.merge_entities("Place") == (
        "UNWIND $rows AS row MERGE (e:Place {id: row.id}) ON CREATE SET e += row"
    )
    assert q.create_mentions("Agency") == (
        "UNWIND $rows AS row MATCH (p:Passage {id: row.passage}) MATCH (e:Agency {id: row.id}) "
        "CREATE (p)-[:MENTIONS {count: row.count}]->(e)"
    )
    assert q.LINK_PARTNERSHIP == (
        "MERGE (x:Partnership {id: $partnership}) ON CREATE SET x.name = $name "
        "WITH x MATCH (r:Review {id: $id}) CREATE (r)-[:BY]->(x)"
    )
    assert q.CREATE_RECOMMENDATIONS == (
        "MATCH (r:Review {id: $id}) UNWIND $rows AS row "
        "CREATE (r)-[:HAS_RECOMMENDATION]->(x:Recommendation) SET x += row"
    )
    assert q.ADD_PATH == (
        "MATCH (r:Review {content_sha256: $sha}) "
        "WHERE NOT $path IN r.paths SET r.paths = r.paths + [$path]"
    )


def test_put_without_enrichment_writes_passages_without_embedding_property(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    document = parsed(tmp_path)
    store = make_store(db)
    with store.writer():
        db.clear()
        store.put(document, "1")
    sent = db.statements("tx")
    passages = dict(sent)[q.CREATE_PASSAGES]["rows"]
    assert passages and all("embedding" not in p for p in passages)  # not even a null
    queries = [s for s, _ in sent]
    assert q.CREATE_EVIDENCES not in queries and q.CREATE_REVIEW_THEMES not in queries
    assert not any(":MENTIONS" in s for s in queries)
    assert db.log[-2:] == [("commit",), ("auto", q.RELEASE_LEASE, db.log[-1][2])]


@pytest.mark.parametrize("failing", [q.CREATE_EVIDENCES, q.DELETE_REVIEW[0], "commit"])
def test_a_failure_rolls_the_whole_review_back(db: FakeNeo4j, tmp_path: Path, failing: str) -> None:
    document = parsed(tmp_path)
    enrichment = enrich(document)
    store = make_store(db)
    with store.writer():
        db.clear()
        if failing == "commit":
            db.fail_commit = True
        else:
            db.fail_on = failing
        with pytest.raises(FakeError):
            store.put(document, "1", enrichment)
        db.fail_on, db.fail_commit = None, False
        assert db.log.count(("begin",)) == 1 and ("commit",) not in db.log
        if failing == "commit":  # the driver closes a transaction whose commit failed
            assert ("rollback",) not in db.log
        else:
            assert db.log[-1] == ("rollback",)
            assert db.statements()[-1][0] == failing  # nothing ran after the failure
        assert db.lease is not None  # still the writer: the batch goes on
    assert db.lease is None


def test_add_path_and_link_citations_are_single_transactions(db: FakeNeo4j, tmp_path: Path) -> None:
    db.answers[q.CITATION_SIGNATURES] = [
        {
            "id": "a",
            "title": "The review of Child Q in Hartwell",
            "pseudonyms": ["Child Q"],
            "partnership": "Hartwell Safeguarding Children Partnership",
            "year": 2019,
        },
        {
            "id": "b",
            "title": "Something else entirely here",
            "pseudonyms": [],
            "partnership": None,
            "year": 2022,
        },
    ]
    db.answers[q.REVIEW_TEXTS] = [
        {"review": "b", "text": "As found in the review of Child Q in Hartwell, agencies ..."},
        {"review": "a", "text": "Nothing here cites another review."},
    ]
    store = make_store(db)
    with store.writer():
        lease = lease_params(db)
        db.clear()
        store.add_path("f" * 64, "/corpus/renamed.pdf")
        assert db.log == [
            ("begin",),
            ("tx", q.RENEW_LEASE, lease),
            ("tx", q.ADD_PATH, {"sha": "f" * 64, "path": "/corpus/renamed.pdf"}),
            ("commit",),
        ]
        db.clear()
        assert store.link_citations() == 1
        (citation,) = dict(db.statements())[q.CREATE_CITATIONS]["rows"]
        assert (citation["source"], citation["target"]) == ("b", "a")
        assert db.log == [
            ("begin",),
            ("tx", q.RENEW_LEASE, lease),
            ("tx", q.CITATION_SIGNATURES, {}),
            ("tx", q.REVIEW_TEXTS, {}),
            ("tx", q.DELETE_CITATIONS, {}),
            ("tx", q.CREATE_CITATIONS, {"rows": [citation]}),
            ("commit",),
        ]


# -- injection safety ------------------------------------------------------------------------


def test_user_values_travel_only_as_parameters(db: FakeNeo4j, tmp_path: Path) -> None:
    document = parsed(tmp_path, title=f"Child K {PAYLOAD}")
    assert PAYLOAD in str(document.metadata.value("title"))
    store = make_store(db)
    with store.writer():
        store.put(document, PAYLOAD, enrich(document))
        store.add_path(PAYLOAD, f"/corpus/{PAYLOAD}.pdf")
    store.known(PAYLOAD, PAYLOAD)
    store.document(PAYLOAD)
    store.save_quote(PAYLOAD, QUOTE | {"passage_id": PAYLOAD, "text": PAYLOAD})
    store.remove_quote(PAYLOAD, PAYLOAD)
    store.reorder_quotes(PAYLOAD, [PAYLOAD])
    store.delete_collection(PAYLOAD)
    store.quotes(PAYLOAD)
    store.passages([PAYLOAD])
    store.passage_vectors([PAYLOAD])
    for statement, _ in db.statements():
        assert PAYLOAD not in statement and "DETACH DELETE (n)" not in statement
        assert "Child K" not in statement and "Hartwell" not in statement
    sent = json.dumps([parameters for _, parameters in db.statements()])
    assert sent.count(json.dumps(PAYLOAD)[1:-1]) >= 16  # title, version, path, sha, id ...
    (review,) = dict(db.statements("tx"))[q.CREATE_REVIEW]["rows"]
    assert review["title"] == f"Child Safeguarding Practice Review: Child K {PAYLOAD}"


def all_statements() -> list[str]:
    """Every statement the module can send, with every search filter set."""
    statements = [
        value for name, value in vars(q).items() if name.isupper() and isinstance(value, str)
    ]
    statements += [s for value in vars(q).values() if isinstance(value, list) for s in value]
    statements += [q.merge_entities("Agency"), q.create_mentions("Agency")]
    every = list(q.SEARCH_FILTERS.values())
    statements += [q.keyword_search(every), q.dense_search(every)]
    return statements


# The only literals sent: index options and the names of the two search indexes.
FIXED_LITERALS = ["'cosine'", "'english'", "'passage_text'", "'passage_embedding'"]


def test_every_statement_uses_parameters_for_values() -> None:
    """No string literal appears in any statement but the search indexes' own names and
    options."""
    for statement in all_statements():
        for literal in FIXED_LITERALS:
            statement = statement.replace(literal, "")
        assert not re.search(r"'[^']*'|\"[^\"]*\"", statement), statement


# -- reads: same columns and the same shapes as KuzuStore ------------------------------------


def _column_names(statement: str) -> list[str]:
    returned = statement.split(" RETURN ", 1)[1].split(" ORDER BY ")[0]
    return re.findall(r" AS (\w+)", returned)


@pytest.mark.parametrize(
    "name",
    [
        "KNOWN",
        "REVIEWS",
        "PASSAGES",
        "PASSAGE_THEMES",
        "REVIEW_THEMES",
        "CITATION_SIGNATURES",
        "REVIEW_TEXTS",
    ],
)
def test_reads_return_the_kuzu_column_names(name: str) -> None:
    assert _column_names(getattr(q, name)) == _column_names(getattr(kq, name))


def test_get_review_names_every_review_property(tmp_path: Path) -> None:
    document = parsed(tmp_path)
    assert list(q.REVIEW_PROPERTIES) == list(review_rows(document, "1", None).review)
    assert list(q.REVIEW_PROPERTIES) == list(kq.REVIEW_COLUMNS)
    assert _column_names(q.GET_REVIEW) == list(q.REVIEW_PROPERTIES)


def test_reads_give_the_same_results_as_kuzu_for_the_same_rows(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    """Feed the fake the rows Kùzu's own reads return; both stores must hand back the same."""
    document = parsed(tmp_path)
    enrichment = enrich(document)
    kuzu = KuzuStore(tmp_path / "data")
    with kuzu.writer():
        kuzu.put(document, "1+test-1", enrichment)
    review_id, params = document.review_id, {"id": document.review_id}
    known = {"sha": document.content_sha256, "version": "1+test-1"}
    db.answers = {
        q.KNOWN: kuzu.query(kq.KNOWN, known),
        q.REVIEWS: kuzu.query(kq.REVIEWS),
        q.GET_REVIEW: [
            {k.removeprefix("r."): v for k, v in row.items()}
            for row in kuzu.query(kq.GET_REVIEW, params)
        ],
        q.PASSAGES: kuzu.query(kq.PASSAGES, params),
        q.PASSAGE_THEMES: kuzu.query(kq.PASSAGE_THEMES, params),
        q.REVIEW_THEMES: kuzu.query(kq.REVIEW_THEMES, params),
    }
    store = make_store(db)
    assert store.known(document.content_sha256, "1+test-1") == kuzu.known(
        document.content_sha256, "1+test-1"
    )
    assert store.reviews() == kuzu.reviews()
    assert store.document(review_id) == kuzu.document(review_id)
    assert store.document(review_id) is not None
    assert [where for where, *_ in db.log] == ["read"] * len(db.log)  # readers take no lease
    assert db.statements()[:3] == [
        (q.KNOWN, known),
        (q.REVIEWS, {}),
        (q.GET_REVIEW, params),
    ]

    db.answers = {q.KNOWN: [{"id": review_id, "expected": 3, "stored": 2}]}  # half-written
    assert store.known(document.content_sha256, "1+test-1") is None
    assert store.document("missing") is None
    assert store.reviews() == []


def test_query_returns_rows_as_dicts_with_parameters(db: FakeNeo4j) -> None:
    db.answers["MATCH (r:Review {id: $id}) RETURN r.title AS title"] = [{"title": "T"}]
    store = make_store(db)
    assert store.query("MATCH (r:Review {id: $id}) RETURN r.title AS title", {"id": "x"}) == [
        {"title": "T"}
    ]
    assert db.log == [("auto", "MATCH (r:Review {id: $id}) RETURN r.title AS title", {"id": "x"})]


# -- construction --------------------------------------------------------------------------


def test_driver_is_created_lazily_and_closed_only_if_ours(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import neo4j

    made: list[tuple[Any, ...]] = []
    fake = FakeNeo4j()

    def driver(uri: str, auth: tuple[str, str]) -> FakeNeo4j:
        made.append((uri, auth))
        return fake

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", driver)
    store = Neo4jStore("neo4j+s://x.databases.neo4j.io", "neo4j", "pw", cache_dir=tmp_path / "c")
    assert made == []
    assert store.embedding_cache == tmp_path / "c" / "embeddings.sqlite"
    assert store.reviews() == []
    assert made == [("neo4j+s://x.databases.neo4j.io", ("neo4j", "pw"))]
    store.close()
    assert fake.closed

    passed = FakeNeo4j()
    make_store(passed).close()
    assert not passed.closed


def test_an_unreachable_server_is_store_unavailable(db: FakeNeo4j) -> None:
    from neo4j.exceptions import ServiceUnavailable

    def down(**config: Any) -> None:
        raise ServiceUnavailable("Unable to retrieve routing information")

    db.session = down  # type: ignore[method-assign,assignment]
    with pytest.raises(StoreUnavailable, match="cannot reach Neo4j at neo4j://example:7687"):
        make_store(db).reviews()


# -- search ----------------------------------------------------------------------------------

ALL_FILTERS = SearchFilters(
    themes=("cannabis", "neglect"),
    agencies=("police",),
    review_types=("lcspr",),
    year_from=2019,
    year_to=2022,
    partnership="HARTwell",
    age_bands=("under 1",),
    outcomes=("died",),
    review_ids=("r1", "r2"),
)
ALL_CONDITIONS = [
    "r.review_type IN $review_types",
    "r.age_band IN $age_bands",
    "r.outcome IN $outcomes",
    "r.id IN $review_ids",
    "r.publication_year >= $year_from",
    "r.publication_year <= $year_to",
    "toLower(r.partnership) CONTAINS $partnership",
    "EXISTS { MATCH (node)-[:EVIDENCES]->(t:Theme) WHERE t.id IN $themes }",
    "EXISTS { MATCH (node)-[:MENTIONS]->(a:Agency) WHERE a.id IN $agencies }",
]
ALL_VALUES = {
    "review_types": ["lcspr"],
    "age_bands": ["under 1"],
    "outcomes": ["died"],
    "review_ids": ["r1", "r2"],
    "year_from": 2019,
    "year_to": 2022,
    "partnership": "hartwell",
    "themes": ["cannabis", "neglect"],
    "agencies": ["police"],
}
KEYWORD_CALL = (
    "CALL db.index.fulltext.queryNodes('passage_text', $query, {limit: $candidates}) "
    "YIELD node, score"
)
DENSE_CALL = (
    "CALL db.index.vector.queryNodes('passage_embedding', $candidates, $vector) YIELD node, score"
)
RANKED = "RETURN node.id AS id, score ORDER BY score DESC LIMIT $k"


def test_search_statements_are_the_intended_cypher() -> None:
    assert q.search_conditions(SearchFilters()) == ([], {})
    assert q.search_conditions(ALL_FILTERS) == (ALL_CONDITIONS, ALL_VALUES)
    assert q.keyword_search([]) == (
        f"{KEYWORD_CALL} MATCH (r:Review)-[:HAS_PASSAGE]->(node) {RANKED}"
    )
    assert q.dense_search(ALL_CONDITIONS[:2]) == (
        f"{DENSE_CALL} MATCH (r:Review)-[:HAS_PASSAGE]->(node) "
        f"WHERE r.review_type IN $review_types AND r.age_band IN $age_bands {RANKED}"
    )
    assert q.keyword_search(ALL_CONDITIONS) == (
        f"{KEYWORD_CALL} MATCH (r:Review)-[:HAS_PASSAGE]->(node) "
        f"WHERE {' AND '.join(ALL_CONDITIONS)} {RANKED}"
    )
    # year 0 is a bound, not "no bound"; an empty partnership is no restriction
    conditions, values = q.search_conditions(SearchFilters(year_from=0, partnership=""))
    assert (conditions, values) == (["r.publication_year >= $year_from"], {"year_from": 0})


def test_lucene_query_quotes_every_term() -> None:
    assert q.lucene_query(["cannabis", "sleep"]) == (
        'text:"cannabis" OR text:"sleep" OR section:"cannabis"^0.3 OR section:"sleep"^0.3'
    )
    # query_terms leaves only [a-z0-9] words, but a term is escaped whatever it holds
    assert q.lucene_phrase('a"b\\c') == '"a\\"b\\\\c"'
    assert q.lucene_phrase("*:*") == '"*:*"'
    many = [f"w{n}" for n in range(1000)]
    assert q.lucene_query(many).count(" OR ") == 2 * q.MAX_TERMS - 1  # under Lucene's 1024


def test_keyword_search_sends_the_reduced_query_and_asks_for_k(db: FakeNeo4j) -> None:
    statement = q.keyword_search([])
    db.answers[statement] = [{"id": "p1", "score": 3.5}, {"id": "p2", "score": 1.25}]
    store = make_store(db)
    assert store.keyword_search("What did the Health Visitor's notes say?", 10) == [
        ("p1", 3.5),
        ("p2", 1.25),
    ]
    terms = query_terms("What did the Health Visitor's notes say?")
    assert terms == ["health", "visitor", "notes", "say"]
    assert db.log == [
        ("read", statement, {"query": q.lucene_query(terms), "candidates": 10, "k": 10})
    ]
    db.clear()  # nothing to search for: nothing sent
    assert store.keyword_search("the of and", 10) == []
    assert store.keyword_search("cannabis", 0) == []
    assert db.log == []


def test_keyword_search_cannot_inject_lucene_or_cypher(db: FakeNeo4j) -> None:
    store = make_store(db)
    hostile = f'cannabis") OR *:* OR text:/.*/ AND NOT x~2 {PAYLOAD} \\" }}) RETURN 1 //'
    filters = SearchFilters(review_types=(PAYLOAD,), partnership=PAYLOAD, themes=(PAYLOAD,))
    store.keyword_search(hostile, 5, filters)
    store.dense_search(np.ones(384), 5, filters)
    for statement, params in db.statements():
        assert PAYLOAD not in statement and "cannabis" not in statement
        assert params["review_types"] == [PAYLOAD] and params["themes"] == [PAYLOAD]
        assert params["partnership"] == PAYLOAD.lower()
    sent = db.statements()[0][1]["query"]
    terms = query_terms(hostile)
    assert all(re.fullmatch(r"[a-z0-9]+", term) for term in terms)
    assert sent == q.lucene_query(terms)
    assert re.fullmatch(
        r'(text|section):"[a-z0-9]+"(\^0\.3)?( OR (text|section):"[a-z0-9]+"(\^0\.3)?)*', sent
    )


def test_filtered_search_overfetches_and_widens_until_it_has_k(db: FakeNeo4j) -> None:
    statement = q.keyword_search(ALL_CONDITIONS)
    passing = [{"id": f"p{n}", "score": 100.0 - n} for n in range(30)]
    # the filters pass 1 in 100 of the candidates the index returns
    db.answers[statement] = lambda params: passing[: min(params["candidates"] // 100, params["k"])]
    store = make_store(db)
    found = store.keyword_search("cannabis", 10, ALL_FILTERS)
    assert found == [(f"p{n}", 100.0 - n) for n in range(10)]
    base = {"query": 'text:"cannabis" OR section:"cannabis"^0.3', "k": 10, **ALL_VALUES}
    assert db.log == [
        ("read", statement, {**base, "candidates": 50}),
        ("read", statement, {**base, "candidates": 200}),
        ("read", statement, {**base, "candidates": 800}),
        ("read", statement, {**base, "candidates": 3200}),
    ]

    db.clear()  # too few pass even at the most: stop at MAX_CANDIDATES with what there is
    db.answers[statement] = [{"id": "only", "score": 1.0}]
    assert store.keyword_search("cannabis", 10, ALL_FILTERS) == [("only", 1.0)]
    asked = [params["candidates"] for _, params in db.statements()]
    assert asked == [50, 200, 800, 3200, 10_000]

    db.clear()  # unfiltered: the index's own top k is the answer, however few
    db.answers[q.keyword_search([])] = [{"id": "only", "score": 1.0}]
    assert store.keyword_search("cannabis", 10) == [("only", 1.0)]
    assert [params["candidates"] for _, params in db.statements()] == [10]


def test_dense_search_sends_the_vector_and_returns_cosine(db: FakeNeo4j) -> None:
    statement = q.dense_search([])
    db.answers[statement] = [{"id": "p1", "score": 0.9}, {"id": "p2", "score": 0.5}]
    store = make_store(db)
    vector = np.linspace(-1, 1, 384, dtype=np.float32)
    found = store.dense_search(vector, 2)
    assert [pid for pid, _ in found] == ["p1", "p2"]
    assert found[0][1] == pytest.approx(0.8) and found[1][1] == pytest.approx(0.0)
    [(where, sent, params)] = db.log
    assert (where, sent) == ("read", statement)
    assert params == {"vector": [float(x) for x in vector], "candidates": 2, "k": 2}
    assert all(type(x) is float for x in params["vector"])

    db.clear()
    filtered = q.dense_search(ALL_CONDITIONS[:1])
    db.answers[filtered] = [{"id": "p1", "score": 0.9}]  # one passes, however many are asked
    store.dense_search(vector, 4, SearchFilters(review_types=("scr",)))
    assert [(sent, params["candidates"]) for sent, params in db.statements()] == [
        (filtered, n) for n in (20, 80, 320, 1280, 5120, 10_000)
    ]
    db.clear()  # the vector index refuses a zero vector; there is nothing near it anyway
    assert store.dense_search(np.zeros(384), 5) == []
    assert db.log == []


def test_search_before_any_ingest_is_store_unavailable(db: FakeNeo4j) -> None:
    db.fail_on = q.keyword_search([])
    db.fail_with = FakeError(
        "Failed to invoke procedure `db.index.fulltext.queryNodes`: Caused by: "
        "java.lang.IllegalArgumentException: There is no such fulltext schema index: passage_text"
    )
    with pytest.raises(StoreUnavailable, match="casegraph ingest"):
        make_store(db).keyword_search("cannabis", 5)
    db.fail_with = FakeError("Neo.ClientError.Statement.SyntaxError")
    with pytest.raises(FakeError):
        make_store(db).keyword_search("cannabis", 5)


def _column_names_outside_subqueries(statement: str) -> list[str]:
    return _column_names(re.sub(r"(COLLECT|COUNT|EXISTS) \{[^}]*\}", "x", statement))


def test_search_reads_give_the_same_results_as_kuzu(db: FakeNeo4j, tmp_path: Path) -> None:
    """Feed the fake the rows the embedded store's index holds; both must hand back the same."""
    document = parsed(tmp_path)
    kuzu = KuzuStore(tmp_path / "data")
    with kuzu.writer():
        kuzu.put(document, "1", enrich(document))
    ids = [p.id for p in document.passages]
    passages = kuzu.passages(ids)
    vectors = kuzu.passage_vectors(ids)
    profiles = kuzu.review_profiles()
    first = next(iter(passages.values()))
    assert _column_names_outside_subqueries(q.PASSAGES_BY_ID) == list(first)
    profile = next(iter(profiles.values()))
    assert _column_names_outside_subqueries(q.REVIEW_PROFILES) == list(profile)

    rows = [dict(row, agencies=list(reversed(row["agencies"]))) for row in passages.values()]
    db.answers = {
        q.PASSAGES_BY_ID: rows,
        q.PASSAGE_VECTORS: [{"id": pid, "embedding": v.tolist()} for pid, v in vectors.items()],
        q.REVIEW_PROFILES: [
            dict(row, themes=sorted(row["themes"]), agencies=sorted(row["agencies"]))
            for row in profiles.values()
        ],
    }
    store = make_store(db)
    assert store.passages(ids) == passages
    found = store.passage_vectors(ids)
    assert found.keys() == vectors.keys()
    assert all(found[pid].dtype == np.float32 and (found[pid] == vectors[pid]).all() for pid in ids)
    assert store.review_profiles() == profiles
    assert db.statements() == [
        (q.PASSAGES_BY_ID, {"ids": ids}),
        (q.PASSAGE_VECTORS, {"ids": ids}),
        (q.REVIEW_PROFILES, {}),
    ]
    db.clear()
    assert store.passages([]) == {} and store.passage_vectors([]) == {}
    assert db.log == []


def test_review_vectors_match_kuzu_and_are_cached_per_generation(
    db: FakeNeo4j, tmp_path: Path
) -> None:
    document = parsed(tmp_path)
    kuzu = KuzuStore(tmp_path / "data")
    with kuzu.writer():
        kuzu.put(document, "1", enrich(document))
    ids, matrix, passage_ids = kuzu.review_vectors()
    ordinals = {pid: row["ordinal"] for pid, row in kuzu.passages(passage_ids[ids[0]]).items()}
    vectors = kuzu.passage_vectors(passage_ids[ids[0]])
    other = np.zeros(384)
    other[:2] = [3.0, 4.0]
    records = [  # streamed in no particular order
        {"review_id": "zz", "id": "z1", "ordinal": 0, "embedding": other.tolist()},
        *(
            {"review_id": ids[0], "id": pid, "ordinal": ordinals[pid], "embedding": v.tolist()}
            for pid, v in reversed(vectors.items())
        ),
    ]
    db.answers = {
        q.GENERATION: [{"generation": 7, "epoch": "e1"}],
        q.REVIEW_EMBEDDINGS: records,
    }
    store = make_store(db)
    got_ids, got_matrix, got_passages = store.review_vectors()
    assert got_ids == [ids[0], "zz"]
    assert got_matrix.dtype == np.float32 and got_matrix.shape == (2, 384)
    assert np.allclose(got_matrix[0], matrix[0], atol=1e-6)
    assert np.allclose(got_matrix[1][:2], [0.6, 0.8])
    assert got_passages == {ids[0]: passage_ids[ids[0]], "zz": ["z1"]}
    meta = {"meta": "casegraph"}
    assert db.statements() == [
        (q.GENERATION, meta),
        (q.GENERATION, meta),
        (q.REVIEW_EMBEDDINGS, {}),
    ]

    db.clear()  # same generation: one cheap read, the same arrays
    assert store.review_vectors()[1] is got_matrix
    assert db.statements() == [(q.GENERATION, meta)]

    for stamp in ({"generation": 8, "epoch": "e1"}, {"generation": 8, "epoch": "e2"}):
        db.clear()  # a review was written, or the database emptied and refilled
        db.answers[q.GENERATION] = [stamp]
        assert store.review_vectors()[1] is not got_matrix
        assert [s for s, _ in db.statements()] == [q.GENERATION, q.GENERATION, q.REVIEW_EMBEDDINGS]
        got_matrix = store.review_vectors()[1]

    db.answers = {}  # nothing written yet
    empty_ids, empty, empty_passages = store.review_vectors()
    assert (empty_ids, empty.shape, empty_passages) == ([], (0, 384), {})


def test_put_bumps_the_generation_in_its_own_transaction() -> None:
    assert q.BUMP_GENERATION == (
        "MERGE (m:Meta {id: $meta}) ON CREATE SET m.generation = 0, m.epoch = randomUUID() "
        "SET m.generation = m.generation + 1"
    )
    assert q.GENERATION == (
        "MATCH (m:Meta {id: $meta}) RETURN m.generation AS generation, m.epoch AS epoch"
    )


# -- quote collections -----------------------------------------------------------------------

QUOTE = {
    "passage_id": "p1",
    "review_id": "r1",
    "text": "The police did not tell the GP.",
    "title": "Child K",
    "partnership": "Hartwell",
    "year": "2021",  # typed as the embedded store casts it
    "page_start": 3,
    "page_end": 4,
    "paragraph_numbers": ["3.2"],
    "section": "Analysis",
    "note": None,
    "score": 0.9,  # not a quote field: not copied
}


def typed_quote() -> dict[str, Any]:
    fields = {name: QUOTE[name] for name in QUOTE_FIELDS}
    return fields | {"year": 2021}


def test_save_quote_is_one_transaction_without_the_lease(db: FakeNeo4j) -> None:
    store = make_store(db)
    quote_id = store.save_quote("Training: safer sleep", QUOTE)
    assert quote_id == hashlib.sha256(b"Training: safer sleep\np1").hexdigest()[:20]
    now = dict(db.statements())[q.ADD_QUOTE]["now"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", now)
    assert db.log == [
        ("begin",),
        ("write", q.QUOTE_EXISTS, {"id": quote_id}),
        ("write", q.MERGE_COLLECTION, {"name": "Training: safer sleep", "now": now}),
        (
            "write",
            q.ADD_QUOTE,
            {"name": "Training: safer sleep", "id": quote_id, "quote": typed_quote(), "now": now},
        ),
        ("commit",),
    ]
    assert db.lease is None  # no lease taken, none needed

    db.clear()  # saved again: found, nothing written
    db.answers[q.QUOTE_EXISTS] = [{"id": quote_id}]
    assert store.save_quote("Training: safer sleep", QUOTE) == quote_id
    assert db.log == [("begin",), ("write", q.QUOTE_EXISTS, {"id": quote_id}), ("commit",)]

    db.clear()  # inside a writer block too, the lease is neither renewed nor needed
    db.answers = {}
    with store.writer():
        db.clear()
        store.save_quote("Other", QUOTE)
        assert q.RENEW_LEASE not in [s for s, _ in db.statements()]


def test_quote_ids_are_the_embedded_stores(db: FakeNeo4j, tmp_path: Path) -> None:
    quote = QUOTE | {"note": "Use in session 2"}  # (KuzuStore cannot save a None field yet)
    kuzu = KuzuStore(tmp_path / "data")
    with kuzu.writer():
        kuzu_id = kuzu.save_quote("Training", quote)
    assert make_store(db).save_quote("Training", quote) == kuzu_id
    [saved] = kuzu.quotes("Training")
    sent = dict(db.statements())[q.ADD_QUOTE]["quote"]
    assert {k: saved[k] for k in sent} == sent  # the same copy, typed the same way


def test_quote_statements_are_the_intended_cypher() -> None:
    assert q.MERGE_COLLECTION == (
        "MERGE (c:Collection {id: $name}) ON CREATE SET c.created = $now "
        "SET c._lock = true REMOVE c._lock"
    )
    assert q.ADD_QUOTE == (
        "MATCH (c:Collection {id: $name}) OPTIONAL MATCH (c)-[:HAS_QUOTE]->(old:Quote) "
        "WITH c, coalesce(max(old.position), 0) AS last "
        "MERGE (x:Quote {id: $id}) "
        "ON CREATE SET x += $quote, x.position = last + 1, x.added_at = $now "
        "MERGE (c)-[:HAS_QUOTE]->(x)"
    )
    assert q.DELETE_COLLECTION == [
        "MATCH (:Collection {id: $name})-[:HAS_QUOTE]->(x:Quote) DETACH DELETE x",
        "MATCH (c:Collection {id: $name}) DETACH DELETE c",
    ]
    for name in ("COLLECTIONS", "QUOTES"):
        assert _column_names_outside_subqueries(getattr(q, name)) == _column_names(
            getattr(kq, name)
        )
    # every copied field is written and read back
    assert all(f"x.{name} AS {name}" in q.QUOTES for name in QUOTE_FIELDS)


def test_remove_reorder_and_delete_are_single_transactions(db: FakeNeo4j) -> None:
    store = make_store(db)
    store.remove_quote("Training", "q2")
    store.reorder_quotes("Training", ["q3", "q1"])
    store.delete_collection("Training")
    rows = [{"id": "q3", "position": 1}, {"id": "q1", "position": 2}]
    assert db.log == [
        ("begin",),
        ("write", q.REMOVE_QUOTE, {"name": "Training", "id": "q2"}),
        ("commit",),
        ("begin",),
        ("write", q.SET_POSITION, {"name": "Training", "rows": rows}),
        ("commit",),
        ("begin",),
        ("write", q.DELETE_COLLECTION[0], {"name": "Training"}),
        ("write", q.DELETE_COLLECTION[1], {"name": "Training"}),
        ("commit",),
    ]
    assert db.lease is None

    db.clear()  # a failure leaves the collection as it was
    db.fail_on = q.DELETE_COLLECTION[1]
    with pytest.raises(FakeError):
        store.delete_collection("Training")
    assert db.log[-1] == ("rollback",) and ("commit",) not in db.log


def test_collections_and_quotes_are_reads(db: FakeNeo4j) -> None:
    listed = [{"name": "Training", "created": "2025-01-01T00:00:00+00:00", "quotes": 2}]
    quoted = [{"id": "q1", "position": 1, **typed_quote(), "added_at": "2025-01-01T00:00:00"}]
    db.answers = {q.COLLECTIONS: listed, q.QUOTES: quoted}
    store = make_store(db)
    assert store.collections() == listed
    assert store.quotes("Training") == quoted
    assert db.log == [("read", q.COLLECTIONS, {}), ("read", q.QUOTES, {"name": "Training"})]


# -- the shared contract, against a real server when NEO4J_URI is set ------------------------


def wipe(store: Neo4jStore) -> None:
    """Empty the test database, refusing one that holds anything but casegraph's own nodes."""
    found = store.query("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")
    foreign = {row["label"] for row in found} - set(q.UNIQUE_IDS)
    if foreign:
        pytest.skip(
            f"the database at NEO4J_URI holds other data ({', '.join(sorted(foreign))}); "
            "point NEO4J_URI (or NEO4J_DATABASE) at an empty test database"
        )
    store.query("MATCH (n) DETACH DELETE n")


@NEO4J
class TestNeo4jStore(StoreContract):
    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Iterator[Callable[[], Neo4jStore]]:
        made: list[Neo4jStore] = []

        def make() -> Neo4jStore:
            store = Neo4jStore(
                os.environ["NEO4J_URI"],
                os.environ.get("NEO4J_USER", "neo4j"),
                os.environ.get("NEO4J_PASSWORD", ""),
                database=os.environ.get("NEO4J_DATABASE") or None,
                cache_dir=tmp_path / "cache",
            )
            made.append(store)
            return store

        yield make
        for store in made:
            store.close()

    @pytest.fixture
    def store(self, make_store: Callable[[], Neo4jStore]) -> Iterator[Neo4jStore]:
        store = make_store()
        wipe(store)  # constraints and indexes stay: setting them up again is a no-op
        yield store
        wipe(store)

    # -- search and collections against the embedded store, on the same reviews ------------

    def test_search_agrees_with_the_embedded_store(
        self, store: Neo4jStore, reviews: list[tuple[ParsedDocument, Enrichment]], tmp_path: Path
    ) -> None:
        kuzu = KuzuStore(tmp_path / "kuzu")
        for target in (store, kuzu):
            with target.writer():
                for document, enrichment in reviews:
                    target.put(document, "v1", enrichment)
        ids = [p.id for document, _ in reviews for p in document.passages]
        expected = kuzu.passages(ids)
        found = store.passages(ids)
        assert found.keys() == expected.keys()
        for pid, row in found.items():  # themes: the same, most confident first
            assert set(row["themes"]) == set(expected[pid]["themes"])
            assert row | {"themes": None} == expected[pid] | {"themes": None}
        assert store.review_profiles() == kuzu.review_profiles()
        vectors = kuzu.passage_vectors(ids)
        assert all(np.allclose(v, vectors[pid]) for pid, v in store.passage_vectors(ids).items())
        kuzu_ids, kuzu_matrix, kuzu_passages = kuzu.review_vectors()
        got_ids, got_matrix, got_passages = store.review_vectors()
        assert (got_ids, got_passages) == (kuzu_ids, kuzu_passages)
        assert np.allclose(got_matrix, kuzu_matrix, atol=1e-5)

        first = reviews[0][0]
        choices = [
            SearchFilters(),
            SearchFilters(year_from=2020),
            SearchFilters(year_to=2016, review_types=("serious_case_review", "lcspr")),
            SearchFilters(partnership="kelsham"),
            SearchFilters(agencies=("police",)),
            SearchFilters(themes=tuple(expected[first.passages[0].id]["themes"][:1])),
            SearchFilters(review_ids=(first.review_id,)),
        ]
        for filters in choices:
            for text in ("cannabis sofa", "police shared information", "county lines"):
                ours = {pid for pid, _ in store.keyword_search(text, 50, filters)}
                assert ours == {pid for pid, _ in kuzu.keyword_search(text, 50, filters)}
            query = vectors[first.passages[0].id]
            query = query / np.linalg.norm(query)
            ours_dense = store.dense_search(query, 50, filters)
            theirs = dict(kuzu.dense_search(query, 50, filters))
            assert {pid for pid, _ in ours_dense} == theirs.keys()
            assert all(abs(score - theirs[pid]) < 1e-4 for pid, score in ours_dense)

    def test_review_vectors_follow_new_reviews(
        self, store: Neo4jStore, reviews: list[tuple[ParsedDocument, Enrichment]]
    ) -> None:
        (a, a_enrichment), (b, b_enrichment) = reviews[:2]
        with store.writer():
            store.put(a, "v1", a_enrichment)
        assert store.review_vectors()[0] == [a.review_id]
        with store.writer():
            store.put(b, "v1", b_enrichment)
        assert store.review_vectors()[0] == sorted([a.review_id, b.review_id])

    def test_quote_collections_behave_as_in_the_embedded_store(
        self, store: Neo4jStore, tmp_path: Path
    ) -> None:
        kuzu = KuzuStore(tmp_path / "kuzu")
        quotes = [QUOTE | {"passage_id": f"p{n}", "note": f"n{n}"} for n in range(3)]

        def exercise(target: Any) -> tuple[Any, ...]:
            saved = [target.save_quote("Training", quote) for quote in quotes]
            again = target.save_quote("Training", quotes[0])
            target.save_quote("Other", quotes[0])
            target.reorder_quotes("Training", [saved[2], saved[0], saved[1]])
            target.remove_quote("Training", saved[0])
            listed = [row | {"created": None} for row in target.collections()]
            kept = [row | {"added_at": None} for row in target.quotes("Training")]
            target.delete_collection("Other")
            return saved, again, listed, kept, target.collections()[0]["name"]

        with kuzu.writer():
            expected = exercise(kuzu)
        assert exercise(store) == expected


def test_a_theme_rejection_removes_the_edge_and_recounts_the_review_theme(db: FakeNeo4j) -> None:
    store = make_store(db)
    db.answers[q.REVIEW_EVIDENCES] = [
        {"passage": "p1", "theme": "neglect", "score": 0.9, "spans": "[]"},
        {"passage": "p2", "theme": "neglect", "score": 0.8, "spans": "[]"},
    ]
    db.answers[q.REVIEW_PASSAGE_COUNT] = [{"n": 4}]
    db.answers[q.REVIEW_THEMES] = [
        {"theme": "neglect", "passages": 2, "weight": 0.5, "parts": "{}", "quotes": "[]"}
    ]
    correction = theme_correction("p1", "r1", "neglect", "reject", "Ana", ["neglect"])
    store.correct_theme(correction)
    sent = db.statements("tx") or db.statements()
    queries = [query for query, _ in sent]
    assert queries[0] == q.SAVE_THEME_CORRECTION
    assert (q.DELETE_EVIDENCE, {"passage": "p1", "theme": "neglect"}) in sent
    assert q.CREATE_EVIDENCES not in queries  # a rejected edge is not written back
    [(_, recounted)] = [(s, p) for s, p in sent if s == q.CREATE_REVIEW_THEMES]
    assert recounted["rows"][0]["passages"] == 1 and recounted["rows"][0]["weight"] == 0.25
