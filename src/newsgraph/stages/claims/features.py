"""Token features for the attribution tagger, shared by training and run time.

The features are templates (a prefix and a per-token column, read at the token or a
neighbour): training hands crfsuite each token's feature strings (doc_features); at run
time scoring.TemplateScorer scores the same templates from the columns. The
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


# A token's features: for each template (prefix, column) of a group, the prefix and the
# column's value at the token plus the group's offset. Where that token is outside the
# article, a group with a marker gives the marker instead (BOS, EOS). The word-class
# columns (k32, k256, k1024: WordClasses) join the groups of offsets 0, -1 and +1.
OWN_TEMPLATES = (
    ("l=", "lemma"), ("p=", "pos"), ("t=", "tag"), ("d=", "dep"), ("hl=", "head_lemma"),
    ("hp=", "head_pos"), ("dd=", "dep_pair"), ("q=", "quote"), ("c=", "cue_class"),
    ("cp=", "cue_path"), ("cpd=", "path_dep"), ("hc=", "head_class"), ("sh=", "shape"),
    ("ss=", "sentence_start"), ("et=", "entity"), ("ca=", "cue_anchor"), ("ks=", "complements"),
    ("sf=", "sentence_flags"),
)
NEIGHBOUR_TEMPLATES = (("l", "lemma"), ("p", "pos"), ("q", "quote"), ("c", "cue_class"),
                       ("cp", "cue_path"))


def template_groups(word_classes: list[str]) -> list[tuple[int, tuple, str | None]]:
    """(offset, ((prefix, column), ...), marker) in the order the features are listed."""
    return [
        (0, OWN_TEMPLATES + tuple((f"{name}=", name) for name in word_classes), None),
        (-1, tuple((f"-1{name}=", name) for name in word_classes)
         + tuple((f"{short}-1=", column) for short, column in NEIGHBOUR_TEMPLATES), "BOS"),
        (1, tuple((f"+1{name}=", name) for name in word_classes)
         + tuple((f"{short}+1=", column) for short, column in NEIGHBOUR_TEMPLATES), "EOS"),
        (-2, (("l-2=", "lemma"),), None),
        (2, (("l+2=", "lemma"),), None),
    ]


class WordClasses:
    """Nearest-centroid word classes of the spaCy model's contextual vectors."""

    def __init__(self, centroids: dict):
        import numpy as np

        self.names = list(centroids)
        self.tables = [centroids[name] for name in self.names]
        # All tables in one product (the same sums as one per table, with one call).
        self.stacked_t = np.ascontiguousarray(np.concatenate(self.tables).T)
        self.half_norms = np.concatenate([0.5 * (t * t).sum(axis=1) for t in self.tables])
        ends = np.cumsum([len(table) for table in self.tables]).tolist()
        self.ranges = list(zip([0] + ends[:-1], ends))
        self._blas = None  # threadpoolctl's view of the loaded BLAS, found on first use

    def ids(self, doc) -> list | None:
        """Per class table, the class of each token (an int array), or None without a tensor."""
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
            scores = tensor @ self.stacked_t
        scores -= self.half_norms
        return [scores[:, start:end].argmax(axis=1) for start, end in self.ranges]


def feature_columns(doc, lexicon: dict[str, float], word_classes: WordClasses | None = None,
                    view: TokenView | None = None, quotes: list[str] | None = None) -> dict:
    """The per-token values the templates read: lists of strings, and for each word-class
    table an int array of class numbers. `quotes`: quote_states, if the caller has them."""
    view = view or TokenView(doc)
    quotes = quotes if quotes is not None else quote_states(doc, view)
    classes = cue_classes(view, lexicon)
    paths, anchors = cue_paths(view, classes)
    lemmas, pos, dep, heads = view.lemma, view.pos, view.dep, view.head
    columns = {
        "lemma": lemmas, "pos": pos, "tag": view.tag, "dep": dep,
        "head_lemma": [lemmas[h] for h in heads], "head_pos": [pos[h] for h in heads],
        "dep_pair": [d + "|" + dep[h] for d, h in zip(dep, heads)],
        "quote": quotes, "cue_class": classes, "cue_path": paths,
        "path_dep": [p + "|" + d for p, d in zip(paths, dep)],
        "head_class": [classes[h] for h in heads], "shape": view.shape,
        "sentence_start": ["1" if start else "0" for start in view.sent_start],
        "entity": view.ent,
        "cue_anchor": [a + "|" + p.split(":", 1)[0] for a, p in zip(anchors, paths)],
        "complements": _children_signatures(view),
        "sentence_flags": _sentence_flags(view, quotes, classes),
    }
    ids = word_classes.ids(doc) if word_classes is not None else None
    if ids is not None:
        columns.update(zip(word_classes.names, ids))
    return columns


def word_class_names(columns: dict) -> list[str]:
    return [name for name, values in columns.items() if not isinstance(values, list)]


def doc_features(doc, lexicon: dict[str, float], centroids=None,
                 view: TokenView | None = None) -> list[list[str]]:
    """Each token's features as strings, the tagger's training input (at run time the
    tagger scores the same templates from the columns: scoring.TemplateScorer)."""
    view = view or TokenView(doc)
    word_classes = centroids if isinstance(centroids, WordClasses) else (
        WordClasses(centroids) if centroids else None)
    columns = feature_columns(doc, lexicon, word_classes, view)
    texts = {name: values if isinstance(values, list) else [str(k) for k in values.tolist()]
             for name, values in columns.items()}
    groups = template_groups(word_class_names(columns))
    n = view.n
    features = []
    for i in range(n):
        row = []
        for offset, templates, marker in groups:
            j = i + offset
            if 0 <= j < n:
                row += [prefix + texts[column][j] for prefix, column in templates]
            elif marker:
                row.append(marker)
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
