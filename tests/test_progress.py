"""Progress on stderr (issue 19): a tqdm bar with the total, rate and time left, drawn only
when asked or when stderr is a terminal, advancing per document in ingest too (not by
whole shards)."""

from __future__ import annotations

import pytest

from newsgraph.corpus import EngineOptions, ingest
from newsgraph.progress import Progress, wanted

ARTICLES = [
    "WASHINGTON - The mayor said on Monday that the city would open three new schools.",
    "LONDON - The central bank raised its main rate to 4 percent, officials said.",
    "PARIS - Farmers blocked roads near the capital, police said on Tuesday.",
]


def test_the_bar_gives_total_share_rate_time_left_and_failures(capsys):
    bar = Progress(True, 4, verb="analysed")
    for number in range(4):
        bar.update(failed=1 if number == 2 else 0)
    bar.close()
    err = capsys.readouterr().err
    final = err.split("\r")[-1]
    assert final.startswith("analysed 4 of 4 documents |")
    assert "100%" in final and "documents/s" in final and "<00:00" in final
    assert final.endswith(", 1 failed]\n")
    assert bar.done == 4


def test_without_a_total_it_counts_and_a_disabled_bar_says_nothing(capsys):
    bar = Progress(True, None, verb="analysed", failures=False)
    bar.update(2)
    bar.close()
    final = capsys.readouterr().err.split("\r")[-1]
    assert final.startswith("analysed 2 documents [") and "documents/s" in final
    quiet = Progress(False, 10)
    quiet.update(3)
    quiet.close()
    assert capsys.readouterr().err == ""
    assert wanted("always") and not wanted("never")
    assert not wanted("auto", many=False)


class Recorder:
    """A progress factory for ingest() that keeps every step."""

    def __init__(self):
        self.steps: list[int] = []
        self.total = self.initial = None

    def __call__(self, total, initial):
        self.total, self.initial = total, initial
        return self

    def update(self, count: int = 1, **_) -> None:
        if count:
            self.steps.append(count)

    def close(self) -> None:
        pass


def _corpus(folder):
    folder.mkdir()
    for number, text in enumerate(ARTICLES):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    return folder


def test_ingest_advances_per_document_within_a_shard(tmp_path):
    corpus = _corpus(tmp_path / "in")
    recorder = Recorder()
    ingest([corpus], tmp_path / "s.db", shard_size=16, progress=recorder)
    assert (recorder.total, recorder.initial) == (3, 0)
    assert recorder.steps == [1, 1, 1]  # one shard of three, one step per document
    again = Recorder()
    ingest([corpus], tmp_path / "s.db", shard_size=16, progress=again)
    assert (again.steps, again.initial) == ([], 3)  # the run is complete: counted as done


@pytest.mark.slow  # two worker processes, each loading the model
def test_pool_workers_report_each_document(tmp_path):
    corpus = _corpus(tmp_path / "in")
    recorder = Recorder()
    ingest([corpus], tmp_path / "s.db", shard_size=16, progress=recorder,
           engine_options=EngineOptions(workers=2))
    assert recorder.steps == [1, 1, 1]
