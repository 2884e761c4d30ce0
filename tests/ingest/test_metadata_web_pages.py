"""Real reviews also reach us as web pages about one review (a board's news item, a local
paper's report) and as covers run together by hosting sites. Patterns reproduced in our own
words: headlines over prose, prose that is never a title, reports 'into' something under
the kind of review, run-together covers cut at their contents list."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.types import ReviewMetadata


def meta(text: str, name: str = "page.txt") -> ReviewMetadata:
    return parse_document(Path(name), text.encode()).metadata


PARAGRAPH = (
    "A review published by the local partnership this week looked at how nurses, police "
    "officers and social workers shared what they knew about the family in the months before, "
    "and it makes six recommendations for the agencies involved."
)


def test_a_news_headline_over_its_first_paragraph_is_the_title() -> None:
    found = meta(
        "Council services missed warning signs before toddler was hurt\n\n- Published\n\n"
        f"{PARAGRAPH}\n\nThe review said staff changed often, but it did not blame one person.\n"
    )
    assert found.value("title") == "Council services missed warning signs before toddler was hurt"


def test_prose_is_never_the_title() -> None:
    found = meta(
        f"{PARAGRAPH}\n\nThe review said that records were kept in three separate systems and "
        "that nobody had read all of them before the case conference in the spring\n"
    )
    assert found.value("title") is None
    headed = meta(
        f"Records kept in three systems, review finds\n\n{PARAGRAPH}\n\nThe review said that "
        "records were kept in three separate systems and that nobody had read all of them "
        "before the case conference in the spring\n"
    )
    assert headed.value("title") == "Records kept in three systems, review finds"


def test_a_heading_after_the_first_paragraph_is_not_the_title() -> None:
    found = meta(f"{PARAGRAPH}\n\nSerious case reviews\n\nThe reviews look at what went wrong.\n")
    assert found.value("title") is None
    first = meta(f"Serious case reviews\n\n{PARAGRAPH}\n\nThe reviews look at what went wrong.\n")
    assert first.value("title") == "Serious case reviews"


def test_a_report_into_something_carries_the_title_on() -> None:
    found = meta(
        "ASHDOWN COMMUNITY SAFETY PARTNERSHIP\n\nDOMESTIC HOMICIDE REVIEW\n\n"
        "Overview Report into the death of RT\n\nIndependent Chair: Pat Ogundipe\n\n"
        "1. Introduction\n"
    )
    assert found.value("title") == "DOMESTIC HOMICIDE REVIEW Overview Report into the death of RT"


def test_a_run_together_cover_is_cut_at_its_contents_list() -> None:
    found = meta(
        "Fenmoor Safeguarding Children Board SERIOUS CASE REVIEW Child P, Child Q "
        "Final report for publication CONTENTS 1. Introduction 1.1 Why we reviewed Page 2 "
        "2. What happened Page 4 3. Findings Page 9 1. INTRODUCTION 1.1 In the spring of "
        "the year the police told the board that two girls had been harmed by adults they "
        "met online, and the board agreed to review how agencies had worked together.\n"
    )
    assert found.value("title") == "SERIOUS CASE REVIEW Child P, Child Q"
    assert found.value("review_type") == "serious_case_review"
    assert found.value("partnership") == "Fenmoor Safeguarding Children Board"


def test_a_board_name_with_its_initials_stays_in_a_headline() -> None:
    found = meta(
        "Westmarsh Safeguarding Children Board (WSCB) – Serious case review\n\n"
        "The board has published the report of a serious case review about a boy of nine.\n"
    )
    assert found.value("title") == (
        "Westmarsh Safeguarding Children Board (WSCB) – Serious case review"
    )


def test_a_hosting_sites_transcript_of_line_starts_the_document() -> None:
    found = meta(
        "Baby K Serious Case Review And\n\nPreparing to load PDF file. please wait...\n\n"
        "0 of 0\n\n100%\n\nTranscript Of Baby K Serious Case Review And\n\n"
        "BABY K SERIOUS CASE REVIEW\n\nReport into the injuries to Baby K\n\n"
        "Independent Reviewer: Dana Whitlow\n"
    )
    assert found.value("title") == "BABY K SERIOUS CASE REVIEW Report into the injuries to Baby K"


def test_a_child_the_text_says_it_names_is_the_pseudonym() -> None:
    found = meta(
        "Review finds gaps before infant death\n\n"
        "A review into the death of a baby girl in a coastal town has been published. The girl, "
        "referred to as Child T to protect her family, died in 2019 at the age of ten weeks. "
        "Staff had visited the home twice in the month before she died.\n"
    )
    assert found.value("child_pseudonyms") == ["Child T"]
    assert found.value("child_sex") == "female"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2019


def test_of_two_names_introduced_together_the_child_is_kept() -> None:
    found = meta(
        "Infant died after night on sofa, review says\n\n"
        "A two-month-old baby died after falling asleep on a sofa with an adult, a serious case "
        "review has found. The family were referred to by the pseudonyms Milo and Rhian in the "
        "review. Milo's mother told the reviewer she had been very tired that night.\n"
    )
    assert found.value("child_pseudonyms") == ["Milo"]
    assert found.value("child_age") == "2 months"
    assert found.value("child_sex") is None  # the text never says


def test_the_describing_sentence_before_the_name_gives_the_age() -> None:
    found = meta(
        "Baby's death could not have been foreseen\n\n"
        "A five-week-old baby died in his parents' bed, a serious case review has found. "
        "The baby, who is known only as Child W, had been seen by a health visitor the week "
        "before. His father said the family had moved house twice that year.\n"
    )
    assert found.value("child_pseudonyms") == ["Child W"]
    assert found.value("child_age") == "5 weeks"
    assert found.value("child_age_months") == 1


def test_his_or_her_parent_gives_the_childs_sex() -> None:
    found = meta(
        "Serious Case Review Child V\n\n"
        "Child V was found unresponsive at home early one morning in 2016. Child V had been "
        "sleeping in the same bed as his mother, who had been drinking the evening before. "
        "Paramedics took Child V to hospital where he was later pronounced dead.\n"
    )
    assert found.value("child_sex") == "male"


def test_an_age_bound_is_not_an_age() -> None:
    found = meta(
        "Child Practice Review\n\nThe baby girl, referred to as Baby U, was less than four "
        "months old when she died in 2020 while sharing a bed with an adult.\n"
    )
    assert found.value("child_age") is None
    assert found.value("outcome") == "died"


def test_a_page_naming_no_review_that_tells_of_one_child() -> None:
    found = meta(
        "Agencies missed chances to help family, report finds\n\n"
        "A report has found that agencies were slow to act before a seven-week-old baby boy "
        "died in March 2022. The report, written for the county's safeguarding partnership, "
        "said his mother had told a midwife she felt unable to cope.\n"
    )
    assert found.value("child_age") == "7 weeks"
    assert found.value("child_sex") == "male"
    assert found.value("outcome") == "died"
    assert found.value("incident_year") == 2022


def test_several_reviews_published_together_are_not_a_thematic_review() -> None:
    found = meta(
        "Board publishes three serious case reviews\n\n"
        "The safeguarding board has published three serious case reviews about babies who were "
        "injured at home, and says that each one found missed chances to share information.\n"
    )
    assert found.value("review_type") == "serious_case_review"


def test_an_inquiry_mentioned_in_prose_gives_no_review_type() -> None:
    found = meta(
        "A man who looked after a toddler has been jailed, and an inquiry heard that staff "
        "had raised concerns about the home several times before the child was hurt.\n"
    )
    assert found.value("review_type") is None
    a_kind = meta(
        "A man who looked after a toddler has been jailed, and a serious case review found "
        "that staff had raised concerns about the home several times before the child was hurt.\n"
    )
    assert a_kind.value("review_type") == "serious_case_review"


def test_a_board_named_after_a_person_and_role_in_a_sentence() -> None:
    found = meta(
        "Review of help for teenagers published\n\n"
        "Sam Okafor, Chair of the Hollin Vale Safeguarding Children Board, said the review "
        "would change how agencies respond when a young person goes missing from home.\n"
    )
    assert found.value("partnership") == "Hollin Vale Safeguarding Children Board"


def test_a_board_named_after_other_words_in_a_sentence() -> None:
    found = meta(
        "Toddler died after fall, review finds\n\n"
        "The family were called Ada and Tom in the Marlow Heath Safeguarding Children Board "
        "review, which was published on its website this week after a long delay.\n"
    )
    assert found.value("partnership") == "Marlow Heath Safeguarding Children Board"


def test_a_community_safety_partnership_publishes_a_homicide_review() -> None:
    found = meta(
        "BRAMLEY COMMUNITY SAFETY PARTNERSHIP\n\nDOMESTIC HOMICIDE REVIEW\n\n"
        "Overview Report into the death of KP\n\nJune 2015\n\n"
        "Independent Chair and Author of Report: Lee Anand\n\nDate of Completion: April 2017\n"
    )
    assert found.value("partnership") == "BRAMLEY COMMUNITY SAFETY PARTNERSHIP"
    assert found.value("author") == "Lee Anand"
    assert found.value("publication_date") == "2017-04"


def test_a_date_after_the_names_under_a_reviewers_label() -> None:
    found = meta(
        "SERIOUS CASE REVIEW\n\nChild J\n\nIndependent Reviewers:\n\n"
        "Tess Morgan & Ravi Chandra October 2018\n\nCONTENTS\n"
    )
    assert found.value("publication_date") == "2018-10"
    assert found.value("author") == "Tess Morgan and Ravi Chandra"


def test_a_news_pages_dateline_is_its_date() -> None:
    found = meta(
        "Partnership publishes review into teenager's care\n\nBy Jo Rees\n\n"
        "14th Mar 2023 | Local News\n\n"
        "A child safeguarding practice review found that a fifteen-year-old girl was moved "
        "between five placements in a year, and that nobody asked her what she wanted.\n"
    )
    assert found.value("publication_date") == "2023-03-14"


def test_published_today_in_brackets_is_the_date() -> None:
    found = meta(
        "Panel publishes annual findings\n\n"
        "The national panel has today (3 November 2021) published a report on the incidents "
        "notified to it in the year, with learning for local partnerships in England.\n"
    )
    assert found.value("publication_date") == "2021-11-03"


def test_children_listed_together_are_each_a_subject() -> None:
    found = meta(
        "Dunhill Safeguarding Children Board\n\nReport of the Serious Case Review Regarding "
        "Children C & D\n\nAuthors: Mia Hart, Leo Grant\n\n1. Introduction\n"
    )
    assert found.value("child_pseudonyms") == ["Child C", "Child D"]


def test_a_name_in_quotation_marks_in_the_title_is_the_pseudonym() -> None:
    found = meta(
        "Agenda item\n\nLearning from the Serious Case Review of “Rosa”\n\nMinutes:\n\n"
        "The board heard how the review was carried out and what it found.\n"
    )
    assert found.value("child_pseudonyms") == ["Rosa"]


def test_the_criteria_for_a_review_are_not_what_happened() -> None:
    found = meta(
        "Serious Case Review Panel report\n\n"
        "A review must be held where abuse or neglect of a young person is known or suspected "
        "and the child died or was seriously harmed. The panel agreed the case met the "
        "criteria and asked an independent author to lead the review.\n"
    )
    assert found.value("outcome") is None
    what_happened = meta(
        "Serious Case Review Panel report\n\n"
        "The young person died in March 2020. The panel agreed the case met the criteria and "
        "asked an independent author to lead the review.\n"
    )
    assert what_happened.value("outcome") == "died"


def test_a_duty_to_undertake_a_review_is_criteria_too() -> None:
    found = meta(
        "Overview\n\nThe regulations oblige the board to undertake a serious case review "
        "where harm to a young person through neglect is known or suspected and the young "
        "person has been seriously harmed. The board commissioned an independent author.\n"
    )
    assert found.value("outcome") is None


def test_a_run_together_cover_stops_before_its_publication_label() -> None:
    found = meta(
        "Eastmere Local Safeguarding Children Board Serious Case Review “Tilly” Published:- "
        "9th March 2017 Author: Ines Varga 1. INTRODUCTION ........ 3 2. REASONS FOR THE "
        "REVIEW ........ 5 3. BACKGROUND ........ 9 1. INTRODUCTION 1.1 This report belongs "
        "to the board that asked for it and is published in full.\n"
    )
    assert found.value("title") == "Serious Case Review “Tilly”"
    assert found.value("publication_date") == "2017-03-09"
    assert found.value("author") == "Ines Varga"
    assert found.value("child_pseudonyms") == ["Tilly"]


def test_a_name_introduced_in_quotation_marks_is_one_child() -> None:
    found = meta(
        "Girl left without food for weeks, review finds\n\n"
        "A serious case review found that a six-year-old girl, named as ‘Child R’, was seen by "
        "no professional for three months in 2018. Child R was admitted to hospital weighing "
        "far less than a child of her age should.\n"
    )
    assert found.value("child_pseudonyms") == ["Child R"]
    assert found.value("child_age") == "6 years"


def test_a_girl_and_a_boy_described_together_give_no_single_sex() -> None:
    found = meta(
        "Two reviews published\n\n"
        "The reviews concern the death of a three-month-old girl, known as Nia, and injuries "
        "to a ten-month-old boy, known as Owen, in two unrelated families in 2019.\n"
    )
    assert found.value("child_pseudonyms") == ["Nia", "Owen"]
    assert found.value("child_sex") is None
    assert found.value("child_age") is None


def test_an_adults_pronouns_are_not_the_childs_sex() -> None:
    found = meta(
        "National review following the death of Baby J\n\n"
        "The national panel will review what happened to Baby J. The chair of the panel set "
        "out her plans in her letter to the minister, and she said the review would report "
        "within a year.\n"
    )
    assert found.value("child_sex") is None
    the_babys = meta(
        "National review following the death of Baby J\n\n"
        "The national panel will review what happened to Baby J, who was four weeks old when "
        "she died. The chair of the panel set out her plans in her letter to the minister.\n"
    )
    assert the_babys.value("child_sex") == "female"


def test_a_sentence_wrapped_over_lines_is_not_a_title() -> None:
    found = meta(
        "Abstract\n\nChild K – Northfold 2016\n\n"
        "Partnership review into the help given to a 14-year-old boy, referred to\n\n"
        "early help services in May 2015, after he stopped going to school.\n"
    )
    assert found.value("title") == "Child K – Northfold 2016"


def test_one_child_dead_and_another_hurt_give_no_single_outcome() -> None:
    found = meta(
        "Board publishes two serious case reviews\n\n"
        "The reviews look at the death of a baby known as Baby P1 and injuries to a toddler "
        "known as Baby P2, in two families living in the same town.\n"
    )
    assert found.value("child_pseudonyms") == ["Baby P1", "Baby P2"]
    assert found.value("outcome") is None


def test_a_boards_publication_page_over_a_paragraph_naming_a_date() -> None:
    found = meta(
        "Publication of CPR Westvale 3\n\nDana Price\n\n"
        "This Concise Child Practice Review was commissioned by the Chair of the Westvale "
        "Regional Safeguarding Children Board in March 2017. The review followed injuries to "
        "a baby boy who was known to several agencies but not to children's services.\n"
    )
    assert found.value("title") == "Publication of CPR Westvale 3"
    assert found.value("review_type") == "child_practice_review"


def test_a_review_the_opening_calls_thematic_is_thematic() -> None:
    found = meta(
        "Child Safeguarding Practice Review – help for families living with neglect\n\n"
        "1. Introduction\n\nThis briefing gives a summary of a thematic child safeguarding "
        "practice review about four families, written so that no child can be recognised.\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_a_partnership_board_keeps_its_last_word() -> None:
    found = meta(
        "Review published\n\nThe Ravensholt Safeguarding Children Partnership Board has "
        "published a review about a baby who was injured at home in the spring.\n"
    )
    assert found.value("partnership") == "Ravensholt Safeguarding Children Partnership Board"
