"""Wire relays read from the text (stories/origins.py) against PolNeAR's metadata: its
`wire` column names the agency an article carries (AP, AFP, UPI, Reuters) or None."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..stories.origins import wire_relays

NO_WIRE = ("", "None", "NA")


@dataclass
class WireScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def wire_scores(polnear: Path, split: str = "train") -> WireScores:
    scores = WireScores()
    with open(polnear / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = polnear / split / "text" / f"{row['filename']}.txt"
            if not path.is_file():
                continue
            gold = row["wire"] not in NO_WIRE
            found = bool(wire_relays(path.read_text(encoding="utf-8"), row["publisher"]))
            if gold and found:
                scores.tp += 1
            elif found:
                scores.fp += 1
                scores.misses.append(f"false: {row['filename']}")
            elif gold:
                scores.fn += 1
                scores.misses.append(f"missed: {row['filename']} ({row['wire']})")
            else:
                scores.tn += 1
    return scores
