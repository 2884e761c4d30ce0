"""Passages from real layouts: no notices, distribution lists or contents; never none at all."""

from __future__ import annotations

from pathlib import Path

from ingest.pdf import read_pdf
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


def _pdf_with_reference_markers(path: Path) -> Path:
    """A page whose footnote markers are set small and raised straight after a year, one by
    moving the text (as word processors do), one by the text rise operator."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 760, "What the law says")
    y = 730
    before = "The duty to co-operate was set out in the Children Act 2004"
    after = " and it still applies to every agency named in it."
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, y, before)
    x = 60 + stringWidth(before, "Helvetica", 10)
    pdf.setFont("Helvetica", 6.5)
    pdf.drawString(x, y + 4, "1")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(x + stringWidth("1", "Helvetica", 6.5), y, after)
    text = pdf.beginText(60, y - 14)
    text.setFont("Helvetica", 10)
    text.textOut("Guidance followed in 2018")
    text.setFont("Helvetica", 6.5)
    text.setRise(4)
    text.textOut("2")
    text.setRise(0)
    text.setFont("Helvetica", 10)
    text.textOut(", and by then 12 of the 14 agencies had a named lead for it.")
    pdf.drawText(text)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(60, 90, "1 An Act of Parliament about services for children.")
    pdf.drawString(60, 80, "2 Statutory guidance issued to all agencies.")
    pdf.showPage()
    pdf.save()
    return path


def test_raised_footnote_markers_are_not_run_into_the_number_before_them(tmp_path: Path) -> None:
    path = _pdf_with_reference_markers(tmp_path / "markers.pdf")
    document = parse_document(path, path.read_bytes())
    text = " ".join(passage.text for passage in document.passages)
    assert "Children Act 2004 and it still applies" in text
    assert "followed in 2018, and by then 12 of the 14 agencies" in text
    assert "20041" not in text and "20182" not in text
    assert "Act of Parliament" not in text  # the footnotes stay out of the passages
    notes = [block.text for block in document.blocks if block.kind == "footnote"]
    assert [note[:2] for note in notes] == ["1 ", "2 "]


def test_a_date_standing_alone_on_a_cover_is_no_section(tmp_path: Path) -> None:
    path = tmp_path / "cover.txt"
    path.write_text(
        "Child Safeguarding Practice Review: Child Q\n\nNovember 2021\n\n" + PROSE + "\n"
    )
    document = parse_document(path, path.read_bytes())
    assert [p.text for p in document.passages] == [PROSE]
    assert document.passages[0].section != "November 2021"


def _pdf_with_slanted_labels(path: Path) -> Path:
    """A page of prose beside a diagram whose labels run along its curves at a slant, with a
    label set upright on the diagram and a watermark across the page."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    pdf.setFont("Helvetica", 10)
    prose = [
        "The assessment looked at the baby's needs, the parents' capacity to meet them and",
        "the wider family, and it was shared with the health visitor before the conference.",
    ]
    for row, line in enumerate(prose):
        pdf.drawString(60, 760 - 14 * row, line)
    for angle, label in [(45, "Wider family and community"), (61, "Income and housing")]:
        pdf.saveState()
        pdf.translate(300, 400)
        pdf.rotate(angle)
        pdf.drawString(0, 0, label)
        pdf.restoreState()
    pdf.saveState()
    pdf.translate(100, 300)
    pdf.rotate(90)
    pdf.drawString(0, 0, "Parenting capacity of the household")
    pdf.restoreState()
    pdf.saveState()
    pdf.setFont("Helvetica", 40)
    pdf.translate(150, 150)
    pdf.rotate(30)
    pdf.drawString(0, 0, "DRAFT NOT FOR CIRCULATION")
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def test_slanted_diagram_labels_and_watermarks_are_not_read(tmp_path: Path) -> None:
    path = _pdf_with_slanted_labels(tmp_path / "diagram.pdf")
    document = parse_document(path, path.read_bytes())
    text = " ".join(passage.text for passage in document.passages)
    assert "capacity to meet them and the wider family, and it was shared" in text
    for slanted in ("Wider family and community", "Income", "DRAFT", "CIRCULATION"):
        assert slanted not in " ".join(block.text for block in document.blocks)
    lines = [line.text for page in read_pdf(path, path.read_bytes()) for line in page.lines]
    assert "Parenting capacity of the household" in lines  # set up the page, still read
    assert not any("CIRCULATION" in line or "Income" in line for line in lines)
