import csv
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from graph.export import to_csv, to_graphml
from graph.kuzu_store import KuzuStore

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_graphml_and_csv_hold_the_same_graph(tmp_path: Path, reviews) -> None:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
    nodes, edges = to_graphml(store, tmp_path / "graph.graphml")
    tree = ET.parse(tmp_path / "graph.graphml")
    node_ids = {n.get("id") for n in tree.getroot().iterfind(".//g:node", NS)}
    assert len(node_ids) == nodes
    for edge in tree.getroot().iterfind(".//g:edge", NS):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
    passages = sum(len(document.passages) for document, _ in reviews)
    assert sum(1 for n in node_ids if n.startswith("Passage:")) == passages

    assert to_csv(store, tmp_path / "csv") == (nodes, edges)
    with open(tmp_path / "csv" / "edges.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert {row[":TYPE"] for row in rows} >= {"HAS_PASSAGE", "EVIDENCES", "HAS_THEME", "MENTIONS"}


def test_control_characters_in_names_and_text_still_give_a_well_formed_graphml(
    tmp_path: Path, reviews
) -> None:
    document, enrichment = reviews[0]
    passage = replace(document.passages[0], text="Seen at home\x1b[31m on the \x0cvisit.")
    odd = replace(
        document,
        file_name="review\x1b[2J.txt",
        passages=[passage, *document.passages[1:]],
    )
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        store.put(odd, "v1", enrichment)
    to_graphml(store, tmp_path / "graph.graphml")

    tree = ET.parse(tmp_path / "graph.graphml")  # raises on a character XML does not allow
    texts = [data.text or "" for data in tree.getroot().iterfind(".//g:data", NS)]
    assert any("Seen at home[31m on the visit." in text for text in texts)
    assert not any("\x1b" in text or "\x0c" in text for text in texts)
