import random

from ingest.near_copies import overlap, share_of, signature, words

VOCABULARY = """health visitor called flat occasions found nobody home school staff noticed
boy arrived hungry mornings spring term social worker recorded referrals strategy discussion
police attended address neighbours reported shouting night mother father partner household
housing officer moved family records followed agency information shared plan meeting risk
adults child baby toddler bruising hospital emergency department nurse midwife paediatrician
assessment threshold escalation supervision caseload drift delay professional curiosity
voice lived experience neglect domestic abuse alcohol cannabis mental illness debt eviction
""".split()  # noqa: SIM905 (a paragraph reads better than a list)


def review(seed: int, passages: int = 24) -> list[str]:
    """A made-up review: passages of 60 words drawn at random, different for each seed."""
    rng = random.Random(seed)
    return [" ".join(rng.choices(VOCABULARY, k=60)) for _ in range(passages)]


def misread(texts: list[str], every: int = 20) -> list[str]:
    """The passages as OCR might read them: one word in `every` garbled."""
    garbled = []
    for text in texts:
        tokens = text.split()
        for index in range(0, len(tokens), every):
            tokens[index] = tokens[index].replace("e", "c").replace("o", "0") + "~"
        garbled.append(" ".join(tokens))
    return garbled


def test_normalised_words_are_lower_case_letters_and_digits() -> None:
    assert words("Child H's GP, on 3/4 occasions—Didn't") == [
        "child", "h", "s", "gp", "on", "3", "4", "occasions", "didn", "t"
    ]  # fmt: skip


def test_a_copy_read_by_ocr_is_a_near_copy() -> None:
    original = review(1)
    found = overlap(misread(original), original)
    assert found.is_near_copy and found.shared == found.compared == 24


def test_a_poor_scan_with_one_word_in_twelve_misread_is_a_near_copy() -> None:
    original = review(1)
    assert overlap(misread(original, every=12), original).is_near_copy


def test_text_misread_throughout_is_not_taken_for_a_copy() -> None:
    original = review(1)
    assert not overlap(misread(original, every=3), original).is_near_copy


def test_a_copy_without_its_cover_is_a_near_copy() -> None:
    original = review(2, passages=28)
    found = overlap(original[3:], original)
    assert found.is_near_copy and found.fraction == 1.0


def test_the_original_is_a_near_copy_of_its_copy_without_a_cover() -> None:
    original = review(2, passages=28)
    found = overlap(original, original[3:])
    assert found.is_near_copy and (found.shared, found.compared) == (25, 28)


def test_passages_cut_elsewhere_still_match() -> None:
    original = review(3)
    merged = [
        f"{first} {second}" for first, second in zip(original[::2], original[1::2], strict=True)
    ]
    assert overlap(merged, original).is_near_copy


def test_reviews_sharing_stock_sections_are_not_near_copies() -> None:
    stock = review(100, passages=6)  # terms of reference, method: the same in both
    first, second = stock + review(4), stock + review(5)
    found = overlap(first, second)
    assert found.shared == 6 and not found.is_near_copy


def test_different_reviews_share_no_passage() -> None:
    assert overlap(review(6), review(7)).shared == 0


def test_short_documents_are_never_near_copies() -> None:
    note = ["The review was commissioned by the partnership in the spring."]
    assert not overlap(note, note).is_near_copy


def test_a_copy_keeps_most_of_the_sample_an_unrelated_review_little() -> None:
    original = signature(review(8))
    assert original.size > 20
    assert share_of(signature(misread(review(8))), original) > 0.6
    assert share_of(signature(review(9)), original) < 0.3
