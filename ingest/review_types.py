"""The kinds of review casegraph knows, defined once: the parser assigns them, the graph
filters on them, the CLI and the app offer them, the bench and the demo corpus use them."""

from __future__ import annotations

REVIEW_TYPE_LABELS = {
    "serious_case_review": "Serious case review",
    "lcspr": "Local child safeguarding practice review",
    "rapid_review": "Rapid review",
    "national_review": "National review",
    "child_practice_review": "Child practice review (Wales)",
    "thematic_review": "Thematic review",
    "learning_review": "Learning review",
    "briefing": "Briefing",
    "guidance": "Practice guidance",
    "other": "Other",
}
REVIEW_TYPES = tuple(REVIEW_TYPE_LABELS)  # in the order filters list them
# Not reviews of a case: review statistics leave these out unless the user asks for them.
NOT_CASE_REVIEWS = ("briefing", "guidance", "other")
