"""The event words: which lemma (with which object) is which CAMEO code and PLOVER type.

Loaded once per EventStage from the tables beside the Knowledge package:
`event_terms.tsv` (the project's words, first), `event_verbs.tsv` (distilled from the
PETRARCH-2 CAMEO verb dictionary by tools/build_event_lexicon.py) and `cameo_plover.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...knowledge import read_table

# Nouns the scan looks at beyond the lexicon's: their reading depends on their dependents.
SPECIAL_NOUNS = frozenset({"call", "talk", "strike", "fire", "exercise", "drill", "maneuver",
                           "manoeuvre", "law"})


@dataclass(frozen=True)
class EventCode:
    cameo: str
    type: str
    mode: str | None
    # From the project's own words (True) or only from the broad CAMEO verb dictionary,
    # whose verbs ("manage", "arrive") are events only between named actors.
    curated: bool = True


class EventLexicon:
    """Lookups by lemma over the event tables, read when the lexicon is built (by the
    event stage's load())."""

    def __init__(self):
        self._terms = self._read_terms()
        self._distilled = self._read_distilled()
        self.plover = self._read_plover(self._terms[3])
        self.verb_lemmas = self._all_verb_lemmas()
        self.noun_lemmas = frozenset(self._terms[1])
        self.trigger_nouns = self.noun_lemmas | SPECIAL_NOUNS
        self._roots = self._root_codes()

    def _root_codes(self) -> dict[str, str]:
        """PLOVER type -> its shortest CAMEO code (the smallest of equals)."""
        roots: dict[str, str] = {}
        for cameo, (kind, _) in sorted(self.plover.items(), key=lambda kv: (len(kv[0]), kv[0])):
            roots.setdefault(kind, cameo)
        return roots

    def root_code(self, kind: str) -> str | None:
        """The CAMEO code that stands for a PLOVER type as a whole ("190" for ASSAULT)."""
        return self._roots.get(kind)

    @staticmethod
    def _read_plover(project_codes: dict) -> dict[str, tuple[str, str | None]]:
        """CAMEO prefix -> PLOVER type and mode: CAMEO2PLOVER, then the project's `cameo`
        rows where the PLOVER manual draws the line elsewhere (easing a curfew or lifting
        sanctions is a CONCEDE, not a RETREAT)."""
        table = {row[0]: (row[1], row[2] or None) for row in read_table("cameo_plover.tsv")}
        table.update(project_codes)
        return table

    @staticmethod
    def _read_terms() -> tuple[dict, dict, set, dict]:
        verbs, nouns, stops, codes = {}, {}, set(), {}
        for row in read_table("event_terms.tsv"):
            if row[0] == "pattern":
                verbs[(row[1], row[2])] = (row[3], _cell(row, 4), _cell(row, 5))
                continue
            if row[0] == "cameo":
                codes[row[1]] = (row[2], _cell(row, 3))
                continue
            kind, lemma, code = row[0], row[1], row[2]
            mode = _cell(row, 3)
            kind_override = _cell(row, 4)
            if kind == "stop":
                stops.add(lemma)
            else:
                (verbs if kind == "verb" else nouns)[lemma] = (code, mode, kind_override)
        return verbs, nouns, stops, codes

    @staticmethod
    def _read_distilled() -> tuple[dict, dict]:
        verbs, patterns = {}, {}
        for kind, lemma, word, code in read_table("event_verbs.tsv"):
            if kind == "verb":
                verbs[lemma] = code
            else:
                patterns[(lemma, word)] = code
        return verbs, patterns

    def _all_verb_lemmas(self) -> frozenset[str]:
        """Every verb lemma that can be an event, alone or with an object: the scan skips
        the others without looking at their dependents."""
        own, _, stops, _ = self._terms
        distilled, patterns = self._distilled
        lemmas = {key if isinstance(key, str) else key[0] for key in own}
        lemmas |= (set(distilled) | {verb for verb, _ in patterns}) - stops
        return frozenset(lemma.split("_")[0] for lemma in lemmas)

    def code(self, cameo: str, mode: str | None = None,
             event_type: str | None = None) -> EventCode | None:
        """The PLOVER reading of a CAMEO code; the project's table may name the type where
        PLOVER moved a CAMEO category (convictions are SANCTION in PLOVER 0.8)."""
        for length in range(len(cameo), 1, -1):
            mapped = self.plover.get(cameo[:length])
            if mapped:
                return EventCode(cameo, event_type or mapped[0], mode or mapped[1])
        return None

    def verb(self, lemma: str, objects: list[str]) -> EventCode | None:
        """The event of a verb, refined by an object or prepositional-object lemma when
        the CAMEO dictionary has a pattern for it ("call for elections")."""
        own, _, stops, _ = self._terms
        for word in objects:
            if (lemma, word) in own:
                return self.code(*own[(lemma, word)])
        if lemma in stops:
            return None  # light verbs: the event is their object noun ("launch an attack")
        distilled, patterns = self._distilled
        if lemma in own:
            return self.code(*own[lemma])
        for word in objects:
            code = patterns.get((lemma, word))
            if code:
                return self._broad(self.code(code))
        code = distilled.get(lemma)
        return self._broad(self.code(code)) if code else None

    @staticmethod
    def _broad(code: EventCode | None) -> EventCode | None:
        if code is None:
            return None
        return EventCode(code.cameo, code.type, code.mode, curated=False)

    def noun(self, lemma: str) -> EventCode | None:
        nouns = self._terms[1]
        entry = nouns.get(lemma)
        return self.code(*entry) if entry else None


def _cell(row: list[str], column: int) -> str | None:
    return row[column] if len(row) > column and row[column] else None
