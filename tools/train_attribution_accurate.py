"""Train the accurate profile's tagger on PolNeAR train; the model files ship with the package.

    .venv/bin/python tools/train_attribution_accurate.py --cache DIR --encode S/N   # N processes
    .venv/bin/python tools/train_attribution_accurate.py --cache DIR [--folds 2] [--epochs 2]

Step 1 (--encode S/N, run N of them side by side): parse every N-th PolNeAR train article
(first annotator, in a fixed shuffled order) with the project's spaCy model and run the
encoder (stages/claims/encoder.py, the shipped all-MiniLM-L6-v2 layers) over it, saving
chunks of 30 articles (DocBin, tok2vec tensors, token vectors as float16) under --cache.
Encoding all of train takes about 25 CPU-minutes; training uses the chunks there are.

Step 2: a token head (stages/claims/head.py) learns the BIO labels of
tools/train_attribution.py from the vectors; a second CRF learns from the fast CRF's label
scores (the shipped models/attribution.crfsuite, scored as at run time) and the head's
probabilities. The head outputs the CRF trains on are out-of-fold (--folds: each article
scored by a head that never saw it), so the CRF learns how far to trust the head on unseen
text; the shipped head is the fold heads together, their probabilities averaged. Writes
src/newsgraph/models/attribution_head.npz and attribution_accurate.crfsuite. PolNeAR dev is
never read here: benchmarks/attribution.py --profile accurate scores it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from train_attribution import TRAIN, token_labels

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "src" / "newsgraph" / "models"
HEAD = MODELS / "attribution_head.npz"
CRF = MODELS / "attribution_accurate.crfsuite"
CHUNK = 30


def train_head(vectors: np.ndarray, labels: np.ndarray, hidden: int = 256, epochs: int = 6,
               batch: int = 512, rate: float = 1e-3, seed: int = 0) -> dict[str, np.ndarray]:
    """Adam on cross-entropy; deterministic for a seed (training only)."""
    rng = np.random.default_rng(seed)
    from newsgraph.stages.claims.head import LABELS

    width, classes = vectors.shape[1], len(LABELS)
    params = {
        "hidden_w": (rng.standard_normal((width, hidden)) * np.sqrt(2.0 / width)).astype(np.float32),
        "hidden_b": np.zeros(hidden, np.float32),
        "out_w": (rng.standard_normal((hidden, classes)) * np.sqrt(1.0 / hidden)).astype(np.float32),
        "out_b": np.zeros(classes, np.float32),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(vectors))
        for begin in range(0, len(order), batch):
            rows = order[begin:begin + batch]
            x, y = vectors[rows].astype(np.float32), labels[rows]
            pre = x @ params["hidden_w"] + params["hidden_b"]
            h = np.maximum(pre, 0.0)
            logits = h @ params["out_w"] + params["out_b"]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y] -= 1.0
            d_logits = p / len(rows)
            d_h = (d_logits @ params["out_w"].T) * (pre > 0)
            grads = {"out_w": h.T @ d_logits, "out_b": d_logits.sum(axis=0),
                     "hidden_w": x.T @ d_h, "hidden_b": d_h.sum(axis=0)}
            step += 1
            for key, grad in grads.items():
                first, second = moments[key]
                first *= 0.9
                first += 0.1 * grad
                second *= 0.999
                second += 0.001 * grad * grad
                corrected = rate * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
                params[key] -= corrected * first / (np.sqrt(second) + 1e-8)
    return params


def encode(cache: Path, shard: int, shards: int) -> None:
    from spacy.tokens import DocBin

    from newsgraph.evaluation.brat_attributions import load_split
    from newsgraph.nlp import load_model
    from newsgraph.stages.claims.encoder import Encoder

    articles = load_split(TRAIN)
    order = np.random.default_rng(0).permutation(len(articles))
    mine = [int(i) for k, i in enumerate(order) if k % shards == shard]
    nlp, encoder = load_model(), Encoder()
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for begin in range(0, len(mine), CHUNK):
        numbers = mine[begin:begin + CHUNK]
        out = cache / f"train_s{shard}_c{begin // CHUNK:03d}"
        if Path(f"{out}_enc.npz").exists():
            continue
        docs = list(nlp.pipe((articles[i].text for i in numbers), batch_size=8))
        vectors = [encoder.token_vectors([t.text for t in doc]).astype(np.float16)
                   for doc in docs]
        DocBin(store_user_data=False, docs=docs).to_disk(f"{out}.spacy")
        np.savez(f"{out}_tensors.npz", *[d.tensor for d in docs])
        Path(f"{out}_idx.txt").write_text("\n".join(map(str, numbers)))
        np.savez(f"{out}_enc.npz", *vectors)  # last: its presence marks the chunk done
        print(f"{begin + len(numbers)} articles, {time.perf_counter() - started:.0f} s",
              flush=True)


def load_chunks(cache: Path, nlp):
    """(article numbers, docs, vectors) of every finished chunk, in a fixed order."""
    from spacy.tokens import DocBin

    numbers, docs, vectors = [], [], []
    for done in sorted(cache.glob("train_s*_c*_enc.npz")):
        stem = str(done)[:-len("_enc.npz")]
        chunk = list(DocBin().from_disk(f"{stem}.spacy").get_docs(nlp.vocab))
        with np.load(f"{stem}_tensors.npz") as tensors, np.load(done) as encoded:
            for number, doc in enumerate(chunk):
                doc.tensor = tensors[f"arr_{number}"]
                vectors.append(encoded[f"arr_{number}"])
        docs += chunk
        numbers += [int(n) for n in Path(f"{stem}_idx.txt").read_text().split()]
    return numbers, docs, vectors


_TRAINING = None  # (vectors, codes, folds, epochs), set before the fold processes fork


def _train_fold(fold: int) -> dict:
    """The head of one fold: trained on every article but the fold's."""
    vectors, codes, folds, epochs = _TRAINING
    members = [n for n in range(len(vectors)) if n % folds != fold]
    x = np.concatenate([vectors[n] for n in members])
    y = np.concatenate([codes[n] for n in members])
    keep = np.abs(x.astype(np.float32)).sum(axis=1) > 0
    return train_head(x[keep], y[keep], epochs=epochs, seed=fold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--encode", metavar="S/N", help="step 1: encode shard S of N")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=300)
    # L2 only: with L1 (c1 0.1) OWL-QN zeroed whole correlated features (the fast CRF's
    # I-CON score, every log-probability) and dev content exact F1 fell 0.620 -> 0.564.
    parser.add_argument("--c1", type=float, default=0.0)
    parser.add_argument("--c2", type=float, default=1.0)
    parser.add_argument("--reuse-head", action="store_true",
                        help="retrain the CRF only, with the fold heads of the shipped head")
    args = parser.parse_args()
    if args.encode:
        shard, shards = (int(part) for part in args.encode.split("/"))
        encode(args.cache, shard, shards)
        return 0

    import pycrfsuite

    from newsgraph.evaluation.brat_attributions import load_split
    from newsgraph.nlp import load_model
    from newsgraph.stages.claims.accurate import FAST_SCORE_PREFIX, FAST_SCORE_SCALE
    from newsgraph.stages.claims.features import feature_columns, paragraphs
    from newsgraph.stages.claims.head import EMISSION_FEATURES, LABELS, TokenHead, emission_features
    from newsgraph.stages.claims.tagger import AttributionTagger
    from newsgraph.tokenview import TokenView

    articles = load_split(TRAIN)
    numbers, docs, vectors = load_chunks(args.cache, load_model())
    print(f"{len(docs)} of {len(articles)} train articles encoded")
    labels = [token_labels(doc, articles[n].attributions) for doc, n in zip(docs, numbers)]
    codes = [np.array([LABELS.index(label) for label in doc_labels]) for doc_labels in labels]

    # The fold heads and the final one train side by side, one process each (forked: they
    # share the vectors); whitespace tokens (zero vectors, always O) are left out.
    import multiprocessing

    global _TRAINING
    _TRAINING = (vectors, codes, args.folds, args.epochs)
    started = time.perf_counter()
    if args.reuse_head:  # the shipped head's members are the fold heads, in fold order
        with np.load(HEAD) as stored:
            heads = [{name: stored[name][fold] for name in stored.files}
                     for fold in range(args.folds)]
    else:
        with multiprocessing.get_context("fork").Pool(args.folds) as pool:
            heads = pool.map(_train_fold, range(args.folds))
    probabilities = [None] * len(docs)
    for fold in range(args.folds):
        head = TokenHead(heads[fold])
        held = [n for n in range(len(docs)) if n % args.folds == fold]
        for n in held:
            probabilities[n] = head.probabilities(vectors[n])
        right = np.concatenate([probabilities[n].argmax(axis=1) == codes[n] for n in held])
        print(f"fold {fold}: head token accuracy {right.mean():.3f}", flush=True)
    print(f"heads trained in {time.perf_counter() - started:.0f} s")
    # The shipped head is the fold heads together (their probabilities averaged): no
    # further training, and a little steadier than each alone.
    np.savez_compressed(HEAD, **{name: np.stack([h[name] for h in heads]) for name in heads[0]})
    print(f"head: {HEAD.stat().st_size / 1e6:.2f} MB")

    fast = AttributionTagger()
    fast_names = [FAST_SCORE_PREFIX + label for label in fast.scorer_labels]
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    sequences = 0
    for doc, doc_labels, doc_probabilities in zip(docs, labels, probabilities):
        view = TokenView(doc)
        columns = feature_columns(doc, fast.lexicon, fast.centroids, view)
        scores = (fast.scorer.scores(columns, view.n) / FAST_SCORE_SCALE).tolist()
        dense = emission_features(doc_probabilities).tolist()
        items = [{**dict(zip(fast_names, s)), **dict(zip(EMISSION_FEATURES, d))}
                 for s, d in zip(scores, dense)]
        for start, end in paragraphs(doc, view):
            trainer.append(pycrfsuite.ItemSequence(items[start:end]), doc_labels[start:end])
            sequences += 1
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.possible_states": True,
                        # crfsuite keeps a feature whose summed attribute values reach
                        # minfreq (0 by default): a score mostly below zero, every log
                        # probability, would be dropped without a word.
                        "feature.minfreq": -1e12})
    started = time.perf_counter()
    trainer.train(str(CRF))
    last = trainer.logparser.last_iteration
    print(f"CRF: {len(trainer.logparser.iterations)} iterations, loss {last.get('loss')}")
    print(f"CRF trained on {sequences} paragraphs in {time.perf_counter() - started:.0f} s; "
          f"model {CRF.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
