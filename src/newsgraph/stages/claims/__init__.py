"""The claim stage: every attribution in the article, with its source chain."""

from __future__ import annotations

from ...items import Claim
from ...stage import AnalysisState, Stage
from . import attributes
from .assemble import assemble
from .completion import (closing_reports, complete, conjoined_cues, findings,
                         labelled_lines, missed_attributions, tentative_attributions)
from .features import quote_states
from .tagger import AttributionTagger


class ClaimStage(Stage):
    name = "claims"
    requires = ("doc", "entities", "mention_index")
    assigns = ("claims", "claim_tokens")
    tagger: AttributionTagger

    def load(self) -> None:
        self.tagger = self.make_tagger()

    def make_tagger(self) -> AttributionTagger:
        return AttributionTagger()

    def run(self, state: AnalysisState) -> None:
        doc = state.doc
        view = state.tokens
        quotes = quote_states(doc, view)  # read by the tagger's features and by complete()
        spans = self.tagger.spans(doc, view, quotes)
        found = assemble(doc, [s for s in spans if s.role != "TENTATIVE"], view)
        found += closing_reports(doc, found)
        found += missed_attributions(doc, found, view)
        found += labelled_lines(doc, found, view)
        found += findings(doc, found)
        found += conjoined_cues(doc, found, self.tagger.lexicon, view)
        found += tentative_attributions(found, [s for s in spans if s.role == "TENTATIVE"])
        found.sort(key=lambda a: a.cue.start)
        types = {e.id: e.type for e in state.entities}
        complete(doc, found, quotes, view)
        claims = []
        claim_tokens = {}
        for attribution in found:
            if not attribution.content and attribution.source is None:
                continue
            attribution.cue = attributes.cue_without_channel(doc, attribution.cue)
            speaker = attributes.speaker_of(doc, attribution, state.mention_index)
            claim = Claim(
                id=f"C{len(claims) + 1}",
                content=[_chars(doc, s) for s in attribution.content],
                cue=_chars(doc, attribution.cue),
                source=_chars(doc, attribution.source) if attribution.source else None,
                speaker=speaker,
                via=attributes.via_of(doc, attribution, state.mention_index, types, speaker),
                kind=attributes.kind_of(attribution, quotes, view),
                anonymous=attributes.anonymous(doc, attribution, speaker,
                                               state.mention_index, types),
                channel=attributes.channel_of(doc, attribution),
            )
            claims.append(claim)
            for span in attribution.content:
                for i in range(span.start, span.end):
                    claim_tokens[i] = claim.id
        state.claims = claims
        state.claim_tokens = claim_tokens


class AccurateClaimStage(ClaimStage):
    """The claim stage of the `accurate` profile: the same assembly and completion rules
    over the spans of a tagger that also reads a transformer's token vectors."""

    def make_tagger(self) -> AttributionTagger:
        from .accurate import AccurateTagger  # numpy weights of ~80 MB: only when asked

        return AccurateTagger()


def _chars(doc, span) -> tuple[int, int]:
    tokens = doc[span.start:span.end]
    return tokens.start_char, tokens.end_char
