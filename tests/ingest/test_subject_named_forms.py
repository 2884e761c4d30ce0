"""How a review names its child, and what it says happened, in forms a blind batch used and
the rules had not met: a first name in quotation marks after 'a review of', a first name
marked with an asterisk whose note calls it a pseudonym, a family named in the heading, a
bare code shown to be a person, several children who all died, a killing by smothering, and
years that date the review or another bullet point, not what happened."""

from __future__ import annotations

from ingest.subject import stated_age
from tests.ingest.metadata_fixture import meta


def test_a_quoted_first_name_after_a_review_of() -> None:
    found = meta(
        "Skip to content\n\n"
        "Last spring the partnership carried out a review of ‘Maisie’, who lived with her "
        "grandparents and an older cousin.\n"
        "At seven months old ‘Maisie’ was taken to hospital by ambulance; doctors found a "
        "broken leg and bruising to her face.\n"
    )
    assert found.value("child_pseudonyms") == ["Maisie"]
    assert found.value("outcome") == "serious_harm"


def test_a_quoted_word_that_is_an_ordinary_word_is_no_name() -> None:
    found = meta(
        "Skip to content\n\n"
        "The partnership carried out a review of ‘Thinking’ in its training offer; thinking "
        "about babies was the theme.\n"
    )
    assert found.value("child_pseudonyms") is None


STARRED = (
    "Shire Safeguarding Partnership\n\nLocal Child Safeguarding Practice Review KQ07 "
    "Tamsin*\n\n{note}\n\n"
    "Tamsin spent most of her short life with her father in a hostel near the station.\n"
)


def test_a_first_name_with_an_asterisk_noted_as_a_pseudonym() -> None:
    found = meta(
        STARRED.format(note="* To keep the family anonymous a pseudonym is used for the child.")
    )
    assert found.value("child_pseudonyms") == ["Tamsin"]
    unnoted = meta(STARRED.format(note="* Terms of reference are in the appendix."))
    assert unnoted.value("child_pseudonyms") != ["Tamsin"]


def test_a_family_named_in_the_heading() -> None:
    found = meta(
        "Download\n\nNORTHSHIRE SAFEGUARDING CHILDREN BOARD\n\nSERIOUS CASE REVIEW "
        "CONCERNING THE\n\nHARTLEY FAMILY\n\nPublished June 2016\n\nContents\n\n"
        "1. Introduction 3\n"
    )
    assert found.value("child_pseudonyms") == ["Family Hartley"]


def test_a_family_approach_in_the_heading_is_no_family_name() -> None:
    found = meta(
        "Serious Case Review of the Whole Family Approach\n\nContents\n\n1. Introduction 3\n"
        "The whole family approach was new to the borough's teams.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_a_bare_code_shown_to_be_the_child() -> None:
    found = meta(
        "SCR KT12\n\nOverview Report\n\nContents\n\n"
        "1. Why the board held this review 3\n"
        "2. Information found after KT12’s death 9\n\n"
        "1.1 The health visitor saw the mother twice after the birth of KT12 and noted no "
        "worries.\n"
    )
    assert found.value("child_pseudonyms") == ["KT12"]
    assert found.value("outcome") == "died"


def test_a_worker_s_code_is_no_child() -> None:
    found = meta(
        "SCR Overview Report\n\nContents\n\n1. Why the board held this review 3\n\n"
        "1.1 HV2 visited the home twice and HV2 noted no worries about the baby.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_the_deaths_of_all_the_children_of_a_family() -> None:
    found = meta(
        "Serious Case Review\n\nThe Overview\n\n"
        "1.1 The board looked at nine years of work with the family before the deaths of "
        "both children in a car crash in June 2018.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2018
    general = meta(
        "Serious Case Review\n\nThe Overview\n\n"
        "1.1 Past reviews after the deaths of children in the county were read by the "
        "panel.\n"
    )
    assert general.value("outcome") is None


def test_a_child_smothered_by_a_parent_died() -> None:
    found = meta(
        "Serious Case Review\n\nSummary\n\n"
        "In the autumn of 2009 a father smothered his baby daughter, aged 4 months, and then "
        "handed himself in to the police.\n"
    )
    assert found.value("outcome") == "died"


def test_a_year_the_review_was_finalised_is_no_incident_year() -> None:
    found = meta(
        "Skip to content\n\n"
        "Last spring the partnership carried out a review of ‘Maisie’, who lived with her "
        "grandparents.\nDoctors found that ‘Maisie’ had a broken leg and bruising to her "
        "face.\nThe review was finalised in May 2021 and is linked below.\n"
    )
    assert found.value("outcome") == "serious_harm"
    assert found.value("incident_year") is None


def test_a_year_in_another_bullet_point_is_no_incident_year() -> None:
    found = meta(
        "Briefing: SCR Baby V\n\n"
        "Summary • Baby V, 3 months old • Died at home while sleeping beside a parent • "
        "Good practice: in May 2015 the midwife made a referral about the housing • The "
        "family had moved four times\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") is None


def test_the_ages_of_two_children_give_no_one_age() -> None:
    found = meta(
        "Serious Case Review\n\nSummary\n\n"
        "In the autumn of 2009 a father smothered his two daughters aged 6 and 3 years and "
        "then handed himself in to the police.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("child_age") is None
    assert found.value("child_sex") == "female"  # both daughters
    assert stated_age("the girl, aged 6 and a half, was found") == ("6 years 6 months", 78)


def test_an_age_heading_in_the_contents_is_no_age() -> None:
    found = meta(
        "Serious Case Review concerning Child T\n\nContents\n\n"
        "Early years Page 5 Age 9 Page 7 Age 10 Page 9\n\n"
        "1.1 Child T was seriously harmed by an adult she met online.\n"
    )
    assert found.value("child_pseudonyms") == ["Child T"]
    assert found.value("child_age") is None


GROUP = (
    "Learning briefing\n\nSCR into a youth club\n\n"
    "The review looked at how a volunteer at a youth club went unchecked for years. "
    "{harm} {after}\n"
)


def test_several_children_harmed_is_serious_harm() -> None:
    found = meta(
        GROUP.format(
            harm="Four children aged under ten were sexually abused by the volunteer.",
            after="The club has since closed.",
        )
    )
    assert found.value("outcome") == "serious_harm"
    feared = meta(
        GROUP.format(
            harm="Parents worried that children could be harmed there.",
            after="The club has since closed.",
        )
    )
    assert feared.value("outcome") is None


def test_the_year_a_case_came_to_light_or_went_to_court_is_no_incident_year() -> None:
    disclosed = meta(
        GROUP.format(
            harm="Four children aged under ten were sexually abused by the volunteer.",
            after="It came to light when one boy told a teacher in 2017.",
        )
    )
    assert disclosed.value("outcome") == "serious_harm"
    assert disclosed.value("incident_year") is None
    tried = meta(
        GROUP.format(
            harm="Four children aged under ten were sexually abused by the volunteer.",
            after="In 2018 the volunteer was convicted of eleven offences.",
        )
    )
    assert tried.value("incident_year") is None
    dated = meta(
        SCR_HARMED + "In 2018 Child F was admitted to hospital and her stepfather was charged.\n"
    )
    assert dated.value("incident_year") == 2018


SCR_HARMED = "Serious Case Review\n\nChild F\n\nExecutive Summary\n\n"


def test_reviews_named_by_two_children_in_a_heading() -> None:
    letters = meta(
        "Home | Partnership | Reviews\n\nPublished reviews\n\nSerious Case Reviews M & J\n\n"
        "Today the partnership publishes two reviews held after two toddlers drowned in "
        "garden ponds in 2019.\n"
    )
    assert letters.value("child_pseudonyms") == ["M", "J"]
    below = meta(
        "Eastshire Safeguarding Children Board\nSerious Case Review\nM & J Children\n"
        "Summary and Findings\nAnnie Lowe\nIndependent Author\n"
    )
    assert below.value("child_pseudonyms") == ["M", "J"]
    named = meta(
        "Learning from Case Reviews: Q and Tamsin March 2021 Len Ayers, Reviewer\n"
        "Aims • To share what two reviews taught us about self-harm in teenagers.\n"
    )
    assert named.value("child_pseudonyms") == ["Q", "Tamsin"]


def test_reviews_of_policy_and_practice_name_no_children() -> None:
    found = meta(
        "Learning from Case Reviews: Policy and Practice\n"
        "Aims • To share what recent reviews taught us about policy and practice.\n"
    )
    assert found.value("child_pseudonyms") is None


def test_reviews_named_by_two_children_then_what_happened_to_both() -> None:
    found = meta(
        "Home | Partnership | Reviews\n\nPublished reviews\n\nSerious Case Reviews M & J\n\n"
        "The partnership publishes two reviews, commissioned after the deaths of two "
        "toddlers in 2019 in garden ponds, on the same day.\n"
    )
    assert found.value("child_pseudonyms") == ["M", "J"]
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2019


def test_two_suicides_in_two_different_years_give_no_one_year() -> None:
    found = meta(
        "Learning from Case Reviews: Q and Tamsin March 2021 Len Ayers, Reviewer\n"
        "Between them two young people sadly took their own lives, in early 2018 & late 2019; one "
        "was 15 and one 17.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") is None


PAIR = "Learning from Case Reviews: Q and Tamsin March 2021 Len Ayers, Reviewer\n"


def test_one_age_said_of_both_children() -> None:
    found = meta(PAIR + "Between them two young people died by suicide, both aged 15 years.\n")
    assert found.value("child_pseudonyms") == ["Q", "Tamsin"]
    assert found.value("child_age") == "15 years"
    twins = meta(
        "Serious Case Reviews M & J\n\nHow we worked with twins born early.\n"
        "The twins were 9 weeks old when both died in their cot in 2020.\n"
    )
    assert twins.value("child_age_months") == 2
    apart = meta(
        PAIR + "Between them two young people died by suicide, one aged 15 and one aged 17.\n"
    )
    assert apart.value("child_age") is None


RADIO = "LISTEN: the board's chair talks to us - 02/02/2019\n\nFeb 02, 2019\n\n"


def test_a_news_page_naming_the_child_once_by_age_and_death() -> None:
    found = meta(
        RADIO + "A serious case review has found that warning signs were missed. Seven "
        "week-old Rory Pell died in March 2017 after a fall that was never explained.\n"
    )
    assert found.value("child_pseudonyms") == ["Rory Pell"]
    seen = meta(
        RADIO + "A serious case review has found that warning signs were missed. Seven "
        "week-old Rory Pell was seen by a doctor in March 2017 and sent home.\n"
    )
    assert seen.value("child_pseudonyms") is None
