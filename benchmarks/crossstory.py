"""Stories across outlets on a real store: the example article and a sample of PolNeAR
train articles (their publisher and date from metadata.tsv as outlet and published),
ingested with `newsgraph ingest`, then counted: stories, corroborated claims with their
independent sources, contradiction links across articles (a sample with both texts, for
a person to check) and the links that cross stories (must be 0). First, wire relays
read from the text (datelines, bylines, credits) against PolNeAR's `wire` metadata.

    .venv/bin/python benchmarks/crossstory.py [--articles 150] [--db FILE] [--samples 8]

The sample is the latest --articles train articles by publication date, ingested oldest
first (the order a newsroom would see them). The writer's own cost per article is timed
by rebuilding the store's derived tables from its documents (`newsgraph rebuild`'s
newsgraph.stories.store.rebuild, which replays every stored document through it).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear"
EXAMPLE = ROOT / "examples" / "syria-withdrawal"
RELAYING = "SELECT count(*) FROM story_documents WHERE relays != '[]'"


def build_corpus(folder: Path, articles: int) -> int:
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")
                if (POLNEAR / "train" / "text" / f"{r['filename']}.txt").is_file()]
    rows.sort(key=lambda r: (r["publication_date"], r["filename"]))
    chosen = rows[-articles:]
    for row in chosen:
        name = f"{row['publication_date']}_{row['filename']}"
        shutil.copy(POLNEAR / "train" / "text" / f"{row['filename']}.txt", folder / f"{name}.txt")
        (folder / f"{name}.meta.json").write_text(json.dumps(
            {"outlet": row["publisher"], "published": row["publication_date"],
             "title": row["title"] if row["title"] not in ("", "None") else None}))
    shutil.copy(EXAMPLE.with_suffix(".txt"), folder / "zz-example.txt")
    shutil.copy(EXAMPLE.with_suffix(".meta.json"), folder / "zz-example.meta.json")
    return len(chosen) + 1


def writer_cost(db: Path) -> tuple[float, int]:
    """Seconds per article of the stories writer: a copy of the store rebuilt, every
    stored document replayed through it."""
    from newsgraph.store import Store
    from newsgraph.stories.store import rebuild

    copy = db.with_name("replay.db")
    shutil.copy(db, copy)
    with Store(copy) as store:
        started = time.perf_counter()
        documents = rebuild(store)
        seconds = time.perf_counter() - started
    return seconds / max(documents, 1), documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--db", help="keep the store here (default: a temporary folder)")
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        print(f"{POLNEAR} is not available", file=sys.stderr)
        return 1
    from newsgraph.evaluation.wires import wire_scores

    for split in ("train", "dev"):
        wires = wire_scores(POLNEAR, split)
        print(f"wire relays read from the text vs PolNeAR {split} metadata: precision "
              f"{wires.precision:.3f}, recall {wires.recall:.3f} (tp {wires.tp}, fp {wires.fp}, "
              f"fn {wires.fn}, tn {wires.tn})")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        inputs = build_corpus(corpus, args.articles)
        db = Path(args.db) if args.db else Path(tmp) / "stories.db"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db",
                        str(db), "--progress", "never"], check=True,
                       env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        seconds = time.perf_counter() - started
        print(f"ingested {inputs} articles in {seconds:.0f} s")
        report(db, args.samples)
        per_article, documents = writer_cost(db)
        print(f"stories writer alone: {per_article * 1000:.1f} ms per article "
              f"(rebuild from {documents} documents)")
    return 0


def report(db: Path, samples: int) -> None:
    from newsgraph.store import Store
    from newsgraph.store.lists import SPECS, fetch

    with Store(db, readonly=True) as store:
        conn = store.conn
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        print(f"stories: {one('SELECT count(*) FROM stories')}, with 2+ articles: "
              f"{one('SELECT count(*) FROM stories WHERE documents > 1')}, with 2+ outlets: "
              f"{one('SELECT count(*) FROM stories WHERE outlets > 1')}")
        print("largest stories:")
        for story in fetch(conn, SPECS["stories"], {}, limit=5, count=False).rows:
            print(f"  {story['story']} {story['documents']} articles, {story['outlets']} outlets, "
                  f"{story['first']}..{story['last']}: {story['title'][:70]}")
        print(f"actors: {one('SELECT count(*) FROM actors')} for "
              f"{one('SELECT count(*) FROM entities')} entities; in 2+ articles: "
              f"{one('SELECT count(*) FROM actors WHERE documents > 1')}")
        print(f"claims: {one('SELECT count(*) FROM claim_sources')}; matched across articles: "
              f"{one('SELECT count(*) FROM claim_groups WHERE documents > 1')} claims "
              f"({one('SELECT sum(members) FROM claim_groups WHERE documents > 1') or 0} "
              f"reports), with 2+ independent sources: "
              f"{one('SELECT count(*) FROM claim_groups WHERE sources > 1')}; articles "
              f"relaying a wire: {one(RELAYING)}")
        for group in conn.execute(
                "SELECT g.id, g.sources, g.origins FROM claim_groups g WHERE g.documents > 1 "
                "ORDER BY g.documents DESC, g.sources DESC, g.id LIMIT ?", (samples,)):
            print(f"  corroborated ({group['sources']} independent: {group['origins']}):")
            for member in conn.execute(
                    "SELECT d.outlet, d.published, c.content_text, cs.chain, cs.independent "
                    "FROM claim_sources cs JOIN claims c ON c.key = cs.claim JOIN documents d "
                    "ON d.hash = cs.document WHERE cs.grp = ? ORDER BY cs.position",
                    (group["id"],)):
                print(f"    {member['published']} {member['outlet']}"
                      f"{'' if member['independent'] else ' (not independent)'}: "
                      f"{' '.join((member['content_text'] or '').split())[:110]!r} "
                      f"[{' > '.join(json.loads(member['chain']))}]")
        links = conn.execute("SELECT * FROM cross_links ORDER BY position").fetchall()
        print(f"contradiction links across articles: {len(links)}")
        for link in links[:samples]:
            print(f"  {link['reason']}")
            for end in ("from", "to"):
                row = conn.execute(
                    "SELECT d.outlet, d.published, coalesce(c.content_text, q.span_text) AS t "
                    "FROM documents d LEFT JOIN claims c ON c.key = ?1 LEFT JOIN quantities q "
                    "ON q.key = ?1 WHERE d.hash = ?2", (link[end], link[end].split("/")[0])
                ).fetchone()
                print(f"    {end}: {row['published']} {row['outlet']}: "
                      f"{' '.join((row['t'] or '').split())[:160]!r}")
        from newsgraph.stories import Article, StoryClusterer

        clusterer = StoryClusterer()
        in_memory = [clusterer.add(Article.from_analysis(a)).id for a in store.analyses()]
        in_store = [s for (s,) in conn.execute("SELECT story FROM story_documents "
                                               "ORDER BY position")]
        agree = sum(a == b for a, b in zip(in_memory, in_store))
        print(f"story of each article as the in-memory StoryClusterer gives it: "
              f"{agree}/{len(in_store)}")
        crossing = one("SELECT count(*) FROM cross_links l JOIN story_documents a "
                       "ON a.document = l.from_document JOIN story_documents b "
                       "ON b.document = l.to_document WHERE a.story != b.story")
        print(f"contradiction links between different stories: {crossing}")


if __name__ == "__main__":
    sys.exit(main())
