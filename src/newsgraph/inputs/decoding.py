"""Bytes to text: UTF-8 first, other encodings detected, binary refused."""

from __future__ import annotations

import codecs

from ..errors import BinaryInputError, DecodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = {chr(c) for c in range(32) if c not in (9, 10, 12, 13)} | {"\x7f"}


def decode_bytes(raw: bytes) -> str:
    """Decode a document's bytes; raise BinaryInputError or DecodingError when it is not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodingError(f"byte-order mark says {encoding}, but: {exc}") from None
    if b"\x00" in raw[:8192]:
        encoding = _utf16_without_bom(raw)
        if encoding is not None:
            try:
                return _checked(raw.decode(encoding))
            except UnicodeDecodeError:
                pass
        raise BinaryInputError("the file holds NUL bytes: it is binary, not text")
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is None:
        raise BinaryInputError("no text encoding fits the bytes: the file looks binary")
    encoding = best.encoding
    if encoding in _SINGLE_BYTE_LATIN:
        # Detectors cannot tell the Latin code pages apart on short English text; news
        # that is not UTF-8 is overwhelmingly Windows-1252.
        encoding = "cp1252" if _decodes(raw, "cp1252") else "latin-1"
    try:
        return _checked(raw.decode(encoding))
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodingError(f"could not decode as {best.encoding}: {exc}") from None


_SINGLE_BYTE_LATIN = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2",
                      "iso8859_9", "iso8859_15", "iso8859_13", "iso8859_16", "mac_latin2",
                      "mac_roman", "cp850", "cp437"}


def _utf16_without_bom(raw: bytes) -> str | None:
    """utf-16-le or -be when the NULs of the start fall on one side of the byte pairs,
    as they do for text in Latin script saved as UTF-16 without a byte-order mark."""
    sample = raw[:8192]
    pairs = len(sample) // 2
    if len(raw) % 2 or pairs < 2:
        return None
    even, odd = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str) -> str:
    sample = text[:20000]
    if sample and sum(ch in _CONTROL for ch in sample) > 0.05 * len(sample):
        raise BinaryInputError("the file is mostly control characters: it is binary, not text")
    return text
