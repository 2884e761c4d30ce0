"""Second round of real-review patterns, reproduced in our own words: a label over the
title it heads, pages that report on the Panel's work, headings that are not authors, and
the child and incident told in a briefing's or statement's narrative."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta


def test_a_label_line_heads_the_title_below_it() -> None:
    found = meta(
        "Serious Case Review\n\nBaby Rowan\n\nOVERVIEW REPORT\n\n"
        "Independent reviewer: Tamsin Keel\n\n"
        "1. Introduction\n\nThis review looks at the services offered to the family.\n"
    )
    assert found.value("title") == "Serious Case Review Baby Rowan OVERVIEW REPORT"


def test_a_series_label_keeps_the_heading_that_follows() -> None:
    found = meta(
        "Knowledge Bite\nHeadlines from the county audit of neglect cases\n\n"
        "The audit looked at forty families known to early help services over two years "
        "and what helped them.\n"
    )
    assert found.value("title") == (
        "Knowledge Bite Headlines from the county audit of neglect cases"
    )


def test_a_page_summarising_the_panels_report_was_not_published_by_it() -> None:
    found = meta(
        "Quick read for health visitors\n\n"
        "A summary of the Child Safeguarding Practice Review Panel report on sleeping "
        "deaths, with questions for team meetings.\n\n"
        "The Panel looked at the deaths of babies whose families were known to services.\n"
    )
    assert found.value("partnership") is None
    its_own = meta(
        "Quick read for health visitors\n\n"
        "A report by the Child Safeguarding Practice Review Panel on sleeping deaths, with "
        "questions for team meetings.\n\n"
        "The Panel looked at the deaths of babies whose families were known to services.\n"
    )
    assert its_own.value("partnership") == "Child Safeguarding Practice Review Panel"


def test_a_member_of_the_panel_does_not_make_it_the_publisher() -> None:
    found = meta(
        "Charity review calls for a new duty on schools\n\n"
        "The review was chaired by a retired judge. Its members included a head teacher "
        "and a former member of the Child Safeguarding Practice Review Panel.\n"
    )
    assert found.value("partnership") is None
    commissioned = meta(
        "Charity review calls for a new duty on schools\n\n"
        "The review was commissioned by the Child Safeguarding Practice Review Panel. Its "
        "members included a head teacher and a retired judge.\n"
    )
    assert commissioned.value("partnership") == "Child Safeguarding Practice Review Panel"


def test_partnerships_in_the_plural_are_not_a_publisher() -> None:
    found = meta(
        "What local plans say\n\n"
        "This note gives the results of a Survey of Safeguarding Partnerships' yearly plans "
        "for children who go missing.\n"
    )
    assert found.value("partnership") is None
    one_partnership = meta(
        "What local plans say\n\n"
        "This note gives the results of a survey by the Northvale Safeguarding Partnership of "
        "its yearly plans for children who go missing.\n"
    )
    assert one_partnership.value("partnership") == "Northvale Safeguarding Partnership"


def test_a_heading_under_a_sentence_naming_a_year_is_not_an_author() -> None:
    found = meta(
        "Thematic review of three infants who were injured at home during 2021.\n"
        "Main Points\n"
        "- Health visitors saw the babies less often than usual while clinics were shut.\n"
    )
    assert found.value("author") is None
    labelled = meta(
        "Thematic review of three infants who were injured at home during 2021.\n"
        "Author: Jo Bloggs\n"
        "Main Points\n"
        "- Health visitors saw the babies less often than usual while clinics were shut.\n"
    )
    assert labelled.value("author") == "Jo Bloggs"


def test_a_repository_sheet_before_the_cover_gives_way_to_the_covers_title() -> None:
    found = meta(
        "Serious Case Review\n"
        "Ref: 2016/X1234\n"
        "Published by the Children's Reading Trust\n"
        "For a local board that has asked not to be named\n"
        "An independent reviewer wrote this report for the board that commissioned it.\n"
        "Copyright of this report remains with the commissioning board.\n"
        "Serious Case Review\n"
        "Overview Report\n"
        "Help offered to a family moving\n"
        "between three counties\n"
        "Independent Reviewer\n"
        "Lena Morrow\n"
    )
    assert found.value("title") == (
        "Serious Case Review Overview Report Help offered to a family moving between three counties"
    )
    assert found.value("partnership") == "Children's Reading Trust"


def test_a_label_over_a_list_of_children_names_each_child() -> None:
    found = meta(
        "Serious Case Review\nRef: 2019/Y5555\n"
        "Copyright of this report remains with the commissioning board.\n"
        "EXECUTIVE SUMMARY\nSERIOUS CASE REVIEW\nChildren L, M and N\n"
        "Author: Ravi Dhillon\n"
    )
    assert found.value("child_pseudonyms") == ["Child L", "Child M", "Child N"]


def test_a_briefing_named_after_a_child_with_a_short_name_tells_of_that_child() -> None:
    found = meta(
        "Learning Briefing: Jo – burns to a baby at home\n\n"
        "What happened\n\n"
        "Jo, a 9-week old infant, was taken to hospital with burns to both feet and a "
        "fracture of the arm that nobody could explain.\n\n"
        "Jo lived with both parents and an older brother.\n"
    )
    assert found.value("child_pseudonyms") == ["Jo"]
    assert found.value("child_age_months") == 2
    assert found.value("outcome") == "serious_harm"


def test_an_image_caption_is_not_a_news_pages_title() -> None:
    found = meta(
        "Charity warns that help for young carers comes too late\n\n"
        "Priya Nair - Press Officer\nMonday 3 June 2024\n"
        "Young carers review - report cover image\n\n"
        "A review commissioned by the charity found that young carers wait months for "
        "support and that schools rarely know who they are.\n"
    )
    assert found.value("title") == "Charity warns that help for young carers comes too late"


def test_a_caption_printed_twice_is_not_a_news_pages_title() -> None:
    found = meta(
        "Promise on overdue child death reports\n\n"
        "Learning from serious case reviews keeps children safer\n\n"
        "Learning from serious case reviews keeps children safer\n\n"
        "Four serious case reviews into deaths in the county will be finished this year, "
        "the chair of the board has said.\n"
    )
    assert found.value("title") == "Promise on overdue child death reports"


def test_a_research_papers_numbered_authors_with_affiliation_marks() -> None:
    found = meta(
        "Research article\n"
        "What health visitors notice before a baby is hurt: a review of case records\n"
        "  1. Maya Collins1,2,\n"
        "  2. Tom Okafor3,\n"
        "  3. Rhian Pugh1\n"
        "  1. 1School of Nursing, Northgate University, UK\n"
        "Abstract\n\nWe read the records of sixty families.\n"
    )
    assert found.value("author") == "Maya Collins and Tom Okafor and Rhian Pugh"


def test_authors_run_along_a_cover_line_with_affiliation_marks() -> None:
    found = meta(
        "Patterns in reviews of infant deaths 2012-14 Research Report XR-17 Maya Collins 1 , "
        "Tom Okafor 2 and Rhian Pugh 1 1 Northgate University 2 Southvale College\n"
        "Contents\n"
    )
    assert found.value("author") == "Maya Collins and Tom Okafor and Rhian Pugh"


def test_a_news_page_about_one_childs_review_is_not_thematic() -> None:
    found = meta(
        "Board will not publish report, as inspectors say too many serious case reviews "
        "fall short\n\n"
        "A board that has reviewed the deaths of several local children said today that its "
        "latest report would stay private.\n\n"
        "The review looked at the death of a toddler known only as Child M.\n\n"
        "Sam Reid, chairman of the Eastvale Safeguarding Children Board, said: 'The review "
        "into the death of Child M is finished and was judged good by inspectors.'\n\n"
        "He added that he and his colleagues owed the family their privacy.\n"
    )
    assert found.value("review_type") == "serious_case_review"
    assert found.value("outcome") == "died"
    assert found.value("child_sex") is None  # 'He added': the chairman, not the child


def test_a_boards_page_names_the_kind_beside_the_child() -> None:
    found = meta(
        "Local Child Safeguarding Practice Reviews\n\n"
        "A note from the Independent Chair about the Serious Case Review for Family K\n\n"
        "The board asked for a review after twin baby girls aged 10 weeks were found to "
        "have serious injuries at home in May 2019.\n"
    )
    assert found.value("review_type") == "serious_case_review"


def test_the_year_a_review_was_published_is_not_the_incident_year() -> None:
    found = meta(
        "Serious Case Reviews\n\n"
        "The board started no new reviews this year. In March 2016 it published Serious "
        "Case Review Child R, after the death of Child R at the age of 9 weeks.\n"
    )
    assert found.value("outcome") == "died"
    assert found.value("incident_year") is None


def test_a_date_listed_under_the_incident_is_not_the_publication_date() -> None:
    found = meta(
        "Learning Briefing: Kit – scalds to a toddler\n\n"
        "The Incident\n\n"
        "  • Date: 2021\n"
        "  • Event: Kit, a two-year-old, was scalded by water from a kettle at home.\n\n"
        "What we learned\n"
    )
    assert found.value("publication_date") is None
    published = meta(
        "Learning Briefing: Kit – scalds to a toddler\n\n"
        "Published: March 2022\n\n"
        "The Incident\n\n"
        "  • Date: 2021\n"
        "  • Event: Kit, a two-year-old, was scalded by water from a kettle at home.\n\n"
        "What we learned\n"
    )
    assert published.value("publication_date") == "2022-03"


def test_the_authors_name_under_a_label_is_not_part_of_the_title() -> None:
    found = meta(
        "SERIOUS CASE REVIEW\n\nHana Okoro and Lewis Grant\n\nMarch 2015\n\n"
        "1. Introduction\n\nThe board asked for this review after a baby was hurt.\n"
    )
    assert found.value("title") == "SERIOUS CASE REVIEW"


def test_learning_drawn_from_reviews_stays_thematic_whatever_child_it_cites() -> None:
    found = meta(
        "Learning from serious case reviews about babies who are shaken\n\n"
        "This briefing draws on eleven reviews. In one of them, Child A was shaken by a "
        "parent who had not slept for days.\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_a_blog_byline_is_not_a_publisher() -> None:
    found = meta(
        "What our review of bath-time drownings found\n\nPublished by Kerry Lane\n\n"
        "Two babies drowned in the bath in the county last year.\n"
    )
    assert found.value("partnership") is None
    by_a_partnership = meta(
        "What our review of bath-time drownings found\n\n"
        "Published by Northvale Safeguarding Children Partnership\n\n"
        "Two babies drowned in the bath in the county last year.\n"
    )
    assert by_a_partnership.value("partnership") == "Northvale Safeguarding Children Partnership"
