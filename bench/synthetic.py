"""A synthetic national corpus for the graph benchmark, made from the demo reviews.

The 14 demo PDFs are parsed and enriched once (real MiniLM embeddings, cached in
bench/.cache/embeddings.sqlite; BENCH_EMBEDDER=fake for a quick run). Each synthetic review
is then a copy of a random demo review whose passages are resampled, with replacement, from
the demo passages of the same part of a review (background, practice, findings...), in the
source review's order. Texts, themes and entity mentions travel with the passages; each
embedding is its source vector plus a little Gaussian noise, renormalised; the metadata
(year, review type, child's age, outcome, partnership, pseudonym) is drawn afresh.

Review `index` of seed `seed` is always the same review, however many are asked for and in
whatever order, and reviews are made one at a time, so memory stays flat.

    python bench/synthetic.py 3        # prints a summary of the first three reviews
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ingest.enrich import Enrichment, PassageEnrichment, aggregate_themes, part_of_review  # noqa: E402
from ingest.passages import BLOCK_SEPARATOR  # noqa: E402
from ingest.pipeline import content_hash, parse_document, review_id_for  # noqa: E402
from ingest.types import Block, FieldValue, ParsedDocument, Passage, ReviewMetadata  # noqa: E402

DEMO = REPO / "corpora" / "demo"
CACHE = Path(__file__).resolve().parent / ".cache"
EMBEDDING_CACHE = CACHE / "embeddings.sqlite"
NOISE_SIGMA = 0.02
YEARS = range(2012, 2026)

# Invented areas; none is a real safeguarding partnership.
AREAS = [
    "Ambleford", "Ashdown Vale", "Barrowmere", "Bellingham Cross", "Blackwater Fen",
    "Brantwood", "Calderbrook", "Castlemoor", "Chalkhurst", "Coldharbour",
    "Dunmere", "Eastwick Downs", "Elderford", "Fairhaven", "Fellside",
    "Garrowby", "Glenmarsh", "Greyhollow", "Hallowfield", "Harrowgate Bay",
    "Hollinsend", "Ironbridge Vale", "Kestrel Point", "Kingsmoor", "Larkspur",
    "Lowther Reach", "Marlow Heath", "Merrowdale", "Millbrook", "Norbury Sands",
    "Oakenshaw", "Pendlebury", "Quarrington", "Redmarsh", "Rookwood",
    "Saltcote", "Shepcombe", "Thornbury Wold", "Wealdham", "Wyvern Coast",
]  # fmt: skip
PARTNERSHIPS = [
    f"{area} Safeguarding Children Partnership" if i % 3 else f"{area} Safeguarding Partnership"
    for i, area in enumerate(AREAS)
]
# Review types of reviews about a child, by era (serious case reviews gave way to local child
# safeguarding practice reviews in 2019; Wales has child practice reviews throughout).
CHILD_TYPES_BEFORE_2019 = {
    "serious_case_review": 0.8,
    "child_practice_review": 0.1,
    "briefing": 0.05,
    "rapid_review": 0.05,
}
CHILD_TYPES_FROM_2019 = {
    "lcspr": 0.6,
    "rapid_review": 0.15,
    "child_practice_review": 0.1,
    "briefing": 0.1,
    "national_review": 0.05,
}
TITLES = {
    "serious_case_review": "Serious Case Review: {child}",
    "child_practice_review": "Extended Child Practice Review: {child}",
    "briefing": "7-Minute Briefing: Local Child Safeguarding Practice Review: {child}",
    "rapid_review": "Rapid Review: {child}",
    "lcspr": "Local Child Safeguarding Practice Review: {child}",
    "national_review": "Child Safeguarding Practice Review: {child}",
}
# (lowest month, highest month, weight): the Panel's age bands, babies most often.
AGES = [(0, 11, 0.4), (12, 71, 0.2), (72, 131, 0.1), (132, 191, 0.2), (192, 215, 0.1)]
OUTCOMES = {"died": 0.45, "serious_harm": 0.5, "other": 0.05}
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


@dataclass
class SourcePassage:
    passage: Passage
    enrichment: PassageEnrichment
    vector: np.ndarray


@dataclass
class Sources:
    """The parsed and enriched demo reviews, and their passages by part of a review."""

    reviews: list[tuple[ParsedDocument, Enrichment]]
    by_part: dict[str, list[SourcePassage]]
    embedding_model: str

    @classmethod
    def load(cls, embedder: str | None = None, demo: Path = DEMO) -> Sources:
        from casegraph.components import build_enricher

        kind = embedder or os.environ.get("BENCH_EMBEDDER", "minilm")
        _ignored_folder(CACHE)
        enricher = build_enricher(kind, EMBEDDING_CACHE)
        reviews = []
        for path in sorted(demo.glob("*.pdf")):
            document = parse_document(path, path.read_bytes())
            reviews.append((document, enricher(document)))
        if not reviews:
            raise FileNotFoundError(f"no demo PDFs in {demo}")
        by_part: dict[str, list[SourcePassage]] = {}
        for document, enrichment in reviews:
            for passage, enriched, vector in zip(
                document.passages, enrichment.passages, enrichment.embeddings, strict=True
            ):
                part = part_of_review(passage.section)
                by_part.setdefault(part, []).append(SourcePassage(passage, enriched, vector))
        return cls(reviews, by_part, enricher.embedder.name)


def synthetic_reviews(
    count: int, passages_per_review: int = 200, seed: int = 0, sources: Sources | None = None
) -> Iterator[tuple[ParsedDocument, Enrichment]]:
    """`count` synthetic reviews, made lazily; the demo corpus is parsed and enriched once."""
    sources = sources or Sources.load()
    for index in range(count):
        yield synthetic_review(sources, index, passages_per_review, seed)


def synthetic_review(
    sources: Sources, index: int, passages_per_review: int = 200, seed: int = 0
) -> tuple[ParsedDocument, Enrichment]:
    """Review number `index`: the same for the same seed, whatever else is generated."""
    rng = np.random.default_rng([seed, index])
    source, _ = sources.reviews[int(rng.integers(len(sources.reviews)))]
    digest = _digest(index, seed)
    review_id = review_id_for(digest)

    # Passages follow the source review's order of parts, each drawn from that part's pool.
    picked: list[SourcePassage] = []
    for position in range(passages_per_review):
        template = source.passages[position * len(source.passages) // passages_per_review]
        pool = sources.by_part[part_of_review(template.section)]
        picked.append(pool[int(rng.integers(len(pool)))])

    passages: list[Passage] = []
    blocks: list[Block] = []
    enriched: list[PassageEnrichment] = []
    seen: dict[str, int] = {}
    offset = 0
    for item in picked:
        text = item.passage.text
        occurrence = seen.get(text, 0)
        seen[text] = occurrence + 1
        passage_id = _passage_id(review_id, text, occurrence)
        start, end = offset, offset + len(text)
        offset = end + len(BLOCK_SEPARATOR)
        passages.append(
            replace(
                item.passage, id=passage_id, review_id=review_id, char_start=start, char_end=end
            )
        )
        if not occurrence:  # one block per distinct text (recommendation ids hash the text)
            blocks.append(
                Block(
                    "paragraph",
                    text,
                    item.passage.page_start,
                    item.passage.page_end,
                    item.passage.section,
                    next(iter(item.passage.paragraph_numbers), None),
                    char_start=start,
                    char_end=end,
                )
            )
        enriched.append(replace(item.enrichment, passage_id=passage_id))

    vectors = np.vstack([item.vector for item in picked]).astype(np.float32)
    vectors += rng.normal(0.0, NOISE_SIGMA, vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    year = int(rng.choice(YEARS))
    document = ParsedDocument(
        review_id=review_id,
        source_path=f"synthetic/{seed}/{index:05d}-{source.file_name}",
        file_name=f"synthetic-{index:05d}-{source.file_name}",
        content_sha256=digest,
        page_count=max([source.page_count, *(p.page_end for p in passages)]),
        text=BLOCK_SEPARATOR.join(p.text for p in passages),
        blocks=blocks,
        passages=passages,
        metadata=_metadata(source.metadata, rng, year),
    )
    enrichment = Enrichment(
        review_id,
        sources.embedding_model,
        enriched,
        aggregate_themes(passages, enriched),
        vectors,
    )
    return document, enrichment


def synthetic_review_id(index: int, seed: int = 0) -> str:
    """The id of review number `index` of seed `seed`."""
    return review_id_for(_digest(index, seed))


def _digest(index: int, seed: int) -> str:
    """The review's stand-in for the content hash of its file."""
    return content_hash(f"casegraph synthetic review\n{seed}\n{index}".encode())


def _passage_id(review_id: str, text: str, occurrence: int) -> str:
    """The rule of ingest.passages: review id, text and which occurrence of that text."""
    key = f"{review_id}\n{text}" + (f"\n#{occurrence}" if occurrence else "")
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _metadata(source: ReviewMetadata, rng: np.random.Generator, year: int) -> ReviewMetadata:
    """Fresh metadata: reviews about a child get a type, age, outcome and pseudonym; thematic
    reviews and guidance keep their type and title, made unique by the partnership's area."""
    area_index = int(rng.integers(len(AREAS)))
    partnership = PARTNERSHIPS[area_index]

    def field(value: str | int | list[str]) -> FieldValue:
        return FieldValue(value, 1, "synthetic")

    metadata = ReviewMetadata(
        partnership=field(partnership),
        publication_date=field(f"{year}-{int(rng.integers(1, 13)):02d}"),
        publication_year=field(year),
        incident_year=field(year - int(rng.integers(1, 3))),
        author=source.author,
    )
    if source.child_age_months is None:  # a thematic review or guidance
        title = f"{source.value('title')} ({AREAS[area_index]})"
        metadata.title = field(title)
        metadata.review_type = source.review_type
        return metadata
    types = CHILD_TYPES_BEFORE_2019 if year < 2019 else CHILD_TYPES_FROM_2019
    review_type = _weighted(rng, types)
    low, high, _ = AGES[int(rng.choice(len(AGES), p=[weight for *_, weight in AGES]))]
    months = int(rng.integers(low, high + 1))
    child = f"{'Baby' if months < 12 else 'Child'} {LETTERS[int(rng.integers(len(LETTERS)))]}"
    metadata.title = field(TITLES[review_type].format(child=child))
    metadata.review_type = field(review_type)
    metadata.child_pseudonyms = field([child])
    metadata.child_age = field(f"{months} months" if months < 24 else f"{months // 12} years")
    metadata.child_age_months = field(months)
    metadata.child_sex = field(str(rng.choice(["male", "female"])))
    metadata.outcome = field(_weighted(rng, OUTCOMES))
    return metadata


def _weighted(rng: np.random.Generator, weights: dict[str, float]) -> str:
    names = list(weights)
    total = sum(weights.values())
    return names[int(rng.choice(len(names), p=[weights[name] / total for name in names]))]


def _ignored_folder(folder: Path) -> None:
    """The cache folder, kept out of git by a .gitignore of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for document, enrichment in synthetic_reviews(count):
        meta = document.metadata
        print(
            f"{document.review_id} {document.file_name} {meta.value('publication_year')} "
            f"{meta.value('review_type')} {meta.value('child_age')} {meta.value('outcome')} "
            f"{meta.value('partnership')!r}: {len(document.passages)} passages, "
            f"{len(enrichment.review_themes)} themes "
            f"({', '.join(t.theme for t in enrichment.review_themes[:5])}...)"
        )


if __name__ == "__main__":
    main()
