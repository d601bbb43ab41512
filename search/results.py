"""The plain values a search returns: hits, facet counts and the page of results.

:class:`SearchHit`, :class:`FacetCount` and :class:`SearchResults` hold no reference to the
index, so they outlive the searcher and can be rendered, serialized or compared freely.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from search.highlight import Snippet

__all__ = ["FacetCount", "HitStream", "QuoteHit", "QuoteResults", "SearchHit", "SearchResults"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article.

    ``date`` is ISO or None; ``date_inferred`` marks a date read from the text rather than given
    by the source.
    """

    id: str
    rank: int
    score: float
    title: str
    title_spans: tuple[tuple[int, int], ...] = ()
    snippets: tuple[Snippet, ...] = ()
    tags: tuple[str, ...] = ()
    author: str = ""
    speakers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    date: str | None = None
    date_inferred: bool = False
    url: str = ""
    source: str = ""
    record: str = ""
    """Where the article sits in its source file: its id there (a JSON record's id, a
    WordPress post id) or its number, when the source has one."""
    body: str | None = None
    """The whole body, only when asked for (``full_text``)."""


@dataclass(frozen=True, slots=True)
class FacetCount:
    """A value of a facet field and how many matching articles hold it."""

    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, the total over all pages, facet counts over all hits, and warnings.

    ``facets`` follows the multi-select rule: a facet whose own field is filtered is counted as
    if that filter were lifted, so its other values stay selectable; ``facets_within`` gives
    that field's counts among the results as they are.
    """

    query: str
    total: int
    hits: tuple[SearchHit, ...] = ()
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    page: int = 1
    limit: int = 10
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    facets_within: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    """For a filtered field, its counts among these results (``facets`` ignores its own filter)."""
    total_all_words: int | None = None
    """For a query of several bare words: how many of the ``total`` hold every one of them
    (``total`` counts those with any). None for other queries."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values (snippet spans included as offsets)."""
        return asdict(self)


@dataclass(frozen=True)
class HitStream:
    """Every hit of a search, produced one at a time, and the search's totals and facets.

    ``results`` is a :class:`SearchResults` without hits (its ``limit`` is the total);
    iterating the stream yields each :class:`SearchHit` in rank order. The hits are read from
    the index as the stream is consumed, so consume it while the searcher is open.
    """

    results: SearchResults
    hits: Iterator[SearchHit]

    def __iter__(self) -> Iterator[SearchHit]:
        return self.hits


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quotation that answers "who said X?", with the article it comes from.

    ``spans`` are the matched words inside ``text``; ``start``/``end`` locate the quote in the
    article's body.
    """

    text: str
    speaker: str
    kind: str
    article_id: str
    title: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    date: str | None = None
    date_inferred: bool = False
    url: str = ""
    source: str = ""
    cue: str = ""
    """The attribution verb or phrase (``said``, ``according to``) when extraction found it."""


@dataclass(frozen=True)
class QuoteResults:
    """Quotations matching a query, best first, and how many there are in all."""

    query: str
    total: int
    quotes: tuple[QuoteHit, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return asdict(self)
