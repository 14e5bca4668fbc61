"""Every error newsgraph raises on purpose, and what each one means to a caller.

Each class carries a stable machine-readable `code`, the HTTP status the web answers it
with and the exit status the CLI ends with; the CLI and the web read them from here and
decide nothing of their own. docs/ERRORS.md says when each one happens.

    class                           code                 http  exit
    NewsgraphError                  error                 500     1
    ├── InputError                  bad_input             422     1
    │   ├── EmptyDocumentError      empty                 422     1
    │   ├── BinaryInputError        binary                422     1
    │   ├── DecodingError           undecodable           422     1
    │   ├── DocumentTooLargeError   too_large             422     1
    │   ├── UnreadableInputError    unreadable            422     1
    │   ├── MalformedRecordError    malformed_record      422     1
    │   ├── NoMainTextError         no_text               422     1
    │   ├── UnparsableDateError     bad_date              422     1
    │   ├── NotAFileError           not_a_file            422     1
    │   └── TruncatedInputError     truncated             422     1
    ├── UsageError                  usage                 400     2
    │   ├── BadFilter               bad_filter            400     2
    │   ├── NotFoundError           not_found             404     2
    │   │   └── StoryNotFound       story_not_found       404     2
    │   ├── UnauthorizedError       unauthorized          401     2
    │   ├── UnknownHostError        unknown_host          400     2
    │   ├── RequestTooLargeError    request_too_large     414     2
    │   ├── QueryTooCostlyError     query_too_costly      503     2
    │   ├── ProfileMismatchError    profile_mismatch      409     2
    │   ├── ServerBusyError         server_busy           503     2
    │   └── NoFullTextIndexError    no_full_text_index    501     2
    ├── StoreError                  store_unavailable     503     3
    │   ├── StoreNotFoundError      no_store              404     2
    │   │   └── DatasetNotFoundError no_dataset           404     2
    │   ├── NotAStoreError          not_a_store           503     3
    │   ├── StoreCorruptError       store_corrupt         503     3
    │   ├── StoreTooNewError        store_too_new         503     3
    │   ├── StoreLockedError        store_locked          503     3
    │   ├── StoreReadOnlyError      store_read_only       503     3
    │   └── DerivedTablesOutOfDate  derived_out_of_date   503     3
    ├── NotInstalledError           not_installed         500     4
    │   ├── ModelNotInstalledError  model_missing         500     4
    │   ├── ModelCorruptError       model_corrupt         500     4
    │   │   ├── StanceModelError    stance_model          500     4
    │   │   └── AccurateModelError  accurate_model        500     4
    │   └── ExtraNotInstalledError  extra_missing         500     4
    ├── PipelineConfigError         pipeline_config       500     1
    ├── AnalysisError               analysis_failed       500     1
    └── ContractViolation           contract_violation    500     1

An error is one record everywhere: `{"code": ..., "message": ...}` (`as_record()`), the
error record of the analysis contract; the API wraps it as `{"error": {...}}`.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """The CLI's exit statuses, defined here only."""

    OK = 0
    FAILED = 1  # some documents failed (each has an error record), or the library failed
    USAGE = 2  # the caller asked for something that cannot be done
    STORE = 3  # the store file cannot be used as it is
    NOT_INSTALLED = 4  # a model file or an optional extra is missing or unreadable
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
    BROKEN_PIPE = 141  # the reader of stdout went away, as shells report SIGPIPE


# Errors the web framework raises itself (no newsgraph class): HTTP status -> code.
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
              422: "invalid_parameter", 500: "internal_error"}


class NewsgraphError(Exception):
    """Base class: every error carries a stable machine-readable code."""

    code = "error"
    http_status = 500
    exit_code = Exit.FAILED

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def as_record(self) -> dict:
        return {"code": self.code, "message": self.message}


# Documents -------------------------------------------------------------------------------

class InputError(NewsgraphError):
    """A document could not be turned into analysable text."""

    code = "bad_input"
    http_status = 422


class EmptyDocumentError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class DecodingError(InputError):
    code = "undecodable"


class DocumentTooLargeError(InputError):
    code = "too_large"


class UnreadableInputError(InputError):
    code = "unreadable"


class MalformedRecordError(InputError):
    code = "malformed_record"


class NoMainTextError(InputError):
    code = "no_text"


class UnparsableDateError(InputError):
    """A publication date that cannot be read; a warning unless --strict-dates."""

    code = "bad_date"


class NotAFileError(InputError):
    """A FIFO, socket or device among the inputs: skipped, never opened."""

    code = "not_a_file"


class TruncatedInputError(InputError):
    """An archive cut off inside a record: the complete records before it are kept."""

    code = "truncated"


# The caller's mistakes -------------------------------------------------------------------

class UsageError(NewsgraphError):
    """The caller asked for something that cannot be done (a bad value, a missing path)."""

    code = "usage"
    http_status = 400
    exit_code = Exit.USAGE


class BadFilter(UsageError):
    """A filter value a list or query cannot use (a malformed date, an unknown option)."""

    code = "bad_filter"


class NotFoundError(UsageError):
    """No such article, actor or story in the store."""

    code = "not_found"
    http_status = 404


class StoryNotFound(NotFoundError):
    code = "story_not_found"


class UnauthorizedError(UsageError):
    """A request to a server started with a token did not carry it."""

    code = "unauthorized"
    http_status = 401


class UnknownHostError(UsageError):
    """A request whose Host header names none of the server's names (a DNS-rebinding page,
    or a proxy not given with --allowed-host)."""

    code = "unknown_host"


class RequestTooLargeError(UsageError):
    """A request URL longer than the server reads."""

    code = "request_too_large"
    http_status = 414


class ProfileMismatchError(UsageError):
    """Analyses of one attribution profile stored into a store that holds another's."""

    code = "profile_mismatch"
    http_status = 409


class QueryTooCostlyError(UsageError):
    """A search or list that ran past the server's time budget for one request."""

    code = "query_too_costly"
    http_status = 503


class ServerBusyError(UsageError):
    """A web request that waited past the server's time budget for a reader of the store
    (every pooled connection busy): try again."""

    code = "server_busy"
    http_status = 503


class NoFullTextIndexError(UsageError):
    """A full-text search asked of a Parquet dataset (`query search --dataset`, the search
    page and API of `serve --dataset`): the index is SQLite's FTS5, which a dataset lacks."""

    code = "no_full_text_index"
    http_status = 501


# The store file --------------------------------------------------------------------------

class StoreError(NewsgraphError):
    """The store file failed while it was read or written."""

    code = "store_unavailable"
    http_status = 503
    exit_code = Exit.STORE


class StoreNotFoundError(StoreError):
    """No store at the path given (reading never creates one), or its folder is missing."""

    code = "no_store"
    http_status = 404
    exit_code = Exit.USAGE


class DatasetNotFoundError(StoreNotFoundError):
    """No Parquet dataset at the path or URL given (no complete shard in it), or its
    filesystem cannot be reached."""

    code = "no_dataset"


class NotAStoreError(StoreError):
    """The path is a folder, or a file that is not SQLite."""

    code = "not_a_store"


class StoreCorruptError(StoreError):
    """A SQLite file whose pages are damaged or cut short."""

    code = "store_corrupt"


class StoreTooNewError(StoreError):
    """A store written by a newer newsgraph, with migrations this one does not know."""

    code = "store_too_new"


class StoreLockedError(StoreError):
    """Another writer holds the store (an ingest running, or a script's transaction)."""

    code = "store_locked"


class StoreReadOnlyError(StoreError):
    """Writing was needed but the file or its folder is read-only."""

    code = "store_read_only"


class DerivedTablesOutOfDate(StoreError):
    """The tables derived from the stored documents (stories, actors across documents,
    matched claims) were written by an older writer, or miss documents (an upgraded old
    store): `newsgraph rebuild` recomputes them."""

    code = "derived_out_of_date"


# The installation ------------------------------------------------------------------------

class NotInstalledError(NewsgraphError):
    """Something newsgraph needs is not installed, or not readable as installed."""

    code = "not_installed"
    exit_code = Exit.NOT_INSTALLED


class ModelNotInstalledError(NotInstalledError):
    code = "model_missing"


class ModelCorruptError(NotInstalledError):
    """A shipped model file that cannot be read (truncated, or of another format)."""

    code = "model_corrupt"


class StanceModelError(ModelCorruptError):
    code = "stance_model"


class AccurateModelError(ModelCorruptError):
    """The `accurate` attribution profile's model files (its encoder, its tagger) are
    missing or unreadable; the message names the profile and the file."""

    code = "accurate_model"


class ExtraNotInstalledError(NotInstalledError):
    """An optional extra (ray, parquet, web, frames) that a feature needs is not installed."""

    code = "extra_missing"

    def __init__(self, extra: str, needed_for: str):
        super().__init__(f"{needed_for} needs the {extra} extra: "
                         f"pip install 'newsgraph[{extra}]'")
        self.extra = extra


# Analysis --------------------------------------------------------------------------------

class PipelineConfigError(NewsgraphError):
    """Stages were put together so that one needs what no earlier stage assigns."""

    code = "pipeline_config"


class AnalysisError(NewsgraphError):
    """A stage failed on a document; the batch goes on without it."""

    code = "analysis_failed"


class ContractViolation(NewsgraphError):
    """A record that breaks the analysis contract."""

    code = "contract_violation"


def catalogue() -> list[type[NewsgraphError]]:
    """Every error class, the base first, parents before their children."""
    found: list[type[NewsgraphError]] = []

    def walk(cls: type[NewsgraphError]) -> None:
        found.append(cls)
        for child in cls.__subclasses__():
            walk(child)

    walk(NewsgraphError)
    return found
