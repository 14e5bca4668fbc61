"""Progress of analyze, ingest and rebuild on stderr: a tqdm bar per document with the
documents done of how many, the rate, the time elapsed and left, and the failures.

`--progress auto` shows it when stderr is a terminal, `always` and `never` as they say.
The bar redraws at most once a second, so a fast run spends no time drawing it.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

CHOICES = ("auto", "always", "never")
REDRAW_S = 1.0
# "analysed 120 of 840 documents |███▌      | 14% [00:21<02:07, 5.67 documents/s, 1 failed]"
# (the rate always per second: tqdm would turn a slow one into "1.23s/ documents")
WITH_TOTAL = ("{desc} {n_fmt} of {total_fmt} UNIT |{bar:20}| {percentage:3.0f}% "
              "[{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]")
WITHOUT_TOTAL = "{desc} {n_fmt} UNIT [{elapsed}, {rate_noinv_fmt}{postfix}]"


def wanted(choice: str, *, many: bool = True) -> bool:
    """Whether to show progress for --progress CHOICE (auto: stderr is a terminal and
    there is more than one document)."""
    return choice == "always" or (choice == "auto" and many and sys.stderr.isatty())


class Progress:
    """The bar. `total` (when known) adds "of N", the share done and the time left; `done`
    counts documents already done before this run (a resumed ingest), which the rate
    leaves out."""

    def __init__(self, enabled: bool, total: int | None = None, done: int = 0, *,
                 verb: str = "analysed", failures: bool = True, unit: str = "documents"):
        self.enabled = enabled
        self.failures = failures
        self.failed = 0
        self.bar = None
        if enabled:
            bar_format = WITH_TOTAL if total is not None else WITHOUT_TOTAL
            self.bar = tqdm(total=total, initial=done, desc=verb, unit=f" {unit}",
                            file=sys.stderr, mininterval=REDRAW_S, maxinterval=REDRAW_S,
                            bar_format=bar_format.replace("UNIT", unit),
                            dynamic_ncols=True, smoothing=0.1)
            self._postfix()

    @property
    def done(self) -> int:
        return self.bar.n if self.bar is not None else 0

    def update(self, count: int = 1, *, failed: int = 0) -> None:
        if self.bar is None:
            return
        if failed:
            self.failed += failed
            self._postfix()
        self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()  # draws the final state, then a new line

    def _postfix(self) -> None:
        if self.failures:
            self.bar.set_postfix_str(f"{self.failed} failed", refresh=False)
