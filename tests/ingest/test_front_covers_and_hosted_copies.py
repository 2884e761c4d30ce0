"""The review's identity on covers, slides and hosted copies, in our own words: a hosting
site's preview marker, a logo's file name, a pseudonym line in capitals, reviewers one a line or
run together, a title broken mid-phrase, reviews named in the plural, slides, a body by its
initials that says it published, a board's name inside the title block."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

# --- a hosting site's copy ---------------------------------------------------------------------


def test_a_citation_preview_marks_where_the_document_starts() -> None:
    found = meta(
        "Practice Review Baby Quinn - Eastmere SCB · Version 3 - 2nd March 2019 Practice Review\n"
        "• Upload\n"
        "kmorris\n"
        "• View\n"
        "Embed Size (px)\n"
        "Citation preview\n"
        "Version 3 - 2nd March 2019\n"
        "Serious Case Review\n"
        "Baby Quinn1\n"
        "1 The name the family chose for this report\n"
        "Contents\n"
        "1. Why this review was held 3\n"
    )
    assert found.value("title") == "Serious Case Review Baby Quinn"
    # the site's own name for the copy still tells who published it
    assert found.value("partnership") == "Eastmere SCB"


def test_a_logo_file_name_and_a_back_to_top_link_are_no_title() -> None:
    found = meta(
        "top of page\n"
        "Harbour_Insight_logo-02.png\n"
        "Missing from care and moved across borders: who keeps track?\n"
        "Opinion\n"
        "Monday 3 May 2021\n"
        "Young people placed far from home often fall between the records of two councils, and "
        "our interviews with social workers and officers suggest the gap has not been closed.\n"
    )
    assert found.value("title") == "Missing from care and moved across borders: who keeps track?"


def test_a_contents_list_run_together_names_no_author() -> None:
    found = meta(
        "Serious Case Review Child Ola\n"
        "Contents\n"
        "4. What happened 5\n"
        "Appendices Appendix 1: Findings 20 Appendix 2a: Northvale Trust Statement 22 Appendix 2b: "
        "Eastmere Police Statement 24 Appendix 2c: Youth Justice Service 26\n"
        "1 Introduction\n"
    )
    assert found.value("author") is None


# --- a cover's title block ---------------------------------------------------------------------


def test_a_pseudonym_in_capitals_over_the_kind_and_reviewers_one_a_line() -> None:
    found = meta(
        "CHILD K\n"
        "SERIOUS CASE REVIEW\n"
        "Independent Lead Reviewers:\n"
        "Pat Lowe\n"
        "Sam Odell\n"
        "Contents\n"
        "Why the review was held 3\n"
    )
    assert found.value("title") == "CHILD K SERIOUS CASE REVIEW"
    assert found.value("author") == "Pat Lowe and Sam Odell"


def test_reviewers_run_together_on_one_line_are_two_people() -> None:
    found = meta(
        "CHILD K\nSERIOUS CASE REVIEW\nIndependent Lead Reviewers:\nPat LoweSam Odell\nContents\n"
    )
    assert found.value("author") == "Pat Lowe and Sam Odell"


def test_a_title_broken_mid_phrase_is_the_title_not_the_strapline_below() -> None:
    found = meta(
        "What GPs can take from case\n"
        "reviews of neglect in disabled\n"
        "children: a spring digest\n"
        "Compiled by the designated nurses of four districts, with\n"
        "thanks to the families who spoke to us\n"
        "Released March 2021\n"
        "Introduction\n"
    )
    assert found.value("title") == (
        "What GPs can take from case reviews of neglect in disabled children: a spring digest"
    )
    assert found.value("publication_date") == "2021-03"


def test_the_board_printed_inside_the_title_block_is_left_out() -> None:
    found = meta(
        "SERIOUS CASE REVIEW\n"
        "Learning Report\n"
        "for\n"
        "EASTMERE SAFEGUARDING\n"
        "CHILDREN BOARD\n"
        "In respect of\n"
        "Baby R\n"
        "1. Introduction\n"
    )
    assert found.value("title") == "SERIOUS CASE REVIEW Learning Report In respect of Baby R"


def test_a_name_with_degrees_over_an_independent_consultant_line() -> None:
    found = meta(
        "Learning From Case Reviews\n"
        "Jo Bloggs LLB (Hons)\n"
        "Independent Consultant\n"
        "May 2012\n"
        "Aims of the session\n"
    )
    assert found.value("author") == "Jo Bloggs"


# --- the kind of review ------------------------------------------------------------------------


def test_reviews_in_the_plural_with_one_named_singly_are_that_kind() -> None:
    found = meta(
        "Serious Case Reviews under fresh scrutiny in Eastmere\n"
        "Councillors will on Monday discuss the serious case review into the care of Tobin "
        "Ashdown. Its author, a retired social worker, sets out nine recommendations for the "
        "borough's schools and its housing office.\n"
    )
    assert found.value("review_type") == "serious_case_review"


def test_several_reviews_of_one_kind_give_no_one_childs_age() -> None:
    found = meta(
        "Councillors question cluster of child cases\n"
        "Officers told the committee that a baby of three months and four older children had "
        "been hurt in the space of a year in the borough.\n"
        "Serious Case Reviews (SCR) are held when a child dies or is badly hurt and agencies may "
        "have worked poorly together.\n"
        "One councillor said the borough had not held an SCR for many years before this.\n"
    )
    assert found.value("review_type") == "serious_case_review"
    assert found.value("child_age") is None


def test_learning_drawn_from_many_reviews_stays_thematic() -> None:
    found = meta(
        "Serious Case Reviews and neglect\n"
        "This paper sets out the learning from serious case reviews published in the region "
        "over five years, and the themes that recur across them.\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_the_review_system_named_in_a_headline_is_no_review() -> None:
    found = meta(
        "Serious case review process 'too slow', watchdog warns\n"
        "Of the 60 serious case reviews its staff read, a third took over two years to finish, "
        "says the watchdog in a thematic report out this morning.\n"
    )
    assert found.value("review_type") == "thematic_review"


def test_slides_that_call_themselves_a_presentation_are_a_briefing() -> None:
    found = meta(
        "Northvale Health Safeguarding Team\n"
        "Learning from Serious Case Reviews\n"
        "This presentation sets out findings from three recent reviews in the county.\n"
        "Purpose of a review\n"
    )
    assert found.value("review_type") == "briefing"


def test_a_press_release_naming_the_review_it_announces_gives_its_kind() -> None:
    found = meta(
        "Today the ESCP have published Local Child Safeguarding Practice Review Ava.\n"
        "The report and the partnership's response can be read on our website.\n"
        "Ava was six months old when she died at home.\n"
    )
    assert found.value("review_type") == "lcspr"
    assert found.value("partnership") == "ESCP"


# --- the publisher and the date ----------------------------------------------------------------


def test_a_body_by_its_initials_that_says_it_published_beats_a_board_in_passing() -> None:
    found = meta(
        "12 March 2020\n"
        "NSCMP: What our reviews taught us this year\n"
        "We looked again at every review published by the Northvale Safeguarding Children Board "
        "between 2018 and 2019 and drew out the themes that kept coming back.\n"
        "NSCMP has published a longer guide to these themes for school staff.\n"
    )
    assert found.value("partnership") == "NSCMP"


def test_a_document_updated_in_prose_gives_no_publication_date() -> None:
    found = meta(
        "Today the ESCP have published Local Child Safeguarding Practice Review Ava.\n"
        "The report and the partnership's response can be read on our website.\n"
        "Information sharing\n"
        "The national advice on sharing information has been updated in June 2023 and can be "
        "found on the department's pages.\n"
    )
    assert found.value("publication_date") is None


def test_a_headline_over_prose_wrapped_at_the_page_width() -> None:
    found = meta(
        "Missing after school: where did the children go?\n"
        "This inspection looked at how councils respond when pupils vanish from\n"
        "the register and are not seen again, drawing on files from six areas and\n"
        "on what young people and their carers told inspectors about it.\n"
        "Age group: 5-16\n"
    )
    assert found.value("title") == "Missing after school: where did the children go?"


def test_the_board_by_its_bare_initials_in_prose_is_no_name() -> None:
    found = meta(
        "You are here: Home | Northvale LSCB | Practitioners\n"
        "Reviews of serious cases\n"
        "Short notes on each review, published by the LSCB, are listed below.\n"
    )
    assert found.value("partnership") == "Northvale LSCB"


def test_a_site_header_naming_its_organisation_and_short_name() -> None:
    found = meta(
        "Inspectorate for Schools and Care (Isca)\n"
        "Printable version\n"
        "Reviews still too slow to reach families, say inspectors\n"
        "The inspectorate has looked at forty reviews of children's deaths and found most were "
        "finished late.\n"
    )
    assert found.value("partnership") == "Isca"


def test_a_subtitle_naming_whose_evaluation_the_report_gives() -> None:
    found = meta(
        "Too young to be heard: what reviews say about infants\n"
        "A summary of Isca’s evaluation of case reviews from 2015 to 2018\n"
        "Age group: 0-5\n"
        "Babies feature in a large share of the reviews inspectors read.\n"
    )
    assert found.value("partnership") == "Isca"


def test_the_month_ending_a_briefings_heading_is_its_date() -> None:
    found = meta(
        "Skip to content\n"
        "Learning brief: Home conditions May 2023\n"
        "Over the spring, two rapid reviews looked at families whose homes had become unsafe for "
        "the children living in them.\n"
    )
    assert found.value("publication_date") == "2023-05"


def test_the_body_named_on_the_next_wrapped_line_with_its_initials() -> None:
    found = meta(
        "Lessons for school nurses: spring briefing\n"
        "Introduction\n"
        "This note is the first of a set of termly notes produced by the\n"
        "Safer Homes Learning Programme (SHLP). Between January and March, twenty reviews\n"
        "were read and twelve of them were used for this note.\n"
    )
    assert found.value("partnership") == "Safer Homes Learning Programme"


def test_a_hosted_copys_name_with_its_board_gives_way_to_the_slides_own_title() -> None:
    found = meta(
        "Serious Case Review - Eastmere LSCB\n"
        "Lessons From Serious\n"
        "Case Reviews\n"
        "Al Khan\n"
        "May 2013\n"
        "Aims for today\n"
        "• To hear what two local reviews found\n"
        "Serious Case Review\n"
        "• Why a review is held and who decides\n"
        "Serious Case Review\n"
        "• What the review panel does\n"
        "Serious Case Review\n"
        "• How the learning is shared\n"
    )
    assert found.value("title") == "Lessons From Serious Case Reviews"


def test_a_council_agenda_item_headed_by_the_board_keeps_its_name() -> None:
    found = meta(
        "Agenda item\n"
        "EASTMERE SAFEGUARDING CHILDREN PARTNERSHIP: THEMATIC REVIEW OF SELF-HARM IN CARE\n"
        "The purpose of this report is to tell the Board what the partnership's review found and "
        "to seek its support for the changes it recommends across health and social care.\n"
    )
    assert found.value("title") == (
        "EASTMERE SAFEGUARDING CHILDREN PARTNERSHIP: THEMATIC REVIEW OF SELF-HARM IN CARE"
    )


def test_a_file_type_line_marks_where_a_hosted_copy_starts() -> None:
    found = meta(
        "Pat Lowe Report\n"
        "Total Page:22\n"
        "File Type:pdf, Size:880Kb\n"
        "Lowe Report: Review of how local partners share learning from child deaths\n"
        "Contents\n"
    )
    assert found.value("title") == (
        "Lowe Report: Review of how local partners share learning from child deaths"
    )


def test_a_review_of_how_the_system_works_is_no_case_review() -> None:
    found = meta(
        "Review of the operation of the Child Practice Review Framework\n"
        "Commissioned by the Welsh Government\n"
        "This report looks at how boards have used the framework since it began.\n"
    )
    assert found.value("review_type") == "other"
    found = meta(
        "Lowe Report: a Review of the role and the functions of safeguarding boards\n"
        "Serious case reviews are one of the duties boards carry out.\n"
    )
    assert found.value("review_type") == "other"


def test_a_review_of_how_bodies_work_is_no_case_review() -> None:
    found = meta(
        "An independent review of the remit and duties of county safeguarding partnerships\n"
        "Report to the Minister, autumn 2019\n"
        "Contents\n"
    )
    assert found.value("review_type") == "other"


def test_a_sites_heading_above_its_copy_is_read_apart_from_the_copy() -> None:
    from ingest.front import front_lines, hosting_site_heading
    from ingest.types import Line, Page

    text = ["Northvale SCP review of Baby Q", "Transcript", "Baby Q", "Overview"]
    pages = [Page(1, [Line(line) for line in text])]
    assert [line.text for line in hosting_site_heading(pages)] == ["Northvale SCP review of Baby Q"]
    assert [line.text for line in front_lines(pages)] == ["Baby Q", "Overview"]


# --- a fourth batch of openings: slides, short dates, capital covers ---------------------------


def test_a_date_with_a_two_digit_year_after_its_label() -> None:
    found = meta(
        "Published on 03.11.21 Learning Review Baby Q Contents 1. Why we looked again page 1 "
        "2. What we found page 3\n"
    )
    assert found.value("publication_date") == "2021-11-03"


def test_a_cover_date_in_square_brackets_with_a_two_digit_year() -> None:
    found = meta(
        "Westmere Safeguarding Children Partnership\n"
        "Practice Review Baby Q\n"
        "Reviewer - Kit Allan\n"
        "[14/02/22]\n"
        "Introduction\n"
    )
    assert found.value("publication_date") == "2022-02-14"


def test_a_review_said_to_be_finalised_in_a_month() -> None:
    found = meta(
        "The county's practice committee looked at the care given to a girl we call Rose.\n"
        "The report was finalised in October 2021 and its lessons are set out on this page.\n"
    )
    assert found.value("publication_date") == "2021-10"


def test_a_month_on_the_cover_line_that_credits_the_reviewer() -> None:
    found = meta(
        "What our reviews tell us: Sam and Leon March 2020 Kit Allan Independent Reviewer\n"
        "Aims • To hear what went wrong for two brothers. • To agree what each agency does next.\n"
    )
    assert found.value("publication_date") == "2020-03"


def test_slides_copied_one_to_a_line_are_a_briefing() -> None:
    found = meta(
        "Learning from Serious Case Reviews in Westmere\n"
        "Why we met • Two reviews closed this year • Both were about babies under one\n"
        "What went well • Midwives shared concerns early • Police attended within the hour\n"
        "What next? • Agencies update their plans • A further session in the spring\n"
    )
    assert found.value("review_type") == "briefing"


def test_session_aims_over_bullet_points_are_a_briefing() -> None:
    found = meta(
        "Learning From Case Reviews\n"
        "Westmere LSCP\n"
        "Session aims\n"
        "• To look at the themes our reviews keep finding\n"
        "• To plan what we do differently\n"
    )
    assert found.value("review_type") == "briefing"


def test_a_capital_title_line_ending_on_a_small_word_goes_on_below() -> None:
    found = meta(
        "WESTMERE SAFEGUARDING CHILDREN\n"
        "PARTNERSHIP\n"
        "PRACTICE REVIEW CONCERNING THE\n"
        "\n"
        "\n"
        "R CHILDREN\n"
        "Signed off by the partnership in May 2021\n"
        "CONTENTS\n"
    )
    assert found.value("title") == "PRACTICE REVIEW CONCERNING THE R CHILDREN"


def test_two_capital_initials_after_child_end_the_title() -> None:
    found = meta("SERIOUS CASE REVIEW CHILD AN\nOverview Report\nINTRODUCTION\nThe board met.\n")
    assert found.value("title") == "SERIOUS CASE REVIEW CHILD AN Overview Report"


def test_a_reviewer_named_over_a_role_in_brackets() -> None:
    found = meta(
        "PRACTICE REVIEW\n"
        "THE HOLT CHILDREN\n"
        "Review team;\n"
        "- Ann Vale (Panel Chair)\n"
        "- Kit Allan (Lead Reviewer)\n"
        "May 2016\n"
        "Contents\n"
    )
    assert found.value("author") == "Kit Allan"


def test_a_board_name_wrapped_across_two_lines_of_prose() -> None:
    found = meta(
        "LEARNING REVIEW BABY Q\n"
        "1. Why this review was held\n"
        "1.1 The case was put forward for review by the health visitor to the Westmere\n"
        "Safeguarding Children Partnership on 3 May 2020, after Baby Q was hurt.\n"
    )
    assert found.value("partnership") == "Westmere Safeguarding Children Partnership"


def test_a_committee_with_initials_that_undertook_the_review() -> None:
    found = meta(
        "Accessibility tools\n"
        "In spring the Westmere Case Learning and Practice Committee (WCLPC) undertook a "
        "review of the care of a baby we call ‘Rory’, who was hurt at home at seven weeks.\n"
    )
    assert found.value("partnership") == "Westmere Case Learning and Practice Committee"


def test_a_slide_sites_counts_and_end_slide_are_no_title() -> None:
    found = meta(
        "12 likes | 340 Views\n"
        "See how two agencies lost sight of a toddler who was left with a neighbour for weeks, "
        "and what the partnership asked each of them to change afterwards.\n"
        "E N D\n"
    )
    assert found.value("title") is None


def test_a_paragraph_cut_at_its_first_date_is_no_title() -> None:
    found = meta(
        "Accessibility tools\n"
        "The Westmere Case Learning and Practice Committee (WCLPC) began a review of Rory in "
        "June 2022. Rory had lived with his grandmother and two cousins since he was a baby, "
        "and was taken to hospital with a broken arm that nobody could explain to the doctors.\n"
        "The review closed in March 2023 and what it found can be read below.\n"
    )
    assert found.value("title") is None


def test_a_childs_code_after_the_kind_of_review_is_no_series_label() -> None:
    found = meta(
        "CSPR TW22\nOverview Report\nAuthor\nKit Allan\nContents\n1. Why the review was held 3\n"
    )
    assert found.value("title") == "CSPR TW22 Overview Report"


def test_a_month_then_now_published_dates_the_page() -> None:
    found = meta(
        "Practice reviews\n"
        "Our newest review, 'Baby Q', October 2022, is now published. A message from the chair "
        "of the partnership follows below.\n"
    )
    assert found.value("publication_date") == "2022-10"


def test_a_cover_run_into_its_contents_is_dated_by_the_month_before_them() -> None:
    found = meta(
        "Northvale Review A look at how local partnerships share out their work June 2018 "
        "Contents Foreword 2 what the partnerships told us about how the work is shared out 4 "
        "the letter from the minister that set up this look 9 what is done when a child has "
        "died and the panel is told of it 12\n"
    )
    assert found.value("publication_date") == "2018-06"


def test_a_long_headline_keeps_its_standfirst_out() -> None:
    found = meta(
        "Belated review of how a Westmere teenager went missing from school for a year\n"
        "Review brings closer work between schools\n"
        "The Westmere Safeguarding Children Partnership has today set out what its practice "
        "review of the case found, and what schools will now do.\n"
    )
    assert found.value("title") == (
        "Belated review of how a Westmere teenager went missing from school for a year"
    )
