"""Grouping tagged spans into attributions: each cue with its source and content.

The tagger labels tokens; which source and content go with which cue is decided
here from sentence and paragraph structure: a cue takes the source in its sentence
(preferring its grammatical subject), and content goes to the cue of its own sentence,
else to the nearest cue of its paragraph, else to a cue in the next or previous
paragraph ("“…” / he said" split across lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tagger import TaggedSpan

_SUBJECT = {"nsubj", "nsubjpass", "csubj"}
_MAX_CROSS_PARAGRAPH_TOKENS = 80


@dataclass
class Attribution:
    cue: TaggedSpan
    source: TaggedSpan | None = None
    content: list[TaggedSpan] = field(default_factory=list)


def covered_tokens(attributions, parts: str = "cue source content") -> set[int]:
    """Token indices that the given parts of these attributions cover."""
    covered = set()
    for attribution in attributions:
        spans = []
        if "cue" in parts:
            spans.append(attribution.cue)
        if "source" in parts and attribution.source is not None:
            spans.append(attribution.source)
        if "content" in parts:
            spans.extend(attribution.content)
        for span in spans:
            covered.update(range(span.start, span.end))
    return covered


def _distance(a: TaggedSpan, b: TaggedSpan) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _is_subject_of(doc, source: TaggedSpan, cue: TaggedSpan) -> bool:
    cue_tokens = set(range(cue.start, cue.end))
    for i in range(source.start, source.end):
        token = doc[i]
        if token.dep_ in _SUBJECT and token.head.i in cue_tokens:
            return True
        if token.dep_ == "pobj" and token.head.head.i in cue_tokens:  # "according to X"
            return True
    return False


def assemble(doc, spans: list[TaggedSpan], view) -> list[Attribution]:
    """view: the stage's TokenView (sentence and paragraph number of each token)."""
    sentence = view.sentence
    paragraph = view.paragraph
    cues = [Attribution(s) for s in spans if s.role == "CUE"]
    if not cues:
        return []

    sources = [s for s in spans if s.role == "SRC"]
    taken = set()
    # Grammatical subjects first, across all cues, so "X reported" keeps X even when
    # another cue of the sentence comes earlier; then the nearest source left over.
    for subjects_only in (True, False):
        for attribution in cues:
            cue = attribution.cue
            if attribution.source is not None:
                continue
            same = [s for s in sources if id(s) not in taken
                    and sentence[s.start] == sentence[cue.start]
                    and (not subjects_only or _is_subject_of(doc, s, cue))]
            if not same:
                continue
            best = min(same, key=lambda s: _distance(s, cue))
            attribution.source = best
            taken.add(id(best))

    for content in (s for s in spans if s.role == "CON"):
        owner = _owner(content, cues, sentence, paragraph)
        if owner is not None:
            owner.content.append(content)
    for attribution in cues:
        attribution.content.sort(key=lambda s: s.start)
    return cues


def _owner(content: TaggedSpan, cues: list[Attribution], sentence, paragraph):
    def nearest(candidates):
        return min(candidates, key=lambda a: _distance(a.cue, content)) if candidates else None

    same_sentence = [a for a in cues if sentence[a.cue.start] == sentence[content.start]
                     or sentence[a.cue.start] == sentence[content.end - 1]]
    if same_sentence:
        return nearest(same_sentence)
    same_paragraph = [a for a in cues if paragraph[a.cue.start] == paragraph[content.start]]
    if same_paragraph:
        return nearest(same_paragraph)
    near = [a for a in cues if abs(paragraph[a.cue.start] - paragraph[content.start]) == 1
            and _distance(a.cue, content) <= _MAX_CROSS_PARAGRAPH_TOKENS]
    return nearest(near)
