"""All Cypher the Kùzu backend sends: schema steps, per-review writes and named reads."""

from __future__ import annotations

from graph.schema import (
    ABOUT,
    AGENCY,
    BY,
    CITES,
    EMBEDDING_DIM,
    EVIDENCES,
    HAS_PASSAGE,
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
    RECOMMENDATION,
    REVIEW,
    ROLE,
    THEME,
)

# No Kùzu vector or full-text index: in kuzu 0.11.3 both break when a review is replaced
# (deleting then re-inserting indexed rows segfaults the FTS index and empties the vector
# index; kuzudb/kuzu#5671). Search keeps its own indexes, derived from this graph.

REVIEW_COLUMNS = {
    "id": "STRING",
    "content_sha256": "STRING",
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
    "embedding": f"FLOAT[{EMBEDDING_DIM}]",
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

DELETE_REVIEW = [
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_PASSAGE}]->(p:{PASSAGE}) DETACH DELETE p",
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{HAS_RECOMMENDATION}]->(x:{RECOMMENDATION}) DETACH DELETE x",
    f"MATCH (r:{REVIEW} {{id: $id}})-[:{ABOUT}]->(x:{PERSON}) DETACH DELETE x",
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


LINK_PARTNERSHIP = (
    f"MERGE (x:{PARTNERSHIP} {{id: $partnership}}) ON CREATE SET x.name = $name "
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

KNOWN = (
    f"MATCH (r:{REVIEW} {{content_sha256: $sha}}) WHERE r.version = $version "
    "RETURN r.id AS id, r.passage_count AS expected, "
    f"COUNT {{ MATCH (r)-[:{HAS_PASSAGE}]->(:{PASSAGE}) }} AS stored"
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
REVIEW_VERSION = f"MATCH (r:{REVIEW} {{id: $id}}) RETURN r.version"
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
