import pytest

from ingest.entities import EntityExtractor


@pytest.fixture(scope="module")
def extract() -> EntityExtractor:
    return EntityExtractor(use_ner=False)


def ids(mentions, kind):
    return [m.id for m in mentions if m.kind == kind]


def test_abbreviations_and_job_titles_resolve_to_agencies(extract) -> None:
    text = "The HV told CSC and the MASH; the GP, two health visitors and A&E staff did not."
    mentions = extract(text)
    assert ids(mentions, "agency") == [
        "health_visiting",
        "childrens_social_care",
        "mash",
        "gp",
        "health_visiting",
        "hospital",
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_abbreviations_are_case_sensitive_and_longest_match_wins(extract) -> None:
    assert ids(extract("He was ed by the school nurse at school."), "agency") == [
        "school_nursing",
        "education",
    ]


def test_roles_programmes_legislation_and_children(extract) -> None:
    mentions = extract(
        "Child D's mother’s partner was offered Caring Dads; the ICON message went to the mother. "
        "Working Together 2018 and the Children Act 1989 apply, as does Clare's Law."
    )
    assert ids(mentions, "pseudonym") == ["Child D"]
    assert ids(mentions, "role") == ["mothers_partner", "mother"]
    assert ids(mentions, "programme") == ["caring_dads", "icon"]
    legislation = ["working_together_2018", "children_act_1989", "clares_law"]
    assert ids(mentions, "legislation") == legislation
