"""Content-derived ids: the same article always gets the same keys, so ingesting it twice
changes nothing."""

from __future__ import annotations

import hashlib
import json

# The metadata that makes two documents the same article. The input's own id (a file
# path) is left out: the same article read from two places is one document.
IDENTITY_FIELDS = ("text", "title", "url", "outlet", "published", "language")
HASH_CHARS = 32  # 128 bits


def document_hash(document: dict) -> str:
    identity = {name: document.get(name) for name in IDENTITY_FIELDS}
    payload = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:HASH_CHARS]


def item_key(doc_hash: str, item_id: str) -> str:
    """A stored item's key: the document's hash and the item's id in its analysis."""
    return f"{doc_hash}/{item_id}"


def link_id(position: int) -> str:
    """Links carry no id in the contract; in the store they are L1, L2, ... in order."""
    return f"L{position + 1}"
