"""The review's identity on more real page layouts, in our own words: a news site's section
label over its headline, a report's section heading standing alone, a caption in Welsh and a
widget's run of dates."""

from __future__ import annotations

from tests.ingest.metadata_fixture import meta

# --- a news site's section label over its headline --------------------------------------------


def test_a_region_label_over_the_headline_is_not_the_title() -> None:
    found = meta(
        "Kent & Medway\n"
        "Toddler left alone for days 'should have been spotted'\n"
        "A two-year-old girl who was left without food for several days should have been "
        "seen by professionals much sooner, a serious case review has concluded after the "
        "case was heard in court last year.\n"
    )
    assert found.value("title") == "Toddler left alone for days 'should have been spotted'"


def test_a_one_word_section_over_the_headline() -> None:
    found = meta(
        "News\n"
        "Warnings about infant were not passed on, review says\n"
        "3 mins read Children's Services\n"
        "Information about a baby boy who later suffered a fractured skull was never shared "
        "between the hospital and the council, according to a review published this week.\n"
    )
    assert found.value("title") == "Warnings about infant were not passed on, review says"


def test_a_short_headline_alone_is_still_the_title() -> None:
    found = meta(
        "Pledge over baby review\n"
        "Agencies in Northvale have promised to change the way they share information after "
        "a review found a baby's injuries were missed by three different services.\n"
    )
    assert found.value("title") == "Pledge over baby review"


# --- a section heading standing alone ----------------------------------------------------------


def test_a_section_heading_alone_is_no_title() -> None:
    found = meta(
        "Executive Summary\n"
        "This child safeguarding practice review was carried out for the children of "
        "Northvale and looks at how "
        "services worked with five young people who were later charged with serious offences; "
        "the partnership asked an independent reviewer to lead it.\n"
    )
    assert found.value("title") is None
    assert found.value("review_type") == "lcspr"


def test_an_executive_summary_under_its_review_keeps_the_title() -> None:
    found = meta(
        "Serious Case Review Child F\n"
        "Executive Summary\n"
        "This review looks at the help given to Child F and her family in the year before "
        "she was admitted to hospital with injuries that could not be explained.\n"
    )
    assert found.value("title") in {
        "Serious Case Review Child F",
        "Serious Case Review Child F Executive Summary",
    }


# --- a photo's caption above the first paragraph -----------------------------------------------


def test_a_welsh_photo_caption_is_no_headline() -> None:
    found = meta(
        "Prif Weithredwr y Bwrdd, Alun Rhys Llun: Gwefan y Bwrdd\n"
        "Mae angen i gynghorau wrando yn well ar deuluoedd plant sydd wedi cael niwed, yn ôl "
        "adroddiad newydd a gyhoeddwyd gan y bwrdd diogelu yr wythnos hon yn y gogledd.\n"
    )
    assert found.value("title") is None
    headline = meta(
        "Cynghorau i wrando yn well ar deuluoedd\n"
        "Mae angen i gynghorau wrando yn well ar deuluoedd plant sydd wedi cael niwed, yn ôl "
        "adroddiad newydd a gyhoeddwyd gan y bwrdd diogelu yr wythnos hon yn y gogledd.\n"
    )
    assert headline.value("title") == "Cynghorau i wrando yn well ar deuluoedd"


def test_an_english_photo_credit_is_no_headline() -> None:
    found = meta(
        "The family home in Eastmere, where the boy lived Credit: Local News Agency\n"
        "A boy of three who was found with broken ribs had been seen by eleven different "
        "professionals in the months before his injuries were discovered, a review says.\n"
    )
    assert found.value("title") is None
    headline = meta(
        "Boy seen by eleven professionals before injuries found\n"
        "A boy of three who was found with broken ribs had been seen by eleven different "
        "professionals in the months before his injuries were discovered, a review says.\n"
    )
    assert headline.value("title") == "Boy seen by eleven professionals before injuries found"


# --- a widget's run of dates --------------------------------------------------------------------


def test_a_weather_widgets_run_of_dates_gives_no_publication_date() -> None:
    found = meta(
        "Northvale Radio\n"
        "Mon\n03/03/2025\n12°C\n"
        "Tue\n04/03/2025\n10°C\n"
        "Wed\n05/03/2025\n9°C\n"
        "Council says sorry after review into baby's injuries\n"
        "The council has apologised after a review found that a baby boy's injuries were not "
        "reported to the police for more than a week by the staff who first saw them.\n"
    )
    assert found.value("publication_date") is None
    one_date = meta(
        "Northvale Radio\n"
        "05/03/2025\n"
        "Council says sorry after review into baby's injuries\n"
        "The council has apologised after a review found that a baby boy's injuries were not "
        "reported to the police for more than a week by the staff who first saw them.\n"
    )
    assert one_date.value("publication_date") == "2025-03-05"


def test_one_date_standing_alone_on_a_cover_is_still_its_date() -> None:
    found = meta(
        "Serious Case Review\nChild K\nOverview Report\n14/10/2016\n"
        "1. Introduction\nThis review was commissioned after Child K was found injured.\n"
    )
    assert found.value("publication_date") == "2016-10-14"


# --- a reviewer named in a news page's prose ----------------------------------------------------


def test_a_reviewer_named_before_the_role_in_commas() -> None:
    found = meta(
        "Boy's needs 'were not met', review says\n"
        "Dr Rhian Morgan, the independent reviewer, told reporters that the boy's care at home "
        "had not been checked often enough by the agencies involved.\n"
    )
    assert found.value("author") == "Rhian Morgan"


def test_a_reviewer_who_led_the_review() -> None:
    found = meta(
        "Other cases to be looked at again after girl's death\n"
        "Cases closed by the same team should be checked again, the review has found.\n"
        "Owen Pritchard KC, who led the review, said the girl's file had been closed early "
        "without a visit.\n"
    )
    assert found.value("author") == "Owen Pritchard"


def test_a_chair_who_spoke_about_the_review_is_no_author() -> None:
    found = meta(
        "Review into baby's death published\n"
        "Helen Forde, who chairs the safeguarding partnership, said the partners had already "
        "changed how they share information about babies.\n"
    )
    assert found.value("author") is None
    reviewer = meta(
        "Review into baby's death published\n"
        "Helen Forde, who led the review, said the partners had already changed how they "
        "share information about babies.\n"
    )
    assert reviewer.value("author") == "Helen Forde"


# --- a review named only as 'a safeguarding review' -----------------------------------------------


def test_a_safeguarding_review_names_no_kind_of_review() -> None:
    found = meta(
        "Council apologises over toddler's death\n"
        "A safeguarding review found that the toddler's parents had misled the agencies "
        "during the lockdown and that several warnings were missed.\n"
    )
    assert found.value("review_type") is None
    named_kind = meta(
        "Council apologises over toddler's death\n"
        "A local child safeguarding practice review found that the toddler's parents had "
        "misled the agencies during the lockdown and that several warnings were missed.\n"
    )
    assert named_kind.value("review_type") == "lcspr"


def test_a_safeguarding_practice_review_is_still_a_local_review() -> None:
    found = meta(
        "Council apologises over toddler's death\n"
        "A local child safeguarding practice review found that several warnings were missed.\n"
    )
    assert found.value("review_type") == "lcspr"


# --- a council's possessive before its board's name ---------------------------------------------


def test_a_councils_possessive_is_no_part_of_the_boards_name() -> None:
    found = meta(
        "Review published into teenager's death\n"
        "A serious case review into the death of a teenage boy was published today by Westshire "
        "County Council’s Westshire Safeguarding Children Board, a year after he died.\n"
    )
    assert found.value("partnership") == "Westshire Safeguarding Children Board"


def test_a_board_whose_name_has_childrens_keeps_it() -> None:
    found = meta(
        "Review published into teenager's death\n"
        "The review was published today by the Westshire Safeguarding Children’s Board after "
        "the trial ended.\n"
    )
    assert found.value("partnership") == "Westshire Safeguarding Children’s Board"


# --- a news page's own date ---------------------------------------------------------------------


def test_a_review_released_yesterday_with_its_date_in_brackets() -> None:
    found = meta(
        "Review into boy's death finds old problems repeated\n"
        "A further serious case review was released yesterday evening (4th March 2017) by "
        "Eastmere Safeguarding Children Board. It follows the death of a boy last spring.\n"
    )
    assert found.value("publication_date") == "2017-03-04"


def test_a_dateline_with_a_reading_time() -> None:
    found = meta(
        "News\n"
        "Board to look again at closed cases after toddler's death\n"
        "14 Nov 2023 3 minute read\n"
        "Cases closed by the same manager will be checked again, the chair of the review said "
        "after its findings were made public this week.\n"
    )
    assert found.value("publication_date") == "2023-11-14"


# --- a date in prose: the page's subject, or a report it cites --------------------------------


def test_a_report_the_page_cites_does_not_date_the_page() -> None:
    found = meta(
        "Item 6: Practice reviews in Northvale\n"
        "Minutes:\n"
        "The head of service introduced the item on the latest practice review.\n"
        "In 2014 the review process changed. The change followed the inspectorate's report "
        "published in May 2011 on how well local reviews led to better practice.\n"
    )
    assert found.value("publication_date") is None
    own_date = meta(
        "Item 6: Practice reviews in Northvale\n"
        "Minutes:\n"
        "The head of service introduced the item on the latest practice review.\n"
        "The practice review was published on 12 May 2021 and looked at how well local "
        "agencies worked together.\n"
    )
    assert own_date.value("publication_date") == "2021-05-12"


def test_a_report_that_was_published_on_a_day_near_the_top() -> None:
    found = meta(
        "New report on neglect of teenagers\n"
        "The partnership's thematic report was published on 2 February 2022. It looks at "
        "six reviews of older children who were neglected at home.\n"
    )
    assert found.value("publication_date") == "2022-02-02"


def test_a_date_stated_far_down_a_page_about_something_else() -> None:
    filler = "".join(
        f"Point {n} of the bulletin describes a different piece of work with families.\n"
        for n in range(1, 19)
    )
    found = meta(
        "Knowledge Bite: messages for practitioners\n"
        + filler
        + "The national panel's annual report was published on 3rd June 2022, drawing on "
        "many local reviews.\n"
    )
    assert found.value("publication_date") is None
    near_the_top = meta(
        "Knowledge Bite: messages for practitioners\n"
        "The national panel's annual report was published on 3rd June 2022, drawing on "
        "many local reviews.\n" + filler
    )
    assert near_the_top.value("publication_date") == "2022-06-03"


# --- a headline's shorthand 'case review' -------------------------------------------------------


def test_a_headlines_case_review_gives_way_to_the_kind_named_below() -> None:
    found = meta(
        "Death of Eastmere baby criticised in case review\n"
        "Agencies missed signs that a baby was at risk before she died, a serious case review "
        "has found. The board's chair said lessons had been learned.\n"
    )
    assert found.value("review_type") == "serious_case_review"


def test_a_case_review_alone_is_still_a_review() -> None:
    found = meta(
        "Case review into toddler's injuries\n"
        "Agencies missed signs that a toddler was at risk, the case review has found.\n"
    )
    assert found.value("review_type") == "learning_review"


# --- a title block broken over a cover's short lines -------------------------------------------


def test_a_cover_broken_into_report_connector_kind_and_child() -> None:
    found = meta(
        "Westmoor\n"
        "Safeguarding Children Board\n"
        "The Overview Report\n"
        "into a\n"
        "Serious Case Review of the Services Concerning\n"
        "Tilly\n"
        "Independent Author Dr Ruth Hale\n"
        "June 2016\n"
    )
    assert found.value("title") == (
        "The Overview Report into a Serious Case Review of the Services Concerning Tilly"
    )


# --- a board's news headline ---------------------------------------------------------------------


def test_a_headline_opening_with_the_board_that_publishes() -> None:
    found = meta(
        "Eastmere Safeguarding Children Partnership publishes its review into baby's death\n"
        "Source: Eastmere Safeguarding Children Partnership\n"
        "This report sets out the learning from a local child safeguarding practice review that "
        "was commissioned by the partnership after the death of a baby last year.\n"
    )
    assert found.value("title") == (
        "Eastmere Safeguarding Children Partnership publishes its review into baby's death"
    )
    assert found.value("review_type") == "lcspr"


# --- the review process named, not a review ---------------------------------------------------


def test_the_review_guidance_named_on_a_general_page_gives_no_type() -> None:
    found = meta(
        "Families should be able to question what reviews say, commissioner says\n"
        "Families are not given a proper chance to comment on the reports, she wrote in a "
        "letter to the government this week.\n"
        "A spokesperson said the child practice review guidance already asks boards to involve "
        "families throughout.\n"
    )
    assert found.value("review_type") is None
    a_review = meta(
        "Families should be able to question what reviews say, commissioner says\n"
        "Families are not given a proper chance to comment on the reports, she wrote in a "
        "letter to the government this week.\n"
        "A spokesperson said the child practice review found that the family had been "
        "involved throughout.\n"
    )
    assert a_review.value("review_type") == "child_practice_review"


def test_the_same_in_welsh_word_order() -> None:
    found = meta(
        "Teuluoedd yn methu herio adroddiadau, medd y comisiynydd\n"
        "Mae teuluoedd yn teimlo nad ydynt yn cael dweud eu dweud am yr adroddiadau hyn o "
        "gwbl, meddai hi mewn llythyr.\n"
        "Mae cyfarwyddyd yr Adolygiad Ymarfer Plant yn pwysleisio gweithio gyda theuluoedd.\n"
    )
    assert found.value("review_type") is None
    a_review = meta(
        "Teuluoedd yn methu herio adroddiadau, medd y comisiynydd\n"
        "Mae teuluoedd yn teimlo nad ydynt yn cael dweud eu dweud am yr adroddiadau hyn o "
        "gwbl, meddai hi mewn llythyr.\n"
        "Canfu'r Adolygiad Ymarfer Plant fod y teulu wedi symud tŷ bedair gwaith.\n"
    )
    assert a_review.value("review_type") == "child_practice_review"


def test_a_review_named_before_other_words_keeps_its_type() -> None:
    found = meta(
        "Review published\n"
        "The child practice review found that the family had moved house four times.\n"
    )
    assert found.value("review_type") == "child_practice_review"
