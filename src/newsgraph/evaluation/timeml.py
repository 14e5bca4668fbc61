"""TimeML (.tml) documents with TIMEX3 annotations, and TempEval-3 style timex scores.

The text is what lies inside <TEXT>, tags removed; the document creation time (the TIMEX3
with functionInDocument="CREATION_TIME") is the publication date and is not scored.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from pathlib import Path

from .metrics import prf

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')


@dataclass(frozen=True)
class Timex:
    span: tuple[int, int]
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    corpus: str
    text: str
    published: str | None
    timexes: list[Timex] = field(default_factory=list)


def _creation_date(raw: str) -> str | None:
    tag = _DCT.search(raw)
    if tag is None:
        return None
    value = dict(_ATTR.findall(tag.group(0))).get("value", "")
    return value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else None


def read_tml(path: Path, corpus: str = "") -> TimeMLDocument:
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict] | None = None
    timexes = []
    position = 0
    for tag in _TAG.finditer(body):
        piece = unescape(body[position:tag.start()])
        parts.append(piece)
        length += len(piece)
        position = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            timexes.append(Timex((start, length), attributes.get("type", ""),
                                 attributes.get("value", "")))
            open_timex = None
    parts.append(unescape(body[position:]))
    return TimeMLDocument(path.stem, corpus, "".join(parts), _creation_date(raw), timexes)


def load_corpus(root: Path, corpus: str, limit: int | None = None) -> list[TimeMLDocument]:
    paths = sorted((root / corpus).glob("*.tml"))[:limit]
    return [read_tml(path, corpus) for path in paths]


@dataclass
class TimexScore:
    """TempEval-3: relaxed (overlap) and strict span P/R/F1; value and type counted
    correct on relaxed-matched pairs (P = correct / system, R = correct / gold)."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed_system: int = 0
    relaxed_gold: int = 0
    matched: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, predicted: list[Timex], gold: list[Timex]) -> None:
        self.system += len(predicted)
        self.gold += len(gold)
        gold_spans = {g.span for g in gold}
        self.strict += sum(p.span in gold_spans for p in predicted)
        self.relaxed_system += sum(any(_overlap(p, g) for g in gold) for p in predicted)
        self.relaxed_gold += sum(any(_overlap(p, g) for p in predicted) for g in gold)
        for p, g in paired(predicted, gold):
            if p is None or g is None:
                continue
            self.matched += 1
            self.value_ok += p.value == g.value
            self.type_ok += p.type == g.type

    def relaxed(self):
        return prf(self.relaxed_system, self.system, self.relaxed_gold, self.gold)

    def strict_f1(self):
        return prf(self.strict, self.system, self.strict, self.gold)

    def value(self):
        return prf(self.value_ok, self.system, self.value_ok, self.gold)

    def type_accuracy(self) -> float:
        return self.type_ok / self.matched if self.matched else 0.0


def paired(predicted: list[Timex], gold: list[Timex]) -> list[tuple[Timex | None, Timex | None]]:
    """TempEval-3's one-to-one pairing on overlapping spans, best overlap first; each
    unpaired system timex comes as (timex, None), each unpaired gold one as (None, timex)."""
    used: set[int] = set()
    pairs: list[tuple[Timex | None, Timex | None]] = []
    for p in predicted:
        candidates = [(-_shared(p, g), i) for i, g in enumerate(gold)
                      if i not in used and _overlap(p, g)]
        if not candidates:
            pairs.append((p, None))
            continue
        _, i = min(candidates)
        used.add(i)
        pairs.append((p, gold[i]))
    pairs.extend((None, g) for i, g in enumerate(gold) if i not in used)
    return pairs


def _overlap(a: Timex, b: Timex) -> bool:
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


def _shared(a: Timex, b: Timex) -> int:
    return min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])


@dataclass(frozen=True)
class TimexError:
    """A gold and a system timex that disagree on the value, or one of them alone
    (missed: no system timex; spurious: no gold one)."""

    document: TimeMLDocument
    gold: Timex | None
    system: Timex | None

    @property
    def kind(self) -> str:
        return "missed" if self.system is None else "spurious" if self.gold is None else "value"

    def words(self) -> str:
        start, end = (self.gold or self.system).span
        return self.document.text[start:end]

    def context(self, width: int = 45) -> str:
        start, end = (self.gold or self.system).span
        text = self.document.text
        return " ".join(f"{text[max(0, start - width):start]}[{text[start:end]}]"
                        f"{text[end:end + width]}".split())


def timex_errors(document: TimeMLDocument, predicted: list[Timex]) -> list[TimexError]:
    return [TimexError(document, g, p) for p, g in paired(predicted, document.timexes)
            if p is None or g is None or p.value != g.value]


def score_documents(nlp, stage, documents: list[TimeMLDocument],
                    errors: list[TimexError] | None = None) -> tuple[TimexScore, float]:
    """Parse once, run the times stage alone on each document (the publication date is
    the creation time); the score and the stage's CPU seconds. Every disagreement with
    the gold is appended to `errors` when a list is given."""
    import time

    from ..document import make_document
    from ..pipeline import AnalysisState

    score, seconds = TimexScore(), 0.0
    for tml, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        state = AnalysisState(document=make_document(tml.text, published=tml.published), doc=doc)
        state.tokens  # built by the earlier stages in the pipeline: not the stage's cost
        started = time.process_time()
        stage(state)
        seconds += time.process_time() - started
        predicted = [Timex(t.span, t.type, t.value) for t in state.times]
        score.add(predicted, tml.timexes)
        if errors is not None:
            errors.extend(timex_errors(tml, predicted))
    return score, seconds


def relative_reading(timex: Timex, published: str | None) -> tuple[str, str]:
    """The type and the value of a timex read against its document's creation date, so
    that the same words in two documents can be compared: a year as Y+k, a month as M+k,
    an ISO week as W+k (with what follows it: "-WE"), a day by the side of the creation
    date it lies on (D-, D0, D+: a weekday's distance depends on the day of writing),
    what is left of the value kept ("Y-1-Q3", "Y+0-WXX"); a value with no calendar year,
    or a document without a date, as it is."""
    year = re.fullmatch(r"(\d{4})(.*)", timex.value)
    if not published or year is None or int(year.group(1)) == 0:
        return timex.type, timex.value
    created = date.fromisoformat(published[:10])
    number, rest = int(year.group(1)), year.group(2)
    day = re.fullmatch(r"-(\d\d)-(\d\d)(.*)", rest)
    if day:
        try:
            delta = (date(number, int(day.group(1)), int(day.group(2))) - created).days
        except ValueError:
            return timex.type, timex.value
        side = "0" if delta == 0 else "-" if delta < 0 else "+"
        return timex.type, f"D{side}{day.group(3)}"
    week = re.fullmatch(r"-W(\d\d?)(.*)", rest)
    if week:
        iso_year, iso_week, _ = created.isocalendar()
        first_weeks = date.fromisocalendar(number, 1, 1) - date.fromisocalendar(iso_year, 1, 1)
        weeks = first_weeks.days // 7
        return timex.type, f"W{weeks + int(week.group(1)) - iso_week:+d}{week.group(2)}"
    month = re.fullmatch(r"-(\d\d)(.*)", rest)
    if month:
        months = (number - created.year) * 12 + int(month.group(1)) - created.month
        return timex.type, f"M{months:+d}{month.group(2)}"
    return timex.type, f"Y{number - created.year:+d}{rest}"


def wording(words: str) -> str:
    """Words as the gold's readings are keyed: lowercased, spaces folded."""
    return " ".join(words.lower().split())


def gold_readings(documents: list[TimeMLDocument]) -> dict[str, Counter]:
    """For each wording of a gold timex, how often the gold gives it each relative
    reading."""
    readings: dict[str, Counter] = {}
    for document in documents:
        for timex in document.timexes:
            words = wording(document.text[timex.span[0]:timex.span[1]])
            readings.setdefault(words, Counter())[relative_reading(timex, document.published)] += 1
    return readings


# Words that name a day, a month or a number are read from their sentence too (a weekday
# by the tense, "April" as the nearest one that fits it): the same words may rightly
# take two readings in two documents.
_NAMED = re.compile(r"\d|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may"
                    r"|jun|jul|aug|sep|oct|nov|dec)")


def gold_elsewhere(error: TimexError, readings: dict[str, Counter]) -> int:
    """How many other gold timexes with the same words have the system's reading where
    this one's gold differs: a value error the gold itself makes elsewhere. Counted only
    for words that name no day, month or number ("last week", "a year earlier")."""
    words = wording(error.words())
    if error.kind != "value" or _NAMED.search(words):
        return 0
    published = error.document.published
    system = relative_reading(error.system, published)
    if system == relative_reading(error.gold, published):
        return 0  # the same reading: the error is in a part the reading leaves out
    return readings.get(words, Counter())[system]
