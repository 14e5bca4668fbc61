"""Who did it and to whom: the entities around a trigger in the dependency parse."""

from __future__ import annotations

from collections.abc import Container

from .status import PLANNING

_RELATIVE = {"who", "which", "that", "whom"}
_SUBJECTS = {"nsubj", "csubj"}
_MODIFIERS = ("poss", "compound", "amod", "nmod")
# Pronoun subjects that stand for the one who reports ("Iran said it would retaliate").
_REPORTED_PRONOUNS = {"it", "they", "we"}
# Prepositions that introduce the one an action is directed at.
_TOWARD = {"against", "on", "at", "with", "to", "toward", "towards", "into", "upon"}
# Heads whose "of" phrase names whom they belong to ("members of the G-7").
_MEMBERSHIP = {"member", "leader", "official", "force", "troop", "army", "government",
               "minister", "head", "president", "spokesman", "spokeswoman", "representative",
               "delegation", "envoy", "ambassador", "police", "military", "militant",
               "supporter", "citizen", "resident", "soldier", "diplomat", "authority"}
# Heads whose "of" phrase names the state they are ("the island nation of Vanuatu", "the
# governments of Chile and Peru"): that state is the actor, not a modifier ("Pacific").
_NAMED_BY_OF = {"country", "nation", "state", "kingdom", "republic", "island", "archipelago",
                "territory", "principality", "emirate", "government"}
# Passive verbs that raise the subject of their infinitive ("X is reported to have killed").
_RAISING = {"report", "say", "believe", "expect", "think", "understand", "know", "allege",
            "claim", "see", "suspect", "rumor", "rumour"}
_POSSESSIVE_PRONOUNS = {"its", "their", "our"}
# Prepositions of a verb whose object is how its subject acts ("went on strike", "spoke by
# phone").
_MANNER = {"on", "by"}
# Heads that count or group what their "of" phrase names ("hundreds of strikes").
_QUANTIFIERS = {"hundred", "thousand", "dozen", "million", "many", "some", "most", "all",
                "number", "group", "series", "wave", "spate", "round", "string", "couple",
                "handful", "several", "few", "one", "two", "three", "four", "five", "ten"}
# Verbs that react to an event someone else did: "the UN condemned the attack", "the
# attack was welcomed by X" say nothing of who attacked, so a nominal event under them
# does not take their subject (or passive agent) as its actor, as it does under verbs
# that perform it ("carried out strikes", "strikes were launched by X").
REACTIONS = frozenset({"condemn", "denounce", "criticize", "criticise", "deplore", "decry",
                       "blame", "protest", "welcome", "praise", "hail", "applaud", "mourn",
                       "investigate", "report", "witness", "describe", "discuss", "debate",
                       "deny", "reject", "oppose", "dismiss", "question", "doubt", "fear",
                       "probe", "document", "confirm", "cover", "survive",
                       "suffer", "follow", "recall", "remember", "commemorate", "mark",
                       "call", "urge", "demand", "ask", "request", "accuse", "allege"})
# Climbing from a subjectless verb to the clause that supplies its subject.
# "acomp": "X was willing to cooperate".
_CLIMB = {"xcomp", "advcl", "conj", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj", "dobj",
          "appos", "acomp"}


class Participants:
    """Entity lookups over one document's parse (state.tokens and state.mention_index);
    `countries` maps entity ids to their country code (None where unknown)."""

    def __init__(self, view, mention_index: dict, countries: dict[str, str | None],
                 agents: Container[str] = frozenset()):
        self.view = view
        # CAMEO agent nouns ("rebel", "court", "lawmaker"): "rebels in X" are X's
        self.agents = agents
        self.mentions = mention_index
        self.countries = countries
        self._subjects: dict[int, int | None] = {}  # verb -> subject phrase, asked twice

    def entity(self, token: int, depth: int = 0) -> str | None:
        """The entity of a noun phrase headed by `token`: its own mention, else an
        apposition ("his predecessor, X") or a modifier ("Turkish forces", "US withdrawal",
        "the Turkish government's decision"). A group mention without a country
        ("Pakistan's military") gives way to the state in its modifier, whose country it is."""
        view = self.view
        own = self.mentions.get(token)
        if view.lemma[token] in _NAMED_BY_OF and depth < 3 and (
                own is None or self.countries.get(own) is None):
            named = self._pobj(token, ("of",))
            named = self.entity(named, depth + 1) if named is not None else None
            if named is not None and self.countries.get(named) is not None:
                return named
        if own is not None and self.countries.get(own) is None:
            return self._modifier_entity(token, with_country=True) or own
        if own is not None:
            return own
        for child in view.children[token]:
            if view.dep[child] == "appos" and child in self.mentions:
                return self.mentions[child]
        found = self._modifier_entity(token)
        if found is None and depth == 0:
            for child in view.children[token]:
                if view.dep[child] in _MODIFIERS:
                    found = found or self.entity(child, depth + 1)
        if found is not None:
            return found
        if view.lemma[token] in _MEMBERSHIP:  # "police in Barcelona", "members of the G-7"
            owner = self._pobj(token, ("of", "in", "for"))  # "a spokesman for the ministry"
            if owner is not None:
                # "police in the Caribbean nation of X": the nation, named by its "of"
                return self.mentions.get(owner) or (
                    self.entity(owner, depth + 1) if depth < 2 else None)
        if view.lemma[token].lower() in self.agents:  # "rebels in Congo", "a court in Cairo"
            place = self._pobj(token, ("in",))
            found = self.mentions.get(place) if place is not None else None
            if found is not None and self.countries.get(found) is not None:
                return found
        if view.lemma[token] in _QUANTIFIERS or view.pos[token] == "NUM":
            owner = self._pobj(token, ("of",))
            if owner is not None:
                return self.mentions.get(owner)
        return None

    def entities(self, token: int) -> list[str]:
        """Every entity of a coordinated phrase: "The United States and France" and
        "Hungarian and Romanian officials" are two, each with its country."""
        view = self.view
        heads = [token] + [c for c in view.children[token] if view.dep[c] == "conj"]
        found = []
        for head in heads:
            modifiers = [c for c in view.children[head]
                         if view.dep[c] in ("amod", "compound") and c in self.mentions and
                         any(view.dep[g] == "conj" for g in view.children[c])]
            if modifiers:  # "Hungarian and Romanian officials"
                for modifier in modifiers:
                    found.append(self.mentions[modifier])
                    found.extend(self.mentions[g] for g in view.children[modifier]
                                 if view.dep[g] == "conj" and g in self.mentions)
                continue
            entity = self.entity(head)
            if entity is not None:
                found.append(entity)
        return list(dict.fromkeys(found))

    def _child(self, token: int, deps) -> int | None:
        for child in self.view.children[token]:
            if self.view.dep[child] in deps:
                return child
        return None

    def _pobj(self, token: int, words) -> int | None:
        for child in self.view.children[token]:
            if self.view.dep[child] == "prep" and self.view.lower[child] in words:
                obj = self._child(child, ("pobj",))
                if obj is not None:
                    return obj
        return None

    def subject_entity(self, verb: int) -> str | None:
        """The entity doing what `verb` says: its subject, the antecedent of a relative
        "who", the agent of a passive, else the subject of the clause it hangs from."""
        phrase = self.subject_phrase(verb)
        return self.entity(phrase) if phrase is not None else None

    def subject_phrase(self, verb: int) -> int | None:
        """The head of the phrase that names who does what `verb` says (see subject_entity)."""
        if verb not in self._subjects:
            self._subjects[verb] = self._subject_phrase(verb, 0)
        return self._subjects[verb]

    def _subject_phrase(self, verb: int, depth: int) -> int | None:
        view = self.view
        subject = self._child(verb, _SUBJECTS)
        if subject is not None:
            if view.lower[subject] in _RELATIVE and view.dep[verb] == "relcl":
                return view.head[verb]
            if view.lower[subject] in _REPORTED_PRONOUNS and subject not in self.mentions:
                reporter = self._reporter(verb)
                return subject if reporter is None else reporter
            if self.entity(subject) is None and any(
                    view.dep[c] == "poss" and view.lower[c] in _POSSESSIVE_PRONOUNS
                    for c in view.children[subject]):
                # "X says its forces are pulling out": the forces are the reporter's
                reporter = self._reporter(verb)
                return subject if reporter is None else reporter
            return subject
        raised = self._raised(verb)
        if raised is not None:
            return raised
        agent = self._child(verb, ("agent",))
        if agent is not None:
            obj = self._child(agent, ("pobj",))
            if obj is not None:
                return obj
        if depth >= 4 or view.dep[verb] not in _CLIMB or view.head[verb] == verb:
            return None
        head = view.head[verb]
        if view.pos[head] in ("NOUN", "PROPN") and view.dep[verb] in ("acl", "relcl", "appos"):
            if self.entity(head) is not None:
                return head
        return self._subject_phrase(head, depth + 1)

    def _raised(self, verb: int) -> int | None:
        """"X is reported to have killed": the passive subject of the raising verb above."""
        view = self.view
        head = view.head[verb]
        if view.dep[verb] != "xcomp" or head == verb or view.lemma[head] not in _RAISING:
            return None
        return self._child(head, ("nsubjpass",))

    def _reporter(self, verb: int) -> int | None:
        """"Argentina said it was threatening to expel...": the pronoun subject of a
        reported clause is the one who reports it, when that is an entity."""
        view, current = self.view, verb
        for _ in range(3):
            if view.dep[current] not in ("ccomp", "conj", "xcomp") or view.head[current] == current:
                return None
            current = view.head[current]
            subject = self._child(current, _SUBJECTS)
            if subject is not None:
                return subject if self.entity(subject) is not None else None
        return None

    def of_verb(self, verb: int) -> tuple[str | None, str | None]:
        actor = self.subject_entity(verb)
        recipient = None
        passive = self._child(verb, ("nsubjpass",))
        if passive is not None:
            recipient = self.entity(passive)
        if recipient is None:
            obj = self._child(verb, ("dobj",))
            if obj is not None:
                recipient = self.entity(obj) or self.entity_toward(obj)
        if recipient is None:
            obj = self._pobj(verb, _TOWARD | {"of", "for"})
            recipient = self.entity(obj) if obj is not None else None
        return actor, recipient

    def groups(self, trigger: int, nominal: bool, actor: str | None,
               recipient: str | None) -> tuple[list[str], list[str]]:
        """The compound actor and recipient of an event, each led by the one entity the
        event names ("The United States and France accused Russia and China")."""
        view = self.view
        if nominal:
            between = self._pobj(trigger, ("between", "among"))
            sides = self._entities_under(between) if between is not None else []
            return _led_by(actor, sides), []
        subject = self.subject_phrase(trigger)
        target = self._child(trigger, ("nsubjpass",))
        if target is None:
            target = self._child(trigger, ("dobj",))
        actors = self.entities(subject) if subject is not None else []
        recipients = self.entities(target) if target is not None else []
        return _led_by(actor, actors), _led_by(recipient, recipients)

    def entity_toward(self, noun: int) -> str | None:
        obj = self._pobj(noun, _TOWARD)
        return self.entity(obj) if obj is not None else None

    def of_noun(self, noun: int, event_type: str) -> tuple[str | None, str | None]:
        view = self.view
        actor, recipient = None, None
        between = self._pobj(noun, ("between", "among"))
        if between is not None:
            sides = self._entities_under(between)
            actor = sides[0] if sides else None
            recipient = sides[1] if len(sides) > 1 else None
        actor = actor or self._modifier_entity(noun)
        by = self._pobj(noun, ("by",))
        if actor is None and by is not None:
            actor = self.entity(by)
        of = self._pobj(noun, ("of",))
        if of is not None and actor is None and event_type in ("RETREAT", "CONCEDE", "MOBILIZE",
                                                               "PROTEST"):
            actor = self.entity(of)
        elif of is not None and recipient is None:
            recipient = self.entity(of)
        if recipient is None:
            recipient = self.entity_toward(noun) or self._targeted(noun)
        phrase = self._counted_by(noun)
        if actor is None and view.dep[phrase] in ("dobj", "nsubjpass", "attr") and \
                view.lemma[view.head[phrase]] not in REACTIONS:
            actor = self.subject_entity(view.head[phrase])
        elif actor is None and view.dep[phrase] == "pobj" and view.lower[view.head[phrase]] == "to":
            verb = view.head[view.head[phrase]]  # "agreed to a ceasefire"
            if view.lemma[verb] in PLANNING:
                actor = self.subject_entity(verb)
        elif actor is None and view.dep[phrase] == "pobj" and \
                view.lower[view.head[phrase]] in _MANNER and self._done_by_subject(phrase):
            # "teachers went on strike", "spoke by phone": the subject does it
            actor = self.subject_entity(view.head[view.head[phrase]])
        return actor, (recipient if recipient != actor else None)

    def _done_by_subject(self, noun: int) -> bool:
        """Whether the verb whose "on"/"by" phrase `noun` is has an active subject that
        does the event (not "killed by an airstrike", not "condemned on strike")."""
        view = self.view
        prep = view.head[noun]
        verb = view.head[prep]
        return view.dep[prep] == "prep" and view.pos[verb] in ("VERB", "AUX") and \
            view.lemma[verb] not in REACTIONS and \
            not any(view.dep[c] in ("nsubjpass", "auxpass") for c in view.children[verb])

    def _counted_by(self, noun: int) -> int:
        """"carried out hundreds of strikes": the object is "hundreds", which counts them."""
        view = self.view
        prep = view.head[noun]
        if view.dep[noun] == "pobj" and view.lower[prep] == "of" and \
                view.lemma[view.head[prep]] in _QUANTIFIERS | {"series", "wave"} or \
                (view.dep[noun] == "pobj" and view.pos[view.head[prep]] == "NUM"):
            return view.head[prep]
        return noun

    def _entities_under(self, token: int) -> list[str]:
        """Distinct entities mentioned in the phrase headed by `token`, in text order."""
        view, seen, stack, tokens = self.view, [], [token], []
        while stack:
            current = stack.pop()
            tokens.append(current)
            stack.extend(view.children[current])
        for i in sorted(tokens):
            entity = self.mentions.get(i)
            # "Turkish President X": the person, not the state of the adjective
            if entity is not None and entity not in seen and view.pos[i] != "ADJ":
                seen.append(entity)
        return seen

    def _modifier_entity(self, noun: int, with_country: bool = False) -> str | None:
        own = self.mentions.get(noun)
        for child in self.view.children[noun]:
            if self.view.dep[child] in _MODIFIERS:
                found = self.mentions.get(child)
                if found is not None and found != own and (
                        not with_country or self.countries.get(found) is not None):
                    return found
        return None

    def _targeted(self, noun: int) -> str | None:
        """"strikes targeting X": the object of a participle hanging from the noun."""
        for child in self.view.children[noun]:
            if self.view.dep[child] == "acl":
                obj = self._child(child, ("dobj",))
                if obj is not None and self.entity(obj):
                    return self.entity(obj)
        return None


def _led_by(lead: str | None, members: list[str]) -> list[str]:
    """`members` with `lead` first, when the lead is one of them or speaks for them all
    ("Hungarian and Romanian officials": the officials, then each state)."""
    if lead is None or len(members) < 2:
        return []
    return [lead] + [m for m in members if m != lead]
