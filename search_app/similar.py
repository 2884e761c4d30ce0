"""Similar cases: reviews ranked by the facts of the case (its profile) and by what their
case narratives say, each match explained by the most distinctive features both share and
the closest pair of narrative passages.

A profile is a set of features: the harm (the harm themes the review is mostly about), the
child's age band, the outcome, family risk factors, practice themes and agencies. Each
feature weighs by its group and by how rare it is across the reviews (IDF), so sharing
"sudden infant death" counts for more than sharing "information sharing", which nearly
every review has. Guidance and other non-review documents are left out unless asked for,
and method or contents passages never explain a match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ingest.embed import Embedder, query_vector, transient
from ingest.kinds import NOT_REVIEWS
from search_app.case_words import PARENTAL_THEMES, read_case_words

TEXT_WEIGHT = 0.35  # the rest is the profile
GROUP_WEIGHTS = {"harm": 3.0, "age": 2.0, "outcome": 1.0, "risk": 1.0, "practice": 0.5}
AGENCY_WEIGHT = 0.3
# text similarity at which two reviews are one stored twice (a scan, a copy without its cover
# score 0.99-1.0; the closest distinct reviews of the demo corpus and shared corpora 0.86)
COPY_SIMILARITY = 0.97
HARM_SHARE = 0.5  # a harm theme with half the passages of the main one is a harm too
CANDIDATES = 40  # reviews whose narratives are compared, best profiles and centroids first
SPREAD = 1.6  # how far the calibrated score spreads a standard deviation
# Fixed reference points for the raw evidence (the weighted profile and text similarity), so a
# score means the same whatever else is in the collection: nothing in common (no shared case
# fact, text no closer than unrelated prose, raw ~0.07) reads near 0, a match with half the
# case facts and close narratives (raw ~0.45) near 1, and raw EVIDENCE_MIDPOINT reads 0.5.
EVIDENCE_MIDPOINT = 0.25
EVIDENCE_SCALE = 0.07
NOTHING_READ = (
    "Nothing in the description was read as a fact of the case (no harm, age, outcome, theme "
    "or agency), so the matches rest on its wording alone and score low. Say what happened to "
    "the child, their age and the agencies involved."
)


def _theme_groups() -> dict[str, str]:
    from ingest.themes import load_taxonomy

    groups = {"harm": "harm", "family": "risk", "practice": "practice"}
    return {t.id: groups.get(t.group, "practice") for t in load_taxonomy().themes}


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
    harms: set[str] | None = None  # None: the harm themes among `themes`

    @property
    def empty(self) -> bool:
        """Nothing was read: no theme, agency, age band or outcome."""
        return not (self.themes or self.agencies or self.age_band or self.outcome or self.harms)

    def features(self, groups: dict[str, str] | None = None) -> set[str]:
        """'group:value' features: harm, age, outcome, risk, practice and agency."""
        groups = groups if groups is not None else _theme_groups()
        harms = self.harms if self.harms is not None else self.themes & HARM_THEMES
        found = {f"harm:{h}" for h in harms}
        found |= {f"{groups.get(t, 'practice')}:{t}" for t in self.themes - HARM_THEMES}
        found |= {f"agency:{a}" for a in self.agencies}
        if self.age_band:
            found.add(f"age:{self.age_band}")
        if self.outcome:
            found.add(f"outcome:{self.outcome}")
        return found


@dataclass
class SimilarCase:
    review_id: str
    title: str | None
    score: float  # 0-1: high only for a match both among the best here and strong in itself
    text_similarity: float
    profile_similarity: float
    shared_themes: list[str]
    shared_agencies: list[str]
    same_age_band: bool
    same_outcome: bool
    passage_pair: dict[str, Any] | None  # the closest pair of narratives: theirs and ours
    shared_features: list[str] = field(default_factory=list)  # most distinctive first
    harms: list[str] = field(default_factory=list)
    likely_copy: bool = False  # the same text: a review stored twice, not a similar case


def weight(feature: str, idf: dict[str, float]) -> float:
    group = feature.split(":", 1)[0]
    base = AGENCY_WEIGHT if group == "agency" else GROUP_WEIGHTS.get(group, 0.5)
    return base * idf.get(feature, 1.0)


def profile_similarity(a: Profile, b: Profile, idf: dict[str, float] | None = None) -> float:
    """Weighted Dice overlap of two profiles' features (1 = the same case facts)."""
    groups = _theme_groups()
    ours, theirs = a.features(groups), b.features(groups)
    idf = idf or {}
    total = sum(weight(f, idf) for f in ours) + sum(weight(f, idf) for f in theirs)
    return 2 * sum(weight(f, idf) for f in ours & theirs) / total if total else 0.0


def distinctiveness(profiles: list[Profile]) -> dict[str, float]:
    """IDF of each feature across the reviews: rare features tell cases apart."""
    groups = _theme_groups()
    counts: dict[str, int] = {}
    for profile in profiles:
        for feature in profile.features(groups):
            counts[feature] = counts.get(feature, 0) + 1
    total = len(profiles)
    return {f: math.log((total + 1) / (n + 0.5)) for f, n in counts.items()}


def review_profile(row: dict[str, Any]) -> Profile:
    """A stored review's profile; its harms are the harm themes most of its passages carry."""
    counts = row.get("theme_counts") or {}
    harm_counts = {t: n for t, n in counts.items() if t in HARM_THEMES}
    top = max(harm_counts.values(), default=0)
    harms = {t for t, n in harm_counts.items() if n >= max(2, HARM_SHARE * top)}
    return Profile(
        set(row.get("themes") or []),
        set(row.get("agencies") or []),
        row.get("age_band"),
        row.get("outcome"),
        harms if counts else None,
    )


class SimilarCases:
    """Ranks stored reviews against a stored review or a typed case description."""

    def __init__(self, store: SimilarStore, embedder: Embedder, tagger: Any = None) -> None:
        self.store = store
        self.embedder = embedder
        self.tagger = tagger  # turns a description into a Profile (themes, agencies)

    def like_review(
        self, review_id: str, k: int = 10, include_guidance: bool = False
    ) -> list[SimilarCase]:
        ids, _, _ = self.store.review_vectors()
        profiles = self.store.review_profiles()
        if review_id not in ids and review_id not in profiles:
            raise KeyError(review_id)
        row = profiles.get(review_id, {})
        narrative = row.get("narrative_ids") or self._fallback_ids(review_id)
        vectors = self.store.passage_vectors(narrative)
        ours = [(pid, vectors[pid]) for pid in narrative if pid in vectors]
        return self._rank(review_profile(row), ours, k, review_id, include_guidance)

    def read(self, text: str) -> Profile:
        """How a typed description is read: themes, harm, age band, outcome, agencies."""
        with transient(self.embedder):  # the description's sentences are not cached
            profile: Profile = self.tagger(text) if self.tagger else Profile()
        return profile

    def like_text(
        self, text: str, k: int = 10, include_guidance: bool = False
    ) -> list[SimilarCase]:
        vector = query_vector(self.embedder, text)
        ours = [("query", vector)]
        return self._rank(self.read(text), ours, k, None, include_guidance, query_text=text)

    def _rank(
        self,
        profile: Profile,
        ours: list[tuple[str, np.ndarray]],
        k: int,
        exclude: str | None,
        include_guidance: bool,
        query_text: str | None = None,
    ) -> list[SimilarCase]:
        rows = self.store.review_profiles()
        candidates = {
            rid: review_profile(row)
            for rid, row in rows.items()
            if rid != exclude and (include_guidance or row.get("document_kind") not in NOT_REVIEWS)
        }
        if not candidates:
            return []
        idf = distinctiveness([*candidates.values(), profile])
        profile_scores = {rid: profile_similarity(profile, p, idf) for rid, p in candidates.items()}
        ours_matrix = np.vstack([v for _, v in ours]).astype(np.float32) if ours else None
        ids, centroids, _ = self.store.review_vectors()
        centroid_scores: dict[str, float] = {}
        if ours_matrix is not None and len(ids):
            query = ours_matrix.mean(axis=0)
            query /= max(float(np.linalg.norm(query)), 1e-12)
            centroid_scores = dict(zip(ids, (centroids @ query).tolist(), strict=True))
        shortlist = sorted(
            candidates,
            key=lambda rid: -(profile_scores[rid] + centroid_scores.get(rid, 0.0)),
        )[:CANDIDATES]
        pairs = {rid: self._closest_pair(ours, rows[rid], ours_matrix) for rid in shortlist}
        text = {
            rid: pair[0] if pair else centroid_scores.get(rid, 0.0) for rid, pair in pairs.items()
        }
        raw = {
            rid: (1 - TEXT_WEIGHT) * profile_scores[rid] + TEXT_WEIGHT * text[rid]
            for rid in shortlist
        }
        calibrated = calibrate(raw)
        ranked = sorted(shortlist, key=lambda rid: -raw[rid])[:k]
        groups = _theme_groups()
        mine = profile.features(groups)
        cases = []
        for rid in ranked:
            theirs = candidates[rid]
            shared = sorted(mine & theirs.features(groups), key=lambda f: -weight(f, idf))
            pair = pairs[rid]
            cases.append(
                SimilarCase(
                    review_id=rid,
                    title=rows[rid].get("title"),
                    score=round(calibrated[rid], 4),
                    text_similarity=round(text[rid], 4),
                    profile_similarity=round(profile_scores[rid], 4),
                    shared_themes=sorted(profile.themes & theirs.themes),
                    shared_agencies=sorted(profile.agencies & theirs.agencies),
                    same_age_band=bool(profile.age_band and profile.age_band == theirs.age_band),
                    same_outcome=bool(profile.outcome and profile.outcome == theirs.outcome),
                    passage_pair=self._quote_pair(pair, query_text) if pair else None,
                    shared_features=shared[:6],
                    harms=sorted(theirs.harms or set()),
                    likely_copy=text[rid] >= COPY_SIMILARITY,
                )
            )
        return cases

    def _fallback_ids(self, review_id: str) -> list[str]:
        """A review without narrative passages: its passages that are not method or contents."""
        _, _, passage_ids = self.store.review_vectors()
        own = passage_ids.get(review_id, [])
        rows = self.store.passages(own)
        return [pid for pid in own if rows.get(pid, {}).get("kind") in ("narrative", "analysis")]

    def _closest_pair(
        self, ours: list[tuple[str, np.ndarray]], row: dict[str, Any], ours_matrix: Any
    ) -> tuple[float, str, str] | None:
        """(similarity, our passage, their passage) of the closest pair of narratives."""
        theirs = row.get("narrative_ids") or self._fallback_ids(row["review_id"])
        vectors = self.store.passage_vectors(theirs)
        if ours_matrix is None or not vectors:
            return None
        their_ids = list(vectors)
        similarity = ours_matrix @ np.vstack([vectors[pid] for pid in their_ids]).T
        i, j = np.unravel_index(int(similarity.argmax()), similarity.shape)
        return float(similarity[i, j]), ours[int(i)][0], their_ids[int(j)]

    def _quote_pair(self, pair: tuple[float, str, str], query_text: str | None) -> dict[str, Any]:
        similarity, our_id, their_id = pair
        texts = self.store.passages([pid for pid in (our_id, their_id) if pid != "query"])
        return {
            "similarity": round(similarity, 4),
            "ours": _quote(texts.get(our_id)) if our_id != "query" else {"text": query_text},
            "theirs": _quote(texts.get(their_id)),
        }


def calibrate(raw: dict[str, float]) -> dict[str, float]:
    """Scores over 0-1. Where each match stands among this query's candidates (a logistic of
    its z-score) spreads good from poor, but the best of a poor lot is still poor: each score
    is capped by its raw evidence read against fixed reference points (`absolute`), so a
    query with nothing in common with any review reads low however its matches rank."""
    if not raw:
        return {}
    values = np.array(list(raw.values()), dtype=np.float64)
    mean, spread = float(values.mean()), float(values.std()) or 1.0
    return {
        rid: min(1.0 / (1.0 + math.exp(-SPREAD * (v - mean) / spread)), absolute(v))
        for rid, v in raw.items()
    }


def absolute(raw: float) -> float:
    """The raw evidence (profile and text similarity, weighted) on a fixed 0-1 scale."""
    return 1.0 / (1.0 + math.exp(-(raw - EVIDENCE_MIDPOINT) / EVIDENCE_SCALE))


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
        "kind",
        "page_labels",  # its review's (ingest.page_labels): the citation's printed numbers
        "file_name",  # whether the source has pages
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
        from ingest.metadata import HARMED, stated_age

        [result] = self.themes.classify([text])
        words = read_case_words(text)  # plain words the theme model misses in a sentence
        agencies = {m.id for m in self.entities(text) if m.kind == "agency"}
        age = stated_age(text)
        months = age[1] if age else words.months
        outcome = "died" if words.died else "serious_harm" if HARMED.search(text) else None
        themes = set(result.themes) | words.themes
        if words.not_parental:  # the model reads any drink or drugs as the parents'
            themes -= PARENTAL_THEMES
        return Profile(themes, agencies, age_band(months), outcome)
