"""Plain-text helpers shared by stance, clustering, links and the store's writer: words,
a light stemmer, stop words, normalised names. Regex-based on purpose: headlines and
claim texts are short, and these run on texts that have no spaCy parse (a headline from
a feed, a claim's content span)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto about over under
after before than then that this these those there here it its it's is are was were be
been being am do does did done have has had having will would shall should can could
may might must not no nor so such too very just also only own same other more most some
any each few all both he she they them his her their our we us you your i me my mine
him hers theirs ours what which who whom whose when where why how up down out off again
further once while during until through against between because s t says said say
new news via
""".split())

# Endings, the longest that leaves a stem of at least three letters (so that "news" and
# "bus" survive). Crude on purpose: it only has to make "withdraws", "withdrawing" and
# "withdrawal" share a key inside one comparison. One regex: the lazy stem stops at the
# earliest place where an ending matches, which is the longest ending.
_ENDING = re.compile(r"^([a-z0-9']{3,}?)(ational|ations|ation|ments|ment|ingly|ings|ing|"
                     r"edly|ers|ies|ied|als|al|ed|er|es|ly|s)$")


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes normalised ("doesn’t" -> "doesn't")."""
    return list(_lowered_words(text))


def _lowered_words(text: str) -> Iterator[str]:
    return (m.group().lower().replace("’", "'") for m in WORD.finditer(text or ""))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    # Cached: the store's writer stems every article's lede and claims, mostly words it
    # has stemmed before.
    match = _ENDING.match(word)
    if match is None:
        return word
    base, ending = match.groups()
    return base + "y" if ending in ("ies", "ied") else base


def content_stems(text: str, limit: int | None = None) -> list[str]:
    """Stems of the words that carry content (no stop words, no single letters); the
    first `limit` of them, read no further than needed."""
    return list(islice((stem(w) for w in _lowered_words(text)
                        if w not in STOP_WORDS and len(w) > 1), limit))


def span_text(text: str, span) -> str:
    """text[start:end] for a contract span; "" for a missing or malformed one."""
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return ""
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        return ""
    return text[start:end]


def shorten(passage: str, limit: int = 70) -> str:
    passage = " ".join(passage.split())
    return passage if len(passage) <= limit else passage[: limit - 1].rstrip() + "…"


# "The White House" and "White House", "U.S." and "US" are one name.
LEADING_ARTICLE = re.compile(r"^(?:the)\s+")
NOT_NAME = re.compile(r"[^\w\s]")


def normalized_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    folded = NOT_NAME.sub("", folded.lower().replace("’", "'").replace("'s ", " "))
    return LEADING_ARTICLE.sub("", " ".join(folded.split()))
