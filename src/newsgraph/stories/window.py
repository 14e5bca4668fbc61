"""The time window of story clustering: which stories an article may join at all.

A story is a burst of reports, not a topic: without a bound on time, one article a week
about an election campaign chains every campaign article of a year into one "story".
So an article is compared only with the stories in its window:

- a dated article with a dated story: the article is at most `gap_days` from the story's
  nearest article (gaps bounded), and the story with it spans at most `span_days` from
  its first to its last article (spans bounded, whatever the gaps);
- an undated article, or an undated story: the story has one of the latest
  `recent_articles` articles (arrival order stands in for time).

The window is also what bounds the cost of assigning an article as the store grows: the
candidates are the stories of the window (found through the stories' dates and the
arrival positions), not every story that shares a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# A news story is told over days: the demo's eleven reports span five days, most of
# Emergent's rumours a day or two (its claims' median span is 0 days). Three days without
# a report ends a story; two weeks is the most a story may span.
GAP_DAYS = 3
SPAN_DAYS = 14
# Undated articles look back this many arrivals.
RECENT_ARTICLES = 2000


@dataclass(frozen=True)
class Window:
    gap_days: int = GAP_DAYS
    span_days: int = SPAN_DAYS
    recent_articles: int = RECENT_ARTICLES

    def date_range(self, day: date) -> tuple[str, str]:
        """The ISO dates a story's last article must fall between for a story to be in
        reach of an article of `day`: at most gap_days before it, and no later than a
        story that starts gap_days after it could last."""
        return ((day - timedelta(days=self.gap_days)).isoformat(),
                (day + timedelta(days=self.gap_days + self.span_days)).isoformat())

    def in_reach(self, published: str | None, first: str | None, last: str | None,
                 last_position: int, position: int) -> bool:
        """Whether an article (its date, its arrival `position`) may join a story (its
        first and last dates, the arrival position of its latest article)."""
        return self.days_in_reach(parse_day(published), parse_day(first), parse_day(last),
                                  last_position, position)

    def days_in_reach(self, day: date | None, start: date | None, end: date | None,
                      last_position: int, position: int) -> bool:
        """in_reach from the dates already parsed (None where there is none)."""
        if day is None or start is None or end is None:
            return position - last_position <= self.recent_articles
        gap = max((start - day).days, (day - end).days, 0)
        span = (max(end, day) - min(start, day)).days
        return gap <= self.gap_days and span <= self.span_days


def parse_day(value: str | None) -> date | None:
    """The date of an ISO date or timestamp; None for none or an unreadable one (the
    window then falls back on arrival order)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
