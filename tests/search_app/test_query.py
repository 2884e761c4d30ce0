from search_app.query import parse_query


def test_plain_words_only_rank() -> None:
    parsed = parse_query("fathers not asked about their childhood")
    assert not parsed.constrained
    assert parsed.admits("nothing in common at all")


def test_a_quoted_phrase_must_appear_in_order() -> None:
    parsed = parse_query('"safer sleep" advice')
    assert parsed.text == "safer sleep advice"
    assert parsed.admits("The midwife gave safer sleep advice twice.")
    assert not parsed.admits("Sleep was not safer on the sofa.")


def test_quoted_words_match_as_written_not_by_their_stems() -> None:
    shaken = parse_query('"shaken baby" hospital')
    assert shaken.admits("It was a Shaken-Baby case.")
    assert not shaken.admits("The shaking of babies was discussed.")
    one = parse_query('"methadone" overdose')
    assert one.constrained
    assert one.admits("Methadone was kept in the fridge.")
    assert not one.admits("An overdose of heroin.")
    assert not parse_query('"fathers"').admits("The father was at work.")


def test_a_quoted_exclusion_leaves_out_only_the_words_as_written() -> None:
    parsed = parse_query('neglect -"home visits"')
    assert not parsed.admits("Neglect was seen on home visits.")
    assert parsed.admits("Neglect was seen when the nurse visited the home.")


def test_and_or_not_and_minus() -> None:
    both = parse_query("cannabis AND police")
    assert both.admits("Police knew about the cannabis.")
    assert not both.admits("Police knew about the alcohol.")
    either = parse_query("cannabis OR alcohol neglect")
    assert either.admits("He drank alcohol.") and either.admits("Cannabis was smoked.")
    assert not either.admits("Neglect of the home.")
    assert parse_query("fathers -prison").admits("fathers were seen")
    assert not parse_query("fathers -prison").admits("fathers in prison")
    assert not parse_query('fathers NOT "domestic abuse"').admits("fathers and domestic abuse")
    assert parse_query('fathers NOT "domestic abuse"').admits("abuse of a domestic kind")


def test_words_are_matched_by_their_stems() -> None:
    assert parse_query("fathers AND smoking").admits("The father smoked daily.")


def test_hyphened_words_rank_without_constraining() -> None:
    parsed = parse_query("care leavers pre-birth assessment over-represented")
    assert not parsed.constrained and parsed.text.endswith("over-represented")
