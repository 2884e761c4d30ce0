import pytest

from graph.cypher_guard import CypherRefused, check_read_only, tokens, writes


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (r:Review) RETURN r.title",
        "MATCH (r:Review {title: 'CREATE and DELETE'}) RETURN r",
        "MATCH (n) RETURN n // DELETE in a comment",
        "MATCH (n) /* LOAD FROM 'x' */ RETURN n;",
        "CALL SHOW_TABLES() RETURN *",
        "CALL db.labels()",
        "CALL db.index.vector.queryNodes('v', 5, $q) YIELD node RETURN node",
        "OPTIONAL MATCH (r:Review) WITH r WHERE r.set = 1 RETURN r.delete AS `load` "
        "ORDER BY r.title SKIP 1 LIMIT 2",
        "MATCH (load:Review) RETURN load.title UNION MATCH (c:Copy) RETURN c.id",
        "UNWIND [1, 2] AS x RETURN x, 'it\\'s // not a comment' AS s",
        'MATCH (n) WHERE n.title CONTAINS "DROP" RETURN count(n)',
        "MATCH (n:`Weird``Name`) RETURN n",
        "MATCH (n) RETURN {set: 1, create: 2} AS m",
    ],
)
def test_reads_pass(statement: str) -> None:
    assert writes(statement) is None


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("MATCH (n) DETACH DELETE n", "'DETACH'"),
        ("match (n) set n.x = 1", "'set'"),
        ("MATCH (n) /* hidden */ CREATE (m)", "'CREATE'"),
        ("MERGE (t:Theme {id: 'x'})", "'MERGE' does not start a read query"),
        ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "not an allowed read"),
        ("MATCH (n) RETURN apoc.load.json('file:///etc/passwd')", "'apoc'"),
        ("MATCH (n) RETURN x.load.json('file:///etc/passwd')", "'load'"),
        ("DROP TABLE Review", "'DROP'"),
        ("COPY Review FROM 'x.csv'", "'COPY'"),
        # the reproducers: comment markers inside strings, several statements
        (
            "UNWIND ['/*'] AS a LOAD FROM '/etc/passwd' "
            "(file_format='csv', header=false, delim=':') RETURN *, '*/' AS b",
            "'LOAD'",
        ),
        (
            "RETURN '//' AS a; COPY (MATCH (p:Passage) RETURN p.text) TO 'victim.csv'",
            "one statement",
        ),
        ("RETURN '//' AS a; EXPORT DATABASE 'dumpdir'", "one statement"),
        ("RETURN '//' AS a; LOAD EXTENSION 'evil.so'", "one statement"),
        ("RETURN '//' AS a\nINSTALL httpfs", "'INSTALL'"),
        ("RETURN 1 AS a\nUNINSTALL httpfs", "'UNINSTALL'"),
        ("RETURN 1 AS a\nLOAD EXTENSION 'evil.so'", "'LOAD'"),
        ("RETURN 1 AS a // x\nEXPORT DATABASE 'dumpdir'", "'EXPORT'"),
        ("MATCH (n) RETURN n /* */ ATTACH 'x.kuzu' AS y (dbtype kuzu)", "'ATTACH'"),
        ("RETURN 1 IMPORT DATABASE 'dumpdir'", "'IMPORT'"),
        ("MATCH (n) CALL { MATCH (m) DELETE m } RETURN n", "'DELETE'"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "'LOAD' does not start"),
        ("CALL threads=1", "not an allowed read procedure"),
        ("CALL dbms.security.createUser('x', 'y')", "not an allowed read procedure"),
        ("RETURN 'x\\' ; DROP TABLE Review", "not closed"),
        ("RETURN 'x\\\\' ; DROP TABLE Review", "one statement"),
        ("RETURN 'unclosed", "not closed"),
        ("RETURN 1 /* unclosed", "not closed"),
        ("RETURN `unclosed", "not closed"),
        ("", "empty"),
        ("// only a comment", "empty"),
    ],
)
def test_everything_else_is_refused_with_the_reason(statement: str, reason: str) -> None:
    with pytest.raises(CypherRefused, match=None) as refused:
        check_read_only(statement)
    assert reason.lower() in str(refused.value).lower()


def test_tokens_keep_escaped_quotes_and_drop_comments() -> None:
    found = tokens("RETURN 'a\\'b // c' /* d */ AS `e``f` // g")
    assert [(t.kind, t.text) for t in found] == [
        ("word", "RETURN"),
        ("string", "a\\'b // c"),
        ("word", "AS"),
        ("name", "e``f"),
    ]


def test_tokenising_a_long_run_of_one_character_is_linear() -> None:
    # 200,000 characters of dots, quotes and slashes are read in one pass
    check_read_only("RETURN '" + "\\'" * 50_000 + "' AS a, " + "1+" * 50_000 + "1 AS b")


def test_the_parameters_a_statement_uses_are_named() -> None:
    from graph.cypher_guard import parameters_named

    statement = "MATCH (r:Review {id: $id}) WHERE r.year > $`from` AND r.title <> '$not' RETURN r"
    assert parameters_named(statement + " // $comment") == {"id", "from"}
