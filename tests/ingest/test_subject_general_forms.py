"""The child and the incident, in our own words: general forms met on openings nobody had
read (a blind batch), each a way of writing rather than one document's layout: a title of
address is no pronoun, an age in days, a keyword before an ordinary word, 'Young Person'
and a first name, a space lost before 'old', children in general, a review 'into the case
of' children, cases under their own headings, reviews named by their children, and a page
that reads as thematic but tells of one named child."""

from __future__ import annotations

from ingest.subject import pseudonyms, stated_age
from ingest.types import Line, Page
from tests.ingest.metadata_fixture import meta

SCR = "Serious Case Review\n\nOverview Report\n\n"


def test_her_majestys_officer_is_no_pronoun_of_the_child() -> None:
    found = meta(
        SCR + "This review concerns a baby who died at home in the winter of 2019 after a "
        "long illness that went unrecognised.\n"
        "At the inquest Her Majesty's Coroner for the county heard evidence from eleven "
        "witnesses over four days.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("child_sex") is None


def test_his_honour_the_judge_is_no_pronoun_either() -> None:
    found = meta(
        SCR + "This review concerns a toddler who was admitted to hospital with a fractured "
        "skull in 2021.\nHis Honour Judge Pellow heard the care proceedings in the family "
        "court the next spring.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("child_sex") is None


def test_an_age_in_days_is_a_whole_number_of_months() -> None:
    def told(days: int) -> str:
        return (
            "District bulletin\n\nSleeping safely: what the board found\n\n"
            f"A {days} day old baby girl died at her grandmother's house in October 2013; a "
            "serious case review followed.\n"
        )

    assert meta(told(64)).value("child_age_months") == 2
    assert meta(told(19)).value("child_age_months") == 0


def test_a_keyword_before_an_ordinary_word_is_no_name() -> None:
    found = meta(
        "District bulletin\n\nA Second Try At The Inquiry Into Baby Sleep\n\n"
        "Board members sent back the first draft about a little one who died after an unsafe "
        "sleep on a sofa in 2014; another writer has now finished it.\n"
        "A Second Try At The Inquiry Into Baby Sleep\n"
    )
    assert found.value("child_pseudonyms") is None


def test_young_person_and_a_first_name_with_a_footnote_mark() -> None:
    found = meta(
        "Serious Case Review\n\nYoung Person Rowan1\n\n1 Not his real name\n\n"
        "Contents\n\n1. Introduction 3\n\n"
        "1.1 This review was asked for by the board after Young Person Rowan was "
        "excluded from three schools within a year and went missing eleven times.\n"
    )
    assert found.value("child_pseudonyms") == ["Young Person Rowan"]
    assert found.value("child_sex") == "male"


def test_a_child_in_general_is_no_outcome() -> None:
    found = meta(
        SCR + "Such reviews never settle blame; nor do they judge how a child died, or "
        "whether a baby was injured by one parent or the other, in any family home.\n"
        "Boards hold them when a child dies and neglect is thought to have played a part "
        "in what became of a child who was known to services.\n"
    )
    assert found.value("outcome") is None


def test_a_review_into_the_case_of_two_babies_then_what_happened() -> None:
    found = meta(
        SCR + "(a) The partnership's review looked into the case of a pair of baby brothers, "
        "called R-1 and R-2 here, both born in the spring of 2018. (b) In August of 2018 "
        "R-2 was brought to hospital with a bleed on the brain. (c) Their father worked away.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_a_space_lost_before_old() -> None:
    found = meta(
        SCR + "1.1 In 2016 Child P, then a nine monthold baby, died at home. Child P had been "
        "seen by his doctor the month before.\n"
    )
    assert found.value("child_age_months") == 9
    assert found.value("outcome") == "died"


def test_a_place_in_a_title_after_in_and_another_place_is_no_name() -> None:
    # the title a cover reader may take from a sentence on a briefing's cover
    title = "This paper offers learning for youth workers in Scotland and Cornwall"
    text = [
        title,
        "The paper draws on reviews from Scotland and Cornwall published last year.",
        "Cornwall had four reviews; Scotland had six.",
    ]
    pages = [Page(1, [Line(line) for line in text])]
    assert pseudonyms(pages, title) is None
    named = "Overview report: Ruari"
    pages = [Page(1, [Line(named), Line("Ruari lived with his aunt. Ruari was four.")])]
    found = pseudonyms(pages, named)
    assert found is not None and found.value == ["Ruari"]


def test_cases_under_their_own_headings_are_each_a_subject() -> None:
    found = meta(
        "Learning briefing: hoarding and neglect, spring 2024\n\n"
        "Two rapid reviews were held this spring.\n\n"
        "Child 1\n\n"
        "A 12-year-old boy with asthma was found living in a cluttered flat with no "
        "heating.\n\n"
        "Child 2\n\n"
        "Three young children were left alone for long periods while their father "
        "worked nights.\n"
    )
    assert found.value("child_pseudonyms") == ["Child 1", "Child 2"]
    assert found.value("child_age") is None  # two cases: no one age is 'the' child's
    assert found.value("child_sex") is None


def test_a_code_alone_on_a_cover_is_no_case_heading() -> None:
    found = meta(
        "Child 4\n\nChild 7\n\nSerious Case Review\n\n"
        "The review was asked for by the board in 2019.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_reviews_named_by_their_children_in_brackets() -> None:
    found = meta(
        "Partnership workshop\nSession plan\n"
        "What we learned from our two rapid reviews (Child Q, Baby N)\n"
        "How every agency will change what it does next\n"
    )
    assert found.value("child_pseudonyms") == ["Child Q", "Baby N"]


def test_a_page_read_as_thematic_that_tells_of_one_named_child() -> None:
    found = meta(
        "Ten years of practice reviews: a look back\n\n"
        "This month the partnership published its review of the death of Kestrel Amory, who "
        "was 20 months old. Kestrel's injuries, the report says, were caused over several "
        "weeks by a lodger, and he died in hospital.\n"
    )
    assert found.value("child_pseudonyms") == ["Kestrel Amory"]
    assert found.value("child_age_months") == 20
    assert found.value("outcome") == "died"
    assert found.value("child_sex") == "male"


def test_a_keyword_and_first_name_is_the_first_name_alone_further_on() -> None:
    found = meta(
        "Practice reviews\n\nOur newest local child safeguarding practice review, 'Child "
        "Tobin', came out in May 2023. The chair wrote to the family of Tobin to share the "
        "board's sorrow. Everyone across the partnership was shaken by his death.\n"
        "The review of what led to Tobin's death made six recommendations.\n"
    )
    assert found.value("child_pseudonyms") == ["Child Tobin"]
    assert found.value("outcome") == "died"
    assert found.value("child_sex") == "male"


def test_not_her_real_name_in_brackets_still_gives_the_sex() -> None:
    found = meta(
        SCR + "Key people\nSubject Nessa (not her real name) Mother MN Father FN Nessa "
        "lived with MN and FN in a flat above a shop for most of the period under review.\n"
    )
    assert found.value("child_sex") == "female"


NOOR = (
    "Learning Briefing: Noor - burns to a toddler\n\n"
    "Noor, aged 20 months, was admitted to hospital with scalds to both feet in 2021. "
    "Noor lived with three cousins and an aunt.\n"
)


def test_the_named_child_and_his_siblings_gives_the_sex() -> None:
    found = meta(NOOR + "Nobody asked what the scalds meant for Noor and her sisters.\n")
    assert found.value("child_pseudonyms") == ["Noor"]
    assert found.value("child_sex") == "female"
    other = meta(NOOR + "Nobody asked what the scalds meant for the aunt and her sisters.\n")
    assert other.value("child_sex") is None


def test_someone_earlier_in_the_clause_owns_the_pronoun() -> None:
    found = meta(NOOR + "Once discharged, the aunt drove Noor and her sisters to a refuge.\n")
    assert found.value("child_sex") is None
    also = meta(NOOR + "Later the uncle took Noor and his sons to the seaside.\n")
    assert also.value("child_sex") is None


def test_the_deaths_of_two_babies_give_an_outcome_but_no_one_age() -> None:
    found = meta(
        SCR + "The board held this review after the deaths of two babies in 2017, aged ten "
        "and twelve weeks, who had been sleeping on a sofa with a parent.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2017
    assert found.value("child_age") is None
    # one age said of both is kept (the convention for twins of one age)
    shared = meta(
        SCR + "The board held this review after the deaths of two babies in 2017, each "
        "aged ten weeks, who had been sleeping on a sofa with a parent.\n"
    )
    assert shared.value("child_age") == "10 weeks"


def test_a_death_around_a_month_gives_the_year() -> None:
    found = meta(
        SCR + "Child W, a baby of four months, was left face down on a soft cushion around "
        "March 2019 and later died.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2019


def test_around_a_number_of_babies_is_no_year() -> None:
    found = meta(
        SCR + "Child W, a baby of four months, died after being left face down on a soft "
        "cushion. Around 2000 babies a year are seen by the unit; approximately 1900 infants "
        "were referred there last year.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") is None


def test_preventing_the_deaths_of_two_babies_is_no_outcome() -> None:
    found = meta(
        SCR + "The partnership's sleep campaign works to prevent the deaths of two babies "
        "every month in the county, most of them under six months old.\n"
    )
    assert found.value("outcome") is None


def test_a_review_that_concerns_twins_without_a_number() -> None:
    found = meta(
        SCR + "This review concerns twin girls from a village near the coast, who in 2020 "
        "were both admitted to hospital with fractures.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2020


NEWS = "Evening Courier\n\nReview into a death finds missed chances\n\n"


def test_a_news_pages_age_between_commas() -> None:
    found = meta(
        NEWS + "Schoolgirl Orla Kenning, 14, died after falling from a bridge in 2018. Orla "
        "Kenning had been reported missing nine times that year.\n"
    )
    assert found.value("child_pseudonyms") == ["Orla Kenning"]
    assert found.value("child_age_months") == 168
    boy = meta(
        NEWS + "A boy, 15, was stabbed to death in a park in May 2019, and the review found "
        "that agencies missed chances to help him.\nThe boy, known as Child Z, had been "
        "excluded from school.\n"
    )
    assert boy.value("child_age") == "15 years"
    # a child word opening the sentence is no name of another person
    assert stated_age("Schoolgirl, 14, died after a fall from a bridge.") == ("14 years", 168)
    assert stated_age("Teenager, 16, was found in the canal.") == ("16 years", 192)


def test_another_named_youth_or_the_accused_between_commas_is_not_the_child() -> None:
    found = meta(
        NEWS + "Orla Kenning died after an attack in a park in 2018. Kian Doyle, 16, was "
        "convicted of her murder. Orla Kenning had been missing from home.\n"
    )
    assert found.value("child_age") is None
    accused = meta(
        NEWS + "A boy, 16, was charged after the death of Orla Kenning in 2018. Orla Kenning "
        "had been missing from home.\n"
    )
    assert accused.value("child_age") is None


def test_a_year_after_commissioned_that_dates_the_death() -> None:
    found = meta(
        "Serious Case Review\n\nChild S\n\nExecutive Summary\n\n1.1 The review was "
        "commissioned after the death of Child S in March 2016. Child S was 17 months "
        "old.\n"
    )
    assert found.value("incident_year") == 2016
    commissioned = meta(
        "Serious Case Review\n\nChild S\n\nExecutive Summary\n\n1.1 Child S died at home. "
        "The board commissioned this review in March 2017. Child S was 17 months old.\n"
    )
    assert commissioned.value("incident_year") is None
