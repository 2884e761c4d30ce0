"""Review-level themes read from the whole review: what it names as its subject carries it;
denials, plain statements and passing names do not. Fixtures are written for these tests."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.themes import load_taxonomy
from ingest.themes.review_level import (
    RULE,
    RULE_GRID,
    Naming,
    Rule,
    carries_review,
    is_contents_run,
    named_in_document,
    rule_in_force,
    themes_named,
)

NEGATABLE = frozenset(t.id for t in load_taxonomy().themes if t.negatable)


def named(tmp_path: Path, text: str, tagged: set[str] | None = None) -> set[str]:
    path = tmp_path / "review.txt"
    path.write_text(text)
    document = parse_document(path, path.read_bytes())
    return set(named_in_document(load_taxonomy(), document, tagged or set()))


def test_a_title_naming_a_theme_carries_the_review(tmp_path: Path) -> None:
    text = """Nobody Asked About Him: Fathers Who Were Never Seen by Services

Thematic review for the Ashcombe Partnership, 2022

This review draws on six local reviews published over three years.
"""
    assert "hidden_men" in named(tmp_path, text)


def test_a_contents_heading_and_a_key_themes_list_name_themes(tmp_path: Path) -> None:
    text = """Local Child Safeguarding Practice Review: Child T

Contents
1. Introduction ............ 3
2. Sharing what agencies knew ............ 7
3. Hearing the voice of the child ............ 9

The review met the family in the spring.

The key themes this review found were:
- Responses to criminal exploitation of teenagers
- The supervision available to social workers
"""
    found = named(tmp_path, text)
    assert {"voice_of_child", "extra_familial_harm", "supervision_workforce"} <= found


def test_a_statement_of_what_happened_carries_the_harm(tmp_path: Path) -> None:
    text = """Rapid Review: Baby K

Summary

The review concerns a baby who died at eight weeks after sharing a sofa with a parent
overnight, an unsafe sleeping arrangement the family had been warned about.
"""
    assert "sudi_unsafe_sleep" in named(tmp_path, text)


def test_a_denial_does_not_carry_the_theme(tmp_path: Path) -> None:
    denial = """Serious Case Review: Child N

Background

Child N lived with her mother and two brothers in a rented flat near the town centre.
No professional who knew the family raised concerns of neglect at any point.
"""
    present = denial.replace(
        "No professional who knew the family raised concerns of neglect at any point.",
        "Health visitors recorded neglect of the children's basic care for two years.",
    )
    assert "neglect" not in named(tmp_path, denial, {"neglect"})
    assert "neglect" in named(tmp_path, present)


def test_a_plain_statement_of_ethnicity_is_not_a_theme(tmp_path: Path) -> None:
    plain = """Child Practice Review: Child E

The Family

The family are of White British heritage and describe themselves as Christian.
Child E lived with her father after her parents separated.
"""
    discussed = plain.replace(
        "Child E lived with her father after her parents separated.",
        "Practitioners did not consider how racism at school shaped Child E's identity.",
    )
    assert "race_ethnicity_culture" not in named(tmp_path, plain, {"race_ethnicity_culture"})
    assert "race_ethnicity_culture" in named(tmp_path, discussed)


def test_a_passing_organisation_name_does_not_carry_the_theme(tmp_path: Path) -> None:
    passing = """Serious Case Review: Child J

The review panel included the Brookfield Domestic Abuse Service, the Harlow Drug and
Alcohol Team and the school nurse, and met four times during the year.
"""
    found = named(tmp_path, passing, {"domestic_abuse", "substance_misuse"})
    assert not found & {"domestic_abuse", "substance_misuse"}
    assert themes_named("His mother's alcohol use rose after the birth.", NEGATABLE) == {
        "substance_misuse"
    }


def test_generic_pairs_and_terms_of_reference_are_not_topics() -> None:
    assert "neglect" not in themes_named("Reviews follow deaths from abuse or neglect.")
    question = "B. Evaluate whether the assessment and planning were robust for the family"
    assert themes_named(question) == set()
    assert "risk_assessment" in themes_named("The pre-birth assessment was never completed")
    assert "information_sharing" in themes_named("The police did not share what they knew")
    denied = "The panel found no concerns about information sharing between agencies"
    assert "information_sharing" not in themes_named(denied)
    assert themes_named("5.4 Education") == set()  # the section on what schools did
    assert themes_named("Children missing from education") == {"education"}


def test_where_a_practice_sentence_counts_less_it_needs_a_passage_to_support_it(
    tmp_path: Path,
) -> None:
    text = """Learning Review: Child P

Child P was ten when the review began. His teachers noticed he was often hungry and tired
and they spoke with the school nurse, who then wrote up her assessment of the home.
"""
    with rule_in_force(Rule(supported_at=0.34, body_practice=0.34)):
        assert "risk_assessment" not in named(tmp_path, text)
        assert "risk_assessment" in named(tmp_path, text, {"risk_assessment"})
        outright = text.replace("wrote up her assessment", "showed little professional curiosity")
        assert "professional_curiosity" in named(tmp_path, outright)  # a phrase naming it


def test_a_broken_line_is_not_read_as_a_heading(tmp_path: Path) -> None:
    text = """Serious Case Review: Child W

Child W was known to health services and was often seen by a range of agencies, including
schools, the GP practice and a paediatric clinic, during the year before the incident.
"""
    assert "education" not in named(tmp_path, text)
    headed = text + "\nEducation and school attendance\n\nThe panel met six times.\n"
    assert "education" in named(tmp_path, headed)  # a heading of its own does carry it


def test_passages_alone_carry_a_theme_only_with_weight() -> None:
    assert not carries_review(1, 0.5, ["background"], False)
    assert not carries_review(2, 0.02, ["practice"], False)
    assert carries_review(2, 0.02, ["findings"], False)
    assert carries_review(6, 0.1, ["practice"], False)


def test_a_review_too_short_to_reach_the_passage_count_carries_what_its_passages_carry() -> None:
    """A review of one or two passages can never have four carrying a theme: there, the
    passages carrying it (all of a short review's passages) are enough."""
    assert carries_review(1, 1.0, ["background"], False, total=1)
    assert carries_review(2, 1.0, ["background"], False, total=2)
    assert not carries_review(1, 0.5, ["background"], False, total=2)  # one passage of two
    assert not carries_review(1, 0.1, ["background"], False, total=10)  # a long review
    assert not carries_review(3, 0.3, ["background"], False, total=10)


def test_in_a_long_review_one_sentence_is_a_passing_mention(tmp_path: Path) -> None:
    visits = "\n\n".join(
        f"On visit {n} the health visitor weighed the baby and discussed feeding and routines."
        for n in range(1, 181)
    )
    mention = "At one visit the father said he had drunk alcohol at a family wedding."
    short = f"Serious Case Review: Baby A\n\n{mention}\n"
    long = f"Serious Case Review: Baby A\n\n{visits}\n\n{mention}\n"
    assert "substance_misuse" in named(tmp_path, short)
    assert "substance_misuse" not in named(tmp_path, long)
    titled = long.replace("Serious Case Review: Baby A", "Baby A: Parental Alcohol Misuse")
    assert "substance_misuse" in named(tmp_path, titled)


def test_a_harm_the_opening_implies_carries_the_review(tmp_path: Path) -> None:
    death = """Rapid Review: Baby R

Baby R died at home aged nine weeks. The post-mortem gave the cause as unascertained and the
coroner recorded an open conclusion.
"""
    injuries = """Learning Review: Child V

Child V, a seven-month-old boy, was taken to hospital with injuries that remain under police
investigation. His older sister had been on a child protection plan for a year.
"""
    assert "sudi_unsafe_sleep" in named(tmp_path, death)
    assert "nai_physical_abuse" in named(tmp_path, injuries)
    assert "nai_physical_abuse" in themes_named("An 11-week-old girl was assaulted by her father")
    assert themes_named("the death of a 15-year-old boy who hanged himself in custody") >= {
        "child_mental_health_suicide"
    }


def test_practice_themes_stated_in_paraphrase_carry_the_review(tmp_path: Path) -> None:
    opening = """Local Child Safeguarding Practice Review: Family L

What happened

The social workers said they felt overwhelmed and unsupported in a team with many vacant posts.
The mother's explanations for the bruises were accepted without being questioned.
Adult drug services and children's social care each held part of the picture, and no one
bridged the gap between adult and children's services.
The police ignored crucial information the school had passed to them.
"""
    found = named(tmp_path, opening)
    assert {
        "supervision_workforce",
        "professional_curiosity",
        "think_family",
        "information_sharing",
    } <= found


def test_the_rule_in_force_is_a_grid_setting_and_weighs_practice_sentences(
    tmp_path: Path,
) -> None:
    assert RULE in RULE_GRID
    text = """Serious Case Review: Child F

Published by the Marsh Vale Partnership

Background

Child F lived with her mother in a flat above a shop until the winter of that year.
Child F moved to live with an aunt in the spring. The GP was not told about the move.
"""
    with rule_in_force(Rule(supported_at=0.5, body_practice=0.5)):
        assert "information_sharing" not in named(tmp_path, text)
        assert "information_sharing" in named(tmp_path, text, {"information_sharing"})
    with rule_in_force(Rule(body_practice=1.0)):
        assert "information_sharing" in named(tmp_path, text)


def test_names_of_offices_agencies_and_markup_are_not_topics(tmp_path: Path) -> None:
    assert (
        themes_named("Thanks to the Department for Children, Schools <em>and</em> Families")
        == set()
    )
    assert "education" not in themes_named("The Secretary of State for Education replied today")
    assert themes_named("Secondary School        SCH2") == set()  # a key of agency codes
    assert themes_named("Chair of the Strategic Leadership Group, Marsh Vale Partnership") == set()
    audience = "The briefing is meant to support the multi-agency workforce across the county"
    assert "supervision_workforce" not in themes_named(audience)
    assert "supervision_workforce" in themes_named("The workforce was stretched by vacancies")
    assert themes_named("Secondary schools and exclusion") == {"education"}
    item = (
        "• The names of agencies appear in this report, except that we do not name the school "
        "or the surgery so that the family cannot be identified by readers who live in the town."
    )
    opening = "Serious Case Review: Child Q\n\nThis review was commissioned by the partnership "
    opening += "after Child Q was admitted to hospital.\n\nKey findings\n\n" + item + "\n"
    assert "education" not in named(tmp_path, opening)  # a long item is running text
    short_item = opening + "• Teachers and the role of schools\n"
    assert "education" in named(tmp_path, short_item)


def test_a_phrase_that_names_a_practice_theme_outright_counts_in_the_body(
    tmp_path: Path,
) -> None:
    text = """Child Safeguarding Practice Review: Child V

Background

Child V was fifteen when the incident happened at the family home in the north of the county.
Several social workers said they felt overwhelmed and unsupported while the case was open to
them.
"""
    assert "supervision_workforce" in named(tmp_path, text)


def test_a_service_named_after_a_factor_is_not_the_factor(tmp_path: Path) -> None:
    listed = """Rapid Review: Child H

Summary

Child H was sixteen and had been offered support by youth offending, drug and alcohol
services and the school nurse in the year before the stabbing.
"""
    said_of_parent = listed.replace(
        "had been offered support by youth offending, drug and alcohol\nservices",
        "lived with his father, who went to drug and alcohol\nservices",
    )
    assert "substance_misuse" not in named(tmp_path, listed)
    assert "substance_misuse" in named(tmp_path, said_of_parent)


def test_a_child_in_foster_care_is_not_a_care_leaver(tmp_path: Path) -> None:
    child = """Serious Case Review: Child F

Summary

The toddler was badly hurt at home in 2019 and is now in foster care with her brother.
"""
    parent = child.replace(
        "The toddler was badly hurt at home in 2019",
        "The toddler's mother had been in foster care herself as a teenager",
    )
    assert "care_leavers" not in named(tmp_path, child)
    assert "care_leavers" in named(tmp_path, parent)


def test_the_lack_of_a_practice_is_the_practice_theme() -> None:
    lack = "The panel saw no evidence of direct work with the children during that year"
    assert "voice_of_child" in themes_named(lack, heading=False)
    denied = "The panel had no concerns about direct work with the children during that year"
    assert "voice_of_child" not in themes_named(denied, heading=False)
    harm = "The panel saw no evidence of neglect during that year"
    assert "neglect" not in themes_named(harm, NEGATABLE, heading=False)


def test_kinds_of_abuse_listed_with_neglect_name_neglect() -> None:
    listed = "The family had long been known for drug use, sexual abuse and neglect"
    assert "neglect" in themes_named(listed, NEGATABLE, heading=False)
    generic = "Reviews are held when a child dies and abuse or neglect is suspected"
    assert "neglect" not in themes_named(generic, NEGATABLE, heading=False)


def test_a_fabricated_illness_is_physical_abuse() -> None:
    heading = "Services offered to a boy whose mother fabricated or induced illness in him"
    assert "nai_physical_abuse" in themes_named(heading)


def test_a_heading_broken_after_a_connecting_word_is_read_whole(tmp_path: Path) -> None:
    text = """Serious Case Review: Child W

The review was commissioned by the partnership in 2019 and published two years later.

Overview Report

What agencies did for a boy and his mother: a long history of Fabricated or

Induced Illness

The panel met six times between March and October.
"""
    assert "nai_physical_abuse" in named(tmp_path, text)


def test_a_denial_reaches_a_factor_a_few_words_on() -> None:
    denial = "There was no suggestion that either carer misused alcohol"
    assert "substance_misuse" not in themes_named(denial, NEGATABLE, heading=False)
    stated = "There was evidence that either carer misused alcohol"
    assert "substance_misuse" in themes_named(stated, NEGATABLE, heading=False)


def test_a_child_killed_by_a_carer_is_physical_abuse_but_not_by_anyone_else() -> None:
    told = [
        "The toddler's stepfather, Dan Ware, was found guilty of her murder last spring",
        "His mother was jailed for causing or allowing the death of her son",
        "A baby boy was killed by his father at the family flat",
        "Medical staff then found several fractures that had healed",
        "The court heard that the couple had inflicted dozens of injuries over months",
    ]
    for sentence in told:
        assert "nai_physical_abuse" in themes_named(sentence, NEGATABLE, heading=False), sentence
    others = [
        "The boy was killed by a group of older youths in the park",
        "Her cousin, aged 17, was convicted of her murder",
    ]
    for sentence in others:
        assert "nai_physical_abuse" not in themes_named(sentence, NEGATABLE, heading=False)


def test_practice_themes_in_a_reporters_plain_words() -> None:
    told = {
        "hidden_men": [
            "The health visitor noted that an unidentified man was staying at the flat",
            "Nobody sought the views of significant males around the twins",
            "Workers were unaware, at that point, that the mother had a new boyfriend",
        ],
        "information_sharing": [
            "Weak data-sharing between the agencies slowed the response",
            "Nobody collated the scattered information held about the family",
            "The health visitors and the school nurse had poor communication between the teams",
        ],
        "professional_curiosity": [
            "Staff relied heavily on the father's account of the bruise",
            "The carers had misled professionals for over a year",
            "Managers did not discuss any hypotheses about the missed appointments",
        ],
        "voice_of_child": [
            "The girl stayed invisible to most professionals throughout",
            "Her brother later asked why nobody had listened",
        ],
    }
    for theme, sentences in told.items():
        for sentence in sentences:
            assert theme in themes_named(sentence, NEGATABLE, heading=False), sentence


def test_risk_and_workforce_in_plain_words() -> None:
    told = {
        "risk_assessment": [
            "Nobody had assessed the dangers of leaving the boy with his uncle",
            "The effect on the younger sister was not properly assessed",
            "Workers did not recognise the growing risk to the baby",
        ],
        "supervision_workforce": [
            "The office was overstretched and relied on less experienced staff",
            "Managers pointed to budget cuts in the early help service",
        ],
    }
    for theme, sentences in told.items():
        for sentence in sentences:
            assert theme in themes_named(sentence, NEGATABLE, heading=False), sentence


def test_supervision_of_a_child_or_a_carer_is_not_the_workforce_theme() -> None:
    for sentence in (
        "The youth offending team reduced its supervision of the boy after a quiet month",
        "A judge made a supervision order in favour of the council",
        "Health visitors noted a lack of supervision when the toddler was burnt",
    ):
        assert "supervision_workforce" not in themes_named(sentence, NEGATABLE, heading=False)
    staff = "Team leaders rarely offered supervision of the social workers on the case"
    assert "supervision_workforce" in themes_named(staff, NEGATABLE, heading=False)


def test_a_police_log_of_domestic_incidents_names_domestic_abuse() -> None:
    for sentence in (
        "Officers attended four domestic incidents at the address that year",
        "The baby lived with her mother and a violent ex-partner",
    ):
        assert "domestic_abuse" in themes_named(sentence, NEGATABLE, heading=False), sentence
    denied = "There were no domestic incidents recorded at the address"
    assert "domestic_abuse" not in themes_named(denied, NEGATABLE, heading=False)


def test_a_child_found_with_drugs_in_the_body_names_substance_misuse() -> None:
    for sentence in (
        "Two of the younger children later tested positive for drugs",
        "Hospital staff found several drugs in the baby's blood",
        "The toddler had swallowed some of the drugs left on a table",
    ):
        assert "substance_misuse" in themes_named(sentence, NEGATABLE, heading=False), sentence


def test_leaning_on_what_a_parent_says_is_a_lack_of_curiosity() -> None:
    leaning = "Visitors relied too much on the father to say how the baby was feeding"
    assert "professional_curiosity" in themes_named(leaning, NEGATABLE, heading=False)


def test_a_findings_list_in_plain_words_names_practice_themes() -> None:
    told = {
        "information_sharing": "Weak exchange of information across the health trusts",
        "professional_curiosity": "Limited challenge of the grandmother's plans",
        "voice_of_child": "Attention went to the aunt's wishes rather than the boy's needs",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line


def test_quotation_marks_and_spacing_do_not_break_a_phrase() -> None:
    quoted = "Visitors found the three boys living in ‘squalid’  conditions at the flat"
    assert "neglect" in themes_named(quoted, NEGATABLE, heading=False)
    spaced = 'The health visitor gave "safer  sleep" advice at each visit'
    assert "sudi_unsafe_sleep" in themes_named(spaced, NEGATABLE, heading=False)


def test_synonym_families_from_the_coding_frame_name_their_themes() -> None:
    told = {
        "neglect": "By the spring the eight-year-old was badly malnourished",
        "sudi_unsafe_sleep": "The coroner gave positional asphyxia as the cause",
        "child_mental_health_suicide": "He had social, emotional and mental health needs",
        "professional_curiosity": "Staff needed to be more inquisitive about the bruises",
        "risk_assessment": "The review found a series of errors of judgement",
        "voice_of_child": "Section 4: a day in the life of the twins",
        "extra_familial_harm": "The review looks at technology-assisted abuse of teenagers",
        "over_focus_on_mothers": "Workers concentrated almost solely on the young mother",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line


def test_a_childs_own_condition_said_of_an_adult_is_not_the_childs() -> None:
    adult = "Months earlier the father had taken an overdose of his tablets"
    assert "child_mental_health_suicide" not in themes_named(adult, NEGATABLE, heading=False)
    child = "Months earlier the daughter had taken an overdose of tablets"
    assert "child_mental_health_suicide" in themes_named(child, NEGATABLE, heading=False)


def test_stock_phrases_and_case_facts_do_not_name_practice_themes() -> None:
    stock = "The actions taken since are meant to minimise the risk of a repeat"
    assert "professional_curiosity" not in themes_named(stock, NEGATABLE, heading=False)
    played_down = "Practitioners minimised the grandmother's worries about the bruising"
    assert "professional_curiosity" in themes_named(played_down, NEGATABLE, heading=False)
    letter = "The coroner heard Child R had been unwell for a week"
    assert "voice_of_child" not in themes_named(letter, NEGATABLE, heading=False)
    question = "And whether any procedure for professional disagreement was used"
    assert themes_named(question, NEGATABLE, heading=False) == set()
    fact = "At the time the boy was on a child protection plan"
    assert "risk_assessment" not in themes_named(fact, NEGATABLE, heading=False)
    assert "risk_assessment" in themes_named("Child protection plans", NEGATABLE)
    at_home = "The fourteen-year-old was stabbed by his stepbrother at home"
    assert "extra_familial_harm" not in themes_named(at_home, NEGATABLE, heading=False)
    outside = "A 15-year-old was stabbed near the bus station"
    assert "extra_familial_harm" in themes_named(outside, NEGATABLE, heading=False)


def test_ages_said_either_way_round_and_counted_fractures_name_physical_abuse() -> None:
    for sentence in (
        "The review follows a serious injury to the girl, then aged seven weeks",
        "Scans found three healing fractures",
        "An injury to a baby six weeks old was not explained",
    ):
        assert "nai_physical_abuse" in themes_named(sentence, NEGATABLE, heading=False), sentence


def test_names_and_stock_wording_that_are_not_topics() -> None:
    assert themes_named("Office for Standards in Education (Ofsted)", NEGATABLE) == set()
    assert "education" not in themes_named("Poor attendance at clinic appointments")
    assert "education" in themes_named("Poor attendance at school")
    assert "education" in themes_named("Her attendance fell away in Year 9", heading=False)
    assert "education" in themes_named("The attendance officer wrote twice", heading=False)
    inspection = "An unannounced inspection in 2011 found the service improving"
    assert "professional_curiosity" not in themes_named(inspection, NEGATABLE, heading=False)
    visit = "Social workers made no unannounced visits to the flat"
    assert "professional_curiosity" in themes_named(visit, NEGATABLE, heading=False)
    criteria = "Reviews are held when a young person was harmed or neglected and died"
    assert "neglect" not in themes_named(criteria, NEGATABLE, heading=False)
    question = "To consider the effectiveness of communication between the health trusts"
    assert themes_named(question, NEGATABLE) == set()


def test_word_forms_and_word_orders_of_the_frame_name_their_themes() -> None:
    told = {
        "voice_of_child": "Visits gave little sense of the toddler's daily life at home",
        "hidden_men": "Records rarely mentioned the men in these households",
        "parental_mental_health": "The review looks at mental health difficulties common among "
        "new mothers",
        "supervision_workforce": "It describes the dilemmas faced by frontline practitioners",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line
    meetings = "Chairs should record attendance at each core group meeting"
    assert "education" not in themes_named(meetings, NEGATABLE, heading=False)


def test_a_gap_word_may_be_a_possessive_or_hyphenated() -> None:
    accepted = "Staff accepted the step-father's version of how the arm was broken"
    assert "professional_curiosity" in themes_named(accepted, NEGATABLE, heading=False)


def test_more_of_the_frames_ideas_in_other_words() -> None:
    told = {
        "young_parents": "Her first child was born to a 17-year-old mother",
        "care_leavers": "Both parents who were themselves in care as teenagers",
        "over_focus_on_mothers": "Case files named only the mother",
        "information_sharing": "Nobody was seeking records from the previous area",
        "covid_19": "Under the restrictions there was reduced face-to-face contact that year",
        "race_ethnicity_culture": "Poor recording of ethnicity across agencies",
        "neglect": "The younger two were often not fed until evening",
        "sudi_unsafe_sleep": "Learning from unexpected infant deaths in the county",
        "parental_mental_health": "Her mother's emotional regulation was poor under stress",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line
    fed_back = "The outcome of the strategy meeting was not fed back to the health visitor"
    assert "neglect" not in themes_named(fed_back, NEGATABLE, heading=False)
    one_contact = "There was no face-to-face contact with the father after 2012"
    assert "covid_19" not in themes_named(one_contact, NEGATABLE, heading=False)


def test_a_carers_words_do_not_reach_across_to_the_childs() -> None:
    daughter = "The mother found her daughter's self-harm frightening to talk about"
    assert "parental_mental_health" not in themes_named(daughter, NEGATABLE, heading=False)
    services = "Mental health services for children and their parents met monthly"
    assert "parental_mental_health" not in themes_named(services, NEGATABLE, heading=False)
    own = "The father's anger management problems worried the nursery"
    assert "parental_mental_health" in themes_named(own, NEGATABLE, heading=False)


def test_abuse_by_adults_met_through_a_school_or_club_is_harm_outside_the_family() -> None:
    for sentence in (
        "Lessons from sexual offences by two adults working at a boarding school",
        "Learning after abuse by men linked to a village football club",
        "A football coach who groomed several boys in the under-14s team",
    ):
        assert "extra_familial_harm" in themes_named(sentence, NEGATABLE, heading=False), sentence


def test_the_statutory_criteria_for_a_review_name_no_topic() -> None:
    criteria = (
        "Such reviews should be held in cases where a parent with a drug habit or a history "
        "of domestic violence has killed a child"
    )
    assert themes_named(criteria, NEGATABLE, heading=False) == set()
    case = "The father had a long history of domestic violence towards the mother"
    assert "domestic_abuse" in themes_named(case, NEGATABLE, heading=False)


def test_the_quality_of_analysis_names_assessment() -> None:
    thin = "Reports on the family showed little analysis of what the bruising meant"
    assert "risk_assessment" in themes_named(thin, NEGATABLE, heading=False)
    method = "The study offers a limited analysis of reviews published since 2019"
    assert "risk_assessment" not in themes_named(method, NEGATABLE, heading=False)


def test_a_publications_audience_and_a_site_menu_are_not_the_workforce_theme() -> None:
    audience = "This summary is shared across the board and the whole workforce"
    assert "supervision_workforce" not in themes_named(audience, NEGATABLE, heading=False)
    assert "supervision_workforce" not in themes_named("Courses and resources for practitioners")
    assert "supervision_workforce" in themes_named("Training for newly qualified social workers")


def test_what_the_child_told_someone_is_the_childs_voice() -> None:
    for sentence in (
        "At eleven the girl eventually confided in a dinner lady",
        "Nobody followed up the disclosures made by the boy at school",
        "The author sets out how the boy spent his days in the flat",
        "It asks what it was like to be the child in that house",
        "The chapter tells the weeks before the fire through the girl's eyes",
    ):
        assert "voice_of_child" in themes_named(sentence, NEGATABLE, heading=False), sentence
    parents = "The child's parents disclosed an earlier death in another county"
    assert "voice_of_child" not in themes_named(parents, NEGATABLE, heading=False)


def test_a_contents_list_run_into_one_paragraph_reads_as_its_headings(tmp_path: Path) -> None:
    text = """Harbourside Children's Partnership

Practice Review: Child M

Index

1. OPENING REMARKS How the review was run Who took part 2. THE FAMILY 3. WHAT WE FOUND \
The experience of the children at home Meeting the needs of minority ethnic families \
Supervision of the social workers 4. Police 5. Schools \
6. Appendix 2: Extracts from the housing file
"""
    found = named(tmp_path, text)
    assert {"voice_of_child", "race_ethnicity_culture", "supervision_workforce"} <= found
    # an agency's own section and an appendix are not topics
    assert "education" not in found


def test_a_numbered_paragraph_of_sentences_is_not_a_contents_list() -> None:
    from ingest.themes.review_level import is_contents_run

    run = "1. INTRODUCTION Scope 2. THE CASE 3. LEARNING Planning for the baby 4. NEXT STEPS"
    assert is_contents_run(run)
    prose = (
        "1. The mother moved twice in spring. She told nobody. 2. The father was in prison. "
        "He wrote often. 3. The baby was born early. She stayed in hospital. 4. Nobody visited."
    )
    assert not is_contents_run(prose)


def test_what_a_summary_of_the_case_implies_under_the_frame() -> None:
    told = {
        "nai_physical_abuse": "Police believe the father drowned his two young sons before "
        "taking his own life",
        "care_leavers": "The stepmother had been placed in foster care as a teenager",
        "parents_childhood_adversity": "Her partner had been badly neglected as a child",
        "disability_health_needs": "Her epilepsy was poorly controlled through the winter",
        "risk_assessment": "The bruise was not thought serious enough to warrant a strategy "
        "discussion",
        "voice_of_child": "Visitors must see and speak to the children on every visit",
        "think_family": "Children's services were not told about the father's admission to "
        "a psychiatric ward",
        "professional_curiosity": "Her claim to have nursing experience was never checked",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line
    kin = "The uncle had been in care as a boy, the grandmother said"
    assert "parents_childhood_adversity" not in themes_named(kin, NEGATABLE, heading=False)
    adult = "His mother's diabetes meant long stays in hospital"
    assert "disability_health_needs" not in themes_named(adult, NEGATABLE, heading=False)


def test_a_heading_on_culture_or_on_risk_names_its_theme() -> None:
    assert "race_ethnicity_culture" in themes_named("Faith, class and culture in the family")
    assert "race_ethnicity_culture" not in themes_named("An organisational culture of blame")
    assert "risk_assessment" in themes_named("Weighing up the risk to the baby")


def test_a_managers_decision_and_families_who_avoid_services_in_plain_words() -> None:
    told = {
        "supervision_workforce": "The referral was stepped down by a duty manager the same day",
        "professional_curiosity": "Working with parents who do not engage with health visitors",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line
    assert "risk_assessment" in themes_named("5.3 Poor planning for the unborn baby")
    assert "risk_assessment" not in themes_named("Succession planning for the board")


def test_more_case_facts_in_the_frames_terms() -> None:
    told = {
        "nai_physical_abuse": "The toddler had been hurt by her stepfather more than once",
        "parents_childhood_adversity": "The mother's own history of suffering violence at home "
        "shaped how she parented",
        "voice_of_child": "Staff relied on a verbal disclosure that never came",
        "child_mental_health_suicide": "At fourteen she spent six weeks on an adolescent unit",
    }
    for theme, line in told.items():
        assert theme in themes_named(line, NEGATABLE, heading=False), line
    stranger = "The boy was hurt by a dog in the park"
    assert "nai_physical_abuse" not in themes_named(stranger, NEGATABLE, heading=False)


def test_bullets_kept_on_one_line_read_as_list_items(tmp_path: Path) -> None:
    text = """Learning Summary: Child W

What we learned • Thinking about the fathers and boyfriends who visit • Who checks on \
young carers • Class and culture in the home • Poor planning before the birth
"""
    found = named(tmp_path, text)
    assert {"think_family", "risk_assessment", "race_ethnicity_culture"} <= found


def test_case_facts_told_without_the_themes_name() -> None:
    told = {
        "nai_physical_abuse": [
            "X-rays later showed a fractured skull and older fractures of both wrists",
            "The consultant recorded leg fractures and bite marks on the infant",
            "Her stepfather, Lee Marsh, was jailed for child cruelty last winter",
            "The father later pleaded guilty to wounding his younger son",
        ],
        "substance_misuse": [
            "A blood sample showed cocaine in the toddler's system",
            "Both boys later tested positive for cannabis",
            "A hair strand test was arranged for the father",
        ],
        "risk_assessment": [
            "A month after the visit the case was closed",
            "The family had just been stepped down to early help",
            "In the spring the girl returned to her father",
        ],
        "hidden_men": [
            "The nine-year-old was left in the care of an unrelated man with a record of violence",
            "Her boyfriend, who was not the twins’ father, had moved into the flat",
        ],
    }
    for theme, lines in told.items():
        for line in lines:
            assert theme in themes_named(line, NEGATABLE, heading=False), line
    others = [
        ("nai_physical_abuse", "The mother slipped on the ice and broke her wrist"),
        ("nai_physical_abuse", "The father was convicted of an assault on a neighbour"),
        ("hidden_men", "The teenager stayed with his father at weekends"),
        ("hidden_men", "The mother was living with her own parents"),
        ("substance_misuse", "The screen found no drugs in her system"),
        ("risk_assessment", "The nursery closed early that week"),
        ("risk_assessment", "The mother returned to work in March"),
    ]
    for theme, line in others:
        assert theme not in themes_named(line, NEGATABLE, heading=False), line


def test_a_chronology_table_names_no_theme_and_is_no_contents_list() -> None:
    chronology = (
        "Table 2: Key events Date Agency Event 3 Mar 2019 GP Mother seen about low mood "
        "12 Apr 2019 School Child late on four days 2 May 2019 Police Call about shouting"
    )
    assert not is_contents_run(chronology)
    assert is_contents_run("1. Introduction 2. The family 3. Analysis 4. Findings")
    # the demo review's only mention of a disability is in a cell of its chronology table
    demo = Path(__file__).resolve().parents[2] / "corpora" / "demo"
    path = demo / "01-elmbridge-vale-baby-m-2012.pdf"
    document = parse_document(path, path.read_bytes())
    found = named_in_document(load_taxonomy(), document)
    assert "disability_health_needs" not in found
    assert {"hidden_men", "domestic_abuse"} <= set(found)


def test_a_theme_is_quoted_where_the_review_names_it_most_plainly() -> None:
    naming = Naming("neglect")
    long_table = "Table 2 " + " ".join(f"cell {n} neglect" for n in range(80))
    naming.consider("heading", long_table, 3)  # a table run together: counted, never quoted
    naming.consider("body", "Neglect ran through the family's story. " * 12, 5)
    assert naming.place == "body" and naming.quote.endswith("…") and len(naming.quote) <= 302
    naming.consider("list", "Neglect of the children's health", 7)
    naming.consider("heading", "5. Neglect", 9)  # a heading comes after a list item
    assert (naming.quote, naming.page) == ("Neglect of the children's health", 7)
    assert naming.where == {"headings or contents": 2, "text": 1, "list of findings or themes": 1}
