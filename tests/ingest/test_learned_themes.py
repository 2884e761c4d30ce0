"""The learned theme classifier: training with folds grouped by document, the saved model,
and what the tagger returns. Fast tests train on a few passages written here with fake
embeddings; the integration test loads the shipped model with the real MiniLM."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingest.embed import FakeEmbedder
from ingest.themes import load_taxonomy
from ingest.themes.learned import DEFAULT_MODEL, LearnedThemeClassifier, Params, ThemeModel
from ingest.themes.training import (
    Example,
    calibrate,
    encode,
    group_folds,
    grouped_cv,
    held_out_passages_cv,
    stratified_folds,
    train_and_evaluate,
)

CASES = {
    "domestic_abuse": "Police attended after the father assaulted the mother in front of the baby.",
    "cannabis": "Both parents smoked cannabis every day and the flat smelt of it.",
    "information_sharing": "The GP did not pass the referral on to children's social care.",
    "": "The panel met four times between May and September to agree the terms of reference.",
}


def examples(copies: int = 6) -> list[Example]:
    out = []
    for n in range(copies):
        for theme, text in CASES.items():
            themes = (theme, "substance_misuse") if theme == "cannabis" else (theme,)
            out.append(
                Example(
                    f"{theme or 'none'}-{n}",
                    f"{text} Review {n}.",
                    tuple(t for t in themes if t),
                    f"doc-{n}",
                    "dev" if n < 2 else "written",
                )
            )
    return out


def test_folds_never_split_a_document() -> None:
    groups = ["a", "a", "b", "c", "c", "c", "d"]
    folds = group_folds(groups, 3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(groups)))
    for fold in folds:
        inside = {groups[i] for i in fold}
        outside = {groups[i] for f in folds if f is not fold for i in f}
        assert not inside & outside


def test_passage_folds_cover_the_rows_once_and_spread_each_theme() -> None:
    labels = np.zeros((12, 2), dtype=np.int8)
    labels[[0, 3, 6], 0] = 1  # a rare theme: one passage in each of three folds
    labels[[1, 2, 4, 5, 7, 8], 1] = 1
    rows = [*range(2, 12), 0, 1]
    folds = stratified_folds(labels, rows, 3)
    assert sorted(i for fold in folds for i in fold) == sorted(rows)
    assert sorted(int(labels[fold, 0].sum()) for fold in folds) == [1, 1, 1]
    assert sorted(int(labels[fold, 1].sum()) for fold in folds) == [2, 2, 2]


def test_a_seeded_draw_gives_other_passage_folds_of_the_same_kind() -> None:
    labels = np.zeros((30, 2), dtype=np.int8)
    labels[[0, 7, 14], 0] = 1  # a rare theme
    labels[range(1, 30, 2), 1] = 1
    rows = list(range(30))
    first = [f.tolist() for f in stratified_folds(labels, rows, 3)]
    assert [f.tolist() for f in stratified_folds(labels, rows, 3, seed=None)] == first
    draws = [[f.tolist() for f in stratified_folds(labels, rows, 3, seed=s)] for s in (1, 2, 3)]
    assert any(sorted(draw) != sorted(first) for draw in draws)  # other passages together
    for draw in draws:
        assert sorted(i for fold in draw for i in fold) == rows
        assert sorted(int(labels[fold, 0].sum()) for fold in draw) == [1, 1, 1]
        assert sorted(len(fold) for fold in draw) == [10, 10, 10]
    assert [f.tolist() for f in stratified_folds(labels, rows, 3, seed=2)] == draws[1]


def test_the_held_out_setting_predicts_each_dev_passage_without_training_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ingest.themes.training as training

    taxonomy = load_taxonomy()
    data = encode(examples(), taxonomy, FakeEmbedder())
    dev = {e.id for e in data.examples if e.origin == "dev"}
    seen: list[set[str]] = []
    real_fit = training.fit

    def spying_fit(data: Any, rows: Any, taxonomy: Any, params: Any) -> Any:
        seen.append({data.examples[i].id for i in rows})
        return real_fit(data, rows, taxonomy, params)

    monkeypatch.setattr(training, "fit", spying_fit)
    predicted = held_out_passages_cv(data, taxonomy, Params(), k=2)
    assert set(predicted) == dev  # only dev passages are scored, each one once
    final_fits = [ids for ids in seen if len(ids) > len(data.examples) - len(dev)]
    assert len(final_fits) == 2
    for ids in final_fits:
        held = dev - ids
        assert held and not held & ids


def test_thresholds_are_calibrated_on_out_of_fold_scores() -> None:
    labels = np.array([[1], [1], [1], [1], [0], [0], [0], [0]])
    scores = np.array([[0.9], [0.8], [0.7], [0.4], [0.35], [0.2], [0.1], [0.05]])
    [threshold] = calibrate(scores, labels)
    assert 0.35 < threshold <= 0.4  # all four positives in, every negative out
    scores[4] = 0.6  # a negative now sits between the positives
    [balanced] = calibrate(scores, labels)
    [strict] = calibrate(scores, labels, beta=0.3)
    assert balanced <= 0.4  # F1: four positives for one false positive
    assert 0.6 < strict <= 0.7  # favouring precision gives up the lowest positive instead


def test_pooled_calibration_pulls_a_theme_with_few_positives_towards_the_common_threshold() -> None:
    # theme 0: many positives, best cut between 0.4 and 0.5; theme 1: a lone high positive
    labels = np.array([[1, 0], [1, 0], [1, 0], [1, 1], [0, 0], [0, 0], [0, 0], [0, 0]])
    scores = np.array(
        [
            [0.9, 0.1],
            [0.8, 0.1],
            [0.7, 0.1],
            [0.5, 0.85],
            [0.4, 0.1],
            [0.3, 0.5],
            [0.2, 0.1],
            [0.1, 0.1],
        ]
    )
    alone = calibrate(scores, labels, pooled=0.0)
    half = calibrate(scores, labels, pooled=0.5)
    common = calibrate(scores, labels, pooled=1.0)
    assert common[0] == common[1]  # one threshold for every theme
    for k in range(2):
        assert min(alone[k], common[k]) <= half[k] <= max(alone[k], common[k])
        assert half[k] == pytest.approx((alone[k] + common[k]) / 2)


def test_a_passage_is_predicted_by_a_model_that_never_saw_its_document() -> None:
    taxonomy = load_taxonomy()
    data = encode(examples(), taxonomy, FakeEmbedder())
    predicted = grouped_cv(data, taxonomy, Params(), k=3)
    assert set(predicted) == {e.id for e in data.examples}


def test_a_trained_model_round_trips_and_tags_with_evidence(tmp_path: Path) -> None:
    taxonomy = load_taxonomy()
    embedder = FakeEmbedder()
    run = train_and_evaluate(examples(), taxonomy, embedder, draws=2)
    assert len(run.held_out_draws) == 2 and run.held_out_draws[0] is run.held_out
    mean = run.model.card["evaluation"]["passage_cv_dev_gold_same_documents_draws"]
    assert mean["draws"] == 2
    micro = [r.micro.f1 for r in run.held_out_draws]
    assert mean["micro_f1"] == pytest.approx(sum(micro) / 2, abs=1e-4)
    assert mean["micro_f1_min"] <= mean["micro_f1"] <= mean["micro_f1_max"]
    assert run.cv_dev is not None and run.no_dev is not None and run.baseline_dev is not None
    assert run.held_out is not None and run.held_out.n_passages == 8  # the dev passages
    path = tmp_path / "themes-model-v1.npz"
    run.model.save(path)
    loaded = ThemeModel.load(path)
    assert loaded.card["examples"] == len(examples())
    assert loaded.card["positives_per_theme"]["cannabis"] == 6
    tagger = LearnedThemeClassifier(taxonomy, embedder, loaded)
    text = "Both parents smoked cannabis every day. The panel met four times."
    [result] = tagger.classify([text])
    assert set(result.scores) == set(taxonomy.ids)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    for theme in result.themes:
        for span in result.evidence[theme]:
            assert text[span.start : span.end] == span.text
    if "cannabis" in result.themes:
        assert "substance_misuse" in result.themes  # the parent comes with the child theme
    again = LearnedThemeClassifier(taxonomy, embedder, ThemeModel.load(path))
    assert again.classify([text])[0].scores == result.scores


def test_a_sentence_that_only_denies_a_theme_is_not_its_evidence() -> None:
    taxonomy = load_taxonomy()
    run = train_and_evaluate(examples(), taxonomy, FakeEmbedder())
    tagger = LearnedThemeClassifier(taxonomy, FakeEmbedder(), run.model)
    denial = "At the first visit there were no worries about alcohol or cannabis in the flat."
    text = f"{denial} {CASES['cannabis']}"
    [result] = tagger.classify([text])
    assert "cannabis" in result.themes
    assert [span.text for span in result.evidence["cannabis"]] == [CASES["cannabis"]]


def test_a_model_knows_the_corrected_passages_it_learnt_from() -> None:
    taxonomy = load_taxonomy()
    corrected = Example(
        "correction:p9", "The father was never asked.", ("hidden_men",), "r", "correction"
    )
    run = train_and_evaluate([*examples(2), corrected], taxonomy, FakeEmbedder())
    tagger = LearnedThemeClassifier(taxonomy, FakeEmbedder(), run.model)
    assert tagger.learnt_from == {"p9"}


def test_a_model_for_other_theme_ids_is_refused(tmp_path: Path) -> None:
    taxonomy = load_taxonomy()
    run = train_and_evaluate(examples(2), taxonomy, FakeEmbedder())
    run.model.theme_ids = run.model.theme_ids[:-1]
    with pytest.raises(ValueError, match="other theme ids"):
        LearnedThemeClassifier(taxonomy, FakeEmbedder(), run.model)


def test_a_broken_model_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "themes-model-v1.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(ValueError, match=r"themes-model-v1\.npz"):
        ThemeModel.load(path)


@pytest.mark.integration
@pytest.mark.slow
def test_the_shipped_model_reads_negation_and_names_evidence() -> None:
    from ingest.embed import SentenceTransformerEmbedder
    from ingest.themes.learned import load_model

    tagger = LearnedThemeClassifier(load_taxonomy(), SentenceTransformerEmbedder(), load_model())
    assert load_model() is load_model()  # read once per process
    texts = [
        "There was no evidence of domestic abuse and no history of substance misuse in the "
        "household; the family were well known to the nursery.",
        "The mother's new partner moved into the flat in the spring. He was never seen by the "
        "health visitor, and no agency asked who else was caring for the baby.",
        "Heroin use and domestic abuse were not factors in the family's life.",
    ]
    negated, hidden, listed = tagger.classify(texts)
    assert "domestic_abuse" not in negated.themes
    assert "substance_misuse" not in negated.themes
    assert not {"domestic_abuse", "substance_misuse"} & set(listed.themes)
    assert "hidden_men" in hidden.themes
    assert hidden.evidence["hidden_men"]
    assert DEFAULT_MODEL.with_suffix(".json").exists()
