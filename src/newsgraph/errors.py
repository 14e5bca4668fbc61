"""Typed errors of the library. The CLI maps them to exit codes and error records."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: every error carries a stable machine-readable code."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def as_record(self) -> dict:
        return {"code": self.code, "message": self.message}


class InputError(NewsgraphError):
    """A document could not be turned into analysable text."""

    code = "bad_input"


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


class UsageError(NewsgraphError):
    """The caller asked for something that cannot be done (bad option, missing path)."""

    code = "usage"


class PipelineConfigError(NewsgraphError):
    """Stages were put together so that one needs what no earlier stage assigns."""

    code = "pipeline_config"


class ModelNotInstalledError(NewsgraphError):
    code = "model_missing"


class AnalysisError(NewsgraphError):
    """A stage failed on a document; the batch goes on without it."""

    code = "analysis_failed"


class UnparsableDateError(InputError):
    """A publication date that cannot be read; a warning unless --strict-dates."""

    code = "bad_date"


class NotAFileError(InputError):
    """A FIFO, socket or device among the inputs: skipped, never opened."""

    code = "not_a_file"


class TruncatedInputError(InputError):
    """An archive cut off inside a record: the complete records before it are kept."""

    code = "truncated"
