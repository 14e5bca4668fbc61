"""Which of the roles the entity stage gave an actor are titles or positions.

The stage reads roles from titles before a name, appositives and descriptions ("chairman
of the Joint Chiefs", "his predecessor"), and the parse sometimes hands it a noun phrase
that is no role at all ("close loopholes", "expectations", "Editor's note:"). An actor's
page shows only the role-like ones: a phrase whose head word (the last word before "of",
"for", "at", ...) is a title or position noun of English, or ends like one
("-man", "-woman", "-person", "-ist", "-or", "-er" among agent nouns).
"""

from __future__ import annotations

import re

# Title and position nouns, generally (government, military, courts, parties, business,
# press, religion, academia, sport): English words, no names.
POSITIONS = frozenset("""
president vice-president minister premier chancellor secretary undersecretary
general lieutenant colonel major captain sergeant admiral commander marshal officer
corporal private brigadier commodore chief head leader chair chairman chairwoman
chairperson co-chair senator congressman congresswoman representative lawmaker legislator
delegate governor mayor councillor councilor councilman councilwoman alderman ambassador
envoy consul diplomat attache spokesman spokeswoman spokesperson director
deputy assistant aide adviser advisor counsel counselor counsellor attorney prosecutor
judge justice magistrate commissioner inspector superintendent sheriff constable
king queen prince princess emir sultan sheikh monarch pope cardinal archbishop bishop
imam rabbi pastor priest reverend cleric ayatollah mufti
nominee candidate challenger incumbent contender frontrunner front-runner
founder co-founder owner executive ceo cfo coo cto president-elect chief-of-staff
manager partner principal treasurer comptroller auditor economist analyst strategist
pollster consultant lobbyist activist organizer campaigner advocate
editor reporter correspondent columnist journalist anchor host commentator publisher
producer writer author
professor lecturer scholar researcher scientist dean provost rector
coach player captain athlete
member fellow veteran retiree student agent assistant consultant lieutenant sergeant
resident regent
mother father wife husband son daughter brother sister widow widower
predecessor successor
gen lt col maj sgt capt adm cmdr sen rep gov amb supt insp dr del
official staffer surrogate expert architect confidant confidante lady mate
""".split())

# Endings of agent nouns ("campaigner", "strategist", "statesman"); not "-ant"/"-ent",
# which end relations as often as positions ("opponent", "claimant").
AGENT_ENDINGS = ("man", "woman", "person", "ist", "or", "er", "ian")
# Agent-looking words that are not positions.
NOT_POSITIONS = frozenset("""
matter order number water power paper letter border other another corner
factor sector error year member-state center centre quarter chapter
loophole expectation statement comment event moment government agreement
former latter conspirator supporter voter viewer reader listener
""".split())
# Words that end a role's head noun phrase: what follows is its complement.
COMPLEMENT_WORDS = frozenset("of for at to in on with from who that which and".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")


def head_word(role: str) -> str:
    """The role's head noun: the last word before its complement ("chairman of X" ->
    chairman; "former defense secretary" -> secretary)."""
    words = [w.lower().rstrip(".").removesuffix("'s") for w in WORD.findall(role)]
    head = ""
    for word in words:
        if word in COMPLEMENT_WORDS and head:
            break
        head = word
    return head


def is_role(role: str) -> bool:
    """A title or position ("Turkish President", "chairman of the Joint Chiefs of Staff",
    "his predecessor"), not a stray noun phrase."""
    text = " ".join(str(role or "").split())
    if not text or len(text) > 80 or text.endswith((":", "?", "!")):
        return False
    head = head_word(text)
    if not head or head in NOT_POSITIONS:
        return False
    if head in POSITIONS:
        return True
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if singular in POSITIONS:
        return True
    return len(singular) > 5 and singular.endswith(AGENT_ENDINGS) and singular not in \
        NOT_POSITIONS


def role_like(roles: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(role, n) for role, n in roles if is_role(role)]
