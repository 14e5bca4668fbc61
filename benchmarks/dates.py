"""Publication dates as news sites, feeds and crawlers print them: the share that
newsgraph reads to the right date (inputs.dates.parse_published).

    .venv/bin/python benchmarks/dates.py [--failures]

The items, each with its expected date:
- the `date_publish` of every news-please record in ../shared/data/5w1h/giveme5w1h/train
  (crawler output, expected: its own date part; the string "None" has no date);
- SHAPES below, written by the project: each the way one kind of site or feed prints a
  date (page bylines, RSS and Atom, JSON APIs), rendered for MOMENTS. The expected date is
  the one rendered, as the site prints it in its own zone. Shapes whose numerals are day
  first carry the --date-order a user gives for such a site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS_PLEASE = ROOT.parent / "shared" / "data" / "5w1h" / "giveme5w1h" / "train"

# Dates and times of day that cover both halves of the year (EST/EDT), single-digit days
# and months, noon, late evening, and the end of February.
MOMENTS = [dt.datetime(2016, 1, 5, 8, 5), dt.datetime(2016, 3, 9, 23, 30),
           dt.datetime(2016, 9, 1, 0, 15), dt.datetime(2016, 12, 17, 8, 46),
           dt.datetime(2017, 6, 30, 12, 0), dt.datetime(2018, 2, 28, 17, 45),
           dt.datetime(2019, 11, 11, 6, 59), dt.datetime(2020, 7, 4, 21, 10)]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec."]


def _fields(moment: dt.datetime) -> dict:
    hour12 = moment.hour % 12 or 12
    summer = 4 <= moment.month <= 10
    return {
        "Y": moment.year, "m": f"{moment.month:02d}", "n": moment.month,
        "d": f"{moment.day:02d}", "j": moment.day, "B": moment.strftime("%B"),
        "b": moment.strftime("%b"), "ap_b": AP_MONTHS[moment.month - 1],
        "A": moment.strftime("%A"), "a": moment.strftime("%a"),
        "H": f"{moment.hour:02d}", "M": f"{moment.minute:02d}", "I": hour12,
        "p": "AM" if moment.hour < 12 else "PM", "ap": "a.m." if moment.hour < 12 else "p.m.",
        "pl": "am" if moment.hour < 12 else "pm", "est": "EDT" if summer else "EST",
        "off": "-04:00" if summer else "-05:00", "offc": "-0400" if summer else "-0500",
        "th": {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(
            moment.day, "th"),
        "ts": int(moment.replace(tzinfo=dt.timezone.utc).timestamp()),
    }


# (who prints it, format over _fields, date order the user gives for that source)
SHAPES = [
    ("AP byline", "{ap_b} {j}, {Y} {I}:{M} {p} ET", "MDY"),
    ("Reuters 2016", "{a} {b} {j}, {Y} | {I}:{M}{pl} {est}", "MDY"),
    ("Reuters 2018", "{B} {j}, {Y} / {I}:{M} {p} / Updated 2 years ago", "MDY"),
    ("BBC", "{j} {B} {Y}", "MDY"),
    ("Guardian", "{a} {j} {b} {Y} {H}.{M} GMT", "MDY"),
    ("Guardian, older", "{A} {j} {B} {Y} {H}.{M} GMT", "MDY"),
    ("NYT", "{ap_b} {j}, {Y}", "MDY"),
    ("Washington Post", "{B} {j}, {Y} at {I}:{M} {ap} {est}", "MDY"),
    ("CNN", "Updated {I}:{M} {p} ET, {a} {B} {j}, {Y}", "MDY"),
    ("Fox News", "Published {B} {j}, {Y}", "MDY"),
    ("Al Jazeera", "{j} {b} {Y}", "MDY"),
    ("Politico", "{m}/{d}/{Y} {I}:{M} {p} {est}", "MDY"),
    ("USA Today", "Published {I}:{M} {ap} ET {ap_b} {j}, {Y} | Updated {I}:{M} {ap} ET", "MDY"),
    ("Bloomberg", "{B} {j}, {Y}, {I}:{M} {p} {est}", "MDY"),
    ("Daily Mail", "Published: {H}:{M} GMT, {j} {B} {Y} | Updated: {H}:{M} GMT, {j} {B} {Y}",
     "DMY"),
    ("Independent", "{A} {j} {B} {Y} {H}:{M} GMT", "MDY"),
    ("Times of India", "{b} {j}, {Y}, {I}.{M} {p} IST", "MDY"),
    ("blog, ordinal", "{B} {j}{th}, {Y}", "MDY"),
    ("WordPress", "Posted on {B} {j}, {Y}", "MDY"),
    ("US numerals", "{n}/{j}/{Y}", "MDY"),
    ("UK numerals", "{d}/{m}/{Y}", "DMY"),
    ("European numerals", "{d}.{m}.{Y}", "DMY"),
    ("long weekday", "{A}, {B} {j}, {Y}", "MDY"),
    ("compact", "{b} {j} {Y} {I}:{M}{p}", "MDY"),
    ("RSS pubDate GMT", "{a}, {d} {b} {Y} {H}:{M}:00 GMT", "MDY"),
    ("RSS pubDate offset", "{a}, {d} {b} {Y} {H}:{M}:00 {offc}", "MDY"),
    ("Atom", "{Y}-{m}-{d}T{H}:{M}:00{off}", "MDY"),
    ("Atom UTC", "{Y}-{m}-{d}T{H}:{M}:00.000Z", "MDY"),
    ("schema.org datePublished", "{Y}-{m}-{d}T{H}:{M}:00{offc}", "MDY"),
    ("news-please", "{Y}-{m}-{d} {H}:{M}:00", "MDY"),
    ("htmldate / trafilatura", "{Y}-{m}-{d}", "MDY"),
    ("JSON API, Unix time", "{ts}", "MDY"),
    ("NPR, text of the page", "{B} {j}, {Y}{I}:{M} {p} ET", "MDY"),
    ("Yahoo", "{B} {j}, {Y} | {I}:{M}{pl}", "MDY"),
    ("Central time", "{b} {j}, {Y} {H}:{M} {p} CST", "MDY"),
    ("day-month-year abbreviations", "{d}-{b}-{Y}", "MDY"),
    ("year-first slashes", "{Y}/{m}/{d}", "MDY"),
    ("Last updated", "Last Updated: {a}, {b} {j} {Y} {I}:{M} {p}", "MDY"),
]


def items() -> list[tuple[str, str, str | None, str]]:
    """(source, date string, expected YYYY-MM-DD or None, date order)."""
    found = []
    for path in sorted(NEWS_PLEASE.glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8")).get("date_publish")
        if isinstance(value, str):
            expected = value[:10] if value[:4].isdigit() else None
            found.append(("news-please (5w1h)", value, expected, "MDY"))
    for source, shape, order in SHAPES:
        for moment in MOMENTS:
            found.append((source, shape.format(**_fields(moment)), moment.date().isoformat(),
                          order))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list the strings read wrong")
    args = parser.parse_args()

    from newsgraph.errors import UnparsableDateError
    from newsgraph.inputs.dates import parse_published

    cases = items()
    right, wrong = 0, []
    parse_published("2016-12-17 08:46 EST")  # dateparser loads its data once: not timed
    started = time.perf_counter()
    for source, value, expected, order in cases:
        try:
            got = parse_published(value, order).date
        except UnparsableDateError:
            got = None
        if got == expected:
            right += 1
        else:
            wrong.append((source, value, expected, got))
    seconds = time.perf_counter() - started
    print(f"date strings: {len(cases)} ({len(SHAPES)} site and feed shapes x {len(MOMENTS)} "
          f"dates, {len(cases) - len(SHAPES) * len(MOMENTS)} news-please records)")
    print(f"parsed right: {right}/{len(cases)} = {right / len(cases):.3f} "
          f"({1000 * seconds / len(cases):.2f} ms a string)")
    by_source: dict[str, int] = {}
    for source, *_ in wrong:
        by_source[source] = by_source.get(source, 0) + 1
    if by_source:
        print("wrong by source: " + ", ".join(f"{s} {n}" for s, n in sorted(by_source.items())))
    if args.failures:
        for source, value, expected, got in wrong:
            print(f"  {source}: {value!r}: expected {expected}, got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
