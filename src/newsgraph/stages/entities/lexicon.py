"""Closed word classes the entity stage relies on: English grammar, not world knowledge."""

from __future__ import annotations

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

# Words that make up a person's title when they stand before the name.
TITLE_WORDS = frozenset("""
president vice prime minister secretary general gen. gen lt. lt lieutenant col. col colonel
maj. maj major sgt. sgt sergeant capt. capt captain adm. adm admiral cmdr. commander chief
chairman chairwoman chair senator sen. sen rep. rep representative congressman congresswoman
governor gov. gov mayor ambassador envoy spokesman spokeswoman spokesperson director
king queen prince princess sheikh emir sultan crown pope cardinal archbishop bishop imam
judge justice attorney prosecutor leader ceo chancellor premier speaker deputy foreign
defense defence interior state finance treasury national security adviser advisor
commissioner inspector chief-of-staff marshal sergeant-major dr. dr prof. prof professor
former acting late then-president first lady lord
""".split())

# Honorifics open a name but are not roles.
HONORIFICS = frozenset("mr. mr mrs. mrs ms. ms miss sir dame".split())

# Head words of titles that a definite description can refer back with ("the president").
TITLE_HEADS = frozenset("""
president minister secretary general chairman chairwoman senator governor mayor ambassador
envoy spokesman spokeswoman commander chancellor premier king queen prince emir sultan pope
leader director chief judge prosecutor admiral colonel
""".split())

# Nouns that name an organised collective actor. True: "the X" alone can start an entity.
COLLECTIVE_HEADS = {
    "coalition": True, "alliance": True, "regime": True, "militia": True, "junta": True,
    "government": False, "administration": False, "military": False, "army": False,
    "ministry": False, "parliament": False, "police": False, "opposition": False,
    "navy": False, "cabinet": False, "council": False, "committee": False,
}

# Plural agent nouns that, with a nationality, make an unnamed group ("American officials").
GROUP_HEADS = frozenset("""
official diplomat lawmaker legislator minister leader troop soldier force fighter militant
rebel jihadist insurgent commander officer authority investigator prosecutor negotiator
""".split())

QUANTIFIERS = frozenset("""
other some many several few all both most various senior top two three four five
""".split())

BACKED_SUFFIXES = frozenset({"led", "backed", "allied", "aligned", "supported", "sponsored",
                             "funded", "based"})

PRONOUNS_MALE = frozenset({"he", "him", "his", "himself"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers", "herself"})

NAMING_VERBS = frozenset({"know", "call", "name", "dub", "brand"})


def is_title_token(token) -> bool:
    word = token.lower_
    return word in TITLE_WORDS and word not in HONORIFICS

# Words of a state institution's name: "State Department", "Foreign Ministry".
INSTITUTION_WORDS = frozenset("""
state department ministry defense defence foreign interior home office army navy air force
forces armed military government parliament embassy police treasury justice intelligence
central bank coast guard health finance national security council agency cabinet congress
senate house of the and affairs presidency administration marines marine corps guard
special operations command committee commission court tribunal assembly
legislature board
""".split())
