import io
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfWriter
from pypdf.constants import PageLabelStyle

from ingest.page_labels import cite_pages, from_pdf, infer, printed
from ingest.pdf import read_pdf
from ingest.pipeline import build_document, parse_document
from ingest.types import Line, Page


def test_cover_and_contents_unnumbered_then_numbered_from_one() -> None:
    margins = [[], [], *[[str(n)] for n in range(1, 9)]]
    labels = infer(margins)
    assert 1 not in labels and 2 not in labels
    assert labels[3] == "1"
    assert labels[10] == "8"
    assert len(labels) == 8


def test_page_n_of_m_and_dashes_read_as_their_first_number() -> None:
    margins = [[], ["Page 1 of 4"], ["- 2 -"], ["Page 3 of 4"], ["4"]]
    assert infer(margins) == {2: "1", 3: "2", 4: "3", 5: "4"}


def test_roman_front_matter_then_arabic_body() -> None:
    margins = [[], ["ii"], ["iii"], ["iv"], ["1"], ["2"], ["3"], ["4"]]
    labels = infer(margins)
    assert labels[2] == "ii" and labels[4] == "iv"
    assert labels[5] == "1" and labels[8] == "4"
    assert 1 not in labels  # the cover: no evidence, not before a numbered run's first page


def test_capital_roman_numerals_keep_their_case_when_filled() -> None:
    margins = [["I"], ["II"], [], ["IV"], ["V"]]
    assert infer(margins) == {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


def test_numbers_that_equal_the_pdf_page_are_labels_all_the_same() -> None:
    labels = infer([[str(n)] for n in range(1, 7)])
    assert labels == {n: str(n) for n in range(1, 7)}
    # and a citation does not repeat them
    assert cite_pages(5, 5, labels[5], labels[5]) == "p. 5"


def test_a_stray_number_never_becomes_a_label() -> None:
    margins = [[], ["1"], ["2"], ["3", "41"], ["17"], ["5"], ["6"]]
    labels = infer(margins)
    assert labels[4] == "3"  # the offset the run shares wins over a table's total
    assert labels[5] == "4"  # a footer's stray figure is overruled by the run around it
    assert labels[7] == "6"


def test_a_stray_number_alone_in_a_document_gives_no_labels() -> None:
    assert infer([[], [], ["12"], [], []]) == {}


def test_no_numbers_at_all_give_no_labels() -> None:
    assert infer([[], [], []]) == {}
    assert infer([]) == {}


def test_gaps_inside_a_run_are_filled_but_not_beyond_it() -> None:
    margins = [[], [], ["1"], [], ["3"], ["4"], [], []]
    assert infer(margins) == {3: "1", 4: "2", 5: "3", 6: "4"}


def test_a_second_numbering_restarts_its_own_run() -> None:
    # a report and its appendix, each numbered from 1
    margins = [["1"], ["2"], ["3"], [], ["1"], ["2"], ["3"]]
    labels = infer(margins)
    assert [labels.get(page) for page in range(1, 8)] == ["1", "2", "3", None, "1", "2", "3"]


def test_a_short_document_numbered_throughout_is_trusted() -> None:
    assert infer([[], ["1"], ["2"]]) == {2: "1", 3: "2"}


def test_words_made_of_roman_letters_are_no_numbers() -> None:
    assert infer([["civil"], ["civil"], ["civil"]]) == {}


def test_pdf_labels_are_kept_unless_they_only_count_pages() -> None:
    assert from_pdf(["1", "2", "3"]) == {}
    assert from_pdf(["i", "ii", "1", "2"]) == {1: "i", 2: "ii", 3: "1", 4: "2"}
    assert from_pdf(["", "1", "2"]) == {2: "1", 3: "2"}


def test_citations_name_the_printed_page_when_it_differs() -> None:
    assert cite_pages(14, 14, "12", "12") == "p. 14 (printed 12)"
    assert cite_pages(14, 15, "12", "13") == "pp. 14-15 (printed 12-13)"
    assert cite_pages(14, 15, "12", None) == "pp. 14-15"
    assert cite_pages(3, 3, "iii", "iii") == "p. 3 (printed iii)"
    assert cite_pages(7) == "p. 7"


def test_printed_looks_the_pages_up() -> None:
    assert printed({14: "12", 15: "13"}, 14, 15) == ("12", "13")
    assert printed(None, 1, 2) == (None, None)


def _page(number: int, footer: str | None, label: str | None = None) -> Page:
    lines = [
        Line(f"Paragraph {number}: the school nurse saw the child in the spring term.", 600, 11),
        Line("The family moved house twice that year and changed doctors.", 580, 11),
    ]
    if footer is not None:
        lines.append(Line(footer, 30, 9))
    return Page(number, lines, height=842, label=label)


def test_a_parsed_pdf_carries_the_labels_its_margins_print() -> None:
    pages = [_page(1, None), _page(2, None), *(_page(n, str(n - 2)) for n in range(3, 8))]
    document = build_document(Path("child-q.pdf"), "ab" * 32, pages)
    assert document.page_labels == {3: "1", 4: "2", 5: "3", 6: "4", 7: "5"}
    # the numbers are still stripped from the text
    assert not any(line.strip() == "3" for line in document.text.splitlines())


def test_labels_the_pdf_declares_win_over_its_margins() -> None:
    pages = [_page(n, str(n), label=["A", "B", "C"][n - 1]) for n in range(1, 4)]
    document = build_document(Path("child-r.pdf"), "cd" * 32, pages)
    assert document.page_labels == {1: "A", 2: "B", 3: "C"}


def test_plain_text_has_no_page_labels() -> None:
    text = "Child S review\n\n1\n\nThe health visitor called.\n\n2\n\nNobody answered the door.\n"
    document = parse_document(Path("child-s.txt"), text.encode())
    assert document.page_labels == {}


def _blank_pdf(pages: int, labelled: bool) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(300, 400)
    if labelled:
        writer.set_page_label(0, 1, PageLabelStyle.LOWERCASE_ROMAN)
        writer.set_page_label(2, pages - 1, PageLabelStyle.DECIMAL)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_read_pdf_gives_each_page_the_label_the_pdf_declares() -> None:
    pages = read_pdf(Path("declared.pdf"), _blank_pdf(4, labelled=True), ocr_setting="off")
    assert [page.label for page in pages] == ["i", "ii", "1", "2"]
    # pypdf would count 1, 2, 3 for a PDF that declares nothing: no label is taken from that
    pages = read_pdf(Path("plain.pdf"), _blank_pdf(3, labelled=False), ocr_setting="off")
    assert [page.label for page in pages] == [None, None, None]


def test_two_numberings_as_well_supported_give_the_same_labels_in_every_run() -> None:
    # each page prints two numbers (a spread's, or a page number beside a section's count)
    margins = [["1", "5"], ["2", "6"], ["3", "7"], ["4", "8"]]
    assert infer(margins) == {1: "1", 2: "2", 3: "3", 4: "4"}  # the nearer the PDF's count
    script = f"from ingest.page_labels import infer; print(infer({margins!r}))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "4", "5")
    }
    assert len(runs) == 1


def test_a_short_scan_of_two_pages_side_by_side_gets_no_labels() -> None:
    assert infer([["2", "3"], ["4", "5"]]) == {}
