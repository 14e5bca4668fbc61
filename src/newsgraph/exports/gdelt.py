"""GDELT 2.0 event table rows: tab-separated, GDELT's 61 columns in GDELT's order.

Country codes are the contract's (ISO alpha-3 for actors, ISO alpha-2 for places: GDELT
itself uses FIPS 10-4 in the *_Geo_CountryCode columns). GoldsteinScale is the CAMEO root
code's value on the Goldstein scale; tone, mention counts and ADM codes are not known.
"""

from __future__ import annotations

import hashlib

from .common import QUAD, by_id

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

# Goldstein (1992) values of the CAMEO root codes, as GDELT lists them.
_GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
              "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0,
              "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0,
              "20": -10.0}
# GDELT geography types: 1 country, 4 world city, 5 world state (ADM1).
_GEO_TYPES = {"country": "1", "admin": "5", "city": "4", "region": "5", "feature": "4"}


def _text(value) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def _actor(entity: dict | None) -> list[str]:
    if entity is None:
        return [""] * 10
    country, sector = entity.get("country") or "", entity.get("sector") or ""
    return [country + sector, entity["name"].upper(), country, "", "", "", "", sector, "", ""]


def _geo(place: dict | None) -> list[str]:
    if place is None:
        return [""] * 8
    return [_GEO_TYPES.get(place.get("kind"), "4"), _text(place.get("name")),
            _text(place.get("country")), "", "", _text(place.get("lat")),
            _text(place.get("lon")), _text(place.get("geonameid"))]


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


def _event_id(document_id: str, event_id: str) -> str:
    digest = hashlib.sha1(f"{document_id}\0{event_id}".encode()).hexdigest()
    return str(int(digest[:13], 16))


def gdelt_rows(analysis: dict) -> list[list[str]]:
    document = analysis.get("document", {})
    published = (document.get("published") or "")[:10]
    day = published.replace("-", "") if len(published) == 10 else ""
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
        actor = entities.get(event.get("actor"))
        recipient = entities.get(event.get("recipient"))
        cameo = event.get("cameo") or ""
        row = [_event_id(_text(document.get("id")), event["id"]), day, day[:6], day[:4],
               fraction, *_actor(actor), *_actor(recipient),
               "1" if event["trigger"][0] < first_paragraph_end else "0",
               cameo, cameo[:3], cameo[:2], _text(QUAD.get(event["type"])),
               _text(_GOLDSTEIN.get(cameo[:2])), "1", "1", "1", "",
               *_geo(_place_of_entity(actor, places)),
               *_geo(_place_of_entity(recipient, places)),
               *_geo(places_by_id.get(event.get("place"))),
               day + "000000" if day else "", _text(document.get("url"))]
        rows.append([_text(v) for v in row])
    return rows
