"""The subject child and what happened, read from the review's own sentences.

A review names its subject child by a pseudonym ('Child R', 'Baby V', 'CHILD X AND BABY
Y', 'Family T4', 'Children A–F', or a first name on the cover), or describes the child
('a six-week-old baby', 'a 6 year old boy'). Ages, sex and outcome are read from the
sentences about that child only: siblings, parents, other children and perpetrators are
named in the same paragraphs with ages of their own.

`names` finds the names (a first name by `first_names`, a news page's full name by
`full_names`, never a word of `not_names`); `sentences` picks the sentences about the
child (`mentions` finds the child in a sentence); `age`, `sex`, `outcome` and `incident`
read the child's age and sex, what happened and the year it happened from those
sentences. `words` holds the vocabulary they share.
"""

from ingest.subject.age import age, stated_age
from ingest.subject.incident import incident_year
from ingest.subject.names import PSEUDONYM, pseudonyms
from ingest.subject.outcome import DIED, HARMED, outcome
from ingest.subject.sentences import sex_of_several, subject_sentences, tells_of_a_child
from ingest.subject.sex import sex
from ingest.subject.words import NUMBER_WORDS

__all__ = [
    "DIED",
    "HARMED",
    "NUMBER_WORDS",
    "PSEUDONYM",
    "age",
    "incident_year",
    "outcome",
    "pseudonyms",
    "sex",
    "sex_of_several",
    "stated_age",
    "subject_sentences",
    "tells_of_a_child",
]
