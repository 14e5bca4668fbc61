"""Token features for the attribution tagger, shared by training and run time.

Each token becomes a list of short strings (python-crfsuite's fastest input). The
strongest features are structural: where the token hangs relative to the nearest
attribution cue above it in the parse ("under the nsubj of a cue verb", "under its
ccomp"), and whether it sits inside quotation marks.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...tokenview import TokenView

OPENING_QUOTES = {"“", "‘‘", "``", "«"}
CLOSING_QUOTES = {"”", "’’", "''", "»"}
STRAIGHT_QUOTES = {'"'}
_MAX_CLIMB = 8


def quote_states(doc, view: TokenView | None = None) -> list[str]:
    """'o' outside quotes, 'i' inside, 'm' the quote mark itself; reset per paragraph,
    so one unbalanced mark cannot flip the rest of an article."""
    texts = view.text if view is not None else [t.text for t in doc]
    spaces = view.space if view is not None else [t.is_space for t in doc]
    states = []
    inside = False
    for text, space in zip(texts, spaces):
        if space and "\n" in text:
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


def cue_classes(view: TokenView, lexicon: dict[str, float]) -> list[str]:
    """How often, in training, this lemma was part of a cue: h >= .5, m >= .2, l >= .05."""
    classes = []
    for lemma, text in zip(view.lemma, view.text):
        p = lexicon.get(lemma)
        if p is None and text == ":":
            p = lexicon.get(":")
        classes.append("" if p is None else ("h" if p >= 0.5 else "m" if p >= 0.2 else
                                             "l" if p >= 0.05 else ""))
    return classes


def cue_paths(view: TokenView, classes: list[str]) -> tuple[list[str], list[str]]:
    """For each token, the dependency label under the nearest cue-like ancestor and that
    ancestor's class ("nsubj:h"), or "self:h" for the cue word itself; and the lemma of
    that ancestor, so the model can learn each verb's own argument pattern."""
    paths, anchors = [], []
    for i in range(view.n):
        own = classes[i]
        if own in ("h", "m"):
            paths.append("self:" + own)
            anchors.append(view.lemma[i])
            continue
        node = i
        found, anchor = "", ""
        for depth in range(_MAX_CLIMB):
            head = view.head[node]
            if head == node:
                break
            cls = classes[head]
            if cls in ("h", "m"):
                found = f"{view.dep[node]}:{cls}:{min(depth, 3)}"
                anchor = view.lemma[head]
                break
            node = head
        paths.append(found)
        anchors.append(anchor)
    return paths, anchors


_SIGNATURE_DEPS = {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "dative", "prep", "advcl",
                   "parataxis", "punct", "agent", "acomp", "attr"}


def _children_signatures(view: TokenView) -> list[str]:
    """Which complements a word takes: verbs of saying and thinking take clauses."""
    return [",".join(sorted({view.dep[c] for c in kids if view.dep[c] in _SIGNATURE_DEPS}))
            for kids in view.children]


def _sentence_flags(view: TokenView, quotes: list[str], classes: list[str]) -> list[str]:
    flags = [""] * view.n
    for start, end in view.sentences:
        quoted = any(quotes[i] == "m" for i in range(start, end))
        cued = any(classes[i] == "h" for i in range(start, end))
        flag = ("q" if quoted else "") + ("c" if cued else "")
        for i in range(start, end):
            flags[i] = flag
    return flags


class WordClasses:
    """Nearest-centroid word classes of the spaCy model's contextual vectors, with the
    feature strings built once (per token they were a third of the stage's time)."""

    def __init__(self, centroids: dict):
        self.names = list(centroids)
        self.tables = [centroids[name] for name in self.names]
        self.half_norms = [0.5 * (table * table).sum(axis=1) for table in self.tables]
        self.own = [[f"{name}={k}" for k in range(len(table))]
                    for name, table in zip(self.names, self.tables)]
        self.before = [[f"-1{label}" for label in labels] for labels in self.own]
        self.after = [[f"+1{label}" for label in labels] for labels in self.own]
        self._blas = None  # threadpoolctl's view of the loaded BLAS, found on first use

    def ids(self, doc) -> list[list[int]] | None:
        tensor = getattr(doc, "tensor", None)
        if tensor is None or tensor.shape[0] != len(doc) or not len(doc):
            return None
        if self._blas is None:
            from threadpoolctl import ThreadpoolController

            # Found once: finding the loaded libraries took longer than the products.
            self._blas = ThreadpoolController()
        # argmin |x - c|^2 = argmax (x.c - |c|^2 / 2). One BLAS thread: OpenBLAS spreads
        # these small products over every core and the threads then wait on each other
        # (and on other workers): the stage ran 2.5 times slower on PolNeAR dev that way.
        with self._blas.limit(limits=1, user_api="blas"):
            return [(tensor @ table.T - half).argmax(axis=1).tolist()
                    for table, half in zip(self.tables, self.half_norms)]


def doc_features(doc, lexicon: dict[str, float], centroids=None,
                 view: TokenView | None = None) -> list[list[str]]:
    view = view or TokenView(doc)
    classes_of = centroids if isinstance(centroids, WordClasses) else (
        WordClasses(centroids) if centroids else None)
    ids = classes_of.ids(doc) if classes_of else None
    # (label table, ids column) pairs for the token's own, previous and next word classes
    own = [] if ids is None else list(zip(classes_of.own, ids))
    before = [] if ids is None else list(zip(classes_of.before, ids))
    after = [] if ids is None else list(zip(classes_of.after, ids))
    quotes = quote_states(doc, view)
    classes = cue_classes(view, lexicon)
    paths, anchors = cue_paths(view, classes)
    flags = _sentence_flags(view, quotes, classes)
    signatures = _children_signatures(view)
    lemmas, pos, dep, heads = view.lemma, view.pos, view.dep, view.head
    n = view.n
    features = []
    for i in range(n):
        head = heads[i]
        path = paths[i]
        row = [
            "l=" + lemmas[i], "p=" + pos[i], "t=" + view.tag[i], "d=" + dep[i],
            "hl=" + lemmas[head], "hp=" + pos[head], "dd=" + dep[i] + "|" + dep[head],
            "q=" + quotes[i], "c=" + classes[i], "cp=" + path,
            "cpd=" + path + "|" + dep[i],
            "hc=" + classes[head],
            "sh=" + view.shape[i],
            "ss=" + ("1" if view.sent_start[i] else "0"),
            "et=" + view.ent[i],
            "ca=" + anchors[i] + "|" + path.split(":", 1)[0],
            "ks=" + signatures[i],
            "sf=" + flags[i],
        ]
        row += [labels[column[i]] for labels, column in own]
        if i > 0:
            row += [labels[column[i - 1]] for labels, column in before]
            row += ["l-1=" + lemmas[i - 1], "p-1=" + pos[i - 1], "q-1=" + quotes[i - 1],
                    "c-1=" + classes[i - 1], "cp-1=" + paths[i - 1]]
        else:
            row.append("BOS")
        if i + 1 < n:
            row += [labels[column[i + 1]] for labels, column in after]
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


def paragraphs(doc, view: TokenView | None = None) -> Iterator[tuple[int, int]]:
    """Token ranges of paragraphs (split at whitespace tokens holding a newline)."""
    texts = view.text if view is not None else [t.text for t in doc]
    spaces = view.space if view is not None else [t.is_space for t in doc]
    start = 0
    for i, (text, space) in enumerate(zip(texts, spaces)):
        if space and "\n" in text:
            if i > start:
                yield start, i
            start = i + 1
    if start < len(texts):
        yield start, len(texts)
