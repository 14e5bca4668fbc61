"""Turning the PATH arguments of `newsgraph analyze` into documents, in input order.

Every problem with one document becomes an Outcome carrying a typed error, in the
place the document would have had, so a batch never loses track of an input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import DEFAULT_MAX_CHARS, Document, make_document
from ..errors import (DocumentTooLargeError, InputError, MalformedRecordError, UnreadableInputError,
                      UsageError)
from ..pipeline import Outcome
from .archives import FEED_SUFFIXES, WARC_SUFFIXES, feed_documents, warc_documents
from .decoding import decode_bytes
from .html import html_to_text

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl")
# Files of many articles: read whole (no per-article size check on the file).
COLLECTION_SUFFIXES = WARC_SUFFIXES + FEED_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
META_FIELDS = ("id", "title", "url", "outlet", "published", "language")
# Bytes per character are at most 4 in UTF-8; a file past this cannot fit max_chars.
_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class InputOptions:
    published: str | None = None
    outlet: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS


def is_document_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIX):
        return False
    return name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES + COLLECTION_SUFFIXES)


def check_paths(paths: list[str]) -> list[Path]:
    """Usage errors come before any work: a PATH that does not exist stops the run."""
    resolved = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or directory: {raw}")
        if path.is_file() and not is_document_file(path):
            raise UsageError(f"{raw}: not a .txt, .html, .htm, .json, .jsonl, .warc(.gz), "
                             ".rss or .atom file")
        resolved.append(path)
    return resolved


def iter_documents(paths: list[Path], options: InputOptions) -> Iterator[Document | Outcome]:
    for root in paths:
        if root.is_dir():
            yield from _walk(root, options)
        else:
            yield from _read_file(root, _strip_suffix(root.name), options)


def _walk(root: Path, options: InputOptions) -> Iterator[Document | Outcome]:
    found: list[tuple[str, Path]] = []
    errors: list[Outcome] = []

    def on_error(exc: OSError) -> None:
        name = Path(exc.filename or root).relative_to(root) if exc.filename else Path(".")
        errors.append(Outcome(str(name), error=UnreadableInputError(
            f"cannot read directory {exc.filename}: {exc.strerror}")))

    for directory, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        dirnames.sort()
        for filename in filenames:
            path = Path(directory) / filename
            if is_document_file(path):
                found.append((path.relative_to(root).as_posix(), path))
    yield from errors
    for relative, path in sorted(found):
        yield from _read_file(path, _strip_suffix(relative), options)


def _strip_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in COLLECTION_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _read_bytes(path: Path, options: InputOptions) -> bytes:
    try:
        size = path.stat().st_size
        limit = options.max_chars * _BYTES_PER_CHAR
        if size > limit and not path.name.lower().endswith(RECORD_SUFFIXES
                                                             + COLLECTION_SUFFIXES):
            raise DocumentTooLargeError(
                f"{path} is {size / 1e6:.1f} MB, over the limit for {options.max_chars:,} "
                "characters; split it or raise --max-chars")
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_file(path: Path, doc_id: str, options: InputOptions) -> Iterator[Document | Outcome]:
    suffix = path.suffix.lower()
    name = path.name.lower()
    if name.endswith(COLLECTION_SUFFIXES):
        yield from _read_collection(path, doc_id, options)
        return
    try:
        raw = _read_bytes(path, options)
        if suffix in RECORD_SUFFIXES:
            text = decode_bytes(raw)
        else:
            meta = _sidecar(path)
            yield _document_from_file(raw, suffix, doc_id, meta, options)
            return
    except InputError as exc:
        yield Outcome(doc_id, error=exc)
        return
    yield from _records(text, suffix, doc_id, options)


def _read_collection(path: Path, file_id: str, options: InputOptions
                     ) -> Iterator[Document | Outcome]:
    def build(text, meta: dict, default_id: str) -> Document:
        return _build(text, meta, default_id, options)

    if path.name.lower().endswith(WARC_SUFFIXES):
        yield from warc_documents(path, file_id, build)
        return
    try:
        raw = _read_bytes(path, options)
    except InputError as exc:
        yield Outcome(file_id, error=exc)
        return
    yield from feed_documents(raw, file_id, build)


def _sidecar(path: Path) -> dict:
    sidecar = path.with_name(_strip_suffix(path.name) + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(decode_bytes(sidecar.read_bytes()))
    except (OSError, ValueError) as exc:
        raise MalformedRecordError(f"sidecar {sidecar.name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise MalformedRecordError(f"sidecar {sidecar.name} must hold a JSON object")
    return {key: data[key] for key in META_FIELDS if key in data}


def _document_from_file(raw: bytes, suffix: str, doc_id: str, meta: dict,
                        options: InputOptions) -> Document:
    text = decode_bytes(raw)
    title = meta.get("title")
    if suffix in HTML_SUFFIXES:
        text, html_title = html_to_text(text)
        title = title or html_title
    return _build(text, {**meta, "title": title}, doc_id, options)


def _build(text, meta: dict, default_id: str, options: InputOptions) -> Document:
    return make_document(
        text,
        id=meta.get("id") or default_id,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet") or options.outlet,
        published=meta.get("published") or options.published,
        language=meta.get("language"),
        max_chars=options.max_chars,
    )


def _records(text: str, suffix: str, file_id: str, options: InputOptions
             ) -> Iterator[Document | Outcome]:
    if suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            record_id = f"{file_id}#{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Outcome(record_id, error=MalformedRecordError(
                    f"line {number} is not valid JSON: {exc}"))
                continue
            yield _record_document(record, record_id, options)
        return
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield Outcome(file_id, error=MalformedRecordError(f"not valid JSON: {exc}"))
        return
    if isinstance(data, dict):
        yield _record_document(data, file_id, options)
    elif isinstance(data, list):
        for number, record in enumerate(data, start=1):
            yield _record_document(record, f"{file_id}#{number}", options)
    else:
        yield Outcome(file_id, error=MalformedRecordError(
            "a .json input holds one record (an object) or an array of records"))


def _record_document(record, default_id: str, options: InputOptions) -> Document | Outcome:
    record_id = default_id
    try:
        if not isinstance(record, dict):
            raise MalformedRecordError("a record must be a JSON object")
        if record.get("id") is not None:
            record_id = str(record["id"])
        text, title = record.get("text"), record.get("title")
        if text is None and record.get("html") is not None:
            if not isinstance(record["html"], str):
                raise MalformedRecordError("the record's html must be a string")
            text, html_title = html_to_text(record["html"])
            title = title or html_title
        if text is None:
            raise MalformedRecordError("the record has neither text nor html")
        meta = {key: record.get(key) for key in META_FIELDS}
        meta["title"] = title
        return _build(text, meta, record_id, options)
    except InputError as exc:
        return Outcome(record_id, error=exc)
