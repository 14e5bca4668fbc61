"""Stories joined across the edges of time windows (`stories build --window-days N`).

Each window is clustered on its own, so a story still open when its window ends (its
last article within the clusterer's gap of the edge) would otherwise be cut in two: the
articles after the edge start a story of their own. As the windows are merged, in
window order, each story of the new window is offered to the open stories of the
windows before by the clusterer's own rule for the article that started it: in the
window (stories/window.py: its date within the gap of the story's articles, the story
with it within the span bound), at least the threshold (text or headline) of similarity
between its vector and the story's centre, and the common-word rule
(clustering.distinctive_overlap), common words counted by the windows merged so far.
The windows weighed their articles' words from the counts of the windows before theirs
(priors.py), as the single pass did, so the join compares the vectors as stored.
The most similar open story wins, the one started first on a tie, as in
StoryClusterer.assign. The joined story keeps the earlier id.

What is recomputed for a joined story, as the store's writer computes it from the
story's members: its centre (story_terms summed), norm, title, dates, documents and
outlets; the later part's stance against the earlier story's claim (its first headline).
The article that started the later part gets the similarity the join found. The later
part's claims are matched again against the story's (edge_claims.py, as the windows are
merged). What is not: contradictions are not looked for between the two parts
(cross_links keep the links found within each window, under the joined story's id):
docs/SCALE.md, difference 4.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ..stories.clustering import (COMMON_SHARE, DEFAULT_THRESHOLD, TEXT_THRESHOLD,
                                  best_candidate, centroid_norm, common_terms, title_of)
from ..stories.origins import outlet_key
from ..stories.tfidf import idf
from ..stories.window import Window, parse_day

# The window's tables carry, beside the store's, the stories whose first article has a
# body (the clusterer's text threshold applies to them, the headline one to the others).
BODIES = "story_bodies"

Stance = Callable[[str, str], tuple[str, float]]  # (claim, headline) -> word, probability


def model_stance() -> Stance:
    """The store writer's stance of a headline towards a claim (its model, loaded once)."""
    from ..stories.stance import StanceModel, stance_word

    model = StanceModel.load()

    def stance(claim: str, headline: str) -> tuple[str, float]:
        probabilities = model.probabilities(claim, headline)
        label = max(probabilities, key=probabilities.get)
        return stance_word(label), round(probabilities[label], 4)
    return stance


@dataclass
class OpenStory:
    """A merged story that articles of a later window may still join."""

    row: dict                      # its row of the merged `stories`
    terms: dict[str, dict] = field(default_factory=dict)  # term -> merged story_terms row
    members: list[dict] = field(default_factory=list)     # merged story_documents rows
    windows: list[int] = field(default_factory=list)      # the window of each member
    claims: list[dict] = field(default_factory=list)      # merged claim_sources rows
    groups: dict[str, dict] = field(default_factory=dict)  # merged claim_groups rows

    def centroid(self) -> dict[str, float]:
        return {t: self.terms[t]["weight"] for t in sorted(self.terms)}


class Edges:
    """The open stories of the windows merged so far, and the joins of a new window's.

    The build's windows weigh their articles' words from the counts of the windows
    before them (priors.py): the vectors are compared as stored. `reweigh` is for
    windows that counted their own documents only (benchmarks/windows.py compares):
    their weights are flat (so the words of a whole beat look distinctive), and the join
    then weighs the article and the story's members again by the frequencies of every
    window merged so far; the stored vectors and centres are left as the windows wrote
    them."""

    def __init__(self, window: Window = Window(), stance: Stance | None = None,
                 reweigh: bool = False):
        self.window = window
        self.reweigh = reweigh
        self.open: dict[str, OpenStory] = {}  # merged id -> story, in the order started
        self._stance = stance
        self._counts: dict[int, tuple[dict[str, int], int]] = {}  # window -> (df, seen)
        self._number = -1  # of the window offered last

    def member(self, story_id: str, row: dict) -> None:
        """A merged story_documents row of the window just offered to `joins`."""
        story = self.open[story_id]
        story.members.append(row)
        story.windows.append(self._number)

    def joins(self, tables: dict[str, list[dict]], df: dict[str, int], seen: int
              ) -> dict[str, tuple[str, float]]:
        """The new window's stories that join an open story: window id -> (merged id,
        similarity of the story's first article to it). `df` and `seen`: the document
        frequencies and documents counted with this window's."""
        self._number += 1
        number = self._number
        self._counts[number] = ({r["term"]: r["n"] for r in tables["story_df"]},
                                len(tables["story_documents"]))
        self._close(tables["story_documents"])
        if not self.open:
            return {}
        bodies = set(tables.get(BODIES, ()))
        firsts = {}
        for row in tables["story_documents"]:  # in position order
            firsts.setdefault(row["story"], row)
        weigh = _Weights(self._counts, df, seen, self.reweigh)
        joined = {}
        for story in sorted(tables["stories"], key=lambda r: r["position"]):
            first = firsts.get(story["id"])
            if first is None or parse_day(first["published"]) is None:
                continue
            vector = weigh.vector(json.loads(first["vector"]), number)
            found = self._best(vector, first["published"], weigh,
                               TEXT_THRESHOLD if story["id"] in bodies else DEFAULT_THRESHOLD)
            if found:
                joined[story["id"]] = found
        return joined

    def _best(self, vector: dict[str, float], published: str, weigh: _Weights,
              threshold: float) -> tuple[str, float] | None:
        """StoryClusterer.assign's choice among the open stories, for one article."""
        common = common_terms(weigh.df, vector, weigh.seen, COMMON_SHARE)
        return best_candidate(self._candidates(vector, published, weigh), threshold, common)

    def _candidates(self, vector: dict[str, float], published: str, weigh: _Weights):
        """(story, parts of the article's similarity to it) of the open stories in reach."""
        for story_id, story in self.open.items():
            first, last = story.row["first_date"], story.row["last_date"]
            if parse_day(first) is None or parse_day(last) is None or \
                    not self.window.in_reach(published, first, last, 0, 0):
                continue
            centroid, norm = weigh.centre(story_id, story)
            if norm:
                yield story_id, {t: w * centroid[t] / norm for t, w in vector.items()
                                 if t in centroid}

    def _close(self, documents: list[dict]) -> None:
        """Forget the stories no article of the new window can reach: last article more
        than the gap before the window's first date."""
        days = [d for d in (parse_day(r["published"]) for r in documents) if d]
        if not days:
            return
        start = min(days)
        self.open = {i: s for i, s in self.open.items()
                     if (last := parse_day(s.row["last_date"])) is not None
                     and (start - last).days <= self.window.gap_days}
        used = {w for story in self.open.values() for w in story.windows} | {self._number}
        self._counts = {w: counts for w, counts in self._counts.items() if w in used}

    def keep(self, story_id: str, row: dict) -> OpenStory:
        """A merged story of the window just added, open for the windows after."""
        story = self.open.get(story_id)
        if story is None:
            story = self.open[story_id] = OpenStory(row)
        return story

    def finish(self, story: OpenStory, joined_members: list[dict]) -> None:
        """The story rows of a joined story recomputed from its members: the later part's
        stance against the story's claim, the story's centre, norm, title, dates, counts."""
        from ..stories.store.writer import RECENT_ARTICLES  # the writer's title members

        if self._stance is None:
            self._stance = model_stance()
        claim = story.row["claim"] or ""
        for member in joined_members:
            member["stance"], member["stance_probability"] = self._stance(
                claim, member["headline"])
        centroid = story.centroid()
        members = story.members
        dates = [m["published"] for m in members if m["published"]]
        story.row.update(
            norm=centroid_norm(centroid),
            title=title_of([(m["headline"], json.loads(m["vector"]))
                            for m in members[-RECENT_ARTICLES:]], centroid),
            documents=len(members), first_date=min(dates, default=None),
            last_date=max(dates, default=None),
            outlets=len({outlet_key(m["outlet"]) for m in members if m["outlet"]}))


class _Weights:
    """Vectors weighed again by the document frequencies of the windows merged so far."""

    def __init__(self, windows: dict[int, tuple[dict[str, int], int]], df: dict[str, int],
                 seen: int, reweigh: bool = True):
        self.windows, self.df, self.seen, self.reweigh = windows, df, seen, reweigh
        self._centres: dict[str, tuple[dict[str, float], float]] = {}

    def vector(self, vector: dict[str, float], window: int) -> dict[str, float]:
        if not self.reweigh:
            return vector
        window_df, window_seen = self.windows[window]
        weights = {t: w * idf(self.seen, self.df[t]) / idf(window_seen, window_df[t])
                   for t, w in sorted(vector.items())}
        norm = math.sqrt(math.fsum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}

    def centre(self, story_id: str, story: OpenStory) -> tuple[dict[str, float], float]:
        """The story's centre from its members weighed again, and its norm."""
        if story_id not in self._centres:
            centroid: dict[str, float] = {}
            for member, window in zip(story.members, story.windows):
                for term, weight in self.vector(json.loads(member["vector"]), window).items():
                    centroid[term] = centroid.get(term, 0.0) + weight
            centroid = {t: centroid[t] for t in sorted(centroid)}
            self._centres[story_id] = (centroid, centroid_norm(centroid))
        return self._centres[story_id]
