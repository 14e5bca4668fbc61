"""Features of a (claim, headline) pair for stance, after Ferreira & Vlachos (2016):
refuting and hedging words, question marks, negation, word overlap between claim and
headline, plus the headline's own words and word pairs (the model learns which of them
signal reporting without endorsing, "could", "may", "report:"). A feature is a name;
the model's vocabulary maps names to columns."""

from __future__ import annotations

from .text import STOP_WORDS, stem, words

# Words that call a claim untrue. Stems, so "debunked" and "denies" match.
REFUTING = frozenset(stem(w) for w in """
fake fraud hoax false deny denies denied denial debunk debunked debunks refute refutes
refuted rebut rebuts dismiss dismisses dismissed reject rejects rejected not no never
nothing doubt doubts doubtful myth untrue lie lies lying bogus satire satirical prank
despite nope rumor rumour rumors rumours baseless fabricated unfounded misleading wrong
incorrect shoot shoots down contrary
""".split())

# Words that report a claim without standing behind it.
HEDGING = frozenset(stem(w) for w in """
alleged allegedly apparently appear appears appeared claim claims claimed could may might
possibly possible perhaps probably purported purportedly reportedly reported report
reports rumored rumoured rumor rumour rumors rumours suggest suggests suggested says
said unconfirmed unverified supposedly believed believe believes seems seem seemingly
likely unclear if whether would report: sources source according
""".split())

NEGATION = frozenset("""not no never nobody nothing none neither nor isn't aren't wasn't
weren't don't doesn't didn't won't can't cannot couldn't shouldn't hasn't haven't hadn't
n't""".split())


def _buckets(value: float, name: str) -> str:
    edges = (0.0, 0.1, 0.2, 0.35, 0.5, 0.7, 1.01)
    for low, high in zip(edges, edges[1:]):
        if value < high:
            return f"{name}:{low:g}"
    return f"{name}:max"


def pair_features(claim: str, headline: str) -> dict[str, float]:
    """Sparse features of one pair: {name: value}."""
    head_words = words(headline)
    claim_words = words(claim)
    head_stems = [stem(w) for w in head_words]
    claim_stems = [stem(w) for w in claim_words]
    features: dict[str, float] = {"bias": 1.0}
    for s in head_stems:
        features["h:" + s] = 1.0
    for a, b in zip(head_stems, head_stems[1:]):
        features[f"hb:{a}_{b}"] = 1.0
    refuting_h = [s for s in head_stems if s in REFUTING]
    refuting_c = [s for s in claim_stems if s in REFUTING]
    hedging_h = [s for s in head_stems if s in HEDGING]
    negated_h = any(w in NEGATION or w.endswith("n't") for w in head_words)
    negated_c = any(w in NEGATION or w.endswith("n't") for w in claim_words)
    features["refuting_h"] = float(bool(refuting_h))
    features["refuting_c"] = float(bool(refuting_c))
    features["refuting_only_h"] = float(bool(refuting_h) and not refuting_c)
    features["hedging_h"] = float(bool(hedging_h))
    features["hedging_n"] = min(len(hedging_h), 3) / 3
    features["negation_h"] = float(negated_h)
    features["negation_c"] = float(negated_c)
    features["negation_differs"] = float(negated_h != negated_c)
    features["question_h"] = float("?" in (headline or ""))
    features["question_end"] = float((headline or "").rstrip().endswith("?"))
    features["quote_h"] = float(any(q in (headline or "") for q in "\"“”‘'"))
    features["colon_h"] = float(":" in (headline or ""))
    overlap = _overlap(claim_stems, head_stems)
    features["overlap"] = overlap
    features[_buckets(overlap, "overlap")] = 1.0
    return features


def _overlap(claim_stems: list[str], head_stems: list[str]) -> float:
    """Share of the claim's content stems that the headline repeats."""
    claim_set = {s for s in claim_stems if s not in STOP_WORDS and len(s) > 1}
    if not claim_set:
        return 0.0
    return len(claim_set & set(head_stems)) / len(claim_set)
