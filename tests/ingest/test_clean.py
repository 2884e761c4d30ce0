from ingest.clean import clean_pages, is_page_number, normalise
from ingest.types import Line, Page


def test_normalise_expands_ligatures_and_folds_spaces() -> None:
    assert normalise("signi\ufb01cant  \u00a0con\ufb02ict\u00ad") == "significant conflict"


def test_page_numbers() -> None:
    for text in ["7", "Page 7 of 12", "- 7 -", "7 / 12", "iv"]:
        assert is_page_number(text, highest=30), text
    for text in ["2021", "7 children were seen", "Page 31"]:
        assert not is_page_number(text, highest=30), text


def page(number: int, body: list[str], header: str, footer: str) -> Page:
    lines = [Line(header.format(n=number), y=800, size=8)]
    lines += [Line(text, y=700 - 14 * i, size=10) for i, text in enumerate(body)]
    lines += [Line(footer.format(n=number), y=30, size=8)]
    return Page(number, lines, height=842)


def test_running_header_footer_and_numbers_are_removed_but_body_kept() -> None:
    pages = [
        page(
            n,
            [f"Body line {n} about the health visitor.", "More text."],
            "Northmoor SCP | LCSPR Child T",
            "Fictional document | {n}",
        )
        for n in range(1, 6)
    ]
    cleaned = clean_pages(pages)
    for cleaned_page in cleaned:
        texts = [line.text for line in cleaned_page.lines]
        assert texts == [f"Body line {cleaned_page.number} about the health visitor.", "More text."]


def test_plain_text_single_page_keeps_a_trailing_year() -> None:
    cleaned = clean_pages([Page(1, [Line("A review."), Line("2021")])])
    assert [line.text for line in cleaned[0].lines] == ["A review.", "2021"]
