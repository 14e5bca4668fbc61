"""Who a claim really comes from: independence of sources across outlets.

An article that relays a wire agency is not a second source for what the agency
reported: a dateline "BEIRUT (Reuters) -", a byline "By The Associated Press", a credit
"The Associated Press contributed to this report" or "With Post wires". A claim relayed
through an outlet ("a US official told CNN", `via`) or reported by one ("CNN reported",
the speaker an outlet) comes from that outlet, wherever it is read again; the same
anonymous official quoted by three outlets through one outlet's report is one source.

A claim's origin is a normalised outlet name; the claims of a matched group count as
many independent sources as they have distinct origins, after each article that credits
wires gives way to a wire agency it may have copied.
"""

from __future__ import annotations

import re

from .text import normalized_name, shorten

# Wire agencies by the names articles give them (normalised).
WIRES = {
    "associated press": "Associated Press", "ap": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "agence francepresse": "Agence France-Presse", "afp": "Agence France-Presse",
    "francepresse": "Agence France-Presse",
    "united press international": "United Press International",
    "upi": "United Press International",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
    "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "efe": "EFE", "ansa": "ANSA",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap",
}
GENERIC_WIRES = "wire services"
_WIRE_NAMES = (r"(?:the\s+)?(?:Associated\s+Press|Reuters|Thomson\s+Reuters|AFP|"
               r"Agence\s+France[- ]Presse|AP|UPI|United\s+Press\s+International|"
               r"Bloomberg(?:\s+News)?|dpa|Xinhua|TASS|EFE|ANSA|Kyodo(?:\s+News)?|Yonhap)")
# "BEIRUT (Reuters) -", "WASHINGTON (AP) —", "(AFP) -": a dateline near the top.
DATELINE = re.compile(r"\((" + _WIRE_NAMES + r")\)\s*[-—–:]", re.IGNORECASE)
# "By The Associated Press", "By LOLITA BALDOR, Associated Press", "Associated Press Writer".
BYLINE = re.compile(r"^\s*By\b[^\n]{0,80}?\b(" + _WIRE_NAMES + r")\s*$|"
                    r"\b(Associated\s+Press)\s+Writers?\b", re.IGNORECASE | re.MULTILINE)
# "The Associated Press contributed to this report", "Reuters contributed reporting".
CREDIT = re.compile(r"\b(" + _WIRE_NAMES + r")\s+(?:and\s+[\w .]+\s+)?contributed\b",
                    re.IGNORECASE)
# "With Post wires", "with wire services", "wire reports", "compiled from wire services".
WIRES_CREDIT = re.compile(r"\bwith\s+(?:[A-Z][\w.]*\s+)?wires\b|\bwire\s+(?:services|reports)\b"
                          r"|\bwire\s+service\s+reports\b", re.IGNORECASE)
DATELINE_CHARS = 600  # a dateline or byline is at the top


def wire_name(name: str | None) -> str | None:
    """The wire agency a name refers to, or None for another outlet."""
    return WIRES.get(normalized_name(name or "")) if name else None


def outlet_key(name: str | None) -> str:
    """The origin key of an outlet: a wire agency's name, else the normalised name."""
    if not name:
        return ""
    return wire_name(name) or normalized_name(name)


def wire_relays(text: str, outlet: str | None) -> list[str]:
    """The wires an article relays or credits, by their names (GENERIC_WIRES for
    unnamed ones); an agency's own article relays nothing."""
    own = wire_name(outlet)
    found: list[str] = []
    head = text[:DATELINE_CHARS]
    for match in DATELINE.finditer(head):
        found.append(match.group(1))
    for match in BYLINE.finditer(head):
        found.append(match.group(1) or match.group(2))
    for match in CREDIT.finditer(text):
        found.append(match.group(1))
    names = [wire_name(" ".join(f.split())) for f in found]
    relays = [n for n in dict.fromkeys(names) if n and n != own]
    if WIRES_CREDIT.search(text) and not relays and own is None:
        relays.append(GENERIC_WIRES)
    return relays


def whole_article_wire(text: str, outlet: str | None) -> str | None:
    """The agency whose copy the whole article is: a wire dateline or byline at the top."""
    head = text[:DATELINE_CHARS]
    for pattern in (DATELINE, BYLINE):
        match = pattern.search(head)
        if match:
            name = wire_name(" ".join(next(g for g in match.groups() if g).split()))
            if name and name != wire_name(outlet):
                return name
    return None


# Between a cue and the outlet it names: "told the Washington Post", "told CNN's".
TOLD_GAP = re.compile(r"^\s*(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)


def implied_via(claim: dict, entities: list[dict], text: str) -> list[str]:
    """An outlet named right after the cue ("told the Washington Post") when the claim
    has no `via`: the outlet the claim was given to."""
    cue = claim.get("cue")
    if claim.get("via") or not (isinstance(cue, list) and len(cue) == 2):
        return list(claim.get("via") or [])
    for entity in entities:
        if entity.get("type") != "MEDIA" or entity.get("id") == claim.get("speaker"):
            continue
        for start, _end in entity.get("mentions") or ():
            if cue[1] <= start <= cue[1] + 6 and TOLD_GAP.match(text[cue[1]:start]):
                return [entity["id"]]
    return []


def claim_origin(claim: dict, names: dict[str, dict], outlet: str | None,
                 article_wire: str | None, text: str = "") -> tuple[str, list[str]]:
    """(origin key, relay chain) of one claim: the chain runs from the speaker through
    each outlet that relayed it to the article's outlet."""
    speaker = names.get(claim.get("speaker") or "", {})
    via_ids = implied_via(claim, list(names.values()), text) if text else claim.get("via")
    via = [names[v] for v in via_ids or [] if v in names]
    chain = [speaker.get("name") or ("anonymous" if claim.get("anonymous") else "unnamed")]
    chain += [v.get("name", "") for v in via]
    if article_wire:
        chain.append(article_wire)
    chain.append(outlet or "unknown outlet")
    if via:
        origin = outlet_key(via[0].get("name"))
    elif speaker.get("type") == "MEDIA":
        origin = outlet_key(speaker.get("name"))
    elif article_wire:
        origin = article_wire
    else:
        origin = outlet_key(outlet) or "unknown outlet"
    # "officials > Reuters > Reuters" when Reuters' own article says "told Reuters".
    chain = [link for i, link in enumerate(chain) if link and (i == 0 or link != chain[i - 1])]
    return origin, [shorten(link, 60) for link in chain]


def same_outlets(origins) -> dict[str, str]:
    """Short names of an outlet that a group also names in full: "post" is "washington
    post" when no other "... post" is among them."""
    fuller = {}
    for origin in origins:
        longer = [o for o in origins if o.endswith(" " + origin)]
        if len(longer) == 1:
            fuller[origin] = longer[0]
    return fuller


def independent_members(members: list[tuple[str, list[str], str]]) -> list[bool]:
    """For each member of a group, (origin, wires its article relays, its outlet's key),
    in the order they were stored: whether it is an independent source. The first member
    of each origin is; a member from an article that credits wires, whose origin is its
    own outlet, is not when the group holds a wire it may have copied."""
    fuller = same_outlets({origin for origin, _relays, _own in members})
    members = [(fuller.get(origin, origin), relays, own) for origin, relays, own in members]
    origins = {origin for origin, _relays, _own in members}
    flags, counted = [], set()
    for origin, relays, own in members:
        copied = origin == own and bool(relays) and any(
            other != origin and (other in relays or (GENERIC_WIRES in relays
                                                     and other in WIRE_AGENCIES))
            for other in origins)
        flags.append(not copied and origin not in counted)
        if not copied:
            counted.add(origin)
    return flags


def group_sources(members: list[tuple[str, list[str], str | None]]
                  ) -> tuple[list[bool], list[str]]:
    """A claim group's members as (origin, wires its article relays, its outlet), in the
    order stored: whether each is an independent source, and the group's origins (the
    independent members', short names given in full where the group has them)."""
    flags = independent_members([(origin, relays, outlet_key(outlet) or "unknown outlet")
                                 for origin, relays, outlet in members])
    fuller = same_outlets({origin for origin, _relays, _outlet in members})
    origins = sorted({fuller.get(origin, origin)
                      for (origin, _relays, _outlet), flag in zip(members, flags) if flag})
    return flags, origins


WIRE_AGENCIES = frozenset(WIRES.values())
