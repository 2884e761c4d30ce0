"""The 7-minute briefing: citations, trimmed excerpts, the trainer's placement and words,
and the Word document read back (A4, one quote and one citation per bullet, no
placeholder text). The PDF rendering by LibreOffice is an integration test."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from search_app.briefing import (
    HEADINGS,
    Draft,
    citation,
    compose,
    excerpt,
    filled,
    quotes_csv,
    reviews_quoted,
    sections_docx,
    sections_markdown,
    sentences,
    to_docx,
    with_files,
)

# Written for these tests: a quote with paragraph breaks in it, from a PDF and a text file.
PDF_QUOTE = {
    "id": "q1",
    "text": "The health visitor saw the baby twice.\n\nNeither visit asked who else lived in "
    "the home. The father was not registered with the GP.",
    "title": "Serious Case Review: Child B",
    "partnership": "Elmbridge Safeguarding Children Board",
    "year": 2016,
    "page_start": 4,
    "page_end": 4,
    "paragraph_numbers": ["3.2"],
    "section": "Analysis",
    "file_name": "child-b.pdf",
}
TEXT_QUOTE = {
    "id": "q2",
    "text": "Agencies should ask about every adult in the household.",
    "title": "Rapid Review: Child C",
    "partnership": "Kelsham Safeguarding Children Partnership",
    "year": 2022,
    "page_start": 1,
    "page_end": 1,
    "paragraph_numbers": ["5.1"],
    "section": "Recommendations",
    "file_name": "child-c.txt",
}
THIRD = {
    **PDF_QUOTE,
    "id": "q3",
    "text": "School raised concerns. Nobody replied.",
    "page_start": 9,
    "page_end": 9,
}
PLACEHOLDERS = re.compile(r"to write|lorem|\(to |TODO|xxx", re.IGNORECASE)


def test_citations_give_pages_only_where_the_source_has_them() -> None:
    assert citation(PDF_QUOTE) == (
        "Serious Case Review: Child B, Elmbridge Safeguarding Children Board, 2016, p. 4, para. 3.2"
    )
    cited = citation(TEXT_QUOTE)
    assert "p. " not in cited
    assert cited.endswith("2022, section “Recommendations”, para. 5.1")


def test_a_saved_quote_cites_the_page_number_printed_on_its_pdf_page() -> None:
    # a saved quote carries its review's labels (JSON, as the store keeps them)
    saved = {**PDF_QUOTE, "page_start": 6, "page_end": 7, "page_labels": '{"6": "4", "7": "5"}'}
    assert citation(saved).endswith("2016, pp. 6-7 (printed 4-5), para. 3.2")
    # a search result carries the printed numbers themselves
    found = {**PDF_QUOTE, "printed_start": "ii", "printed_end": "ii"}
    assert ", p. 4 (printed ii), " in citation(found)
    same = {**PDF_QUOTE, "page_labels": '{"4": "4"}'}
    assert citation(same) == citation(PDF_QUOTE)
    # a text file has no pages, whatever it is given
    assert "printed" not in citation({**TEXT_QUOTE, "page_labels": '{"1": "9"}'})


def test_a_quote_csv_gives_printed_pages_after_the_pdf_pages() -> None:
    saved = {**PDF_QUOTE, "page_start": 6, "page_end": 6, "page_labels": '{"6": "4"}'}
    body = quotes_csv("Printed", [saved, TEXT_QUOTE]).split("\n")
    rows = list(csv.DictReader(line for line in body if not line.startswith("#")))
    header = list(rows[0])
    assert header[header.index("page_end") + 1 : header.index("page_end") + 3] == [
        "printed_page_start",
        "printed_page_end",
    ]
    assert (rows[0]["page_start"], rows[0]["printed_page_start"]) == ("6", "4")
    assert rows[1]["printed_page_start"] == ""


def test_two_paragraphs_are_cited_as_paras() -> None:
    both = {**PDF_QUOTE, "page_end": 5, "paragraph_numbers": ["3.2", "3.3"]}
    assert citation(both).endswith("pp. 4-5, paras. 3.2, 3.3")


def test_a_year_in_the_title_is_not_cited_twice() -> None:
    guidance = {**PDF_QUOTE, "title": "Keeping Children Safe Guidance 2023", "year": 2023}
    assert citation(guidance).startswith("Keeping Children Safe Guidance 2023, Elmbridge")
    assert citation(guidance).count("2023") == 1
    older = {**PDF_QUOTE, "title": "Review of Child D (2019)", "year": 2021}
    assert "(2019), Elmbridge Safeguarding Children Board, 2021, p. 4" in citation(older)
    named_inside = {**PDF_QUOTE, "title": "The 2023 review of Child E", "year": 2023}
    assert "Child E, Elmbridge Safeguarding Children Board, 2023" in citation(named_inside)
    untitled = {**PDF_QUOTE, "title": None, "file_name": "cspr-2021.pdf", "year": 2021}
    assert citation(untitled).startswith(
        "cspr-2021.pdf, Elmbridge Safeguarding Children Board, 2021"
    )


def test_the_resources_list_names_a_year_in_the_title_once() -> None:
    guidance = {**PDF_QUOTE, "title": "Keeping Children Safe Guidance 2023", "year": 2023}
    review = {**PDF_QUOTE, "title": "Review of Child D", "year": 2021}
    assert reviews_quoted([guidance, review, guidance]) == [
        "Keeping Children Safe Guidance 2023, Elmbridge Safeguarding Children Board",
        "Review of Child D, Elmbridge Safeguarding Children Board, 2021",
    ]


def test_the_file_name_comes_from_the_review() -> None:
    stored = {k: v for k, v in TEXT_QUOTE.items() if k != "file_name"}
    [found] = with_files(
        [{**stored, "review_id": "r1"}], [{"review_id": "r1", "file_name": "c.md"}]
    )
    assert "p. 1" not in citation(found)


def test_excerpts_mark_what_was_left_out() -> None:
    text = PDF_QUOTE["text"]
    assert len(sentences(text)) == 3
    assert excerpt(text, [1]) == "… Neither visit asked who else lived in the home. …"
    assert excerpt(text, [0, 2]).count("…") == 1
    assert excerpt(text, []) == " ".join(text.split())  # nothing chosen: the whole quote


def test_each_bullet_item_is_a_sentence_of_its_own() -> None:
    text = (
        "The nursery noticed two things: • the twins were often late • their lunches were "
        "missing. The manager phoned the health visitor.\nShe then listed:\n- a torn sleeve\n"
        "* a bruise on the wrist"
    )
    assert sentences(text) == [
        "The nursery noticed two things:",
        "• the twins were often late",
        "• their lunches were missing.",
        "The manager phoned the health visitor.",
        "She then listed:",
        "- a torn sleeve",
        "* a bruise on the wrist",
    ]
    assert excerpt(text, [1]) == "… • the twins were often late …"


def test_a_figure_or_an_abbreviated_month_before_a_number_does_not_end_a_sentence() -> None:
    text = (
        "The chart in fig. 3 shows the visits. Fig. 4 shows the calls. The case closed on "
        "3 Jan. 2019 and opened again in Sept. 2020, then on Dec. 1 the family moved. The last "
        "visit was late in Oct. Nobody came after that."
    )
    assert sentences(text) == [
        "The chart in fig. 3 shows the visits.",
        "Fig. 4 shows the calls.",
        "The case closed on 3 Jan. 2019 and opened again in Sept. 2020, then on Dec. 1 the "
        "family moved.",
        "The last visit was late in Oct.",
        "Nobody came after that.",
    ]


def test_a_section_or_number_reference_does_not_end_a_sentence() -> None:
    text = (
        "Officers began enquiries under s. 47 of the Act. Duties under ss. 17 and 20 were "
        "not considered. Case No. 12 was similar. Asked if she was safe she said no. Then she "
        "left, e.g. to her aunt's."
    )
    assert sentences(text) == [
        "Officers began enquiries under s. 47 of the Act.",
        "Duties under ss. 17 and 20 were not considered.",
        "Case No. 12 was similar.",
        "Asked if she was safe she said no.",
        "Then she left, e.g. to her aunt's.",
    ]


def test_quotes_go_where_the_trainer_puts_them_in_the_collection_order() -> None:
    suggested = compose([PDF_QUOTE, TEXT_QUOTE, THIRD])
    assert [b.cite is not None for b in suggested[2].blocks].count(True) == 2  # findings
    draft = Draft(placement={"q1": HEADINGS[1], "q3": HEADINGS[1], "q2": HEADINGS[1]})
    placed = compose([THIRD, PDF_QUOTE, TEXT_QUOTE], draft)[1]
    quoted = [block.text for block in placed.blocks if block.is_quote]
    assert quoted[0].startswith("School raised") and quoted[2].startswith("Agencies")
    reordered = compose([TEXT_QUOTE, PDF_QUOTE, THIRD], draft)[1]
    assert next(b.text for b in reordered.blocks if b.is_quote).startswith("Agencies")


def test_the_draft_survives_a_round_trip_and_ignores_unknown_sections() -> None:
    draft = Draft("Fathers", {HEADINGS[0]: "Why we meet."}, {"q1": HEADINGS[2]}, {"q1": [0]})
    assert Draft.from_json(draft.to_json()) == draft
    assert Draft.from_json({"placement": {"q1": "9. Nowhere"}}).placement == {}


def test_empty_sections_are_left_out_of_the_export() -> None:
    draft = Draft(texts={HEADINGS[4]: ""})  # the trainer cleared the questions
    sections = compose([TEXT_QUOTE], draft)
    headings = [section.heading for section in filled(sections)]
    assert headings == [HEADINGS[3], HEADINGS[5]]
    markdown = sections_markdown("Fathers", sections)
    assert "What happened" not in markdown and not PLACEHOLDERS.search(markdown)


@pytest.mark.parametrize(
    "title",
    ["7-Minute Briefing: Missed fathers", "7 minute briefing - Missed fathers", "Missed fathers"],
)
def test_the_briefing_is_named_a_7_minute_briefing_once(tmp_path: Path, title: str) -> None:
    sections = compose([TEXT_QUOTE], Draft())
    heading = sections_markdown(title, sections).splitlines()[0]
    assert heading.lower().count("minute briefing") == 1 and heading.endswith("Missed fathers")
    sections_docx(title, sections, tmp_path / "b.docx")
    assert Document(str(tmp_path / "b.docx")).paragraphs[0].text == heading.removeprefix("# ")


def briefing_docx(path: Path) -> Path:
    quotes = [PDF_QUOTE, TEXT_QUOTE, THIRD]
    draft = Draft(
        title="Fathers",
        texts={HEADINGS[0]: "Three reviews, one lesson.\n\nRead before the session."},
        placement={"q3": HEADINGS[1]},
        excerpts={"q1": [1, 2]},
        notes={"q2": "Ask the group who they see at home visits."},
    )
    sections_docx("Fathers", compose(quotes, draft), path)
    return path


def test_the_word_briefing_is_a4_with_one_cited_quote_per_quote_paragraph(tmp_path: Path) -> None:
    document = Document(str(briefing_docx(tmp_path / "briefing.docx")))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
    quoted = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quoted) == 3 and all(p.text.startswith("“") for p in quoted)
    for paragraph in quoted:
        assert paragraph.text.count("— ") == 1  # one citation, inside the quote's paragraph
    first = next(p.text for p in quoted if "Neither visit" in p.text)
    assert first.startswith("“… Neither visit") and "\n— Serious Case Review: Child B" in first
    assert "saw the baby twice" not in first
    texts = [p.text for p in document.paragraphs]
    noted = next(i for i, text in enumerate(texts) if "Agencies" in text)
    assert texts[noted + 1] == "Note: Ask the group who they see at home visits."
    assert "p. " not in texts[noted]
    text = "\n".join(p.text for p in document.paragraphs)
    assert not PLACEHOLDERS.search(text)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS  # every section has words or quotes here


def test_the_trainer_s_words_are_plain_paragraphs_not_quote_bullets(tmp_path: Path) -> None:
    document = Document(str(briefing_docx(tmp_path / "briefing.docx")))
    own = [p for p in document.paragraphs if p.text.startswith(("Three reviews", "Read before"))]
    assert [p.text for p in own] == ["Three reviews, one lesson.", "Read before the session."]
    assert all(p.style.name == "Normal" for p in own)
    listed = [p for p in document.paragraphs if p.text.startswith("Rapid Review: Child C, ")]
    assert [p.style.name for p in listed] == ["List Bullet"]  # the reviews quoted stay a list


def test_sections_keep_the_builders_numbers_where_some_are_left_out(tmp_path: Path) -> None:
    draft = Draft(texts={HEADINGS[0]: "Why we meet.", HEADINGS[4]: ""})
    sections = compose([TEXT_QUOTE], draft)  # nothing for 2, 3 and 5
    expected = ["1. Background", "4. Learning for practice", "6. Resources"]
    sections_docx("Fathers", sections, tmp_path / "b.docx")
    document = Document(str(tmp_path / "b.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == expected
    markdown = sections_markdown("Fathers", sections)
    assert re.findall(r"^## (.*)$", markdown, re.M) == expected


def test_an_exported_heading_is_the_builders_own_with_one_number() -> None:
    markdown = sections_markdown("Fathers", compose([PDF_QUOTE, TEXT_QUOTE, THIRD], Draft()))
    for heading in re.findall(r"^## (.*)$", markdown, re.M):
        assert heading in HEADINGS and not re.match(r"\d+\.\s*\d+\.", heading)


# Written for these tests: a trainer's section with two paragraphs, a list and numbered points.
OWN_WORDS = (
    "We meet because two babies were hurt\nwithin a month of each other.\n\n"
    "Before the session:\n- read the summary\n* bring one case\n  from your own caseload\n"
    "Then come ready to talk.\n\n"
    "3. Ask who lives at home.\n5. Write down the answer."
)


def own_section(tmp_path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown and the Word paragraphs (text, style) of a briefing with OWN_WORDS."""
    sections = compose(
        [THIRD], Draft(texts={HEADINGS[0]: OWN_WORDS}, placement={"q3": HEADINGS[0]})
    )
    sections_docx("Fathers", sections, tmp_path / "b.docx")
    paragraphs = Document(str(tmp_path / "b.docx")).paragraphs
    return sections_markdown("Fathers", sections), [(p.text, p.style.name) for p in paragraphs]


def test_the_trainer_s_paragraphs_stay_paragraphs_and_their_list_items_bullets(
    tmp_path: Path,
) -> None:
    markdown, paragraphs = own_section(tmp_path)
    background = markdown.split("## 1. Background\n\n")[1].split("\n## ")[0]
    assert background.startswith(
        "We meet because two babies were hurt within a month of each other.\n\n"
        "Before the session:\n\n- read the summary\n- bring one case from your own caseload\n\n"
        "Then come ready to talk.\n\n"
    )
    assert "\n> “School raised concerns. Nobody replied.”  \n> — *Serious Case Review" in background
    styles = dict(paragraphs)
    assert styles["We meet because two babies were hurt within a month of each other."] == "Normal"
    assert styles["Then come ready to talk."] == "Normal"
    assert styles["read the summary"] == styles["bring one case from your own caseload"]
    assert styles["read the summary"] == "List Bullet"


def test_the_numbers_a_trainer_writes_are_kept_as_written(tmp_path: Path) -> None:
    markdown, paragraphs = own_section(tmp_path)
    assert "\n\n3\\. Ask who lives at home.\n\n5\\. Write down the answer.\n" in markdown
    assert ("3. Ask who lives at home.", "Normal") in paragraphs
    assert ("5. Write down the answer.", "Normal") in paragraphs


def test_the_markdown_renders_the_trainer_s_words_as_written(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(own_section(tmp_path)[0])
    assert "<p>We meet because two babies were hurt within a month of each other.</p>" in html
    assert "<p>3. Ask who lives at home.</p>\n<p>5. Write down the answer.</p>" in html
    assert "<ol" not in html  # no list the renderer numbers itself
    assert "<li>read the summary</li>" in html
    assert "<h2>1. Background</h2>" in html


# Written for these tests: a trainer's list, one item in quotation marks, before a quote.
LISTED = "Points to raise:\n- who lived at home\n- “ask, don't assume” as a rule"


def noted_briefing(tmp_path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown and the Word paragraphs (text, style) of a section holding LISTED and two
    quotes, one with a note."""
    draft = Draft(
        texts={HEADINGS[0]: LISTED},
        placement={"q3": HEADINGS[0], "q2": HEADINGS[0]},
        notes={"q3": "Pause here."},
    )
    sections = compose([THIRD, TEXT_QUOTE], draft)
    sections_docx("Fathers", sections, tmp_path / "b.docx")
    paragraphs = Document(str(tmp_path / "b.docx")).paragraphs
    return sections_markdown("Fathers", sections), [(p.text, p.style.name) for p in paragraphs]


def test_a_quote_never_reads_as_one_of_the_trainer_s_bullets(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    markdown, paragraphs = noted_briefing(tmp_path)
    html = markdown_it.MarkdownIt("commonmark").render(markdown)
    background = html.split("<h2>1. Background</h2>")[1].split("<h2>")[0]
    items = re.findall(r"<li>(.*?)</li>", background, re.S)
    assert items == ["who lived at home", "“ask, don't assume” as a rule"]  # the trainer's only
    quotes = re.findall(r"<blockquote>\s*(.*?)\s*</blockquote>", background, re.S)
    assert len(quotes) == 2  # each quote a block quote of its own, with its citation
    assert quotes[0].startswith("<p>“School raised concerns. Nobody replied.”<br />")
    assert "— <em>Serious Case Review: Child B" in quotes[0]
    assert quotes[1].startswith("<p>“Agencies should ask") and "Rapid Review: Child C" in quotes[1]
    note = "<p><em>Note:</em> Pause here.</p>"  # the trainer's note, outside the quote
    assert note in background and all("Pause here" not in quote for quote in quotes)
    assert background.index(quotes[0]) < background.index(note) < background.index(quotes[1])
    styles = dict(paragraphs)
    headings = [i for i, (_, style) in enumerate(paragraphs) if style == "Heading 1"]
    section = paragraphs[headings[0] + 1 : headings[1]]  # 1. Background
    assert [text for text, style in section if style == "List Bullet"] == [
        "who lived at home",
        "“ask, don't assume” as a rule",
    ]
    quoted = [text for text, style in paragraphs if style == "Quote"]
    assert len(quoted) == 2 and quoted[0].startswith("“School raised concerns.")
    assert "\n— Serious Case Review: Child B" in quoted[0]
    assert styles["Note: Pause here."] == "Normal"


def test_a_paragraph_opening_with_a_code_fence_does_not_swallow_the_rest() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    words = "```as typed, three backticks\n\n<!-- not a comment\n\nThe last paragraph."
    sections = compose([], Draft(texts={HEADINGS[0]: words}))
    html = markdown_it.MarkdownIt("commonmark").render(sections_markdown("Fathers", sections))
    assert "<p>The last paragraph.</p>" in html and "<code" not in html


def test_the_quotes_document_is_a4_too(tmp_path: Path) -> None:
    path = to_docx("Quotes", [PDF_QUOTE], tmp_path / "quotes.docx")
    assert abs(Document(str(path)).sections[0].page_width - Mm(210)) < Mm(1)


@pytest.mark.integration
def test_libreoffice_renders_the_briefing_on_a4_pages(tmp_path: Path) -> None:
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        pytest.skip("needs LibreOffice Writer (soffice) and poppler-utils (pdfinfo)")
    source = briefing_docx(tmp_path / "briefing.docx")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        [pdfinfo, str(tmp_path / "briefing.pdf")], capture_output=True, text=True, check=True
    ).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    width, height = float(size.group(1)), float(size.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "briefing.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Neither visit asked" in text and not PLACEHOLDERS.search(text)


def test_kept_sentences_are_found_again_by_their_words_after_a_resplit() -> None:
    text = "Practitioners should: • check who lives at home • ask about the father. Then record it."
    draft = Draft()
    draft.keep("q9", text, [1, 2])
    kept = draft.kept_sentences("q9", text)
    assert excerpt(text, kept) == excerpt(text, [1, 2])
    saved = Draft.from_json(draft.to_json())
    # as if a later version cut the same quote into sentences otherwise: the kept words decide
    saved.kept["q9"] = ["• check who lives at home • ask about the father.", "Then record it."]
    assert saved.kept_sentences("q9", text) == [1, 2, 3]
    assert Draft(excerpts={"q9": [0]}).kept_sentences("q9", text) == [0]  # an older draft


def test_the_notes_written_in_the_builder_go_with_the_quotes_only_exports() -> None:
    from search_app.briefing import to_csv, to_markdown, with_notes

    draft = Draft(notes={"q1": "Ask: who else lived there?"})
    quotes = with_notes([PDF_QUOTE, {**PDF_QUOTE, "id": "q2", "note": "Saved with it."}], draft)
    assert [q["note"] for q in quotes] == ["Ask: who else lived there?", "Saved with it."]
    assert "*Note:* Ask: who else lived there?" in to_markdown("Training", quotes)
    assert "Ask: who else lived there?" in to_csv(quotes)


def test_a_title_that_names_the_briefing_anywhere_is_not_prefixed_again() -> None:
    from search_app.briefing import briefing_heading

    assert briefing_heading("Hidden men") == "7-minute briefing: Hidden men"
    for named in ("Seven minute briefing on neglect", "Hidden men: a 7-minute briefing"):
        assert briefing_heading(named) == named


def test_a_quote_bank_csv_names_the_bank_and_the_date() -> None:
    when = dt.datetime(2026, 12, 3, 9, 5, tzinfo=dt.UTC)
    written = quotes_csv("Neglect", [], when).splitlines()
    assert written[:3] == [
        "# casegraph: quote bank 'Neglect' (0 quotes)",
        "# filters: none",
        "# exported: 2026-12-03 09:05 UTC",
    ]
    assert written[3].startswith("position,text,")
