"""A copy without its cover: the kind of review is the one the document says it is, not
one it mentions as a step before or after it."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta


def kind(text: str) -> object:
    found = meta(text).review_type
    return None if found is None else found.value


LCSPR_AFTER_ITS_RAPID_REVIEW = """\
1. Introduction

1.1 In the spring of 2022 the police told the partnership that a toddler, here called
Child P, had been taken to hospital with a head injury. A rapid review was held within
fifteen working days and sent to the national panel.

1.2 Following the rapid review, the Westfold Children's Safeguarding Partnership
commissioned this local child safeguarding practice review to learn how the agencies
worked together with the family.

1.3 The reviewer read the agencies' records and spoke with the practitioners who knew
the family in the year before the injury.
"""

RAPID_REVIEW_REPORT = """\
Contents

1. Purpose of this rapid review

1.1 This rapid review looks at the help given to Baby S, aged eight weeks, who was
admitted to hospital with fractured ribs in January 2023.

1.2 The partners met to gather the facts quickly and to decide whether a local child
safeguarding practice review should follow. An LCSPR may be commissioned if the national
panel advises that further learning could be found.

1.3 The midwife, the health visitor and the GP each shared what they had recorded.
"""

SCR_WITH_AN_EARLIER_SCR = """\
Introduction

This serious case review concerns Child H, who died at the age of three. The family were
known to the agencies for many years: a previous serious case review, completed in 2009,
looked at the care of an older brother.

The board asked the reviewer to consider whether the lessons of that earlier review had
been acted upon.
"""

WELSH_CHILD_PRACTICE_REVIEW = """\
1. Introduction

1.1 The regional safeguarding children board commissioned this concise child practice
review after a young person, known as Child W, was seriously harmed in 2021. A multi-agency
professionals forum had first met to consider the case.

1.2 The review was led by two reviewers from agencies that had no contact with the family.
"""


def test_an_lcspr_that_tells_of_the_rapid_review_before_it_is_an_lcspr() -> None:
    assert kind(LCSPR_AFTER_ITS_RAPID_REVIEW) == "lcspr"


def test_a_rapid_review_that_looks_ahead_to_a_possible_lcspr_stays_a_rapid_review() -> None:
    assert kind(RAPID_REVIEW_REPORT) == "rapid_review"


def test_a_serious_case_review_that_cites_an_earlier_one_is_a_serious_case_review() -> None:
    assert kind(SCR_WITH_AN_EARLIER_SCR) == "serious_case_review"


def test_a_welsh_child_practice_review_is_one() -> None:
    assert kind(WELSH_CHILD_PRACTICE_REVIEW) == "child_practice_review"


def test_a_rapid_review_named_only_as_the_step_before_gives_way_to_the_review_named() -> None:
    """No 'this ...': the review commissioned is the document; the rapid review held before
    it is a step."""
    text = LCSPR_AFTER_ITS_RAPID_REVIEW.replace("commissioned this local", "commissioned a local")
    assert kind(text) == "lcspr"


def test_what_was_done_during_the_review_is_done_in_the_document_itself() -> None:
    """'During the local child safeguarding practice review' is the document's own work, not
    another review; a rapid review named after it is the step before."""
    text = """\
Introduction

During the local child safeguarding practice review, the lead reviewer met the family and
the practitioners who had known them in the months before the injury.

The rapid review had found that the agencies shared too little about the father.
"""
    assert kind(text) == "lcspr"
