"""The stories writer: the store calls `add` for each new document, inside the
transaction that stores it, in the order documents are merged. Everything it writes is
a function of the documents stored before and this one, so a resumed ingest leaves the
same rows as an uninterrupted one and storing a document again (a duplicate) adds
nothing.

For one document: link its entities to actors, assign it to a story, compare its stance
with the story's claim, match its claims with those of the story's other articles
(groups and their independent sources), and link its denials and numbers to what they
contradict in the story's other articles.
"""

from __future__ import annotations

import json
import sqlite3

from ...store.story_schema import TABLE_NAMES
from ..claims import (OPEN_SPEAKER_TYPES, Candidate, ClaimFacts, best_match, claim_facts,
                      claim_weights, denial_score, shared_words)
from ..clustering import Article, StoryClusterer, title_of
from ..origins import (claim_origin, group_sources, outlet_key, whole_article_wire,
                       wire_relays)
from ..stance import StanceModel, stance_word
from ..text import shorten
from .actors import ActorLinker
from .claim_words import ClaimWordCounts, count_claim_words
from .cluster_state import StoredState
from .number_links import number_conflicts

# A claim is compared with those of the story's latest articles only, so that a story of
# thousands of articles costs no more per article than one of a few hundred.
RECENT_ARTICLES = 200


class StoryWriter:
    """The store's derived-table writer of stories (a newsgraph.store.derived
    DerivedWriter): `version` changes whenever what it writes for the same documents
    does, which makes older stores' tables out of date until rebuilt."""

    name = "stories"
    # 2: actor roles are titles and positions only (stories/roles.py);
    # 3: stories bounded by a time window, compared with their centre (stories/window.py)
    version = 3
    tables = TABLE_NAMES

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.actors = ActorLinker(conn)
        self.state = StoredState(conn)
        self.clusterer = StoryClusterer(state=self.state)
        self._stance: StanceModel | None = None

    @property
    def stance_model(self) -> StanceModel:
        if self._stance is None:
            self._stance = StanceModel.load()
        return self._stance

    def add(self, analysis: dict, doc_hash: str) -> str:
        """Write the cross-document rows of one stored analysis; returns its story id."""
        document = analysis.get("document") or {}
        actors = self.actors.link(analysis, doc_hash)
        article = Article.from_analysis(analysis)
        story = self._assign(article, document, doc_hash)
        facts = claim_facts(analysis, doc_hash, actors, {
            e["id"]: e.get("type") for e in analysis.get("entities") or []
            if isinstance(e, dict) and e.get("id")})
        candidates = self._candidates(story, doc_hash)
        overlaps = shared_words(facts, candidates)
        count_claim_words(self.conn, facts)
        words = ClaimWordCounts(self.conn, set().union(
            *(f.stems for f in facts),
            *(candidates[i].stems for overlap in overlaps for i in overlap)))
        self._claims(analysis, doc_hash, story, facts, candidates, overlaps, words)
        self._denials(doc_hash, story, facts, candidates, overlaps, words)
        for link in number_conflicts(self.conn, analysis, doc_hash, story, actors):
            self._link(*link, story=story)
        return story

    # Stories -----------------------------------------------------------------------------

    def _assign(self, article: Article, document: dict, doc_hash: str) -> str:
        assignment = self.clusterer.assign(article)
        story = assignment.story
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM story_documents"
                                     ).fetchone()[0] + 1
        if assignment.new:
            self.conn.execute("UPDATE stories SET claim = ? WHERE id = ?",
                              (article.headline, story))
        claim = self.conn.execute("SELECT claim FROM stories WHERE id = ?",
                                  (story,)).fetchone()[0]
        probabilities = self.stance_model.probabilities(claim or "", article.headline)
        label = max(probabilities, key=probabilities.get)
        text = document.get("text") or ""
        relays = wire_relays(text, document.get("outlet"))
        self.conn.execute(
            "INSERT INTO story_documents (document, story, position, published, outlet, "
            "headline, similarity, stance, stance_probability, relays, vector) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_hash, story, position, document.get("published"), document.get("outlet"),
             article.headline, assignment.similarity, stance_word(label),
             round(probabilities[label], 4), json.dumps(relays),
             json.dumps(assignment.vector, sort_keys=True)))
        centroid, norm = self.state.add_to_story(story, assignment.vector, position,
                                                 document.get("published"))
        members = [(headline, json.loads(vector)) for headline, vector in self.conn.execute(
            "SELECT headline, vector FROM (SELECT headline, vector, position FROM "
            "story_documents WHERE story = ? ORDER BY position DESC LIMIT ?) "
            "ORDER BY position", (story, RECENT_ARTICLES))]
        self.conn.execute(
            "UPDATE stories SET norm = ?2, title = ?3, documents = documents + 1, "
            "first_date = (SELECT min(published) FROM story_documents WHERE story = ?1), "
            "last_date = (SELECT max(published) FROM story_documents WHERE story = ?1) "
            "WHERE id = ?1",
            (story, norm, title_of(members, centroid)))
        outlets = {outlet_key(o) for (o,) in self.conn.execute(
            "SELECT outlet FROM story_documents WHERE story = ?", (story,)) if o}
        self.conn.execute("UPDATE stories SET outlets = ? WHERE id = ?", (len(outlets), story))
        return story

    # Claims across articles ----------------------------------------------------------------

    def _claims(self, analysis: dict, doc_hash: str, story: str, facts: list[ClaimFacts],
                candidates: list[Candidate], overlaps: list[dict[int, int]],
                words: ClaimWordCounts) -> None:
        """Each claim matched to the same claim in the story's recent articles (the
        candidates) or made a new group."""
        document = analysis.get("document") or {}
        outlet = document.get("outlet")
        text = document.get("text") or ""
        article_wire = whole_article_wire(text, outlet)
        names = {e["id"]: e for e in analysis.get("entities") or []
                 if isinstance(e, dict) and e.get("id")}
        claims = {c["id"]: c for c in analysis.get("claims") or []
                  if isinstance(c, dict) and c.get("id")}
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM claim_sources"
                                     ).fetchone()[0]
        weights = claim_weights(words.df, position)  # words.weights() would re-read position
        touched = []
        for fact, overlap in zip(facts, overlaps):
            best = best_match(fact, candidates, overlap, weights)
            group = best.group if best is not None else fact.key
            if best is None:
                self.conn.execute(
                    "INSERT INTO claim_groups (id, story, first_document, first_published, "
                    "members, documents, sources, origins) VALUES (?, ?, ?, ?, 0, 0, 0, '[]')",
                    (group, story, doc_hash, document.get("published")))
            origin, chain = claim_origin(claims[fact.id], names, outlet, article_wire, text)
            position += 1
            self.conn.execute(
                "INSERT INTO claim_sources (claim, document, story, grp, position, published, "
                "speaker_actor, anonymous, denial, origin, independent, chain, stems) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                (fact.key, doc_hash, story, group, position, document.get("published"),
                 fact.speaker_actor, int(bool(claims[fact.id].get("anonymous"))),
                 int(fact.denial), origin, json.dumps(chain, ensure_ascii=False),
                 " ".join(sorted(fact.stems))))
            touched.append(group)
        for group in dict.fromkeys(touched):
            self._recount(group)

    def _candidates(self, story: str, doc_hash: str) -> list[Candidate]:
        rows = self.conn.execute(
            "SELECT cs.claim, cs.document, cs.grp, cs.stems, cs.denial, cs.speaker_actor, "
            "cs.anonymous, a.type FROM claim_sources cs LEFT JOIN actors a ON "
            "a.id = cs.speaker_actor WHERE cs.document IN (SELECT document FROM "
            "story_documents WHERE story = ?1 AND document != ?2 ORDER BY position DESC "
            "LIMIT ?3) ORDER BY cs.position", (story, doc_hash, RECENT_ARTICLES))
        return [Candidate(key, document, group, frozenset(stems.split()), bool(denial), actor,
                          bool(anonymous) or actor is None or type_ in OPEN_SPEAKER_TYPES)
                for key, document, group, stems, denial, actor, anonymous, type_ in rows]

    def _recount(self, group: str) -> None:
        members = self.conn.execute(
            "SELECT cs.claim, cs.document, cs.origin, sd.relays, sd.outlet "
            "FROM claim_sources cs JOIN story_documents sd ON sd.document = cs.document "
            "WHERE cs.grp = ? ORDER BY cs.position", (group,)).fetchall()
        flags, origins = group_sources([(m["origin"], json.loads(m["relays"]), m["outlet"])
                                        for m in members])
        self.conn.executemany("UPDATE claim_sources SET independent = ? WHERE claim = ?",
                              [(int(f), m["claim"]) for f, m in zip(flags, members)])
        self.conn.execute(
            "UPDATE claim_groups SET members = ?, documents = ?, sources = ?, origins = ? "
            "WHERE id = ?", (len(members), len({m["document"] for m in members}),
                             len(origins), json.dumps(origins, ensure_ascii=False), group))

    # Contradictions -------------------------------------------------------------------------

    def _denials(self, doc_hash: str, story: str, facts: list[ClaimFacts],
                 candidates: list[Candidate], overlaps: list[dict[int, int]],
                 words: ClaimWordCounts) -> None:
        """A denial of this article against the claim of another article it denies, and a
        claim of this article against an earlier denial of it."""
        if not candidates or not facts:
            return
        weights = words.weights()
        linked = {(a.split("/")[0], b) for a, b in self.conn.execute(
            "SELECT l.\"from\", cs.grp FROM cross_links l JOIN claim_sources cs "
            "ON cs.claim = l.\"to\" WHERE l.story = ? AND l.type = 'contradicts'", (story,))}
        order = {c.key: i for i, c in enumerate(candidates)}
        proposals: dict[tuple[str, str], tuple] = {}
        for fact, overlap in zip(facts, overlaps):
            others = [candidates[i] for i in overlap if candidates[i].denial != fact.denial]
            if fact.denial:
                pairs = [(c, denial_score(fact.stems, fact.speaker_actor, c.stems,
                                          c.speaker_actor, weights)) for c in others]
            else:
                pairs = [(c, denial_score(c.stems, c.speaker_actor, fact.stems,
                                          fact.speaker_actor, weights)) for c in others]
            for candidate, score in pairs:
                if not score:
                    continue
                if fact.denial:
                    denial, denied, group = fact.key, candidate.key, candidate.group
                    specific = len(fact.stems)
                else:
                    denial, denied = candidate.key, fact.key
                    group = self._group_of(fact.key)
                    specific = len(candidate.stems)
                # One link per denying article and denied claim: the best match, the more
                # specific denial, the claim as first told.
                rank = (score, specific, -order[candidate.key])
                key = (denial.split("/")[0], group)
                if key not in linked and (key not in proposals or rank > proposals[key][0]):
                    proposals[key] = (rank, denial, denied)
        for (rank, denial, denied) in sorted(proposals.values(), key=lambda p: (p[1], p[2])):
            self._link("contradicts", denial, denied,
                       self._denial_reason(denial, denied, rank[0]), story=story)

    def _group_of(self, claim: str) -> str:
        return self.conn.execute("SELECT grp FROM claim_sources WHERE claim = ?",
                                 (claim,)).fetchone()[0]

    def _denial_reason(self, denial: str, denied: str, score: float) -> str:
        def told(key):
            row = self.conn.execute(
                "SELECT c.cue_text, c.content_text, d.outlet, d.published FROM claims c "
                "JOIN documents d ON d.hash = c.document WHERE c.key = ?", (key,)).fetchone()
            return row
        a, b = told(denial), told(denied)
        return (f'denial ({a["cue_text"] or "called false"}: "{shorten(a["content_text"] or "")}",'
                f' {a["outlet"] or "?"} {a["published"] or ""}) of "'
                f'{shorten(b["content_text"] or "")}" ({b["outlet"] or "?"} '
                f'{b["published"] or ""}); shared words {score:.2f}')

    def _link(self, type_: str, from_key: str, to_key: str, reason: str, *, story: str) -> None:
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM cross_links"
                                     ).fetchone()[0] + 1
        self.conn.execute(
            "INSERT INTO cross_links (id, position, type, \"from\", \"to\", from_document, "
            "to_document, story, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f"X{position}", position, type_, from_key, to_key, from_key.split("/")[0],
             to_key.split("/")[0], story, reason))

