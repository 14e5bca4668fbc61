"""Matched claims across the parts of a story joined at a window's edge (edges.py).

Each window matched the claims of a story's articles with those of its own earlier
articles only. When a window's story joins a story of the windows before, the claims of
the new part are matched again, article by article in story order, as the store's
writer matches them (StoryWriter._claims, through the store-free core: stories/claims.py
for the candidates and the score, stories/origins.py for the independent sources): each
claim against the claims of the story's earlier articles, the earlier part's included,
the best match above none giving its group, else a group of its own. The groups the new
part touched are then counted again (members, documents, independent sources, origins),
and a group left without members is dropped.

Claim words are weighed by the claim counts of the windows merged so far (the single
pass had counted those written before the article). Contradictions (denials and
numbers) between the parts are not looked for: docs/SCALE.md, difference 4.
"""

from __future__ import annotations

import json

from ..stories.claims import (NEGATED, OPEN_SPEAKER_TYPES, Candidate, best_match,
                              claim_weights, shared_words)
from ..stories.origins import group_sources

# The store writer's bound: a claim meets those of the story's latest articles only.
from ..stories.store.writer import RECENT_ARTICLES


def _candidate(row: dict, types: dict[str, str]) -> Candidate:
    actor = row["speaker_actor"]
    return Candidate(row["claim"], row["document"], row["grp"], frozenset(row["stems"].split()),
                     bool(row["denial"]), actor,
                     bool(row["anonymous"]) or actor is None
                     or types.get(actor) in OPEN_SPEAKER_TYPES)


def rematch(earlier: list[dict], new: list[dict], members: list[dict],
            types: dict[str, str], claim_df: dict[str, int], claims: int
            ) -> tuple[dict[str, dict], set[str]]:
    """Match the new part's claim_sources rows (`new`, merged, in position order) against
    the story's earlier ones (`earlier`) and each other, setting their `grp` in place.
    `members`: the story's merged story_documents rows in position order; `types`: actor
    id -> type; `claim_df` and `claims`: the claim word counts and claims counted so far.
    Returns the claim_groups counts of the groups touched (before or after) that have
    members, by id, their members' `independent` flags set in place; and every group
    touched (those without counts are left empty)."""
    # The words these claims have, as the writer reads them (a word not counted: 0).
    stems = sorted({s for row in earlier + new for s in row["stems"].split()} - {NEGATED})
    weights = claim_weights({s: claim_df.get(s, 0) for s in stems}, claims)
    order = [m["document"] for m in members]
    touched = {row["grp"] for row in new}
    done: list[dict] = list(earlier)
    rows_of: dict[str, list[dict]] = {}
    for row in new:
        rows_of.setdefault(row["document"], []).append(row)
    for document, rows in rows_of.items():
        at = order.index(document)
        recent = set(order[max(0, at - RECENT_ARTICLES):at])
        candidates = [_candidate(r, types) for r in done if r["document"] in recent]
        facts = [_candidate(r, types) for r in rows]
        for row, fact, overlap in zip(rows, facts, shared_words(facts, candidates)):
            best = best_match(fact, candidates, overlap, weights)
            row["grp"] = best.group if best is not None else row["claim"]
            touched.add(row["grp"])
        done.extend(rows)
    return _recount(done, members, touched), touched


def _recount(rows: list[dict], members: list[dict], touched: set[str]) -> dict[str, dict]:
    """The claim_groups counts of the touched groups with members (StoryWriter._recount's
    counts), by group id, and each member's `independent` flag set."""
    documents = {m["document"]: m for m in members}
    groups: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: r["position"]):
        if row["grp"] in touched:
            groups.setdefault(row["grp"], []).append(row)
    counts = {}
    for group, rows_ in groups.items():
        flags, origins = group_sources([
            (r["origin"], json.loads(documents[r["document"]]["relays"]),
             documents[r["document"]]["outlet"]) for r in rows_])
        for row, flag in zip(rows_, flags):
            row["independent"] = int(flag)
        counts[group] = {"first_document": rows_[0]["document"],
                         "first_published": rows_[0]["published"], "members": len(rows_),
                         "documents": len({r["document"] for r in rows_}),
                         "sources": len(origins),
                         "origins": json.dumps(origins, ensure_ascii=False)}
    return counts
