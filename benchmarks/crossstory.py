"""Stories across outlets on a real store: the example article and a sample of PolNeAR
train articles (their publisher and date from metadata.tsv as outlet and published),
ingested with `newsgraph ingest`, then counted: stories, corroborated claims with their
independent sources, contradiction links across articles (a sample with both texts, for
a person to check) and the links that cross stories (must be 0). First, wire relays
read from the text (datelines, bylines, credits) against PolNeAR's `wire` metadata.

    .venv/bin/python benchmarks/crossstory.py [--articles 150] [--splits train[,dev]]
        [--db FILE [--rebuild]] [--samples 8]

The sample is the latest --articles articles of the splits (0: all of them) by
publication date, ingested oldest first (the order a newsroom would see them). Stories
are bounded by the clusterer's window (stories/window.py): the report prints the number
of stories, the largest, the distribution of their spans and how many are longer than
the window (must be 0). `--rebuild` reuses the store at --db (analysed once, e.g. all of
train+dev: minutes) and only recomputes its derived tables (`newsgraph rebuild`). The writer's own cost per article is timed
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


def build_corpus(folder: Path, articles: int, splits: tuple[str, ...] = ("train",)) -> int:
    """Copies of the latest `articles` articles of the splits (0: all) with their
    metadata as sidecars, and the example article; returns how many."""
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
        rows = [(r, POLNEAR / split / "text" / f"{r['filename']}.txt")
                for r in csv.DictReader(handle, delimiter="\t") for split in splits
                if (POLNEAR / split / "text" / f"{r['filename']}.txt").is_file()]
    rows.sort(key=lambda pair: (pair[0]["publication_date"], pair[0]["filename"]))
    chosen = rows[-articles:] if articles else rows
    for row, text in chosen:
        name = f"{row['publication_date']}_{row['filename']}"
        shutil.copy(text, folder / f"{name}.txt")
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
    parser.add_argument("--articles", type=int, default=150, help="0: all")
    parser.add_argument("--splits", default="train", help="PolNeAR splits, e.g. train,dev")
    parser.add_argument("--db", help="keep the store here (default: a temporary folder)")
    parser.add_argument("--rebuild", action="store_true",
                        help="the store at --db exists: rebuild its derived tables only")
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    splits = tuple(s for s in args.splits.split(",") if s)
    if not set(splits) <= {"train", "dev"}:
        parser.error("--splits: train and dev only (the test split is held out)")
    if args.rebuild and not (args.db and Path(args.db).is_file()):
        parser.error("--rebuild needs an existing store at --db")
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
        db = Path(args.db) if args.db else Path(tmp) / "stories.db"
        started = time.perf_counter()
        if args.rebuild:
            from newsgraph.store import Store
            from newsgraph.stories.store import rebuild

            with Store(db) as store:
                documents = rebuild(store)
            print(f"rebuilt the derived tables of {documents} stored articles in "
                  f"{time.perf_counter() - started:.0f} s")
        else:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            inputs = build_corpus(corpus, args.articles, splits)
            subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus),
                            "--db", str(db), "--progress", "never"], check=True,
                           env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
            print(f"ingested {inputs} articles in {time.perf_counter() - started:.0f} s")
        spans(db)
        report(db, args.samples)
        per_article, documents = writer_cost(db)
        print(f"stories writer alone: {per_article * 1000:.1f} ms per article "
              f"(rebuild from {documents} documents)")
    return 0


def spans(db: Path) -> None:
    """Stories against the window: their number, the largest, how long they last."""
    from newsgraph.store import Store
    from newsgraph.stories.window import GAP_DAYS, SPAN_DAYS

    with Store(db, readonly=True) as store:
        rows = store.conn.execute(
            "SELECT documents, CAST(julianday(last_date) - julianday(first_date) AS INTEGER) "
            "FROM stories ORDER BY documents DESC, position").fetchall()
    dated = [span for _, span in rows if span is not None]
    bins = [(0, 0), (1, 1), (2, 3), (4, 7), (8, SPAN_DAYS), (SPAN_DAYS + 1, None)]
    counts = ", ".join(
        f"{low}{'' if high == low else '+' if high is None else f'-{high}'} d: "
        f"{sum(low <= s and (high is None or s <= high) for s in dated)}" for low, high in bins)
    print(f"stories: {len(rows)}; largest: {rows[0][0] if rows else 0} articles; window: "
          f"gap {GAP_DAYS} days, span {SPAN_DAYS} days")
    print(f"spans of the {len(dated)} dated stories: {counts}; longest {max(dated, default=0)} "
          f"days; longer than the window: {sum(s > SPAN_DAYS for s in dated)}")


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
