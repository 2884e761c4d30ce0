"""Theme classification of case-review passages."""

from ingest.themes.baseline import KeywordBaseline
from ingest.themes.classifier import (
    ClassifierConfig,
    Span,
    ThemeClassifier,
    ThemeResult,
    default_classifier,
)
from ingest.themes.taxonomy import Taxonomy, Theme, load_taxonomy

__all__ = [
    "ClassifierConfig",
    "KeywordBaseline",
    "Span",
    "Taxonomy",
    "Theme",
    "ThemeClassifier",
    "ThemeResult",
    "default_classifier",
    "load_taxonomy",
]
