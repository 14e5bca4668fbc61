"""The trained models the package ships (data files, no code): the claim tagger's CRF
(attribution.crfsuite) and word-class centroids (token_clusters.npz), trained by
tools/train_attribution.py; the stance model (stance.npz), by tools/train_stance.py; the
event re-typer (event_typer.npz), by tools/train_event_typer.py. The `accurate` profile
adds the encoder (attribution_encoder.npz: the first layers of all-MiniLM-L6-v2 as int8,
tools/build_encoder.py; provenance and licence in docs/MODELS.md), its token head
(attribution_head.npz) and its CRF (attribution_accurate.crfsuite), both trained by
tools/train_attribution_accurate.py."""
