"""What the learned re-typer (retyper.py) sees of one event the rules found: the rules'
reading (PLOVER type, CAMEO code, mode, status, what it absorbed), the trigger's lemma and
its place in the dependency parse (head, governors, objects, particles, negation, modal
auxiliaries), who takes part (actor and recipient present, their type and sector), the
other readings in its sentence, and the content words of its sentence.

Features are sparse: a name and a value, mostly 1. The same function serves training
(tools/train_event_typer.py) and run time, so the two cannot drift apart.
"""

from __future__ import annotations

# Content words of the sentence are features only for these parts of speech.
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must",
                     "shall", "'ll", "wo", "ca"})
# At most this many words of the sentence: a run-on sentence costs no more than that.
_CONTEXT_WORDS = 60


def candidate_features(view, item, actor, recipient, sentence_types: list[str]) -> dict[str, float]:
    """Features of `item` (the stage's reading of one trigger: `.trigger`, `.type`, `.mode`,
    `.cameo`, `.status`, `.absorbed`, `.inner`) given its actor and recipient entities
    (items.Entity or None) and the rules' types of every trigger of its sentence."""
    token, rule = item.trigger.token, item.type
    lemma = view.lemma[token]
    features = {
        "bias": 1.0,
        f"rule={rule}": 1.0,
        f"cameo2={item.cameo[:2]}": 1.0,
        f"cameo={item.cameo}": 1.0,
        f"mode={item.mode}|{rule}": 1.0,
        f"lemma={lemma}": 1.0,
        f"lemma|rule={lemma}|{rule}": 1.0,
        f"status={item.status}": 1.0,
        f"status|rule={item.status}|{rule}": 1.0,
        f"pos={'NOUN' if item.trigger.nominal else 'VERB'}|{rule}": 1.0,
        f"curated={item.trigger.code.curated}": 1.0,
        f"dep={view.dep[token]}": 1.0,
    }
    if item.absorbed:
        features[f"absorbed={item.absorbed}|{rule}"] = 1.0
    if item.inner is not None:
        features[f"inner={view.lemma[item.inner.token]}"] = 1.0
    head = view.head[token]
    if head != token:
        features[f"head={view.lemma[head]}"] = 1.0
    _syntax(view, token, features)
    _participants(actor, recipient, rule, features)
    for kind in sorted(set(sentence_types)):
        features[f"sentence_rule={kind}"] = 1.0
    _sentence_words(view, token, features)
    return features


def _syntax(view, token: int, features: dict[str, float]) -> None:
    """Governors ("agreed to", "threatened to"), objects, particles, negation, modals."""
    current = token
    for _ in range(3):
        head = view.head[current]
        if head == current:
            break
        features[f"gov={view.lemma[head]}"] = 1.0
        current = head
    for child in view.children[token]:
        dep, word = view.dep[child], view.lemma[child]
        if dep in ("dobj", "nsubjpass", "attr", "oprd"):
            features[f"obj={word}"] = 1.0
        elif dep == "prep":
            features[f"prep={word}"] = 1.0
            for grand in view.children[child]:
                if view.dep[grand] == "pobj":
                    features[f"pobj={word}_{view.lemma[grand]}"] = 1.0
        elif dep == "prt":
            features[f"prt={word}"] = 1.0
        elif dep == "neg":
            features["negated"] = 1.0
        elif dep == "auxpass":
            features["passive"] = 1.0
        elif dep == "aux" and view.lower[child] in _MODALS:
            features[f"modal={view.lower[child]}"] = 1.0
        elif dep in ("amod", "compound"):
            features[f"modifier={word}"] = 1.0


def _participants(actor, recipient, rule: str, features: dict[str, float]) -> None:
    for role, entity in (("actor", actor), ("recipient", recipient)):
        if entity is None:
            features[f"{role}=none|{rule}"] = 1.0
            continue
        features[f"{role}_type={entity.type}|{rule}"] = 1.0
        features[f"{role}_country={entity.country is not None}"] = 1.0
        if entity.sector:
            features[f"{role}_sector={entity.sector}"] = 1.0


def _sentence_words(view, token: int, features: dict[str, float]) -> None:
    start, end = view.sentences[view.sentence[token]]
    words = sorted({view.lemma[i] for i in range(start, min(end, start + _CONTEXT_WORDS))
                    if view.pos[i] in _CONTENT_POS and view.ent[i] == ""})
    if not words:
        return
    weight = 1.0 / len(words) ** 0.5  # a long sentence's words say less each
    for word in words:
        features[f"word={word}"] = weight
