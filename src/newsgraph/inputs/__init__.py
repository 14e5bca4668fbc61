"""Reading documents: files, directories, records, HTML and odd encodings."""

_EXPORTS = {"decode_bytes": "decoding", "html_to_text": "html", "InputOptions": "sources",
            "check_paths": "sources", "is_document_file": "sources",
            "iter_documents": "sources"}

__all__ = ["InputOptions", "check_paths", "decode_bytes", "html_to_text", "is_document_file",
           "iter_documents"]


def __getattr__(name: str):
    # Imported on first use (PEP 562): `printable` and the date orders, which every
    # command's parser reads, without the readers' imports (HTML, encodings).
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
