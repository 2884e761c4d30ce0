from __future__ import annotations

from graph.filters import SearchFilters
from search_app.search import (
    Searcher,
    SearchResult,
    boost_themes,
    demote_boilerplate,
    fuse,
    highlight_spans,
    merge_spans,
    result_from_row,
    select,
    theme_agreement,
)


def result(pid: str, review: str, text: str = "text") -> SearchResult:
    return SearchResult(pid, review, "T", "lcspr", 2020, "P", 1, 1, [], None, text, [], 0.0)


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    fused = fuse({"keyword": [("a", 9.0), ("b", 5.0)], "dense": [("b", 0.9), ("c", 0.8)]})
    assert [pid for pid, _ in fused] == ["b", "a", "c"]


def details(rows: list[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    return {pid: {"review_id": review, "text": text} for pid, review, text in rows}


def test_one_review_does_not_fill_the_page() -> None:
    rows = [(f"p{i}", "r1", f"passage number {i} of the first review") for i in range(5)]
    rows += [("q1", "r2", "a passage of the second review"), ("q2", "r3", "one of the third")]
    ranked = [(pid, 1.0) for pid, _, _ in rows]
    chosen = select(ranked, details(rows), 5, per_review=2)
    assert [pid for pid, _ in chosen] == ["p0", "p1", "q1", "q2", "p2"]


def test_near_duplicates_are_collapsed() -> None:
    text = "The health visitor did not ask who else lived in the home with the baby and mother."
    rows = [("a", "r1", text), ("b", "r1", "Executive summary. " + text), ("c", "r2", "Other.")]
    chosen = select([(pid, 1.0) for pid, _, _ in rows], details(rows), 10, per_review=3)
    assert [pid for pid, _ in chosen] == ["a", "c"]


def test_a_passage_surer_of_the_query_themes_is_lifted_more() -> None:
    rows = {
        "sure": {"themes": ["poverty_deprivation"], "theme_scores": {"poverty_deprivation": 0.95}},
        "unsure": {"themes": [], "theme_scores": {"poverty_deprivation": 0.3}},
        "none": {"themes": [], "theme_scores": {"housing": 0.9}},
    }
    fused = [("none", 0.05), ("unsure", 0.05), ("sure", 0.05)]
    lifted = boost_themes(fused, rows, {"poverty_deprivation"})
    assert [pid for pid, _ in lifted] == ["sure", "unsure", "none"]
    assert boost_themes(fused, rows, set()) == fused  # a query without themes: no change


def test_guidance_sinks_a_little_and_boilerplate_more() -> None:
    rows = {
        "guide": {"kind": "analysis", "document_kind": "guidance"},
        "case": {"kind": "analysis", "document_kind": "case_review"},
        "method": {"kind": "method", "document_kind": "case_review"},
        "far": {"kind": "narrative", "document_kind": "case_review"},
    }
    fused = [("guide", 0.10), ("method", 0.10), ("case", 0.095), ("far", 0.06)]
    order = [pid for pid, _ in demote_boilerplate(fused, rows)]
    assert order == ["case", "guide", "far", "method"]
    # guidance well ahead of a case passage stays ahead: a demotion, not a filter
    assert demote_boilerplate([("guide", 0.2), ("case", 0.1)], rows)[0][0] == "guide"


def test_theme_agreement_follows_corrections_and_older_stores() -> None:
    wanted = {"domestic_abuse", "housing"}
    # corrected onto the passage: counts fully, whatever the tagger thought
    added = {"themes": ["domestic_abuse"], "theme_scores": {"domestic_abuse": 0.1}}
    # corrected off it: no more than an unsure theme
    removed = {"themes": [], "theme_scores": {"domestic_abuse": 0.99}}
    assert theme_agreement(added, wanted) == 0.5
    assert theme_agreement(removed, wanted) < theme_agreement(added, wanted)
    # stored before confidences were kept: the labels alone
    older = {"themes": ["domestic_abuse", "housing"]}
    assert theme_agreement(older, wanted) == 1.0
    assert theme_agreement(older, set()) == 0.0


def test_highlights_match_words_and_their_stems() -> None:
    text = "Both fathers smoked cannabis; the father was not asked."
    spans = highlight_spans(text, "father smoking cannabis")
    assert [text[a:b] for a, b in spans] == ["fathers", "smoked", "cannabis", "father"]
    shown = result("a", "r", text)
    shown.highlights = spans
    assert shown.highlighted("[", "]").startswith("Both [fathers] [smoked] [cannabis]")


def test_a_quoted_phrase_is_highlighted_whole_with_its_small_words() -> None:
    text = "The mother was known to the Police; police visits were rare and brief."
    spans = highlight_spans(text, '"known to the police" visits')
    assert [text[a:b] for a, b in spans] == ["known to the Police", "visits"]


def test_words_the_query_leaves_out_are_not_highlighted() -> None:
    text = "Domestic abuse was reported; the father drank alcohol at home."
    spans = highlight_spans(text, 'alcohol -"domestic abuse" NOT father')
    assert [text[a:b] for a, b in spans] == ["alcohol"]
    spans = highlight_spans(text, 'NOT "domestic abuse" alcohol')
    assert [text[a:b] for a, b in spans] == ["alcohol"]


def test_a_word_inside_a_highlighted_phrase_is_one_mark() -> None:
    text = "Concerns about neglect and about emotional neglect were raised."
    spans = highlight_spans(text, '"emotional neglect" neglect')
    assert [text[a:b] for a, b in spans] == ["neglect", "emotional neglect"]


def test_spans_are_merged_and_kept_inside_the_text() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 6), (20, 40)], 30) == [(0, 9), (20, 30)]
    assert merge_spans([(4, 4)], 10) == []


def test_keyword_search_finds_and_cites(searcher: Searcher) -> None:
    [top, *_] = searcher.search("cannabis sofa co-sleeping", k=3, mode="keyword")
    assert (
        "cannabis" in top.text and top.title == "Local Child Safeguarding Practice Review: Child A"
    )
    assert top.page_start == 1 and top.citation().startswith(
        "Local Child Safeguarding Practice Review: Child A, "
        "Northmoor Safeguarding Children Partnership, 2020, section “Background”"
    )  # a text file has no pages: cited by its section


def test_filters_apply_to_every_mode(searcher: Searcher) -> None:
    for mode in ("hybrid", "keyword", "dense"):
        found = searcher.search(
            "what the police knew", k=10, mode=mode, filters=SearchFilters(year_from=2021)
        )
        assert found and all(r.year and r.year >= 2021 for r in found), mode
        exploited = searcher.search(
            "police", k=10, mode=mode, filters=SearchFilters(themes=("extra_familial_harm",))
        )
        assert exploited and all("extra_familial_harm" in r.themes for r in exploited), mode
        assert (
            searcher.search("police", mode=mode, filters=SearchFilters(agencies=("probation",)))
            == []
        )


def test_hostile_queries_are_only_words(searcher: Searcher) -> None:
    for query in ['"cannabis" OR NEAR(a b)', "x'; DROP TABLE passages; --", "*", ""]:
        searcher.search(query, mode="keyword")  # no error, no injection
    assert searcher.search("cannabis", mode="keyword")


class TieredStore:
    """A store with real BM25 over a few passages and a dense retriever that prefers the
    passages without the rare word (as an embedding can), to test the ranking guarantees."""

    def __init__(self, passages: dict[str, str]) -> None:
        from graph import bm25

        self.texts = passages
        self.ids = list(passages)
        self.matrix = bm25.build("1", ((i, t, None) for i, t in enumerate(passages.values())))

    def keyword_search(self, text, k, filters=None):
        return [(self.ids[row], s) for row, s in self.matrix.search(text, k)]

    def dense_search(self, vector, k, filters=None):
        ranked = sorted(self.ids, key=lambda pid: ("methadone" in self.texts[pid], pid))
        return [(pid, 0.9 - i / 100) for i, pid in enumerate(ranked)][:k]

    def passages(self, ids):
        return {
            pid: {
                "id": pid,
                "review_id": f"r{pid}",
                "text": self.texts[pid],
                "page_start": 1,
                "page_end": 1,
            }
            for pid in ids
            if pid in self.texts
        }

    def document_frequencies(self, terms):
        return len(self.ids), self.matrix.document_frequencies(terms)


def tiered_searcher() -> Searcher:
    from ingest.embed import FakeEmbedder

    filler = [
        "The health visitor saw the baby at home and gave advice on feeding and sleep.",
        "Drug use by the mother was known to the GP, who did not tell children's services.",
        "The father's drug use was not explored by the social worker during the assessment.",
        "Police attended a domestic incident and shared the notification with the school.",
        "Substance misuse services worked with the mother; the drug workers saw her monthly.",
    ]
    texts = {f"f{i:03d}": filler[i % len(filler)] + f" Meeting {i}." for i in range(120)}
    texts["rare"] = "A tablet of methadone was left within reach; the child swallowed it."
    texts["phrase"] = "No one asked where the baby would sleep on the night of the party."
    return Searcher(TieredStore(texts), FakeEmbedder())


def test_a_rare_word_in_one_passage_ranks_it_first() -> None:
    found = tiered_searcher().search("drug use by the mother methadone", k=5)
    assert found[0].passage_id == "rare"


def test_a_quoted_phrase_in_one_passage_ranks_it_first_and_alone() -> None:
    found = tiered_searcher().search('"where the baby would sleep"', k=5)
    assert [r.passage_id for r in found] == ["phrase"]
    for mode in ("keyword", "dense"):
        assert [
            r.passage_id
            for r in tiered_searcher().search('"where the baby would sleep"', mode=mode)
        ] == ["phrase"]


def test_excluded_words_leave_their_passages_out() -> None:
    found = tiered_searcher().search("drug use -GP", k=10)
    assert found and all("GP" not in r.text for r in found)


def test_words_no_passage_holds_are_named_as_typed() -> None:
    searcher = tiered_searcher()
    assert searcher.unknown_words("zzzqqq methadone") == ["zzzqqq"]
    assert searcher.unknown_words("methadones AND babies -xyzzy") == []  # stems; exclusions
    assert searcher.unknown_words('"zzzqqq wwwxx"') == ["zzzqqq", "wwwxx"]
    assert searcher.unknown_words("AND") == []


def test_a_query_of_only_words_to_leave_out_looks_for_nothing() -> None:
    assert Searcher.nothing_to_look_for("NOT cannabis")
    assert Searcher.nothing_to_look_for("-cannabis -drugs")
    assert Searcher.nothing_to_look_for("the AND of")
    assert not Searcher.nothing_to_look_for("sleep -cannabis")
    assert not Searcher.nothing_to_look_for('"safer sleep"')


def test_results_found_only_by_meaning_are_counted_apart() -> None:
    from search_app.search import meaning_only_note

    found = tiered_searcher().search("methadone", k=10)
    worded = [r for r in found if "methadone" in r.text.lower()]
    assert len(worded) == 1 and len(found) > 1  # one holds the word; meaning fills the rest
    assert meaning_only_note(found, "hybrid") == (
        f"1 of {len(found)} holds the words searched; the other {len(found) - 1} are only close "
        "in meaning."
    )
    assert meaning_only_note(found[:2], "hybrid") == (
        "1 of 2 holds the words searched; the other one is only close in meaning."
    )
    assert meaning_only_note(found[:1], "hybrid") is None
    assert meaning_only_note(found, "dense") is None  # meaning is what was asked for


def test_a_result_carries_the_numbers_printed_on_its_pages() -> None:
    row = {
        "id": "p1",
        "review_id": "r1",
        "title": "Child G review",
        "page_start": 9,
        "page_end": 10,
        "text": "The social worker visited twice.",
        "file_name": "child-g.pdf",
        "page_labels": '{"9": "7", "10": "8"}',
    }
    result = result_from_row(row, 1.0)
    assert (result.printed_start, result.printed_end) == ("7", "8")
    assert result.citation() == "Child G review, pp. 9-10 (printed 7-8)"
    assert result.to_json()["printed_start"] == "7"
    unlabelled = result_from_row({**row, "page_labels": None}, 1.0)
    assert unlabelled.citation() == "Child G review, pp. 9-10"
