"""All Cypher the Neo4j backend sends (Neo4j 5 and Aura): schema steps, the writer lease,
per-review writes and named reads.

Labels and relationship types come from graph.schema; every value travels as a parameter.
Reads return the same column names as graph.kuzu_queries. Each node lookup is its own MATCH
clause, so the server sees no disconnected patterns (no cartesian-product warnings).
In Neo4j MENTIONS is one relationship type whose end node may carry any of the
MENTION_LABELS.

Search uses Neo4j's own indexes (a Lucene full-text index and a vector index), which
stay correct when a review is replaced; the only string literals sent are the names of
those two indexes and the full-text analyzer's.
"""

from __future__ import annotations

from typing import Any

from graph.corrections import (
    FIELD_CORRECTION,
    FIELD_CORRECTION_EVENT,
    THEME_CORRECTION,
    THEME_CORRECTION_EVENT,
)
from graph.filters import SearchFilters

# Where the dialects agree, the statements are graph.kuzu_queries' own, byte for byte.
from graph.kuzu_queries import (  # noqa: F401  (used by graph.neo4j_store)
    CITATION_SIGNATURES,
    DELETE_CITATIONS,
    DELETE_CORRECTIONS_OF_REVIEW,
    DELETE_EVIDENCE,
    DELETE_ORPHANS,
    DELETE_PERSONS,
    DELETE_QUOTES_OF_REVIEW,
    DELETE_REVIEW,
    DELETE_REVIEW_THEMES,
    DELETE_THEME_CORRECTION,
    FIELD_CORRECTION_HISTORY,
    FIELD_CORRECTIONS,
    KNOWN,
    LINK_PARTNERSHIP,
    MOVE_THEME_CORRECTION_EVENTS,
    PASSAGE_MACHINE,
    PASSAGE_REVIEW,
    PASSAGE_TEXTS_OF_REVIEW,
    PASSAGE_THEMES,
    PASSAGES,
    QUOTES_OF_REVIEW,
    RELINK_PARTNERSHIP,
    REVIEW_EVIDENCES,
    REVIEW_FOR_ERASURE,
    REVIEW_MACHINE_THEMES,
    REVIEW_METADATA,
    REVIEW_PASSAGE_COUNT,
    REVIEW_TEXTS,
    REVIEW_THEMES,
    REVIEWS,
    SAME_TEXT,
    SAVE_FIELD_CORRECTION,
    SAVE_FIELD_CORRECTION_EVENT,
    SAVE_THEME_CORRECTION,
    SAVE_THEME_CORRECTION_EVENT,
    THEME_CORRECTION_HISTORY,
    THEME_CORRECTIONS,
    THEME_CORRECTIONS_OF_REVIEW,
    UNLINK_PARTNERSHIP,
    delete_document,
    list_documents,
    read_document,
    save_document,
    set_quote_fields,
    set_review_fields,
)
from graph.schema import (
    ABOUT,
    AGENCY,
    BRIEFING_DRAFT,
    CITES,
    COLLECTION,
    EMBEDDING_DIM,
    EVIDENCES,
    HAS_PASSAGE,
    HAS_QUOTE,
    HAS_RECOMMENDATION,
    HAS_THEME,
    LEGISLATION,
    MENTIONS,
    PARTNERSHIP,
    PASSAGE,
    PERSON,
    PLACE,
    PROGRAMME,
    QUOTE,
    RECOMMENDATION,
    REVIEW,
    ROLE,
    SAVED_SEARCH,
    THEME,
)

# Backend machinery, not part of the graph schema: the single-writer lease node, and a
# node whose generation counts the reviews written (so readers know when a cache is stale).
WRITER_LOCK = "WriterLock"
LOCK_ID = "casegraph"
META = "Meta"
META_ID = "casegraph"
FULLTEXT_INDEX = "passage_text"
VECTOR_INDEX = "passage_embedding"

# The properties of a Review node, in the order graph.schema.review_rows writes them. Neo4j
# stores no null properties, so reads name each one to return null for what is missing.
REVIEW_PROPERTIES = (
    "id",
    "content_sha256",
    "text_sha256",
    "file_name",
    "paths",
    "version",
    "title",
    "review_type",
    "partnership",
    "publication_date",
    "publication_year",
    "incident_year",
    "author",
    "child_pseudonyms",
    "child_age",
    "child_age_months",
    "age_band",
    "child_sex",
    "outcome",
    "page_count",
    "passage_count",
    "metadata_json",
    "unreadable_pages_json",
    "embedding_model",
    "document_kind",
    "machine_themes",
    "page_labels",
)
UNIQUE_IDS = (
    REVIEW,
    PASSAGE,
    THEME,
    AGENCY,
    ROLE,
    PROGRAMME,
    LEGISLATION,
    PLACE,
    PARTNERSHIP,
    PERSON,
    RECOMMENDATION,
    COLLECTION,
    QUOTE,  # makes MERGE of a quote safe when two sessions save the same passage at once
    WRITER_LOCK,  # makes MERGE of the lease node safe between two processes
    META,
    BRIEFING_DRAFT,  # a trainer's draft and a saved search are MERGEd by name
    SAVED_SEARCH,
)


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in label).lstrip("_")


def unique_id(label: str) -> str:
    return (
        f"CREATE CONSTRAINT {_snake(label)}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


# Ordered, idempotent steps. Schema commands may not share a transaction with writes, so
# each runs on its own; the theme upsert follows once the writer holds the lease.
SCHEMA = [
    *(unique_id(label) for label in UNIQUE_IDS),
    f"CREATE INDEX review_content_sha256 IF NOT EXISTS FOR (r:{REVIEW}) ON (r.content_sha256)",
    f"CREATE INDEX review_text_sha256 IF NOT EXISTS FOR (r:{REVIEW}) ON (r.text_sha256)",
    f"CREATE VECTOR INDEX {VECTOR_INDEX} IF NOT EXISTS FOR (p:{PASSAGE}) ON p.embedding "
    f"OPTIONS {{indexConfig: {{`vector.dimensions`: {EMBEDDING_DIM}, "
    "`vector.similarity_function`: 'cosine', "
    # unquantised (5.23+ quantise by default): the scores and order of exact cosine
    "`vector.quantization.enabled`: false}}",
    # Lucene's English analyzer (possessives, stop words, Porter stemming), as close as
    # Lucene comes to the embedded store's graph.bm25 (Porter stems); section titles are
    # indexed too and weigh less at query time, as there.
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (p:{PASSAGE}) "
    "ON EACH [p.text, p.section] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
]
UPSERT_THEMES = f"UNWIND $rows AS row MERGE (t:{THEME} {{id: row.id}}) SET t += row"

# -- the writer lease -------------------------------------------------------------------------

# Writing a property first takes the node's write lock, so two writers cannot both read
# the lease as free (Neo4j's documented cure for lost updates under read-committed).
# Times are the server's clock (ms since the epoch), so writers' clocks need not agree.
ACQUIRE_LEASE = (
    f"MERGE (l:{WRITER_LOCK} {{id: $lock}}) "
    "SET l._lock = true "
    "WITH l, (l.holder IS NULL OR l.holder = $holder OR l.expires < timestamp()) AS free "
    "SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END, "
    "l.expires = CASE WHEN free THEN timestamp() + $lease_ms ELSE l.expires END "
    "REMOVE l._lock "
    "RETURN free AS acquired, l.holder AS holder, l.expires AS expires, timestamp() AS now"
)
# Only from the holder named: a writer of this machine whose process is gone.
TAKE_OVER_LEASE = (
    f"MATCH (l:{WRITER_LOCK} {{id: $lock}}) WHERE l.holder = $stale "
    "SET l.holder = $holder, l.expires = timestamp() + $lease_ms "
    "RETURN true AS acquired, l.holder AS holder, l.expires AS expires, timestamp() AS now"
)
# Run first inside every write transaction: no row back means the lease was lost.
RENEW_LEASE = (
    f"MATCH (l:{WRITER_LOCK} {{id: $lock}}) WHERE l.holder = $holder "
    "SET l.expires = timestamp() + $lease_ms RETURN l.expires AS expires"
)
RELEASE_LEASE = f"MATCH (l:{WRITER_LOCK} {{id: $lock}}) WHERE l.holder = $holder DELETE l"
# Set as a writer lets go: what Store.last_change reads.
MARK_CHANGE = (
    f"MERGE (m:{META} {{id: $meta}}) ON CREATE SET m.generation = 0, m.epoch = randomUUID() "
    "SET m.changed = randomUUID()"
)
LAST_CHANGE = f"MATCH (m:{META} {{id: $meta}}) RETURN m.changed AS changed"

# -- one review, inside one transaction ------------------------------------------------------

CREATE_REVIEW = f"UNWIND $rows AS row CREATE (r:{REVIEW}) SET r += row"
# One statement for passages with and without a vector: a row without one has no
# embedding key, so the node gets no embedding property and stays out of the vector index.
CREATE_PASSAGES = f"UNWIND $rows AS row CREATE (p:{PASSAGE}) SET p += row"
CREATE_PASSAGES_WITH_EMBEDDINGS = CREATE_PASSAGES
LINK_PASSAGES = (
    f"UNWIND $rows AS row MATCH (r:{REVIEW} {{id: row.review_id}}) "
    f"MATCH (p:{PASSAGE} {{id: row.id}}) CREATE (r)-[:{HAS_PASSAGE}]->(p)"
)
CREATE_EVIDENCES = (
    f"UNWIND $rows AS row MATCH (p:{PASSAGE} {{id: row.passage}}) "
    f"MATCH (t:{THEME} {{id: row.theme}}) "
    f"CREATE (p)-[:{EVIDENCES} {{score: row.score, spans: row.spans}}]->(t)"
)
CREATE_REVIEW_THEMES = (
    f"MATCH (r:{REVIEW} {{id: $id}}) UNWIND $rows AS row MATCH (t:{THEME} {{id: row.theme}}) "
    f"CREATE (r)-[:{HAS_THEME} {{passages: row.passages, weight: row.weight, "
    "parts: row.parts, quotes: row.quotes}]->(t)"
)


def merge_entities(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (e:{label} {{id: row.id}}) ON CREATE SET e += row"


def create_mentions(label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (p:{PASSAGE} {{id: row.passage}}) "
        f"MATCH (e:{label} {{id: row.id}}) CREATE (p)-[:{MENTIONS} {{count: row.count}}]->(e)"
    )


CREATE_PERSONS = (
    f"MATCH (r:{REVIEW} {{id: $id}}) UNWIND $rows AS row "
    f"CREATE (r)-[:{ABOUT}]->(x:{PERSON}) SET x += row"
)
CREATE_RECOMMENDATIONS = (
    f"MATCH (r:{REVIEW} {{id: $id}}) UNWIND $rows AS row "
    f"CREATE (r)-[:{HAS_RECOMMENDATION}]->(x:{RECOMMENDATION}) SET x += row"
)
ADD_PATH = (
    f"MATCH (r:{REVIEW} {{content_sha256: $sha}}) "
    "WHERE NOT $path IN r.paths SET r.paths = r.paths + [$path]"
)
# The last statement of every review's transaction. The epoch is new whenever the node is
# (an emptied database), so a count that starts again is never mistaken for an old one.
BUMP_GENERATION = (
    f"MERGE (m:{META} {{id: $meta}}) ON CREATE SET m.generation = 0, m.epoch = randomUUID() "
    "SET m.generation = m.generation + 1"
)
CREATE_CITATIONS = (
    f"UNWIND $rows AS row MATCH (a:{REVIEW} {{id: row.source}}) "
    f"MATCH (b:{REVIEW} {{id: row.target}}) CREATE (a)-[:{CITES} {{evidence: row.evidence}}]->(b)"
)

# -- reads ----------------------------------------------------------------------------------

REVIEW_BEFORE = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.version AS version, r.paths AS paths"
GET_REVIEW = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN " + ", ".join(
    f"r.{name} AS {name}" for name in REVIEW_PROPERTIES
)

# -- search ---------------------------------------------------------------------------------

GENERATION = f"MATCH (m:{META} {{id: $meta}}) RETURN m.generation AS generation, m.epoch AS epoch"
# Lucene allows 1024 clauses in a query; each term makes two (text and section).
MAX_TERMS = 256
SECTION_BOOST = 0.3  # as bm25(passage_fts, 1.0, 0.3) in graph.passage_index


def lucene_phrase(term: str) -> str:
    """A term as a quoted Lucene phrase: inside quotes only \\ and " mean anything."""
    return '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lucene_query(terms: list[str]) -> str:
    """Any of the terms, in the text or (weighing less) the section title. Each term is a
    quoted phrase, so no user text is read as Lucene syntax."""
    phrases = [lucene_phrase(term) for term in terms[:MAX_TERMS]]
    return " OR ".join(
        [f"text:{phrase}" for phrase in phrases]
        + [f"section:{phrase}^{SECTION_BOOST}" for phrase in phrases]
    )


# Each filter of graph.filters.SearchFilters as a condition on the passage found
# (node) and its review (r), with the filter's own name as the parameter; same meaning as
# FilterColumns.mask in graph.filters.
SEARCH_FILTERS = {
    "review_types": "r.review_type IN $review_types",
    "age_bands": "r.age_band IN $age_bands",
    "outcomes": "r.outcome IN $outcomes",
    "review_ids": "r.id IN $review_ids",
    "year_from": "r.publication_year >= $year_from",
    "year_to": "r.publication_year <= $year_to",
    "partnership": "toLower(r.partnership) CONTAINS $partnership",
    "passage_kinds": "node.kind IN $passage_kinds",
    "document_kinds": "r.document_kind IN $document_kinds",
    "themes": f"EXISTS {{ MATCH (node)-[:{EVIDENCES}]->(t:{THEME}) WHERE t.id IN $themes }}",
    "agencies": f"EXISTS {{ MATCH (node)-[:{MENTIONS}]->(a:{AGENCY}) WHERE a.id IN $agencies }}",
}


def search_conditions(filters: SearchFilters) -> tuple[list[str], dict[str, Any]]:
    """The conditions the filters set, from SEARCH_FILTERS only, and their parameters."""
    values: dict[str, Any] = {}
    for name in (
        "review_types",
        "age_bands",
        "outcomes",
        "review_ids",
        "passage_kinds",
        "document_kinds",
    ):
        if getattr(filters, name):
            values[name] = [str(item) for item in getattr(filters, name)]
    if filters.year_from is not None:
        values["year_from"] = int(filters.year_from)
    if filters.year_to is not None:
        values["year_to"] = int(filters.year_to)
    if filters.partnership:
        values["partnership"] = filters.partnership.lower()
    for name in ("themes", "agencies"):
        if getattr(filters, name):
            values[name] = [str(item) for item in getattr(filters, name)]
    return [SEARCH_FILTERS[name] for name in values], values


def _ranked(call: str, conditions: list[str]) -> str:
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"{call} MATCH (r:{REVIEW})-[:{HAS_PASSAGE}]->(node){where} "
        "RETURN node.id AS id, score ORDER BY score DESC LIMIT $k"
    )


def keyword_search(conditions: list[str]) -> str:
    """The $candidates best passages by BM25 for $query, then those passing the filters."""
    return _ranked(
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query, {{limit: $candidates}}) "
        "YIELD node, score",
        conditions,
    )


def dense_search(conditions: list[str]) -> str:
    """The $candidates nearest passages to $vector, then those passing the filters. The
    score is Neo4j's cosine similarity, (1 + cosine) / 2."""
    return _ranked(
        f"CALL db.index.vector.queryNodes('{VECTOR_INDEX}', $candidates, $vector) "
        "YIELD node, score",
        conditions,
    )


# The same keys as PassageIndex.passages, in the same order.
PASSAGES_BY_ID = (
    f"UNWIND $ids AS pid MATCH (r:{REVIEW})-[:{HAS_PASSAGE}]->(p:{PASSAGE} {{id: pid}}) "
    "RETURN p.id AS id, r.id AS review_id, p.ordinal AS ordinal, p.text AS text, "
    "p.section AS section, coalesce(p.paragraph_numbers, []) AS paragraph_numbers, "
    "p.page_start AS page_start, p.page_end AS page_end, "
    f"COLLECT {{ MATCH (p)-[e:{EVIDENCES}]->(t:{THEME}) RETURN t.id ORDER BY e.score DESC, t.id }}"
    " AS themes, "
    f"COLLECT {{ MATCH (p)-[:{MENTIONS}]->(a:{AGENCY}) RETURN DISTINCT a.id }} AS agencies, "
    "r.title AS title, r.review_type AS review_type, r.publication_year AS year, "
    "r.partnership AS partnership, r.file_name AS file_name, r.paths[0] AS source_path, "
    "r.age_band AS age_band, r.outcome AS outcome, p.kind AS kind, "
    "r.document_kind AS document_kind, p.theme_scores AS theme_scores, "
    "r.page_labels AS page_labels"
)
PASSAGE_VECTORS = (
    f"UNWIND $ids AS pid MATCH (p:{PASSAGE} {{id: pid}}) WHERE p.embedding IS NOT NULL "
    "RETURN p.id AS id, p.embedding AS embedding"
)
# Streamed, not sorted: the caller sums each review's vectors as they arrive.
REVIEW_EMBEDDINGS = (
    f"MATCH (r:{REVIEW})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) WHERE p.embedding IS NOT NULL "
    "RETURN r.id AS review_id, p.id AS id, p.ordinal AS ordinal, p.embedding AS embedding"
)
# The same keys as PassageIndex.review_profiles.
REVIEW_PROFILES = (
    f"MATCH (r:{REVIEW}) RETURN r.id AS review_id, r.title AS title, r.age_band AS age_band, "
    "r.outcome AS outcome, r.review_type AS review_type, r.publication_year AS year, "
    "r.document_kind AS document_kind, "
    f"COLLECT {{ MATCH (r)-[:{HAS_PASSAGE}]->(:{PASSAGE})-[:{EVIDENCES}]->(t:{THEME}) "
    "RETURN DISTINCT t.id } AS themes, "
    f"COLLECT {{ MATCH (r)-[:{HAS_PASSAGE}]->(:{PASSAGE})-[:{MENTIONS}]->(a:{AGENCY}) "
    "RETURN DISTINCT a.id } AS agencies, "
    f"COLLECT {{ MATCH (r)-[:{HAS_PASSAGE}]->(:{PASSAGE})-[:{EVIDENCES}]->(t:{THEME}) "
    "RETURN t.id } AS theme_counts, "
    f"COLLECT {{ MATCH (r)-[:{HAS_PASSAGE}]->(p:{PASSAGE}) WHERE p.kind = $narrative "
    "RETURN p.id ORDER BY p.ordinal } AS narrative_ids"
)

# -- quote collections (they keep a copy of each quote, so re-ingesting never loses one) ------

QUOTE_EXISTS = f"MATCH (x:{QUOTE} {{id: $id}}) RETURN x.id AS id"
# Collection names match whatever their case: the stored ones that do, oldest first
COLLECTIONS_NAMED = (
    f"MATCH (c:{COLLECTION}) WHERE toLower(c.id) = toLower($name) "
    "RETURN c.id AS name ORDER BY c.created, c.id"
)
# Writing to the collection node takes its write lock, so two sessions adding to one
# collection at once number their quotes one after the other.
MERGE_COLLECTION = (
    f"MERGE (c:{COLLECTION} {{id: $name}}) ON CREATE SET c.created = $now "
    "SET c._lock = true REMOVE c._lock"
)
ADD_QUOTE = (
    f"MATCH (c:{COLLECTION} {{id: $name}}) "
    f"OPTIONAL MATCH (c)-[:{HAS_QUOTE}]->(old:{QUOTE}) "
    "WITH c, coalesce(max(old.position), 0) AS last "
    f"MERGE (x:{QUOTE} {{id: $id}}) "
    "ON CREATE SET x += $quote, x.position = last + 1, x.added_at = $now "
    f"MERGE (c)-[:{HAS_QUOTE}]->(x)"
)
REMOVE_QUOTE = (
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(x:{QUOTE} {{id: $id}}) DETACH DELETE x"
)
SET_POSITION = (
    f"UNWIND $rows AS row MATCH (:{COLLECTION} {{id: $name}})"
    f"-[:{HAS_QUOTE}]->(x:{QUOTE} {{id: row.id}}) SET x.position = row.position"
)
DELETE_COLLECTION = [
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(x:{QUOTE}) DETACH DELETE x",
    f"MATCH (c:{COLLECTION} {{id: $name}}) DETACH DELETE c",
    f"MATCH (d:{BRIEFING_DRAFT} {{id: $name}}) DELETE d",
]
COLLECTIONS = (
    f"MATCH (c:{COLLECTION}) "
    "RETURN c.id AS name, c.created AS created, "
    f"COUNT {{ MATCH (c)-[:{HAS_QUOTE}]->(:{QUOTE}) }} AS quotes ORDER BY name"
)
QUOTES = (
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(x:{QUOTE}) "
    "RETURN x.id AS id, x.position AS position, x.passage_id AS passage_id, "
    "x.review_id AS review_id, x.text AS text, x.title AS title, x.partnership AS partnership, "
    "x.year AS year, x.page_start AS page_start, x.page_end AS page_end, "
    "x.paragraph_numbers AS paragraph_numbers, x.section AS section, x.note AS note, "
    "x.added_at AS added_at ORDER BY position"
)
# A quote's printed page numbers are its review's (a quote goes when its review is erased)
PAGE_LABELS = (
    f"MATCH (r:{REVIEW}) WHERE r.id IN $ids AND r.page_labels IS NOT NULL "
    "RETURN r.id AS id, r.page_labels AS labels"
)

# how many passages there are, and how many contain a term (rarity of a query word)
PASSAGE_TOTAL = f"MATCH (p:{PASSAGE}) RETURN count(p) AS total"
TERM_FREQUENCY = (
    f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query) YIELD node "
    "RETURN count(node) AS df"
)

# -- corrections by people (graph/corrections.py) -------------------------------------------------

CORRECTION_SCHEMA = [
    unique_id(THEME_CORRECTION),
    unique_id(FIELD_CORRECTION),
    unique_id(THEME_CORRECTION_EVENT),
    unique_id(FIELD_CORRECTION_EVENT),
]
