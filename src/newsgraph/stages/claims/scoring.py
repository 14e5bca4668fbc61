"""Scoring the attribution features without spelling them out.

The CRF scores a token's label as the sum of the weights of its feature strings. Building
some 40 strings per token and having python-crfsuite convert and look each one up was
over half of the claim stage's time. Here the model's weights are grouped by template
(features.template_groups): each column's values are looked up once per token, and a
token's label scores are sums of rows of small per-template tables. crfsuite still does
the decoding (Viterbi, marginals): it is handed the scores through ScoreFeed.
"""

from __future__ import annotations

import struct
from itertools import repeat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import ModelCorruptError, ModelNotInstalledError
from .features import template_groups


@dataclass(frozen=True)
class CrfWeights:
    labels: list[str]
    attributes: list[str]
    state: np.ndarray  # attribute x label
    transitions: np.ndarray  # label x label


def read_crfsuite_model(path: Path) -> CrfWeights:
    """The weights of a crfsuite CRF1d model file (crfsuite's crf1d_model.c layout: a
    header, the feature records, and two CQDB string tables read through their id index)."""
    data = Path(path).read_bytes()
    try:
        (magic, _, kind, _, _, num_labels, num_attributes, features_at, labels_at,
         attributes_at, _, _) = struct.unpack_from("<4sI4sIIIIIIIII", data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        chunk, _, count = struct.unpack_from("<4sII", data, features_at)
        if chunk != b"FEAT":
            raise ValueError("no feature chunk")
        records = np.frombuffer(data, count=count, offset=features_at + 12, dtype=np.dtype(
            [("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")]))
        labels = _strings(data, labels_at, num_labels)
        attributes = _strings(data, attributes_at, num_attributes)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise ModelCorruptError(f"unreadable attribution model {path}: {exc}") from exc
    state = np.zeros((num_attributes, num_labels))
    transitions = np.zeros((num_labels, num_labels))
    emitted, moved = records[records["type"] == 0], records[records["type"] == 1]
    state[emitted["source"], emitted["target"]] = emitted["weight"]
    transitions[moved["source"], moved["target"]] = moved["weight"]
    return CrfWeights(labels, attributes, state, transitions)


def _strings(data: bytes, at: int, count: int) -> list[str]:
    chunk, _, _, _, index_size, index_at = struct.unpack_from("<4sIIIII", data, at)
    if chunk != b"CQDB" or index_size != count:
        raise ValueError("bad string table")
    strings = []
    for number, offset in enumerate(struct.unpack_from(f"<{count}I", data, at + index_at)):
        record, size = struct.unpack_from("<II", data, at + offset)
        if record != number:
            raise ValueError("string table out of order")
        strings.append(data[at + offset + 8:at + offset + 8 + size - 1].decode("utf-8"))
    return strings


class TemplateScorer:
    """Per-token label scores of the features of features.template_groups."""

    def __init__(self, weights: CrfWeights, word_classes: dict[str, int]):
        """word_classes: the name and size of each word-class column."""
        groups = template_groups(list(word_classes))
        keyed: dict[str, dict[str, int]] = {}
        markers: dict[str, int] = {}
        for row, name in enumerate(weights.attributes):
            prefix, equals, key = name.partition("=")
            if equals:
                keyed.setdefault(prefix + equals, {})[key] = row
            else:
                markers[name] = row
        known = {prefix for _, templates, _ in groups for prefix, _ in templates}
        if set(keyed) - known:
            raise ModelNotInstalledError(
                "the attribution model has features this version does not make: "
                f"{sorted(set(keyed) - known)[:5]}; retrain it (tools/train_attribution.py)")
        self.vocabularies: dict[str, dict[str, int]] = {}
        for _, templates, _ in groups:
            for prefix, column in templates:
                if column in word_classes:
                    continue  # int columns: class k is row k + 1
                vocabulary = self.vocabularies.setdefault(column, {})
                for key in keyed.get(prefix, ()):
                    vocabulary.setdefault(key, len(vocabulary) + 1)  # 0: never seen in training
        self.plan: list[tuple[str, int, np.ndarray]] = []
        self.marker_scores: list[tuple[int, np.ndarray]] = []
        labels = len(weights.labels)
        for offset, templates, marker in groups:
            for prefix, column in templates:
                if prefix not in keyed:
                    continue
                size = (word_classes[column] if column in word_classes
                        else len(self.vocabularies[column])) + 1
                table = np.zeros((size, labels))
                for key, row in keyed[prefix].items():
                    code = int(key) + 1 if column in word_classes else self.vocabularies[column][key]
                    table[code] = weights.state[row]
                self.plan.append((column, offset, table))
            if marker in markers:
                self.marker_scores.append((offset, weights.state[markers[marker]]))
        self.labels = labels

    def scores(self, columns: dict, n: int) -> np.ndarray:
        codes = {}
        for name, values in columns.items():
            if isinstance(values, list):
                vocabulary = self.vocabularies.get(name)
                if vocabulary is not None:
                    codes[name] = np.fromiter(map(vocabulary.get, values, repeat(0)),
                                              dtype=np.intp, count=n)
            else:
                codes[name] = values + 1
        scores = np.zeros((n, self.labels))
        for column, offset, table in self.plan:
            found = codes.get(column)
            if found is None:
                continue  # a word-class column this document has no tensor for
            # Token i reads the value at i + offset, where there is one.
            if offset == 0:
                scores += table.take(found, axis=0)
            elif offset > 0:
                scores[:max(n - offset, 0)] += table.take(found[offset:], axis=0)
            else:
                scores[-offset:] += table.take(found[:max(n + offset, 0)], axis=0)
        for offset, weights in self.marker_scores:
            if offset < 0:
                scores[:min(-offset, n)] += weights
            else:
                scores[max(n - offset, 0):] += weights
        return scores


class ScoreFeed:
    """Hands crfsuite label scores computed outside it. crfsuite scores a token as the sum,
    over its attributes, of value x weight. Taking as many of the model's attributes as
    there are labels, with independent weight rows M, a token given those attributes with
    values v = s M^-1 gets exactly the scores s (to rounding)."""

    def __init__(self, weights: CrfWeights, shift_free: bool = False):
        """shift_free: the model's weight rows all sum to zero across labels (an L2-only
        CRF: adding one number to every label of a token changes no path's rank, so the
        gradient never leaves that subspace). Then one row fewer spans them, and scores
        in the same subspace pass exactly; decoding and marginals ignore the rest."""
        count = len(weights.labels) - (1 if shift_free else 0)
        rows = _independent_rows(weights.state, count)
        matrix = weights.state[rows]
        if np.linalg.cond(matrix) > 1e6:
            raise ModelNotInstalledError("the attribution model's weights have no usable basis")
        self.names = [weights.attributes[row].encode("utf-8") for row in rows]
        self.inverse = np.linalg.pinv(matrix) if shift_free else np.linalg.inv(matrix)

    def items(self, scores: np.ndarray) -> list[dict[bytes, float]]:
        names = self.names
        return [dict(zip(names, values)) for values in (scores @ self.inverse).tolist()]


def _independent_rows(matrix: np.ndarray, count: int) -> list[int]:
    """Greedy: each time the row farthest from the span of those chosen."""
    rest = matrix.astype(np.float64, copy=True)
    chosen = []
    for _ in range(count):
        row = int(np.argmax((rest * rest).sum(axis=1)))
        chosen.append(row)
        direction = rest[row] / np.linalg.norm(rest[row])
        rest -= np.outer(rest @ direction, direction)
    return chosen
