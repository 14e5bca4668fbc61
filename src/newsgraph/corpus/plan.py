"""Cutting the inputs into shards, deterministically by input order.

The inputs are read twice: once to count them and fingerprint the run (ids and content
hashes, nothing kept in memory), once lazily while shards are handed out. The run key
covers the inputs' content, so a resumed run only reuses shards of the same inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..document import Document
from ..inputs import InputOptions, iter_documents
from ..inputs.dates import DEFAULT_DATE_ORDER
from ..pipeline import Outcome
from ..store.ids import document_hash

ENGLISH = frozenset({"en", "eng", "english"})


@dataclass(frozen=True)
class Plan:
    run: str  # the run key
    inputs: int  # number of inputs (documents and unreadable inputs)
    shards: int
    shard_size: int


def is_english(document: Document) -> bool:
    return (document.language or "en").lower().replace("_", "-").split("-")[0] in ENGLISH


def make_plan(paths: list[Path], options: InputOptions, shard_size: int,
              profile: str = "fast") -> Plan:
    digest = hashlib.sha256()
    settings = {"paths": [str(p.resolve()) for p in paths], "shard_size": shard_size,
                "published": options.published, "outlet": options.outlet,
                "max_chars": options.max_chars}
    # Options added later enter the key only when set, so earlier runs keep their keys.
    if options.date_order != DEFAULT_DATE_ORDER or options.strict_dates:
        settings["dates"] = [options.date_order, options.strict_dates]
    if options.name_pattern is not None:
        settings["name_pattern"] = options.name_pattern.pattern
    if profile != "fast":
        settings["profile"] = profile
    digest.update(json.dumps(settings, sort_keys=True).encode())
    count = 0
    for item in iter_documents(paths, options):
        count += 1
        if isinstance(item, Outcome):
            line = f"{item.document_id}\t{item.error.code}\n"
        else:
            line = f"{item.id}\t{document_hash(item.as_contract())}\n"
        digest.update(line.encode("utf-8"))
    shards = -(-count // shard_size)
    return Plan(run=digest.hexdigest()[:16], inputs=count, shards=shards, shard_size=shard_size)


def iter_shards(paths: list[Path], options: InputOptions, shard_size: int
                ) -> Iterator[tuple[int, list[Document | Outcome]]]:
    items = iter_documents(paths, options)
    index = 0
    while chunk := list(islice(items, shard_size)):
        yield index, chunk
        index += 1


def shard_payload(items: list[Document | Outcome], is_stored) -> list[dict]:
    """What a worker gets: documents to analyse, and ready records for the rest (reading
    errors, documents not in English, documents the store already holds)."""
    payload = []
    for item in items:
        if isinstance(item, Outcome):
            payload.append({"record": {"input": item.document_id, "status": "error",
                                       "error": item.error.as_record()}})
            continue
        if not is_english(item):
            payload.append({"record": {"input": item.id, "status": "error", "error": {
                "code": "not_english",
                "message": f"language {item.language!r}; the pipeline reads English"}}})
            continue
        doc_hash = document_hash(item.as_contract())
        if is_stored(doc_hash):
            payload.append({"record": {"input": item.id, "status": "known", "hash": doc_hash}})
        else:
            payload.append({"document": item})
    return payload
