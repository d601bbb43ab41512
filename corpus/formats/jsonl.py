"""Reader for JSON Lines and JSON files holding one article per object.

The parts:

* :class:`FieldMap` says which keys of an object fill which :class:`~corpus.article.Article`
  field. :data:`DEFAULT_KEYS` knows the common names (``_id``/``id``, ``title``,
  ``text``/``body``/``content``, ``date``/``published``, ``tags``/``topics``/``places``/
  ``keywords``, ``author``, ``url`` ...); a user's map (the CLI's ``--field-map``) replaces the
  keys of the fields it names, and is checked when built.
* :func:`iter_jsonl` streams a file line by line (JSON Lines) or, for a JSON document, walks
  its array (top level, or under ``articles``/``documents``/``items``/``data``/``records``).
  A line that is not valid JSON or not an object is skipped and counted, never fatal.
* :func:`record_to_article` turns one object into an article. The object's own id is kept in
  ``extra["source_id"]`` and, when it is a short safe token, used as ``Article.id`` so that
  benchmark judgements (BEIR qrels) map back; other keys go to ``extra["fields"]``.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._dates import parse_date
from corpus.formats._report import ParseReport
from corpus.source import Source, decode_bytes

__all__ = ["DEFAULT_KEYS", "READER", "FieldMap", "JsonReader", "iter_jsonl", "parse_jsonl",
           "parse_with_report", "record_to_article"]

DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("_id", "id", "doc_id", "docid", "docno"),
    "title": ("title", "headline", "name"),
    "body": ("text", "body", "content", "article", "contents"),
    "published": ("date", "published", "published_at", "publish_date", "pubdate",
                  "datePublished", "created_at", "timestamp"),
    "tags": ("tags", "topics", "places", "keywords"),
    "categories": ("categories", "category", "section"),
    "author": ("author", "authors", "byline", "creator"),
    "url": ("url", "link", "permalink"),
    "language": ("language", "lang"),
}
"""Keys read for each article field; every key listed for ``tags`` adds to the tags."""

_MULTI = frozenset(("tags", "categories"))
_SAFE_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_BLANK_LINE = re.compile(r"\n\s*\n")
_INDENT = re.compile(r"\n[ \t]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTAINERS = ("articles", "documents", "docs", "items", "data", "records", "results")


class FieldMap:
    """Which object keys fill which article fields.

    :param overrides: ``{article field: key or keys}``; a string may list keys with commas.
    :raises ValueError: for a field name that is not an article field.

    >>> FieldMap({"body": "abstract", "tags": "mesh,keywords"}).keys["tags"]
    ('mesh', 'keywords')
    >>> FieldMap({"summary": "abstract"})
    Traceback (most recent call last):
    ...
    ValueError: unknown article field 'summary' in field map; fields are: author, body, \
categories, id, language, published, tags, title, url
    """

    def __init__(self, overrides: Mapping[str, str | Iterable[str]] | None = None) -> None:
        self.keys = dict(DEFAULT_KEYS)
        for name, keys in (overrides or {}).items():
            if name not in DEFAULT_KEYS:
                choices = ", ".join(sorted(DEFAULT_KEYS))
                raise ValueError(f"unknown article field {name!r} in field map; fields are: "
                                 f"{choices}")
            listed = keys.split(",") if isinstance(keys, str) else list(keys)
            self.keys[name] = tuple(k.strip() for k in listed if k.strip())

    @property
    def known(self) -> frozenset[str]:
        """Every key that fills some field (the rest goes to ``extra["fields"]``)."""
        return frozenset(k for keys in self.keys.values() for k in keys)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [normalize_space(value)] if value.strip() else []
    if isinstance(value, Mapping):
        return _strings(value.get("name") or value.get("label") or "")
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [str(value)]
    return []


def _paragraphs(text: str) -> str:
    """Split a text field into paragraphs: blank lines, else indented lines (Reuters)."""
    text = _CONTROL.sub("", text)
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _INDENT
    return "\n\n".join(p for p in (normalize_space(x) for x in pattern.split(text)) if p)


def _date(value: Any) -> date | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    return parse_date(value) if isinstance(value, str) else None


def record_to_article(record: Mapping[str, Any], fields: FieldMap, source_path: str = "",
                      ) -> Article | None:
    """Return the article an object describes, or None when it has neither title nor text."""
    def first(name: str) -> Any:
        for key in fields.keys[name]:
            value = record.get(key)
            if value not in (None, "", [], {}):
                return value
        return None

    def joined(name: str) -> list[str]:
        values = [s for key in fields.keys[name] for s in _strings(record.get(key))]
        return list(dict.fromkeys(values))

    title = " ".join(_strings(first("title")))
    raw_body = first("body")
    body = _paragraphs(raw_body) if isinstance(raw_body, str) else "\n\n".join(_strings(raw_body))
    if not title and not body:
        return None
    url = " ".join(_strings(first("url")))
    source_id = first("id")
    source_id = str(source_id).strip() if isinstance(source_id, str | int) else ""
    if source_id and _SAFE_ID.fullmatch(source_id):
        ident = source_id
    else:
        ident = article_id(url=url) if url else article_id(title=title, body=body)
    rest = {k: v for k, v in record.items() if k not in fields.known}
    extra: dict[str, Any] = {"source_id": source_id} if source_id else {}
    if rest:
        extra["fields"] = rest
    return Article(
        id=ident,
        title=title,
        body=body,
        source_path=source_path,
        url=url,
        tags=tuple(joined("tags")),
        categories=tuple(joined("categories")),
        author=", ".join(_strings(first("author"))),
        published=_date(first("published")),
        language=" ".join(_strings(first("language"))),
        source_format="jsonl",
        extra=extra,
    )


def _records(source: Source, report: ParseReport) -> Iterator[Any]:
    data = source.data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"["):
        yield from _document(source, report)
        return
    first_line = data.split(b"\n", 1)[0]
    try:
        json.loads(first_line)
    except (ValueError, UnicodeError):
        yield from _document(source, report)  # one pretty-printed object
        return
    for line in io.BytesIO(data):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except UnicodeError:
            try:
                yield json.loads(decode_bytes(line))
            except ValueError:
                report.skip("invalid JSON")
        except ValueError:
            report.skip("invalid JSON")


def _document(source: Source, report: ParseReport) -> Iterator[Any]:
    try:
        value = json.loads(source.text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(source.path, f"invalid JSON ({exc})") from None
    if isinstance(value, dict):
        inner = next((value[k] for k in _CONTAINERS if isinstance(value.get(k), list)), None)
        value = inner if inner is not None else [value]
    if not isinstance(value, list):
        raise ParseError(source.path, "JSON holds neither an object nor a list of objects")
    yield from value


def iter_jsonl(source: Source, field_map: Mapping[str, str | Iterable[str]] | FieldMap | None
               = None, report: ParseReport | None = None) -> Iterator[Article]:
    """Yield one article per JSON object in ``source``, counting skipped lines in ``report``.

    :param field_map: overrides of :data:`DEFAULT_KEYS`, e.g. ``{"body": "abstract"}``.
    :param report: filled as the iteration goes ("not an object", "invalid JSON", "empty").
    :raises ParseError: for a JSON document (not lines) that does not parse at all.
    """
    fields = field_map if isinstance(field_map, FieldMap) else FieldMap(field_map)
    report = report if report is not None else ParseReport()
    for record in _records(source, report):
        if not isinstance(record, dict):
            report.skip("not an object")
            continue
        article = record_to_article(record, fields, source.path)
        if article is None:
            report.skip("empty")
            continue
        report.articles += 1
        yield article


def parse_jsonl(source: Source, field_map: Mapping[str, str | Iterable[str]] | None = None,
                ) -> Iterator[Article]:
    """Yield the articles of a JSON Lines or JSON file (see :func:`iter_jsonl`)."""
    return iter_jsonl(source, field_map)


def parse_with_report(source: Source, field_map: Mapping[str, str | Iterable[str]] | None = None,
                      ) -> tuple[list[Article], ParseReport]:
    """Return all the articles of ``source`` and the :class:`ParseReport` of skipped lines."""
    report = ParseReport()
    return list(iter_jsonl(source, field_map, report)), report


class JsonReader:
    """A JSON reader with its own field map (the registered :data:`READER` has none).

    :param field_map: overrides of :data:`DEFAULT_KEYS`; validated here, not at parse time.
    """

    name = "jsonl"
    counts_records = True

    def __init__(self, field_map: Mapping[str, str | Iterable[str]] | None = None) -> None:
        self.fields = FieldMap(field_map)

    def sniff(self, source: Source) -> bool:
        """Claim ``.json``/``.jsonl``/``.ndjson`` files and text that starts like JSON."""
        data = source.data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        if data.startswith(b"{"):
            return True
        # "[" alone could start a Markdown link or an INI section: require objects inside.
        return data.startswith(b"[") and data[1:].lstrip()[:1] in (b"{", b"]")

    def parse(self, source: Source, report: ParseReport | None = None) -> Iterator[Article]:
        """Yield the articles of ``source`` with this reader's field map.

        :param report: filled with the lines left out ("not an object", "invalid JSON", ...).
        """
        return iter_jsonl(source, self.fields, report)


READER = JsonReader()
