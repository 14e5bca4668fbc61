"""Progress of analyze and ingest on stderr: one line, redrawn at most once a second, with
the documents done (of how many, when known), the rate, the time left and the failures.

`--progress auto` shows it when stderr is a terminal, `always` and `never` as they say.
"""

from __future__ import annotations

import sys
import time

CHOICES = ("auto", "always", "never")
REDRAW_S = 1.0


def wanted(choice: str, *, many: bool = True) -> bool:
    """Whether to show progress for --progress CHOICE (auto: stderr is a terminal and
    there is more than one document)."""
    return choice == "always" or (choice == "auto" and many and sys.stderr.isatty())


class Progress:
    """The progress line. `total` (when known) adds "of N" and the time left; `done`
    counts documents already done before this run (a resumed ingest)."""

    def __init__(self, enabled: bool, total: int | None = None, done: int = 0, *,
                 verb: str = "analysed", failures: bool = True):
        self.enabled = enabled
        self.failures = failures
        self.total = total
        self.verb = verb
        self.started = time.monotonic()
        self.last = 0.0
        self.first = self.done = done
        self.failed = 0

    def update(self, count: int = 1, *, failed: int = 0) -> None:
        self.done += count
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self.last >= REDRAW_S:
            self.last = now
            self._print(end="\r")

    def close(self) -> None:
        if self.enabled:
            self._print(end="\n")

    def _print(self, end: str) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = (self.done - self.first) / elapsed
        of = "" if self.total is None else f" of {self.total}"
        left = ""
        if self.total is not None and rate > 0:
            left = f", {_clock((self.total - self.done) / rate)} left"
        failed = f", {self.failed} failed" if self.failures else ""
        print(f"{self.verb} {self.done}{of} documents ({rate:.1f}/s{left}){failed}", end=end,
              file=sys.stderr, flush=True)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
