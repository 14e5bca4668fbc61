"""Geoparsing evaluation: GeoWebNews, LGL and GeoVirus readers and the scores of the
"Pragmatic Guide to Geoparsing Evaluation" (Gritta et al., 2019).

GeoWebNews labels several kinds of span. Following the guide, the toponyms counted are
the literal ones (Literal, Mixed, Coercion, Literal_Modifier, Embedded_Literal) and the
associative ones (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit); demonyms,
languages, homonyms, non-toponyms and the common-noun expressions are not counted.
LGL and GeoVirus label only toponyms: all their spans count.

GeoWebNews also labels adjectives as modifiers ("Russian officials"): they count, and
the places stage reports them as adjectival mentions of the country.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..knowledge.gazetteer import distance_km
from .metrics import prf

GWN_COUNTED = frozenset({
    "Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
ACCURATE_KM = 161.0  # 100 miles, the field's usual threshold


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass
class GeoArticle:
    name: str
    text: str
    toponyms: list[GoldToponym]


def _float(node, tag):
    found = node.find(tag)
    if found is None or not (found.text or "").strip():
        return None
    return float(found.text)


def load_gwn(path: Path) -> list[GeoArticle]:
    articles = []
    for number, node in enumerate(ET.parse(path).getroot().iter("article")):
        gold = []
        for topo in node.iter("toponym"):
            if (topo.findtext("type") or "") not in GWN_COUNTED:
                continue
            gold.append(GoldToponym(int(topo.findtext("start")), int(topo.findtext("end")),
                                    _float(topo, "latitude"), _float(topo, "longitude")))
        articles.append(GeoArticle(node.get("file", str(number)), node.findtext("text"),
                                   gold))
    return articles


def load_lgl(path: Path) -> list[GeoArticle]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        gold = []
        for topo in node.iter("toponym"):
            tag = topo.find("gaztag")
            lat = _float(tag, "lat") if tag is not None else None
            lon = _float(tag, "lon") if tag is not None else None
            gold.append(GoldToponym(int(topo.findtext("start")), int(topo.findtext("end")),
                                    lat, lon))
        articles.append(GeoArticle(node.get("docid"), node.findtext("text"), gold))
    return articles


def _aligned(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """GeoVirus offsets are one character late (1-based); the name says where the span
    really is."""
    for shift in (0, -1, 1):
        if text[start + shift:end + shift] == name:
            return start + shift, end + shift
    return start, end


def load_geovirus(path: Path) -> list[GeoArticle]:
    articles = []
    for number, node in enumerate(ET.parse(path).getroot().iter("article")):
        text = node.findtext("text")
        gold = []
        for loc in node.iter("location"):
            start, end = _aligned(text, loc.findtext("name") or "",
                                  int(loc.findtext("start")), int(loc.findtext("end")))
            gold.append(GoldToponym(start, end, _float(loc, "lat"), _float(loc, "lon")))
        articles.append(GeoArticle(node.findtext("source") or str(number), text, gold))
    return articles


LOADERS = {"GWN.xml": load_gwn, "lgl.xml": load_lgl, "GeoVirus.xml": load_geovirus}


@dataclass
class GeoScores:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    with_point: int = 0  # matched gold toponyms that have gold coordinates
    gold_with_point: int = 0
    accurate: int = 0
    errors: list[float] = field(default_factory=list)

    def exact_prf(self):
        return prf(self.exact, self.predicted, self.exact, self.gold)

    def overlap_prf(self):
        return prf(self.overlap, self.predicted, self.overlap, self.gold)

    @property
    def accuracy_matched(self) -> float:
        return self.accurate / self.with_point if self.with_point else 0.0

    @property
    def accuracy_end_to_end(self) -> float:
        return self.accurate / self.gold_with_point if self.gold_with_point else 0.0

    @property
    def mean_error_km(self) -> float:
        return sum(self.errors) / len(self.errors) if self.errors else math.nan


def predicted_spans(analysis: dict) -> list[tuple[int, int, float | None, float | None]]:
    """Every place mention with its point. A directional region ("northern Syria") is
    left out where it holds another place's mention: the toponym is its anchor."""
    spans = [(s, e, p["lat"], p["lon"]) for p in analysis["places"] for s, e in p["mentions"]]
    bounds = [(s, e) for s, e, _, _ in spans]
    return [span for span in spans
            if not any(span[0] <= s and e <= span[1] and (s, e) != span[:2]
                       for s, e in bounds)]


def score_article(scores: GeoScores, article: GeoArticle, analysis: dict) -> None:
    predicted = predicted_spans(analysis)
    scores.gold += len(article.toponyms)
    scores.predicted += len(predicted)
    scores.gold_with_point += sum(1 for g in article.toponyms if g.lat is not None)
    exact = {(s, e) for s, e, _, _ in predicted}
    scores.exact += sum(1 for g in article.toponyms if (g.start, g.end) in exact)
    unused = list(predicted)
    for gold in article.toponyms:
        match = next((p for p in unused if p[0] < gold.end and gold.start < p[1]), None)
        if match is None:
            continue
        unused.remove(match)
        scores.overlap += 1
        if gold.lat is None:
            continue
        scores.with_point += 1
        if match[2] is None:
            continue
        error = distance_km(gold.lat, gold.lon, match[2], match[3])
        scores.errors.append(error)
        if error <= ACCURATE_KM:
            scores.accurate += 1
