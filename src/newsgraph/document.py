"""The document as the pipeline receives it: text plus the contract's metadata."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .errors import DocumentTooLargeError, EmptyDocumentError, InputError

# spaCy's own default ceiling: the parser needs about 1 GB per 100,000 words beyond it.
DEFAULT_MAX_CHARS = 1_000_000

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def normalize_published(value: object) -> str | None:
    """Accept ISO dates and datetimes; return YYYY-MM-DD or raise InputError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"published must be a YYYY-MM-DD string, got {type(value).__name__}")
    match = _DATE_RE.match(value.strip())
    if not match:
        raise InputError(f"published {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        day = _dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise InputError(f"published {value!r} is not a valid date: {exc}") from None
    return day.isoformat()


def clean_text(text: str) -> str:
    """Normalise line endings and strip NULs; offsets are taken on the result."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "en"
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def as_contract(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


def make_document(
    text: str,
    *,
    id: str = "document",
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Validate and build a Document; raises a typed InputError for unusable input."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}")
    text = clean_text(text)
    if not text.strip():
        raise EmptyDocumentError("the document has no text")
    if len(text) > max_chars:
        raise DocumentTooLargeError(
            f"the document has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise --max-chars"
        )
    return Document(
        id=str(id),
        text=text,
        title=_optional_str(title, "title"),
        url=_optional_str(url, "url"),
        outlet=_optional_str(outlet, "outlet"),
        published=normalize_published(published),
        language=_optional_str(language, "language") or "en",
    )


def _optional_str(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{name} must be a string, got {type(value).__name__}")
    return value.strip() or None
