"""Who a claim's source is, which outlets relayed it, how it was said."""

from __future__ import annotations

from .assemble import Attribution
from .tagger import TaggedSpan

# Unnamed people: a source headed by one of these, naming nobody, is anonymous.
HUMAN_SOURCES = frozenset("""
official source person people aide adviser advisor insider diplomat officer spokesman
spokeswoman spokesperson member staffer analyst expert observer witness resident lawmaker
figure operative strategist ally associate friend confidant individual employee
""".split())
# Documents and reports: anonymous unless an organisation or person is named in them.
DOCUMENT_SOURCES = frozenset("report reports document memo study survey poll analysis "
                             "assessment estimate estimates statement letter".split())
CHANNEL_WORDS = {
    "tweet": "tweet", "twitter": "tweet", "retweet": "tweet",
    "statement": "statement", "communique": "statement", "release": "statement",
    "report": "report", "assessment": "report", "study": "report", "survey": "report",
    "interview": "interview", "testimony": "testimony", "testify": "testimony",
    "hearing": "testimony", "letter": "document", "memo": "document", "email": "document",
    "filing": "document", "document": "document", "broadcast": "broadcast",
    "television": "broadcast", "radio": "broadcast", "podcast": "broadcast",
}
_NAMED_TYPES = {"PERSON", "ORG", "MEDIA", "GROUP"}
# Prepositions that open a phrase naming the channel: "said in a statement", "wrote on
# Twitter", "told reporters via email".
_CHANNEL_PREPOSITIONS = frozenset("in on via through".split())


def entity_at(mention_index: dict[int, str], start: int, end: int) -> str | None:
    for i in range(start, end):
        if i in mention_index:
            return mention_index[i]
    return None


def source_root(doc, attribution: Attribution):
    span = doc[attribution.source.start:attribution.source.end]
    return span.root


def speaker_of(doc, attribution: Attribution, mention_index) -> str | None:
    """The entity the source names: its head word's entity ("the president" -> Trump;
    not "US" in "a US defense official")."""
    if attribution.source is None:
        return None
    root = source_root(doc, attribution)
    if root.lower_ in {"who", "which", "that"} and root.head.dep_ == "relcl":
        root = root.head.head  # "President Trump, who has long advocated ...": Trump
    entity = mention_index.get(root.i)
    if entity is not None:
        return entity
    # "a statement from the Treasury Department": a document speaks for its author.
    if root.lemma_.lower() in DOCUMENT_SOURCES:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in mention_index:
                        return mention_index[obj.i]
    # "An IDF spokesman, Lt. Col. Peter Lerner,": the name set beside the description.
    for child in root.children:
        if child.dep_ == "appos" and child.i in mention_index:
            return mention_index[child.i]
    # "Gen. Joseph Dunford, chairman of ...": a name inside a flat source span.
    if root.ent_type_ in {"PERSON", "ORG"}:
        return entity_at(mention_index, root.left_edge.i, root.i + 1)
    return None


def via_of(doc, attribution: Attribution, mention_index, types, speaker) -> list[str]:
    """Outlets a claim was relayed through: 'told CNN', 'spoke to Reuters', 'on Fox News'."""
    cue = doc[attribution.cue.start:attribution.cue.end]
    candidates = []
    searched = {t.i for t in cue}
    for token in cue:
        for child in token.children:
            if child.dep_ in {"dobj", "dative", "prep", "agent", "npadvmod"}:
                candidates.extend(child.subtree)
    if attribution.source is not None:
        candidates.extend(doc[attribution.source.start:attribution.source.end])
    content = {i for span in attribution.content for i in range(span.start, span.end)}
    via = []
    for token in candidates:
        if token.i in content or token.i in searched:
            continue
        entity = mention_index.get(token.i)
        if entity and entity != speaker and types.get(entity) == "MEDIA" and entity not in via:
            via.append(entity)
    return via


def anonymous(doc, attribution: Attribution, speaker, mention_index, types) -> bool:
    if attribution.source is None or speaker is not None:
        return False
    root = source_root(doc, attribution)
    lemma = root.lemma_.lower()
    named = {types.get(mention_index.get(i)) for i in
             range(attribution.source.start, attribution.source.end)} & _NAMED_TYPES
    if lemma in HUMAN_SOURCES or root.lower_ in HUMAN_SOURCES:
        return "PERSON" not in named
    if lemma in DOCUMENT_SOURCES or root.lower_ in DOCUMENT_SOURCES:
        return not named
    return False


def cue_without_channel(doc, cue: TaggedSpan) -> TaggedSpan:
    """The cue up to a phrase that names the channel ("said | in a statement"): the
    contract keeps the words of saying in `cue` and the medium in `channel`, which
    channel_of still reads from the cut phrase (a dependent of the cue's verb). PolNeAR
    sometimes annotates the longer cue (7 of its 2,319 dev cues); the analyst's reading,
    one field per idea, is the one the product gives."""
    for i in range(cue.start + 1, cue.end):
        token = doc[i]
        if (token.lower_ in _CHANNEL_PREPOSITIONS and token.dep_ == "prep"
                and cue.start <= token.head.i < i
                and any(child.dep_ == "pobj" and child.lemma_.lower() in CHANNEL_WORDS
                        for child in token.children)):
            return TaggedSpan(cue.role, cue.start, i)
    return cue


def channel_of(doc, attribution: Attribution) -> str | None:
    words = []
    cue = doc[attribution.cue.start:attribution.cue.end]
    words += [t.lemma_.lower() for t in cue]
    for token in cue:
        for child in token.children:
            if child.dep_ == "prep":
                words += [t.lemma_.lower() for t in child.subtree]
    if attribution.source is not None:
        words.append(source_root(doc, attribution).lemma_.lower())
    for word in words:
        if word in CHANNEL_WORDS:
            return CHANNEL_WORDS[word]
    return None


def kind_of(attribution: Attribution, quotes: list[str], view) -> str:
    """direct: all content in quotation marks; indirect: none of it; mixed: some."""
    inside = outside = 0
    for span in attribution.content:
        for i in range(span.start, span.end):
            if view.punct[i] or view.space[i]:
                continue
            if quotes[i] == "i":
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    if inside and outside:
        return "mixed"
    return "indirect"


__all__ = ["anonymous", "channel_of", "cue_without_channel", "kind_of", "speaker_of", "via_of"]
