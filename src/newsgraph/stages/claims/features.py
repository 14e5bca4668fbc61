"""Token features for the attribution tagger, shared by training and run time.

Each token becomes a list of short strings (python-crfsuite's fastest input). The
strongest features are structural: where the token hangs relative to the nearest
attribution cue above it in the parse ("under the nsubj of a cue verb", "under its
ccomp"), and whether it sits inside quotation marks.
"""

from __future__ import annotations

from collections.abc import Iterator

OPENING_QUOTES = {"“", "‘‘", "``", "«"}
CLOSING_QUOTES = {"”", "’’", "''", "»"}
STRAIGHT_QUOTES = {'"'}
_MAX_CLIMB = 8


def quote_states(doc) -> list[str]:
    """'o' outside quotes, 'i' inside, 'm' the quote mark itself; reset per paragraph,
    so one unbalanced mark cannot flip the rest of an article."""
    states = []
    inside = False
    for token in doc:
        text = token.text
        if "\n" in token.text_with_ws and token.is_space:
            inside = False
            states.append("o")
            continue
        if text in OPENING_QUOTES:
            inside = True
            states.append("m")
        elif text in CLOSING_QUOTES:
            inside = False
            states.append("m")
        elif text in STRAIGHT_QUOTES:
            inside = not inside
            states.append("m")
        else:
            states.append("i" if inside else "o")
    return states


def cue_classes(doc, lexicon: dict[str, float]) -> list[str]:
    """How often, in training, this lemma was part of a cue: h >= .5, m >= .2, l >= .05."""
    classes = []
    for token in doc:
        p = lexicon.get(token.lemma_.lower())
        if p is None and token.text == ":":
            p = lexicon.get(":")
        classes.append("" if p is None else ("h" if p >= 0.5 else "m" if p >= 0.2 else
                                             "l" if p >= 0.05 else ""))
    return classes


def cue_paths(doc, classes: list[str]) -> tuple[list[str], list[str]]:
    """For each token, the dependency label under the nearest cue-like ancestor and that
    ancestor's class ("nsubj:h"), or "self:h" for the cue word itself; and the lemma of
    that ancestor, so the model can learn each verb's own argument pattern."""
    paths, anchors = [], []
    for token in doc:
        own = classes[token.i]
        if own in ("h", "m"):
            paths.append("self:" + own)
            anchors.append(token.lemma_.lower())
            continue
        node = token
        found, anchor = "", ""
        for depth in range(_MAX_CLIMB):
            head = node.head
            if head is node:
                break
            cls = classes[head.i]
            if cls in ("h", "m"):
                found = f"{node.dep_}:{cls}:{min(depth, 3)}"
                anchor = head.lemma_.lower()
                break
            node = head
        paths.append(found)
        anchors.append(anchor)
    return paths, anchors


def _children_signature(token) -> str:
    """Which complements a word takes: verbs of saying and thinking take clauses."""
    deps = sorted({c.dep_ for c in token.children if c.dep_ in _SIGNATURE_DEPS})
    return ",".join(deps)


_SIGNATURE_DEPS = {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "dative", "prep", "advcl",
                   "parataxis", "punct", "agent", "acomp", "attr"}


def _sentence_flags(doc, quotes: list[str], classes: list[str]) -> list[str]:
    flags = [""] * len(doc)
    for sent in doc.sents:
        quoted = any(quotes[i] == "m" for i in range(sent.start, sent.end))
        cued = any(classes[i] == "h" for i in range(sent.start, sent.end))
        flag = ("q" if quoted else "") + ("c" if cued else "")
        for i in range(sent.start, sent.end):
            flags[i] = flag
    return flags


def cluster_ids(doc, centroids) -> list[list[str]]:
    """Ids of the nearest centroids of each token's contextual vector (the spaCy model's
    tok2vec output): a coarse and a fine word class that generalise past the lexicon."""
    tensor = getattr(doc, "tensor", None)
    if centroids is None or tensor is None or tensor.shape[0] != len(doc) or not len(doc):
        return [[] for _ in range(len(doc))]
    result = [[] for _ in range(len(doc))]
    for name, table in centroids.items():
        # argmin |x - c|^2 = argmax (x.c - |c|^2 / 2)
        scores = tensor @ table.T - 0.5 * (table * table).sum(axis=1)
        for i, cluster in enumerate(scores.argmax(axis=1).tolist()):
            result[i].append(f"{name}={cluster}")
    return result


def doc_features(doc, lexicon: dict[str, float], centroids=None) -> list[list[str]]:
    clusters = cluster_ids(doc, centroids)
    quotes = quote_states(doc)
    classes = cue_classes(doc, lexicon)
    paths, anchors = cue_paths(doc, classes)
    flags = _sentence_flags(doc, quotes, classes)
    lemmas = [t.lemma_.lower() for t in doc]
    pos = [t.pos_ for t in doc]
    n = len(doc)
    features = []
    for token in doc:
        i = token.i
        head = token.head
        path = paths[i]
        row = [
            "l=" + lemmas[i], "p=" + pos[i], "t=" + token.tag_, "d=" + token.dep_,
            "hl=" + lemmas[head.i], "hp=" + pos[head.i], "dd=" + token.dep_ + "|" + head.dep_,
            "q=" + quotes[i], "c=" + classes[i], "cp=" + path,
            "cpd=" + path + "|" + token.dep_,
            "hc=" + classes[head.i],
            "sh=" + ("T" if token.is_title else "U" if token.is_upper else "l" if token.is_lower
                     else "o"),
            "ss=" + ("1" if token.is_sent_start else "0"),
            "et=" + token.ent_type_,
            "ca=" + anchors[i] + "|" + path.split(":", 1)[0],
            "ks=" + _children_signature(token),
            "sf=" + flags[i],
        ]
        row += clusters[i]
        if i > 0:
            row += [f"-1{c}" for c in clusters[i - 1]]
            row += ["l-1=" + lemmas[i - 1], "p-1=" + pos[i - 1], "q-1=" + quotes[i - 1],
                    "c-1=" + classes[i - 1], "cp-1=" + paths[i - 1]]
        else:
            row.append("BOS")
        if i + 1 < n:
            row += [f"+1{c}" for c in clusters[i + 1]]
            row += ["l+1=" + lemmas[i + 1], "p+1=" + pos[i + 1], "q+1=" + quotes[i + 1],
                    "c+1=" + classes[i + 1], "cp+1=" + paths[i + 1]]
        else:
            row.append("EOS")
        if i > 1:
            row.append("l-2=" + lemmas[i - 2])
        if i + 2 < n:
            row.append("l+2=" + lemmas[i + 2])
        features.append(row)
    return features


def paragraphs(doc) -> Iterator[tuple[int, int]]:
    """Token ranges of paragraphs (split at whitespace tokens holding a newline)."""
    start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                yield start, token.i
            start = token.i + 1
    if start < len(doc):
        yield start, len(doc)
