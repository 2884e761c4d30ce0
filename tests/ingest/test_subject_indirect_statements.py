"""The child and the incident, in our own words: names given as 'is called' or
'referred to here as', numbered children, first names met in a sentence about a death,
families by surname, two brothers, harm stated indirectly ('near fatal', 'admitted to
hospital'), and years that date a decision rather than what happened."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

LCSPR = "Local Child Safeguarding Practice Review\n\nHollinsend Safeguarding Partnership\n\n"
SCR = "Serious Case Review\n\nBrackenford Safeguarding Children Board\n\n1. Introduction\n"
CPR = "Child Practice Review\n\nAfon Las Regional Safeguarding Board\n\n"


def test_a_near_fatal_attack_is_serious_harm_not_death() -> None:
    found = meta(
        LCSPR + "The review was held after the near fatal stabbing of a seventeen-year-old, "
        "known in this report as Child W, outside a takeaway in May 2023.\n"
    )
    assert found.value("child_pseudonyms") == ["Child W"]
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2023


def test_the_baby_is_called_and_what_is_said_before_the_name_is_about_the_baby() -> None:
    found = meta(
        SCR + "In the winter of 2016 a six week old baby was carried into a walk-in centre by "
        "her grandmother. X-rays found fractures to several ribs that were judged to have been "
        "inflicted. For this review the baby is called Baby Q.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby Q"]
    assert found.value("child_age_months") == 1
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2016


def test_referred_to_here_as() -> None:
    found = meta(
        LCSPR + "This review is about a two-month-old boy who was shaken by an adult in the "
        "household in 2019. He is referred to here as Child Z.\n"
    )
    assert found.value("child_pseudonyms") == ["Child Z"]
    assert found.value("child_sex") == "male"


def test_a_numbered_child_and_the_year_a_board_decided_is_no_incident_year() -> None:
    found = meta(
        CPR + "The Board agreed in June 2021 that the criteria for a review were met after a "
        "child died at home. The child, referred to as Child 7, was 20 months old and lived "
        "with his grandparents.\n"
    )
    assert found.value("child_pseudonyms") == ["Child 7"]
    assert found.value("child_age_months") == 20
    assert found.value("child_sex") == "male"
    assert found.value("incident_year") is None


def test_two_brothers_give_the_sex_of_the_subjects_but_a_childs_sisters_do_not() -> None:
    brothers = meta(
        SCR + "This review considers the lives of two brothers, Child D and Child E. Child D "
        "died in 2012 aged four and Child E died in 2013 aged six.\n"
    )
    assert brothers.value("child_pseudonyms") == ["Child D", "Child E"]
    assert brothers.value("child_sex") == "male"
    assert brothers.value("child_age") is None
    siblings = meta(
        SCR + "Child F was found dead in 2014, aged nine. Child F lived with the two sisters "
        "of a family friend.\n"
    )
    assert siblings.value("child_sex") is None


def test_a_first_name_whose_death_and_age_are_told() -> None:
    found = meta(
        LCSPR + "1.1 When Isla died, aged 9 months, nobody at first knew why. Isla lived with "
        "her parents and a cousin, Tom, who was six.\n"
    )
    assert found.value("child_pseudonyms") == ["Isla"]
    assert found.value("child_age_months") == 9
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"


def test_a_role_written_in_lower_case_elsewhere_is_no_first_name() -> None:
    found = meta(
        LCSPR + "When Mother died, aged 32, the children went to live with an aunt. The "
        "mother had been unwell for years.\n"
    )
    assert found.value("child_pseudonyms") is None
    a_name = meta(
        LCSPR + "When Tilly died, aged 3, the children went to live with an aunt. Tilly had "
        "been unwell for years.\n"
    )
    assert a_name.value("child_pseudonyms") == ["Tilly"]


def test_a_family_named_by_surname_that_the_review_concerns() -> None:
    found = meta(
        SCR + "This review concerns the Ashworth family, in which six children grew up with "
        "neglect over many years.\n"
    )
    assert found.value("child_pseudonyms") == ["Family Ashworth"]
    assert found.value("child_age") is None


def test_admitted_to_hospital_is_harm_to_the_child() -> None:
    found = meta(
        SCR + "Child U was a five-year-old boy who was admitted to hospital in March 2018 "
        "weighing far less than expected for his age.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_the_subject_of_this_review_set_off_by_commas() -> None:
    found = meta(
        SCR + "1.1 The subject of this review, Kian, was a sixteen year old boy who drowned in "
        "a quarry lake in August 2020. Kian had left school a month before.\n"
    )
    assert found.value("child_pseudonyms") == ["Kian"]
    assert found.value("child_age") == "16 years"
    assert found.value("outcome") == "died"


def test_the_year_of_a_conviction_is_not_the_year_of_the_incident() -> None:
    found = meta(
        LCSPR + "1.1 Child G, aged 15, was convicted in 2022 of the wounding of a younger "
        "boy, which took place in 2021.\n"
    )
    assert found.value("outcome") == "other"
    assert found.value("incident_year") == 2021


def test_a_first_name_with_the_age_in_brackets_after_a_heading() -> None:
    found = meta(
        CPR + "2. What happened\nNia (13) took an overdose of her mother's tablets in "
        "September 2020 and was treated in hospital. She recovered. Nia lives with her aunt.\n"
    )
    assert found.value("child_pseudonyms") == ["Nia"]
    assert found.value("child_age") == "13 years"
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2020


def test_a_first_name_in_quotation_marks_opening_the_story() -> None:
    found = meta(
        LCSPR + "‘Rowan’ was born early and spent his first month in a neonatal unit. When he "
        "was ten weeks old he was taken to hospital with a fractured skull.\n"
    )
    assert found.value("child_pseudonyms") == ["Rowan"]
    assert found.value("child_age_months") == 2
    assert found.value("outcome") == "serious_harm"


def test_a_briefing_about_one_baby_gives_the_babys_facts() -> None:
    found = meta(
        "Practice Briefing\n\nThis briefing sets out the learning from a review of a "
        "three-month-old baby who suffered a brain injury in July 2021 while in her "
        "father's care.\n"
    )
    assert found.value("child_age_months") == 3
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2021


def test_an_age_given_as_weeks_of_age() -> None:
    found = meta(
        LCSPR + "Baby JD was born in the spring of 2020. Baby JD died at 15 weeks of age after "
        "being found not breathing.\n"
    )
    assert found.value("child_age") == "15 weeks"
    assert found.value("child_age_months") == 3


def test_the_n_month_old_named_in_this_review_and_her_pram() -> None:
    found = meta(
        SCR + "1.1 The ten-month-old, named Ada in this review, was found not breathing in her "
        "pram in February 2019.\n"
    )
    assert found.value("child_pseudonyms") == ["Ada"]
    assert found.value("child_age_months") == 10
    assert found.value("child_sex") == "female"


def test_a_young_person_named_once_who_took_his_life_before_a_birthday() -> None:
    found = meta(
        LCSPR + "1.1 Young Person K took his own life in May 2021, a month before his "
        "sixteenth birthday. He had recently moved to a new school.\n"
    )
    assert found.value("child_pseudonyms") == ["Young Person K"]
    assert found.value("child_age") == "15 years"
    assert found.value("outcome") == "died"


def test_several_children_get_a_sex_only_when_each_has_the_same_one() -> None:
    mixed = meta(
        SCR + "1.1 The review concerns three siblings, Child P, Child Q and Child R. In June "
        "2015 Child P, then aged 8, was badly burned; his two sisters were unhurt. His "
        "father was away.\n"
    )
    assert mixed.value("child_pseudonyms") == ["Child P", "Child Q", "Child R"]
    assert mixed.value("child_sex") is None
    boys = meta(
        SCR + "1.1 This review is about Child G and Child H. Child G died in 2016 and his "
        "mother was arrested. Child H, his cousin, died in 2017 and his father was charged.\n"
    )
    assert boys.value("child_sex") == "male"


def test_a_season_and_year_without_a_preposition() -> None:
    found = meta(
        LCSPR + "Child V was found with a broken arm in the heatwave summer 2018. Child V was "
        "three at the time.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_the_pronoun_in_a_who_clause_about_the_child() -> None:
    found = meta(
        SCR + "1.1 The review relates to Child B, who was aged 7 months when she died. The "
        "post-mortem found that Child B had a fractured skull.\n"
    )
    assert found.value("child_sex") == "female"
    assert found.value("child_age_months") == 7


def test_a_child_who_sexually_assaulted_someone_did_the_harm() -> None:
    found = meta(
        LCSPR + "1.1 This review concerns Child J, a 13 year old boy who in May 2020 sexually "
        "assaulted a younger girl at a holiday park.\n"
    )
    assert found.value("outcome") == "other"
    assert found.value("incident_year") == 2020


def test_bleeding_on_her_brain_and_behind_her_eyes() -> None:
    found = meta(
        CPR + "Brief outline of circumstances\nA baby boy aged two months was taken to hospital "
        "in October 2017 after he went limp. Scans found bleeding behind his eyes and on his "
        "brain.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2017


def test_a_family_referred_to_by_surname() -> None:
    found = meta(
        SCR + "1.1 The family, referred to here as the Okoro family, had five children who "
        "were neglected over many years.\n"
    )
    assert found.value("child_pseudonyms") == ["Family Okoro"]


def test_a_child_named_once_who_was_groomed_and_raped_by_a_man() -> None:
    found = meta(
        LCSPR + "1. Introduction\nChild N (a pseudonym) was 14 when she was groomed by an adult "
        "man she met online in 2021. He travelled to see her and raped her.\n"
    )
    assert found.value("child_pseudonyms") == ["Child N"]
    assert found.value("child_age") == "14 years"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2021


def test_a_young_person_coded_yp_and_a_number() -> None:
    found = meta(
        CPR + "Brief outline of circumstances\nYP2 was 16 years old when he was found dead in "
        "a river in April 2019. YP2 had been missing from home for a week.\n"
    )
    assert found.value("child_pseudonyms") == ["YP2"]
    assert found.value("child_age") == "16 years"
    assert found.value("child_sex") == "male"
    assert found.value("outcome") == "died"


def test_the_childs_age_after_the_code_and_a_victims_age_and_sex_are_not_the_childs() -> None:
    found = meta(
        LCSPR + "1.1 Child Y, 16, stabbed and killed a 15-year-old girl outside a shop in 2023. "
        "Child Y had been known to the youth justice service since the age of 12.\n"
    )
    assert found.value("child_age") == "16 years"
    assert found.value("child_sex") is None
    assert found.value("outcome") == "other"


def test_first_admitted_then_a_later_death_with_the_pronoun_after_a_date() -> None:
    found = meta(
        SCR + "1.1 Child L was first admitted to hospital with burns in 2014. In March 2016, "
        "aged 4, she died from a head injury.\n"
    )
    assert found.value("child_pseudonyms") == ["Child L"]
    assert found.value("child_age") == "4 years"
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2016


def test_the_pronoun_after_when_in_a_sentence_about_the_child() -> None:
    found = meta(
        SCR + "1.1 Child T was 3 years and 2 months old when he died from a head injury in "
        "June 2014.\n"
    )
    assert found.value("child_sex") == "male"
    named = meta(
        SCR + "1.1 This review follows the death of a child, referred to as Freya, in the "
        "autumn of 2018 when she was 7 weeks old.\n"
    )
    assert named.value("child_sex") == "female"


def test_a_partners_pronoun_after_the_childs_age_gives_no_sex() -> None:
    found = meta(
        LCSPR + "1.1 By the time Child D was a month old, the mother had a new boyfriend; he "
        "was twenty years older than she was. Child D died in 2020.\n"
    )
    assert found.value("child_sex") is None
    own_pronoun = meta(
        LCSPR + "1.1 By the time Child D was a month old, the mother had a new boyfriend. "
        "Child D was four months old when he died in 2020.\n"
    )
    assert own_pronoun.value("child_sex") == "male"


def test_a_quoted_letter_the_review_is_in_respect_of() -> None:
    found = meta(
        "Farnhill Safeguarding Children Board has published a review.\n\n"
        "Serious Case Review in respect of ‘K’\n\nThe review looks at the support given to a "
        "teenager before her death.\n"
    )
    assert found.value("child_pseudonyms") == ["K"]


def test_twins_described_by_age_with_the_month_their_injuries_were_found() -> None:
    found = meta(
        "Case Reviews\n\nA statement about the review for Family P\n\nThe Partnership "
        "commissioned a Serious Case Review in May 2019 in respect of male twin siblings aged "
        "9 weeks who sustained serious non accidental injuries. The review covered the months "
        "from the pregnancy to March 2019 when the twins' injuries were found.\n"
    )
    assert found.value("child_age") == "9 weeks"
    assert found.value("child_sex") == "male"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2019


def test_an_age_and_a_half() -> None:
    found = meta(SCR + "1.1 Child W died aged 3½ in May 2013 after a fall from a window.\n")
    assert found.value("child_age") == "3 years 6 months"
    assert found.value("child_age_months") == 42
    words = meta(SCR + "1.1 Child W was four and a half when he died in 2013.\n")
    assert words.value("child_age_months") == 54


def test_children_listed_by_letters_in_the_sentence_the_review_is_about() -> None:
    found = meta(
        LCSPR + "1.1 The review is about Children D, E and F, who were taken into care in "
        "2018 after years of neglect.\n"
    )
    assert found.value("child_pseudonyms") == ["Child D", "Child E", "Child F"]


def test_an_aged_female_is_the_childs_sex_but_an_aged_male_friend_is_not() -> None:
    female = meta(
        SCR + "1.1 This review concerns a 14 year old female, known as Child RR, who was "
        "sexually exploited in 2016.\n"
    )
    assert female.value("child_sex") == "female"
    friend = meta(
        SCR + "1.1 Child RR was seriously injured in 2016 while out with a 19 year old male "
        "friend.\n"
    )
    assert friend.value("child_sex") is None


def test_a_date_in_figures_gives_the_incident_year() -> None:
    found = meta(
        CPR + "Brief outline of circumstances\nBaby V died on 14.9.2019 at five months old "
        "after being found unresponsive.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2019


def test_a_cardiac_arrest_and_brain_damage_are_serious_harm() -> None:
    found = meta(
        LCSPR + "1.1 Maya (not her real name) was 10 when she was taken to hospital after a "
        "cardiac arrest in March 2022. She has been left with brain damage.\n"
    )
    assert found.value("child_pseudonyms") == ["Maya"]
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2022


def test_a_quoted_pseudonym_young_man_of_17_stabbed_to_death() -> None:
    found = meta(
        LCSPR + "1.1 ‘Leon’ (a pseudonym) was a young man of 16 who was stabbed to death in "
        "a park in 2020. He had been excluded from school.\n"
    )
    assert found.value("child_pseudonyms") == ["Leon"]
    assert found.value("child_age") == "16 years"
    assert found.value("outcome") == "died"


def test_the_young_man_with_his_age_in_brackets() -> None:
    found = meta(
        LCSPR + "1.1 The young woman (17) at the centre of this review was found dead in her "
        "room in 2021.\n"
    )
    assert found.value("child_age") == "17 years"


def test_a_parent_killed_after_the_childs_name_is_not_the_childs_death() -> None:
    found = meta(
        LCSPR + "1.1 The review was set up after Child S's father was killed in a fight in "
        "2020. Child S, aged 12, was at school that day.\n"
    )
    assert found.value("outcome") is None
    the_child = meta(
        LCSPR + "1.1 The review was set up after Child S was killed in a fight in 2020. "
        "Child S, aged 12, was on his way home from school.\n"
    )
    assert the_child.value("outcome") == "died"


def test_a_sister_and_her_brother_listed_with_their_ages_are_both_subjects() -> None:
    found = meta(
        LCSPR + "1.1 Child E, aged 7, and her brother Child F, aged 3, were left alone for "
        "three days in 2018. Child F was severely dehydrated when police found them.\n"
    )
    names = found.value("child_pseudonyms")
    assert isinstance(names, list) and sorted(names) == ["Child E", "Child F"]
    assert found.value("child_age") is None
    assert found.value("child_sex") is None
    assert found.value("outcome") == "serious_harm"


def test_x_is_the_name_this_report_uses() -> None:
    found = meta(
        SCR + "1.1 Kai is the name this report uses for a 15 year old boy who was badly hurt "
        "in a car crash in 2019. Kai was a passenger.\n"
    )
    assert found.value("child_pseudonyms") == ["Kai"]
    assert found.value("child_sex") == "male"


def test_a_numbered_childs_own_name_is_not_someone_else() -> None:
    found = meta(
        CPR + "Brief outline of circumstances\nThe review concerns a teenager, referred to as "
        "Child 4, who was seriously injured when he fell from a roof in 2020.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2020


def test_born_and_died_by_month_more_than_two_years_apart() -> None:
    found = meta(SCR + "1.1 Child U was born in March 2012 and died in July 2016.\n")
    assert found.value("child_age") == "4 years"
    assert found.value("child_age_months") == 52


def test_weeks_before_a_birthday_give_the_months() -> None:
    found = meta(
        SCR + "1.1 Noah died at home in 2011, two weeks before his third birthday. Noah lived "
        "with his grandmother.\n"
    )
    assert found.value("child_age") == "2 years"
    assert found.value("child_age_months") == 35


def test_a_first_name_was_nine_when_and_abuse_done_to_her_by_an_adult() -> None:
    found = meta(
        LCSPR + "1. Why this review\nPoppy was ten when she told a teacher that her uncle had "
        "been sexually abusing her. This was in June 2018. Poppy lived with her mother.\n"
    )
    assert found.value("child_pseudonyms") == ["Poppy"]
    assert found.value("child_age") == "10 years"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_found_by_his_father_and_could_not_be_resuscitated() -> None:
    found = meta(
        "Rapid Review\n\nChild Y\n\nChild Y, who was 9 months old, was found in the garden pond "
        "by his mother and could not be resuscitated.\n"
    )
    assert found.value("outcome") == "died"


def test_the_period_until_his_death() -> None:
    found = meta(
        SCR + "1.1 This review looks at the help given to Child O between 2015 and his death in "
        "May 2017. Child O was two years old.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2017


def test_the_child_a_girl_of_n_months() -> None:
    found = meta(
        CPR + "Brief outline of circumstances\nThe child, a boy of 7 months, was seen by a "
        "nurse in May 2018 with a mark on his cheek. He was later found to have broken ribs.\n"
    )
    assert found.value("child_age_months") == 7
    assert found.value("child_sex") == "male"
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2018


def test_a_father_shook_her() -> None:
    found = meta(
        "Learning briefing\n\n1. Background\nChild P was ten weeks old when her father shook her. "
        "This happened in 2021.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2021


def test_children_subjected_to_abuse() -> None:
    found = meta(
        LCSPR + "1.1 Two brothers, Child L (aged 10) and Child M (aged 8), were subjected to "
        "physical abuse by their father. It came to light in 2017.\n"
    )
    assert found.value("outcome") == "serious_harm"


def test_one_pronoun_with_no_one_else_about_gives_the_sex() -> None:
    alone = meta(
        SCR + "1.1 This review looks at the help given to Child Z between 2012 and the end of "
        "2014, when agencies lost sight of him. Child Z was five.\n"
    )
    assert alone.value("child_sex") == "male"
    beside_mother = meta(
        SCR + "1.1 This review looks at the help given to Child Z between 2012 and 2014, when "
        "the mother said she could not cope. Child Z was five.\n"
    )
    assert beside_mother.value("child_sex") is None


def test_declared_dead() -> None:
    found = meta(
        SCR + "1.1 Paramedics were called to the home of Baby R, then two months old, on 4 June "
        "2016. She was declared dead at hospital.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2016


def test_a_first_name_as_he_is_called_in_this_report_with_his_age() -> None:
    found = meta(
        LCSPR + "1.1 Rhys, as he is called in this report, was 15 when he was assaulted by "
        "older boys in 2022.\n"
    )
    assert found.value("child_pseudonyms") == ["Rhys"]
    assert found.value("child_age") == "15 years"


def test_the_death_of_a_first_name_who_was_n() -> None:
    found = meta(
        SCR + "1.1 This report concerns the death of Oliver, who was two years old, in June "
        "2013. Oliver lived with his grandparents.\n"
    )
    assert found.value("child_pseudonyms") == ["Oliver"]
    assert found.value("child_age") == "2 years"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2013


def test_her_age_after_her_father_is_named_but_not_the_mothers() -> None:
    found = meta(
        LCSPR + "1.1 Baby T was hurt in the care of her father in 2021, when she was only five "
        "weeks old. Baby T has recovered.\n"
    )
    assert found.value("child_age") == "5 weeks"
    mother = meta(
        LCSPR + "1.1 Child M's mother had a hard childhood. She met Child M's father in 2010 "
        "when she was 17. Child M was born in 2012.\n"
    )
    assert mother.value("child_age") is None


def test_the_victim_of_a_serious_sexual_assault() -> None:
    found = meta(
        LCSPR + "1.1 This review is about Child S, aged 15, who was the victim of a serious "
        "sexual assault in a park in 2023.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") == 2023


def test_an_object_pronoun_after_the_mothers_death_gives_no_sex() -> None:
    found = meta(
        SCR + "1.1 Child V's mother died of an overdose in 2018. Child V, who was 10, found "
        "her and ran to a neighbour. Child V then lived with an aunt.\n"
    )
    assert found.value("child_sex") is None
    own_pronoun = meta(
        SCR + "1.1 Child V's mother died of an overdose in 2018. Child V, who was 10, found "
        "his mother and ran to a neighbour. Child V then lived with an aunt.\n"
    )
    assert own_pronoun.value("child_sex") == "male"


def test_one_possessive_pronoun_beside_other_injuries() -> None:
    found = meta(
        SCR + "1.1 In May 2016 Child K, who was 2 years old, was brought to hospital with a "
        "broken arm and other marks on her back.\n"
    )
    assert found.value("child_sex") == "female"


def test_two_named_children_who_are_sisters() -> None:
    found = meta(
        LCSPR + "1.1 This review is about Child A and Child B, sisters aged 8 and 5, who were "
        "left without food for days in 2020.\n"
    )
    assert found.value("child_sex") == "female"
    assert found.value("child_age") is None
