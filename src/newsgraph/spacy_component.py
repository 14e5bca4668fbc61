"""newsgraph as a spaCy pipeline component: `nlp.add_pipe("newsgraph")`.

The stages run on the Doc the pipeline before it made (its parse and entities), and set
`doc._.newsgraph` (an Analysis) and `doc.spans["newsgraph"]`: each claim's source, cue
and content as spans labelled "C3 source", "C3 cue", "C3 content", so
`displacy.render(doc, style="span", options={"spans_key": "newsgraph"})` shows the claims
and their parts. The factory is registered by the `spacy_factories` entry point and, for
an install whose metadata predates it, when this module is imported.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .analysis import Analysis
from .document import make_document
from .pipeline import Pipeline

SPANS_KEY = "newsgraph"
CLAIM_PARTS = ("source", "cue", "content")

if not Doc.has_extension("newsgraph"):
    Doc.set_extension("newsgraph", default=None)


class NewsgraphComponent:
    """Runs newsgraph's stages over each Doc; `published` and `outlet` describe every
    document the pipeline is given (dates resolve against `published`)."""

    def __init__(self, nlp: Language, published: str | None, outlet: str | None):
        self.pipeline = Pipeline(nlp=nlp)
        self.published = published
        self.outlet = outlet

    def __call__(self, doc: Doc) -> Doc:
        """Raises InputError (or a subclass) for a Doc newsgraph cannot analyse, as
        `newsgraph.analyze` does (an empty one, say)."""
        self.pipeline.load()
        document = make_document(doc.text, published=self.published, outlet=self.outlet)
        analysis = Analysis(self.pipeline.contract(self.pipeline.run_stages(document, doc)))
        doc._.newsgraph = analysis
        doc.spans[SPANS_KEY] = claim_spans(doc, analysis)
        return doc


def claim_spans(doc: Doc, analysis: Analysis) -> list[Span]:
    """Each claim's source, cue and content spans, labelled with the claim's id and the
    part, widened to whole tokens."""
    spans = []
    for claim in analysis.claims:
        for part in CLAIM_PARTS:
            value = getattr(claim, part)
            pieces = () if value is None else getattr(value, "parts", (value,))
            for piece in pieces:
                span = doc.char_span(piece.start, piece.end, label=f"{claim.id} {part}",
                                     alignment_mode="expand")
                if span is not None:  # char_span's own "no such span" answer
                    spans.append(span)
    return spans


@Language.factory("newsgraph", default_config={"published": None, "outlet": None})
def make_component(nlp: Language, name: str, published: str | None,
                   outlet: str | None) -> NewsgraphComponent:
    return NewsgraphComponent(nlp, published, outlet)
