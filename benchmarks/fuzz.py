"""A longer fuzz run over the input layer than the test suite's: generated texts, records,
metadata (dates) and file names, read as `newsgraph analyze` reads a folder. Prints the
cases run, the crashes (any exception but an InputError in its Outcome, or a document
that breaks the contract) and the hangs (a case over --hang seconds), with examples.

    .venv/bin/python benchmarks/fuzz.py [--cases 2000] [--seed 0] [--hang 10]

Exit status 1 when there was a crash or a hang.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import tempfile
import time
import traceback
from pathlib import Path

WORDS = ("Officials in Ankara said on Monday that talks with Greece would resume . “ ” "
         "' , 3 million $ 12 % Erdoğan according to").split()
ODD = ["\u2028", "\u0085", "\f", "\x1b[31m", "\x00", "\ud800", "\r", "\r\n", "\ufeff", "\x7f"]
FIELDS = ["text", "maintext", "body", "html", "title", "headline", "date", "date_publish",
          "pubDate", "url", "source", "source_domain", "source-hostname", "authors", "author",
          "language", "id", "fingerprint"]
DATE_SHAPES = ["%b %d, %Y %I:%M %p ET", "%d %B %Y GMT", "%a %b %d, %Y | %I:%M%p EST",
               "%m/%d/%Y", "%Y-%m-%dT%H:%M:%SZ", "Updated %B %d, %Y", "%Y-%m-%d"]


class Hang(Exception):
    pass


def random_text(rng: random.Random) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(0, 40))]
    for _ in range(rng.randint(0, 4)):
        parts.insert(rng.randint(0, len(parts)), rng.choice(ODD))
    if rng.random() < 0.3:
        parts.append("".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 20))))
    return " ".join(parts)


def random_date(rng: random.Random) -> str:
    import datetime as dt

    moment = dt.datetime(2000, 1, 1) + dt.timedelta(minutes=rng.randint(0, 14_000_000))
    value = moment.strftime(rng.choice(DATE_SHAPES))
    if rng.random() < 0.3:  # damage it
        cut = rng.randint(0, len(value))
        value = value[:cut] + random_text(rng)[:6] + value[cut:]
    return value


def random_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and roll < 0.25:
        return {random_text(rng)[:5]: random_value(rng, depth + 1) for _ in range(2)}
    if roll < 0.35:
        return rng.choice([None, True, 0, -1.5, 10**12])
    if roll < 0.5:
        return random_date(rng)
    return random_text(rng)


def random_record(rng: random.Random) -> dict:
    record = {rng.choice(FIELDS): random_value(rng) for _ in range(rng.randint(0, 8))}
    if rng.random() < 0.7:
        record["text"] = random_text(rng)
    return record


def write_case(rng: random.Random, folder: Path) -> None:
    kind = rng.choice(["text", "jsonl", "json", "name", "sidecar", "deep"])
    raw_name = os.fsencode("doc")
    if kind == "name":
        raw_name = bytes(rng.choice([b for b in range(1, 256) if b != 0x2F])
                         for _ in range(rng.randint(1, 20)))
    base = os.path.join(os.fsencode(folder), raw_name)
    if kind in ("text", "name", "sidecar"):
        data = random_text(rng).encode("utf-8", "surrogatepass")
        if rng.random() < 0.2:
            data = data.decode("utf-8", "ignore").encode(rng.choice(["utf-16-le", "latin-1"]),
                                                         "ignore")
        Path(os.fsdecode(base + b".txt")).write_bytes(data)
        if kind == "sidecar":
            Path(os.fsdecode(base + b".meta.json")).write_text(
                json.dumps({"published": random_date(rng), "outlet": random_value(rng)}))
    elif kind == "jsonl":
        lines = [json.dumps(random_record(rng), ensure_ascii=rng.random() < 0.5)
                 for _ in range(rng.randint(1, 5))]
        Path(os.fsdecode(base + b".jsonl")).write_text("\n".join(lines), "utf-8", "surrogatepass")
    elif kind == "json":
        Path(os.fsdecode(base + b".json")).write_text(
            json.dumps(random_record(rng)), "utf-8", "surrogatepass")
    else:
        depth = rng.choice([50, 100, 5000, 200_000])
        Path(os.fsdecode(base + b".json")).write_text(
            '{"text": "x", "extra": ' + "[" * depth + "]" * depth + "}")


def run_case(folder: Path, options) -> None:
    from newsgraph.contract import document_violations, violations
    from newsgraph.errors import InputError
    from newsgraph.inputs import iter_documents
    from newsgraph.pipeline import Outcome

    for item in iter_documents([folder], options):
        if isinstance(item, Outcome):
            if not isinstance(item.error, InputError):
                raise AssertionError(f"untyped error {item.error!r}")
            record = item.to_record()
            problems = violations(record)
        else:
            record = item.as_contract()
            problems = document_violations(record)
        if problems:
            raise AssertionError(f"contract: {problems[:3]}")
        json.dumps(record, ensure_ascii=False).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang", type=int, default=10, help="seconds before a case hangs")
    args = parser.parse_args()

    from newsgraph.inputs import InputOptions

    def on_alarm(signum, frame):
        raise Hang()

    signal.signal(signal.SIGALRM, on_alarm)
    rng = random.Random(args.seed)
    crashes, hangs = [], []
    started = time.perf_counter()
    for number in range(args.cases):
        with tempfile.TemporaryDirectory() as folder:
            write_case(rng, Path(folder))
            options = InputOptions(date_order=rng.choice(["MDY", "DMY"]),
                                   strict_dates=rng.random() < 0.2)
            signal.alarm(args.hang)
            try:
                run_case(Path(folder), options)
            except Hang:
                hangs.append(number)
            except Exception:  # a crash is what this run looks for
                crashes.append((number, traceback.format_exc(limit=3)))
            finally:
                signal.alarm(0)
    seconds = time.perf_counter() - started
    print(f"cases {args.cases}, crashes {len(crashes)}, hangs {len(hangs)} "
          f"({seconds:.1f} s, seed {args.seed})")
    for number, trace in crashes[:5]:
        print(f"--- crash in case {number}:\n{trace}")
    if hangs:
        print(f"hanging cases: {hangs[:20]}")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    raise SystemExit(main())
