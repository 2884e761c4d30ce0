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


def test_results_outside_the_gold_and_the_pool_are_counted_as_unjudged() -> None:
    from search_app.evaluate import evaluate

    queries = [{"qid": "q1", "query": "fathers", "relevant": {"g1": 2}}]
    judged_out = "Housing officers visited the flat twice and found it cold and damp inside"
    unseen = "The school nurse kept a record of every missed appointment over the year"
    results = [GOLD["g1"], judged_out, unseen]
    report = evaluate(queries, GOLD, lambda _: results, pool={"q1": [judged_out]})
    assert report["unmatched_share"] == round(2 / 3, 4)
    assert report["unjudged_share"] == round(1 / 3, 4)
    assert report["unjudged_examples"][0]["rank"] == 3
    assert "unjudged_share" not in evaluate(queries, GOLD, lambda _: results)


def test_judged_only_ndcg_drops_the_unjudged_results_and_moves_the_judged_up() -> None:
    from search_app.evaluate import evaluate

    queries = [{"qid": "q1", "query": "fathers", "relevant": {"g1": 2, "g2": 1}}]
    judged_out = "Housing officers visited the flat twice and found it cold and damp inside"
    unseen = "The school nurse kept a record of every missed appointment over the year"
    deep = [unseen, GOLD["g1"], judged_out, GOLD["g2"]]
    pool = {"q1": [judged_out]}
    report = evaluate(queries, GOLD, lambda _: deep[:2], k=2, pool=pool, deep_run=lambda _: deep)
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert math.isclose(report["ndcg@2"], round(3 / math.log2(3) / idcg, 4), abs_tol=1e-4)
    # judged only: g1, judged_out, g2; g1 moves up to rank 1 and g2 falls outside the first 2
    assert math.isclose(report["ndcg@2_judged_only"], round(3 / idcg, 4), abs_tol=1e-4)
    assert "ndcg@2_judged_only" not in evaluate(queries, GOLD, lambda _: deep[:2], k=2, pool=pool)
