from ingest.clean import clean_pages, is_page_number, margin_page_numbers, normalise
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


def test_on_long_plain_text_pages_only_the_first_and_last_two_lines_can_be_running_text() -> None:
    """Plain text has no positions: its margin is the first and last two non-blank lines of
    a page, however long the page. The same words or a bare number further in are body text."""
    names = ["Amber", "Birch", "Cedar", "Damson"]

    def body(name: str) -> list[str]:
        lines = [f"{name} paragraph {i} says what the health visitor saw." for i in range(300)]
        return [*lines[:150], "Child T review", "3", "", *lines[150:]]

    def plain(number: int) -> Page:
        lines = ["", "Child T review", "", *body(names[number - 1]), "", f"Page {number}", ""]
        return Page(number, [Line(text) for text in lines])

    cleaned = clean_pages([plain(n) for n in range(1, 5)])
    for cleaned_page in cleaned:
        expected = ["", "", *body(names[cleaned_page.number - 1]), "", ""]
        assert [line.text for line in cleaned_page.lines] == expected
    lines = ["Child T review", *body("Amber"), "7"]
    (single,) = clean_pages([Page(1, [Line(text) for text in lines])])
    assert [line.text for line in single.lines] == lines


def test_margin_page_numbers_are_read_bare_or_beside_running_text() -> None:
    pages = [
        page(n, ["The nurse visited the family at home.", "A second line of body."], "", footer)
        for n, footer in [
            (1, "Seen by the panel"),
            (2, "{n} Eastmere practice review"),
            (3, "Eastmere practice review {n}"),
            (4, "Page {n} of 4"),
        ]
    ]
    found = margin_page_numbers(pages)
    assert found == [[], ["2"], ["3"], ["Page 4 of 4"]]
    # read before clean_pages strips them: the pages themselves are left as they were
    assert pages[3].lines[-1].text == "Page 4 of 4"
