"""Export the whole graph as GraphML (Gephi, yEd, Neo4j Bloom via APOC) or as CSV files
in the layout of `neo4j-admin database import` (nodes.csv with :ID/:LABEL, edges.csv with
:START_ID/:END_ID/:TYPE)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from graph import schema as s
from graph.csv_cells import neutralise
from graph.store import Store

NODE_PROPERTIES: dict[str, list[str]] = {
    s.REVIEW: [
        "title",
        "review_type",
        "publication_year",
        "partnership",
        "age_band",
        "outcome",
        "child_sex",
        "file_name",
    ],
    s.PASSAGE: ["review_id", "page_start", "page_end", "section", "text"],
    s.THEME: ["label", "group_name", "parent"],
    s.AGENCY: ["name"],
    s.ROLE: ["name"],
    s.PROGRAMME: ["name"],
    s.LEGISLATION: ["name"],
    s.PLACE: ["name"],
    s.PARTNERSHIP: ["name"],
    s.PERSON: ["pseudonym"],
    s.RECOMMENDATION: ["number", "text", "page"],
}
EDGES: list[tuple[str, str, str, list[str]]] = [
    (s.REVIEW, s.HAS_PASSAGE, s.PASSAGE, []),
    (s.PASSAGE, s.EVIDENCES, s.THEME, ["score"]),
    (s.REVIEW, s.HAS_THEME, s.THEME, ["passages", "weight"]),
    *((s.PASSAGE, s.MENTIONS, label, ["count"]) for label in s.MENTION_LABELS.values()),
    (s.REVIEW, s.BY, s.PARTNERSHIP, []),
    (s.REVIEW, s.ABOUT, s.PERSON, []),
    (s.REVIEW, s.HAS_RECOMMENDATION, s.RECOMMENDATION, []),
    (s.REVIEW, s.CITES, s.REVIEW, ["evidence"]),
]


def nodes(store: Store) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(node key, label, properties) for every node; keys are unique across labels."""
    for label, properties in NODE_PROPERTIES.items():
        columns = ", ".join(f"n.{p} AS {p}" for p in properties)
        for row in store.query(f"MATCH (n:{label}) RETURN n.id AS id, {columns}"):
            yield f"{label}:{row.pop('id')}", label, row


def edges(store: Store) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source key, target key, type, properties) for every relationship."""
    for source, kind, target, properties in EDGES:
        columns = "".join(f", e.{p} AS {p}" for p in properties)
        cypher = (
            f"MATCH (a:{source})-[e:{kind}]->(b:{target}) RETURN a.id AS source, b.id AS target"
            + columns
        )
        for row in store.query(cypher):
            yield f"{source}:{row.pop('source')}", f"{target}:{row.pop('target')}", kind, row


def to_graphml(store: Store, path: Path) -> tuple[int, int]:
    """Write GraphML; returns (nodes, edges) written."""
    keys = sorted({p for props in NODE_PROPERTIES.values() for p in props} | {"labels"})
    edge_keys = sorted({p for *_, props in EDGES for p in props} | {"type"})
    counted = [0, 0]
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for key in keys:
            out.write(f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="string"/>\n')
        for key in edge_keys:
            out.write(f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="string"/>\n')
        out.write('  <graph id="casegraph" edgedefault="directed">\n')
        for key, label, props in nodes(store):
            out.write(f"    <node id={_xml_attribute(key)}>")
            out.write(_data("n", {"labels": f":{label}", **props}))
            out.write("</node>\n")
            counted[0] += 1
        for number, (source, target, kind, props) in enumerate(edges(store)):
            ends = f"source={_xml_attribute(source)} target={_xml_attribute(target)}"
            out.write(f'    <edge id="e{number}" {ends}>')
            out.write(_data("e", {"type": kind, **props}))
            out.write("</edge>\n")
            counted[1] += 1
        out.write("  </graph>\n</graphml>\n")
    return counted[0], counted[1]


def to_csv(store: Store, folder: Path) -> tuple[int, int]:
    """Write nodes.csv and edges.csv in neo4j-admin import layout; returns the counts."""
    folder.mkdir(parents=True, exist_ok=True)
    node_columns = sorted({p for props in NODE_PROPERTIES.values() for p in props})
    edge_columns = sorted({p for *_, props in EDGES for p in props})
    counted = [0, 0]
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([":ID", ":LABEL", *node_columns])
        for key, label, props in nodes(store):
            writer.writerow(
                [neutralise(x) for x in (key, label, *(_cell(props.get(c)) for c in node_columns))]
            )
            counted[0] += 1
    with open(folder / "edges.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *edge_columns])
        for source, target, kind, props in edges(store):
            cells = (source, target, kind, *(_cell(props.get(c)) for c in edge_columns))
            writer.writerow([neutralise(x) for x in cells])
            counted[1] += 1
    return counted[0], counted[1]


# Characters XML 1.0 does not allow even escaped (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE/FFFF): one in a file name or a PDF's text would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: Any) -> str:
    return escape(_NOT_XML.sub("", _cell(value)))


def _xml_attribute(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _data(prefix: str, values: dict[str, Any]) -> str:
    return "".join(
        f'<data key="{prefix}_{key}">{_xml_text(value)}</data>'
        for key, value in values.items()
        if value is not None
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)
