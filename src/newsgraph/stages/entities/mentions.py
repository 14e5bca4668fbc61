"""Candidate actor mentions: named entities, cleaned, plus unnamed collectives and groups."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...knowledge import Knowledge
from .lexicon import (ACTOR_LABELS, INSTITUTION_WORDS, BACKED_SUFFIXES, COLLECTIVE_HEADS, GROUP_HEADS,
                      QUANTIFIERS, is_title_token)


@dataclass
class Mention:
    start: int  # token offsets, end exclusive
    end: int
    text: str
    label: str  # PERSON ORG GPE NORP LOC FAC STATE COLLECTIVE GROUP PRONOUN TITLE
    state: str | None = None  # ISO alpha-3 when the words name or describe a state
    country_hint: str | None = None  # a stripped nationality prefix: "US State Department"
    full_text: str | None = None  # the surface before the prefix was stripped
    head_lemma: str | None = None
    cluster: object = field(default=None, repr=False)

    def char_span(self, doc) -> tuple[int, int]:
        span = doc[self.start:self.end]
        return span.start_char, span.end_char


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles and trailing possessives and punctuation."""
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return start, end


def _is_modifier(token) -> bool:
    if token.dep_ in {"amod", "compound", "nmod"}:
        return True
    return token.dep_ == "conj" and token.head.dep_ in {"amod", "compound", "nmod"}


def _nationality_prefix(doc, start: int, end: int, knowledge: Knowledge) -> int:
    """Tokens at the start of an organisation's name that only give its nationality:
    "US State Department", "Kurdish YPG", "Turkish Foreign Ministry" -- but not the
    "Syrian" of "Syrian Democratic Forces", which is part of a proper name."""
    index = start
    while index < end - 1:
        token = doc[index]
        # "US", "UK" or a demonym; a full name ("Israel Defense Forces") is the name's own.
        if knowledge.is_people_word(token.text) or (token.is_upper and knowledge.state_for(token.text)):
            # "US-led coalition" keeps its prefix: it says who leads, not whose it is.
            if index + 1 < end and doc[index + 1].text == "-":
                break
            index += 1
        else:
            break
    if index == start:
        return start
    rest = doc[index:end]
    generic = all(t.lower_ in INSTITUTION_WORDS for t in rest)
    acronym = len(rest) == 1 and rest[0].is_upper and len(rest[0]) > 1
    return index if generic or acronym else start


def _entity_spans(doc):
    """NER spans, with a person's name the tagger cut in two joined again
    ("Mohammed bin Abdulrahman" + "Al Thani")."""
    spans = []
    for ent in doc.ents:
        if (spans and ent.label_ == "PERSON" and spans[-1][2] == "PERSON"
                and spans[-1][1] == ent.start):
            spans[-1] = (spans[-1][0], ent.end, "PERSON")
        else:
            spans.append((ent.start, ent.end, ent.label_))
    return spans


def _located_place(doc, start: int, end: int, knowledge: Knowledge) -> bool:
    """A 'person' that is where something happens ("in Khan Younis") and is a known place."""
    root = doc[start:end].root
    return (root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "near", "from", "outside"}
            and knowledge.country_of_place(doc[start:end].text) is not None)


def named_mentions(doc, knowledge: Knowledge) -> list[Mention]:
    mentions: list[Mention] = []
    for ent_start, ent_end, label in _entity_spans(doc):
        ent = doc[ent_start:ent_end]
        if label not in ACTOR_LABELS:
            continue
        if label == "PERSON" and _located_place(doc, ent_start, ent_end, knowledge):
            label = "GPE"
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        text = doc[start:end].text
        iso3 = knowledge.state_for(text)
        if iso3:
            mentions.append(Mention(start, end, text, "STATE", state=iso3))
            continue
        if label == "NORP":
            if knowledge.is_people_word(text) and _is_modifier(doc[end - 1]):
                continue  # "Kurdish partners": a description, not an actor
            mentions.append(Mention(start, end, text, "NORP", head_lemma=doc[end - 1].lemma_))
            continue
        if label in {"ORG", "NORP", "GPE"} and _is_title_part(doc, start, end):
            continue  # "Defense" in "Defense Secretary Jim Mattis"
        mention = Mention(start, end, text, label)
        if label == "ORG":
            cut = _nationality_prefix(doc, start, end, knowledge)
            if cut > start:
                mention.full_text = text
                mention.country_hint = knowledge.state_for(doc[start:cut].text)
                if mention.country_hint:
                    mentions.append(Mention(start, cut, doc[start:cut].text, "STATE",
                                            state=mention.country_hint))
                mention.start, mention.text = cut, doc[cut:end].text
        mentions.append(mention)
    return mentions


def _is_title_part(doc, start: int, end: int) -> bool:
    """An organisation word that belongs to a person's title: it runs into title words
    ("Defense Secretary Jim Mattis"), or ends a title and meets the name ("Secretary of
    State Antony Blinken")."""
    if (end < len(doc) and doc[end].ent_type_ == "PERSON" and start >= 2
            and doc[start - 1].lower_ in {"of", "for"} and is_title_token(doc[start - 2])):
        return True
    index = end
    saw_title = False
    while index < len(doc) and is_title_token(doc[index]):
        saw_title = True
        index += 1
    return saw_title and index < len(doc) and doc[index].ent_type_ == "PERSON"


def state_word_mentions(doc, knowledge: Knowledge, taken: set[int], view) -> list[Mention]:
    """States and demonyms the tagger left unlabelled ("US" inside "US-led")."""
    found = []
    for i, (text, shape, pos) in enumerate(zip(view.text, view.shape, view.pos)):
        if i in taken or shape not in ("T", "U") or pos not in ("PROPN", "ADJ", "NOUN"):
            continue
        iso3 = knowledge.state_for(text)
        if iso3:
            found.append(Mention(i, i + 1, text, "STATE", state=iso3))
    return found


def _has_distinguishing_modifier(chunk, knowledge: Knowledge, taken: set[int]) -> bool:
    for token in chunk[:-1]:
        if token.pos_ == "PROPN" or knowledge.state_for(token.text) or token.i in taken:
            return True
        if token.lower_ in BACKED_SUFFIXES and token.i > chunk.start:
            return True
    return False


def noun_phrase_mentions(doc, knowledge: Knowledge, taken: set[int]) -> list[Mention]:
    """Unnamed actors: 'the US-led coalition', 'the Syrian government', 'American officials'."""
    found: list[Mention] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        lemma = root.lemma_.lower()
        if root.i in taken or (lemma not in COLLECTIVE_HEADS and lemma not in GROUP_HEADS):
            continue
        start = chunk.start
        while start < root.i and (doc[start].lower_ in QUANTIFIERS or doc[start].pos_ in
                                  {"DET", "PRON", "NUM"} or doc[start].tag_ == "POS"):
            start += 1
        span = doc[start:root.i + 1]
        if lemma in COLLECTIVE_HEADS and (root.tag_ in {"NN", "NNP"} or lemma in {"police"}):
            if len(span) > 1 and _has_distinguishing_modifier(span, knowledge, taken):
                found.append(Mention(start, root.i + 1, span.text, "COLLECTIVE", head_lemma=lemma))
            elif len(span) == 1 and chunk[0].lower_ == "the" and COLLECTIVE_HEADS[lemma]:
                found.append(Mention(start, root.i + 1, span.text, "COLLECTIVE",
                                     head_lemma=lemma))
        elif lemma in GROUP_HEADS and root.tag_ in {"NNS", "NNPS"} and len(span) > 1:
            nationality = [t for t in span[:-1] if knowledge.state_for(t.text)
                           and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-")]
            if nationality and not any(doc[t.i].ent_type_ == "ORG" for t in span):
                mention = Mention(start, root.i + 1, span.text, "GROUP", head_lemma=lemma)
                mention.country_hint = knowledge.state_for(nationality[0].text)
                found.append(mention)
    return found
