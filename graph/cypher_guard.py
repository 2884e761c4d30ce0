"""Decide whether a Cypher statement only reads, for `casegraph cypher` without --write."""

from __future__ import annotations

import re

# Clauses and procedures that change data or schema, in Neo4j or Kùzu Cypher.
_WRITES = re.compile(
    r"\b(?:CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|"
    r"IMPORT|EXPORT|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|FOREACH)\b"
    r"|\bCALL\s+(?!(?:SHOW_|TABLE_INFO|CURRENT_SETTING|db\.labels|db\.relationshipTypes|"
    r"db\.propertyKeys|db\.schema|QUERY_VECTOR_INDEX|QUERY_FTS_INDEX|db\.index\.(?:vector|fulltext)\.query))",
    re.I,
)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def writes(cypher: str) -> str | None:
    """The first clause that would write, or None when the statement only reads.

    String literals, quoted names and comments are blanked first, so a word inside a
    quoted value does not count, and a clause hidden after a comment still does.
    """
    text = _STRINGS.sub("''", _COMMENTS.sub(" ", cypher))
    found = _WRITES.search(text)
    return found.group(0).strip() if found else None
