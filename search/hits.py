"""Turning a stored document into a :class:`~search.results.SearchHit` with its snippets.

The searcher hands over the stored fields of each hit on the page; this module rebuilds the
article, finds the query's matches in its body and title (with the index's own term function,
so highlighting sees what indexing saw) and cuts the best passages, or the opening sentence
when the match was elsewhere (a tag, a speaker).
"""

from __future__ import annotations

from typing import Any

from corpus.article import Article
from indexer.analysis import index_terms
from indexer.schema import BODY, TITLE, article_from_stored
from search.highlight import MatchSpec, find_matches, lead_snippet, make_snippets
from search.results import SearchHit

__all__ = ["RECORD_KEYS", "build_hit", "record_of"]


RECORD_KEYS = ("record", "source_id", "wxr_post_id")
"""Where ingestion notes an article's place in its source file, most specific first."""


def record_of(article: Article) -> str:
    """The article's id or number within its source file, or "" when the source has none."""
    for key in RECORD_KEYS:
        value = article.extra.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def build_hit(
    stored: dict[str, Any],
    rank: int,
    score: float,
    specs: dict[str, MatchSpec] | None,
    *,
    full_text: bool = False,
) -> SearchHit:
    """Build the hit for one stored document; ``specs`` None means no snippets (ranking only).

    :param full_text: include the whole body (for exports).
    """
    article = article_from_stored(stored)
    snippets: list = []
    title_spans: tuple[tuple[int, int], ...] = ()
    if specs is not None:
        snippets = make_snippets(article.body, find_matches(article.body, index_terms, specs[BODY]))
        if not snippets:
            lead = lead_snippet(article.body)
            snippets = [lead] if lead else []
        title_spans = tuple(find_matches(article.title, index_terms, specs[TITLE]))
    return SearchHit(
        id=article.id,
        rank=rank,
        score=round(float(score or 0.0), 4),
        title=article.title,
        title_spans=title_spans,
        snippets=tuple(snippets),
        tags=article.tags,
        author=article.author,
        speakers=article.speakers,
        categories=article.categories,
        date=article.published.isoformat() if article.published else None,
        date_inferred=article.published_inferred,
        url=article.url,
        source=article.source_path,
        record=record_of(article),
        body=article.body if full_text else None,
    )
