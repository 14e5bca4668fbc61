"""The attribution tagger: a linear-chain CRF over paragraphs, trained on PolNeAR train
by tools/train_attribution.py and shipped in newsgraph/models."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from importlib import resources

from ...errors import ModelCorruptError, ModelNotInstalledError
from ...tokenview import TokenView
from .features import WordClasses, feature_columns, paragraphs
from .scoring import ScoreFeed, TemplateScorer, read_crfsuite_model

MODEL_FILE = "attribution.crfsuite"
LEXICON_FILE = "cue_lexicon.tsv"
CENTROIDS_FILE = "token_clusters.npz"
# A verb the CRF labels O while giving it at least this probability of being a cue is
# still proposed as a cue ("TENTATIVE"); its neighbours join while their own cue
# probability reaches the second figure ("has learned", "is calling for"). Chosen on
# PolNeAR dev: recall of cues rises by 0.03 at an overlap precision of about 0.45.
TENTATIVE_CUE_PROBABILITY = 0.45
TENTATIVE_CUE_NEIGHBOUR = 0.4


@dataclass(frozen=True)
class TaggedSpan:
    role: str  # SRC, CUE, CON, or TENTATIVE (a cue the CRF found likely but left O)
    start: int  # token offsets, end exclusive
    end: int


def load_lexicon() -> dict[str, float]:
    text = resources.files("newsgraph.knowledge").joinpath(LEXICON_FILE).read_text("utf-8")
    lexicon = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, share, _ = line.split("\t")
            lexicon[lemma] = float(share)
    return lexicon


def load_centroids() -> dict:
    import numpy as np

    path = resources.files("newsgraph.models").joinpath(CENTROIDS_FILE)
    if not path.is_file():
        raise ModelNotInstalledError(
            f"the attribution model's {CENTROIDS_FILE} is missing; run tools/train_attribution.py")
    try:
        with resources.as_file(path) as real, np.load(real) as stored:
            return {name: stored[name] for name in stored.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelCorruptError(f"unreadable word classes {CENTROIDS_FILE}: {exc}") from exc


class AttributionTagger:
    """The fast profile's tagger; accurate.AccurateTagger builds on its scores."""

    def __init__(self):
        import pycrfsuite

        model = resources.files("newsgraph.models").joinpath(MODEL_FILE)
        if not model.is_file():
            raise ModelNotInstalledError(
                f"the attribution model {MODEL_FILE} is missing; run tools/train_attribution.py")
        self.lexicon = load_lexicon()
        self.centroids = WordClasses(load_centroids())
        self._tagger = pycrfsuite.Tagger()
        with resources.as_file(model) as path:
            weights = read_crfsuite_model(path)  # a ModelCorruptError for a damaged file
            self._tagger.open(str(path))
        sizes = {name: len(table)
                 for name, table in zip(self.centroids.names, self.centroids.tables)}
        self.scorer = TemplateScorer(weights, sizes)
        self.scorer_labels = weights.labels  # the order of the scorer's columns
        self.feed = ScoreFeed(weights)

    def label_scores(self, template_scores, doc, view):
        """The scores crfsuite decodes (tokens x labels): in this profile, the templates'."""
        return template_scores

    def spans(self, doc, view=None, quotes: list[str] | None = None) -> list[TaggedSpan]:
        view = view or TokenView(doc)
        if not view.n:
            return []
        columns = feature_columns(doc, self.lexicon, self.centroids, view, quotes)
        items = self.feed.items(self.label_scores(self.scorer.scores(columns, view.n), doc, view))
        labels = ["O"] * len(doc)
        tentative = []
        for start, end in paragraphs(doc, view):
            labels[start:end] = self._tagger.tag(items[start:end])
            tentative += self._tentative_cues(labels, start, end, view)
        return _runs(doc, labels) + tentative

    def _tentative_cues(self, labels: list[str], start: int, end: int,
                        view) -> list[TaggedSpan]:
        """Verbs of this paragraph (the tagger's current sequence) left O but likely cues."""
        marginal = self._tagger.marginal

        def cue_probability(i: int) -> float:
            return marginal("B-CUE", i - start) + marginal("I-CUE", i - start)

        found = []
        for i in range(start, end):
            if (labels[i] != "O" or view.pos[i] != "VERB"
                    or cue_probability(i) < TENTATIVE_CUE_PROBABILITY):
                continue
            first, last = i, i + 1
            while (first > start and labels[first - 1] == "O"
                   and cue_probability(first - 1) >= TENTATIVE_CUE_NEIGHBOUR):
                first -= 1
            while (last < end and labels[last] == "O"
                   and cue_probability(last) >= TENTATIVE_CUE_NEIGHBOUR):
                last += 1
            found.append(TaggedSpan("TENTATIVE", first, last))
        return found


def _runs(doc, labels: list[str]) -> list[TaggedSpan]:
    """BIO labels to spans; trailing spaces and punctuation other than quotes trimmed."""
    spans = []
    role, start = None, 0
    for i, label in enumerate(labels + ["O"]):
        tag = label[2:] if label != "O" else None
        if role is not None and (tag != role or label.startswith("B-")):
            spans.append(_trimmed(doc, role, start, i))
            role = None
        if tag is not None and role is None:
            role, start = tag, i
    return [s for s in spans if s is not None]


def _trimmed(doc, role: str, start: int, end: int) -> TaggedSpan | None:
    while start < end and doc[start].is_space:
        start += 1
    # PolNeAR's sources keep a closing comma ("X, chairman of Y, said"): the tagger
    # learned where it belongs, so only content loses a trailing stop.
    while end > start and (doc[end - 1].is_space or (
            role == "CON" and doc[end - 1].text in {",", ".", ";"})):
        end -= 1
    return TaggedSpan(role, start, end) if end > start else None
