"""The attribution tagger: a linear-chain CRF over paragraphs, trained on PolNeAR train
by tools/train_attribution.py and shipped in newsgraph/models."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ...errors import ModelNotInstalledError
from .features import WordClasses, doc_features, paragraphs

MODEL_FILE = "attribution.crfsuite"
LEXICON_FILE = "cue_lexicon.tsv"
CENTROIDS_FILE = "token_clusters.npz"


@dataclass(frozen=True)
class TaggedSpan:
    role: str  # SRC, CUE, CON
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


def load_centroids() -> dict | None:
    import numpy as np

    path = resources.files("newsgraph.models").joinpath(CENTROIDS_FILE)
    if not path.is_file():
        return None
    with resources.as_file(path) as real, np.load(real) as stored:
        return {name: stored[name] for name in stored.files}


class AttributionTagger:
    def __init__(self):
        import pycrfsuite

        model = resources.files("newsgraph.models").joinpath(MODEL_FILE)
        if not model.is_file():
            raise ModelNotInstalledError(
                f"the attribution model {MODEL_FILE} is missing; run tools/train_attribution.py")
        self.lexicon = load_lexicon()
        centroids = load_centroids()
        self.centroids = WordClasses(centroids) if centroids else None
        self._tagger = pycrfsuite.Tagger()
        with resources.as_file(model) as path:
            self._tagger.open(str(path))

    def spans(self, doc, view=None) -> list[TaggedSpan]:
        features = doc_features(doc, self.lexicon, self.centroids, view)
        labels = ["O"] * len(doc)
        for start, end in paragraphs(doc, view):
            labels[start:end] = self._tagger.tag(features[start:end])
        return _runs(doc, labels)


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
