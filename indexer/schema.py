"""The index schema: field names, field types, and the mapping from an Article to a document.

Field names are defined once here; the query parser, the searcher, the CLI and the tests import
them. Three kinds of field:

* full text, analyzed by :class:`indexer.analysis.NewsAnalyzer` (the chain of
  :func:`indexer.analysis.news_analyzer` in one step) with positions (phrases):
  ``text`` holds the title :data:`TITLE_WEIGHT` times and then the body, in one field, so that
  BM25's saturation and length normalization see the article as a whole (BM25F with an integer
  title weight); ``title`` alone serves ``title:`` queries; ``quote`` holds the quoted words only.
  The body itself is only stored: ``body:`` queries search ``text``;
* keywords that hold one or several exact values (``tag``, ``category``, ``speaker``, ``org``,
  ``author``),
  matched case- and accent-insensitively; each has a ``*_label`` twin that keeps the values as
  written, which the facet counter reads so counts display the way the source wrote them;
* dates: ``date`` (published, sortable), ``mentioned`` (every date written in the text) and
  ``year`` for the histogram;
* ``surface``: the title's and body's words as typed (lowercased, accents folded, not stemmed),
  existence only: fuzzy and prefix queries expand against it, then stem what they found.

Everything a hit needs to be shown (captions, quotes with offsets, date mentions, categories)
travels in one stored JSON field, ``record``. Changing anything here that alters how existing
indexes read needs a new :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import LowercaseFilter

from corpus.article import Article, DateMention, Quote
from indexer.analysis import AccentFoldFilter, NewsAnalyzer, SpanTokenizer, SurfaceAnalyzer

__all__ = [
    "AUTHOR",
    "BODY",
    "CATEGORY",
    "DATE",
    "FACET_FIELDS",
    "ID",
    "KEYWORD_FIELDS",
    "LABEL_SUFFIX",
    "MENTIONED",
    "ORG",
    "QUOTE",
    "RECORD",
    "SCHEMA_VERSION",
    "SOURCE",
    "SPEAKER",
    "SURFACE",
    "TAG",
    "TEXT",
    "TEXT_FIELDS",
    "TITLE",
    "TITLE_WEIGHT",
    "URL",
    "YEAR",
    "ValueListTokenizer",
    "article_from_stored",
    "build_schema",
    "document_for",
    "label_field",
    "term_text",
]

SCHEMA_VERSION = 2
"""Bumped whenever an index written by an older version can no longer be read correctly.

2: the ``category`` keyword field (and its label twin) and the ``surface`` vocabulary."""

ID = "id"
TITLE = "title"
BODY = "body"
TEXT = "text"
QUOTE = "quote"
TAG = "tag"
CATEGORY = "category"
SPEAKER = "speaker"
ORG = "org"
AUTHOR = "author"
DATE = "date"
MENTIONED = "mentioned"
YEAR = "year"
URL = "url"
SOURCE = "source"
RECORD = "record"
SURFACE = "surface"

TEXT_FIELDS = (TEXT, TITLE, QUOTE)
"""Analyzed full-text fields; bare query words search ``text`` (title and body)."""
KEYWORD_FIELDS = (TAG, CATEGORY, SPEAKER, ORG, AUTHOR)
"""Exact-value fields: ``tag:"1988 Massacre"`` means that one value."""
FACET_FIELDS = (TAG, CATEGORY, SPEAKER, ORG, AUTHOR)
"""Fields whose values can be counted over a result set."""
LABEL_SUFFIX = "_label"
TITLE_WEIGHT = 2
"""How many times the title stands in ``text``: a title word counts as much as two body words."""

_SEPARATOR = "\n"


def term_text(term: bytes | str) -> str:
    """A term as text: Whoosh's readers give the bytes the index stores.

    >>> term_text(b"massacr"), term_text("massacr")
    ('massacr', 'massacr')
    """
    return term.decode("utf-8") if isinstance(term, bytes) else term


def label_field(name: str) -> str:
    """Return the name of the as-written twin of keyword field ``name``."""
    return name + LABEL_SUFFIX


class ValueListTokenizer(SpanTokenizer):
    """Yield each line of the value as one token: a field holding several exact values.

    >>> [t.text for t in ValueListTokenizer()("1988 Massacre\\nMEK")]
    ['1988 Massacre', 'MEK']
    """

    def spans(self, value: str) -> Iterator[tuple[int, str, int, int]]:
        """Yield each non-empty line, white space normalized, at its line number."""
        offset = 0
        for index, line in enumerate(value.split(_SEPARATOR)):
            text = " ".join(line.split())
            if text:
                yield index, text, offset, offset + len(line)
            offset += len(line) + 1

    def whole(self, value: str) -> list[tuple[int, str, int, int]]:
        """The value as one token, white space normalized (nothing when it is blank)."""
        text = " ".join(value.split())
        return [(0, text, 0, len(value))] if text else []


def _keyword(*, stored: bool, lowercase: bool, scorable: bool):  # noqa: ANN202
    analyzer = ValueListTokenizer()
    if lowercase:
        analyzer = analyzer | LowercaseFilter() | AccentFoldFilter()
    return fields.KEYWORD(stored=stored, scorable=scorable, analyzer=analyzer)


def build_schema(language: str = "english") -> fields.Schema:
    """Return a new Whoosh schema for Dossier documents."""
    text = NewsAnalyzer(language)
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True),
        title=fields.TEXT(analyzer=text, stored=True, multitoken_query="phrase"),
        text=fields.TEXT(analyzer=text, multitoken_query="phrase"),
        body=fields.STORED(),
        quote=fields.TEXT(analyzer=text, multitoken_query="phrase"),
        date=fields.DATETIME(stored=True, sortable=True),
        mentioned=fields.DATETIME(),
        year=fields.NUMERIC(int, stored=True, sortable=True),
        url=fields.ID(stored=True),
        source=fields.ID(stored=True),
        record=fields.STORED(),
        # Which articles hold each word as typed (no counts, no positions): the vocabulary that
        # fuzzy and prefix queries expand against before their words are stemmed.
        surface=fields.FieldType(formats.Existence(), SurfaceAnalyzer()),
    )
    for name in KEYWORD_FIELDS:
        schema.add(name, _keyword(stored=True, lowercase=True, scorable=True))
        schema.add(label_field(name), _keyword(stored=False, lowercase=False, scorable=False))
    return schema


def _as_datetime(value: date | None) -> datetime | None:
    return datetime(value.year, value.month, value.day) if value else None


def _mention_datetime(mention: DateMention) -> datetime | None:
    parts = [int(p) for p in mention.value.split("-")] + [1, 1]
    try:
        return datetime(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None


def document_for(article: Article) -> dict[str, Any]:
    """Map an Article onto the schema's fields (the keyword arguments of ``add_document``)."""
    doc: dict[str, Any] = {
        ID: article.id,
        TITLE: article.title,
        BODY: article.body,
        TEXT: "\n".join([article.title] * TITLE_WEIGHT + [article.body]),
        SURFACE: article.title + "\n" + article.body,
        SOURCE: article.source_path,
        URL: article.url,
        RECORD: json.dumps(_record(article), ensure_ascii=False),
    }
    values = {
        TAG: article.tags,
        CATEGORY: article.categories,
        SPEAKER: article.speakers,
        ORG: article.organizations,
        AUTHOR: (article.author,) if article.author else (),
    }
    for name, items in values.items():
        joined = _SEPARATOR.join(" ".join(v.split()) for v in items if v.strip())
        if joined:
            doc[name] = doc[label_field(name)] = joined
    if article.quotes:
        doc[QUOTE] = "\n\n".join(q.text for q in article.quotes)
    published = _as_datetime(article.published)
    if published:
        doc[DATE] = published
        doc[YEAR] = published.year
    mentioned = [dt for dt in map(_mention_datetime, article.dates) if dt]
    if mentioned:
        doc[MENTIONED] = mentioned
    return doc


def _record(article: Article) -> dict[str, Any]:
    return {
        "categories": list(article.categories),
        "captions": list(article.captions),
        "language": article.language,
        "published_inferred": article.published_inferred,
        "source_format": article.source_format,
        "quotes": [[q.text, q.speaker, q.start, q.end, q.kind] for q in article.quotes],
        "dates": [
            [m.text, m.value, m.precision, m.start, m.end, m.year_inferred] for m in article.dates
        ],
        "extra": {k: v for k, v in article.extra.items() if _is_json(v)},
    }


def _is_json(value: object) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(_SEPARATOR) if v)


def article_from_stored(stored: dict[str, Any]) -> Article:
    """Rebuild the Article a stored document was made from."""
    record = json.loads(stored.get(RECORD) or "{}")
    published = stored.get(DATE)
    return Article(
        id=stored[ID],
        title=stored.get(TITLE, ""),
        body=stored.get(BODY, ""),
        source_path=stored.get(SOURCE, ""),
        url=stored.get(URL, ""),
        tags=_split(stored.get(TAG)),
        categories=tuple(record.get("categories", ())),
        author=stored.get(AUTHOR, "") or "",
        published=published.date() if published else None,
        published_inferred=bool(record.get("published_inferred")),
        language=record.get("language", ""),
        captions=tuple(record.get("captions", ())),
        speakers=_split(stored.get(SPEAKER)),
        organizations=_split(stored.get(ORG)),
        quotes=tuple(Quote(*q) for q in record.get("quotes", ())),
        dates=tuple(DateMention(*m) for m in record.get("dates", ())),
        source_format=record.get("source_format", ""),
        extra=record.get("extra", {}),
    )
