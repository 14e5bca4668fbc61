"""The entity stage: actors resolved across the article (the contract's `entities`)."""

from __future__ import annotations

from ...items import Entity
from ...stage import AnalysisState, Stage
from . import attributes
from .clusters import Cluster, cluster_mentions, merge_bare_descriptions
from .coref import pronoun_mentions, title_mentions
from .mentions import Mention, named_mentions, noun_phrase_mentions, state_word_mentions
from .roles import collect_roles

# Sectors whose people and bodies belong to a state even when the text does not say which.
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"}


class EntityStage(Stage):
    name = "entities"
    requires = ("document", "doc")
    assigns = ("entities", "mention_index")

    def run(self, state: AnalysisState) -> None:
        doc, knowledge = state.doc, self.knowledge
        mentions = named_mentions(doc, knowledge)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += state_word_mentions(doc, knowledge, taken, state.tokens)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += noun_phrase_mentions(doc, knowledge, taken)
        clusters = cluster_mentions(doc, mentions)
        for cluster in clusters:
            collect_roles(doc, cluster, knowledge)
        clusters = merge_bare_descriptions(clusters)
        people = [c for c in clusters if c.kind == "PERSON"]
        taken = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
        # Surnames the tagger missed are found before pronouns are resolved: "Ham made it
        # clear he ..." has Ham as the subject a following "he told the host" refers to;
        # found only afterwards, the pronoun went to a person named earlier.
        self._add_bare_surnames(doc, people, taken, state.tokens)
        taken = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
        title_mentions(doc, people, taken, state.tokens)
        pronoun_mentions(doc, people, knowledge, state.tokens)
        state.entities = self._entities(doc, clusters, state.document.published)
        state.mention_index = {
            i: entity.id
            for entity, cluster in zip(state.entities, clusters)
            for m in cluster.mentions for i in range(m.start, m.end)
        }

    @staticmethod
    def _add_bare_surnames(doc, people: list[Cluster], taken: set[int], view) -> None:
        """A known surname the tagger missed ("the Trump Presidency") is still a mention."""
        by_word = {}
        for cluster in people:
            for mention in cluster.named():
                if mention.end - mention.start == 1:
                    by_word.setdefault(mention.text, cluster)
                else:
                    by_word.setdefault(doc[mention.end - 1].text, cluster)
        for i, (text, pos) in enumerate(zip(view.text, view.pos)):
            if pos != "PROPN" or i in taken:
                continue
            cluster = by_word.get(text)
            if cluster is not None and not any(m.start <= i < m.end for m in cluster.mentions):
                cluster.add(Mention(i, i + 1, text, "PERSON"))

    def _entities(self, doc, clusters: list[Cluster], published: str | None) -> list[Entity]:
        knowledge = self.knowledge
        drafts = []
        countries: dict[int, str | None] = {}
        for cluster in clusters:
            attributes.count_channel_uses(doc, cluster)
            name = attributes.canonical_name(cluster, knowledge)
            etype = attributes.entity_type(cluster, name, knowledge)
            country, sector = attributes.country_and_sector(cluster, name, etype, knowledge,
                                                            published)
            countries[id(cluster)] = country
            drafts.append((cluster, name, etype, country, sector))
        home = attributes.home_state(clusters, countries)
        org_countries = {alias: country for cluster, name, etype, country, _ in drafts
                         if etype in {"ORG", "MEDIA"} and country
                         for alias in [name] + [m.text for m in cluster.named()]}
        entities = []
        for number, (cluster, name, etype, country, sector) in enumerate(drafts, start=1):
            if country is None and etype == "PERSON":
                # "IDF spokesman": the country of the organisation the role names.
                country = next((org_countries[alias] for role in cluster.roles
                                for alias in org_countries
                                if f" {alias} " in f" {role} "), None)
            if country is None and home and etype in {"PERSON", "ORG"} and sector in _STATE_SECTORS:
                country = home
            entities.append(Entity(
                id=f"E{number}",
                name=name,
                type=etype,
                aliases=attributes.aliases(cluster, name),
                roles=list(cluster.roles),
                country=country,
                sector=sector,
                mentions=sorted({m.char_span(doc) for m in cluster.mentions}),
            ))
        return entities
