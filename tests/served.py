"""`newsgraph serve` as a user starts it: a real server in a subprocess on a free port of
127.0.0.1, stopped when the test is done."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The line serve prints once it listens: "newsgraph: serving DB at http://127.0.0.1:PORT/".
LISTENING = re.compile(r"at (http://127\.0\.0\.1:(\d+))/")


@contextmanager
def served(*arguments: str, env: dict | None = None):
    """Runs `newsgraph serve ARGUMENTS --port 0`; yields (base URL, port) once it listens."""
    env = env or {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", *arguments,
                                "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        seen, match = [], None
        while match is None and len(seen) < 50:
            line = process.stderr.readline()
            if not line:
                break
            seen.append(line)
            match = LISTENING.search(line)
        assert match, f"serve did not start: {''.join(seen)!r}"
        yield match.group(1), int(match.group(2))
    finally:
        process.terminate()
        process.wait(timeout=10)
