"""Build src/newsgraph/knowledge/goldstein.tsv from GDELT's CAMEO Goldstein scale.

    python tools/build_goldstein.py ../shared/data/events/gdelt/CAMEO.goldsteinscale.txt \
        > src/newsgraph/knowledge/goldstein.tsv

Columns: CAMEO event code (2-4 digits), its Goldstein (1992) value in [-10, 10], as GDELT
publishes them (CAMEO.goldsteinscale.txt, the table GDELT's GoldsteinScale column uses).
"""

from __future__ import annotations

import sys
from pathlib import Path


def goldstein_rows(path: Path) -> list[tuple[str, float]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:  # header line
        code, value = line.split("\t")
        rows.append((code.strip(), float(value)))
    return sorted(rows)


def main(argv: list[str]) -> int:
    print("# CAMEO code\tGoldstein scale (GDELT's CAMEO.goldsteinscale.txt)")
    for code, value in goldstein_rows(Path(argv[1])):
        if not (code.isdigit() and -10 <= value <= 10):
            raise SystemExit(f"unexpected row: {code}\t{value}")
        print(f"{code}\t{value:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
