"""Quote bank exports: a collection of quotes as Markdown, CSV, DOCX, and as a 7-minute
briefing pre-filled with the quotes and their citations, for a trainer to edit.

A quote is a plain dict saved in the store: text, review title, partnership, year, pages,
paragraph numbers, section, and an optional note.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, BinaryIO

from graph.csv_cells import safe_row
from ingest.enrich import part_of_review

# The 7-minute briefing shape that safeguarding partnerships use, and which quotes go where.
BRIEFING_SECTIONS = [
    ("1. Background", "Why this briefing, and the review it draws on.", {"background", "other"}),
    ("2. What happened", "The key practice episodes.", {"practice"}),
    ("3. Key findings", "What the review found.", {"findings", "analysis"}),
    ("4. Learning for practice", "What should change, in the review's words.", {"recommendations"}),
    ("5. Reflective questions", "For supervision and team meetings.", set()),
    ("6. Resources", "The reviews quoted, and where to read them.", set()),
]
REFLECTIVE_QUESTIONS = [
    "Who are the adults in this child's life, and what do you know about each of them?",
    "What information do you hold that another agency would need, and have you shared it?",
    "What would the child say about their day, if you asked them?",
    "When did you last challenge a plan or an assessment, and what helped you to do it?",
]


def citation(quote: dict[str, Any]) -> str:
    """'Title, Partnership, 2021, p. 4, para. 3.2' from whatever the quote holds."""
    start, end = quote.get("page_start"), quote.get("page_end")
    pages = f"p. {start}" if start == end else f"pp. {start}-{end}"
    paragraphs = quote.get("paragraph_numbers") or []
    parts = [
        quote.get("title") or quote.get("review_id"),
        quote.get("partnership"),
        quote.get("year"),
    ]
    text = ", ".join(str(p) for p in parts if p) + f", {pages}"
    return text + (f", para. {', '.join(paragraphs)}" if paragraphs else "")


def to_markdown(name: str, quotes: list[dict[str, Any]]) -> str:
    lines = [f"# {name}", ""]
    for number, quote in enumerate(quotes, start=1):
        lines += [f"{number}. > {quote['text'].strip()}", "", f"   — {citation(quote)}"]
        if quote.get("note"):
            lines += ["", f"   *Note:* {quote['note']}"]
        lines.append("")
    return "\n".join(lines)


def to_csv(quotes: list[dict[str, Any]]) -> str:
    columns = [
        "position",
        "text",
        "title",
        "partnership",
        "year",
        "page_start",
        "page_end",
        "paragraph_numbers",
        "section",
        "review_id",
        "passage_id",
        "note",
        "citation",
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for position, quote in enumerate(quotes, start=1):
        row = {
            **quote,
            "position": position,
            "citation": citation(quote),
            "paragraph_numbers": ";".join(quote.get("paragraph_numbers") or []),
        }
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def briefing_sections(quotes: list[dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    """(heading, prompt, paragraphs) of a 7-minute briefing pre-filled with the quotes."""
    sections: list[tuple[str, str, list[str]]] = []
    for heading, prompt, parts in BRIEFING_SECTIONS:
        paragraphs: list[str] = []
        if parts:
            for quote in quotes:
                if part_of_review(quote.get("section")) in parts:
                    paragraphs.append(f"“{quote['text'].strip()}” ({citation(quote)})")
        elif heading.startswith("5."):
            paragraphs = list(REFLECTIVE_QUESTIONS)
        else:
            reviews = {(q.get("title"), q.get("partnership"), q.get("year")) for q in quotes}
            paragraphs = [
                ", ".join(str(p) for p in review if p) for review in sorted(reviews, key=str)
            ]
        sections.append((heading, prompt, paragraphs))
    return sections


Section = tuple[str, str, list[str]]  # heading, prompt, paragraphs


def briefing_markdown(title: str, quotes: list[dict[str, Any]]) -> str:
    return sections_markdown(title, briefing_sections(quotes))


def sections_markdown(title: str, sections: list[Section]) -> str:
    """A 7-minute briefing as Markdown, from sections as drafted (or edited) by a trainer."""
    lines = [f"# 7-minute briefing: {title}", ""]
    for heading, prompt, paragraphs in sections:
        lines += [f"## {heading}", "", f"*{prompt}*", ""]
        lines += [f"- {paragraph}" for paragraph in paragraphs] or ["- (to write)"]
        lines.append("")
    return "\n".join(lines)


def sections_docx(title: str, sections: list[Section], target: Path | BinaryIO) -> None:
    """A 7-minute briefing as a Word document, from sections as drafted or edited."""
    from docx import Document

    document = Document()
    document.add_heading(f"7-minute briefing: {title}", level=0)
    _add_sections(document, sections)
    document.save(target if not isinstance(target, Path) else str(target))


def _add_sections(document: Any, sections: list[Section]) -> None:
    for heading, prompt, paragraphs in sections:
        document.add_heading(heading, level=1)
        document.add_paragraph(prompt).runs[0].italic = True
        for paragraph in paragraphs or ["(to write)"]:
            document.add_paragraph(paragraph, style="List Bullet")


def to_docx(title: str, quotes: list[dict[str, Any]], path: Path, briefing: bool = False) -> Path:
    """A Word document: the quotes with citations, or the 7-minute briefing."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(f"7-minute briefing: {title}" if briefing else title, level=0)
    if briefing:
        _add_sections(document, briefing_sections(quotes))
    else:
        for quote in quotes:
            body = document.add_paragraph(quote["text"].strip(), style="Intense Quote")
            body.runs[0].font.size = Pt(11)
            document.add_paragraph(citation(quote)).runs[0].italic = True
            if quote.get("note"):
                document.add_paragraph(f"Note: {quote['note']}")
    document.save(str(path))
    return path
