"""How many of the store's claims use each word (`claim_df`): the rarities by which
claims are matched across articles (stories/claims.py)."""

from __future__ import annotations

import sqlite3

from ..claims import NEGATED, ClaimFacts, claim_weights


def count_claim_words(conn: sqlite3.Connection, facts: list[ClaimFacts]) -> None:
    """Add an article's claims to the claim word counts (before they are compared)."""
    conn.executemany("INSERT INTO claim_df (term, n) VALUES (?, 1) ON CONFLICT(term) DO "
                     "UPDATE SET n = n + 1",
                     [(s,) for f in facts for s in sorted(f.stems) if s != NEGATED])


class ClaimWordCounts:
    """The counts of the words an article's comparisons need, read once per article;
    `weights` turns them into rarities for the store's claim count at the time (it grows
    while the article's own claims are written)."""

    def __init__(self, conn: sqlite3.Connection, stems: set[str]):
        self.conn = conn
        wanted = sorted(s for s in stems if s != NEGATED)
        self.df = dict.fromkeys(wanted, 0)
        for at in range(0, len(wanted), 400):
            chunk = wanted[at:at + 400]
            self.df.update(conn.execute(f"SELECT term, n FROM claim_df WHERE term IN "
                                        f"({','.join('?' * len(chunk))})", chunk))

    def weights(self) -> dict[str, float]:
        total = self.conn.execute("SELECT coalesce(max(position), 0) FROM claim_sources"
                                  ).fetchone()[0]
        return claim_weights(self.df, total)
