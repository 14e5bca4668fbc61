"""GDELT 2.0 event and mention table rows, by the GDELT 2.0 event codebook: tab-separated,
GDELT's columns in GDELT's order.

Actor country codes (Actor1CountryCode) are CAMEO's three letters, as GDELT's are; the
*_Geo_CountryCode columns are FIPS 10-4 (Iraq IZ), as GDELT's are. QuadClass comes from
the CAMEO root code, GoldsteinScale from GDELT's Goldstein table for the CAMEO code.
NumMentions, NumSources and NumArticles count an event's reports (reports.py): 1 each for
analysis files. Tone and ADM codes are not known and left empty.
"""

from __future__ import annotations

import hashlib
from functools import cache

from ..store.ids import document_hash
from .common import QUAD, by_id, country_name, fips_code, sentence_number
from .reports import Report, ReportGroup

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
    "NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL").split()

# GDELT 2.0 Mentions table (one row per article mentioning an event).
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName "
    "MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset "
    "InRawText Confidence MentionDocLen MentionDocTone MentionDocTranslationInfo "
    "Extras").split()

# CAMEO root codes by quad class: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
_QUAD_ROOT_ENDS = ((5, 1), (8, 2), (13, 3), (20, 4))
_MENTION_TYPE_WEB = "1"
# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPES = {"country": "1", "admin": "5", "city": "4", "region": "5", "feature": "4"}
_US_GEO_TYPES = {"admin": "2", "city": "3", "feature": "3"}


@cache  # the package's Goldstein table, read once
def _goldstein_table() -> dict[str, str]:
    from ..knowledge import read_table

    return {code: value for code, value in read_table("goldstein.tsv")}


def goldstein(cameo: str) -> str:
    """GDELT's Goldstein value of a CAMEO event code; a code not in the table takes its
    base (3-digit) code's value, then its root code's."""
    table = _goldstein_table()
    return next((table[code] for code in (cameo, cameo[:3], cameo[:2]) if code in table), "")


def quad_class(cameo: str, plover_type: str) -> str:
    """The quad class of the CAMEO root code (an event without one: its PLOVER type's)."""
    if cameo[:2].isdigit():
        root = int(cameo[:2])
        return next((str(quad) for end, quad in _QUAD_ROOT_ENDS if root <= end), "")
    return _text(QUAD.get(plover_type))


def _text(value) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def _actor(entity: dict | None) -> list[str]:
    if entity is None:
        return [""] * 10
    country, sector = entity.get("country") or "", entity.get("sector") or ""
    return [country + sector, _text(entity["name"]).upper(), country, "", "", "", "", sector,
            "", ""]


def _geo(place: dict | None) -> list[str]:
    if place is None:
        return [""] * 8
    fips = fips_code(place.get("country"))
    kind = place.get("kind")
    geo_type = (_US_GEO_TYPES.get(kind) if fips == "US" else None) or _GEO_TYPES.get(kind, "4")
    is_country = geo_type == "1"
    return [geo_type, _text(place.get("name")), fips, fips if is_country else "", "",
            _text(place.get("lat")), _text(place.get("lon")),
            fips if is_country else _text(place.get("geonameid"))]


def _country_geo(entity: dict | None) -> list[str]:
    """A country-level location from an actor's country, when no place places it."""
    fips = fips_code(entity.get("country")) if entity else ""
    if not fips:
        return [""] * 8
    return ["1", country_name(entity["country"]), fips, fips, "", "", "", fips]


def _place_of_entity(entity: dict | None, places: list[dict]) -> dict | None:
    """Where an actor is: the place mentioned where the actor is ("Syria" the state and
    "Syria" the country), else the place named as the actor is."""
    if entity is None:
        return None
    spans = {tuple(m) for m in entity.get("mentions", [])}
    for place in places:
        if spans & {tuple(m) for m in place.get("mentions", [])}:
            return place
    return next((p for p in places if p.get("name") == entity.get("name")), None)


def _actor_geo(entity: dict | None, places: list[dict]) -> list[str]:
    place = _place_of_entity(entity, places)
    return _geo(place) if place is not None else _country_geo(entity)


def global_event_id(report: Report) -> str:
    digest = hashlib.sha1(f"{report.document}\0{report.event}".encode()).hexdigest()
    return str(int(digest[:13], 16))


def _day(document: dict) -> str:
    published = (document.get("published") or "")[:10]
    return published.replace("-", "") if len(published) == 10 else ""


def _group(groups: dict[Report, ReportGroup] | None, report: Report,
           document: dict) -> ReportGroup:
    if groups is not None and report in groups:
        return groups[report]
    return ReportGroup([report], {document["outlet"]} if document.get("outlet") else set(),
                       document.get("published"))


def gdelt_rows(analysis: dict,
               groups: dict[Report, ReportGroup] | None = None) -> list[list[str]]:
    """Event rows of one analysis; an event reported by several articles (groups) is
    written once, by its first report."""
    document = analysis.get("document", {})
    doc_hash = document_hash(document)
    day = _day(document)
    fraction = ""
    if day:
        year, month, dom = int(day[:4]), int(day[4:6]), int(day[6:])
        fraction = f"{year + ((month - 1) * 30 + dom) / 365:.4f}"
    text = document.get("text") or ""
    first_paragraph_end = text.find("\n") if "\n" in text else len(text)
    entities, places_by_id = by_id(analysis, "entities"), by_id(analysis, "places")
    places = list(places_by_id.values())
    rows = []
    for event in analysis.get("events", []):
        report = Report(doc_hash, event["id"])
        group = _group(groups, report, document)
        if group.first != report:
            continue
        actor = entities.get(event.get("actor"))
        recipient = entities.get(event.get("recipient"))
        cameo = event.get("cameo") or ""
        row = [global_event_id(report), day, day[:6], day[:4],
               fraction, *_actor(actor), *_actor(recipient),
               "1" if event["trigger"][0] < first_paragraph_end else "0",
               cameo, cameo[:3], cameo[:2], quad_class(cameo, event["type"]),
               goldstein(cameo), len(group.reports), max(1, len(group.outlets)),
               group.articles, "",
               *_actor_geo(actor, places), *_actor_geo(recipient, places),
               *_geo(places_by_id.get(event.get("place"))),
               day + "000000" if day else "", _text(document.get("url"))]
        rows.append([_text(v) for v in row])
    return rows


def gdelt_mention_rows(analysis: dict,
                       groups: dict[Report, ReportGroup] | None = None) -> list[list[str]]:
    """Mention rows of one analysis: each event it reports is a mention of that event (of
    its group's first report)."""
    document = analysis.get("document", {})
    doc_hash = document_hash(document)
    day = _day(document)
    text = document.get("text") or ""
    entities = by_id(analysis, "entities")
    rows = []

    def offset(entity_id) -> str:
        mentions = (entities.get(entity_id) or {}).get("mentions") or []
        return str(mentions[0][0]) if mentions else "-1"

    for event in analysis.get("events", []):
        report = Report(doc_hash, event["id"])
        group = _group(groups, report, document)
        first, event_day = group.first, _day({"published": group.published})
        start = event["trigger"][0]
        row = [global_event_id(first), event_day + "000000" if event_day else "",
               day + "000000" if day else "", _MENTION_TYPE_WEB,
               _text(document.get("outlet")), _text(document.get("url") or document.get("id")),
               sentence_number(text, start), offset(event.get("actor")),
               offset(event.get("recipient")), start, "1",
               "100" if event.get("status") == "asserted" else "50", len(text), "", "", ""]
        rows.append([_text(v) for v in row])
    return rows
