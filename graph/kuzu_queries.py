"""All Cypher the Kùzu backend sends: schema steps, per-review writes and named reads."""

from __future__ import annotations

from collections.abc import Iterable

from graph.corrections import (
    FIELD_CORRECTION,
    FIELD_CORRECTION_EVENT,
    QUOTE_COPIES,
    THEME_CORRECTION,
    THEME_CORRECTION_EVENT,
)
from graph.schema import (
    ABOUT,
    AGENCY,
    BRIEFING_DRAFT,
    BY,
    CITES,
    COLLECTION,
    EMBEDDING_DIM,
    EVIDENCES,
    HAS_PASSAGE,
    HAS_QUOTE,
    HAS_RECOMMENDATION,
    HAS_THEME,
    LEGISLATION,
    MENTION_LABELS,
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

# No Kùzu vector or full-text index: in kuzu 0.11.3 both break when a review is replaced
# (deleting then re-inserting indexed rows segfaults the FTS index and empties the vector
# index; kuzudb/kuzu#5671). Search keeps its own indexes, derived from this graph.

REVIEW_COLUMNS = {
    "id": "STRING",
    "content_sha256": "STRING",
    "text_sha256": "STRING",
    "file_name": "STRING",
    "paths": "STRING[]",
    "version": "STRING",
    "title": "STRING",
    "review_type": "STRING",
    "partnership": "STRING",
    "publication_date": "STRING",
    "publication_year": "INT64",
    "incident_year": "INT64",
    "author": "STRING",
    "child_pseudonyms": "STRING[]",
    "child_age": "STRING",
    "child_age_months": "INT64",
    "age_band": "STRING",
    "child_sex": "STRING",
    "outcome": "STRING",
    "page_count": "INT64",
    "passage_count": "INT64",
    "metadata_json": "STRING",
    "unreadable_pages_json": "STRING",
    "embedding_model": "STRING",
    "document_kind": "STRING",
    # JSON of the review's HAS_THEME rows as the machine gave them, before people's corrections
    # (what a withdrawn correction recounts from: graph.corrections.review_themes_in_force)
    "machine_themes": "STRING",
    "page_labels": "STRING",  # JSON {PDF page: printed label} (ingest.page_labels)
}
PASSAGE_COLUMNS = {
    "id": "STRING",
    "review_id": "STRING",
    "ordinal": "INT64",
    "text": "STRING",
    "section": "STRING",
    "paragraph_numbers": "STRING[]",
    "page_start": "INT64",
    "page_end": "INT64",
    "char_start": "INT64",
    "char_end": "INT64",
    "kind": "STRING",
    "embedding": f"FLOAT[{EMBEDDING_DIM}]",
    "theme_scores": "STRING",  # JSON {theme: the tagger's confidence}
    # JSON {theme: [score, [[start, end], ...]]}: the themes the machine gave, as its EVIDENCES
    # edges were written before people's corrections (what a withdrawn correction goes back to)
    "machine_themes": "STRING",
}


def _table(label: str, columns: dict[str, str]) -> str:
    body = ", ".join(f"{name} {kind}" for name, kind in columns.items())
    return f"CREATE NODE TABLE IF NOT EXISTS {label}({body}, PRIMARY KEY (id))"


def _named(label: str) -> str:
    return f"CREATE NODE TABLE IF NOT EXISTS {label}(id STRING, name STRING, PRIMARY KEY (id))"


SCHEMA = [
    _table(REVIEW, REVIEW_COLUMNS),
    _table(PASSAGE, PASSAGE_COLUMNS),
    f"CREATE NODE TABLE IF NOT EXISTS {THEME}"
    "(id STRING, label STRING, group_name STRING, parent STRING, PRIMARY KEY (id))",
    *(_named(label) for label in (AGENCY, ROLE, PROGRAMME, LEGISLATION, PLACE, PARTNERSHIP)),
    f"CREATE NODE TABLE IF NOT EXISTS {PERSON}(id STRING, pseudonym STRING, PRIMARY KEY (id))",
    f"CREATE NODE TABLE IF NOT EXISTS {RECOMMENDATION}"
    "(id STRING, review_id STRING, number STRING, text STRING, page INT64, PRIMARY KEY (id))",
    f"CREATE REL TABLE IF NOT EXISTS {HAS_PASSAGE}(FROM {REVIEW} TO {PASSAGE})",
    f"CREATE REL TABLE IF NOT EXISTS {EVIDENCES}"
    f"(FROM {PASSAGE} TO {THEME}, score DOUBLE, spans STRING)",
    f"CREATE REL TABLE IF NOT EXISTS {HAS_THEME}(FROM {REVIEW} TO {THEME}, "
    "passages INT64, weight DOUBLE, parts STRING, quotes STRING)",
    f"CREATE REL TABLE IF NOT EXISTS {MENTIONS}("
    + ", ".join(f"FROM {PASSAGE} TO {label}" for label in MENTION_LABELS.values())
    + ", count INT64)",
    f"CREATE REL TABLE IF NOT EXISTS {BY}(FROM {REVIEW} TO {PARTNERSHIP})",
    f"CREATE REL TABLE IF NOT EXISTS {ABOUT}(FROM {REVIEW} TO {PERSON})",
    f"CREATE REL TABLE IF NOT EXISTS {HAS_RECOMMENDATION}(FROM {REVIEW} TO {RECOMMENDATION})",
    f"CREATE REL TABLE IF NOT EXISTS {CITES}(FROM {REVIEW} TO {REVIEW}, evidence STRING)",
    f"CREATE NODE TABLE IF NOT EXISTS {COLLECTION}(id STRING, created STRING, PRIMARY KEY (id))",
    f"CREATE NODE TABLE IF NOT EXISTS {QUOTE}(id STRING, position INT64, passage_id STRING, "
    "review_id STRING, text STRING, title STRING, partnership STRING, year INT64, "
    "page_start INT64, page_end INT64, paragraph_numbers STRING[], section STRING, "
    "note STRING, added_at STRING, PRIMARY KEY (id))",
    f"CREATE REL TABLE IF NOT EXISTS {HAS_QUOTE}(FROM {COLLECTION} TO {QUOTE})",
    *(
        f"CREATE NODE TABLE IF NOT EXISTS {label}"
        "(id STRING, body STRING, saved STRING, PRIMARY KEY (id))"
        for label in (BRIEFING_DRAFT, SAVED_SEARCH)
    ),
    # columns added since the first schema, for stores made before them (ingest.kinds)
    f"ALTER TABLE {PASSAGE} ADD IF NOT EXISTS kind STRING",
    f"ALTER TABLE {REVIEW} ADD IF NOT EXISTS document_kind STRING",
    f"ALTER TABLE {PASSAGE} ADD IF NOT EXISTS theme_scores STRING",
    f"ALTER TABLE {REVIEW} ADD IF NOT EXISTS text_sha256 STRING",
    f"ALTER TABLE {PASSAGE} ADD IF NOT EXISTS machine_themes STRING",
    f"ALTER TABLE {REVIEW} ADD IF NOT EXISTS machine_themes STRING",
    f"ALTER TABLE {REVIEW} ADD IF NOT EXISTS page_labels STRING",
]
UPSERT_THEMES = (
    f"UNWIND $rows AS row MERGE (t:{THEME} {{id: row.id}}) "
    "SET t.label = row.label, t.group_name = row.group_name, t.parent = row.parent"
)


def _create(label: str, alias: str, columns: dict[str, str], skip: tuple[str, ...] = ()) -> str:
    """UNWIND-CREATE with every column cast, since a parameter of nulls has no type."""
    values = ", ".join(
        f"{name}: CAST(row.{name} AS {kind})" if kind != "STRING" else f"{name}: row.{name}"
        for name, kind in columns.items()
        if name not in skip
    )
    return f"UNWIND $rows AS row CREATE ({alias}:{label} {{{values}}})"


# -- one review, inside one transaction ------------------------------------------------------

# The review's children, and its partnership when no other review is by it (a re-ingest or a
# correction links the one in force again; none is left behind naming no review)
DELETE_PERSONS = f"MATCH (r:{REVIEW} {{id: $id}})-[:{ABOUT}]->(x:{PERSON}) DETACH DELETE x"
DELETE_OWN_PARTNERSHIP = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{BY}]->(x:{PARTNERSHIP}) "
    f"WHERE NOT EXISTS {{ MATCH (x)<-[:{BY}]-(o:{REVIEW}) WHERE o.id <> $id }} DETACH DELETE x"
)
UNLINK_PARTNERSHIP = [
    DELETE_OWN_PARTNERSHIP,
    f"MATCH (:{REVIEW} {{id: $id}})-[b:{BY}]->(:{PARTNERSHIP}) DELETE b",
]
DELETE_REVIEW = [
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) DETACH DELETE p",
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_RECOMMENDATION}]->(x:{RECOMMENDATION}) DETACH DELETE x",
    DELETE_PERSONS,
    DELETE_OWN_PARTNERSHIP,
    f"MATCH (r:{REVIEW} {{id: $id}}) DETACH DELETE r",
]
CREATE_REVIEW = _create(REVIEW, "r", REVIEW_COLUMNS)
CREATE_PASSAGES_WITH_EMBEDDINGS = _create(PASSAGE, "p", PASSAGE_COLUMNS)
CREATE_PASSAGES = _create(PASSAGE, "p", PASSAGE_COLUMNS, skip=("embedding",))
LINK_PASSAGES = (
    f"UNWIND $rows AS row MATCH (r:{REVIEW} {{id: row.review_id}}), (p:{PASSAGE} {{id: row.id}}) "
    f"CREATE (r)-[:{HAS_PASSAGE}]->(p)"
)
CREATE_EVIDENCES = (
    f"UNWIND $rows AS row MATCH (p:{PASSAGE} {{id: row.passage}}), (t:{THEME} {{id: row.theme}}) "
    f"CREATE (p)-[:{EVIDENCES} {{score: row.score, spans: row.spans}}]->(t)"
)
CREATE_REVIEW_THEMES = (
    f"UNWIND $rows AS row MATCH (r:{REVIEW} {{id: $id}}), (t:{THEME} {{id: row.theme}}) "
    f"CREATE (r)-[:{HAS_THEME} {{passages: row.passages, weight: row.weight, "
    "parts: row.parts, quotes: row.quotes}]->(t)"
)


def merge_entities(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (e:{label} {{id: row.id}}) ON CREATE SET e.name = row.name"


def create_mentions(label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (p:{PASSAGE} {{id: row.passage}}), (e:{label} {{id: row.id}}) "
        f"CREATE (p)-[:{MENTIONS} {{count: row.count}}]->(e)"
    )


# A review written by ingest is BY its partnership's node, which the first review written
# names (the node's id folds case and spacing, so reviews may spell it differently). A
# correction renames the node too: the spelling a person typed last is the name it shows.
LINK_PARTNERSHIP = (
    f"MERGE (x:{PARTNERSHIP} {{id: $partnership}}) ON CREATE SET x.name = $name "
    f"WITH x MATCH (r:{REVIEW} {{id: $id}}) CREATE (r)-[:{BY}]->(x)"
)
RELINK_PARTNERSHIP = (
    f"MERGE (x:{PARTNERSHIP} {{id: $partnership}}) SET x.name = $name "
    f"WITH x MATCH (r:{REVIEW} {{id: $id}}) CREATE (r)-[:{BY}]->(x)"
)
CREATE_PERSONS = (
    f"UNWIND $rows AS row MATCH (r:{REVIEW} {{id: $id}}) "
    f"CREATE (r)-[:{ABOUT}]->(:{PERSON} {{id: row.id, pseudonym: row.pseudonym}})"
)
CREATE_RECOMMENDATIONS = (
    f"UNWIND $rows AS row MATCH (r:{REVIEW} {{id: $id}}) "
    f"CREATE (r)-[:{HAS_RECOMMENDATION}]->(:{RECOMMENDATION} {{id: row.id, "
    "review_id: row.review_id, number: row.number, text: row.text, page: CAST(row.page AS INT64)})"
)
ADD_PATH = (
    f"MATCH (r:{REVIEW} {{content_sha256: $sha}}) "
    "WHERE NOT list_contains(r.paths, $path) SET r.paths = list_append(r.paths, $path)"
)
DELETE_CITATIONS = f"MATCH (:{REVIEW})-[c:{CITES}]->(:{REVIEW}) DELETE c"
CREATE_CITATIONS = (
    f"UNWIND $rows AS row MATCH (a:{REVIEW} {{id: row.source}}), (b:{REVIEW} {{id: row.target}}) "
    f"CREATE (a)-[:{CITES} {{evidence: row.evidence}}]->(b)"
)

# -- reads ----------------------------------------------------------------------------------

# An enriched version ("2+themes-…") counts as known for the plain one ("2"): ingesting
# with --no-enrich never strips the themes and vectors a review already has.
KNOWN = (
    f"MATCH (r:{REVIEW} {{content_sha256: $sha}}) "
    "WHERE r.version = $version OR r.version STARTS WITH $enriched "
    "RETURN r.id AS id, r.passage_count AS expected, "
    f"COUNT {{ MATCH (r)-[:{HAS_PASSAGE}]->(:{PASSAGE}) }} AS stored"
)
# The reviews holding the same words (ingest.pipeline.text_fingerprint), whatever their bytes
SAME_TEXT = (
    f"MATCH (r:{REVIEW}) WHERE r.text_sha256 = $text "
    "RETURN r.id AS id, r.file_name AS file_name ORDER BY r.id"
)
REVIEWS = (
    f"MATCH (r:{REVIEW}) OPTIONAL MATCH (r)-[h:{HAS_THEME}]->(t:{THEME}) "
    "RETURN r.id AS review_id, r.file_name AS file_name, r.title AS title, "
    "r.review_type AS review_type, r.publication_year AS publication_year, "
    "r.partnership AS partnership, r.publication_date AS publication_date, "
    "r.child_pseudonyms AS child_pseudonyms, r.child_age AS child_age, r.age_band AS age_band, "
    "r.child_sex AS child_sex, r.outcome AS outcome, "
    "r.page_count AS page_count, r.passage_count AS passages, "
    "r.paths AS paths, collect(t.id) AS themes, collect(h.passages) AS theme_passages "
    "ORDER BY file_name"
)
REVIEW_BEFORE = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.version AS version, r.paths AS paths"
GET_REVIEW = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.*"
PASSAGES = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) "
    "RETURN p.id AS id, p.ordinal AS ordinal, p.text AS text, p.section AS section, "
    "p.paragraph_numbers AS paragraph_numbers, p.page_start AS page_start, "
    "p.page_end AS page_end, p.char_start AS char_start, p.char_end AS char_end "
    "ORDER BY ordinal"
)
PASSAGE_THEMES = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE})-[e:{EVIDENCES}]->(t:{THEME}) "
    "RETURN p.id AS passage, t.id AS theme, e.score AS score, e.spans AS spans"
)
REVIEW_THEMES = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[h:{HAS_THEME}]->(t:{THEME}) "
    "RETURN t.id AS theme, h.passages AS passages, h.weight AS weight, h.parts AS parts, "
    "h.quotes AS quotes ORDER BY passages DESC"
)
CITATION_SIGNATURES = (
    f"MATCH (r:{REVIEW}) RETURN r.id AS id, r.title AS title, r.child_pseudonyms AS pseudonyms, "
    "r.partnership AS partnership, r.publication_year AS year"
)
REVIEW_TEXTS = (
    f"MATCH (r:{REVIEW})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) RETURN r.id AS review, p.text AS text"
)

# -- what the search index needs, to rebuild a review's entries from the graph ---------------

INDEX_REVIEWS = f"MATCH (r:{REVIEW}) RETURN r.id AS id, r.version AS version"
INDEX_REVIEW = (
    f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.id AS id, r.version AS version, r.title AS title, "
    "r.file_name AS file_name, r.paths AS paths, r.review_type AS review_type, "
    "r.publication_year AS publication_year, r.partnership AS partnership, "
    "r.age_band AS age_band, r.outcome AS outcome, r.document_kind AS document_kind, "
    "r.page_labels AS page_labels"
)
INDEX_PASSAGES = (
    f"MATCH (:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) "
    "RETURN p.id AS id, p.ordinal AS ordinal, p.text AS text, p.section AS section, "
    "p.paragraph_numbers AS paragraph_numbers, p.page_start AS page_start, "
    "p.page_end AS page_end, p.kind AS kind, p.embedding AS embedding, "
    "p.theme_scores AS theme_scores ORDER BY ordinal"
)
INDEX_EVIDENCES = (
    f"MATCH (:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE})-[:{EVIDENCES}]->(t:{THEME}) "
    "RETURN p.id AS passage, t.id AS theme"
)
INDEX_AGENCIES = (
    f"MATCH (:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE})-[:{MENTIONS}]->(a:{AGENCY}) "
    "RETURN p.id AS passage, a.id AS id"
)

# -- quote collections (they keep a copy of each quote, so re-ingesting never loses one) ------

# Collection names match whatever their case: the stored ones that do, oldest first
COLLECTIONS_NAMED = (
    f"MATCH (c:{COLLECTION}) WHERE lower(c.id) = lower($name) "
    "RETURN c.id AS name ORDER BY c.created, c.id"
)
MERGE_COLLECTION = f"MERGE (c:{COLLECTION} {{id: $name}}) ON CREATE SET c.created = $now"
ADD_QUOTE = (
    f"MATCH (c:{COLLECTION} {{id: $name}}) "
    f"OPTIONAL MATCH (c)-[:{HAS_QUOTE}]->(old:{QUOTE}) "
    "WITH c, coalesce(max(old.position), 0) AS last "
    f"CREATE (c)-[:{HAS_QUOTE}]->(:{QUOTE} {{id: $id, position: last + 1, "
    "passage_id: CAST($passage_id AS STRING), review_id: CAST($review_id AS STRING), "
    "text: CAST($text AS STRING), title: CAST($title AS STRING), "
    "partnership: CAST($partnership AS STRING), year: CAST($year AS INT64), "
    "page_start: CAST($page_start AS INT64), page_end: CAST($page_end AS INT64), "
    "paragraph_numbers: CAST($paragraph_numbers AS STRING[]), "
    "section: CAST($section AS STRING), note: CAST($note AS STRING), added_at: $now})"
)
QUOTE_EXISTS = f"MATCH (q:{QUOTE} {{id: $id}}) RETURN q.id AS id"
REMOVE_QUOTE = (
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(q:{QUOTE} {{id: $id}}) DETACH DELETE q"
)
SET_POSITION = (
    f"UNWIND $rows AS row MATCH (:{COLLECTION} {{id: $name}})"
    f"-[:{HAS_QUOTE}]->(q:{QUOTE} {{id: row.id}}) SET q.position = row.position"
)
DELETE_COLLECTION = [
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(q:{QUOTE}) DETACH DELETE q",
    f"MATCH (c:{COLLECTION} {{id: $name}}) DETACH DELETE c",
    f"MATCH (d:{BRIEFING_DRAFT} {{id: $name}}) DELETE d",
]
COLLECTIONS = (
    f"MATCH (c:{COLLECTION}) OPTIONAL MATCH (c)-[:{HAS_QUOTE}]->(q:{QUOTE}) "
    "RETURN c.id AS name, c.created AS created, count(q) AS quotes ORDER BY name"
)
QUOTES = (
    f"MATCH (:{COLLECTION} {{id: $name}})-[:{HAS_QUOTE}]->(q:{QUOTE}) "
    "RETURN q.id AS id, q.position AS position, q.passage_id AS passage_id, "
    "q.review_id AS review_id, q.text AS text, q.title AS title, q.partnership AS partnership, "
    "q.year AS year, q.page_start AS page_start, q.page_end AS page_end, "
    "q.paragraph_numbers AS paragraph_numbers, q.section AS section, q.note AS note, "
    "q.added_at AS added_at ORDER BY position"
)
# A quote's printed page numbers are its review's (a quote goes when its review is erased)
PAGE_LABELS = (
    f"MATCH (r:{REVIEW}) WHERE r.id IN $ids AND r.page_labels IS NOT NULL "
    "RETURN r.id AS id, r.page_labels AS labels"
)
REVIEW_TABLE_COLUMNS = f"CALL table_info('{REVIEW}') RETURN name"

# -- briefing drafts and saved searches: one JSON body per name ------------------------------


def save_document(label: str) -> str:
    return f"MERGE (d:{label} {{id: $name}}) SET d.body = $body, d.saved = $now"


def read_document(label: str) -> str:
    return f"MATCH (d:{label} {{id: $name}}) RETURN d.body AS body"


def list_documents(label: str) -> str:
    return f"MATCH (d:{label}) RETURN d.id AS name, d.body AS body, d.saved AS saved ORDER BY name"


def delete_document(label: str) -> str:
    return f"MATCH (d:{label} {{id: $name}}) DELETE d"


# -- erasing a review (casegraph delete) -------------------------------------------------------

REVIEW_FOR_ERASURE = (
    f"MATCH (r:{REVIEW} {{id: $id}}) "
    f"OPTIONAL MATCH (r)-[:{HAS_PASSAGE}]->(p:{PASSAGE}) "
    "RETURN r.paths AS paths, r.file_name AS file_name, collect(p.text) AS texts"
)
QUOTES_OF_REVIEW = (
    f"MATCH (c:{COLLECTION})-[:{HAS_QUOTE}]->(x:{QUOTE}) WHERE x.review_id = $id "
    "RETURN c.id AS collection, x.id AS id, x.text AS text"
)
DELETE_QUOTES_OF_REVIEW = f"MATCH (x:{QUOTE}) WHERE x.review_id = $id DETACH DELETE x"
# Entities no remaining passage mentions, and partnerships no remaining review is by: their
# names came from the erased review's text.
DELETE_ORPHANS = [
    *(
        f"MATCH (x:{label}) WHERE NOT EXISTS {{ MATCH (x)<-[:{MENTIONS}]-(:{PASSAGE}) }} "
        "DETACH DELETE x"
        for label in (AGENCY, ROLE, PROGRAMME, LEGISLATION, PLACE)
    ),
    f"MATCH (x:{PARTNERSHIP}) WHERE NOT EXISTS {{ MATCH (x)<-[:{BY}]-(:{REVIEW}) }} "
    "DETACH DELETE x",
]


# -- corrections by people (graph/corrections.py) -------------------------------------------------

THEME_CORRECTION_COLUMNS = ("passage_id", "review_id", "theme", "action", "who", "made_at", "note")
FIELD_CORRECTION_COLUMNS = ("review_id", "field", "value", "who", "made_at", "note")
# a field's history row also keeps the machine's value it overrode (JSON; null if none)
FIELD_EVENT_COLUMNS = ("review_id", "field", "value", "machine", "who", "made_at", "note")


def _correction_table(label: str, columns: tuple[str, ...]) -> str:
    fields = ", ".join(f"{name} STRING" for name in ("id", *columns))
    return f"CREATE NODE TABLE IF NOT EXISTS {label}({fields}, PRIMARY KEY (id))"


def _save_correction(label: str, columns: tuple[str, ...]) -> str:
    sets = ", ".join(f"c.{name} = ${name}" for name in columns)
    return f"MERGE (c:{label} {{id: $id}}) SET {sets}"


def _read_corrections(label: str, columns: tuple[str, ...], where: str = "") -> str:
    """The rows of a correction label, oldest first (`where` may filter on a parameter)."""
    returns = ", ".join(f"c.{name} AS {name}" for name in ("id", *columns))
    return f"MATCH (c:{label}) {where}RETURN {returns} ORDER BY made_at"


CORRECTION_SCHEMA = [
    _correction_table(THEME_CORRECTION, THEME_CORRECTION_COLUMNS),
    _correction_table(FIELD_CORRECTION, FIELD_CORRECTION_COLUMNS),
    _correction_table(THEME_CORRECTION_EVENT, THEME_CORRECTION_COLUMNS),
    _correction_table(FIELD_CORRECTION_EVENT, FIELD_EVENT_COLUMNS),
]
_OF_PASSAGE = "WHERE $passage IS NULL OR c.passage_id = $passage "
_OF_REVIEW = "WHERE $id IS NULL OR c.review_id = $id "
SAVE_THEME_CORRECTION = _save_correction(THEME_CORRECTION, THEME_CORRECTION_COLUMNS)
SAVE_THEME_CORRECTION_EVENT = _save_correction(THEME_CORRECTION_EVENT, THEME_CORRECTION_COLUMNS)
SAVE_FIELD_CORRECTION = _save_correction(FIELD_CORRECTION, FIELD_CORRECTION_COLUMNS)
SAVE_FIELD_CORRECTION_EVENT = _save_correction(FIELD_CORRECTION_EVENT, FIELD_EVENT_COLUMNS)
THEME_CORRECTIONS = _read_corrections(THEME_CORRECTION, THEME_CORRECTION_COLUMNS)
THEME_CORRECTION_HISTORY = _read_corrections(
    THEME_CORRECTION_EVENT, THEME_CORRECTION_COLUMNS, _OF_PASSAGE
)
THEME_CORRECTIONS_OF_REVIEW = _read_corrections(
    THEME_CORRECTION, THEME_CORRECTION_COLUMNS, _OF_REVIEW
)
FIELD_CORRECTIONS = _read_corrections(FIELD_CORRECTION, FIELD_CORRECTION_COLUMNS, _OF_REVIEW)
FIELD_CORRECTION_HISTORY = _read_corrections(
    FIELD_CORRECTION_EVENT, FIELD_EVENT_COLUMNS, _OF_REVIEW
)
REVIEW_METADATA = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.metadata_json AS metadata_json"
# Erasing a review erases what people said about it too (re-ingest keeps it: see DELETE_REVIEW)
DELETE_CORRECTIONS_OF_REVIEW = [
    f"MATCH (c:{label}) WHERE c.review_id = $id DELETE c"
    for label in (
        THEME_CORRECTION,
        THEME_CORRECTION_EVENT,
        FIELD_CORRECTION,
        FIELD_CORRECTION_EVENT,
    )
]
PASSAGE_REVIEW = f"MATCH (p:{PASSAGE} {{id: $id}}) RETURN p.review_id AS review_id"
# what the machine gave a passage (graph.corrections.machine_edge reads it)
PASSAGE_MACHINE = (
    f"MATCH (p:{PASSAGE} {{id: $id}}) RETURN p.review_id AS review_id, p.text AS text, "
    "p.machine_themes AS machine_themes, p.theme_scores AS theme_scores"
)
# the review's themes as the machine gave them (graph.corrections.machine_review_themes)
REVIEW_MACHINE_THEMES = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.machine_themes AS machine_themes"
PASSAGE_TEXTS_OF_REVIEW = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) "
    "RETURN p.id AS id, p.text AS text"
)
DELETE_THEME_CORRECTION = f"MATCH (c:{THEME_CORRECTION} {{id: $id}}) DELETE c"
# a moved correction's history goes with it (the events' ids are their own)
MOVE_THEME_CORRECTION_EVENTS = (
    f"MATCH (c:{THEME_CORRECTION_EVENT}) WHERE c.passage_id = $old AND c.theme = $theme "
    "SET c.passage_id = $new"
)
REVIEW_PASSAGE_COUNT = (
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) RETURN count(p) AS n"
)
DELETE_EVIDENCE = (
    f"MATCH (p:{PASSAGE} {{id: $passage}})-[e:{EVIDENCES}]->(t:{THEME} {{id: $theme}}) DELETE e"
)
REVIEW_EVIDENCES = (
    f"MATCH (:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE})-[e:{EVIDENCES}]->(t:{THEME}) "
    "RETURN p.id AS passage, t.id AS theme, e.score AS score, e.spans AS spans"
)
DELETE_REVIEW_THEMES = f"MATCH (r:{REVIEW} {{id: $id}})-[h:{HAS_THEME}]->(:{THEME}) DELETE h"


def set_review_fields(names: list[str]) -> str:
    """SET the named review properties from $v_NAME (names checked by graph/corrections.py)."""
    sets = ", ".join(f"r.{name} = $v_{name}" for name in names)
    return f"MATCH (r:{REVIEW} {{id: $id}}) SET {sets}"


# Text columns, alone or in a list: what KuzuStore.correct_field writes again
TEXT_COLUMNS = {"STRING", "STRING[]"}
# the quotes' copies of a review's text fields
QUOTE_TEXT_COPIES = {
    copy for field, copy in QUOTE_COPIES.items() if REVIEW_COLUMNS.get(field) in TEXT_COLUMNS
}


def rewrite_strings(updates: Iterable[str], copies: Iterable[str]) -> list[str]:
    """Statements that write the corrected text properties of every review (and the saved
    quotes' copies) again, as they are (see KuzuStore.correct_field for why)."""
    updates = list(updates)
    reviews = [name for name in updates if REVIEW_COLUMNS.get(name) in TEXT_COLUMNS]
    quotes = [name for name in copies if name in QUOTE_TEXT_COPIES]
    partnerships = ["name"] if "partnership" in updates else []  # RELINK_PARTNERSHIP's name
    return [
        f"MATCH (x:{label}) SET " + ", ".join(f"x.{name} = x.{name}" for name in names)
        for label, names in ((REVIEW, reviews), (QUOTE, quotes), (PARTNERSHIP, partnerships))
        if names
    ]


def set_quote_fields(names: list[str]) -> str:
    """SET the named properties of the review's saved quotes from $v_NAME (names from
    graph/corrections.py QUOTE_COPIES)."""
    sets = ", ".join(f"q.{name} = $v_{name}" for name in names)
    return f"MATCH (q:{QUOTE}) WHERE q.review_id = $id SET {sets}"
