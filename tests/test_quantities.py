"""Quantities: numbers the article asserts, with value, bounds, unit, owner, place and
claim. The reference example, behaviour on other text, bad input, place linking with
constructed places, and a quality gate on quantulum3's own English test cases."""

from __future__ import annotations

import importlib.util
import time

import pytest

from conftest import ROOT, checked_analyze
from reference_check import quantity_problems


def _quantities(analysis):
    text = analysis["document"]["text"]
    return {text[q["span"][0]:q["span"][1]]: q for q in analysis["quantities"]}


def _one(analysis, span_text):
    found = _quantities(analysis)
    assert span_text in found, f"{span_text!r} not among {list(found)}"
    return found[span_text]


def test_every_reference_quantity_is_found(example_analysis, reference):
    with_place = bool(example_analysis["places"])  # places come from the places stage
    problems = [p for expected in reference["quantities"]
                for p in quantity_problems(example_analysis, expected, with_place)]
    assert problems == []


def test_money_percent_and_scaled_numbers(pipeline):
    analysis = checked_analyze(
        "The ministry spent $4.5 billion on roads, £2,000 on paint and €3m on lights. "
        "Turnout fell to 35 percent while 1.5 million people stayed home. Support rose "
        "4 percentage points to 41%.", pipeline)
    assert _one(analysis, "$4.5 billion")["value"] == 4_500_000_000
    assert _one(analysis, "$4.5 billion")["unit"] == "USD"
    assert _one(analysis, "£2,000")["unit"] == "GBP"
    euros = _one(analysis, "€3m")
    assert (euros["value"], euros["unit"]) == (3_000_000, "EUR")
    assert _one(analysis, "35 percent")["unit"] == "percent"
    assert _one(analysis, "4 percentage points")["unit"] == "percentage point"
    assert _one(analysis, "41%")["unit"] == "percent"
    people = _one(analysis, "1.5 million people")
    assert (people["value"], people["unit"]) == (1_500_000, "people")


def test_a_change_to_a_level_is_no_range(pipeline):
    analysis = checked_analyze("Prices rose 5% to 41% in May, and wages fell by 2 to 3 "
                               "percent. Rents ranged from 700 to 900 dollars.", pipeline)
    assert _one(analysis, "5%")["value"] == 5 and _one(analysis, "41%")["value"] == 41
    rents = _one(analysis, "from 700 to 900 dollars")
    assert (rents["low"], rents["high"], rents["unit"]) == (700, 900, "USD")


def test_bounds_ranges_and_vague_counts(pipeline):
    analysis = checked_analyze(
        "Officials said over 5,000 soldiers crossed, up to 40 km inside the border. "
        "Between 1,500 and 2,000 refugees waited, and hundreds of trucks and a few dozen "
        "buses queued. Nearly 300 villages and some 12 towns lost power.", pipeline)
    over = _one(analysis, "over 5,000 soldiers")
    assert (over["low"], over["value"], over["unit"], over["approximate"]) == (5000, None, "soldier", False)
    up_to = _one(analysis, "up to 40 km")
    assert (up_to["high"], up_to["unit"], up_to["approximate"]) == (40, "km", True)
    between = _one(analysis, "Between 1,500 and 2,000 refugees")
    assert (between["low"], between["high"], between["unit"]) == (1500, 2000, "refugee")
    hundreds = _one(analysis, "hundreds of trucks")
    assert (hundreds["low"], hundreds["high"], hundreds["unit"]) == (100, 999, "truck")
    assert hundreds["approximate"] is True
    dozen = _one(analysis, "a few dozen buses")
    assert (dozen["low"], dozen["high"]) == (24, 60)
    nearly = _one(analysis, "Nearly 300 villages")
    assert (nearly["value"], nearly["high"], nearly["approximate"]) == (300, 300, True)
    assert _one(analysis, "some 12 towns")["approximate"] is True
    listed = checked_analyze("The country took 11,491 refugees, 15 percent over the limit, "
                             "and gave 45 and 50 mg doses.", pipeline)
    assert _one(listed, "11,491 refugees")["unit"] == "refugee"
    assert _one(listed, "45")["unit"] == "mg"


def test_number_words_fractions_and_measures(pipeline):
    analysis = checked_analyze(
        "The convoy of twenty-one trucks drove two and a half miles and burned six gallons "
        "of fuel. Two thirds of the crew and a dozen guards stayed; the wall is 3.5 m high "
        "and the lake covers 4 square kilometers.", pipeline)
    assert _one(analysis, "twenty-one trucks")["value"] == 21
    miles = _one(analysis, "two and a half miles")
    assert (miles["value"], miles["unit"]) == (2.5, "mi")
    assert _one(analysis, "six gallons")["unit"] == "gal"
    assert _one(analysis, "Two thirds of the crew")["value"] == pytest.approx(2 / 3)
    guards = _one(analysis, "a dozen guards")
    assert (guards["value"], guards["unit"]) == (12, "guard")
    assert _one(analysis, "3.5 m")["unit"] == "m"
    scaled = checked_analyze("The flood displaced 3m people; the wall is 3m high.", pipeline)
    assert (_one(scaled, "3m people")["value"], _one(scaled, "3m people")["unit"]) == (3e6, "people")
    assert _one(scaled, "3m")["unit"] == "m"
    money = checked_analyze("Donors gave a quarter of a million dollars and hundreds of "
                            "millions of euros; he needed a bit more.", pipeline)
    quarter = _one(money, "a quarter of a million dollars")
    assert (quarter["value"], quarter["unit"]) == (250_000, "USD")
    assert _one(money, "hundreds of millions of euros")["unit"] == "EUR"
    assert "a bit" not in _quantities(money)
    assert _one(analysis, "4 square kilometers")["unit"] == "km2"
    rates = checked_analyze("Pay rose to $15.40/hour; cars drove at 80 miles per hour.", pipeline)
    assert _one(rates, "$15.40/hour")["unit"] == "USD/hour"
    assert _one(rates, "80 miles per hour")["unit"] == "MPH"


def test_dates_times_names_ages_and_phones_are_not_quantities(pipeline):
    analysis = checked_analyze(
        "On Dec. 19, 2018, at 3 p.m., a 45-year-old pilot flew a Boeing 737 to the G7 "
        "summit, which was first held in 1975 and in the 1990s moved to the No. 2 hall. "
        "Call 555-1234 for details. It was the second time. Donna Rawlings, 59, of "
        "Ashton, watched, as a blog called Zero Hedge reported two years ago.", pipeline)
    assert analysis["quantities"] == [], _quantities(analysis)


def test_owner_and_claim(pipeline):
    analysis = checked_analyze(
        "France has about 3,000 troops in Mali, the defence ministry said on Monday. "
        "The number of Wagner fighters in Mali is as high as 1,500, officials said. "
        "The Malian army carried out dozens of raids.", pipeline)
    entities = {e["id"]: e for e in analysis["entities"]}

    def owner_name(span):
        of = _one(analysis, span)["of"]
        return entities[of]["name"] if of else None

    assert owner_name("about 3,000 troops") == "France"
    assert _one(analysis, "about 3,000 troops")["claim"] is not None
    fighters = _one(analysis, "as high as 1,500")
    assert (fighters["unit"], fighters["high"]) == ("fighter", 1500)
    assert owner_name("dozens of raids") is not None


def _state_with_places(pipeline, text, place_names):
    """Run the stages before quantities, then add Place items for the given names (the
    places stage is built elsewhere): place linking is tested on its own."""
    from newsgraph import make_document
    from newsgraph.items import Place
    from newsgraph.pipeline import AnalysisState
    from newsgraph.stages.quantities import QuantityStage

    state = AnalysisState(document=make_document(text), doc=pipeline.nlp(text))
    for stage in pipeline.stages:
        if isinstance(stage, QuantityStage):
            break
        stage(state)
    state.places = []
    for number, name in enumerate(place_names, start=1):
        start = text.index(name)
        state.places.append(Place(id=f"P{number}", name=name, kind="country",
                                  mentions=[(start, start + len(name))]))
    return state


def _run_quantities(pipeline, state):
    from newsgraph.stages.quantities import QuantityStage

    stage = next(s for s in pipeline.stages if isinstance(s, QuantityStage))
    stage(state)
    text = state.document.text
    return {text[q.span[0]:q.span[1]]: q for q in state.quantities}


def test_place_from_preposition_where_clause_and_sentence(pipeline):
    text = ("Norway keeps about 900 soldiers in Latvia. Some jets flew from Poland to "
            "neighboring Lithuania, where Germany has over 1,000 troops. "
            "In the port of Gdansk, officials counted 40 ships.")
    state = _state_with_places(pipeline, text, ["Latvia", "Poland", "Lithuania", "Gdansk"])
    found = _run_quantities(pipeline, state)
    assert found["about 900 soldiers"].place == "P1"
    assert found["over 1,000 troops"].place == "P3"
    assert found["40 ships"].place == "P4"


def test_no_place_without_places(pipeline):
    state = _state_with_places(pipeline, "About 900 soldiers are in Latvia.", [])
    found = _run_quantities(pipeline, state)
    assert found["About 900 soldiers"].place is None


@pytest.mark.parametrize("text", [
    "$", "-", "1/0", "½", "$$$ 5", "a a a", "one", "99999999999999999999999999",
    "1e999 km", "Between and", "between 5 and", "from $ to $", "3 to", "\u200b4\u00a0000 km",
    "٣ apples", "2 1/0 in", "(555) 123-4567", "hundreds of", "10-", "—12—",
])
def test_bad_input_does_not_crash(pipeline, text):
    analysis = checked_analyze(text, pipeline)
    assert isinstance(analysis["quantities"], list)


def _benchmark():
    spec = importlib.util.spec_from_file_location("quantities_benchmark",
                                                  ROOT / "benchmarks" / "quantities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.quality_gate("quantities")
def test_quality_gate_on_quantulum3_cases(pipeline, quality_gate):
    """The benchmark's pass rates: value and unit, value only, unit only, and under the
    project's policy."""
    started = time.perf_counter()
    rates, _, _, _ = _benchmark().score_cases(pipeline)
    assert time.perf_counter() - started < 15
    quality_gate({name: rates[name] for name in ("both", "value", "unit", "policy")})


def test_reference_places_link_when_places_are_given(pipeline, reference):
    """The places stage is built elsewhere: give every place name the reference's
    quantities mention as a Place with all its occurrences, then check the links."""
    from newsgraph.items import Place
    from reference_check import anchor_spans

    from conftest import EXAMPLE_TEXT

    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    names = sorted({q["place"] for q in reference["quantities"] if "place" in q})
    state = _state_with_places(pipeline, text, [])
    state.places = [Place(id=f"P{n}", name=name, kind="country",
                          mentions=anchor_spans(state.document.text, name))
                    for n, name in enumerate(names, start=1)]
    _run_quantities(pipeline, state)
    analysis = {"document": {"text": state.document.text},
                "quantities": [q.to_contract() for q in state.quantities],
                "places": [p.to_contract() for p in state.places]}
    problems = [p for expected in reference["quantities"]
                for p in quantity_problems(analysis, expected, with_place=True)]
    assert problems == []
