"""PLOVER JSON records by the PLOVER manual (2.0, "Data Fields"): one record per event.

Where newsgraph knows more than the manual's fields hold, it adds named fields, as the
manual invites: `status` (asserted, negated, denied, hypothetical, planned, threatened,
...: every exported record codes an event, so `has_event` is always true), `cameo` (the
CAMEO event code) and `trigger` (the event word's character offsets). An actor newsgraph
does not know is written as the manual's generic unidentified actor, sector UNK.
"""

from __future__ import annotations

from .common import QUAD, alpha3_code, by_id, country_name, sentence_bounds, sentence_number

CODEBOOK = "plover-base-2.0"
# The manual's international non-state entities, coded in place of a country.
NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
UNKNOWN_ACTOR = {"code": None, "sector": "UNK"}
# A place's kind as GeoNames feature class and code, and the manual's resolution
# (5 sub-city, 4 city, 3 district, 2 province, 1 country). A "feature" may be a river
# (H), a mountain (T) or a building (S): its class is left null rather than guessed.
_GEONAMES = {"country": ("A", "PCLI", 1), "admin": ("A", "ADM1", 2), "city": ("P", "PPL", 4),
             "region": ("L", "RGN", None)}


def _entity_object(entity: dict, text: str) -> dict:
    """The manual's entity object: country (or non-state) code, sector, the text as
    written and the name it resolves to."""
    country, sector = entity.get("country"), entity.get("sector")
    if not country and sector in NON_STATE_CODES:
        country, sector = sector, None
    mentions = entity.get("mentions") or []
    written = text[mentions[0][0]:mentions[0][1]] if mentions else entity.get("name")
    return {"code": country, "sector": sector, "entity_text": written,
            "identifier_text": entity.get("name")}


def _entities(event: dict, role: str, entities: dict, text: str) -> list[dict]:
    """The actor (or recipient) list: every member of a compound actor."""
    ids = event.get(f"{role}s") or ([event[role]] if event.get(role) else [])
    return [_entity_object(entities[i], text) for i in ids if i in entities]


def _location(place: dict | None, text: str, near: int) -> dict | None:
    if place is None:
        return None
    mentions = place.get("mentions") or []
    nearest = min(mentions, key=lambda m: abs(m[0] - near)) if mentions else None
    feature_class, feature_code, resolution = _GEONAMES.get(place.get("kind"),
                                                            (None, None, None))
    alpha2 = place.get("country")
    return {"extracted_place": text[nearest[0]:nearest[1]] if nearest else None,
            "resolved_place": place.get("name"), "geonameid": place.get("geonameid"),
            "lat": place.get("lat"), "lon": place.get("lon"),
            "country": country_name(alpha2) or None, "country_code": place.get("country_alpha3") or alpha3_code(alpha2),
            "feature_class": feature_class, "feature_code": feature_code,
            "resolution": resolution}


def _cite_info(document: dict) -> dict:
    from .. import __version__

    return {"citation": document.get("id"), "url": document.get("url"),
            "title": document.get("title"), "language": document.get("language"),
            "publication": document.get("outlet"), "coder": f"newsgraph {__version__}",
            "codebook": CODEBOOK}


def plover_records(analysis: dict) -> list[dict]:
    document = analysis.get("document", {})
    text = document.get("text") or ""
    entities, places, times = (by_id(analysis, k) for k in ("entities", "places", "times"))
    cite_info = _cite_info(document)
    records = []
    for event in analysis.get("events", []):
        start, end = event["trigger"]
        time = times.get(event.get("time"))
        date = time["value"] if time and len(time.get("value", "")) == 10 else \
            document.get("published")
        begin, stop = sentence_bounds(text, start, end)
        sentence = text[begin:stop]
        begin += len(sentence) - len(sentence.lstrip())
        stop = begin + len(sentence.strip())
        records.append({
            "id": f"{document.get('id')}-{event['id']}",
            "has_event": True,
            "date": date,
            "actor": _entities(event, "actor", entities, text) or [dict(UNKNOWN_ACTOR)],
            "recipient": _entities(event, "recipient", entities, text),
            "event": [event["type"]],
            "event_loc": _location(places.get(event.get("place")), text, start),
            "event_text": [text[start:end]],
            "quad_code": QUAD.get(event["type"]),
            "mode": [event["mode"]] if event.get("mode") else None,
            "context": None,
            "text": text[begin:stop],
            "text_info": {"sequence": sentence_number(text, start), "start": begin,
                          "end": stop},
            "cite_info": dict(cite_info),
            "coder": "newsgraph",
            "status": event.get("status"),
            "cameo": event.get("cameo"),
            "trigger": [start, end],
        })
    return records
