"""`newsgraph stories --db FILE` (the stories of a store) and `newsgraph story ID --db
FILE` (one story: articles, sources and their independence, timeline, corroborated
claims, contradictions), as tables or JSON: a thin layer over the store's story list
(newsgraph.store.lists, as the web's) and newsgraph.stories.store's report."""

from __future__ import annotations

import json
import sys

from pathlib import Path

from ..errors import Exit, UsageError
from ..inputs.names import printable
from ..store.lists import SPECS
from ..progress import CHOICES, Progress, wanted
from . import existing_store, require_positive
from .query import (filter_options, output_options, read_page, reader, source_options, table,
                    write)


def add_parser(commands) -> None:
    listing = commands.add_parser("stories", help="stories of a store: title, span, "
                                  "articles, outlets; `stories build --dataset DIR` "
                                  "computes a dataset's")
    listing.add_argument("action", nargs="?", choices=["build"],
                         help="build: compute the cross-article tables of --dataset DIR")
    listing.add_argument("--engine", choices=["local", "ray"], default="local",
                         help="build: in this process (default) or as a Ray task")
    listing.add_argument("--address", help="build: Ray cluster address (default: a local "
                                           "instance)")
    listing.add_argument("--window-days", type=int, default=0, metavar="N",
                         help="build: cut the documents into windows of N days of "
                              "publication, computed in parallel (0, the default: one "
                              "window, the store's own tables; docs/SCALE.md)")
    listing.add_argument("--workers", type=int, default=1, metavar="N",
                         help="build: windows computed at once (local processes, or the "
                              "CPUs of a local Ray instance); default 1")
    listing.add_argument("--progress", choices=CHOICES, default="auto",
                         help="build: progress on stderr (auto: when stderr is a terminal)")
    output_options(listing, ["table", "json", "csv"], 20)
    filter_options(listing, SPECS["stories"])
    listing.add_argument("--sort", choices=list(SPECS["stories"].sorts), default="size",
                         help="most articles (size), latest report first (latest), or most "
                         "days from the first report to the last (span)")
    one = commands.add_parser("story", help="one story: timeline, sources and their "
                              "independence, corroborations, contradictions")
    one.add_argument("id", help="story id (S1, S2, ...), from `newsgraph stories`")
    source_options(one)
    one.add_argument("--format", choices=["table", "json"], default="table")
    one.add_argument("--limit", type=int, default=30,
                     help="timeline entries shown in the table (JSON has all)")


def run(args) -> int:
    from ..stories.store import story_report

    require_positive(args, "limit")
    if getattr(args, "action", None) == "build":
        return _build(args)
    if args.command == "stories" and (args.engine != "local" or args.address or
                                      args.window_days or args.workers != 1):
        raise UsageError("--engine, --address, --window-days and --workers are for "
                         "`stories build`")
    _require_derived(args)
    with reader(args) as conn:
        if args.command == "stories":
            write(read_page(conn, SPECS["stories"], args), SPECS["stories"],
                  args.format, sys.stdout)
            return Exit.OK
        result = story_report(conn, args.id)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        print(printable(story_text(result, args.limit)))  # a title, a claim: the input's
        if len(result["timeline"]) > args.limit:  # a cut list says so, as query's do
            sys.stderr.write(f"{args.limit} of {len(result['timeline'])} timeline entries; "
                             "--limit\n")
    return Exit.OK


def _require_derived(args) -> None:
    """Stories read from tables that are up to date, or not at all."""
    if args.dataset:
        from ..dataset.duck import open_parquet
        from ..dataset.stories_job import require_built

        if "://" in args.dataset or not (Path(args.dataset) / "documents.parquet").is_file():
            require_built(args.dataset)
        else:  # an export: its tables are the store's as they were exported
            open_parquet(args.dataset).close()
        return
    from ..store.derived import require_up_to_date
    from ..stories.store import DERIVED_WRITERS, open_store

    existing_store(args.db)
    with open_store(args.db, readonly=True) as store:
        # A store older than the record of derived versions has them out of date too.
        require_up_to_date(args.db, store.conn, DERIVED_WRITERS)


def _build(args) -> int:
    from ..dataset.stories_job import build_stories

    if not args.dataset:
        raise UsageError("stories build computes a dataset's stories (--dataset DIR); a "
                         "store's are kept as it ingests (newsgraph rebuild recomputes them)")
    require_positive(args, "workers")
    if args.window_days < 0:
        raise UsageError("--window-days must be 0 (one window) or more")
    bars: dict[str, Progress] = {}

    def progress(step: str, done: int, total: int) -> None:
        # A bar per pass: the windows' word counts, then the windows themselves.
        if step not in bars:
            for bar in bars.values():
                bar.close()
            verb = "counted" if step == "counting" else "built"
            bars[step] = Progress(wanted(args.progress, many=total > 1), total,
                                  verb=verb, failures=False, unit="windows")
        bars[step].update(done - bars[step].done)

    try:
        result = build_stories(args.dataset, engine=args.engine, address=args.address,
                               workers=args.workers, window_days=args.window_days,
                               progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    print(f"{args.dataset}: {result.documents} documents in {result.windows} windows, "
          f"{result.rows['stories']} stories, "
          f"{result.rows['actors']} actors, {result.rows['claim_groups']} claim groups, "
          f"{result.rows['cross_links']} contradictions across articles "
          f"({result.seconds:.1f} s)", file=sys.stderr)
    return Exit.OK


# Said as the story page says it: each contradiction's scope on its own row.
SCOPES = {"article": "within one article", "across articles": "between articles"}


def _item_text(item: dict) -> str:
    from ..stories.across import dated

    return f"{dated(item['outlet'], item['published'])}: {item['text'] or '(no content)'}"


def story_text(report: dict, limit: int) -> str:
    from ..stories.across import UNDATED, claim_line, dated, span_text

    story = report["story"]
    parts = [f"{story['id']}: {story['title']}",
             f"{span_text(story['first'], story['last'])}; {story['articles']} articles, "
             f"{story['outlets']} outlets", "", "Articles (stance towards: "
             f"{story['claim']!r})",
             table(["published", "outlet", "stance", "relays", "headline"],
                   [(a["published"] or UNDATED, a["outlet"], a["stance"],
                     ", ".join(a["relays"]) or "-", a["headline"])
                    for a in report["articles"]]),
             "", "Sources",
             table(["origin", "claims", "independent", "carried by"],
                   [(s["origin"], s["claims"], s["independent"], ", ".join(s["outlets"]))
                    for s in report["sources"]]),
             "", "Timeline"]
    rows = []
    for entry in report["timeline"][:limit]:
        if entry["kind"] == "event":
            rows.append((entry["date"] or UNDATED, "event", entry["outlet"],
                         f"{entry['type']} {entry['actor'] or ''}: {entry['trigger']}", "", ""))
        else:
            later = [dated(r["outlet"], r["date"]) for r in entry["repeated_by"]]
            denied = [dated(d["outlet"], d["published"]) for d in entry["denied_by"]]
            rows.append((entry["date"] or UNDATED, entry["kind"], entry["first"]["outlet"],
                         claim_line(entry["speaker"], entry["content"], entry.get("cue")),
                         f"{entry['sources']} src; " + ("; ".join(later) or "-"),
                         "; ".join(denied) or "-"))
    parts.append(table(["date", "kind", "first in", "what", "repeated by", "denied by"], rows))
    parts += ["", "Corroborated claims (reported by more than one article)",
              table(["sources", "origins", "claim", "chains"],
                    [(g["sources"], ", ".join(g["origins"]),
                      g["content"] or g.get("cue") or "(no content)",
                      " | ".join(" > ".join(r["chain"]) for r in
                                 [g["first"]] + g["repeated_by"]))
                     for g in report["corroborations"]]),
              "", "Contradictions",
              table(["scope", "from", "to", "reason"],
                    [(SCOPES.get(c["scope"], c["scope"]), _item_text(c["from"]),
                      _item_text(c["to"]), c["reason"]) for c in report["contradictions"]])]
    return "\n".join(parts)
