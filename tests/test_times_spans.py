"""Time expressions whose extent or anchor is easy to get wrong: adjectives of length,
spans next to other times, the day a text names as its reference, and generic uses of
"today" that name an age rather than a day."""

from __future__ import annotations

from conftest import checked_analyze


def _times(analysis) -> dict[str, tuple[str, str]]:
    text = analysis["document"]["text"]
    return {text[s:e]: (t["type"], t["value"]) for t in analysis["times"] for s, e in [t["span"]]}


def test_lengths_as_adjectives_and_halves_after_the_unit(pipeline):
    text = ("After the day-long hearing and a weeks-long strike, the vote took a minute and a "
            "half. The miners waited an hour and a half, then left for a while.")
    times = _times(checked_analyze(text, pipeline, published="2003-05-14"))
    assert times["day-long"] == ("DURATION", "P1D")
    assert times["weeks-long"] == ("DURATION", "PXW")
    assert times["a minute and a half"] == ("DURATION", "PT1M30S")
    assert times["an hour and a half"] == ("DURATION", "PT1H30M")
    assert times["a while"] == ("DURATION", "PXX")


def test_a_clock_time_with_another_zone_and_its_day_are_two_expressions(pipeline):
    text = "The quake struck at 9:20 a.m. (0620 GMT) Tuesday, officials said."
    times = _times(checked_analyze(text, pipeline, published="2003-05-14"))  # a Wednesday
    assert times["9:20 a.m."] == ("TIME", "2003-05-13T09:20")
    assert times["Tuesday"] == ("DATE", "2003-05-13")


def test_the_previous_weekday_and_a_part_of_day_count_from_the_day_in_focus(pipeline):
    text = ("Shares in Oslo fell sharply Thursday.\n\nTraders sold heavily in the morning "
            "and the index lost a fifth of its value. It closed 3% below its level of the "
            "week before, when the central bank had met, and well below the previous "
            "Thursday.")
    times = _times(checked_analyze(text, pipeline, published="2003-05-19"))  # a Monday
    assert times["Thursday"] == ("DATE", "2003-05-15")
    assert times["the morning"] == ("TIME", "2003-05-15TMO")
    assert times["the previous Thursday"] == ("DATE", "2003-05-08")


def test_the_year_years_before_nouns_and_election_day(pipeline):
    text = ("For the year, output was flat; in the year ended June 30 it rose. Leaders of the "
            "1994 strikes and post-1990 reforms campaigned until Election Day.")
    analysis = checked_analyze(text, pipeline, published="2002-10-10")
    years = [(t["type"], t["value"]) for t in analysis["times"]
             if text[t["span"][0]:t["span"][1]] == "the year"]
    assert years == [("DATE", "2002"), ("DURATION", "P1Y")]
    times = _times(analysis)
    assert times["1994"] == ("DATE", "1994")
    assert times["post-1990"] == ("DATE", "1990")
    assert times["Election Day"] == ("DATE", "2002-11-05")


def test_today_naming_an_age_is_no_day(pipeline):
    text = "In today's world the rules differ, but today's vote was close."
    analysis = checked_analyze(text, pipeline, published="2002-10-10")
    spans = [text[t["span"][0]:t["span"][1]] for t in analysis["times"]]
    assert spans == ["today"] and analysis["times"][0]["span"][0] > 20


def test_a_bare_day_after_a_month_and_day_and_high_noon(pipeline):
    text = ("Ministers meet in Geneva on June 11 and 12; sales rose on May 2 to 30 units. "
            "It was high noon for the coalition, and unemployment neared its quarter-century "
            "low.")
    analysis = checked_analyze(text, pipeline, published="2004-05-20")
    times = _times(analysis)
    assert times["June 11"] == ("DATE", "2004-06-11")
    assert times["12"] == ("DATE", "2004-06-12")
    assert "30" not in times and "noon" not in times and "its quarter" not in times


def test_the_fiscal_year_in_focus_and_the_latest_one_closed(pipeline):
    text = ("Profit should fall for the fiscal year. In the fiscal year ended March 31 sales "
            "rose, and in the latest fiscal year they reached $2 billion.")
    analysis = checked_analyze(text, pipeline, published="2001-10-15")
    values = [(text[t["span"][0]:t["span"][1]], t["type"], t["value"]) for t in analysis["times"]
              if "fiscal" in text[t["span"][0]:t["span"][1]]]
    assert values == [("the fiscal year", "DATE", "2001"), ("the fiscal year", "DURATION", "P1Y"),
                      ("the latest fiscal year", "DATE", "2000")]
