"""Extractors: what has to be found in an article's text rather than read from its source.

Each extractor is a callable ``(article) -> article`` registered in :data:`EXTRACTORS`, run in
order by :func:`enrich`. They work on plain text, so they are tested without any index.
"""

from __future__ import annotations

from collections.abc import Callable

from corpus.article import Article

__all__ = ["EXTRACTORS", "Extractor", "enrich"]

Extractor = Callable[[Article], Article]

EXTRACTORS: list[Extractor] = []


def enrich(article: Article) -> Article:
    """Run every registered extractor over ``article`` and return the enriched copy."""
    for extractor in EXTRACTORS:
        article = extractor(article)
    return article
