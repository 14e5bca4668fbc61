"""Resolving 'the president' and 'he' to the people already in the text.

Deliberately narrow, because a wrong link is worse than a missing one: a title
description goes to the last person given that title; a third-person pronoun goes to
a person who is the subject of its sentence or of the previous one, or to the only
person named in that window.
"""

from __future__ import annotations

from .clusters import Cluster
from .lexicon import PRONOUNS_FEMALE, PRONOUNS_MALE, TITLE_HEADS, TITLE_WORDS
from .mentions import Mention

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


_QUOTE_MARKS = {"“", "”", '"', "``", "''"}


def _in_quotes(view, index: int) -> bool:
    """Inside an open quotation in its sentence: pronouns there are the speaker's voice."""
    start = view.sentences[view.sentence[index]][0]
    return sum(text in _QUOTE_MARKS for text in view.text[start:index]) % 2 == 1


def title_mentions(doc, people: list[Cluster], taken: set[int], view) -> list[Mention]:
    """'the president' -> the last person before it whose roles end in that title."""
    found = []
    for index in [i for i, word in enumerate(view.lower) if word in TITLE_HEADS]:
        token = doc[index]
        if token.i in taken or token.i == 0:
            continue
        det_at = token.i - 1
        while det_at > 0 and doc[det_at].lower_ in TITLE_WORDS and doc[det_at].is_lower:
            det_at -= 1  # "the prime minister", "the defense secretary"
        det = doc[det_at]
        if det.lower_ != "the" or det.i in taken:
            continue
        title = doc[det.i + 1:token.i + 1].text.lower()
        if any(child.dep_ == "prep" and child.lower_ == "of" for child in token.children):
            continue  # "the president of France" names someone else
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_):
            continue
        best, best_at = None, -1
        for cluster in people:
            if not any(role.lower().endswith(title) and role.lower().split()[-1] == token.lower_
                       for role in cluster.roles):
                continue
            before = [m.start for m in cluster.mentions if m.start < token.i]
            if before and max(before) > best_at:
                best, best_at = cluster, max(before)
        if best is not None:
            mention = Mention(det.i, token.i + 1, doc[det.i:token.i + 1].text, "TITLE")
            best.add(mention)
            found.append(mention)
    return found


_FEMALE_WORDS = {"mrs.", "mrs", "ms.", "ms", "miss", "madam", "queen", "princess", "chairwoman",
                 "spokeswoman", "congresswoman", "businesswoman", "lady", "dame", "duchess"}
_MALE_WORDS = {"mr.", "mr", "sir", "king", "prince", "spokesman", "congressman", "businessman",
               "lord", "duke"}


def gender(doc, cluster: Cluster, knowledge) -> str | None:
    """'m', 'f' or None, from honorifics, gendered titles and the given name."""
    words = set()
    for mention in cluster.named():
        if mention.start > 0:
            words.add(doc[mention.start - 1].lower_)
    for role in cluster.roles:
        words.update(role.lower().split())
    if words & _FEMALE_WORDS:
        return "f"
    if words & _MALE_WORDS:
        return "m"
    names = [m for m in cluster.named() if m.label == "PERSON" and m.end - m.start > 1]
    if names:
        longest = max(names, key=lambda m: m.end - m.start)
        return knowledge.gender_of_name(doc[longest.start].text)
    return None


def pronoun_mentions(doc, people: list[Cluster], knowledge, view) -> list[Mention]:
    genders = {id(c): gender(doc, c, knowledge) for c in people}
    # Token -> person, one map per pronoun gender, kept up to date as pronouns resolve.
    fitting: dict[str, dict[int, Cluster]] = {"m": {}, "f": {}}

    def own(i: int, cluster: Cluster) -> None:
        for wanted, owner in fitting.items():
            if genders.get(id(cluster)) in (None, wanted):
                owner[i] = cluster

    for cluster in people:
        for mention in cluster.mentions:
            for i in range(mention.start, mention.end):
                own(i, cluster)
    sentences = [doc[start:end] for start, end in view.sentences]
    found: list[Mention] = []
    candidates = [i for i, word in enumerate(view.lower)
                  if (word in PRONOUNS_MALE or word in PRONOUNS_FEMALE) and view.pos[i] == "PRON"]
    for index in candidates:
        number = view.sentence[index]
        sent = sentences[number]
        token = doc[index]
        word = token.lower_
        if _in_quotes(view, index):
            continue
        fits = fitting["m" if word in PRONOUNS_MALE else "f"]
        previous = sentences[number - 1] if number else None
        cluster = _antecedent(token, sent, previous, fits)
        if cluster is None and number > 1:
            cluster = _recent_subject(sentences[max(0, number - 4):number - 1], fits)
        if cluster is None:
            continue
        mention = Mention(token.i, token.i + 1, token.text, "PRONOUN")
        cluster.add(mention)
        own(token.i, cluster)
        found.append(mention)
    return found


def _antecedent(token, sent, previous, owner: dict[int, Cluster]) -> Cluster | None:
    before = [t for t in token.doc[sent.start:token.i] if t.i in owner]
    here = [owner[t.i] for t in before]
    here_subjects = [owner[t.i] for t in before if t.dep_ in _SUBJECT_DEPS]
    if here_subjects:
        return here_subjects[-1]
    if previous is not None:
        prev_subjects = [owner[t.i] for t in previous if t.i in owner and (
            (t.dep_ in _SUBJECT_DEPS and t.head.dep_ == "ROOT")
            or (t.dep_ == "conj" and t.head.dep_ in _SUBJECT_DEPS))]  # "A and B argued"

        if len(set(map(id, prev_subjects))) == 1 and not here:
            return prev_subjects[0]
        window = here + [owner[t.i] for t in previous if t.i in owner]
    else:
        window = here
    distinct = {id(c): c for c in window}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    return None


def _recent_subject(earlier, owner: dict[int, Cluster]) -> Cluster | None:
    """Further back, only the latest person who was a main-clause subject. A subject of an
    embedded clause is the topic of someone else's words or thoughts ("X says why he
    believes Y has the best plan": Y is not who speaks next), so it never counts."""
    for sent in reversed(earlier):
        subjects = [owner[t.i] for t in sent if t.i in owner and _main_subject(t)]
        if subjects:
            return subjects[-1]
    return None


def _main_subject(token) -> bool:
    """The subject of its sentence's main verb, or one conjoined to it ("A and B said")."""
    if token.dep_ == "conj" and token.head.dep_ in _SUBJECT_DEPS:
        token = token.head
    return token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ROOT"
