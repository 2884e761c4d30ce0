"""The graph schema, in one place: labels, relationship types, and how a parsed and enriched
review becomes rows for them. Both backends write exactly these rows.

    (Review)-[:HAS_PASSAGE]->(Passage)
    (Passage)-[:EVIDENCES {score, spans}]->(Theme)
    (Review)-[:HAS_THEME {passages, weight, parts, quotes}]->(Theme)
    (Passage)-[:MENTIONS {count}]->(Agency | Role | Programme | Legislation | Place)
    (Review)-[:BY]->(Partnership)
    (Review)-[:ABOUT]->(Person)            the pseudonymised child
    (Review)-[:HAS_RECOMMENDATION]->(Recommendation)
    (Review)-[:CITES]->(Review)            one review names another
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.enrich import Enrichment
from ingest.page_labels import from_json as labels_from_json
from ingest.page_labels import to_json as labels_json
from ingest.types import Block, ParsedDocument

_NUMBERED_RECOMMENDATION = re.compile(r"recommendation\s*\d", re.IGNORECASE)

EMBEDDING_DIM = 384

REVIEW = "Review"
PASSAGE = "Passage"
THEME = "Theme"
AGENCY = "Agency"
ROLE = "Role"
PROGRAMME = "Programme"
LEGISLATION = "Legislation"
PLACE = "Place"
PARTNERSHIP = "Partnership"
PERSON = "Person"
RECOMMENDATION = "Recommendation"
COLLECTION = "Collection"  # a trainer's named set of quotes
QUOTE = "Quote"
BRIEFING_DRAFT = "BriefingDraft"  # what a trainer made of a collection, as JSON
SAVED_SEARCH = "SavedSearch"  # a named search (query and filters), as JSON

HAS_PASSAGE = "HAS_PASSAGE"
EVIDENCES = "EVIDENCES"
HAS_THEME = "HAS_THEME"
MENTIONS = "MENTIONS"
BY = "BY"
ABOUT = "ABOUT"
HAS_RECOMMENDATION = "HAS_RECOMMENDATION"
CITES = "CITES"
HAS_QUOTE = "HAS_QUOTE"
QUOTE_FIELDS = [
    "passage_id",
    "review_id",
    "text",
    "title",
    "partnership",
    "year",
    "page_start",
    "page_end",
    "paragraph_numbers",
    "section",
    "note",
]

# Entity kinds from ingest.entities and the label each becomes.
MENTION_LABELS = {
    "agency": AGENCY,
    "role": ROLE,
    "programme": PROGRAMME,
    "legislation": LEGISLATION,
    "place": PLACE,
}
ENTITY_LABELS = [AGENCY, ROLE, PROGRAMME, LEGISLATION, PLACE, PARTNERSHIP, PERSON, THEME]

# What happened to the subject child, as a review's `outcome` records it.
OUTCOMES = ["died", "serious_harm", "other"]

# The Panel's age groups for subject children, and young adults (a care leaver's review)
AGE_BANDS = [
    (0, 11, "under 1"),
    (12, 71, "1-5"),
    (72, 131, "6-10"),
    (132, 191, "11-15"),
    (192, 215, "16-17"),
    (216, 300, "18 and over"),
]


def age_band(months: int | None) -> str | None:
    if months is None:
        return None
    for low, high, band in AGE_BANDS:
        if low <= months <= high:
            return band
    return None


def theme_scores(stored: Any) -> dict[str, float]:
    """A passage's stored theme confidences (JSON text, or nothing in stores written before
    they were kept) as {theme: confidence}."""
    if not stored:
        return {}
    try:
        data = json.loads(stored) if isinstance(stored, str) else stored
        return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (TypeError, ValueError):  # a damaged value costs the boost, never the search
        return {}


def entity_key(kind: str, value: str) -> str:
    """Node id of a place or partnership named in free text: case and spacing folded."""
    return f"{kind}:" + re.sub(r"\s+", " ", value.strip().lower())


@dataclass
class ReviewRows:
    """Everything one review writes, as plain rows for UNWIND."""

    review: dict[str, Any]
    passages: list[dict[str, Any]]
    evidences: list[dict[str, Any]]
    review_themes: list[dict[str, Any]]
    mentions: dict[str, list[dict[str, Any]]]  # label -> [{passage, id, name, count}]
    partnership: dict[str, Any] | None
    persons: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> nodes


def keep_paths(rows: ReviewRows, known: list[str] | None) -> None:
    """A review written again keeps every path it was met at before (renamed copies too):
    erasure finds the uploads to remove by these paths."""
    rows.review["paths"] = list(dict.fromkeys([*(known or []), *rows.review["paths"]]))


def review_rows(
    document: ParsedDocument, version: str, enrichment: Enrichment | None
) -> ReviewRows:
    """Rows for one review; the passage order, texts and pages are the parser's own."""
    meta = document.metadata
    months = meta.value("child_age_months")
    pseudonyms = meta.value("child_pseudonyms")
    children = [str(name) for name in pseudonyms] if isinstance(pseudonyms, list) else []
    review = {
        "id": document.review_id,
        "content_sha256": document.content_sha256,
        "text_sha256": document.text_sha256 or None,
        "file_name": document.file_name,
        "paths": [document.source_path],
        "version": version,
        "title": meta.value("title"),
        "review_type": meta.value("review_type"),
        "partnership": meta.value("partnership"),
        "publication_date": meta.value("publication_date"),
        "publication_year": meta.value("publication_year"),
        "incident_year": meta.value("incident_year"),
        "author": meta.value("author"),
        "child_pseudonyms": children,
        "child_age": meta.value("child_age"),
        "child_age_months": months,
        "age_band": age_band(months if isinstance(months, int) else None),
        "child_sex": meta.value("child_sex"),
        "outcome": meta.value("outcome"),
        "page_count": document.page_count,
        "passage_count": len(document.passages),
        "metadata_json": json.dumps(asdict(meta), ensure_ascii=False),
        "unreadable_pages_json": json.dumps(document.unreadable_pages),
        "embedding_model": enrichment.embedding_model if enrichment else None,
        "document_kind": document.document_kind,
        "machine_themes": None,  # JSON of the machine's review themes, from the enrichment
        # JSON {PDF page: the number printed on it}, where known (ingest.page_labels)
        "page_labels": labels_json(document.page_labels),
    }
    vectors = enrichment.embeddings if enrichment is not None else None
    passages = [
        {
            "id": passage.id,
            "review_id": document.review_id,
            "ordinal": ordinal,
            "text": passage.text,
            "section": passage.section,
            "paragraph_numbers": passage.paragraph_numbers,
            "page_start": passage.page_start,
            "page_end": passage.page_end,
            "char_start": passage.char_start,
            "char_end": passage.char_end,
            "kind": passage.kind,
            "embedding": [float(x) for x in vectors[ordinal]] if vectors is not None else None,
            "theme_scores": None,  # JSON {theme: confidence}, from the enrichment
            "machine_themes": None,  # JSON of the machine's themes (graph.corrections)
        }
        for ordinal, passage in enumerate(document.passages)
    ]
    rows = ReviewRows(
        review,
        passages,
        [],
        [],
        {label: [] for label in MENTION_LABELS.values()},
        None,
        [],
        recommendation_rows(document.review_id, document.blocks),
    )
    if meta.partnership is not None:
        rows.partnership = partnership_row(str(meta.partnership.value))
    rows.persons = person_rows(document.review_id, children)
    if enrichment is not None:
        _add_enrichment(rows, enrichment)
    return rows


def partnership_row(name: str | None) -> dict[str, Any] | None:
    """The Partnership node a review is BY, or None when it names none."""
    return None if name is None else {"id": entity_key("partnership", name), "name": name}


def person_rows(review_id: str, names: list[str]) -> list[dict[str, Any]]:
    """The Person nodes a review is ABOUT: its children, by pseudonym."""
    return [{"id": f"{review_id}:{name}", "pseudonym": name} for name in names]


def _add_enrichment(rows: ReviewRows, enrichment: Enrichment) -> None:
    by_id = {row["id"]: row for row in rows.passages}
    for passage in enrichment.passages:
        if passage.passage_id in by_id:
            by_id[passage.passage_id]["theme_scores"] = json.dumps(passage.theme_scores)
            by_id[passage.passage_id]["machine_themes"] = json.dumps(
                {
                    theme: [
                        float(passage.scores.get(theme, 0.0)),
                        [[s["start"], s["end"]] for s in passage.evidence.get(theme, [])],
                    ]
                    for theme in passage.themes
                }
            )
        for theme in passage.themes:
            rows.evidences.append(
                {
                    "passage": passage.passage_id,
                    "theme": theme,
                    "score": float(passage.scores.get(theme, 0.0)),
                    "spans": json.dumps(passage.evidence.get(theme, []), ensure_ascii=False),
                }
            )
        counts: Counter[tuple[str, str, str]] = Counter()
        for mention in passage.mentions:
            label = MENTION_LABELS.get(mention.kind)
            if label is None:
                continue
            node_id = entity_key("place", mention.id) if label == PLACE else mention.id
            counts[(label, node_id, mention.text if label == PLACE else mention.id)] += 1
        for (label, node_id, name), count in counts.items():
            rows.mentions[label].append(
                {"passage": passage.passage_id, "id": node_id, "name": name, "count": count}
            )
    for review_theme in enrichment.review_themes:
        rows.review_themes.append(
            {
                "theme": review_theme.theme,
                "passages": review_theme.passages,
                "weight": float(review_theme.weight),
                "parts": json.dumps(review_theme.where),
                "quotes": json.dumps(review_theme.strongest, ensure_ascii=False),
            }
        )
    # kept apart from the rows people's corrections recount (graph.corrections.apply_corrections)
    rows.review["machine_themes"] = json.dumps(rows.review_themes, ensure_ascii=False)
    for label, mentions in rows.mentions.items():
        unique = {row["id"]: row["name"] for row in mentions}
        rows.entities[label] = [{"id": key, "name": name} for key, name in unique.items()]


def recommendation_rows(review_id: str, blocks: list[Block]) -> list[dict[str, Any]]:
    """The recommendations: paragraphs and list items under a heading that says
    'recommendation', less the text that introduces them ("This review makes six
    recommendations:", "Not every issue found here has a recommendation of its own")."""
    found = []
    for block in blocks:
        if block.kind not in {"paragraph", "list_item"} or not block.section:
            continue
        if "recommendation" not in block.section.lower() or _introduces(block):
            continue
        digest = hashlib.sha256(f"{review_id}\n{block.text}".encode()).hexdigest()[:20]
        found.append(
            {
                "id": digest,
                "review_id": review_id,
                "number": block.paragraph_number,
                "text": block.text,
                "page": block.page_start,
            }
        )
    return found


def _introduces(block: Block) -> bool:
    text = block.text.strip()
    if block.kind == "list_item" or _NUMBERED_RECOMMENDATION.match(text):
        return False
    if text.endswith(":"):  # "6.1 The reviewer makes the following recommendations:"
        return True
    return not block.paragraph_number and "recommendation" in text.lower()


def taxonomy_rows() -> list[dict[str, Any]]:
    """Theme nodes from the project's taxonomy."""
    from ingest.themes import load_taxonomy

    return [
        {"id": t.id, "label": t.label, "group_name": t.group, "parent": t.parent}
        for t in load_taxonomy().themes
    ]


def review_list(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the REVIEWS query of either backend, each review's themes ordered by how
    many of its passages carry them (the query returns them with their counts, unordered)."""
    for row in rows:
        counts, themes = row.pop("theme_passages") or [], row["themes"] or []
        pairs = sorted(zip(counts, themes, strict=True), reverse=True)
        row["themes"] = [theme for _, theme in pairs]
    return rows


def assemble_document(
    review: dict[str, Any],
    passages: list[dict[str, Any]],
    passage_themes: list[dict[str, Any]],
    review_themes: list[dict[str, Any]],
) -> dict[str, Any]:
    """A stored review as plain data, from the rows any backend reads back."""
    themes: dict[str, list[dict[str, Any]]] = {}
    for row in passage_themes:
        themes.setdefault(row["passage"], []).append(
            {"theme": row["theme"], "score": row["score"], "spans": json.loads(row["spans"])}
        )
    for passage in passages:
        passage["themes"] = themes.get(passage["id"], [])
    for theme in review_themes:
        theme["parts"] = json.loads(theme["parts"])
        theme["quotes"] = json.loads(theme["quotes"])
    review = dict(review)
    review["metadata"] = json.loads(review.pop("metadata_json"))
    review["unreadable_pages"] = json.loads(review.pop("unreadable_pages_json"))
    review.pop("machine_themes", None)  # the review_themes in force stand for them
    review["page_labels"] = labels_from_json(review.get("page_labels"))
    review["review_id"] = review["id"]
    return {**review, "passages": passages, "review_themes": review_themes}


def with_page_labels(quotes: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Quotes with their review's printed page labels (Store.page_labels), which cite them."""
    return [{**quote, "page_labels": labels.get(quote["review_id"])} for quote in quotes]
