"""The `accurate` attribution profile: its encoder, its place in the pipeline, the
contract and the store, and its errors. Scores on PolNeAR dev: benchmarks/attribution.py."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import EXAMPLE_TEXT, ROOT, checked_analyze
from reference_check import claim_problems


@pytest.fixture(scope="module")
def accurate_pipeline():
    from newsgraph import default_pipeline

    return default_pipeline("accurate")


@pytest.fixture(scope="module")
def accurate_example(accurate_pipeline):
    meta = json.loads((ROOT / "examples" / "syria-withdrawal.meta.json").read_text())
    return checked_analyze(EXAMPLE_TEXT.read_text(encoding="utf-8"), accurate_pipeline,
                           id=meta["id"], published=meta["published"], outlet=meta["outlet"])


def test_every_reference_claim_is_found_by_the_accurate_profile(accurate_example, reference):
    problems = [p for expected in reference["claims"]
                for p in claim_problems(accurate_example, expected)]
    assert problems == []


def test_the_profile_is_recorded_only_where_it_is_not_the_default(accurate_example,
                                                                  example_analysis):
    assert accurate_example["profile"] == "accurate"
    assert "profile" not in example_analysis  # fast output is what it was
    # The profiles differ in their claims only: the same entities, places, times.
    for field in ("entities", "places", "times"):
        assert accurate_example[field] == example_analysis[field]


def test_an_unknown_profile_is_a_configuration_error():
    from newsgraph import Pipeline
    from newsgraph.errors import PipelineConfigError

    with pytest.raises(PipelineConfigError, match="unknown profile 'precise'"):
        Pipeline(profile="precise")


def test_the_encoder_gives_every_token_a_vector_aligned_to_its_wordpieces(accurate_pipeline):
    encoder = accurate_pipeline.stages[1].tagger.encoder
    texts = ["The", "president", "said", "\n\n", "Erdoğan", "x" * 5000, "."]
    vectors = encoder.token_vectors(texts)
    assert vectors.shape == (len(texts), 384)
    assert not vectors[3].any()  # a whitespace token has no wordpiece
    assert all(vectors[i].any() for i in (0, 1, 2, 4, 5, 6))
    # A hostile "word" costs a bounded number of pieces; "erdogan" folds its accent.
    assert encoder.pieces.token("x" * 5000) == [encoder.pieces.unknown]
    assert len(encoder.pieces.token("a-" * 400)) <= 16
    assert encoder.pieces.token("Erdoğan") == encoder.pieces.token("erdogan")
    # Context changes a token's vector, and the same input gives the same vector.
    other = encoder.token_vectors(["A", "president", "resigned", "."])
    assert not np.allclose(vectors[1], other[1])
    assert np.array_equal(encoder.token_vectors(texts), vectors)


def test_long_articles_are_read_in_overlapping_windows(accurate_pipeline):
    from newsgraph.stages.claims.encoder import STRIDE, WINDOW

    encoder = accurate_pipeline.stages[1].tagger.encoder
    ids = [encoder.pieces.token(w)[0] for w in
           ("the minister said on tuesday that the talks would go on .".split() * 60)]
    assert len(ids) > 2 * WINDOW
    states = encoder.piece_states(ids)
    assert np.isfinite(states).all() and (np.abs(states).sum(axis=1) > 0).all()
    # A piece in the middle of the first window reads as it does alone in that window.
    alone = encoder._forward([encoder.pieces.cls] + ids[:WINDOW] + [encoder.pieces.sep])
    middle = STRIDE // 2
    assert np.allclose(states[middle], alone[1 + middle], atol=1e-5)


def test_missing_or_damaged_files_are_errors_naming_the_profile(monkeypatch, tmp_path):
    from newsgraph.errors import AccurateModelError
    from newsgraph.stages.claims import accurate, encoder

    monkeypatch.setattr(accurate, "ACCURATE_MODEL_FILE", "no-such-model.crfsuite")
    with pytest.raises(AccurateModelError, match="profile accurate.*missing"):
        accurate.AccurateTagger()
    monkeypatch.undo()
    monkeypatch.setattr(accurate, "HEAD_FILE", "no-such-head.npz")
    with pytest.raises(AccurateModelError, match="profile accurate.*missing"):
        accurate.load_head()
    monkeypatch.undo()

    from newsgraph.stages.claims import minilm

    monkeypatch.setattr(minilm, "DISTRIBUTION", "no-such-distribution")
    with pytest.raises(AccurateModelError, match="profile accurate.*missing.*--no-deps"):
        encoder.Encoder()
    monkeypatch.undo()
    monkeypatch.setattr(minilm, "VERSION", "0.0.1")
    with pytest.raises(AccurateModelError, match="profile accurate.*not 0.0.1"):
        encoder.Encoder()
    monkeypatch.undo()
    damaged = tmp_path / "model.zip"
    damaged.write_bytes(b"PK\x03\x04" + bytes(64))
    monkeypatch.setattr(minilm, "model_path", lambda: damaged)
    with pytest.raises(AccurateModelError, match="profile accurate.*unreadable"):
        encoder.Encoder()


def test_a_store_keeps_one_profile(tmp_path, accurate_example, example_analysis):
    from newsgraph.errors import ProfileMismatchError
    from newsgraph.stories.store import open_store

    with open_store(tmp_path / "fast.db") as store:
        assert store.profile is None
        assert store.add(example_analysis) == "ok"
        assert store.profile == "fast"
        with pytest.raises(ProfileMismatchError, match="fast profile, not accurate"):
            store.add(accurate_example)
        assert store.counts(("documents",))["documents"] == 1
    with open_store(tmp_path / "accurate.db") as store:
        assert store.add(accurate_example) == "ok"
        assert store.profile == "accurate"
        # The round trip keeps the analysis's own field.
        assert store.analysis(accurate_example["document"])["profile"] == "accurate"
    with open_store(tmp_path / "accurate.db") as store:  # read back from the file
        with pytest.raises(ProfileMismatchError):
            store.require_profile("fast")


def test_ingest_into_a_store_of_the_other_profile_stops_before_analysing(tmp_path, capsys,
                                                                         example_analysis):
    from newsgraph.cli import main
    from newsgraph.stories.store import open_store

    with open_store(tmp_path / "fast.db") as store:
        store.add(example_analysis)
    status = main(["ingest", str(EXAMPLE_TEXT), "--db", str(tmp_path / "fast.db"),
                   "--profile", "accurate", "--progress", "never"])
    assert status == 2
    assert "fast profile, not accurate" in capsys.readouterr().err
    with open_store(tmp_path / "fast.db") as store:
        assert store.counts(("documents",))["documents"] == 1


def test_analyze_cli_takes_the_profile(tmp_path, capsys):
    from newsgraph.cli import main

    assert main(["analyze", str(EXAMPLE_TEXT), "--profile", "accurate", "-o",
                 str(tmp_path / "a.json"), "--progress", "never"]) == 0
    analysis = json.loads((tmp_path / "a.json").read_text())
    assert analysis["profile"] == "accurate" and analysis["claims"]
