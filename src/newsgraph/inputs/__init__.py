"""Reading documents: files, directories, records, HTML and odd encodings."""

from .decoding import decode_bytes
from .html import html_to_text
from .sources import InputOptions, check_paths, is_document_file, iter_documents

__all__ = ["InputOptions", "check_paths", "decode_bytes", "html_to_text", "is_document_file",
           "iter_documents"]
