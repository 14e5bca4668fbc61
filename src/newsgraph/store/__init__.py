"""The newsgraph store: analyses in one SQLite file, queries over it, exports from it."""

from .ids import document_hash, item_key
from .store import SKIP_CODES, Store

__all__ = ["Store", "document_hash", "item_key", "SKIP_CODES"]
