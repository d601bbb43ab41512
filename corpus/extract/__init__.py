"""Extractors: what has to be found in an article's text rather than read from its source.

Each extractor is a callable ``(article) -> article`` registered in :data:`EXTRACTORS`, run in
order by :func:`enrich`. They work on plain text, so they are tested without any index.
"""

from __future__ import annotations

from collections.abc import Callable

from corpus.article import Article
from corpus.extract.dates import extract_dates, extract_dates_into
from corpus.extract.speakers import extract_quotes, extract_speakers

__all__ = [
    "EXTRACTORS",
    "Extractor",
    "enrich",
    "extract_dates",
    "extract_dates_into",
    "extract_quotes",
    "extract_speakers",
]

Extractor = Callable[[Article], Article]

# Dates first: they may fill ``published``, which later extractors can rely on.
EXTRACTORS: list[Extractor] = [extract_dates_into, extract_speakers]


def enrich(article: Article) -> Article:
    """Run every registered extractor over ``article`` and return the enriched copy."""
    for extractor in EXTRACTORS:
        article = extractor(article)
    return article
