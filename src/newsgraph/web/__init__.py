"""The web UI and HTTP API over a store: `newsgraph serve --db FILE`.

Needs the `web` extra (FastAPI, uvicorn); importing this package imports neither, so the
rest of newsgraph works without them."""


def create_app(db, token=None, **options):
    from .app import create_app as make

    return make(db, token, **options)


__all__ = ["create_app"]
