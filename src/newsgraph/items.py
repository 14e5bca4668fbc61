"""Contract items produced by the stages. Field names follow ../shared/CONTRACT.md."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_contract(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "country": self.country,
            "sector": self.sector,
            "mentions": [list(span) for span in sorted(self.mentions)],
        }


@dataclass
class Claim:
    id: str
    content: list[Span]
    cue: Span | None
    source: Span | None
    speaker: str | None = None
    via: list[str] = field(default_factory=list)
    kind: str = "indirect"
    anonymous: bool = False
    channel: str | None = None
    time: str | None = None

    def to_contract(self) -> dict:
        return {
            "id": self.id,
            "content": [list(span) for span in self.content],
            "cue": list(self.cue) if self.cue else None,
            "source": list(self.source) if self.source else None,
            "speaker": self.speaker,
            "via": list(self.via),
            "kind": self.kind,
            "anonymous": self.anonymous,
            "channel": self.channel,
            "time": self.time,
        }


@dataclass
class Place:
    id: str
    name: str
    kind: str  # country, admin, city, region, feature
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    mentions: list[Span] = field(default_factory=list)
    # Mentions that are an adjective ("Russian officials"): listed in `mentions` too, but
    # never where an event or number happened (see stages/places/adjectives.py).
    adjectival: list[Span] = field(default_factory=list)
    country_alpha3: str | None = None  # the same country's ISO alpha-3, as entities carry it

    def anchor_mentions(self) -> list[Span]:
        """The mentions that say where something is: the names, not the adjectives."""
        if not self.adjectival:
            return self.mentions
        adjectives = set(self.adjectival)
        return [span for span in self.mentions if span not in adjectives]

    def to_contract(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "country_alpha3": self.country_alpha3,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "mentions": [list(span) for span in sorted(self.mentions)],
            "adjectival": [list(span) for span in sorted(self.adjectival)],
        }


@dataclass
class Time:
    id: str
    span: Span
    type: str  # DATE, TIME, DURATION, SET
    value: str

    def to_contract(self) -> dict:
        return {"id": self.id, "span": list(self.span), "type": self.type, "value": self.value}


@dataclass
class Quantity:
    id: str
    span: Span
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    of: str | None = None
    place: str | None = None
    claim: str | None = None

    def to_contract(self) -> dict:
        return {
            "id": self.id,
            "span": list(self.span),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "approximate": self.approximate,
            "unit": self.unit,
            "of": self.of,
            "place": self.place,
            "claim": self.claim,
        }


@dataclass
class Event:
    id: str
    type: str  # PLOVER event type
    trigger: Span
    status: str = "asserted"
    mode: str | None = None
    cameo: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    time: str | None = None
    claim: str | None = None
    # Compound participants ("The United States and France accused Russia"): every entity,
    # the actor / recipient first; the contract carries them only when there are two or more.
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    def to_contract(self) -> dict:
        record = {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "actor": self.actor,
            "recipient": self.recipient,
            "place": self.place,
            "time": self.time,
            "status": self.status,
            "trigger": list(self.trigger),
            "claim": self.claim,
        }
        for name, members in (("actors", self.actors), ("recipients", self.recipients)):
            if len(members) > 1:
                record[name] = list(members)
        return record


@dataclass
class Link:
    type: str  # contradicts, corroborates, same_as
    source: str  # the contract's "from" (a Python keyword)
    target: str
    reason: str

    def to_contract(self) -> dict:
        return {"type": self.type, "from": self.source, "to": self.target,
                "reason": self.reason}
