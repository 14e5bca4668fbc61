"""The web UI and HTTP API over a store or a Parquet dataset: `newsgraph serve --db FILE`,
`newsgraph serve --dataset DIR`.

Needs the `web` extra (FastAPI, uvicorn); importing this package imports neither, so the
rest of newsgraph works without them."""


def create_app(db=None, token=None, **options):
    from .app import create_app as make

    return make(db, token, **options)


__all__ = ["create_app"]
