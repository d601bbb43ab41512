"""Reader for JSON Lines and JSON files holding one article per object.

The parts:

* :class:`FieldMap` says which keys of an object fill which :class:`~corpus.article.Article`
  field. :data:`DEFAULT_KEYS` knows the common names (``_id``/``id``, ``title``,
  ``text``/``body``/``content``, ``date``/``published``, ``tags``/``topics``/``places``/
  ``keywords``, ``author``, ``url`` ...); a user's map (the CLI's ``--field-map``) replaces the
  keys of the fields it names, and is checked when built.
* :func:`iter_jsonl` streams a file line by line (JSON Lines) or, for a JSON document, walks
  its array (top level, or under ``articles``/``documents``/``items``/``data``/``records``).
  A line that is not valid JSON, not an object or nested deeper than :data:`MAX_DEPTH` is
  skipped and counted, never fatal, the first line included (:func:`is_json_lines`).
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

__all__ = ["DEFAULT_KEYS", "MAX_DEPTH", "READER", "FieldMap", "JsonReader", "is_json_lines",
           "iter_jsonl", "parse_jsonl", "parse_line", "parse_with_report", "record_to_article"]

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


MAX_DEPTH = 64
"""Records nested deeper than this are skipped: no article needs it, and a deep enough value
would overflow the stack wherever it is walked later (JSON parsing, pickling, storing)."""

_LEAD = b"\xef\xbb\xbf \t\r\n"


class _BadLine(ValueError):
    """One line that cannot be a record; ``reason`` is what the report counts."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_line(line: bytes) -> Any:
    """Return the JSON value of one line, decoding it whatever its encoding.

    :raises ValueError: when it is not JSON, or is nested deeper than :data:`MAX_DEPTH` (a
        ``RecursionError`` of the parser becomes that too).
    """
    try:
        try:
            value = json.loads(line)
        except UnicodeError:
            value = json.loads(decode_bytes(line))
    except RecursionError:
        raise _BadLine("nested too deeply") from None
    except ValueError:
        raise _BadLine("invalid JSON") from None
    opened = line.count(b"[") + line.count(b"{")  # cheap: only such lines can nest so deep
    if opened > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        raise _BadLine("nested too deeply")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Tell whether lists and objects nest more than ``limit`` levels deep in ``value``."""
    level: list[Any] = [value] if isinstance(value, dict | list) else []
    for _ in range(limit):
        level = [
            item
            for container in level
            for item in (container.values() if isinstance(container, dict) else container)
            if isinstance(item, dict | list)
        ]
        if not level:
            return False
    return True


def _nonblank_lines(data: bytes, count: int) -> Iterator[bytes]:
    """Yield the first ``count`` non-blank lines of ``data`` without splitting all of it."""
    start = 0
    while count and start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        start = end + 1
        if line.strip():
            count -= 1
            yield line


def is_json_lines(data: bytes) -> bool:
    """Tell whether ``data`` is JSON Lines (a value per line) rather than one JSON document.

    It is when its first line is JSON on its own, or, that line being broken, when the next
    line is an object and the whole is not a valid document: a bad first line costs that line,
    not the file.

    >>> is_json_lines(b'{"title": "a"}\\n{"title": "b"}\\n')
    True
    >>> is_json_lines(b'{"title": "trunc\\n{"title": "b"}\\n')
    True
    >>> is_json_lines(b'{\\n  "title": "a"\\n}\\n'), is_json_lines(b'[{"title": "a"}]')
    (False, False)
    """
    data = data.lstrip(_LEAD)
    if data.startswith(b"["):
        return False
    first, second = [*_nonblank_lines(data, 2), b"", b""][:2]
    try:
        parse_line(first)
        return True
    except ValueError:
        pass
    try:
        if not isinstance(parse_line(second), dict):
            return False
    except ValueError:
        return False
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        return True
    return False


def _records(source: Source, report: ParseReport) -> Iterator[Any]:
    if not is_json_lines(source.data):
        yield from _document(source, report)  # an array, or one pretty-printed object
        return
    for line in io.BytesIO(source.data.lstrip(_LEAD)):
        if not line.strip():
            continue
        try:
            yield parse_line(line)
        except _BadLine as bad:
            report.skip(bad.reason)


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
    for record in value:
        if _deeper_than(record, MAX_DEPTH):
            report.skip("nested too deeply")
        else:
            yield record


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
