"""Build the compact actor and agent tables that ship in src/newsgraph/knowledge.

The PETRARCH-2 / Phoenix dictionaries (MIT, Open Event Data Alliance) live in
../shared/data/events/petrarch2/dictionaries and are development data: this script
distils what the entity stage needs at run time (named people and organisations with
their CAMEO country/sector codes, agent nouns with their sectors) into small tables
written by the project. Run it again only when the distillation rules change:

    .venv/bin/python tools/build_knowledge.py
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DICTIONARIES = ROOT.parent / "shared" / "data" / "events" / "petrarch2" / "dictionaries"
OUT = ROOT / "src" / "newsgraph" / "knowledge"

CODE_RE = re.compile(r"\[([A-Z~]{3,15})(?:\s+([<>]?\d{6}(?:-\d{6,7})?))?\]")


def phrase(raw: str) -> str:
    """PETRARCH writes phrases as WORD_WORD_ with a trailing connector marker."""
    text = raw.strip().strip("+").split("#", 1)[0].strip()
    text = re.sub(r"\(.*?\)", "", text)
    text = text.replace("_", " ").strip()
    return re.sub(r"\s+", " ", text)


def iter_blocks(path: Path):
    """Yield (names, codes) for each actor block of a TABARI-style actor file."""
    names: list[str] = []
    codes: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<"):
            if not stripped and names and codes:
                yield names, codes
                names, codes = [], []
            continue
        found = CODE_RE.findall(stripped)
        head = CODE_RE.sub("", stripped).split("#", 1)[0].strip()
        if head and not stripped.startswith("+") and not line.startswith(("\t", " ")):
            if names and codes:
                yield names, codes
            names, codes = [phrase(head)], []
        elif head.startswith("+"):
            names.append(phrase(head))
        for code, span in found:
            codes.append(f"{code.lstrip('~')}@{span}" if span else code.lstrip("~"))
    if names and codes:
        yield names, codes


def build_actors(dictionaries: Path) -> list[str]:
    rows: dict[str, str] = {}
    for filename in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt"):
        for names, codes in iter_blocks(dictionaries / filename):
            # A bare three-letter code is a state: states come from pycountry instead.
            if all(len(c.split("@")[0]) == 3 and c.split("@")[0] not in {"MED", "IGO", "NGO"}
                   for c in codes):
                continue
            canonical = names[0]
            if not canonical or len(canonical) < 2:
                continue
            for alias in names:
                key = alias.lower()
                # Lowercase one-word aliases ("official") are agents, not actors.
                if len(key) < 2 or key in rows:
                    continue
                rows[key] = f"{key}\t{canonical}\t{';'.join(codes)}"
    return sorted(rows.values())


def build_agents(dictionaries: Path) -> list[str]:
    rows: dict[str, str] = {}
    text = (dictionaries / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "!", "<")):
            continue
        match = re.match(r"^([^\[{#]+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]{3,9})\]", line.strip())
        if not match:
            continue
        singular, plurals, code = match.groups()
        forms = [singular] + (plurals.split() if plurals else [])
        for form in forms:
            key = phrase(form).lower()
            if key and "!" not in key and key not in rows:
                rows[key] = f"{key}\t{code[:3]}"
    return sorted(rows.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", type=Path, default=DICTIONARIES)
    args = parser.parse_args()
    actors = build_actors(args.dictionaries)
    with gzip.GzipFile(OUT / "actors.tsv.gz", "wb", mtime=0) as handle:
        handle.write(("\n".join(actors) + "\n").encode("utf-8"))
    agents = build_agents(args.dictionaries)
    (OUT / "agents.tsv").write_text("\n".join(agents) + "\n", encoding="utf-8")
    print(f"actors: {len(actors)} aliases; agents: {len(agents)} nouns")


if __name__ == "__main__":
    main()
