"""The review's identity as real openings state it, in our own words: a publisher that is
not a board named inside a sentence, two bodies that commissioned one review, author lists
and the kind of document a title names after its subject."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

# --- the publisher named in a sentence ------------------------------------------------------


def test_a_council_that_published_the_review_in_a_news_story() -> None:
    found = meta(
        "Case review into toddler's injuries made public\n"
        "A review of how agencies helped a family in the town was finally published by "
        "Northvale Borough Council last week, two years after the boy was hurt.\n"
    )
    assert found.value("partnership") == "Northvale Borough Council"


def test_a_charity_that_commissioned_an_independent_review() -> None:
    found = meta(
        "Independent review calls for national plan\n"
        "An independent review commissioned by the charity Brighter Paths for Children has "
        "found that young people drawn into crime are let down by services.\n"
    )
    assert found.value("partnership") == "Brighter Paths for Children"


def test_the_body_that_commissioned_beats_the_team_that_wrote_it() -> None:
    found = meta(
        "Hidden harm and case reviews\n"
        "A report from the University of Westmoor commissioned by KIDSAFE\n"
        "Ann Lee, Bo Tran and Cy Dunn\n"
    )
    assert found.value("partnership") == "KIDSAFE"


def test_a_department_given_as_the_source_of_a_reposted_report() -> None:
    found = meta(
        "Patterns of harm: an analysis of case reviews 2016 to 2019\n"
        "Source: Department for Families published on this site on 4 May 2021\n"
    )
    assert found.value("partnership") == "Department for Families"


def test_a_report_by_an_ombudsman() -> None:
    found = meta(
        "Circumstances of the death of a young person in custody\n"
        "Report by the Youth Custody Ombudsman for England\n"
        "May 2009\n"
    )
    assert found.value("partnership") == "Youth Custody Ombudsman for England"


def test_a_person_or_a_board_left_unnamed_is_no_publisher() -> None:
    person = meta(
        "Lessons from one family\n"
        "The review, commissioned by Jo Bloggs in her last month as director, found gaps.\n"
    )
    unnamed = meta(
        "Baby's death prompts changes\n"
        "The review, commissioned by the Local Safeguarding Children Board, found that the "
        "health visitor had not been told.\n"
    )
    assert person.value("partnership") is None
    assert unnamed.value("partnership") is None
    named = meta(
        "Baby's death prompts changes\n"
        "The review, commissioned by the Northvale Local Safeguarding Children Board, found "
        "that the health visitor had not been told.\n"
    )
    assert named.value("partnership") == "Northvale Local Safeguarding Children Board"


# --- two bodies commissioned one review -----------------------------------------------------


def test_a_joint_review_with_both_bodies_on_the_cover() -> None:
    found = meta(
        "Eastmere Safeguarding Children Board\n"
        "Eastmere District Community Safety Partnership\n"
        "A Serious Case Review 'Child T'\n"
        "A Domestic Homicide Review 'Adult T'\n"
        "March 2016\n"
    )
    assert found.value("partnership") == (
        "Eastmere Safeguarding Children Board; Eastmere District Community Safety Partnership"
    )


def test_a_joint_review_commissioned_in_a_sentence() -> None:
    found = meta(
        "CHILD K SERIOUS CASE REVIEW AND DOMESTIC HOMICIDE REVIEW\n"
        "1. Introduction\n"
        "After a young man died, the Hollin Safeguarding Children Board and the Safer Hollin "
        "Partnership jointly commissioned this review.\n"
    )
    assert found.value("partnership") == (
        "Hollin Safeguarding Children Board; Safer Hollin Partnership"
    )


def test_a_board_name_broken_over_two_lines_is_one_body() -> None:
    found = meta(
        "Serious Case Review\nChild W\nMarsh Vale Borough Safeguarding\nChildren Board\nJune 2015\n"
    )
    assert found.value("partnership") == "Marsh Vale Borough Safeguarding Children Board"


def test_a_research_portal_table_names_its_publisher() -> None:
    found = meta(
        "Patterns of harm: an analysis of case reviews\n"
        "Original language | English |\n"
        "Publisher | Department for Families |\n"
        "Publication status | Published - June 2018 |\n"
    )
    assert found.value("partnership") == "Department for Families"


# --- authors --------------------------------------------------------------------------------


def test_every_author_of_an_about_the_authors_note() -> None:
    found = meta(
        "Learning from reviews of neglect\n"
        "Research report\n"
        "Authors\n"
        "Professor Ann Lee, Dr Bo Tran and Cy Dunn are members of the School of Care at "
        "the University of Westmoor.\n"
        "Dr Di Evans and Ed Ford are lecturers in nursing at Northgate College.\n"
        "Fay Gill is a consultant nurse at Westmoor Hospital.\n"
        "Disclaimer\n"
    )
    assert found.value("author") == (
        "Professor Ann Lee and Dr Bo Tran and Cy Dunn and Dr Di Evans and Ed Ford and Fay Gill"
    )


def test_authors_named_inline_after_the_label_and_in_a_later_clause() -> None:
    found = meta(
        "A study of review recommendations\n"
        "AUTHORS Dr Ann Lee and Bo Tran are members of the Centre for Family Research at "
        "Westmoor University, Dr Cy Dunn is a member of the Health Institute at Northgate.\n"
    )
    assert found.value("author") == "Dr Ann Lee and Bo Tran and Dr Cy Dunn"


def test_authors_joined_by_with() -> None:
    found = meta(
        "Serious Case Review\nChild Q\nPublished 3 March 2016\n"
        "Authors: Ann Lee with Bo Tran\nLead Reviewers\n"
    )
    assert found.value("author") == "Ann Lee and Bo Tran"


# --- the kind of document -------------------------------------------------------------------


def test_a_briefing_named_after_the_subject_of_its_title() -> None:
    found = meta(
        "Analysis of Serious Case Reviews in the North (2015-2018): Practice briefing for "
        "safeguarding partners\nJuly 2019\n"
    )
    assert found.value("review_type") == "briefing"


def test_a_review_title_with_briefing_after_the_colon() -> None:
    found = meta("Serious Case Review Child R: Briefing\nNorthvale Safeguarding Children Board\n")
    assert found.value("review_type") == "briefing"


def test_a_news_page_about_a_bodys_annual_report() -> None:
    found = meta(
        "Panel urges faster change to protect children\n"
        "The Child Safeguarding Practice Review Panel has today published its fourth annual "
        "report, drawing on rapid reviews and national reviews of the year.\n"
    )
    assert found.value("review_type") == "other"


def test_a_briefing_that_cites_an_annual_report_is_not_one() -> None:
    found = meta(
        "Information sharing: learning from case reviews\n"
        "Case reviews keep finding gaps, as the Panel's annual report for last year said.\n"
        "This briefing draws on case reviews published by local partnerships.\n"
    )
    assert found.value("review_type") != "other"


# --- the title block ------------------------------------------------------------------------


def test_an_executive_summary_label_above_the_kind_of_review() -> None:
    found = meta(
        "NORTHVALE SAFEGUARDING CHILDREN BOARD\n"
        "EXECUTIVE SUMMARY REPORT\n"
        "SERIOUS CASE REVIEW\n"
        "Children P, Q and R\n"
        "Author: Jo Bloggs\n"
    )
    assert (
        found.value("title") == "EXECUTIVE SUMMARY REPORT SERIOUS CASE REVIEW Children P, Q and R"
    )


def test_a_bare_kind_line_under_its_title() -> None:
    found = meta(
        "Spotting the signs of drug running by children\n"
        "A case study\n"
        "October 2019\n"
        "Author: Jo Bloggs, Lead Investigator\n"
    )
    assert found.value("title") == "Spotting the signs of drug running by children: A case study"


def test_a_title_broken_mid_phrase_over_cover_lines() -> None:
    found = meta(
        "Independent Inquiry into Neglect of Children\n"
        "Placed in Northvale\n"
        "2001 - 2012\n"
        "Jo Bloggs OBE\n"
        "Preface\n"
    )
    assert found.value("title") == (
        "Independent Inquiry into Neglect of Children Placed in Northvale 2001 - 2012"
    )


def test_a_title_and_child_over_the_board_line_do_not_run_on() -> None:
    found = meta(
        "Serious Case Review Child S & Child T\nEastmere Safeguarding Children Board, 2015\n"
    )
    assert found.value("title") == "Serious Case Review Child S & Child T"


def test_a_year_range_run_together_by_the_pdf() -> None:
    found = meta(
        "Research Report RR-99\nA study of the findings of case reviews 20112012\nAnn Lee\n"
    )
    assert found.value("title") == "A study of the findings of case reviews 2011-2012"


# --- the publication date -------------------------------------------------------------------


def test_a_cover_date_beats_a_date_another_document_was_published_in_prose() -> None:
    found = meta(
        "First annual report of the review experts group\n"
        "August 2015 Contents\n"
        "1. The national guidance on joint working, which was published in April 2013, set "
        "up a group of experts to advise boards on their reviews and their publication.\n"
    )
    assert found.value("publication_date") == "2015-08"


def test_a_cover_date_with_a_two_digit_year() -> None:
    found = meta(
        "Northvale Safeguarding Children Partnership\n"
        "Local Child Safeguarding Practice Review\n"
        "Child ZQ21\n"
        "14/03/21\n"
        "Author: Jo Bloggs\n"
    )
    assert found.value("publication_date") == "2021-03-14"


def test_an_isbn_before_the_imprint_date_is_no_day() -> None:
    found = meta(
        "Understanding reviews of neglect\n"
        "Research report\n"
        "The views in this report are the authors' own and not those of the Department. "
        "© University of Westmoor 2012 ISBN 978 1 23456 789 4 October 2012\n"
    )
    assert found.value("publication_date") == "2012-10"


# --- publishers that are no board -----------------------------------------------------------


def test_a_board_in_brackets_after_a_steering_group_member_is_no_publisher() -> None:
    found = meta(
        "Reviews of child deaths: a two-year analysis\n"
        "Research report\n"
        "Acknowledgements We thank the steering group: Ann Lee, (Northvale Area Child "
        "Protection Committee), Bo Tran (NSPCC) and Cy Dunn.\n"
        "© University of Westmoor 2010 ISBN 978 1 23456 789 0 May 2010\n"
    )
    assert found.value("partnership") == "University of Westmoor"


def test_a_body_known_by_its_initials_that_commissioned_the_review() -> None:
    found = meta(
        "Findings from a thematic analysis of practice reviews in the region\n"
        "Two years on, the NWSB commissioned a further review of its practice reviews.\n"
    )
    assert found.value("partnership") == "NWSB"


def test_a_generic_boards_initials_are_no_publisher() -> None:
    found = meta(
        "Lessons from a baby's death\n"
        "The LSCB commissioned a review after the baby died and the report is now out.\n"
    )
    assert found.value("partnership") is None
    own_initials = meta(
        "Lessons from a baby's death\n"
        "The NWSB commissioned a review after the baby died and the report is now out.\n"
    )
    assert own_initials.value("partnership") == "NWSB"


def test_a_news_headline_that_quotes_the_reports_own_title() -> None:
    found = meta(
        "New Briefing Paper on Keeping Babies Safe in Winter Published\n"
        "Date: Monday, 3rd March 2025 | Category: Resources\n"
        "A new paper from the national panel has been released. The paper, titled Keeping "
        "Babies Safe in Winter, aims to help staff who visit families with babies.\n"
    )
    assert found.value("title") == "Keeping Babies Safe in Winter"


def test_a_research_articles_long_title_with_its_design_after_a_colon() -> None:
    found = meta(
        "Article Text\nOriginal research\n"
        "Shared factors in case reviews of children where there is a long-term illness "
        "before death in the family home: qualitative thematic analysis\n"
        "1. Ann Lee1,2,\n2. Bo Tran3\n"
    )
    assert found.value("title") == (
        "Shared factors in case reviews of children where there is a long-term illness "
        "before death in the family home: qualitative thematic analysis"
    )


def test_a_web_heading_run_into_its_standfirst() -> None:
    found = meta(
        "Young carers: what our case reviews teach Key messages of the reviews for staff who meet "
        "children caring for a parent\n"
        "Young carers can be hidden from services.\n"
    )
    assert found.value("title") == "Young carers: what our case reviews teach"


def test_a_title_on_childrens_deaths_and_their_lessons_is_thematic() -> None:
    found = meta(
        "Deaths of Young People in Secure Care: What Was Done, Lessons Learnt\nContents\nForeword\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_a_learning_lessons_bulletin_is_thematic() -> None:
    found = meta(
        "Learning Lessons Bulletin: Self-harm among young people in custody\n"
        "This bulletin draws on the investigations my office carried out last year.\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_an_office_holders_signed_foreword_names_the_author() -> None:
    found = meta(
        "Young people in custody - what we learned\n"
        "This bulletin draws on three investigations my office completed in the last year "
        "and sets out what might prevent such tragedies. I hope the lessons are acted on. "
        "Jo Bloggs CBE, Youth Custody Ombudsman\n"
    )
    assert found.value("author") == "Jo Bloggs"


def test_a_commissioner_quoted_in_a_news_story_is_no_author() -> None:
    found = meta(
        "Call for action after review of child's death\n"
        "Jo Bloggs, Children's Commissioner for England, said the findings were shocking.\n"
    )
    assert found.value("author") is None
    writer = meta(
        "Call for action after review of child's death\n"
        "The report, written by independent author Jo Bloggs, found that the baby was not seen.\n"
    )
    assert writer.value("author") == "Jo Bloggs"


def test_a_body_in_lower_case_after_its_place_in_a_news_story() -> None:
    found = meta(
        "Neglected siblings let down by schools\n"
        "A serious case review into four siblings found that the school missed signs.\n"
        "The review by Eastmere area child protection committee said records were poor.\n"
    )
    assert found.value("partnership") == "Eastmere Area Child Protection Committee"


def test_the_body_an_annual_report_reports_on() -> None:
    found = meta(
        "Second annual report Expert group on practice reviews\n"
        "June 2016 Contents\n"
        "Expert group on practice reviews: second annual report 3\n"
        "Introduction 3\n"
    )
    assert found.value("partnership") is None  # a group is no panel, board or committee
    panel = meta(
        "Second annual report National advisory panel on practice reviews\n"
        "June 2016 Contents\n"
        "National advisory panel on practice reviews: second annual report 3\n"
    )
    assert panel.value("partnership") == "National advisory panel on practice reviews"


def test_the_reviewers_named_in_a_news_sentence_with_their_employers() -> None:
    found = meta(
        "Baby's death reviewed\n"
        "The reviewers were Ann Lee, of the Northvale Health Board, and Bo Tran of "
        "Eastmere County Council.\n"
    )
    assert found.value("author") == "Ann Lee and Bo Tran"


def test_a_web_dateline_with_its_time() -> None:
    found = meta(
        "Agencies must act on exploitation, report finds\n"
        "22 Mar 2019 09:05 AM\n"
        "Services in the county missed chances to act, says a review out this week.\n"
    )
    assert found.value("publication_date") == "2019-03-22"


def test_a_briefing_on_recommendations_from_the_panel_is_not_the_panels() -> None:
    found = meta(
        "Neglect and older children: our briefing\n"
        "Publication date May 2023\n"
        "In April 2023 the Child Safeguarding Practice Review Panel published its findings "
        "on neglect of teenagers.\n"
        "This briefing summarises the findings and recommendations from the Panel report.\n"
    )
    assert found.value("partnership") is None
    own = meta(
        "Neglect and older children: the national review\n"
        "Publication date May 2023\n"
        "In April 2023 the Child Safeguarding Practice Review Panel published this review of "
        "neglect of teenagers.\n"
    )
    assert own.value("partnership") == "Child Safeguarding Practice Review Panel"


# --- guards: what the new rules must not take -----------------------------------------------


def test_a_council_under_a_title_is_not_part_of_it() -> None:
    found = meta("Review of services for disabled children\nNorthvale Borough Council\nMay 2012\n")
    assert found.value("title") == "Review of services for disabled children"


def test_a_department_that_published_other_guidance_is_no_publisher() -> None:
    found = meta(
        "Lessons for schools\n"
        "In 2018 the NCSA published its guidance on joint working, which this note follows.\n"
    )
    assert found.value("partnership") is None
    commissioner = meta(
        "Lessons for schools\n"
        "Two years on, the NCSA commissioned a further review of joint working.\n"
    )
    assert commissioner.value("partnership") == "NCSA"


def test_a_lower_case_generic_board_is_no_publisher() -> None:
    found = meta(
        "Toddler's death: agencies criticised\n"
        "The review by the Local safeguarding children board said staff missed chances.\n"
    )
    assert found.value("partnership") is None
    placed = meta(
        "Toddler's death: agencies criticised\n"
        "The review by the Eastmere safeguarding children board said staff missed chances.\n"
    )
    assert placed.value("partnership") == "Eastmere Safeguarding Children Board"


# --- partnership names and kinds of review as newer arrangements write them ------------------


def test_partnership_names_of_the_newer_arrangements() -> None:
    for name in (
        "Eastshire Safeguarding Children Multi-Agency Partnership",
        "Westvale Safeguarding Vulnerable People Partnership",
        "North Vale Safeguarding Adults and Children Board",
    ):
        found = meta(f"Local Child Safeguarding Practice Review\n{name}\nChild Q\nMay 2022\n")
        assert found.value("partnership") == name


def test_a_safeguarding_practice_review_without_child_in_its_name() -> None:
    found = meta("Eastshire Local Safeguarding Practice Review\nChild W\nJune 2021\n")
    assert found.value("review_type") == "lcspr"


def test_a_cover_title_with_no_kind_of_review_under_its_publisher() -> None:
    found = meta(
        "Child Safeguarding Practice Review Panel\n"
        "The quiet house\n"
        "Keeping toddlers safe when a parent drinks\n"
        "March 2023\n"
    )
    assert found.value("title") == "The quiet house: Keeping toddlers safe when a parent drinks"


def test_a_briefing_title_run_into_the_partnership_line() -> None:
    found = meta(
        "7 Minute Briefing\nChild H – Local Child Safeguarding Practice Review\n"
        "Northvale Safeguarding Partnership\n"
    )
    assert found.value("partnership") == "Northvale Safeguarding Partnership"


def test_a_reviewers_company_is_no_second_author() -> None:
    found = meta(
        "Child Safeguarding Practice Review\nChild M\n"
        "Independent Reviewer: Jo Bloggs, Bloggs Consulting Ltd\nJune 2019\n"
    )
    assert found.value("author") == "Jo Bloggs"


def test_a_board_named_by_its_place_and_initials_only() -> None:
    found = meta(
        "Overview Report into the death of Baby R\nDate of Birth: 1/2/2012\n"
        "Date of Death: 3/5/2012\nNorthvale LSCB\n"
    )
    assert found.value("partnership") == "Northvale LSCB"
    assert found.value("publication_date") is None


def test_initials_of_someones_employer_are_no_publisher() -> None:
    found = meta(
        "A study of case review recommendations\n"
        "We thank Jo Bloggs from Northvale LSCB for her advice on the final draft.\n"
    )
    assert found.value("partnership") is None
    on_the_cover = meta(
        "A study of case review recommendations\n"
        "Northvale LSCB\n"
        "We thank Jo Bloggs for her advice on the final draft.\n"
    )
    assert on_the_cover.value("partnership") == "Northvale LSCB"


def test_a_name_after_by_on_the_author_line() -> None:
    found = meta(
        "Child Safeguarding Practice Review: Child C\nBy Ann Lee, Independent Reviewer\n"
        "Northvale Safeguarding Children Partnership\n"
    )
    assert found.value("author") == "Ann Lee"


def test_a_labelled_line_under_a_title_does_not_run_on() -> None:
    found = meta(
        "Thematic review of neglect cases\nNorthvale Safeguarding Children Board\n"
        "November 2017\nCommissioned from: Bo Tran Associates\n"
    )
    assert found.value("title") == "Thematic review of neglect cases"


def test_a_board_by_initials_under_the_title_is_no_part_of_it() -> None:
    found = meta("Serious Case Review\nChild U\nVersion 1.0 - Final - 12.01.2017\nNorthvale LSCB\n")
    assert found.value("title") == "Serious Case Review Child U"


def test_a_publication_date_beats_the_report_date() -> None:
    found = meta(
        "Northvale Safeguarding Children Board\nSerious Case Review\nChild F\n"
        "Report author: Ann Lee\nReport date: 16th July 2015\n"
        "Publication date: 9th November 2015\n"
    )
    assert found.value("publication_date") == "2015-11-09"


def test_a_sites_repost_date_is_not_the_reports() -> None:
    found = meta(
        "Patterns of harm: an analysis of case reviews 2016-2019 Final report June 2021\n"
        "Source: Department for Families published on this site Monday 5th July 2021\n"
    )
    assert found.value("publication_date") == "2021-06"


def test_a_sentence_cut_at_its_author_is_no_title() -> None:
    found = meta(
        "Teen's death: services failed\n"
        "The report, written by independent author Dr Bo Tran, found that the boy was not seen.\n"
    )
    assert "The report" not in str(found.value("title"))
    assert found.value("author") == "Dr Bo Tran"
