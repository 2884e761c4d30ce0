"""Similar cases: reviews ranked by what they say (text) and what they are about (profile),
each match explained by the themes both share and the closest pair of passages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ingest.embed import Embedder, query_vector, transient

TEXT_WEIGHT = 0.6  # the rest is the profile: themes, age band, outcome, agencies
HARM_THEMES = {
    "nai_physical_abuse",
    "sudi_unsafe_sleep",
    "neglect",
    "extra_familial_harm",
    "child_mental_health_suicide",
}


class SimilarStore(Protocol):
    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...

    def review_vectors(self) -> tuple[list[str], np.ndarray, dict[str, list[str]]]: ...

    def passage_vectors(self, ids: list[str]) -> dict[str, np.ndarray]: ...

    def review_profiles(self) -> dict[str, dict[str, Any]]: ...


@dataclass
class Profile:
    """What a case is about, for comparing cases."""

    themes: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)
    age_band: str | None = None
    outcome: str | None = None


@dataclass
class SimilarCase:
    review_id: str
    title: str | None
    score: float
    text_similarity: float
    profile_similarity: float
    shared_themes: list[str]
    shared_agencies: list[str]
    same_age_band: bool
    same_outcome: bool
    passage_pair: dict[str, Any] | None  # the closest pair: theirs and ours, with pages


def profile_similarity(a: Profile, b: Profile) -> float:
    """Harm themes count double; age band and outcome each add when both say the same."""
    weight = {t: 2.0 if t in HARM_THEMES else 1.0 for t in a.themes | b.themes}
    union = sum(weight.values())
    themes = sum(weight[t] for t in a.themes & b.themes) / union if union else 0.0
    agencies = (
        len(a.agencies & b.agencies) / len(a.agencies | b.agencies)
        if a.agencies | b.agencies
        else 0.0
    )
    age = 1.0 if a.age_band and a.age_band == b.age_band else 0.0
    outcome = 1.0 if a.outcome and a.outcome == b.outcome else 0.0
    return 0.5 * themes + 0.2 * agencies + 0.15 * age + 0.15 * outcome


class SimilarCases:
    """Ranks stored reviews against a stored review or a typed case description."""

    def __init__(self, store: SimilarStore, embedder: Embedder, tagger: Any = None) -> None:
        self.store = store
        self.embedder = embedder
        self.tagger = tagger  # turns a description into a Profile (themes, agencies)

    def like_review(self, review_id: str, k: int = 10) -> list[SimilarCase]:
        ids, matrix, passage_ids = self.store.review_vectors()
        if review_id not in ids:
            raise KeyError(review_id)
        profiles = self.store.review_profiles()
        own = passage_ids[review_id]
        vectors = self.store.passage_vectors(own)
        ours = [(pid, vectors[pid]) for pid in own if pid in vectors]
        query = matrix[ids.index(review_id)]
        profile = _profile(profiles.get(review_id, {}))
        return self._rank(query, profile, profiles, ours, k, exclude=review_id)

    def like_text(self, text: str, k: int = 10) -> list[SimilarCase]:
        vector = query_vector(self.embedder, text)
        with transient(self.embedder):  # the description's sentences are not cached either
            profile = self.tagger(text) if self.tagger else Profile()
        profiles = self.store.review_profiles()
        ours = [("query", vector)]
        return self._rank(vector, profile, profiles, ours, k, exclude=None, query_text=text)

    def _rank(
        self,
        query: np.ndarray,
        profile: Profile,
        profiles: dict[str, dict[str, Any]],
        ours: list[tuple[str, np.ndarray]],
        k: int,
        exclude: str | None,
        query_text: str | None = None,
    ) -> list[SimilarCase]:
        ids, matrix, passage_ids = self.store.review_vectors()
        text = matrix @ query.astype(np.float32) if len(ids) else np.zeros(0)
        scored = []
        for index, review_id in enumerate(ids):
            if review_id == exclude:
                continue
            theirs = _profile(profiles.get(review_id, {}))
            similarity = profile_similarity(profile, theirs)
            score = TEXT_WEIGHT * float(text[index]) + (1 - TEXT_WEIGHT) * similarity
            scored.append((score, review_id, float(text[index]), similarity, theirs))
        scored.sort(key=lambda item: -item[0])
        cases = []
        for score, review_id, text_score, similarity, theirs in scored[:k]:
            pair = self._closest_pair(ours, passage_ids.get(review_id, []), query_text)
            cases.append(
                SimilarCase(
                    review_id=review_id,
                    title=profiles.get(review_id, {}).get("title"),
                    score=round(score, 4),
                    text_similarity=round(text_score, 4),
                    profile_similarity=round(similarity, 4),
                    shared_themes=sorted(profile.themes & theirs.themes),
                    shared_agencies=sorted(profile.agencies & theirs.agencies),
                    same_age_band=bool(profile.age_band and profile.age_band == theirs.age_band),
                    same_outcome=bool(profile.outcome and profile.outcome == theirs.outcome),
                    passage_pair=pair,
                )
            )
        return cases

    def _closest_pair(
        self, ours: list[tuple[str, np.ndarray]], theirs: list[str], query_text: str | None
    ) -> dict[str, Any] | None:
        vectors = self.store.passage_vectors(theirs)
        if not ours or not vectors:
            return None
        their_ids = list(vectors)
        their_matrix = np.vstack([vectors[pid] for pid in their_ids])
        our_matrix = np.vstack([vector for _, vector in ours])
        similarity = our_matrix @ their_matrix.T
        i, j = np.unravel_index(int(similarity.argmax()), similarity.shape)
        our_id, their_id = ours[int(i)][0], their_ids[int(j)]
        texts = self.store.passages([pid for pid in (our_id, their_id) if pid != "query"])
        return {
            "similarity": round(float(similarity[i, j]), 4),
            "ours": _quote(texts.get(our_id)) if our_id != "query" else {"text": query_text},
            "theirs": _quote(texts.get(their_id)),
        }


def _profile(row: dict[str, Any]) -> Profile:
    return Profile(
        set(row.get("themes") or []),
        set(row.get("agencies") or []),
        row.get("age_band"),
        row.get("outcome"),
    )


def _quote(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    keys = (
        "id",
        "review_id",
        "text",
        "page_start",
        "page_end",
        "paragraph_numbers",
        "section",
        "title",
    )
    return {key: row.get(key) for key in keys}


class CaseTagger:
    """Reads a typed case description into a Profile: its themes, agencies, age and outcome."""

    def __init__(self, embedder: Embedder) -> None:
        from ingest.entities import EntityExtractor
        from ingest.themes import ThemeClassifier, load_taxonomy

        self.themes = ThemeClassifier(load_taxonomy(), embedder)
        self.entities = EntityExtractor(use_ner=False)

    def __call__(self, text: str) -> Profile:
        from graph.schema import age_band
        from ingest.metadata import DIED, HARMED, stated_age

        [result] = self.themes.classify([text])
        agencies = {m.id for m in self.entities(text) if m.kind == "agency"}
        age = stated_age(text)
        months = age[1] if age else None
        if months is None and re.search(r"\b(?:baby|infant|newborn|new-born)\b", text, re.I):
            months = 3  # "a baby": under one
        outcome = "died" if DIED.search(text) else "serious_harm" if HARMED.search(text) else None
        return Profile(set(result.themes), agencies, age_band(months), outcome)
