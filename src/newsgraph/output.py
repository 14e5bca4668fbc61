"""Writing analyses: one JSON line each, or indented JSON; byte-identical for the same input."""

from __future__ import annotations

import glob
import json
import os
import re
import signal
import stat
import tempfile
import threading
from pathlib import Path

TEMP_SUFFIX = ".partial"


def to_jsonl(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_json(record) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


class AtomicWriter:
    """Write to a temporary file beside the target and rename it into place on success,
    so an interrupted run never leaves a truncated file under the final name.

    The file gets the mode an ordinary write would give it: an existing target's own, a
    new one 0666 less the umask (a temporary file alone would be 0600). The temporary file
    is removed on an exception, Ctrl-C and SIGTERM; one left by a run killed outright
    (kill -9) carries its process id, and the next write of the same target removes it."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.path)
        handle, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.",
                                             suffix=TEMP_SUFFIX, dir=self.path.parent)
        os.fchmod(handle, _ordinary_mode(self.path))
        self.stream = os.fdopen(handle, "w", encoding="utf-8")
        self._previous_term = None

    def __enter__(self):
        self._previous_term = _exit_on_sigterm()
        return self.stream

    def __exit__(self, exc_type, exc, tb):
        try:
            self.stream.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        finally:
            _remove(self._tmp)  # gone already when it was renamed into place
            if self._previous_term is not None:
                signal.signal(signal.SIGTERM, self._previous_term)
        return False


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of writes of `path` whose process is gone."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.[^/]*" +
                         re.escape(TEMP_SUFFIX) + r"\Z")
    removed = []
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        match = pattern.match(candidate.name)
        if match and not _alive(int(match.group(1))):
            _remove(candidate)
            removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _remove(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _ordinary_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it (setting it to
    read it would race other threads' file creation)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exit_on_sigterm():
    """SIGTERM as SystemExit while a write is open (in the main thread, where signals are
    handled, and only over the default handler), so the temporary file is removed on the
    way out; returns the handler to restore, or None where none was installed."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminate)
