"""Capitalised words that are no child's name: the words of titles and headings, of
bodies, roles and grammar, and the things 'Baby' or 'Family' also name ('Baby Loss',
'Family Court').
"""

from __future__ import annotations

import re

from ingest.front import MONTHS
from ingest.subject.words import KEYWORDS

# Capitalised words that follow "Child", "Baby" or "Family" in names of things, not
# pseudonyms: services and bodies ('Baby Clinic', 'Family Court'), and the topics guidance
# and statistics are named by ('Child Mortality Review', 'Child Exploitation', 'Child Poverty').
NOT_A_NAME = {
    "Matters",
    "Units",
    "Unit",
    "Steps",
    "Friendly",
    "Box",
    "Bonds",
    "Clinic",
    "Loss",
    "Boom",
    "Room",
    "Bank",
    "Week",
    "Care",
    "Sleep",
    "Safe",
    "Massage",
    "Shaking",
    "Equipment",
    "Walkers",
    "Court",
    "Justice",
    "Nurse",
    "Nurse Partnership",
    "Support",
    "Hubs",
    "Hub",
    "Centre",
    "Centres",
    "Services",
    "Group",
    "Practitioner",
    "Doctor",
    "Proceedings",
    "Protection",
    "Safeguarding",
    "Social",
    "Health",
    "Act",
    "Help",
    "Intervention",
    "Liaison",
    "Drug",
    "Network",
    "Panel",
    "Review",
    "Law",
    "Division",
    "Members",
    "Home",
    "Homes",
    "Assessment",
    "Plan",
    "Plans",
    "Life",
    "First",
    # topics: what happens to children, and what is done about it
    "Abuse",
    "Arrangements",
    "Behaviour",
    "Benefit",
    "Criminal",
    "Death",
    "Deaths",
    "Development",
    "Education",
    "Exploitation",
    "Harm",
    "Labour",
    "Maintenance",
    "Maltreatment",
    "Marriage",
    "Mental",
    "Mortality",
    "Neglect",
    "Poverty",
    "Safety",
    "Sexual",
    "Trafficking",
    "Trauma",
    "Wellbeing",
    "Welfare",
}


# Words a phrase naming the child may capture that are no name: 'known as The ...'
NOT_INTRODUCED = {
    "The",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Mother",
    "Father",
    "Mum",
    "Dad",
    "Sibling",
}


# The words of review titles and headings ('Serious Case Review'), never a first name
TITLE_STOP = {
    "Serious",
    "Case",
    "Review",
    "Overview",
    "Report",
    "Executive",
    "Summary",
    "Local",
    "Child",
    "Safeguarding",
    "Practice",
    "Learning",
    "Final",
    "The",
    "In",
    "Respect",
    "Of",
    "Relating",
    "To",
    "Into",
    "And",
    "Rapid",
    "Extended",
    "Concise",
    "Thematic",
    "Briefing",
    "Partnership",
    "Board",
    "Children",
    "Multi",
    "Agency",
    "Panel",
    "Page",
    "Sections",
    "Contents",
    "Annual",
    "Council",
}


# words that stand capitalised alone in reviews and are bodies, roles or parts of a document,
# besides those of NOT_INTRODUCED, KEYWORDS and TITLE_STOP (all four: _NOT_A_FIRST_NAME)
_NOT_A_CHILD = {
    "Ofsted", "Cafcass", "Police", "Court", "Judge", "Chair", "Author", "Appendix",
    "Introduction", "Background", "Members", "Committee", "Trust", "School", "Hospital",
    "There", "These", "Those", "They", "Them", "She", "What", "Which", "When", "Where", "Who",
    "Why", "How", "Each", "Some", "Any", "All", "Both", "Such", "Other", "Many", "Most", "One",
    "Two", "Three", "Our", "Its", "Also", "Whether", "While", "Whilst", "Although", "However",
    "Because", "Since", "Before", "After", "During", "Until", "Unless", "Once", "Here", "Now",
    "Then", "Only", "Even",
}  # fmt: skip


# every capitalised word that is no first name: bodies, roles, grammar, headings, keywords
_NOT_A_FIRST_NAME = frozenset(_NOT_A_CHILD | NOT_INTRODUCED | KEYWORDS | TITLE_STOP)


def plain_name(word: str, flat: str) -> bool:
    """A capitalised word that may be a first name: never in lower case, no word of
    headings, bodies or grammar, no month."""
    return not (
        word in _NOT_A_FIRST_NAME
        or word.lower() in MONTHS
        or re.search(rf"\b{re.escape(word.lower())}\b", flat)
    )
