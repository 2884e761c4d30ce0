import json
from pathlib import Path

import numpy as np

from search_app import rerank
from search_app.search import rerank_tiers


def test_a_fitted_model_ranks_like_its_training_signal_and_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(200, len(rerank.FEATURES)))
    grades = (matrix[:, 0] + 0.3 * rng.normal(size=200) > 0).astype(int)
    model = rerank.fit(matrix, grades)
    held_out = rng.normal(size=(50, len(rerank.FEATURES)))
    scores = model.score(held_out)
    assert np.corrcoef(scores, held_out[:, 0])[0, 1] > 0.8
    path = tmp_path / "model.json"
    model.save(path, {"default_on": False})
    loaded = rerank.Reranker.load(path)
    assert loaded is not None and np.allclose(loaded.score(held_out), scores)
    assert rerank.default_reranker(None, path) is None  # off unless it earned it
    assert rerank.default_reranker("on", path) is not None


def test_a_model_made_for_other_features_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"version": rerank.VERSION, "features": ["bm25"]}))
    assert rerank.Reranker.load(path) is None
    assert rerank.Reranker.load(tmp_path / "missing.json") is None


def test_reranking_stays_inside_the_rare_word_tiers() -> None:
    tiers = [[("rare", 0.1)], [("a", 0.9), ("b", 0.8), ("c", 0.7)]]
    reordered = rerank_tiers(tiers, {"rare": 0.01, "a": 0.2, "b": 0.9})
    assert reordered == [[("rare", 0.01)], [("b", 0.9), ("a", 0.2), ("c", 0.7)]]


def test_the_shipped_model_loads() -> None:
    assert rerank.Reranker.load() is not None
