"""The Ray engine runs the same shard function as the local pool: same store."""

from __future__ import annotations

import shutil

import pytest

from conftest import POLNEAR_DEV, shared_path
from newsgraph.corpus import EngineOptions, ingest
from test_store import dump

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


def test_ray_and_the_local_pool_build_the_same_store(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = sorted(shared_path(POLNEAR_DEV / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    for index, path in enumerate(texts[:4]):
        shutil.copy(path, corpus / f"a{index}.txt")
    (corpus / "b-empty.txt").write_text("")
    options = EngineOptions(workers=2, max_tasks=2)  # workers renewed mid-run, too
    pool = ingest([corpus], tmp_path / "pool.db", engine="local", engine_options=options,
                  shard_size=2)
    with_ray = ingest([corpus], tmp_path / "ray.db", engine="ray", engine_options=options,
                      shard_size=2)
    assert pool.counts == with_ray.counts == {"ok": 4, "skipped": 1}
    assert dump(tmp_path / "ray.db") == dump(tmp_path / "pool.db")
    assert not ray.is_initialized()  # the engine shut down the instance it started
