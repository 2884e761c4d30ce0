"""The project's theme taxonomy: ids, hierarchy, cue patterns and exemplars."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_TAXONOMY = Path(__file__).resolve().parents[2] / "models" / "taxonomy.yaml"

STRENGTHS = {"strong": 0.9, "medium": 0.4, "weak": 0.15}

_MACRO = re.compile(r"\{([A-Z]+)\}")
_GAP = re.compile(r"\s*~(\d)\s*")
_ESCAPE = re.compile(r"\\.")
_UPPER = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Matcher:
    """A compiled cue pattern; lower-case patterns run case-sensitively on lower-cased text."""

    regex: re.Pattern[str]
    folded: bool

    def finditer(self, text: str, lower: str) -> Iterator[tuple[int, int]]:
        """Spans of whole-word matches (checked here: a look-behind would slow every pattern)."""
        for m in self.regex.finditer(lower if self.folded else text):
            start = m.start()
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                yield start, m.end()


@dataclass(frozen=True)
class Cue:
    """One cue pattern of a theme and the weight it carries on its own."""

    source: str
    matcher: Matcher
    strength: str
    weight: float


@dataclass
class Theme:
    """A theme id with its definition, place in the hierarchy and detection material."""

    id: str
    group: str
    label: str
    definition: str
    parent: str | None = None
    negatable: bool = False
    aliases: list[str] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    unless: list[Matcher] = field(default_factory=list)
    exclude: list[Matcher] = field(default_factory=list)
    exemplars: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    """All themes in file order, with lookup by id and hierarchy helpers."""

    version: int
    revision: int
    groups: dict[str, str]
    themes: list[Theme]

    def __post_init__(self) -> None:
        self._by_id = {t.id: t for t in self.themes}

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def get(self, theme_id: str) -> Theme:
        return self._by_id[theme_id]

    def ancestors(self, theme_id: str) -> list[str]:
        """Themes implied by this one, nearest first (cannabis -> substance_misuse)."""
        found: list[str] = []
        parent = self._by_id[theme_id].parent
        while parent is not None and parent not in found:
            found.append(parent)
            parent = self._by_id[parent].parent
        return found


def compile_cue(source: str, macros: dict[str, str]) -> Matcher:
    """Expand {MACROS} and ~N word gaps; the match must end on a word boundary."""
    expanded = _MACRO.sub(lambda m: macros[m.group(1)], source)
    expanded = _GAP.sub(lambda m: rf"(?:\W+[\w’'-]+){{0,{m.group(1)}}}?\W+", expanded)
    folded = "(?-i" not in expanded and not _UPPER.search(_ESCAPE.sub("", expanded))
    flags = 0 if folded else re.IGNORECASE
    return Matcher(re.compile(rf"(?:{expanded})(?!\w)", flags), folded)


def _theme(raw: dict[str, Any], macros: dict[str, str]) -> Theme:
    cues = [
        Cue(src, compile_cue(src, macros), strength, STRENGTHS[strength])
        for strength, sources in (raw.get("cues") or {}).items()
        for src in sources or []
    ]
    return Theme(
        id=raw["id"],
        group=raw["group"],
        label=raw["label"],
        definition=" ".join(raw["definition"].split()),
        parent=raw.get("parent"),
        negatable=bool(raw.get("negatable", False)),
        aliases=list(raw.get("aliases") or []),
        cues=cues,
        unless=[compile_cue(src, macros) for src in raw.get("unless") or []],
        exclude=[compile_cue(src, macros) for src in raw.get("exclude") or []],
        exemplars=list(raw.get("exemplars") or []),
    )


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy YAML (default: models/taxonomy.yaml in this repository), compiled once per
    process and file version: callers share it and must not change it."""
    resolved = Path(path or DEFAULT_TAXONOMY).resolve()
    return _compiled(str(resolved), resolved.stat().st_mtime_ns)


def theme_labels() -> dict[str, str]:
    """Theme id -> label ('Hidden or unseen men'), in taxonomy order, from the default
    taxonomy."""
    return {theme.id: theme.label for theme in load_taxonomy().themes}


def theme_label(theme_id: str) -> str:
    """A theme's label, else its id in words (a theme no longer in the taxonomy)."""
    return theme_labels().get(theme_id, theme_id.replace("_", " ").capitalize())


@functools.lru_cache(maxsize=8)
def _compiled(path: str, mtime_ns: int) -> Taxonomy:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    macros = raw.get("macros") or {}
    themes = [_theme(t, macros) for t in raw["themes"]]
    ids = {t.id for t in themes}
    for theme in themes:
        if theme.parent is not None and theme.parent not in ids:
            raise ValueError(f"theme {theme.id}: unknown parent {theme.parent}")
    return Taxonomy(int(raw["version"]), int(raw.get("revision", 0)), raw["groups"], themes)
