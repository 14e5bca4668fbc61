"""PLOVER JSON records (PLOVER manual, "Data Fields"): one record per event."""

from __future__ import annotations

from .common import QUAD, by_id, sentence_around


def _entity_object(entity: dict | None) -> list[dict]:
    if entity is None:
        return []
    return [{"code": entity.get("country"), "sector": entity.get("sector"),
             "entity_text": entity.get("name"), "identifier_text": entity.get("name"),
             "country": entity.get("country")}]


def _location(place: dict | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.get("name"), "country_code": place.get("country"),
            "lat": place.get("lat"), "lon": place.get("lon"),
            "geonameid": place.get("geonameid"), "feature_class": place.get("kind")}


def plover_records(analysis: dict) -> list[dict]:
    document = analysis.get("document", {})
    text = document.get("text") or ""
    entities, places, times = (by_id(analysis, k) for k in ("entities", "places", "times"))
    records = []
    for event in analysis.get("events", []):
        start, end = event["trigger"]
        time = times.get(event.get("time"))
        date = time["value"] if time and len(time.get("value", "")) == 10 else \
            document.get("published")
        actor = entities.get(event.get("actor"))
        recipient = entities.get(event.get("recipient"))
        records.append({
            "id": f"{document.get('id')}-{event['id']}",
            "has_event": event.get("status") == "asserted",
            "date": date,
            "actor": _entity_object(actor),
            "recipient": _entity_object(recipient),
            "event": [event["type"]],
            "mode": [event["mode"]] if event.get("mode") else [],
            "context": [],
            "event_loc": _location(places.get(event.get("place"))),
            "event_text": [text[start:end]],
            "quad_code": QUAD.get(event["type"]),
            "cameo": event.get("cameo"),
            "status": event.get("status"),
            "text": sentence_around(text, start, end),
            "text_info": {"start": start, "end": end},
            "cite_info": {"document_id": document.get("id"), "url": document.get("url"),
                          "outlet": document.get("outlet"), "title": document.get("title"),
                          "published": document.get("published")},
            "coder": "newsgraph",
        })
    return records
