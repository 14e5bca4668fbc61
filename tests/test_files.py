"""Output files: `-o` gets the mode an ordinary write would (the umask, or the existing
file's), temporary files go on Ctrl-C and SIGTERM and a killed run's are removed by the
next write of the same target; the ingest writer lock holds across symlinked names."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsgraph.corpus.runner import writer_lock
from newsgraph.errors import StoreLockedError
from newsgraph.output import AtomicWriter, remove_stale_temporaries
from newsgraph.stories.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path, umask, expected):
    previous = os.umask(umask)
    try:
        with AtomicWriter(tmp_path / "out.jsonl") as stream:
            stream.write("{}\n")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "out.jsonl") == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    with AtomicWriter(target) as stream:
        stream.write("new\n")
    assert target.read_text() == "new\n" and _mode(target) == 0o640


def test_analyze_output_follows_the_umask(tmp_path):
    out = tmp_path / "analysis.json"
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o002); from newsgraph.cli import "
         "main; sys.exit(main(sys.argv[1:]))", "analyze",
         str(ROOT / "examples" / "syria-withdrawal.txt"), "-o", str(out)],
        env=_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert _mode(out) == 0o664 and '"claims"' in out.read_text(encoding="utf-8")


WRITER = textwrap.dedent("""
    import sys, time
    from newsgraph.output import AtomicWriter
    with AtomicWriter(sys.argv[1]) as stream:
        stream.write("partial\\n")
        stream.flush()
        print("writing", flush=True)
        time.sleep(60)
""")


def _as_a_terminals_job():
    """The writer as a shell's foreground job gets the signals: neither blocked nor
    ignored, whatever the test runner inherited (a blocked or ignored signal passes to a
    child: a runner started in the background ignores SIGINT)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 128 + signal.SIGTERM),
                                            (signal.SIGINT, -signal.SIGINT)])
def test_a_signal_removes_the_temporary_file(tmp_path, signum, status):
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_as_a_terminals_job)
    assert process.stdout.readline() == "writing\n"
    assert len(list(tmp_path.iterdir())) == 1  # the temporary file
    process.send_signal(signum)
    try:
        code = process.wait(timeout=30)  # SIGINT: Python dies of it after cleanup
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(f"the writer outlived signal {signum} by 30 s; its stderr: {stderr}")
    assert code == status
    assert list(tmp_path.iterdir()) == []


def test_a_killed_runs_temporary_file_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], env=_env(),
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "writing\n"
    process.kill()
    process.wait(timeout=30)
    (stale,) = tmp_path.iterdir()
    assert stale.name.startswith(f".out.jsonl.{process.pid}.")
    # A write in progress (a living process) is never touched, nor another target's.
    living = tmp_path / f".out.jsonl.{os.getppid()}.x.partial"
    other = tmp_path / f".other.jsonl.{process.pid}.x.partial"
    living.write_text("")
    other.write_text("")
    with AtomicWriter(target) as stream:
        stream.write("done\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [living.name, other.name, "out.jsonl"])
    assert remove_stale_temporaries(tmp_path / "other.jsonl") == [other]


def test_two_names_for_one_store_never_give_two_writers(tmp_path):
    real = tmp_path / "data" / "store.db"
    real.parent.mkdir()
    with open_store(real):
        pass
    link = tmp_path / "link.db"
    link.symlink_to(real)
    with writer_lock(real):
        with pytest.raises(StoreLockedError), writer_lock(link):
            pass
    with writer_lock(link):
        with pytest.raises(StoreLockedError), writer_lock(real):
            pass
    assert not (tmp_path / "link.db.lock").exists()
