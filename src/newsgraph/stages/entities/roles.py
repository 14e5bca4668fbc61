"""Roles from the text: titles before a name, appositives, and 'an X known as NAME'."""

from __future__ import annotations

from .clusters import Cluster
from .lexicon import HONORIFICS, NAMING_VERBS, TITLE_WORDS, is_title_token

_TRIM_WORDS = {"a", "an", "the", "his", "her", "its", "their", "our", "my", "your"}
_MAX_ROLE_TOKENS = 10
_TITLE_LINKS = {"of", "for"}


def title_before(doc, start: int, knowledge) -> tuple[str | None, int]:
    """The title directly before a name ("Turkish President", "Gen."): text and first token."""
    index = start - 1
    first = start
    saw_title = False
    while index >= 0:
        token = doc[index]
        word = token.lower_
        if word in HONORIFICS:
            break
        if is_title_token(token):
            saw_title = True
        elif token.lower_ in _TITLE_LINKS and index > 0 and is_title_token(doc[index - 1]) \
                and first < start:
            pass  # "Secretary of State", "Minister for Foreign Affairs"
        elif token.text == "-" and index > 0 and not token.whitespace_ and \
                is_title_token(doc[index - 1]) and first < start:
            pass  # "Secretary-General"
        elif token.is_punct:
            break
        elif not ((token.is_title or token.is_upper) and token.pos_ in {"PROPN", "ADJ", "NOUN"}
                  and token.ent_type_ != "PERSON"):
            break
        first = index
        index -= 1
    if not saw_title:
        return None, start
    # Titles start at a title word or a nationality, not at "NATO" in "NATO chief".
    while first < start and not (is_title_token(doc[first])
                                 or knowledge.is_people_word(doc[first].text)
                                 or knowledge.state_for(doc[first].text)
                                 or doc[first].pos_ == "PROPN"):
        first += 1
    text = doc[first:start].text
    return (text or None), first


def _phrase(doc, tokens) -> str | None:
    """Readable role text from a token set: contiguous, no leading article, no clauses."""
    ids = sorted(t.i for t in tokens)
    if not ids:
        return None
    start, end = ids[0], ids[0]
    for i in ids[1:]:
        if i != end + 1:
            break
        end = i
    while start <= end and (doc[start].lower_ in _TRIM_WORDS or doc[start].is_punct
                            or doc[start].tag_ == "POS"):
        start += 1
    stop = start
    while stop <= end and not (doc[stop].text in {",", ";", "(", "—", "–"}
                               or doc[stop].tag_ in {"WDT", "WP"}):
        stop += 1
    stop = min(stop, start + _MAX_ROLE_TOKENS)
    if stop <= start:
        return None
    text = doc[start:stop].text.strip(" ,")
    return text or None


def _subtree_without(token, excluded) -> list:
    banned = {t.i for t in excluded.subtree}
    return [t for t in token.subtree if t.i not in banned]


def appositive_roles(doc, start: int, end: int) -> list[str]:
    """Descriptions set beside a name: 'X, chairman of ...', 'his predecessor, X'."""
    root = doc[start:end].root
    roles = []
    for child in root.children:
        if child.dep_ == "appos" and not (start <= child.i < end) and child.ent_type_ in ("", "ORG"):
            if child.pos_ in {"NOUN"} or child.lower_ in TITLE_WORDS:
                phrase = _phrase(doc, list(child.subtree))
                if phrase:
                    roles.append(phrase)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and not head.ent_type_:
        phrase = _phrase(doc, _subtree_without(head, root))
        if phrase:
            roles.append(phrase)
    # "an alliance of militias known as the Syrian Democratic Forces"
    if head.lower_ == "as" and head.head.lemma_ in NAMING_VERBS and head.head.dep_ == "acl":
        described = head.head.head
        # "an alliance of ... militias known as X": X is the alliance, not the militias.
        if described.dep_ == "pobj" and described.head.lower_ == "of" and \
                described.head.head.pos_ == "NOUN":
            described = described.head.head
        if described.pos_ == "NOUN":
            phrase = _phrase(doc, [t for t in described.subtree if t.i < head.head.i])
            if phrase:
                roles.append(phrase)
    return roles


def collect_roles(doc, cluster: Cluster, knowledge) -> None:
    for mention in cluster.named():
        if cluster.kind == "PERSON":
            title, _ = title_before(doc, mention.start, knowledge)
            if title:
                _add(cluster.roles, title)
                words = title.split()
                if len(words) > 1 and (knowledge.is_people_word(words[0])
                                       or knowledge.state_for(words[0])):
                    _add(cluster.roles, " ".join(words[1:]))
                _add(cluster.extra_aliases, f"{title} {mention.text}")
        if cluster.kind in {"PERSON", "ORG", "COLLECTIVE", "GROUP", "NORP"}:
            for role in appositive_roles(doc, mention.start, mention.end):
                _add(cluster.roles, role)


def _add(values: list[str], value: str) -> None:
    if value and value.lower() not in {v.lower() for v in values}:
        values.append(value)
