"""Links inside one article, from its analysis dict (the contract): denials against what
they deny (denials.py) and numbers for the same quantity far apart or agreeing
(number_conflicts.py)."""

from __future__ import annotations

from ..items import Link
from .denials import Reader, denial_links
from .number_conflicts import quantity_conflicts


def links_for(analysis: dict) -> list[dict]:
    """Contract link dicts for one analysis; never raises on a malformed item."""
    return [link.to_contract() for link in link_items(analysis)]


def link_items(analysis: dict) -> list[Link]:
    if not isinstance(analysis, dict):
        return []
    text = (analysis.get("document") or {}).get("text") or ""
    if not isinstance(text, str):
        return []
    links = denial_links(analysis, Reader(text))
    links += quantity_conflicts(analysis.get("quantities") or [], text)
    return links
