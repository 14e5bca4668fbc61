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
