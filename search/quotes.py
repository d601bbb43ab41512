"""Answering "who said X?": choosing and ordering the quotations of matching articles.

The searcher finds the articles whose quoted text matches; this module turns each matching
quotation into a :class:`~search.results.QuoteHit` and gives it a sort key: quotes holding more
of the query's distinct words first, then by their article's score, then in reading order. With
no words (only a speaker), the newest article's quotes come first.
"""

from __future__ import annotations

import unicodedata

from corpus.article import Article, Quote
from search.results import QuoteHit

__all__ = ["QUOTE_ARTICLES", "normalize_name", "quote_hit"]

QUOTE_ARTICLES = 500
"""How many best-matching articles are searched for quotations."""


def normalize_name(name: str) -> str:
    """Fold case, accents and spacing so that speaker names compare loosely.

    >>> normalize_name("  Philip   LUTHER ") == normalize_name("Philip Luther")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def quote_hit(
    article: Article, quote: Quote, spans: list[tuple[int, int]], rank: int, score: float
) -> tuple[tuple, QuoteHit]:
    """Return (sort key, hit) for one quotation of a matching article."""
    distinct = len({quote.text[a:b].casefold() for a, b in spans})
    newest = -(article.published.toordinal() if article.published else 0)
    key = (-distinct, -round(score, 6) if spans else newest, rank, quote.start)
    hit = QuoteHit(
        text=quote.text,
        speaker=quote.speaker,
        kind=quote.kind,
        article_id=article.id,
        title=article.title,
        start=quote.start,
        end=quote.end,
        spans=tuple(spans),
        date=article.published.isoformat() if article.published else None,
        date_inferred=article.published_inferred,
    )
    return key, hit
