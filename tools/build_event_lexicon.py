"""Distil the event tables the events stage ships, from the shared PETRARCH-2 and PLOVER data.

    python tools/build_event_lexicon.py [SHARED_DIR]

Writes, under src/newsgraph/knowledge/:
- event_verbs.tsv: verb lemma -> CAMEO code (its own code in the CAMEO verb dictionary,
  else its block's), and verb + object/preposition word -> CAMEO code for the
  dictionary's simple patterns (`- * WORD [code]`). Multi-word verbs ("CARRY_OUT")
  become "carry_out". Codes PLOVER dropped (01 statements) are left out.
- cameo_plover.tsv: CAMEO code -> PLOVER type and mode (CAMEO2PLOVER-2021).
Both tables keep the MIT / CC BY-SA origin in their header.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "knowledge"
PREPOSITIONS = {"for", "of", "in", "on", "against", "with", "to", "into", "from", "about",
                "at", "by", "over", "toward", "towards", "off", "out", "up", "down"}
ARTICLES = {"a", "an", "the", "its", "his", "her", "their"}
CODE = re.compile(r"\[(-{3}|\d{2,4})\]")


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """PLOVER type and mode of a CAMEO code, falling back to shorter prefixes; APPEAL
    (02), which PLOVER folds into requests, becomes REQUEST."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    if code.startswith("02"):
        return ("REQUEST", "")
    return None


def read_plover_table(path: Path) -> dict[str, tuple[str, str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?", line)
        if match:
            code, kind, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
            table.setdefault(code, (kind, mode))
    return table


def verb_lemma(word: str) -> str:
    return word.lstrip("+").rstrip("_").lower()


def read_verbs(path: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    verbs: dict[str, str] = {}
    patterns: dict[tuple[str, str], str] = {}
    block_code, block_verbs = None, []
    in_verbs = False
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line.strip():
            continue
        if line.startswith("---"):
            match = CODE.search(line)
            block_code = match.group(1) if match else "---"
            block_verbs = []
            continue
        if line.startswith("-"):
            comment = raw.split("#", 1)[1].split(",")[0].strip() if "#" in raw else ""
            _pattern(line, [v for v in block_verbs if v == verb_lemma(comment)], patterns)
            continue
        word = line.split()[0]
        if not re.match(r"^\+?[A-Z][A-Z_\-]*$", word):
            continue
        match = CODE.search(line)
        code = match.group(1) if match else block_code
        lemma = verb_lemma(word)
        block_verbs.append(lemma)
        if code and code != "---":
            verbs.setdefault(lemma, code)
    return verbs, patterns


def _pattern(line: str, block_verbs: list[str], patterns: dict) -> None:
    """`- * WORD ... [code]` with nothing before the verb: the first content word after
    the verb, for the verb of the block the pattern's comment names."""
    match = CODE.search(line)
    if not match or match.group(1) == "---":
        return
    body = line[1:match.start()].strip()
    if not body.startswith("*"):
        return
    words = [w.strip("(){}").lower() for w in body[1:].split()]
    words = [w for w in words if w and not w.startswith("&") and w != "+"]
    content = [w for w in words if w not in PREPOSITIONS and w not in ARTICLES and w.isalpha()]
    if not content:
        return
    for verb in block_verbs:
        patterns.setdefault((verb, content[0]), match.group(1))


def main(shared: Path) -> None:
    events = shared / "data" / "events"
    table = read_plover_table(events / "plover" / "CAMEO2PLOVER-2021.txt")
    verbs, patterns = read_verbs(events / "petrarch2" / "dictionaries" / "CAMEO.2.0.txt")
    header = ("# Distilled by tools/build_event_lexicon.py from the PETRARCH-2 CAMEO verb "
              "dictionary\n# (openeventdata/petrarch2, MIT). kind, verb lemma, object word, "
              "CAMEO code\n")
    rows = []
    for lemma, code in sorted(verbs.items()):
        if plover_of(code, table):
            rows.append(f"verb\t{lemma}\t\t{code}")
    for (lemma, word), code in sorted(patterns.items()):
        if plover_of(code, table) and verbs.get(lemma) != code:
            rows.append(f"pattern\t{lemma}\t{word}\t{code}")
    (OUT / "event_verbs.tsv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    codes = sorted({c for c in verbs.values()} | set(patterns.values()) | set(table)
                   | {line.split("\t")[0] for line in _cameo_codes(events)})
    lines = []
    for code in codes:
        mapped = plover_of(code, table)
        if mapped:
            lines.append(f"{code}\t{mapped[0]}\t{mapped[1]}")
    (OUT / "cameo_plover.tsv").write_text(
        "# CAMEO code -> PLOVER type, mode: CAMEO2PLOVER-2021 (openeventdata/PLOVER, "
        "CC BY-SA 4.0),\n# by tools/build_event_lexicon.py\n" + "\n".join(lines) + "\n",
        encoding="utf-8")
    print(f"{len(rows)} verb rows, {len(lines)} CAMEO codes")


def _cameo_codes(events: Path) -> list[str]:
    path = events / "cameo" / "CAMEO.eventcodes.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if re.match(r"^\d{2,4}\t", line)]


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
