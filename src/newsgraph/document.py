"""The document as the pipeline receives it: text plus the contract's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import DocumentTooLargeError, EmptyDocumentError, InputError, UnparsableDateError

# spaCy's own default ceiling: the parser needs about 1 GB per 100,000 words beyond it.
DEFAULT_MAX_CHARS = 1_000_000


def normalize_published(value: object, date_order: str | None = None) -> str | None:
    """A publication date in any shape a site prints (inputs.dates) as YYYY-MM-DD;
    raises UnparsableDateError (an InputError) when it is not a date."""
    from .inputs.dates import DEFAULT_DATE_ORDER, parse_published

    return parse_published(value, date_order or DEFAULT_DATE_ORDER).date


def clean_text(text: str) -> str:
    """Normalise line endings and strip NULs; offsets are taken on the result."""
    return valid_unicode(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Text that UTF-8 can write: a lone surrogate (JSON's "\\ud800" reads as one) becomes
    U+FFFD, one character for one, so offsets do not move."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


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
    # Optional contract fields: written only when they hold something, so documents
    # without them keep the output (and the store hash) they always had.
    published_at: str | None = None
    authors: tuple[str, ...] = ()
    # Dicts: left out of hashing (a Document stays hashable) and of equality.
    warnings: tuple[dict, ...] = field(default=(), compare=False)

    def as_contract(self) -> dict:
        record = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }
        if self.published_at is not None:
            record["published_at"] = self.published_at
        if self.authors:
            record["authors"] = list(self.authors)
        if self.warnings:
            record["warnings"] = [dict(w) for w in self.warnings]
        return record


def make_document(
    text: str,
    *,
    id: str = "document",
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: object = None,
    language: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    authors: object = None,
    warnings: list[dict] | tuple[dict, ...] = (),
    extra: dict | None = None,
    date_order: str | None = None,
    strict_dates: bool = False,
) -> Document:
    """Validate and build a Document; raises a typed InputError for unusable input.

    `published` may be any date a site, feed or crawler prints (inputs.dates). One that
    cannot be read leaves the document undated with a `bad_date` warning, or raises
    UnparsableDateError with strict_dates."""
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
    from .inputs.dates import DEFAULT_DATE_ORDER, PublishedDate, parse_published

    warnings = list(warnings)
    try:
        date = parse_published(published, date_order or DEFAULT_DATE_ORDER)
    except UnparsableDateError as exc:
        if strict_dates:
            raise
        warnings.append(exc.as_record())
        date = PublishedDate()
    return Document(
        id=valid_unicode(str(id)),
        text=text,
        title=_optional_str(title, "title"),
        url=_optional_str(url, "url"),
        outlet=_optional_str(outlet, "outlet"),
        published=date.date,
        language=_optional_str(language, "language") or "en",
        extra=dict(extra or {}),
        published_at=date.moment,
        authors=_authors(authors),
        warnings=tuple(warnings),
    )


def _authors(value: object) -> tuple[str, ...]:
    """Authors as records give them: a list of names or one string ("A and B" stays one)."""
    if value is None:
        return ()
    names = value if isinstance(value, list) else [value]
    if not all(isinstance(name, str) for name in names):
        raise InputError("authors must be a string or a list of strings")
    return tuple(dict.fromkeys(valid_unicode(n.strip()) for n in names if n.strip()))


def _optional_str(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{name} must be a string, got {type(value).__name__}")
    return valid_unicode(value.strip()) or None
