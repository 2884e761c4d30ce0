"""Body text is never dropped for looking like a caption, a contents page, a table or a date."""

from __future__ import annotations

import logging
from pathlib import Path

from ingest import pdf as pdf_module
from ingest.blocks import build_blocks, is_bare_date
from ingest.pipeline import parse_document
from ingest.types import Block, Line, Page

Row = tuple[str, float, float, bool]


def _page(number: int, rows: list[Row]) -> Page:
    return Page(number, [Line(t, y=y, size=s, bold=b) for t, y, s, b in rows], height=842)


def _lines(texts: list[str], top: float, size: float = 10, step: float = 14) -> list[Row]:
    return [(text, top - step * i, size, False) for i, text in enumerate(texts)]


def _kept(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks if b.kind not in {"debris", "footnote"})


def _filler(count: int) -> list[Page]:
    line = "The panel spoke to the staff who had worked with the household over those years."
    return [_page(k, _lines([line] * 3, 700)) for k in range(1, count + 1)]


def test_a_paragraph_opening_with_table_and_a_number_is_prose() -> None:
    rows = [
        ("5. Findings", 780, 14, True),
        *_lines(
            [
                "Table 3 sets out how often the nursery called the duty desk",
                "in the months before the injury, and each call was closed",
                "on the same day without anyone visiting the flat.",
            ],
            750,
        ),
    ]
    blocks = build_blocks([_page(3, rows)])
    assert "each call was closed" in _kept(blocks)
    assert [b.kind for b in blocks] == ["heading", "paragraph"]


def test_a_caption_set_as_the_body_does_not_swallow_the_prose_under_it() -> None:
    rows = [
        ("5. Findings", 780, 14, True),
        *_lines(
            [
                "The visits are listed below.",
                "Figure 4: Visits by month",
                "The midwife called at the flat",
                "three times during the summer",
                "and found nobody in on two of",
                "those days; she told the GP.",
            ],
            750,
        ),
    ]
    kept = _kept(build_blocks([_page(3, rows)]))
    assert "The midwife called at the flat three times" in kept
    assert "Figure 4" not in kept


def test_a_list_pointing_back_to_earlier_pages_is_not_contents() -> None:
    entries = [
        "The board should agree one referral form for all schools",
        "Midwives should ask about the partner at every booking",
        "The police should pass on every call-out to the home",
        "Housing should tell the health visitor about a move",
        "The GP should note who else attends with the baby",
    ]
    rows: list[Row] = [("Recommendations", 780, 14, True)]
    rows += _lines([f"{i}. {t}, see page {8 + 3 * i}" for i, t in enumerate(entries, 1)], 750)
    blocks = build_blocks([*_filler(30), _page(31, rows)])
    last = [b for b in blocks if b.page_start == 31]
    assert [b.kind for b in last] == ["heading"] + ["list_item"] * 5
    assert all(b.section == "Recommendations" for b in last[1:])


def test_a_charts_scale_is_not_contents_and_the_section_runs_on() -> None:
    rows: list[Row] = [("4. Referrals", 780, 14, True)]
    rows += _lines(["Calls to the front door went up in each year the panel looked at."], 760)
    rows += [(str(n), 600 - 20 * k, 8, False) for k, n in enumerate(range(0, 70, 10))]
    rows += [(str(n), 440, 8, False) for n in (1, 2, 3)]
    rows += _lines(["Each child is counted once in every year in which they were referred."], 400)
    blocks = build_blocks([*_filler(30), _page(31, rows)])
    last = [b for b in blocks if b.page_start == 31 and b.kind == "paragraph"]
    assert len(last) == 2 and all(b.section == "4. Referrals" for b in last)


def test_dates_heading_a_chronology_stay_with_their_events() -> None:
    rows = [
        ("6. What happened and when", 780, 14, True),
        ("February 2020", 750, 12, True),
        *_lines(["The mother registered the baby with a new practice near her sister."], 730),
        ("August 2020", 690, 12, True),
        *_lines(["A neighbour rang the police after hearing the baby cry all night."], 670),
    ]
    blocks = build_blocks([*_filler(4), _page(5, rows)])
    kept = _kept(blocks)
    assert "February 2020" in kept and "August 2020" in kept
    assert {b.section for b in blocks if b.page_start == 5} == {None, "6. What happened and when"}


def test_only_month_names_make_a_bare_date() -> None:
    assert is_bare_date("March 2019") and is_bare_date("4 Sept 2018") and is_bare_date("12.03.19")
    assert not is_bare_date("Decision 2019")
    assert not is_bare_date("Marchant 2019")
    assert not is_bare_date("Junior 2020")


def test_endnotes_numbered_again_do_not_take_the_paragraph_numbers() -> None:
    pages = []
    number = 1
    for page in range(1, 11):
        rows: list[Row] = []
        for i in range(4):
            rows += _lines(
                [f"{number}. The agencies each held a part of what was known."], 760 - 60 * i
            )
            number += 1
        pages.append(_page(page, rows))
    for page in range(11, 17):
        rows = []
        for i in range(4):
            note = 4 * (page - 11) + i + 1
            rows += _lines(
                [f"{note}. Guidance from the department, revised edition."], 760 - 60 * i
            )
        pages.append(_page(page, rows))
    blocks = build_blocks(pages)
    numbered = [b for b in blocks if b.paragraph_number]
    assert [b.paragraph_number for b in numbered] == [str(n) for n in range(1, 41)]
    assert all(b.page_start <= 10 for b in numbered)


def test_more_endnotes_in_small_print_do_not_take_the_body_numbering() -> None:
    pages = []
    for page in range(1, 11):
        rows: list[Row] = []
        for i in range(3):
            number = 3 * (page - 1) + i + 1
            rows += _lines(
                [
                    f"{number}. The records the panel asked for came from each agency in turn,",
                    "and each was read against what the others had written at the time.",
                ],
                760 - 60 * i,
                size=11,
            )
        pages.append(_page(page, rows))
    for page in range(11, 15):
        rows = []
        for i in range(10):
            note = 10 * (page - 11) + i + 1
            rows += _lines([f"{note}. Practice note, second edition."], 760 - 20 * i, size=9)
        pages.append(_page(page, rows))
    blocks = build_blocks(pages)
    numbered = [b.paragraph_number for b in blocks if b.paragraph_number and b.page_start <= 10]
    assert numbered == [str(n) for n in range(1, 31)]


# -- real PDFs drawn with reportlab ---------------------------------------------------------


def _draw_pieces(pdf: object, x: float, y: float, pieces: list[tuple[str, float, float]]) -> None:
    """Draw each (text, size, rise) piece after the one before, as word processors do."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text, size, rise in pieces:
        pdf.setFont("Helvetica", size)  # type: ignore[attr-defined]
        pdf.drawString(x, y + rise, text)  # type: ignore[attr-defined]
        x += stringWidth(text, "Helvetica", size)


def test_lines_broken_by_raised_markers_are_one_line_not_a_table(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "split.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 780, "Working together")
    sentences = [
        ["The health visitor rang the surgery", "2", " and wrote to the school", "3", " in May."],
        ["The surgery wrote back to say that", "4", " the family had left", "5", " by then."],
        ["Nobody told the nursery about the move", "6", " until the summer", "7", " was over."],
    ]
    for k, parts in enumerate(sentences):
        _draw_pieces(
            pdf,
            60,
            750 - 14 * k,
            [(p, 6.5 if i % 2 else 10, 4 if i % 2 else 0) for i, p in enumerate(parts)],
        )
    _draw_pieces(
        pdf,
        60,
        690,
        [("The flat had one room of about 9 m", 10, 0), ("2", 6.5, 4), (" in all.", 10, 0)],
    )
    _draw_pieces(
        pdf,
        60,
        676,
        [
            ("This was set out in the guidance", 10, 0),
            ("14", 6.5, 4),
            (",", 6.5, 4),
            ("15", 6.5, 4),
            (" in 2019.", 10, 0),
        ],
    )
    pdf.setFont("Helvetica", 7)
    for k in range(2, 8):
        pdf.drawString(60, 160 - 10 * k, f"{k} A source the panel read.")
    pdf.drawString(60, 80, "14 One more source.")
    pdf.drawString(60, 70, "15 And another.")
    pdf.showPage()
    pdf.save()
    document = parse_document(path, path.read_bytes())
    kept = _kept(document.blocks)
    assert "rang the surgery and wrote to the school in May." in kept
    assert "the family had left by then." in kept
    assert "until the summer was over." in kept
    assert "about 9 m2 in all" in kept  # a unit's power is no footnote marker
    assert "in the guidance in 2019." in kept  # both markers of a run are cut


def test_a_small_print_chronology_with_hanging_dates_is_kept(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "hanging.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 780, "Key dates")
    entries = [
        (
            "03.02.20",
            [
                "The midwife booked the mother in and asked her about",
                "her partner, who she said was away working.",
            ],
        ),
        (
            "11.03.20",
            [
                "The partner came to the scan and the midwife noted",
                "that he answered the questions put to the mother.",
            ],
        ),
        (
            "27.04.20",
            [
                "The mother missed her next appointment and the",
                "midwife left a card at the flat asking her to call.",
            ],
        ),
    ]
    y = 750.0
    for date, text in entries:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(60, y, date)
        for k, line in enumerate(text):
            pdf.drawString(130, y - 12 * k, line)
        y -= 30
    pdf.setFont("Helvetica", 11)
    for k in range(12):
        pdf.drawString(
            60, 560 - 14 * k, "The panel asked how each agency shared what it knew with the others."
        )
    pdf.showPage()
    pdf.save()
    kept = _kept(parse_document(path, path.read_bytes()).blocks)
    assert "03.02.20" in kept and "answered the questions put to the mother" in kept
    assert "asking her to call" in kept


def test_a_missing_text_extractor_is_logged_once(caplog: object) -> None:
    pdf_module._warn_no_extractor.cache_clear()
    markers = pdf_module._ReferenceMarkers()
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    with caplog.at_level(logging.WARNING, logger="ingest.pdf"):  # type: ignore[attr-defined]
        markers.before(b"Tj", ["x"], identity, identity)
        markers.before(b"Tj", ["y"], identity, identity)
    records = [r for r in caplog.records if "extractor" in r.getMessage()]  # type: ignore[attr-defined]
    assert len(records) == 1


def test_a_cell_in_another_size_is_not_joined_to_the_cell_before(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "cells.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    rows = [
        ("Nursery", "4", "Bruise seen on arrival"),
        ("Dentist", "6", "Treatment left unfinished"),
    ]
    for k, (agency, count, event) in enumerate(rows):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(60, 700 - 14 * k, agency)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(190, 700 - 14 * k, count)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(250, 700 - 14 * k, event)
    # two columns, a small number at the head of the right one
    pdf.drawString(60, 600, "The mother asked for help with")
    pdf.setFont("Helvetica", 7)
    pdf.drawString(300, 600, "21")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(312, 600, "The school kept its own notes")
    # a number in another size right after its word still joins the line
    _draw_pieces(
        pdf, 60, 560, [("The boy was aged", 10, 0), (" 3", 8, 0), (" at the time.", 10, 0)]
    )
    pdf.showPage()
    pdf.save()
    [page] = pdf_module.read_pdf(path, path.read_bytes())
    texts = [line.text for line in page.lines]
    assert not any("Nursery 4" in t or "Dentist 6" in t for t in texts), texts
    assert not any("help with 21" in t for t in texts), texts
    assert any("The boy was aged 3 at the time." in t for t in texts), texts[6:]


def test_a_marker_after_a_number_and_a_short_word_is_cut(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "am.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    _draw_pieces(
        pdf,
        60,
        700,
        [("The duty desk took the call at 9 am", 10, 0), ("4", 6.5, 4), (" that day.", 10, 0)],
    )
    _draw_pieces(
        pdf, 60, 680, [("The garden was about 40 m", 10, 0), ("2", 6.5, 4), (" in all.", 10, 0)]
    )
    pdf.showPage()
    pdf.save()
    [page] = pdf_module.read_pdf(path, path.read_bytes())
    texts = [line.text for line in page.lines]
    assert "The duty desk took the call at 9 am that day." in texts, texts
    assert "The garden was about 40 m2 in all." in texts, texts
