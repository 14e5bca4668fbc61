"""Publication dates as sites, feeds and crawlers print them, to the contract's date.

ISO 8601 (and its basic form) is read by the standard library; everything else goes to
dateparser, English only, absolute dates only (a relative "3 hours ago" has no fixed
meaning without a crawl time), with day, month and year all required (dateparser would
fill a missing year from today's clock, and outputs must not depend on the day of the run).

Before dateparser the string gets a small, documented pre-normalisation, nothing fitted to
particular strings:
- a leading label is dropped: "Updated", "Last updated", "Published", "First published",
  "Posted", "Date", with an optional colon and "on";
- "|", "•" and "·", which sites put between date and time, become spaces;
- "a.m."/"p.m." become "AM"/"PM"; an "at" between date and time is dropped;
- a year glued to the time after it ("December 17, 20168:46 AM", as some sites' markup
  prints date and time in adjacent elements) gets its space back;
- a stamp of several parts ("Published ... | Updated ...", "date / time / ago") that does not read as a whole
  is read part by part, the first part that is a date winning.

Numerals such as 11/12/2016 are month first by default (DEFAULT_DATE_ORDER, US sites and
most English feeds); `--date-order DMY` reads them day first. A number of 9-10 digits is a
Unix time in seconds, of 12-13 digits in milliseconds (UTC). A time of exactly 00:00:00
with no zone is taken as no time (crawlers write it when the page gave none).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UnparsableDateError

DATE_ORDERS = ("MDY", "DMY", "YMD")
DEFAULT_DATE_ORDER = "MDY"
# Longer strings are not dates; dateparser's cost grows with length.
MAX_DATE_CHARS = 200

_LABEL = re.compile(r"^\s*(?:last\s+updated|updated|first\s+published|published|posted|date)"
                    r"\s*(?::|\bon\b)?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.?(?=\W|$)", re.IGNORECASE)
_AT = re.compile(r"(?<=\d)\s*,?\s+at\s+(?=\d)", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:\||•|\s/\s|\bupdated\b:?|\bposted\b:?|\bpublished\b:?)\s*", re.IGNORECASE)
# A year (1800-2099) directly followed by an hour and minutes: "20168:46" is "2016 8:46".
_GLUED_YEAR_TIME = re.compile(r"\b((?:18|19|20)\d\d)(\d{1,2}[:.]\d\d)\b")
_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)
# An ISO date that is no real day, or is glued to other characters: a warning, not a guess.
_BROKEN_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:$|[^\s\dT,.:+\-Z])")
_UNIX_SECONDS = re.compile(r"^\d{9,10}$")
_UNIX_MILLISECONDS = re.compile(r"^\d{12,13}$")


@dataclass(frozen=True)
class PublishedDate:
    """The contract's `published` (YYYY-MM-DD, as the site printed it, in its own zone)
    and `published_at` (ISO 8601 date and time, with the offset when one was given;
    None when the source gave no time of day)."""

    date: str | None = None
    moment: str | None = None


def parse_published(value: object, date_order: str = DEFAULT_DATE_ORDER) -> PublishedDate:
    """Read one publication date; raises UnparsableDateError when it is not one."""
    if value is None or value == "":
        return PublishedDate()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise UnparsableDateError(f"published: a {type(value).__name__} is not a date")
    text = str(value).strip()
    if not text:
        return PublishedDate()
    if len(text) > MAX_DATE_CHARS:
        raise UnparsableDateError(f"published: {len(text)} characters are not a date")
    if date_order not in DATE_ORDERS:
        raise UnparsableDateError(f"date order {date_order!r} is not one of {DATE_ORDERS}")
    moment = _iso(text) or _unix_time(text) or _with_dateparser(text, date_order)
    if moment is None:
        raise UnparsableDateError(f"published {_shown(text)} is not a date")
    return _result(moment, has_time=isinstance(moment, _dt.datetime) and _has_time(text))


def _iso(text: str) -> _dt.date | None:
    """ISO 8601 as datetime.fromisoformat reads it. A string that looks ISO but is not a
    real date ("2018-13-45", "2018-12-19garbage") is not passed on to be coerced."""
    try:
        if len(text) in (8, 10):
            return _dt.date.fromisoformat(text)
        return _dt.datetime.fromisoformat(text)
    except ValueError:
        if _BROKEN_ISO.match(text):
            raise UnparsableDateError(f"published {_shown(text)} is not a valid ISO date")
        return None


def _unix_time(text: str) -> _dt.datetime | None:
    if _UNIX_SECONDS.match(text):
        return _dt.datetime.fromtimestamp(int(text), tz=_dt.timezone.utc)
    if _UNIX_MILLISECONDS.match(text):
        return _dt.datetime.fromtimestamp(int(text) / 1000, tz=_dt.timezone.utc)
    return None


def _with_dateparser(text: str, date_order: str) -> _dt.datetime | None:
    parser = _parser(date_order)
    cleaned = normalise(text)
    found = parser.get_date_data(cleaned).date_obj if cleaned else None
    if found is None:
        for part in _PARTS.split(text):
            cleaned = normalise(part)
            if cleaned and (found := parser.get_date_data(cleaned).date_obj) is not None:
                break
    return found


def normalise(text: str) -> str:
    """The documented pre-normalisation (module docstring) of one date string."""
    text = _LABEL.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    text = _MERIDIEM.sub(lambda m: m.group(1).upper() + "M", text)
    text = _AT.sub(" ", text)
    text = _GLUED_YEAR_TIME.sub(r"\1 \2", text)
    return " ".join(text.split())


@lru_cache(maxsize=len(DATE_ORDERS))
def _parser(date_order: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "DATE_ORDER": date_order, "PARSERS": ["absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True})


def _has_time(text: str) -> bool:
    return bool(_TIME.search(text))


def _result(moment: _dt.date, has_time: bool) -> PublishedDate:
    if not 1000 <= moment.year <= 9999:
        raise UnparsableDateError(f"published year {moment.year} is out of range")
    if isinstance(moment, _dt.datetime):
        day = moment.date().isoformat()
        # Crawlers (news-please) write 00:00:00 without a zone for "no time known".
        unknown_time = moment.tzinfo is None and moment.time() == _dt.time(0)
        if not unknown_time and (has_time or moment.time() != _dt.time(0)):
            return PublishedDate(day, moment.isoformat(timespec="seconds"))
        return PublishedDate(day)
    return PublishedDate(moment.isoformat())


def _shown(text: str) -> str:
    """The string as a warning quotes it: short, control characters escaped."""
    from .names import printable

    return repr(printable(text[:80]))
