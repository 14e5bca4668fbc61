"""Train the shipped stance model (src/newsgraph/models/stance.npz) on all of Emergent.

    PYTHONPATH=src .venv/bin/python tools/train_stance.py

The cross-validated figures are benchmarks/stance.py's; this only fits the final model.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMERGENT = (ROOT.parent / "shared" / "data" / "stance" / "emergent"
            / "url-versions-2015-06-14-clean.csv")


def main() -> int:
    from newsgraph.evaluation.stance import load_pairs
    from newsgraph.stories.stance import MODEL_PATH, StanceModel

    pairs = load_pairs(EMERGENT)
    model = StanceModel.train([p.claim for p in pairs], [p.headline for p in pairs],
                              [p.stance for p in pairs])
    model.save(MODEL_PATH)
    print(f"{MODEL_PATH}: {len(model.vocabulary)} features, "
          f"{MODEL_PATH.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
