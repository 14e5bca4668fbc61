"""Time windows of the stories job, and the merge of their tables.

With `--window-days N` the documents are cut into windows of N days of publication
(documents without a full date form one window of their own, last); each window's tables
are computed on their own (in parallel: local processes or Ray tasks), each from its
documents in the order they were written, its clusterer counting words from the windows
before it (priors.py), and merged here in window order. The merge is
deterministic: ids and positions continue from the windows before (S1... of the second
window follow the first's stories), a story cut by a window's edge is joined again where
the clusterer would have joined it (edges.py), actors with the same key are one actor
(their counts summed, first and last seen widened), term counts are summed.
docs/SCALE.md lists what differs from the single pass of the SQLite store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .edge_claims import rematch
from .edges import Edges
from .spill import Spill

# The tables a spilling merge writes out as it goes: table -> the column naming the row's
# story (its rows wait while the story is open), or None (no row changes once merged).
FLUSHED = {"stories": "id", "story_documents": "story", "claim_groups": "story",
           "claim_sources": "story", "cross_links": None, "entity_actors": None}
DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
UNDATED = 1 << 62  # after every dated window


def window_of(published: str | None, days: int) -> int:
    match = DAY_RE.match(published or "")
    if not match:
        return UNDATED
    try:
        ordinal = date(int(match[1]), int(match[2]), int(match[3])).toordinal()
    except ValueError:
        return UNDATED
    return ordinal // days


def split(documents: Iterable[tuple[str, str | None]], days: int) -> list[list[str]]:
    """(hash, published) in written order -> the hashes of each window, windows by date,
    documents within a window in written order. days <= 0: one window."""
    windows: dict[int, list[str]] = {}
    for doc_hash, published in documents:
        key = 0 if days <= 0 else window_of(published, days)
        windows.setdefault(key, []).append(doc_hash)
    return [windows[key] for key in sorted(windows)]


def _earlier(a, b):
    return b if a is None else a if b is None else min(a, b)


def _later(a, b):
    return b if a is None else a if b is None else max(a, b)


class Merge:
    """Window tables added in window order; `tables()` gives the merged ones. Stories
    still open at a window's edge are joined with the next window's that the clusterer
    would have put with them (edges.py) unless `join_edges` is false."""

    def __init__(self, join_edges: bool = True, edges: Edges | None = None,
                 spill: Spill | None = None):
        self.out: dict[str, list[dict]] = {}
        # With a spill, the rows no later window can change are written out after each
        # window (spill.py): memory holds the open stories' rows only.
        self.spill = spill
        self.actors: dict[str, dict] = {}  # key -> merged row
        self.attributes: dict[tuple, dict] = {}
        self.terms: dict[str, dict[str, int]] = {"story_df": {}, "claim_df": {}}
        self.story_terms: dict[tuple[str, str], dict] = {}  # (term, story) -> merged row
        self.stories = 0
        self.offsets = {"story_documents": 0, "claim_sources": 0, "cross_links": 0}
        self.edges = (edges or Edges()) if join_edges else None

    def add(self, tables: dict[str, list[dict]]) -> None:
        actor_ids = self._actors(tables)
        for name in self.terms:
            for row in tables[name]:
                self.terms[name][row["term"]] = self.terms[name].get(row["term"], 0) + row["n"]
        joins = {} if self.edges is None else self.edges.joins(
            tables, self.terms["story_df"],
            self.offsets["story_documents"] + len(tables["story_documents"]))
        stories = self._stories(tables["stories"], joins)
        parts: dict[str, list[dict]] = {}  # joined story -> its members from this window
        for row in tables["story_documents"]:
            changes = {"story": stories[row["story"]],
                       "position": row["position"] + self.offsets["story_documents"]}
            if row["story"] in joins and row["similarity"] is None:  # the part's first
                changes["similarity"] = joins[row["story"]][1]
            self._put("story_documents", row, **changes)
            if self.edges is not None:
                merged = self.out["story_documents"][-1]
                self.edges.member(merged["story"], merged)
                if row["story"] in joins:
                    parts.setdefault(merged["story"], []).append(merged)
        for row in tables["story_terms"]:
            key = (row["term"], stories[row["story"]])
            if key in self.story_terms:  # a joined story's term
                self.story_terms[key]["weight"] += row["weight"]
            else:
                self.story_terms[key] = {**row, "story": key[1]}
            if self.edges is not None:
                self.edges.open[key[1]].terms[key[0]] = self.story_terms[key]
        for story, members in parts.items():
            self.edges.finish(self.edges.open[story], members)
        earlier = {story: len(self.edges.open[story].claims) for story in parts}
        for row in tables["claim_groups"]:
            self._put("claim_groups", row, story=stories[row["story"]])
            self._track("groups", self.out["claim_groups"][-1])
        for row in tables["claim_sources"]:
            self._put("claim_sources", row, story=stories[row["story"]],
                      speaker_actor=actor_ids.get(row["speaker_actor"], row["speaker_actor"]),
                      position=row["position"] + self.offsets["claim_sources"])
            self._track("claims", self.out["claim_sources"][-1])
        if parts:
            self._rematch(earlier, len(tables["claim_sources"]))
        for row in tables["cross_links"]:
            position = row["position"] + self.offsets["cross_links"]
            self._put("cross_links", row, id=f"X{position}", position=position,
                      story=stories[row["story"]])
        for row in tables["entity_actors"]:
            self._put("entity_actors", row, actor=actor_ids[row["actor"]])
        for name in self.offsets:
            self.offsets[name] += len(tables[name])
        if self.spill is not None:
            self._flush()

    def _flush(self) -> None:
        """Write out the rows of every story no later window can join (each table's rows
        before the first row of a story still open: merged order is kept) and the rows
        nothing changes once merged."""
        still_open = set() if self.edges is None else set(self.edges.open)
        for table, key in FLUSHED.items():
            rows = self.out.get(table, [])
            end = len(rows) if key is None else next(
                (n for n, row in enumerate(rows) if row[key] in still_open), len(rows))
            self.spill.write(table, rows[:end])
            del rows[:end]
        closed = [key for key in self.story_terms if key[1] not in still_open]
        self.spill.write("story_terms", [self.story_terms.pop(key) for key in closed])

    def _track(self, kind: str, row: dict) -> None:
        """A merged claim row of a story still open, for the claims of joins to come."""
        story = None if self.edges is None else self.edges.open.get(row["story"])
        if story is None:
            return
        if kind == "groups":
            story.groups[row["id"]] = row
        else:
            story.claims.append(row)

    def _rematch(self, earlier: dict[str, int], added: int) -> None:
        """The claims of each story joined in this window matched across its parts
        (edge_claims.py); claim_groups rows recounted, added or dropped to match."""
        types = {row["id"]: row["type"] for row in self.actors.values()}
        claims = self.offsets["claim_sources"] + added
        gone: set[int] = set()
        for story_id, count in earlier.items():
            story = self.edges.open[story_id]
            counts, touched = rematch(story.claims[:count], story.claims[count:],
                                      story.members, types, self.terms["claim_df"], claims)
            for group in sorted(touched):
                row = story.groups.get(group)
                if group not in counts:
                    if row is not None:
                        gone.add(id(story.groups.pop(group)))
                elif row is None:
                    self._put("claim_groups", {"id": group, "story": story_id,
                                               **counts[group]})
                    story.groups[group] = self.out["claim_groups"][-1]
                else:
                    row.update(counts[group])
        if gone:
            self.out["claim_groups"] = [r for r in self.out["claim_groups"]
                                        if id(r) not in gone]

    def _stories(self, rows: list[dict], joins: dict[str, tuple[str, float]]
                 ) -> dict[str, str]:
        """The window's story ids -> merged ids: a joined story's, else the next id (ids
        and positions stay gapless, as the store's)."""
        ids = {}
        for row in sorted(rows, key=lambda r: r["position"]):
            if row["id"] in joins:
                ids[row["id"]] = joins[row["id"]][0]
                continue
            self.stories += 1
            ids[row["id"]] = f"S{self.stories}"
            self._put("stories", row, id=ids[row["id"]], position=self.stories)
            if self.edges is not None:
                self.edges.keep(ids[row["id"]], self.out["stories"][-1])
        return ids

    def _put(self, table: str, row: dict, **changes) -> None:
        self.out.setdefault(table, []).append({**row, **changes})

    def _actors(self, tables) -> dict[str, str]:
        """The window's actor ids -> merged ids (by key; a new key gets the next id)."""
        ids = {}
        for row in tables["actors"]:
            merged = self.actors.get(row["key"])
            if merged is None:
                merged = {**row, "id": f"A{len(self.actors) + 1}"}
                self.actors[row["key"]] = merged
            else:
                for count in ("documents", "mentions", "claims"):
                    merged[count] += row[count]
                merged["first_seen"] = _earlier(merged["first_seen"], row["first_seen"])
                merged["last_seen"] = _later(merged["last_seen"], row["last_seen"])
            ids[row["id"]] = merged["id"]
        for row in tables["actor_attributes"]:
            key = (ids[row["actor"]], row["kind"], row["value"])
            merged = self.attributes.get(key)
            if merged is None:
                self.attributes[key] = {**row, "actor": key[0]}
            else:
                merged["documents"] += row["documents"]
                merged["first_seen"] = _earlier(merged["first_seen"], row["first_seen"])
                merged["last_seen"] = _later(merged["last_seen"], row["last_seen"])
        return ids

    def tables(self, names: Iterable[str]) -> dict[str, list[dict]]:
        """Every table, rowid renumbered: in merged order, or in key order for the term
        tables (as the store keeps them)."""
        out = dict(self.out)
        out["actors"] = list(self.actors.values())
        out["actor_attributes"] = list(self.attributes.values())
        for name, counts in self.terms.items():
            out[name] = [{"term": t, "n": n} for t, n in sorted(counts.items())]
        keys = self.story_terms if self.spill is not None else sorted(self.story_terms)
        out["story_terms"] = [self.story_terms[key] for key in keys]  # spill.py sorts
        result = {}
        for name in names:
            rows = out.get(name, [])
            written = 0 if self.spill is None else self.spill.written[name]
            for number, row in enumerate(rows, written + 1):
                row["rowid"] = number
            result[name] = rows
        return result
