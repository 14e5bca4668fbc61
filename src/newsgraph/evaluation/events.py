"""Event-type scoring on the NGEC synthetic stories and the PLOVER manual's examples.

NGEC (ahalterman/NGEC) labels each story with the PLOVER type of its headline event.
A story's predicted type is the type of the first event of its lead sentence (else of its
first event; else none). The held-aside fifth is the stories whose id (SHA-1 of the text)
is 0 modulo 5; anything trained or tuned uses the other four fifths.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import metrics

NONE = "NONE"


@dataclass(frozen=True)
class Story:
    id: str
    text: str
    label: str
    mode: str
    title: str = ""  # the headline template ("{country_1} condemns {country_2}")
    headline: str = ""  # the headline the story was written from, places filled in


def story_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def held_aside(story: Story) -> bool:
    return int(story.id[:8], 16) % 5 == 0


def load_ngec(path: Path) -> list[Story]:
    with zipfile.ZipFile(path) as archive:
        raw = archive.read(archive.namelist()[0]).decode("utf-8")
    stories = [Story(story_id(row["text"]), row["text"], row["label"], row["mode"],
                     row["title"], row["prompt"].split("\n")[0].strip())
               for row in csv.DictReader(io.StringIO(raw)) if row["text"].strip()]
    return sorted(stories, key=lambda s: s.id)


# Headline words after "{country_1}" that do not make the country the one who acts.
_NOT_ACTORS = {"independence", "conflict", "news", "village", "city", "cyberattack", "air",
               "uav", "warship", "responsible"}


def headline_countries(story: Story, state_for) -> tuple[str, ...]:
    """The actor countries the headline gives the story's event: the country that opens a
    headline ("{country_1} condemns...", "{country_1} police arrest...") or each of two
    that open it together ("{country_1} and {country_2} sign..."); () where the headline
    names no acting country, or where the lead sentence does not name it. `state_for` maps
    a country name to ISO alpha-3."""
    title = story.title.strip()
    match = re.match(r"\{country_1\}(?:'s)?(?:\s*(?:,|and)\s*(\{country_2\}))?[\s,]+([\w']+)",
                     title)
    if not match or match.group(2).lower() in _NOT_ACTORS:
        return ()
    pattern = re.escape(title)
    for slot in sorted(set(re.findall(r"\\\{(\w+)\\\}", pattern))):
        group = f"(?P<{slot}>.+?)"
        pattern = pattern.replace(f"\\{{{slot}\\}}", group, 1).replace(
            f"\\{{{slot}\\}}", f"(?P={slot})")
    filled = re.fullmatch(r"\s*" + pattern + r"\s*", story.headline)
    if not filled:
        return ()
    slots = ["country_1"] + (["country_2"] if match.group(1) else [])
    names = [filled.group(slot) for slot in slots]
    # The stories are generated and often stray from their headline: only a lead sentence
    # that names the headline's country (or one of the two) tells whose the event is.
    lead = story.text[:lead_end(story.text)]
    codes = tuple(state_for(name) for name in names)
    if not all(codes) or not any(name in lead for name in names):
        return ()
    return codes


def actor_country_hit(analysis: dict, gold: tuple[str, ...]) -> bool:
    """Whether the story's decisive event (see story_type) has an actor of a gold country."""
    events = analysis.get("events", [])
    if not events:
        return False
    end = lead_end(analysis["document"]["text"])
    event = ([e for e in events if e["trigger"][0] < end] or events)[0]
    countries = {e["id"]: e.get("country") for e in analysis["entities"]}
    return countries.get(event.get("actor")) in gold


def lead_end(text: str) -> int:
    match = re.search(r"[.!?][\"”’)]*(\s|$)", text)
    return match.end() if match else len(text)


def story_type(analysis: dict) -> str:
    events = analysis.get("events", [])
    if not events:
        return NONE
    end = lead_end(analysis["document"]["text"])
    lead = [e for e in events if e["trigger"][0] < end]
    return (lead or events)[0]["type"]


def prf(gold: list[str], predicted: list[str]) -> dict:
    """Per-type precision/recall/F1 of single-label predictions, micro and macro."""
    types = sorted({g for g in gold if g != NONE})
    table = {}
    for kind in types:
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == kind)
        fp = sum(1 for g, p in zip(gold, predicted) if p == kind and g != kind)
        fn = sum(1 for g, p in zip(gold, predicted) if g == kind and p != kind)
        table[kind] = _scores(tp, fp, fn) | {"n": tp + fn}
    tp = sum(1 for g, p in zip(gold, predicted) if g == p and g != NONE)
    fp = sum(1 for g, p in zip(gold, predicted) if p != NONE and p != g)
    fn = sum(1 for g, p in zip(gold, predicted) if g != NONE and p != g)
    micro = _scores(tp, fp, fn)
    macro = {k: sum(row[k] for row in table.values()) / max(len(table), 1)
             for k in ("p", "r", "f1")}
    return {"types": table, "micro": micro, "macro": macro}


def _scores(tp: int, fp: int, fn: int) -> dict:
    return dict(zip(("p", "r", "f1"), metrics.prf(tp, tp + fp, tp, tp + fn)))


@dataclass(frozen=True)
class ManualExample:
    key: str  # words that find the example's quotation in PLOVER_MANUAL.tex
    types: tuple[str, ...]  # acceptable types; ("*",): the manual gives only the status
    status: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None


# The PLOVER manual's own example sentences, with the coding the manual gives them.
MANUAL_EXAMPLES = (
    ManualExample("Members of the G-7 will meet", ("CONSULT", "AGREE"), "planned"),
    ManualExample("If Russian forces were to cross", ("*",), "hypothetical"),
    ManualExample("fighting has not re-emerged", ("ASSAULT",), "negated"),
    ManualExample("The United States and France accused Russia", ("ACCUSE",), None,
                  "USA", "RUS"),
    ManualExample("President Obama met with Japanese Prime Minister", ("CONSULT",), None,
                  "USA", "JPN"),
    ManualExample("will sign an agreement", ("AGREE",), None),
    ManualExample("The Paris Club has agreed to forgive", ("AID", "AGREE"), None),
    ManualExample("military rescued 10 hostages", ("AID",), None, "PAK"),
    ManualExample("Police in Barcelona freed", ("AID",), None),
    ManualExample("military units in the area were activated", ("ASSAULT",), None),
)


def manual_sentences(tex: Path) -> list[tuple[ManualExample, str]]:
    """Each example's quotation as the manual writes it (``...'' or ``..."), LaTeX undone."""
    source = tex.read_text(encoding="utf-8")
    found = []
    for example in MANUAL_EXAMPLES:
        at = source.find(example.key)
        if at < 0:
            continue
        start = source.rfind("``", 0, at) + 2
        ends = [e for e in (source.find("''", at), source.find('"', at)) if e > 0]
        text = source[start:min(ends)]
        text = re.sub(r"\\emph\{([^}]*)\}", r"\1", text).replace("\\ldots", "").replace(
            "\\dots", "").replace("\\$", "$").replace("...", "").strip(" ,")
        found.append((example, text))
    return found


def score_manual(pairs: list[tuple[ManualExample, dict]]) -> dict:
    """Type hits, status hits and actor/recipient country hits over the manual examples."""
    counts = Counter()
    for example, analysis in pairs:
        events = analysis["events"]
        countries = {e["id"]: e.get("country") for e in analysis["entities"]}
        if example.types != ("*",):
            counts["typed"] += 1
            hit = next((e for e in events if e["type"] in example.types), None)
            counts["type_hits"] += hit is not None
            counts["predicted"] += len(events)
            counts["correct"] += sum(1 for e in events if e["type"] in example.types)
            if hit and example.actor_country:
                counts["actor_n"] += 1
                counts["actor_hits"] += countries.get(hit["actor"]) == example.actor_country
            elif example.actor_country:
                counts["actor_n"] += 1
            if example.recipient_country:
                counts["recipient_n"] += 1
                counts["recipient_hits"] += bool(hit) and \
                    countries.get(hit["recipient"]) == example.recipient_country
        if example.status:
            counts["status_n"] += 1
            counts["status_hits"] += any(e["status"] == example.status for e in events)
    return dict(counts)


def eventless_sentences(path: Path) -> list[str]:
    """quantulum3's English test sentences: measurements and prices with no political
    event, for the over-coding rate (events a coder finds where there are none)."""
    import json

    return [case["req"] for case in json.loads(path.read_text(encoding="utf-8"))]


DEFINITIONS = Path(__file__).with_name("plover_definitions.tsv")


@dataclass(frozen=True)
class DefinitionSentence:
    type: str
    actor_country: str | None
    text: str


def definition_sentences(path: Path = DEFINITIONS) -> list[DefinitionSentence]:
    """The project's sentences for the PLOVER codebook's definitions (plover_definitions.tsv)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, country, text = line.split("\t")
        found.append(DefinitionSentence(kind, None if country == "-" else country, text))
    return found


def score_sentences(pairs: list[tuple[DefinitionSentence, dict]]) -> dict:
    """A sentence's event is its first: its type against the gold type, its actor's country
    against the gold country where there is one (a sentence with no event misses both)."""
    counts = Counter()
    for sentence, analysis in pairs:
        event = analysis["events"][0] if analysis["events"] else None
        countries = {e["id"]: e.get("country") for e in analysis["entities"]}
        counts["n"] += 1
        counts["type_hits"] += event is not None and event["type"] == sentence.type
        if sentence.actor_country:
            counts["actor_n"] += 1
            counts["actor_hits"] += event is not None and \
                countries.get(event.get("actor")) == sentence.actor_country
    return dict(counts)
