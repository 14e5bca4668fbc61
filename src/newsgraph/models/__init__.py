"""The trained models the package ships (data files, no code): the claim tagger's CRF
(attribution.crfsuite) and word-class centroids (token_clusters.npz), trained by
tools/train_attribution.py; the stance model (stance.npz), by tools/train_stance.py; the
event re-typer (event_typer.npz), by tools/train_event_typer.py."""
