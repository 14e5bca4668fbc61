"""The accurate profile's encoder: all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) run in
numpy, giving each spaCy token a contextual vector.

The weights are read from the installed package that ships them (minilm.py; docs/MODELS.md
says where they come from and their licence) as int8 matrices with a float32 scale per
output row, widened to float32 once, at load. Each spaCy token is split into
BERT's uncased wordpieces on its own, so pieces align to tokens by construction; a
token's vector is the mean of its pieces' last-layer states. Long articles are read in
overlapping windows and each piece takes its state from the window where it sits
farthest from an edge. Matrix products run on one BLAS thread: a worker per core is
how newsgraph scales, and BLAS threads competing with the workers only wait.
"""

from __future__ import annotations

import unicodedata
import zipfile
from importlib import resources

import numpy as np

from ...errors import AccurateModelError
from .minilm import encoder_arrays

WINDOW = 254  # pieces per window, [CLS] and [SEP] aside (BERT reads 512 at most)
STRIDE = 192  # windows overlap by 62 pieces, so every piece has 31 pieces of context
MAX_PIECES_PER_TOKEN = 16  # a hostile 10,000-character "word" costs 16 pieces, not 10,000
MAX_WORD_CHARS = 100  # BERT's own limit: a longer word is [UNK]
LAYER_NORM_EPS = 1e-12
_MEMO_LIMIT = 200_000


def _dequantized(stored, name: str) -> np.ndarray:
    return stored[name + ".q"].astype(np.float32) * stored[name + ".s"][:, None]


class WordPieces:
    """BERT's uncased basic tokenizer and greedy longest-match wordpieces, per token."""

    def __init__(self, vocabulary: list[str]):
        self.ids = {piece: number for number, piece in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls, self.sep = self.ids["[CLS]"], self.ids["[SEP]"]
        self._memo: dict[str, list[int]] = {}

    def token(self, text: str) -> list[int]:
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) > _MEMO_LIMIT:  # bounded: one article of hostile words
                self._memo.clear()
            found = self._memo[text] = self._pieces(text)[:MAX_PIECES_PER_TOKEN]
        return found

    def _pieces(self, text: str) -> list[int]:
        folded = "".join(c for c in unicodedata.normalize("NFD", text.lower()[:400])
                         if unicodedata.category(c) not in ("Mn", "Cc", "Cf"))
        pieces: list[int] = []
        for word in _split_punctuation(folded):
            pieces += self._word(word)
        return pieces

    def _word(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return [self.unknown]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                number = self.ids.get(piece)
                if number is not None:
                    break
                end -= 1
            else:
                return [self.unknown]
            pieces.append(number)
            start = end
        return pieces


def _split_punctuation(text: str) -> list[str]:
    words, current = [], []
    for char in text:
        if char.isspace():
            if current:
                words.append("".join(current))
                current = []
        elif _is_punctuation(char):
            if current:
                words.append("".join(current))
                current = []
            words.append(char)
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU (numpy has no erf); the heads are trained on these outputs.
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


def read_model_arrays(file_name: str, what: str, tool: str) -> dict[str, np.ndarray]:
    """Every array of a shipped .npz model of the accurate profile, read whole; a missing
    or unreadable file is an AccurateModelError naming the profile and the file."""
    path = resources.files("newsgraph.models").joinpath(file_name)
    if not path.is_file():
        raise AccurateModelError(
            f"profile accurate: the {what} {file_name} is missing; run {tool}")
    try:
        with resources.as_file(path) as real, np.load(real, allow_pickle=False) as stored:
            return {name: stored[name] for name in stored.files}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise AccurateModelError(
            f"profile accurate: the {what} {file_name} is unreadable: {exc}") from exc


class Encoder:
    """Contextual vectors of spaCy tokens from the installed MiniLM weights."""

    def __init__(self):
        stored = encoder_arrays()
        try:
            self._load(stored)
        except (ValueError, KeyError) as exc:
            raise AccurateModelError(
                f"profile accurate: the encoder's weights are unreadable: {exc}") from exc
        self._blas = None

    def _load(self, stored) -> None:
        self.pieces = WordPieces(str(stored["vocabulary"]).split("\n"))
        self.word = _dequantized(stored, "word")
        self.position = stored["position"].astype(np.float32)
        self.embedding_norm = (stored["embedding_norm.w"], stored["embedding_norm.b"])
        self.heads = int(stored["heads"])
        self.layers = []
        for number in range(int(stored["layers"])):
            name = f"layer{number}."
            query, key, value = (_dequantized(stored, name + part) for part in "qkv")
            self.layers.append({
                "qkv": np.ascontiguousarray(np.concatenate([query, key, value]).T),
                "qkv_b": np.concatenate([stored[name + p + ".b"] for p in "qkv"]),
                "out": np.ascontiguousarray(_dequantized(stored, name + "o").T),
                "out_b": stored[name + "o.b"],
                "norm1": (stored[name + "norm1.w"], stored[name + "norm1.b"]),
                "up": np.ascontiguousarray(_dequantized(stored, name + "up").T),
                "up_b": stored[name + "up.b"],
                "down": np.ascontiguousarray(_dequantized(stored, name + "down").T),
                "down_b": stored[name + "down.b"],
                "norm2": (stored[name + "norm2.w"], stored[name + "norm2.b"]),
            })
        self.width = self.word.shape[1]

    def token_vectors(self, texts: list[str], layer: int | None = None) -> np.ndarray:
        """One vector per token text (a token of spaces or without pieces: zeros)."""
        owner: list[int] = []
        ids: list[int] = []
        for number, text in enumerate(texts):
            if text.isspace():
                continue
            for piece in self.pieces.token(text):
                ids.append(piece)
                owner.append(number)
        vectors = np.zeros((len(texts), self.width), dtype=np.float32)
        if not ids:
            return vectors
        states = self.piece_states(ids, layer)
        owners = np.asarray(owner)
        np.add.at(vectors, owners, states)
        counts = np.bincount(owners, minlength=len(texts)).astype(np.float32)
        vectors /= np.maximum(counts, 1.0)[:, None]
        return vectors

    def piece_states(self, ids: list[int], layer: int | None = None) -> np.ndarray:
        if self._blas is None:
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController()
        states = np.empty((len(ids), self.width), dtype=np.float32)
        starts = list(range(0, max(len(ids) - WINDOW, 0) + STRIDE, STRIDE))
        with self._blas.limit(limits=1, user_api="blas"):
            for number, start in enumerate(starts):
                end = min(start + WINDOW, len(ids))
                window = self._forward([self.pieces.cls] + ids[start:end] + [self.pieces.sep],
                                       layer)
                # Each piece from the window where it is farthest from an edge: the
                # overlap is split at its middle.
                keep_from = start if number == 0 else start + (WINDOW - STRIDE) // 2
                keep_to = end if number == len(starts) - 1 else starts[number + 1] + (
                    WINDOW - STRIDE) // 2
                states[keep_from:keep_to] = window[1 + keep_from - start:1 + keep_to - start]
                if end == len(ids):
                    break
        return states

    def _forward(self, ids: list[int], layer: int | None = None) -> np.ndarray:
        n = len(ids)
        x = self.word[ids] + self.position[:n]
        x = _layer_norm(x, *self.embedding_norm)
        heads, width = self.heads, self.width
        size = width // heads
        for layer in self.layers[:layer]:
            qkv = x @ layer["qkv"] + layer["qkv_b"]
            q, k, v = (qkv[:, part * width:(part + 1) * width].reshape(n, heads, size)
                       .transpose(1, 0, 2) for part in range(3))
            scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(size))
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
            x = _layer_norm(x + context @ layer["out"] + layer["out_b"], *layer["norm1"])
            hidden = _gelu(x @ layer["up"] + layer["up_b"])
            x = _layer_norm(x + hidden @ layer["down"] + layer["down_b"], *layer["norm2"])
        return x
