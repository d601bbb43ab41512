"""Answering "who said X?": choosing and ordering the quotations of matching articles.

The searcher finds the articles whose quoted text matches; this module turns each matching
quotation into a :class:`~search.results.QuoteHit` and gives it a sort key: quotes holding more
of the query's distinct words first, then by their article's score, then in reading order. With
no words (only a speaker), the newest article's quotes come first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from corpus.article import Article, Quote
from indexer.analysis import index_terms
from indexer.schema import article_from_stored
from search.highlight import MatchSpec, find_matches
from search.results import QuoteHit

__all__ = ["QUOTE_ARTICLES", "normalize_name", "quote_hit", "select_quotes"]

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
        url=article.url,
        source=article.source_path,
        cue=str(getattr(quote, "cue", "") or ""),
    )
    return key, hit


def select_quotes(
    hits: Iterable[tuple[dict[str, Any], float]],
    spec: MatchSpec | None,
    speakers: Iterable[str] = (),
) -> list[QuoteHit]:
    """The quotations of ranked articles (stored fields, score) that match, best first.

    A quotation matches when it holds the query's words (``spec``; None means any) and is by
    one of ``speakers`` (none means anyone).
    """
    wanted = {normalize_name(n) for n in speakers}
    found = []
    for rank, (stored, score) in enumerate(hits):
        article = article_from_stored(stored)
        for quote in article.quotes:
            if wanted and normalize_name(quote.speaker) not in wanted:
                continue
            spans = find_matches(quote.text, index_terms, spec) if spec else []
            if spec and not spans:
                continue
            found.append(quote_hit(article, quote, spans, rank, score))
    found.sort(key=lambda item: item[0])
    return [hit for _, hit in found]
