import pytest

from graph.cypher_guard import writes


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (r:Review) RETURN r.title",
        "MATCH (r:Review {title: 'CREATE and DELETE'}) RETURN r",
        "MATCH (n) RETURN n // DELETE in a comment",
        "CALL SHOW_TABLES() RETURN *",
        "CALL db.labels()",
    ],
)
def test_reads_pass(statement: str) -> None:
    assert writes(statement) is None


@pytest.mark.parametrize(
    ("statement", "clause"),
    [
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("match (n) set n.x = 1", "set"),
        ("MATCH (n) /* hidden */ CREATE (m)", "CREATE"),
        ("MERGE (t:Theme {id: 'x'})", "MERGE"),
        ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "CALL"),
        ("DROP TABLE Review", "DROP"),
        ("COPY Review FROM 'x.csv'", "COPY"),
    ],
)
def test_writes_are_named(statement: str, clause: str) -> None:
    assert writes(statement) == clause
