"""How close `stories build --window-days N` comes to the one-window stories, with and
without the join across window edges (newsgraph.dataset.edges).

    .venv/bin/python benchmarks/windows.py [--splits dev] [--window-days 7]
                                           [--dataset DIR] [--workers 1]

The corpus is benchmarks/crossstory.py's: PolNeAR articles of the splits with their
publisher and date (metadata.tsv) and the example article, ingested into a dataset
(`--dataset DIR` keeps it; an existing one is read as it is). The stories of one window
(row for row the store's) are the gold. Each window is computed twice: counting its own
documents only (as builds did before newsgraph.dataset.priors), and from the document
frequencies of the windows before (as the build does). The first is merged three times:
as the windows are (the edges cut), with the join on each window's own weights, and with
the join weighing words again by the windows merged so far; the second twice: the edges
cut, and joined (as the build does). Printed: stories, B-cubed precision, recall and F1
of the documents' stories against the gold, the gold stories whose documents fall in two
windows and how many of them the merge leaves split, the joins made, matched-claim
groups and cross-article links (which look within a story), the seconds of the merges;
and the gold's claim groups and links whose documents lie in two windows (what matching
claims across a joined story's parts could find at most). Figures go to docs/SCALE.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _crossstory():
    spec = importlib.util.spec_from_file_location("crossstory_benchmark",
                                                  ROOT / "crossstory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def members(rows: list[dict]) -> dict[str, str]:
    """document -> its story."""
    return {row["document"]: row["story"] for row in rows}


def bcubed(found: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of the gold's documents."""
    def groups(assignment):
        out: dict[str, set[str]] = {}
        for document, story in assignment.items():
            out.setdefault(story, set()).add(document)
        return out
    found_groups, gold_groups = groups(found), groups(gold)
    precision = recall = 0.0
    for document in gold:
        mine, theirs = found_groups[found[document]], gold_groups[gold[document]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def cut(found: dict[str, str], gold: dict[str, str], window: dict[str, int]) -> tuple[int, int]:
    """(gold stories with documents in two windows or more, those of them whose
    documents the merge leaves in more than one story)."""
    spanning = split = 0
    stories: dict[str, list[str]] = {}
    for document, story in gold.items():
        stories.setdefault(story, []).append(document)
    for documents in stories.values():
        if len({window[d] for d in documents}) > 1:
            spanning += 1
            split += len({found[d] for d in documents}) > 1
    return spanning, split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="dev", help="PolNeAR splits, e.g. train,dev")
    parser.add_argument("--window-days", type=int, default=7)
    parser.add_argument("--dataset", help="keep the dataset here (default: temporary)")
    parser.add_argument("--workers", type=int, default=1, help="ingest workers")
    args = parser.parse_args()

    from newsgraph.corpus import EngineOptions
    from newsgraph.dataset.duck import open_dataset
    from newsgraph.dataset.edges import Edges
    from newsgraph.dataset.ingest import ingest_dataset
    from newsgraph.dataset.priors import window_priors
    from newsgraph.dataset.stories_job import compute_window
    from newsgraph.dataset.windows import Merge, split

    with tempfile.TemporaryDirectory(prefix="newsgraph-windows-") as tmp:
        dataset = Path(args.dataset) if args.dataset else Path(tmp) / "data"
        if not (dataset / "_runs").is_dir():
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            count = _crossstory().build_corpus(corpus, 0, tuple(args.splits.split(",")))
            started = time.perf_counter()
            ingest_dataset([corpus], str(dataset), shard_size=16,
                           engine_options=EngineOptions(workers=args.workers))
            print(f"ingested {count} articles in {time.perf_counter() - started:.0f} s")
        with open_dataset(str(dataset)) as conn:
            documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                     ).fetchall()
        gold_tables = compute_window(str(dataset), [h for h, _ in documents])
        gold = members(gold_tables["story_documents"])
        windows = split(documents, args.window_days)
        window_of = {h: i for i, hashes in enumerate(windows) for h in hashes}
        own = [compute_window(str(dataset), hashes) for hashes in windows]
        started = time.perf_counter()
        with open_dataset(str(dataset)) as conn:
            priors = list(window_priors(conn, windows))
        counting = time.perf_counter() - started
        before = [compute_window(str(dataset), hashes, prior)
                  for hashes, prior in zip(windows, priors)]
        names = ["stories", "story_documents", "claim_groups", "claim_sources", "cross_links"]
        print(f"{len(documents)} documents, {args.window_days}-day windows: {len(windows)}; "
              f"the windows' prior counts in {counting:.2f} s")
        print(f"one window: {len(gold_tables['stories'])} stories, "
              f"{len(gold_tables['claim_sources'])} claims in "
              f"{len(gold_tables['claim_groups'])} claim groups, "
              f"{len(gold_tables['cross_links'])} cross-article links")
        groups: dict[str, set[int]] = {}
        gold_groups: dict[str, list[dict]] = {}
        for row in gold_tables["claim_sources"]:
            groups.setdefault(row["grp"], set()).add(window_of[row["document"]])
            gold_groups.setdefault(row["grp"], []).append(row)
        links = [r for r in gold_tables["cross_links"]
                 if window_of[r["from_document"]] != window_of[r["to_document"]]]
        print(f"one window, over an edge: {sum(len(w) > 1 for w in groups.values())} "
              f"claim groups, {len(links)} cross-article links")
        for label, computed, join, reweigh in (
                ("own counts, edges cut", own, False, False),
                ("own counts, edges joined, each window's weights", own, True, False),
                ("own counts, edges joined, weighed again", own, True, True),
                ("counted from the windows before, edges cut", before, False, False),
                ("counted from the windows before, edges joined (the build)", before, True,
                 False)):
            merge = Merge(join_edges=join, edges=Edges(reweigh=reweigh))
            started = time.perf_counter()
            for tables in computed:
                merge.add(tables)
            merged = merge.tables(names)
            seconds = time.perf_counter() - started
            found = members(merged["story_documents"])
            precision, recall, f1 = bcubed(found, gold)
            spanning, left_split = cut(found, gold, window_of)
            windowed = sum(len(t["stories"]) for t in computed)
            found_groups = {r["claim"]: r["grp"] for r in merged["claim_sources"]}
            claims_split = sum(len({found_groups[r["claim"]] for r in rows}) > 1
                               for group, rows in gold_groups.items() if len(groups[group]) > 1)
            same_groups = sum(r["grp"] == found_groups[r["claim"]] for r in
                              gold_tables["claim_sources"])
            print(f"{label}: {len(merged['stories'])} stories "
                  f"({windowed - len(merged['stories'])} joins), B-cubed P/R/F1 "
                  f"{precision:.3f}/{recall:.3f}/{f1:.3f}, gold stories over an edge "
                  f"{spanning}, left split {left_split}; "
                  f"{len(merged['claim_groups'])} claim groups (of those over an edge "
                  f"{claims_split} left split; {same_groups} claims in the gold's group), "
                  f"{len(merged['cross_links'])} cross-article links; merge {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
