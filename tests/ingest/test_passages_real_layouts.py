"""Passages from real layouts: no notices, distribution lists or contents; never none at all."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import build_document, parse_document
from ingest.types import Line, Page

PROSE = (
    "The partnership looked at the help given to nine families whose babies were hurt "
    "before their first birthday, and at what practitioners knew about the fathers."
)


def _page(number: int, rows: list[tuple[str, float, float, bool]]) -> Page:
    return Page(number, [Line(t, y=y, size=s, bold=b) for t, y, s, b in rows], height=842)


def _lines(texts: list[str], top: float, size: float = 10) -> list[tuple[str, float, float, bool]]:
    return [(text, top - 14 * i, size, False) for i, text in enumerate(texts)]


def test_a_thematic_review_of_cover_and_contents_still_has_passages() -> None:
    cover = _page(
        1,
        [
            ("Thematic Review", 700, 28, True),
            ("Babies under one", 660, 20, True),
            ("Harrowgate Vale", 500, 12, False),
            ("Safeguarding Children Partnership", 486, 12, False),
            ("Autumn 2022", 400, 12, False),
        ],
    )
    contents = _page(
        2,
        [
            ("Contents", 760, 14, True),
            *_lines(["1. Why we looked 3", "2. The nine families 4", "3. What we found 6"], 730),
        ],
    )
    labels = _page(
        3, _lines(["Fathers known", "Fathers seen", "Fathers asked", "Home visits"], 700)
    )
    document = build_document(Path("thematic.pdf"), "ab" * 32, [cover, contents, labels])
    assert document.passages
    assert not any("The nine families" in passage.text for passage in document.passages)


def test_notices_and_distribution_lists_are_not_passages() -> None:
    rows = [("Introduction", 760, 14, True), *_lines([PROSE], 730)]
    rows += _lines(
        [
            "© Harrowgate Vale Council 2022. This report may be reproduced for training",
            "if its source is acknowledged. All rights reserved otherwise.",
        ],
        600,
    )
    rows += _lines(["Distribution: chair of the partnership; the three statutory partners;"], 500)
    rows += _lines(["heads of service; the designated nurse."], 486)
    document = build_document(Path("review.pdf"), "cd" * 32, [_page(1, rows)])
    texts = " ".join(passage.text for passage in document.passages)
    assert "nine families" in texts
    assert "reproduced" not in texts and "designated nurse" not in texts


def test_contents_run_together_on_one_line_is_not_a_passage(tmp_path: Path) -> None:
    path = tmp_path / "opening.txt"
    path.write_text(
        "Local Child Safeguarding Practice Review: Child W\n\n"
        "1. Introduction 3 2. Why this review 4 3. The family 5 4. Findings 9 "
        "5. Recommendations 14 6. Next steps 16\n\n" + PROSE + "\n"
    )
    document = parse_document(path, path.read_bytes())
    assert [p.text for p in document.passages] == [PROSE]


def test_welsh_pages_are_read_and_a_bare_cover_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "adolygiad.txt"
    path.write_text(
        "Ymarfer Plant\n\nRoedd y teulu’n byw mewn pentref bach ger yr afon. "
        "Bu’r gweithwyr yn ymweld â’r cartref bob wythnos, "
        "ond ni welwyd y plentyn ar ei ben ei hun.\n"
    )
    document = parse_document(path, path.read_bytes())
    assert document.passages
    assert document.metadata.publication_date is None and document.metadata.author is None
    assert any("nothing" in w or "no title" in w for w in document.warnings)


def test_numbered_headings_run_together_and_a_hosting_sites_lines_are_not_passages(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hosted.txt"
    path.write_text(
        "Serious Case Review: Child W\n\n"
        "Page 2: Serious Case Review: Child W - Orley\n\n"
        "2.1 Family composition 2.2 Family history 2.3 The chronology 2.4 Summary of events\n\n"
        + PROSE
        + "\n"
    )
    document = parse_document(path, path.read_bytes())
    assert [p.text for p in document.passages] == [PROSE]
