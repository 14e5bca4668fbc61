"""The link stage: links inside one article (a denial contradicts what it denies; two
numbers for the same quantity far apart contradict each other, and the same number told
in two claims corroborates), from newsgraph.stories.links.

It runs last of DEFAULT_STAGES: it reads events and quantities.
"""

from __future__ import annotations

from ...stage import AnalysisState, Stage
from ...stories.links import link_items


class LinkStage(Stage):
    name = "links"
    # The claims' contract form includes their time, set by the time stage.
    requires = ("document", "entities", "claims", "claims.time", "quantities", "events")
    assigns = ("links",)

    def run(self, state: AnalysisState) -> None:
        # Only what the links read, as contract dicts: cheaper than the whole analysis.
        analysis = {
            "document": {"text": state.document.text},
            "entities": [{"id": e.id, "type": e.type} for e in state.entities],
            "claims": [c.to_contract() for c in state.claims],
            "events": [e.to_contract() for e in state.events],
            "quantities": [q.to_contract() for q in state.quantities],
        }
        state.links = link_items(analysis)
