from ingest.passages import MAX_WORDS, MIN_WORDS, assemble_text, make_passages
from ingest.types import Block


def sentence(i: int) -> str:
    return f"Sentence number {i} describes what the health visitor knew about the family."


def test_passages_follow_sections_sizes_and_offsets() -> None:
    long_paragraph = " ".join(sentence(i) for i in range(60))  # ~600 words
    blocks = [
        Block("heading", "1. Introduction", 1, 1),
        Block("paragraph", "Short opening paragraph.", 1, 1, "1. Introduction", "1.1"),
        Block("paragraph", " ".join(sentence(i) for i in range(5)), 1, 1, "1. Introduction", "1.2"),
        Block("heading", "2. Analysis", 2, 2),
        Block("paragraph", long_paragraph, 2, 3, "2. Analysis", "2.1", page_breaks=[(300, 3)]),
        Block("footnote", "1 A footnote.", 2, 2, "2. Analysis"),
    ]
    text = assemble_text(blocks)
    passages = make_passages("rev1", text, blocks)
    for passage in passages:
        assert text[passage.char_start : passage.char_end] == passage.text
        assert passage.word_count <= MAX_WORDS
        assert "A footnote" not in passage.text
    intro = [p for p in passages if p.section == "1. Introduction"]
    assert len(intro) == 1 and intro[0].paragraph_numbers == ["1.1", "1.2"]
    analysis = [p for p in passages if p.section == "2. Analysis"]
    assert len(analysis) >= 3
    assert all(p.word_count >= MIN_WORDS for p in analysis)
    assert all(p.text.rstrip().endswith(".") for p in analysis)  # cut at sentence ends
    assert analysis[0].page_start == 2 and analysis[-1].page_end == 3
    assert len({p.id for p in passages}) == len(passages)
    assert make_passages("rev1", text, blocks)[0].id == passages[0].id  # stable


def test_a_plain_text_note_is_a_passage_of_its_own_and_never_inside_the_body() -> None:
    blocks = [
        Block("heading", "Findings", 1, 1),
        Block("paragraph", "The father was not asked about his own childhood.", 1, 1, "Findings"),
        Block("paragraph", "Nobody recorded who else lived at the flat.", 1, 1, "Findings"),
        Block("note", "³ Fathers in the child protection system, 2019.", 1, 1, "Findings"),
        Block("note", "⁴ A second study of men in the home, 2021.", 1, 1, "Findings"),
    ]
    passages = make_passages("rev1", assemble_text(blocks), blocks)
    assert [p.text for p in passages] == [
        "The father was not asked about his own childhood.\n\n"
        "Nobody recorded who else lived at the flat.",
        "³ Fathers in the child protection system, 2019.",
        "⁴ A second study of men in the home, 2021.",
    ]


def test_a_lead_in_opens_a_passage_with_the_list_it_introduces() -> None:
    before = " ".join(sentence(i) for i in range(5))  # ~60 words
    blocks = [
        Block("heading", "Findings", 1, 1),
        Block("paragraph", before, 1, 1, "Findings"),
        Block("paragraph", "The school nurse should in future:", 1, 1, "Findings"),
        *(
            Block("list_item", f"- {sentence(i)}", 1, 1, "Findings")
            for i in range(4)  # ~50 words
        ),
    ]
    passages = make_passages("rev1", assemble_text(blocks), blocks)
    assert [p.text.split("\n\n")[0] for p in passages] == [
        before,
        "The school nurse should in future:",
    ]
    assert passages[1].text.endswith(sentence(3))


def test_fragments_of_a_few_words_are_no_passages_unless_they_are_all_there_is() -> None:
    blocks = [
        Block("heading", "Levels of need", 1, 1),
        Block("paragraph", " ".join(sentence(i) for i in range(4)), 1, 1, "Levels of need"),
        Block("debris", "Level 2 Level 3", 1, 1, "Levels of need"),
        Block("paragraph", "and young people.", 1, 1, "Levels of need"),
        Block("debris", "Level 4", 1, 1, "Levels of need"),
        Block("paragraph", "Comment: ☐ ☐ ☐", 1, 1, "Levels of need"),
    ]
    passages = make_passages("rev1", assemble_text(blocks), blocks)
    assert [p.text for p in passages] == [blocks[1].text]
    alone = [Block("paragraph", "Draft only.", 1, 1)]
    assert [p.text for p in make_passages("rev2", assemble_text(alone), alone)] == ["Draft only."]
