"""Time expressions: the reference example, normalization relative to the publication
date on real sentences, claim times, bad input, and a TBAQ quality gate."""

from __future__ import annotations

import pytest

from conftest import SHARED, checked_analyze
from reference_check import anchor_spans

TBAQ = SHARED / "data" / "time" / "TBAQ-cleaned"


def _times(analysis) -> dict[str, tuple[str, str]]:
    text = analysis["document"]["text"]
    return {text[s:e]: (t["type"], t["value"]) for t in analysis["times"] for s, e in [t["span"]]}


def _time_covering(analysis, anchor_span):
    for time in analysis["times"]:
        s, e = time["span"]
        if s <= anchor_span[0] and anchor_span[1] <= e or anchor_span[0] <= s and e <= anchor_span[1]:
            return time
    return None


def test_every_reference_time_is_found_with_its_value(example_analysis, reference):
    text = example_analysis["document"]["text"]
    problems = []
    for expected in reference["times"]:
        spans = anchor_spans(text, expected["anchor"])
        assert spans, f"anchor {expected['anchor']!r} not in the text"
        found = [t for t in (_time_covering(example_analysis, span) for span in spans) if t]
        if not found:
            problems.append(f"{expected['anchor']}: no time expression")
            continue
        if "value" in expected and expected["value"] not in {t["value"] for t in found}:
            problems.append(f"{expected['anchor']}: {[t['value'] for t in found]} != {expected['value']}")
        if "type" in expected and expected["type"] not in {t["type"] for t in found}:
            problems.append(f"{expected['anchor']}: {[t['type'] for t in found]} != {expected['type']}")
    assert problems == []


def test_weekdays_resolve_across_week_and_year_boundaries(pipeline):
    text = ("Officials said Friday that the talks had failed. The ministers will meet "
            "Thursday. He left last Monday and returns next Monday.")
    times = _times(checked_analyze(text, pipeline, published="2019-01-07"))  # a Monday
    assert times["Friday"] == ("DATE", "2019-01-04")
    assert times["Thursday"] == ("DATE", "2019-01-10")
    assert times["last Monday"] == ("DATE", "2018-12-31")
    assert times["next Monday"] == ("DATE", "2019-01-14")


def test_relative_days_months_and_years(pipeline):
    text = ("Yesterday the court ruled. In April, the minister resigned, and two days ago "
            "he left the party he had joined last year. Prices rose this month and will "
            "fall next year; they rose 3% a year in the 1990s.")
    times = _times(checked_analyze(text, pipeline, published="2018-12-19"))
    assert times["Yesterday"] == ("DATE", "2018-12-18")
    assert times["April"] == ("DATE", "2018-04")
    assert times["two days ago"] == ("DATE", "2018-12-17")
    assert times["last year"] == ("DATE", "2017")
    assert times["this month"] == ("DATE", "2018-12")
    assert times["next year"] == ("DATE", "2019")
    assert times["a year"] == ("SET", "P1Y")
    assert times["the 1990s"] == ("DATE", "199")


def test_without_a_publication_date_relative_times_stay_unresolved(pipeline):
    text = ("Officials said Wednesday that troops left in April. Yesterday he resigned; "
            "last year he won. The treaty was signed on Dec. 19, 2018 and ratified 12/20/2018.")
    times = _times(checked_analyze(text, pipeline))
    assert times["Wednesday"] == ("DATE", "XXXX-WXX-3")
    assert times["April"] == ("DATE", "XXXX-04")
    assert times["Yesterday"] == ("DATE", "XXXX-XX-XX")
    assert times["last year"] == ("DATE", "XXXX")
    assert times["Dec. 19, 2018"] == ("DATE", "2018-12-19")
    assert times["12/20/2018"] == ("DATE", "2018-12-20")


def test_durations(pipeline):
    text = ("He served for three years. Over the last few weeks prices rose. The strike "
            "lasted 24 hours, early in a two-year term, and talks took six months.")
    times = _times(checked_analyze(text, pipeline, published="2018-05-01"))
    assert times["three years"] == ("DURATION", "P3Y")
    assert times["the last few weeks"] == ("DURATION", "PXW")
    assert times["24 hours"] == ("DURATION", "PT24H")
    assert times["two-year"] == ("DURATION", "P2Y")
    assert times["six months"] == ("DURATION", "P6M")


def test_sets(pipeline):
    text = ("They meet every week and publish weekly. Elections are held twice a year. "
            "The council sits every Monday.")
    times = _times(checked_analyze(text, pipeline, published="2018-05-01"))
    assert times["every week"] == ("SET", "P1W")
    assert times["weekly"] == ("SET", "P1W")
    assert times["twice a year"] == ("SET", "P1Y")
    assert times["every Monday"] == ("SET", "XXXX-WXX-1")


def test_references_quarters_seasons_clock_times_and_centuries(pipeline):
    text = ("Prices are now higher. He recently retired. In the future, robots will work. "
            "Inflation in the first quarter rose. In the 20th century it was different. "
            "Last summer at 3 p.m. the bell rang. Sales in fiscal 2017 fell.")
    times = _times(checked_analyze(text, pipeline, published="2018-05-01"))
    assert times["now"] == ("DATE", "PRESENT_REF")
    assert times["recently"] == ("DATE", "PAST_REF")
    assert times["the future"] == ("DATE", "FUTURE_REF")
    assert times["the first quarter"] == ("DATE", "2018-Q1")
    assert times["the 20th century"] == ("DATE", "19")
    assert times["Last summer"] == ("DATE", "2017-SU")
    assert times["3 p.m."] == ("TIME", "2018-05-01T15:00")
    assert times["fiscal 2017"] == ("DATE", "2017")


def test_fiscal_years_quarter_codes_and_decades(pipeline):
    text = ("Sales in FY2017 rose. Prices fell in mid-2015 and in the early 2000s. Revenue "
            "in Q1 2018 grew, as in the third quarter. Analysts meet every other week.")
    times = _times(checked_analyze(text, pipeline, published="2018-12-21"))
    assert times["FY2017"] == ("DATE", "2017")
    assert times["mid-2015"] == ("DATE", "2015")
    assert times["the early 2000s"] == ("DATE", "200")
    assert times["Q1 2018"] == ("DATE", "2018-Q1")
    assert times["the third quarter"] == ("DATE", "2018-Q3")
    assert times["every other week"] == ("SET", "P2W")


def test_words_that_only_look_like_times_are_left_alone(pipeline):
    text = ("Protesters may march to the capital, officials told USA Today. A quarter of "
            "voters backed the 6-year-old plan of the 52-year-old mayor.")
    assert checked_analyze(text, pipeline, published="2018-05-01")["times"] == []


def test_claims_take_the_time_attached_to_their_cue(pipeline):
    text = ("On Tuesday, the minister told reporters that the plan had failed. The general "
            "said Wednesday that troops would leave. Smith said the war began in 2014.")
    analysis = checked_analyze(text, pipeline, published="2018-12-19")
    ids = {text[s:e]: t["id"] for t in analysis["times"] for s, e in [t["span"]]}
    by_cue = {text[c["cue"][0]:c["cue"][1]] + str(c["cue"][0]): c["time"]
              for c in analysis["claims"] if c["cue"]}
    told = [time for cue, time in by_cue.items() if cue.startswith("told")]
    said = sorted((int(cue[4:]), time) for cue, time in by_cue.items() if cue.startswith("said"))
    assert told == [ids["Tuesday"]]
    assert said[0][1] == ids["Wednesday"]
    assert said[1][1] is None  # 2014 is when the war began, not when Smith spoke


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\ufeff\u202e Wednesday 🙂 ２０１８年 …",
                                  "May May may MAY 1/1/1 99/99/9999 0 p.m. the the 's -",
                                  "It began 1000000000 days ago, in the 0th century, "
                                  "99999999999999999999 years ago or Feb. 30 at 13 p.m."])
def test_odd_input_does_not_crash_the_stage(pipeline, text):
    from newsgraph.document import Document
    from newsgraph.pipeline import AnalysisState
    from newsgraph.stages.times import TimeStage

    stage = next(s for s in pipeline.stages if isinstance(s, TimeStage))
    for published in (None, "2018-12-19", "not a date"):
        document = Document(id="odd", text=text, published=published)  # unvalidated
        state = AnalysisState(document=document, doc=pipeline.nlp(text))
        stage(state)
        for time in state.times:
            assert 0 <= time.span[0] < time.span[1] <= len(text)


@pytest.mark.quality_gate("times")
def test_quality_gate_on_a_tbaq_sample(pipeline, quality_gate):
    """TempEval-3 scores on the first 20 TimeBank and 20 AQUAINT documents
    (benchmarks/times.py prints the full corpus)."""
    from newsgraph.evaluation.timeml import TimexScore, load_corpus, score_documents
    from newsgraph.stages.times import TimeStage

    stage = next(s for s in pipeline.stages if isinstance(s, TimeStage))
    documents = load_corpus(TBAQ, "TimeBank", 20) + load_corpus(TBAQ, "AQUAINT", 20)
    score, _ = score_documents(pipeline.nlp, stage, documents)
    assert isinstance(score, TimexScore) and score.gold > 200
    quality_gate({"relaxed_f1": score.relaxed()[2], "strict_f1": score.strict_f1()[2],
                  "value_f1": score.value()[2], "type_accuracy": score.type_accuracy()})


def test_anaphoric_expressions_count_from_the_last_date_named(pipeline):
    text = ("On May 22, 1995, Farkas was made a general, and the following year he was sent "
            "to Washington. The doctor was killed on Oct. 23, 1998. He was shot at 10 p.m. "
            "in his kitchen; his name was crossed out that same day. Earlier, in June 1997, "
            "he had moved, and later that year he left.")
    times = _times(checked_analyze(text, pipeline, published="1999-04-19"))
    assert times["the following year"] == ("DATE", "1996")
    assert times["10 p.m."] == ("TIME", "1998-10-23T22:00")
    assert times["that same day"] == ("DATE", "1998-10-23")
    assert times["later that year"] == ("DATE", "1997")


def test_the_tense_of_the_governing_verb_places_dates_without_a_year(pipeline):
    text = ("The stock rose to a high in June from $29.75 in March. Police have been searching "
            "for him since the Oct. 23 slaying. The offer had been scheduled to expire at "
            "midnight Friday. The FBI has scheduled a news conference Thursday.")
    times = _times(checked_analyze(text, pipeline, published="1999-05-05"))  # a Wednesday
    assert times["March"] == ("DATE", "1999-03")
    assert times["Oct. 23"] == ("DATE", "1998-10-23")
    assert times["midnight Friday"] == ("TIME", "1999-04-30T24:00")
    assert times["Thursday"] == ("DATE", "1999-05-06")


def test_vague_references_decades_and_ordinals(pipeline):
    text = ("The unit will be sold in the near future, and prices may fall in the weeks ahead. "
            "Orangemen march each July. Attacks had become routine over the past decade. "
            "A second group of directors met at midday. Sales for the full year rose, as "
            "today's editions report.")
    analysis = checked_analyze(text, pipeline, published="1989-10-30")
    times = _times(analysis)
    assert times["the near future"] == ("DATE", "FUTURE_REF")
    assert times["the weeks ahead"] == ("DATE", "FUTURE_REF")
    assert times["each July"] == ("SET", "XXXX-07")
    assert times["the past decade"] == ("DURATION", "P10Y")
    assert times["midday"] == ("TIME", "1989-10-30T12:00")
    assert times["the full year"] == ("DATE", "1989")
    assert times["today"] == ("DATE", "1989-10-30")
    assert not any(words.startswith("A second") for words in times)


def test_events_take_the_time_their_trigger_governs(pipeline):
    text = ("After talks failed on Oct. 3, Russian troops attacked the northern city of Kharkiv "
            "on Tuesday.")  # Oct. 3 is nearer the trigger, but dates the talks
    analysis = checked_analyze(text, pipeline, published="2018-10-12")
    ids = {text[s:e]: t["id"] for t in analysis["times"] for s, e in [t["span"]]}
    attacks = [e for e in analysis["events"] if text[e["trigger"][0]:e["trigger"][1]] == "attacked"]
    assert attacks and attacks[0]["time"] == ids["Tuesday"]
    talks = [e for e in analysis["events"] if text[e["trigger"][0]:e["trigger"][1]] == "talks"]
    assert talks and talks[0]["time"] == ids["Oct. 3"]


def test_parts_of_the_day_and_clock_times_in_words(pipeline):
    text = ("By mid-afternoon, official sources said the attack was over. In London at "
            "mid-afternoon yesterday, shares were up. The father will leave at 4 in the "
            "morning.")
    times = _times(checked_analyze(text, pipeline, published="1998-03-06"))
    assert times["mid-afternoon"] == ("TIME", "1998-03-06TAF")
    assert times["mid-afternoon yesterday"] == ("TIME", "1998-03-05TAF")
    assert times["4 in the morning"] == ("TIME", "1998-03-06T04:00")


def test_some_day_and_the_day_in_focus(pipeline):
    text = ("Islam will one day be the second largest religion here. The minister had been "
            "in the job one day. The president arrived in Philadelphia later in the day.")
    analysis = checked_analyze(text, pipeline, published="1998-03-03")
    one_day = [(t["type"], t["value"]) for t in analysis["times"]
               if text[t["span"][0]:t["span"][1]] == "one day"]
    assert one_day == [("DATE", "FUTURE_REF"), ("DURATION", "P1D")]
    assert _times(analysis)["the day"] == ("DATE", "1998-03-03")


def test_a_possessive_weekday_dates_its_noun(pipeline):
    text = ("Trump threatened to invite Flowers to Monday night's debate. Lawyers would look "
            "for ways around Wednesday's ruling.")
    times = _times(checked_analyze(text, pipeline, published="2016-09-25"))  # a Sunday
    assert times["Monday night"] == ("TIME", "2016-09-26TNI")
    assert times["Wednesday"] == ("DATE", "2016-09-21")


def test_a_time_before_a_reported_clause_dates_the_reporting_verb(pipeline):
    """ "told X this weekend he would ...": the weekend of the telling, the one just gone
    on a Monday, though the parser hangs the time on the future verb of the report."""
    text = ("The senator told union members this weekend she would oppose the bill if it "
            "reached the floor. The mayors will meet this weekend.")
    analysis = checked_analyze(text, pipeline, published="2016-09-19")  # a Monday
    ids = {text[s:e] + str(s): t for t in analysis["times"] for s, e in [t["span"]]}
    told_weekend, meet_weekend = sorted(ids.items(), key=lambda item: item[1]["span"])
    assert told_weekend[1]["value"] == "2016-W37-WE"
    assert meet_weekend[1]["value"] == "2016-W38-WE"
    told = [c for c in analysis["claims"] if c["cue"] and text[c["cue"][0]:c["cue"][1]] == "told"]
    assert told and told[0]["time"] == told_weekend[1]["id"]


def test_an_infinitive_subject_takes_the_tense_of_its_verb(pipeline):
    text = ("The first team to reach the summit on Friday was from Nepal. "
            "The firm agreed to repay the loan by January.")
    times = _times(checked_analyze(text, pipeline, published="1999-03-13"))  # a Saturday
    assert times["Friday"] == ("DATE", "1999-03-12")
    assert times["January"] == ("DATE", "2000-01")


def test_a_quarter_named_for_a_forecast_does_not_become_the_one_compared(pipeline):
    # "a year earlier" compares with the quarter reported, not the coming one a forecast
    # names; a fiscal quarter reported in the past tense is over whatever its number
    text = ("The brewer posted third-quarter profit of $5 million. It expects to take a "
            "fourth-quarter charge of $2 million. Sales fell 4% from a year earlier.")
    times = _times(checked_analyze(text, pipeline, published="1995-11-03"))
    assert times["a year earlier"] == ("DATE", "1994-Q3")
    text = "The toy maker reported a drop in fourth-quarter earnings to $3 million from $8 million a year earlier."
    times = _times(checked_analyze(text, pipeline, published="1995-11-03"))
    assert times["a year earlier"] == ("DATE", "1994-Q4")


def test_set_is_a_plan_only_when_it_sets_something_for_a_time(pipeline):
    times = _times(checked_analyze("The shares closed near the record high set on July 14.",
                                   pipeline, published="1995-03-02"))
    assert times["July 14"] == ("DATE", "1994-07-14")
    times = _times(checked_analyze("The referendum, set for July 14, may be delayed.",
                                   pipeline, published="1995-03-02"))
    assert times["July 14"] == ("DATE", "1995-07-14")


def test_easter_and_the_days_of_its_week(pipeline):
    text = "The pilgrims arrived as Holy Week began. The shops close on Good Friday and reopen after Easter."
    times = _times(checked_analyze(text, pipeline, published="2019-04-15"))
    assert times["Holy Week"] == ("DATE", "2019-W16")
    assert times["Good Friday"] == ("DATE", "2019-04-19")
    assert times["Easter"] == ("DATE", "2019-04-21")
    assert _times(checked_analyze("Tourists flew to Easter Island.", pipeline,
                                  published="2019-04-15")) == {}


def test_a_later_date_is_a_vague_reference(pipeline):
    text = "The ruling will come at a later date; the fee was set at an earlier date."
    times = _times(checked_analyze(text, pipeline, published="2019-04-15"))
    assert times["a later date"] == ("DATE", "FUTURE_REF")
    assert times["an earlier date"] == ("DATE", "PAST_REF")


def test_a_quoted_title_is_no_time(pipeline):
    text = ("The senator said on NBC's \"Next Week With Ann Lowe\" that the bill was dead. "
            "He said \"Next Week\" is not a real show, and later: \"We vote next week.\"")
    times = _times(checked_analyze(text, pipeline, published="2019-04-15"))
    assert "Next Week" not in times
    assert times["next week"] == ("DATE", "2019-W17")


def test_spelled_thousands_count_unless_they_name_the_year(pipeline):
    text = ("The guild kept its secret for more than two thousand years. The fee was two "
            "thousand dollars. Two thousand years ago the port was founded, and the plan "
            "runs to the year two thousand.")
    times = _times(checked_analyze(text, pipeline, published="1998-01-21"))
    assert times["more than two thousand years"] == ("DURATION", "P2000Y")
    assert times["Two thousand years ago"] == ("DATE", "BC0003")  # there is no year 0
    assert times["the year two thousand"] == ("DATE", "2000")
    assert not any("dollars" in words or words == "two thousand" for words in times)


def test_then_current_is_current_at_a_past_time(pipeline):
    text = "The rights let holders buy at the then-current price; the current board kept them."
    analysis = checked_analyze(text, pipeline, published="2003-06-02")
    values = [t["value"] for t in analysis["times"]]
    assert values == ["PAST_REF", "PRESENT_REF"]


def test_the_gold_is_read_against_each_documents_creation_date():
    """The benchmark's count of value errors the gold makes elsewhere: "last week" of
    two documents a decade apart reads W-1 in both, an unknown week of the year Y+0-WXX."""
    from newsgraph.evaluation.timeml import (TimeMLDocument, Timex, TimexError, gold_elsewhere,
                                             gold_readings, relative_reading)

    def reading(value, published="1998-03-22", kind="DATE"):
        return relative_reading(Timex((0, 1), kind, value), published)

    assert reading("1998-W11") == ("DATE", "W-1")  # 1998-03-22 is a Sunday of ISO week 12
    assert reading("1999-W1") == ("DATE", "W+42")  # ISO 1998 has 53 weeks
    assert reading("1998-W12-WE") == ("DATE", "W+0-WE")
    assert reading("1998-WXX") == ("DATE", "Y+0-WXX")
    assert reading("1997-Q3") == ("DATE", "Y-1-Q3")
    assert reading("1998-01") == ("DATE", "M-2")
    assert reading("1998-03-20") == reading("1998-03-01") == ("DATE", "D-")
    assert reading("1998-03-22T09:00", kind="TIME") == ("TIME", "D0T09:00")
    assert reading("1998-02-30") == ("DATE", "1998-02-30")  # no such day: as it is
    assert reading("PAST_REF") == ("DATE", "PAST_REF")
    assert reading("1998-W11", published=None) == ("DATE", "1998-W11")

    text = "He left last week. She came last week. They met Friday."

    def document(published, last_week, friday):
        return TimeMLDocument("d", "test", text, published, [
            Timex((8, 17), "DATE", last_week[0]), Timex((28, 37), "DATE", last_week[1]),
            Timex((48, 54), "DATE", friday)])
    documents = [document("1989-10-30", ("1989-WXX", "1989-WXX"), "1989-10-27"),
                 document("1998-03-22", ("1998-W11", "1998-WXX"), "1998-03-27")]
    readings = gold_readings(documents)
    assert readings["last week"] == {("DATE", "Y+0-WXX"): 3, ("DATE", "W-1"): 1}
    week_error = TimexError(documents[1], documents[1].timexes[1], Timex((28, 37), "DATE", "1998-W11"))
    assert gold_elsewhere(week_error, readings) == 1
    wrong_week = TimexError(documents[1], documents[1].timexes[1], Timex((28, 37), "DATE", "1998-W09"))
    assert gold_elsewhere(wrong_week, readings) == 0
    # a weekday's reading also depends on the tense: never counted, though the gold
    # reads "Friday" as a day to come in the other document
    assert readings["friday"][("DATE", "D+")] == 1
    friday = TimexError(documents[0], documents[0].timexes[2], Timex((48, 54), "DATE", "1989-11-03"))
    assert gold_elsewhere(friday, readings) == 0
