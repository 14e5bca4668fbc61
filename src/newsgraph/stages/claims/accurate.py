"""The `accurate` profile's tagger: the fast profile's CRF scores combined with those of a
token head over a pre-trained transformer's contextual vectors (encoder.py, head.py).

A second, small CRF (models/attribution_accurate.crfsuite, tools/train_attribution_accurate.py)
was trained on two kinds of dense features per token: the fast CRF's label scores
("fast:LABEL", divided by FAST_SCORE_SCALE) and the head's probabilities ("enc:p:LABEL").
At run time its weights are read from the model file, the features are combined with
them, and crfsuite decodes the result with the second CRF's transitions; marginals,
tentative cues and every assembly rule are those of the fast profile. Any missing or
unreadable file of this profile is an AccurateModelError that names the profile.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from ...errors import AccurateModelError, ModelCorruptError, ModelNotInstalledError
from .encoder import Encoder, read_model_arrays
from .head import EMISSION_FEATURES, LABELS, TokenHead, emission_features
from .scoring import ScoreFeed, read_crfsuite_model
from .tagger import AttributionTagger

ACCURATE_MODEL_FILE = "attribution_accurate.crfsuite"
HEAD_FILE = "attribution_head.npz"
FAST_SCORE_PREFIX = "fast:"
# The fast CRF's scores run to tens; divided by this they are on the scale of the head's
# features, where L-BFGS converges (unscaled, it stopped after a few steps with most
# weights still zero).
FAST_SCORE_SCALE = 10.0


def load_head() -> TokenHead:
    stored = read_model_arrays(HEAD_FILE, "token head", "tools/train_attribution_accurate.py")
    try:
        head = TokenHead(stored)
    except (ValueError, KeyError) as exc:
        raise AccurateModelError(
            f"profile accurate: the token head {HEAD_FILE} is unreadable: {exc}") from exc
    if head.labels != len(LABELS):
        raise AccurateModelError(
            f"profile accurate: the token head {HEAD_FILE} has {head.labels} labels, "
            f"not {len(LABELS)}")
    return head


class AccurateTagger(AttributionTagger):
    def __init__(self):
        import pycrfsuite

        try:
            super().__init__()  # the fast CRF: its templates' scores are features here
            path = resources.files("newsgraph.models").joinpath(ACCURATE_MODEL_FILE)
            if not path.is_file():
                raise AccurateModelError(
                    f"profile accurate: the model {ACCURATE_MODEL_FILE} is missing; "
                    "run tools/train_attribution_accurate.py")
            with resources.as_file(path) as real:
                stacked = read_crfsuite_model(real)
                tagger = pycrfsuite.Tagger()
                tagger.open(str(real))
        except AccurateModelError:
            raise
        except (ModelNotInstalledError, ModelCorruptError) as exc:
            raise AccurateModelError(f"profile accurate: {exc}") from exc
        self._tagger = tagger
        self.feed = ScoreFeed(stacked, shift_free=True)  # trained with L2 only
        self.encoder = Encoder()
        self.head = load_head()
        if self.head.width != self.encoder.width:
            raise AccurateModelError(
                f"profile accurate: the token head reads {self.head.width}-wide "
                f"vectors, the encoder gives {self.encoder.width}")
        self.fast_weights = feature_weights(
            stacked, [FAST_SCORE_PREFIX + label for label in self.scorer_labels]
        ) / FAST_SCORE_SCALE
        self.dense_weights = feature_weights(stacked, list(EMISSION_FEATURES))

    def label_scores(self, template_scores, doc, view):
        vectors = self.encoder.token_vectors(view.text)
        dense = emission_features(self.head.probabilities(vectors))
        scores = template_scores @ self.fast_weights + dense @ self.dense_weights
        # Each row's mean is the same for every label: dropped, it changes no path's rank,
        # and what is left is what the feed's basis spans.
        return scores - scores.mean(axis=1, keepdims=True)


def feature_weights(weights, names: list[str]) -> np.ndarray:
    """Rows of the model's state weights for these attributes (features x labels); an
    attribute the L1 prior zeroed out, and crfsuite dropped, weighs nothing."""
    rows = {name: row for row, name in enumerate(weights.attributes)}
    matrix = np.zeros((len(names), len(weights.labels)))
    for number, name in enumerate(names):
        if name in rows:
            matrix[number] = weights.state[rows[name]]
    return matrix
