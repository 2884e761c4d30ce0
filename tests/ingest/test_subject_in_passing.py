"""The child and the incident as real reviews state them in passing, in our own words:
a name met once, siblings listed together, the child going on as 'He' or 'She', dates of
birth and death by month, and a child who harmed someone rather than was harmed."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

LCSPR = "Local Child Safeguarding Practice Review\n\nSouthwold Safeguarding Partnership\n\n"
SCR = "Serious Case Review\n\nMarshfield Safeguarding Children Board\n\n1. Introduction\n"


def test_a_coded_name_met_once_in_a_sentence_about_the_child() -> None:
    found = meta(
        LCSPR + "Child V was ten months old when she suffered serious injuries while staying "
        "with a relative in 2022. The family had recently moved house.\n"
    )
    assert found.value("child_pseudonyms") == ["Child V"]
    assert found.value("child_age_months") == 10
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2022


def test_a_name_met_once_in_passing_is_no_subject() -> None:
    found = meta(
        LCSPR + "The partnership thanks everyone who took part, including the staff who "
        "supported Child V through the process.\n"
    )
    assert found.value("child_pseudonyms") is None
    the_subject = meta(
        LCSPR + "The partnership thanks everyone who took part. Child V was ten months old "
        "when she was injured at home.\n"
    )
    assert the_subject.value("child_pseudonyms") == ["Child V"]


def test_siblings_listed_together_are_all_subjects_and_no_one_age_is_given() -> None:
    found = meta(
        SCR + "This review concerns four brothers and sisters, Child K (aged 11), Child L "
        "(aged 8), Child M (aged 5) and Child N (aged 1), who were neglected at home over "
        "several years. Child K was often absent from school. Child K told a teacher.\n"
    )
    assert found.value("child_pseudonyms") == ["Child K", "Child L", "Child M", "Child N"]
    assert found.value("child_age") is None
    assert found.value("child_sex") is None


def test_a_name_we_will_call_in_this_report() -> None:
    found = meta(
        "Child Practice Review\n\nGlanfor Regional Safeguarding Board\n\n"
        "The young person, whom we will call Carys in this report, was admitted to hospital "
        "in the spring of 2018, aged 14, after taking an overdose. Carys had been known to "
        "services for years and Carys's mother had asked for help.\n"
    )
    assert found.value("child_pseudonyms") == ["Carys"]
    assert found.value("child_age") == "14 years"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_a_name_called_in_this_review() -> None:
    found = meta(
        LCSPR + "In March 2021 an infant aged six weeks, called Baby Q in this review, was "
        "found unresponsive at home. He could not be resuscitated. Baby Q had been born at "
        "term.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby Q"]
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2021


def test_could_not_be_resuscitated_is_a_death() -> None:
    found = meta(
        SCR + "1.1 Baby Z was found in her cot by her father one morning in 2019. Paramedics "
        "were called but Baby Z could not be resuscitated. Baby Z was the couple's second "
        "child.\n"
    )
    assert found.value("outcome") == "died"


def test_a_bleed_on_the_brain_is_serious_harm() -> None:
    found = meta(
        LCSPR + "Baby H was brought to hospital in 2020 with a bleed on the brain. Baby H was "
        "five months old and lived with both parents.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2020


def test_a_young_man_who_died_is_the_child_not_another_person() -> None:
    found = meta(
        SCR + "The subject of this review, Child Y, was a 17-year-old young man who took his "
        "own life in 2021. Child Y had left school early.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2021


def test_sex_from_a_pronoun_going_on_about_the_child() -> None:
    found = meta(
        SCR + "2.1 Child R was nine years old when she died in 2016. She lived with her "
        "grandfather.\n"
    )
    assert found.value("child_sex") == "female"


def test_a_pronoun_after_a_sentence_about_the_mother_is_not_the_childs() -> None:
    found = meta(
        SCR + "2.1 Child R's mother moved to the town in 2015 with Child R. She found work in "
        "a shop.\n"
    )
    assert found.value("child_sex") is None
    after_the_child = meta(
        SCR + "2.1 Child R moved to the town in 2015 with the mother. Child R was four. She "
        "found a place at a nursery.\n"
    )
    assert after_the_child.value("child_sex") == "female"


def test_the_baby_described_and_then_she() -> None:
    found = meta(
        LCSPR + "This review considers the death of Baby F. The baby, who was three weeks "
        "old, was found unresponsive in the family home in 2023. She was taken to hospital "
        "by ambulance.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby F"]
    assert found.value("child_age") == "3 weeks"
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"


def test_age_from_birth_and_death_given_by_month() -> None:
    found = meta(
        SCR + "2.1 Child B was born in February 2017 and died in October 2017. He had been "
        "in hospital twice.\n"
    )
    assert found.value("child_age") == "8 months"
    assert found.value("child_age_months") == 8
    assert found.value("child_sex") == "male"


def test_a_child_who_stabbed_someone_is_not_harmed() -> None:
    found = meta(
        LCSPR + "Young Person D, a 16-year-old boy, stabbed an older man outside a shop in "
        "2020. The man died of his injuries. Young Person D was later convicted.\n"
    )
    assert found.value("child_pseudonyms") == ["Young Person D"]
    assert found.value("outcome") == "other"
    assert found.value("child_sex") == "male"


def test_a_child_who_was_stabbed_is_harmed() -> None:
    found = meta(
        LCSPR + "Young Person D, a 16-year-old boy, was stabbed outside a shop in 2020. "
        "Young Person D spent a month in hospital.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_a_first_name_with_not_her_real_name() -> None:
    found = meta(
        SCR + "1.1 This review is about Erin (not her real name), who died in 2014 aged five "
        "after a fall at home. Erin lived with her father.\n"
    )
    assert found.value("child_pseudonyms") == ["Erin"]
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"


def test_children_named_once_together_in_the_sentence_about_them() -> None:
    found = meta(
        SCR + "The review concerns Child P and Child T, brothers who were found alone in a "
        "cold house by police in 2017. Both were taken into care.\n"
    )
    assert found.value("child_pseudonyms") == ["Child P", "Child T"]
    assert found.value("child_age") is None


def test_a_family_the_review_concerns() -> None:
    found = meta(
        LCSPR + "This review looks at the help given to Family D, whose six children lived in "
        "poverty for many years.\n"
    )
    assert found.value("child_pseudonyms") == ["Family D"]


def test_a_family_named_in_passing_is_no_subject() -> None:
    found = meta(LCSPR + "Staff from the Family J project joined the panel for one meeting.\n")
    assert found.value("child_pseudonyms") is None
    the_subject = meta(
        LCSPR + "This review concerns Family J, in which four children were neglected for years.\n"
    )
    assert the_subject.value("child_pseudonyms") == ["Family J"]


def test_a_pronoun_bound_to_the_child_in_its_own_sentence() -> None:
    found = meta(
        SCR + "2.1 Child L had been supported by several agencies during her short life. "
        "Child L died in 2019.\n"
    )
    assert found.value("child_sex") == "female"


def test_found_hanged_is_a_death() -> None:
    found = meta(
        SCR + "Child AC was a fifteen-year-old who was found hanged in a park in 2020. "
        "Child AC had been missing overnight.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2020


def test_an_aged_child_without_a_noun_admitted_before_it_is_named() -> None:
    found = meta(
        SCR + "A neglected seven-year-old was admitted to hospital severely malnourished in "
        "May 2016. The child, referred to as Child N, had not been seen by a doctor for "
        "years. Child N lived with her mother.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2016


def test_a_child_arrested_for_an_assault_is_not_the_one_harmed() -> None:
    found = meta(
        LCSPR + "Child J, aged 15, was arrested for a serious assault on another boy in 2023. "
        "Child J had been out of school for a year.\n"
    )
    assert found.value("outcome") == "other"
    assert found.value("incident_year") == 2023


def test_an_adult_charged_says_nothing_of_the_childs_outcome() -> None:
    found = meta(
        LCSPR + "Child J, aged 15, lived with his uncle. His uncle was later charged with "
        "assault on a neighbour. Child J had been out of school for a year.\n"
    )
    assert found.value("outcome") is None
    harmed = meta(
        LCSPR + "Child J, aged 15, lived with his uncle. His uncle was later charged with "
        "assaulting Child J, who was admitted to hospital. Child J had been out of school for "
        "a year.\n"
    )
    assert harmed.value("outcome") == "serious_harm"


def test_a_young_man_referred_to_by_a_first_name() -> None:
    found = meta(
        LCSPR + "This review relates to a young man, referred to as Callum, who was sixteen "
        "when he was killed in 2020. Callum had moved schools twice.\n"
    )
    assert found.value("child_pseudonyms") == ["Callum"]
    assert found.value("child_age") == "16 years"
    assert found.value("outcome") == "died"


def test_drowned_is_a_death() -> None:
    found = meta(
        SCR + "1.1 Child O was a two-year-old boy who drowned in a garden pond in 2018 while "
        "his father was asleep.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2018


def test_a_girl_of_thirteen() -> None:
    found = meta(
        LCSPR + "Child E, a girl of 13, was sexually exploited by older men over a long "
        "period. Professionals did not see it.\n"
    )
    assert found.value("child_pseudonyms") == ["Child E"]
    assert found.value("child_age") == "13 years"
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "serious_harm"


def test_her_stepfather_after_the_child_names_the_childs_sex() -> None:
    found = meta(
        LCSPR + "Child U, aged 9, was found to have been hit repeatedly by her stepfather. "
        "Child U's teacher noticed the marks.\n"
    )
    assert found.value("child_sex") == "female"


def test_the_year_a_review_was_decided_is_not_the_incident() -> None:
    found = meta(
        LCSPR + "The partnership agreed to carry out this review in May 2021 after Child U, "
        "aged 9, was found to have been seriously harmed by an adult. Child U is now safe.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") is None


def test_a_child_convicted_of_a_murder_did_not_die() -> None:
    found = meta(
        SCR + "1.1 In 2015 Child V, then sixteen, was convicted of the murder of a shopkeeper. "
        "The review asks what agencies knew.\n"
    )
    assert found.value("child_pseudonyms") == ["Child V"]
    assert found.value("child_age") == "16 years"
    assert found.value("outcome") == "other"
    assert found.value("incident_year") == 2015


def test_an_adult_convicted_of_the_childs_murder_leaves_the_death() -> None:
    found = meta(
        SCR + "1.1 Child V died at home in 2015 aged two. Her mother's partner was convicted "
        "of the murder of Child V the next year.\n"
    )
    assert found.value("outcome") == "died"


def test_the_review_refers_to_him_as() -> None:
    found = meta(
        LCSPR + "A baby boy died in March 2022 at the age of five days. He had been born at "
        "home. The review refers to him as Baby M.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby M"]
    assert found.value("child_age") == "5 days"
    assert found.value("outcome") == "died"


def test_referred_to_as_a_name_then_a_boy() -> None:
    found = meta(
        SCR + "The subject of this review, referred to as Alfie, was a nine-year-old boy who "
        "died in 2019. Alfie lived with his grandmother.\n"
    )
    assert found.value("child_pseudonyms") == ["Alfie"]
    assert found.value("child_sex") == "male"


def test_bleeding_around_the_brain_is_serious_harm() -> None:
    found = meta(
        LCSPR + "Child Z, aged 6 weeks, was taken to hospital in 2021. Scans showed bleeding "
        "around the brain.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_an_age_at_the_time() -> None:
    found = meta(
        SCR + "This review concerns Child Q, whose father was killed in 2016. Child Q was 8 at "
        "the time and lived with her aunt.\n"
    )
    assert found.value("child_age") == "8 years"


def test_an_allegation_of_abuse_is_no_outcome() -> None:
    found = meta(
        LCSPR + "This review looks at the help given to Child N, a 14-year-old girl referred "
        "to children's services in 2018 following an allegation of sexual abuse. Child N "
        "later moved to a residential home.\n"
    )
    assert found.value("outcome") is None
    assert found.value("incident_year") is None
    abused = meta(
        LCSPR + "This review looks at the help given to Child N, a 14-year-old girl who was "
        "sexually abused in 2018. Child N later moved to a residential home.\n"
    )
    assert abused.value("outcome") == "serious_harm"
    assert abused.value("incident_year") == 2018


def test_abuse_that_happened_is_serious_harm() -> None:
    found = meta(
        LCSPR + "This review looks at the help given to Child N, a 14-year-old girl who was "
        "sexually abused by a family member in 2018. Child N later moved to a residential "
        "home.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_the_incident_date_under_a_heading() -> None:
    found = meta(
        "Learning Briefing: Child V\n\nWhat happened\nDate of incident: 14 May 2019. "
        "Child V, a 10-week-old baby, was taken to hospital with a fractured arm. Child V "
        "lives with foster carers now.\n"
    )
    assert found.value("incident_year") == 2019


def test_a_review_for_a_family() -> None:
    found = meta(
        "Statement from the chair\n\nThe partnership has published the review for Family M "
        "today. The review was commissioned in 2020 after two babies were injured.\n"
    )
    assert found.value("child_pseudonyms") == ["Family M"]


def test_the_youngest_of_several_children_is_not_the_subject() -> None:
    found = meta(
        SCR + "1.1 This review considers the lives of the children of one family, who were "
        "neglected for years. The youngest child died in 2014 aged 20 months.\n"
    )
    assert found.value("child_age") is None
    assert found.value("outcome") is None
    assert found.value("incident_year") is None
    one_child = meta(
        SCR + "1.1 This review considers the life of Child M, who was neglected for years. "
        "Child M died in 2014 aged 20 months.\n"
    )
    assert one_child.value("child_age") == "20 months"
    assert one_child.value("outcome") == "died"
    assert one_child.value("incident_year") == 2014


def test_a_range_of_years_is_no_incident_year() -> None:
    found = meta(
        LCSPR + "The review concerns a 16 year old girl, referred to as Mia, who was sexually "
        "exploited while living in a children's home in 2019 and 2020. Mia now lives with "
        "her aunt.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") is None


def test_an_age_from_a_birthday() -> None:
    found = meta(
        SCR + "1.1 In this report the child is referred to as Toby. Toby died in 2018, a month "
        "after his thirteenth birthday. Toby's father had moved away.\n"
    )
    assert found.value("child_age") == "13 years"
    assert found.value("child_age_months") == 156


def test_a_code_in_quotation_marks() -> None:
    found = meta(
        "Serious Case Review\n\nChild 'B'\n\nDownfield Safeguarding Children Board\n\n"
        "1.1 Child 'B' was a six-year-old boy who died in hospital on 9 May 2011 from a head "
        "injury. Child 'B' lived with his father.\n"
    )
    assert found.value("child_pseudonyms") == ["Child B"]
    assert found.value("child_age") == "6 years"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2011


def test_another_childs_age_in_the_same_sentence_is_not_the_subjects() -> None:
    found = meta(
        "Serious Case Review\n\nChild 'B'\n\nDownfield Safeguarding Children Board\n\n"
        "1.1 Child 'B' lived with a cousin. When Child 'B' moved in, Child 'C' was 3. "
        "Child 'B' was later placed with foster carers.\n"
    )
    assert found.value("child_age") is None
    own_age = meta(
        "Serious Case Review\n\nChild 'B'\n\nDownfield Safeguarding Children Board\n\n"
        "1.1 Child 'B' lived with a cousin. When Child 'B' moved in, Child 'B' was 3. "
        "Child 'B' was later placed with foster carers.\n"
    )
    assert own_age.value("child_age") == "3 years"


def test_a_name_met_once_beside_an_aged_child_noun() -> None:
    found = meta(
        LCSPR + "1.1 In 2020 paramedics were called to the home of Baby U, a four-month-old "
        "girl, who had stopped breathing.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby U"]
    assert found.value("child_age") == "4 months"


def test_a_name_met_once_where_the_child_was_injured() -> None:
    found = meta(
        LCSPR + "1.1 Child S was 12 when she was injured in a car crash in 2021 while driven by "
        "a drunk adult.\n"
    )
    assert found.value("child_pseudonyms") == ["Child S"]
    assert found.value("child_age") == "12 years"


def test_harm_done_to_her_by_an_adult_is_the_childs() -> None:
    found = meta(
        SCR + "1.1 This review concerns Child W. In 2012 Child W disclosed that her uncle had "
        "physically abused her for years.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2012


def test_harm_done_to_her_mother_is_not_the_childs() -> None:
    found = meta(
        SCR + "1.1 This review concerns Child W. In 2012 Child W told a teacher that her "
        "uncle had physically assaulted her mother at home.\n"
    )
    assert found.value("outcome") is None
    to_the_child = meta(
        SCR + "1.1 This review concerns Child W. In 2012 Child W told a teacher that her "
        "uncle had physically assaulted her at home.\n"
    )
    assert to_the_child.value("outcome") == "serious_harm"


def test_an_age_given_as_who_at_sixteen() -> None:
    found = meta(
        LCSPR + "1.1 The review concerns a young person, referred to as Child R, who at 16 was "
        "groomed into carrying drugs for adults in 2020.\n"
    )
    assert found.value("child_age") == "16 years"


def test_a_baby_of_five_months() -> None:
    found = meta(
        LCSPR + "1.1 Child K, then a baby of five months, suffered a fractured arm at a "
        "childminder's in 2016. Child K lives with her grandmother.\n"
    )
    assert found.value("child_age") == "5 months"
    assert found.value("child_age_months") == 5


def test_an_age_in_the_present_tense_before_and() -> None:
    found = meta(
        LCSPR + "1.1 This review concerns Child P. Child P is 7 and lives with his father, who "
        "works nights.\n"
    )
    assert found.value("child_age") == "7 years"


def test_a_family_referred_to_by_a_code() -> None:
    found = meta(
        SCR + "1.1 The household, referred to as Family S, was a mother and four children "
        "who moved often.\n"
    )
    assert found.value("child_pseudonyms") == ["Family S"]


def test_swallowing_tablets_is_serious_harm() -> None:
    found = meta(
        LCSPR + "1.1 On 2 May 2019 Child F, who was 20 months old, was taken to hospital after "
        "swallowing several tablets left out at home. Child F recovered.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2019


def test_the_mothers_age_before_when_the_baby_was_born_is_not_the_babys() -> None:
    found = meta(
        "Serious Case Review\n\nBaby W\n\nHolt Safeguarding Children Board\n\n"
        "1.1 Baby W's mother was 17 when Baby W was born. Her own mother had died young and "
        "she had few people to turn to.\n"
    )
    assert found.value("child_age") is None
    the_babys = meta(
        "Serious Case Review\n\nBaby W\n\nHolt Safeguarding Children Board\n\n"
        "1.1 Baby W was 7 weeks old when she was taken to hospital. Her mother had few people "
        "to turn to.\n"
    )
    assert the_babys.value("child_age") == "7 weeks"


def test_she_after_the_childs_mother_is_the_mother() -> None:
    found = meta(
        "Serious Case Review\n\nChild W\n\nHolt Safeguarding Children Board\n\n"
        "1.1 Child W's mother, then aged 20, had been in care. She left school early and she "
        "found work in a cafe in 2012. The couple separated after Child W was born.\n"
    )
    assert found.value("child_sex") is None
    the_childs = meta(
        "Serious Case Review\n\nChild W\n\nHolt Safeguarding Children Board\n\n"
        "1.1 Child W's mother, then aged 20, had been in care. Child W was two when she was "
        "seen by a nurse in 2012.\n"
    )
    assert the_childs.value("child_sex") == "female"


def test_he_after_a_sentence_calling_the_child_a_son_and_brother() -> None:
    found = meta(
        LCSPR + "1.1 Child R was a much loved son and brother. He died in 2021, aged 15, "
        "after a fall from a bridge.\n"
    )
    assert found.value("child_sex") == "male"
