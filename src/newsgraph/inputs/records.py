"""Records as crawlers write them, mapped explicitly to the contract's document fields.

The mapping (docs/INPUTS.md, "Records"): the first field of each row that a record holds wins.

| document | record fields |
|---|---|
| text | text, maintext (news-please), body, content, article, articleBody, raw_text |
| (html) | html, raw_html (when no text field: main text and metadata from the page) |
| title | title, headline |
| published | published, date_publish (news-please), datePublished, pubDate, date, publish_date, published_at |
| url | url, link, canonical_url, source_url |
| outlet | outlet, source_domain (news-please), site, site_name, sitename, source, publisher, hostname |
| authors | authors, author, byline |
| language | language, lang |
| id | id |

trafilatura's JSON (recognised by its `source-hostname` or `fingerprint` field) uses
`source` for the page's URL and `source-hostname` for the site: they map to url and outlet.
A `source` object (NewsAPI) gives its `name`. Every other field is kept in Document.extra.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import MalformedRecordError

# Deeper records are refused before anything walks them recursively (pickling to
# workers, JSON writing): Python's recursion limit would end the whole run.
MAX_DEPTH = 64

FIELD_ALIASES = {
    "text": ("text", "maintext", "body", "content", "article", "articleBody", "raw_text"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": ("published", "date_publish", "datePublished", "pubDate", "date",
                  "publish_date", "published_at"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "outlet": ("outlet", "source_domain", "site", "site_name", "sitename", "source",
               "publisher", "hostname"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
    "id": ("id",),
}
TRAFILATURA_ALIASES = {**FIELD_ALIASES, "url": ("url", "source"),
                       "outlet": ("source-hostname", "sitename", "hostname")}


def load_json(text: str, what: str = "the input"):
    """json.loads that refuses nesting deeper than MAX_DEPTH with a MalformedRecordError,
    as it does invalid JSON; never a RecursionError."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise MalformedRecordError(f"{what} is nested too deeply to read") from None
    except ValueError as exc:
        raise MalformedRecordError(f"{what} is not valid JSON: {exc}") from None
    if _depth_exceeds(data, MAX_DEPTH):
        raise MalformedRecordError(f"{what} is nested deeper than {MAX_DEPTH} levels")
    return data


def _depth_exceeds(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in value)
    return False


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a JSON Lines text, split on \\n only: U+2028, U+0085 and
    form feeds inside strings are not line ends (str.splitlines would cut there)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def split_authors(joined: str) -> list[str]:
    """trafilatura joins several authors with "; " (its JSON, XML and page metadata)."""
    return joined.split("; ")


def record_fields(record: dict) -> tuple[dict, dict]:
    """(contract fields, extra) of one record by the mapping above. The contract fields
    hold text or html, title, published, url, outlet, authors, language and id when given."""
    trafilatura = _is_trafilatura(record)
    aliases = TRAFILATURA_ALIASES if trafilatura else FIELD_ALIASES
    fields, used = {}, set()
    for name, keys in aliases.items():
        for key in keys:
            value = record.get(key)
            if value is not None:
                fields[name] = _name_of(value) if name == "outlet" else value
                used.add(key)
                break
    if trafilatura and isinstance(fields.get("authors"), str):
        fields["authors"] = split_authors(fields["authors"])
    extra = {key: value for key, value in record.items() if key not in used}
    return fields, extra


def _is_trafilatura(record: dict) -> bool:
    return "source-hostname" in record or "fingerprint" in record


def _name_of(value):
    """An outlet given as an object ({"id": ..., "name": "CNN"}) is its name."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return value


def trafilatura_xml(raw: bytes) -> dict:
    """The record a trafilatura XML document (<doc> with metadata attributes and <main>)
    stands for: its attributes and the paragraphs of <main> as `text`."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise MalformedRecordError(f"not well-formed XML: {exc}") from None
    if root is None or root.tag != "doc":
        raise MalformedRecordError("an .xml input is a trafilatura document (<doc>), "
                                   f"not <{getattr(root, 'tag', '?')}>")
    record = {key: value for key, value in root.attrib.items()}
    main = root.find("main")
    blocks = [" ".join("".join(block.itertext()).split()) for block in
              (main if main is not None else [])]
    record["text"] = "\n".join(block for block in blocks if block)
    record.setdefault("fingerprint", None)  # read by the trafilatura mapping
    return record
