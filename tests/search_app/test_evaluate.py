import math

from search_app.evaluate import matches, score_query

GOLD = {
    "g1": "The father was never asked about his own childhood by any practitioner at all",
    "g2": "Health visitors assumed the young father would not want to be involved in care",
}


def test_text_matching_follows_the_trigram_rule() -> None:
    assert matches("Intro words. " + GOLD["g1"] + " More words after it.", GOLD["g1"])
    assert not matches("Something else entirely about housing and money", GOLD["g1"])
    assert matches("ﬁnal: The father was never asked about his own child-\nhood by any", GOLD["g1"])


def test_ndcg_recall_and_mrr_by_hand() -> None:
    results = ["unrelated text about schools and attendance", GOLD["g2"], GOLD["g1"], GOLD["g1"]]
    ndcg, recall, rr, credited = score_query(results, {"g1": 2, "g2": 1}, GOLD)
    dcg = 1 / math.log2(3) + 3 / math.log2(4)
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert math.isclose(ndcg, dcg / idcg) and recall == 1.0 and rr == 0.5
    assert credited == ["g2", "g1"]  # the repeated g1 at rank 4 gains nothing
