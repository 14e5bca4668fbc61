"""Turning the PATH arguments of `newsgraph analyze` into documents, in input order.

Every problem with one document becomes an Outcome carrying a typed error, in the
place the document would have had, so a batch never loses track of an input: FIFOs,
sockets and devices are skipped unopened, names that are not UTF-8 give escaped ids,
and two inputs that would share an id (a.json and a.jsonl) keep their suffixes.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import DEFAULT_MAX_CHARS, Document, make_document, valid_unicode
from ..errors import (DocumentTooLargeError, InputError, MalformedRecordError, NotAFileError,
                      UnreadableInputError, UsageError)
from ..pipeline import Outcome
from .archives import FEED_SUFFIXES, WARC_SUFFIXES, feed_documents, warc_documents
from .dates import DEFAULT_DATE_ORDER
from .decoding import decode_bytes
from .html import read_html
from .names import NamePattern, safe_name
from .records import json_lines, load_json, record_fields, trafilatura_xml

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl", ".xml")
# Files of many articles: read whole (no per-article size check on the file).
COLLECTION_SUFFIXES = WARC_SUFFIXES + FEED_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
# What a sidecar may give (by the record mapping: "date" or "date_publish" is published).
META_FIELDS = ("id", "title", "url", "outlet", "published", "language", "authors")
# Bytes per character are at most 4 in UTF-8; a file past this cannot fit max_chars.
_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class InputOptions:
    published: str | None = None
    outlet: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    date_order: str = DEFAULT_DATE_ORDER
    strict_dates: bool = False  # an unreadable date fails its document instead of a warning
    name_pattern: NamePattern | None = None


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
            raise UsageError(f"no such file or directory: {safe_name(raw)}")
        if path.is_file() and not is_document_file(path):
            raise UsageError(f"{safe_name(raw)}: not a .txt, .html, .htm, .json, .jsonl, "
                             ".xml, .warc(.gz), .rss or .atom file")
        resolved.append(path)
    return resolved


def iter_documents(paths: list[Path], options: InputOptions) -> Iterator[Document | Outcome]:
    ids = _Ids()
    for root in paths:
        if root.is_dir():
            yield from _walk(root, options, ids)
        else:
            name = safe_name(root.name)
            yield from _read_file(root, ids.claim(_strip_suffix(name), name), options)


class _Ids:
    """File ids handed out so far: a later input whose id is taken keeps its suffix
    (x.warc.gz after x.warc), then a counter; no two inputs share an id."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, wanted: str, full_name: str) -> str:
        choice = wanted if wanted not in self.taken else full_name
        number = 1
        while choice in self.taken:
            number += 1
            choice = f"{full_name}~{number}"
        self.taken.add(choice)
        return choice


def _walk(root: Path, options: InputOptions, ids: _Ids) -> Iterator[Document | Outcome]:
    found: list[tuple[str, Path]] = []
    errors: list[Outcome] = []

    def on_error(exc: OSError) -> None:
        name = Path(exc.filename).relative_to(root) if exc.filename else Path(".")
        errors.append(Outcome(safe_name(str(name)), error=UnreadableInputError(
            f"cannot read directory {safe_name(str(exc.filename))}: {exc.strerror}")))

    for directory, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        dirnames.sort()
        for filename in filenames:
            path = Path(directory) / filename
            if is_document_file(path):
                found.append((safe_name(path.relative_to(root).as_posix()), path))
    yield from errors
    found.sort()
    # Inputs that differ only in suffix (a.json, a.jsonl) are all named in full.
    stems = Counter(_strip_suffix(relative) for relative, _ in found)
    for relative, path in found:
        stem = _strip_suffix(relative)
        file_id = ids.claim(stem if stems[stem] == 1 else relative, relative)
        yield from _read_file(path, file_id, options)


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
        raise UnreadableInputError(f"cannot read {safe_name(str(path))}: "
                                   f"{exc.strerror or exc}") from None


def _special_file(path: Path) -> str | None:
    """What a path is when it is no regular file (a FIFO would block the run on open);
    None for a regular file or a dangling link, which reading reports as unreadable."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "directory")):
        if test(mode):
            return kind
    return "special file"


def _read_file(path: Path, doc_id: str, options: InputOptions) -> Iterator[Document | Outcome]:
    kind = _special_file(path)
    if kind is not None:
        yield Outcome(doc_id, error=NotAFileError(
            f"{safe_name(str(path))} is a {kind}, not a regular file: skipped unopened"))
        return
    name = path.name.lower()
    suffix = path.suffix.lower()
    context = _FileContext(options, _name_defaults(path, options))
    if name.endswith(COLLECTION_SUFFIXES):
        yield from _read_collection(path, doc_id, context)
        return
    try:
        raw = _read_bytes(path, options)
        if suffix == ".xml":
            yield _record_document(trafilatura_xml(raw), doc_id, context)
            return
        if suffix in RECORD_SUFFIXES:
            text = decode_bytes(raw)
        else:
            meta = _sidecar(path)
            yield _document_from_file(raw, suffix, doc_id, meta, context)
            return
    except InputError as exc:
        yield Outcome(doc_id, error=exc)
        return
    yield from _records(text, suffix, doc_id, context)


@dataclass(frozen=True)
class _FileContext:
    """The options, and what the file's name says (--name-pattern), for its documents."""

    options: InputOptions
    defaults: dict

    def build(self, text, meta: dict, default_id: str) -> Document:
        """A document from its own metadata, else the name's, else the options'."""
        def pick(key: str, fallback=None):
            return meta.get(key) or self.defaults.get(key) or fallback

        options = self.options
        return make_document(
            text,
            id=pick("id", default_id),
            title=pick("title"),
            url=meta.get("url"),
            outlet=pick("outlet", options.outlet),
            published=pick("published", options.published),
            language=pick("language"),
            authors=meta.get("authors"),
            warnings=self.defaults.get("warnings", ()),
            extra=meta.get("extra"),
            max_chars=options.max_chars,
            date_order=options.date_order,
            strict_dates=options.strict_dates,
        )


def _name_defaults(path: Path, options: InputOptions) -> dict:
    if options.name_pattern is None:
        return {}
    try:
        return options.name_pattern.metadata(_strip_suffix(safe_name(path.name)))
    except ValueError as exc:
        return {"warnings": ({"code": "name_pattern", "message": str(exc)},)}


def _read_collection(path: Path, file_id: str, context: _FileContext
                     ) -> Iterator[Document | Outcome]:
    if path.name.lower().endswith(WARC_SUFFIXES):
        yield from warc_documents(path, file_id, context.build)
        return
    try:
        raw = _read_bytes(path, context.options)
    except InputError as exc:
        yield Outcome(file_id, error=exc)
        return
    yield from feed_documents(raw, file_id, context.build)


def _sidecar(path: Path) -> dict:
    sidecar = path.with_name(_strip_suffix(path.name) + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    shown = safe_name(sidecar.name)
    try:
        data = load_json(decode_bytes(sidecar.read_bytes()), f"sidecar {shown}")
    except OSError as exc:
        raise UnreadableInputError(f"cannot read sidecar {shown}: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise MalformedRecordError(f"sidecar {shown} must hold a JSON object")
    fields, _ = record_fields(data)
    return {key: fields[key] for key in META_FIELDS if key in fields}


def _document_from_file(raw: bytes, suffix: str, doc_id: str, meta: dict,
                        context: _FileContext) -> Document:
    text = decode_bytes(raw)
    if suffix in HTML_SUFFIXES:
        text, page = read_html(text)
        meta = {**page, **{key: value for key, value in meta.items() if value}}
    return context.build(text, meta, doc_id)


def _records(text: str, suffix: str, file_id: str, context: _FileContext
             ) -> Iterator[Document | Outcome]:
    if suffix == ".jsonl":
        for number, line in json_lines(text):
            record_id = f"{file_id}#{number}"
            try:
                record = load_json(line, f"line {number}")
            except InputError as exc:
                yield Outcome(record_id, error=exc)
                continue
            yield _record_document(record, record_id, context)
        return
    try:
        data = load_json(text)
    except InputError as exc:
        yield Outcome(file_id, error=exc)
        return
    if isinstance(data, dict):
        yield _record_document(data, file_id, context)
    elif isinstance(data, list):
        for number, record in enumerate(data, start=1):
            yield _record_document(record, f"{file_id}#{number}", context)
    else:
        yield Outcome(file_id, error=MalformedRecordError(
            "a .json input holds one record (an object) or an array of records"))


def _record_document(record, default_id: str, context: _FileContext) -> Document | Outcome:
    record_id = default_id
    try:
        if not isinstance(record, dict):
            raise MalformedRecordError("a record must be a JSON object")
        fields, extra = record_fields(record)
        if fields.get("id") is not None:
            record_id = valid_unicode(str(fields["id"]))
        text = fields.get("text")
        if text is None and fields.get("html") is not None:
            if not isinstance(fields["html"], str):
                raise MalformedRecordError("the record's html must be a string")
            text, page = read_html(fields["html"])
            fields = {**page, **fields}
        if text is None:
            raise MalformedRecordError("the record has no text (text, maintext, body, "
                                       "content, article) nor html")
        return context.build(text, {**fields, "id": record_id, "extra": extra}, record_id)
    except InputError as exc:
        return Outcome(record_id, error=exc)
