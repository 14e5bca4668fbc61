"""The error catalogue: one class per failure, each with its own code, HTTP status and exit
status, and the CLI and the web answering every one of them from it."""

from __future__ import annotations

import ast
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import errors
from newsgraph.cli import main
from newsgraph.errors import (Exit, ExtraNotInstalledError, ModelCorruptError,
                              NewsgraphError, NotAStoreError, StoreCorruptError,
                              StoreLockedError, StoreNotFoundError, StoreReadOnlyError,
                              StoreTooNewError)
from newsgraph.store import Store
from newsgraph.store.connection import store_error
from test_store import hand_built_analysis

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
ARTICLE = "Officials in Ankara said on Monday that talks with Greece would resume."


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_every_error_class_is_in_the_catalogue_with_its_own_code():
    classes = errors.catalogue()
    assert all(cls.__module__ == "newsgraph.errors" for cls in classes)
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    # The framework's own 404 (no such route) shares NotFoundError's code, and only it.
    assert set(errors.HTTP_CODES.values()) & set(codes) == {"not_found"}
    for cls in classes:
        assert 400 <= cls.http_status <= 599 and isinstance(cls.exit_code, Exit), cls
        assert cls.__name__ in errors.__doc__ and f" {cls.code} " in errors.__doc__, cls


def test_no_module_but_errors_defines_an_exception_or_an_exit_code():
    exception_names = {cls.__name__ for cls in errors.catalogue()} | {
        "Exception", "ValueError", "LookupError", "KeyError", "RuntimeError"}
    for path, tree in _modules():
        if path.name == "errors.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", None)) for b in node.bases}
                assert not bases & exception_names, f"{path}: class {node.name}"
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                names += [e.id for t in node.targets if isinstance(t, ast.Tuple)
                          for e in t.elts if isinstance(e, ast.Name)]
                assert not [n for n in names if n.startswith("EXIT_")], path


def test_no_library_error_message_names_a_command_line_option():
    """Option names (`--published`) are the CLI's words: only commands/ may use them."""
    for path, tree in _modules():
        if path.parent.name == "commands" or path.name == "cli.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                text = ast.unparse(node.exc)
                assert "'--" not in text and '"--' not in text, f"{path}: {text}"


# Bad stores from the command line --------------------------------------------------------

@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "store.db"
    with Store(path) as store:
        store.add(hand_built_analysis())
    return path


def _bad_stores(good: Path, folder: Path) -> dict[str, tuple[Path, type[NewsgraphError]]]:
    junk = folder / "junk.db"
    junk.write_text("a text file, not SQLite\n" * 40)
    truncated = folder / "truncated.db"
    truncated.write_bytes(good.read_bytes()[:8192])
    directory = folder / "folder.db"
    directory.mkdir()
    return {"not sqlite": (junk, NotAStoreError),
            "truncated": (truncated, StoreCorruptError),
            "directory": (directory, NotAStoreError),
            "missing parent": (folder / "no" / "such" / "store.db", StoreNotFoundError)}


READERS = {"query": ["query", "actors", "--db"], "stories": ["stories", "--db"],
           "export": ["export", "--format", "jsonl", "--db"], "serve": ["serve", "--db"]}


@pytest.mark.parametrize("command", sorted(READERS))
def test_reading_commands_refuse_a_bad_store_in_one_line(command, good_store, tmp_path,
                                                         capsys):
    for case, (path, error) in _bad_stores(good_store, tmp_path).items():
        assert main([*READERS[command], str(path)]) == error.exit_code, (command, case)
        captured = capsys.readouterr()
        assert captured.out == "", case
        assert captured.err.count("\n") == 1 and captured.err.startswith("newsgraph: error: ")
        assert str(path) in captured.err, case


def test_ingest_refuses_a_bad_store_in_one_line(good_store, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    too_new = tmp_path / "new.db"
    shutil.copy(good_store, too_new)
    with sqlite3.connect(too_new) as conn:
        conn.execute("PRAGMA user_version = 999")
    cases = {case: found for case, found in _bad_stores(good_store, tmp_path).items()
             if case != "missing parent"}  # ingest creates the folders of a new store
    cases["parent is a file"] = (not_a_folder / "store.db", StoreNotFoundError)
    cases["too new"] = (too_new, StoreTooNewError)
    for case, (path, error) in cases.items():
        code = main(["ingest", str(tmp_path / "in"), "--db", str(path), "--progress", "never"])
        err = capsys.readouterr().err
        assert code == error.exit_code, (case, err)
        assert err.count("\n") == 1 and err.startswith("newsgraph: error: "), (case, err)
    assert "newer than this newsgraph" in err


def test_a_locked_store_is_a_store_error(tmp_path, capsys):
    from newsgraph.corpus.runner import writer_lock

    (tmp_path / "a.txt").write_text(ARTICLE)
    with writer_lock(tmp_path / "s.db"):
        assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db")]
                    ) == StoreLockedError.exit_code == Exit.STORE
    assert "another ingest" in capsys.readouterr().err


def test_a_read_only_store_is_read_but_not_written(good_store, tmp_path, capsys):
    store = tmp_path / "ro.db"
    shutil.copy(good_store, store)
    store.chmod(0o444)
    assert main(["query", "claims", "--db", str(store), "--format", "json"]) == Exit.OK
    assert "denied" in capsys.readouterr().out
    with Store(store, readonly=True) as reader:
        with pytest.raises(sqlite3.OperationalError) as raised:
            reader.conn.execute("DELETE FROM documents")
    assert isinstance(store_error(raised.value, store), StoreReadOnlyError)
    if os.geteuid() != 0:  # root writes to read-only files
        (tmp_path / "a.txt").write_text(ARTICLE)
        assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(store)]) == Exit.STORE
        assert "read-only" in capsys.readouterr().err


def test_a_bad_store_from_a_process_is_one_line_and_no_traceback(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a store\n" * 100)
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "query", "claims",
                             "--db", str(junk)], capture_output=True, text=True, timeout=120)
    assert result.returncode == NotAStoreError.exit_code == Exit.STORE
    assert result.stderr == f"newsgraph: error: {junk}: not a newsgraph store (not a SQLite " \
                            "file)\n"


# Models and extras -----------------------------------------------------------------------

def test_a_damaged_model_file_is_a_model_error(tmp_path):
    from newsgraph.stages.claims.scoring import read_crfsuite_model
    from newsgraph.stories.stance import StanceModel

    damaged = tmp_path / "model.bin"
    damaged.write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(ModelCorruptError, match="unreadable attribution model"):
        read_crfsuite_model(damaged)
    with pytest.raises(ModelCorruptError, match="stance model"):
        StanceModel.load(damaged)


def test_a_missing_extra_names_the_extra_and_its_install_command(good_store, tmp_path,
                                                                 monkeypatch, capsys):
    from newsgraph.corpus.engines import EngineOptions, RayEngine

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    with pytest.raises(ExtraNotInstalledError, match=r"pip install 'newsgraph\[ray\]'"):
        RayEngine(EngineOptions()).__enter__()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["export", "--db", str(good_store), "--format", "parquet", "-o",
                 str(tmp_path / "tables")]) == Exit.NOT_INSTALLED
    assert "newsgraph[parquet]" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve", "--db", str(good_store)]) == Exit.NOT_INSTALLED
    assert "pip install 'newsgraph[web]'" in capsys.readouterr().err


# The web ---------------------------------------------------------------------------------

def test_the_web_answers_each_error_with_its_catalogue_status(good_store, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(good_store)
    by_code = {cls.code: cls for cls in errors.catalogue()}

    def make(cls):
        return cls("parquet", "a test") if cls is ExtraNotInstalledError else cls("a test")

    @app.get("/api/fail/{code}")
    def fail(code: str):
        raise make(by_code[code])

    client = TestClient(app, raise_server_exceptions=False)
    for code, cls in by_code.items():
        response = client.get(f"/api/fail/{code}")
        assert response.status_code == cls.http_status, code
        assert response.json() == {"error": make(cls).as_record()}, code

    damaged = tmp_path / "damaged.db"
    shutil.copy(good_store, damaged)
    broken = create_app(damaged)
    damaged.write_bytes(damaged.read_bytes()[:8192])
    response = TestClient(broken).get("/api/claims")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == StoreCorruptError.code
    with pytest.raises(NotAStoreError):
        create_app(tmp_path)
