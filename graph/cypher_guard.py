"""Decide whether a Cypher statement only reads, for `casegraph cypher` without --write.

Read-only by construction: the text is tokenised (strings with their escapes, quoted
names, `//` and `/* */` comments), then it must be one statement, start with a read
clause, use no clause outside the read allow-list and call only allow-listed read
procedures. Anything the tokeniser cannot read (an unclosed string or comment) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

# Clauses a read-only statement may start with.
STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})

# Clause words of Neo4j or Kùzu Cypher that change data or schema, touch files, load code or
# reach the network, manage transactions or switch databases. Any of them, outside a string,
# quoted name or comment, and not used as a property, label or map key, refuses the statement.
REFUSED = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "RENAME",
        "INSERT", "UPDATE", "UPSERT", "COPY", "LOAD", "IMPORT", "EXPORT", "ATTACH", "USE",
        "INSTALL", "UNINSTALL", "EXTENSION", "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK",
        "TRANSACTION", "TRANSACTIONS", "FOREACH", "GRANT", "REVOKE", "DENY", "SHOW", "START",
        "STOP", "TERMINATE", "ENABLE", "DISABLE", "PERIODIC", "APOC", "DBMS", "PROJECT_GRAPH",
        "DROP_PROJECTED_GRAPH",
    }
)  # fmt: skip

# Read-only procedures (lower case): Kùzu's catalogue functions, Neo4j's schema calls
# and the two index queries of each backend.
PROCEDURES = frozenset(
    {
        "show_tables", "table_info", "show_connection", "show_functions", "db_version",
        "current_setting",
        "query_vector_index", "query_fts_index",
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
        "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
        "db.index.vector.querynodes", "db.index.fulltext.querynodes",
    }
)  # fmt: skip


class CypherRefused(ValueError):
    """The statement is not a single read-only query."""


@dataclass(frozen=True)
class Token:
    kind: str  # word, string, name (a `quoted` name), number, symbol
    text: str


def tokens(cypher: str) -> list[Token]:
    """The statement's tokens, without comments or white space; CypherRefused when a string,
    quoted name or comment is not closed."""
    found: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c.isspace():
            i += 1
        elif cypher.startswith("//", i):
            end = cypher.find("\n", i)
            i = n if end < 0 else end + 1
        elif cypher.startswith("/*", i):
            end = cypher.find("*/", i + 2)
            if end < 0:
                raise CypherRefused("a /* comment is not closed")
            i = end + 2
        elif c in "'\"":
            i = _quoted(cypher, i, found)
        elif c == "`":
            j = i + 1
            while True:
                end = cypher.find("`", j)
                if end < 0:
                    raise CypherRefused("a `quoted name` is not closed")
                if cypher.startswith("``", end):  # a doubled backtick stands for one
                    j = end + 2
                    continue
                break
            found.append(Token("name", cypher[i + 1 : end]))
            i = end + 1
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (cypher[j].isalnum() or cypher[j] == "_"):
                j += 1
            found.append(Token("word", cypher[i:j]))
            i = j
        elif c.isdigit():
            j = i
            while j < n and (cypher[j].isalnum() or cypher[j] in "._"):
                j += 1
            found.append(Token("number", cypher[i:j]))
            i = j
        else:
            found.append(Token("symbol", c))
            i += 1
    return found


def parameters_named(cypher: str) -> set[str]:
    """The $parameters the statement uses (outside strings and comments). Kùzu reads one that
    is not given as null, so `WHERE r.id = $id` without an id would match every review."""
    found = tokens(cypher)
    return {
        after.text
        for before, after in pairwise(found)
        if before == Token("symbol", "$") and after.kind in ("word", "name", "number")
    }


def _quoted(cypher: str, start: int, found: list[Token]) -> int:
    quote, i, n = cypher[start], start + 1, len(cypher)
    while i < n:
        if cypher[i] == "\\":
            i += 2
        elif cypher[i] == quote:
            found.append(Token("string", cypher[start + 1 : i]))
            return i + 1
        else:
            i += 1
    raise CypherRefused("a string literal is not closed")


def check_read_only(cypher: str) -> None:
    """Return when the text is one read-only query; otherwise CypherRefused saying why."""
    found = tokens(cypher)
    while found and found[-1].text == ";":
        found.pop()  # one trailing semicolon is harmless
    if not found:
        raise CypherRefused("the statement is empty")
    if any(t.kind == "symbol" and t.text == ";" for t in found):
        raise CypherRefused("only one statement may be run at a time (found ';')")
    first = found[0]
    if first.kind != "word" or first.text.upper() not in STARTS:
        raise CypherRefused(
            f"{first.text!r} does not start a read query (start with {', '.join(sorted(STARTS))})"
        )
    for position, token in enumerate(found):
        if token.kind != "word" or _is_name(found, position):
            continue
        word = token.text.upper()
        if word in REFUSED:
            raise CypherRefused(f"{token.text!r} is not allowed in a read-only query")
        if word == "CALL":
            _check_call(found, position)


def _is_name(found: list[Token], position: int) -> bool:
    """A word used as a variable or property (`load.title`, `r.set`), label (`:Load`),
    parameter (`$copy`) or map key; every part of a dotted function name such as
    apoc.load.json(...) is checked instead."""
    if _in_dotted_call(found, position):
        return False
    before = found[position - 1].text if position else ""
    after = found[position + 1].text if position + 1 < len(found) else ""
    return before in (".", ":", "$") or after in (".", ":")


def _in_dotted_call(found: list[Token], position: int) -> bool:
    """Whether the word belongs to a dotted name followed by '(' (a function or procedure)."""
    start = position
    while start >= 2 and found[start - 1].text == "." and found[start - 2].kind == "word":
        start -= 2
    end = position
    while end + 2 < len(found) and found[end + 1].text == "." and found[end + 2].kind == "word":
        end += 2
    dotted = end > start
    return dotted and end + 1 < len(found) and found[end + 1].text == "("


def _check_call(found: list[Token], position: int) -> None:
    rest = found[position + 1 :]
    if rest and rest[0].text == "{":
        return  # a subquery: its clauses are checked like the rest of the statement
    parts: list[str] = []
    for n, token in enumerate(rest):
        if n % 2 == 0 and token.kind == "word":
            parts.append(token.text)
        elif n % 2 == 1 and token.text == ".":
            continue
        else:
            break
    name = ".".join(parts)
    if name.lower() not in PROCEDURES:
        raise CypherRefused(
            f"CALL {name or '...'} is not an allowed read procedure "
            f"(allowed: {', '.join(sorted(PROCEDURES))})"
        )


def writes(cypher: str) -> str | None:
    """Why the statement is refused without --write, or None when it is one read-only query."""
    try:
        check_read_only(cypher)
    except CypherRefused as error:
        return str(error)
    return None
