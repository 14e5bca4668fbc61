"""The trained models the package ships (data files, no code): the claim tagger's CRF
(attribution.crfsuite) and word-class centroids (token_clusters.npz), trained by
tools/train_attribution.py; the stance model (stance.npz), by tools/train_stance.py; the
event re-typer (event_typer.npz), by tools/train_event_typer.py. The `accurate` profile
adds a token head over the encoder (all-MiniLM-L6-v2, read from its installed PyPI
package by stages/claims/minilm.py; provenance and licence in docs/MODELS.md): the head
(attribution_head.npz) and its CRF (attribution_accurate.crfsuite), both trained by
tools/train_attribution_accurate.py."""
