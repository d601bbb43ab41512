"""What each page shows, as plain values: one function per kind of page, shared by HTML and JSON.

Each ``*_view`` function takes an open :class:`~search.searcher.Searcher` and the page's checked
parameters, calls the library (the same calls as the command line) and returns a frozen value.
The HTML routes render it with a template; the API routes serialize its ``to_dict()``. So a page
and its JSON twin always say the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from corpus.article import Article
from search.results import FacetCount, QuoteResults, SearchResults
from search.searcher import FILTER_FIELDS, Searcher
from search.speakers import QuoteGroup, SpeakerSummary, cite, group_by_speaker, speaker_summary
from search.timeline import MENTIONED, PUBLISHED, Timeline, build_timeline
from search.web.params import MAX_DEPTH, QuoteParams, SearchParams

__all__ = [
    "ArticleView",
    "QuotesView",
    "SearchView",
    "SpeakerView",
    "article_view",
    "facets_view",
    "quotes_view",
    "search_view",
    "speaker_view",
    "stats_view",
]

FACET_LABELS = {
    "tag": "Tags",
    "speaker": "Speakers",
    "org": "Organizations",
    "author": "Authors",
    "year": "Years",
    "category": "Categories",
    "person": "People named",
}
"""Sidebar headings of the facet fields (others are shown by their field name)."""
FACET_NAMES = {
    "tag": "Tag",
    "speaker": "Speaker",
    "org": "Organization",
    "author": "Author",
    "year": "Year",
    "category": "Category",
    "person": "Person",
}
"""One value's field, as a filter chip names it."""
FACET_MORE = 50
"""A facet in the sidebar opens to its top values up to this many; its own page lists all."""
SIMILAR = 5
"""Similar articles listed under an article."""


def _facets(results: SearchResults) -> dict[str, tuple[FacetCount, ...]]:
    return {k: v for k, v in results.facets.items() if k in FILTER_FIELDS}


@dataclass(frozen=True)
class SearchView:
    """A page of search results with facet counts and both timelines over all matches."""

    params: SearchParams
    results: SearchResults
    published: Timeline
    mentioned: Timeline

    @property
    def pages(self) -> int:
        """Pages a reader can reach (the deepest page stops at :data:`MAX_DEPTH` hits)."""
        limit = self.params.limit
        return max(1, min(-(-self.results.total // limit), MAX_DEPTH // limit))

    @property
    def facets(self) -> dict[str, tuple[FacetCount, ...]]:
        """The keyword and year facets (the date facets are drawn as timelines)."""
        return _facets(self.results)

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer of ``/api/search``."""
        results = self.results
        return {
            "query": results.query,
            "total": results.total,
            "total_all_words": results.total_all_words,
            "page": results.page,
            "limit": results.limit,
            "pages": self.pages,
            "sort": self.params.effective_sort,
            "filters": results.filters,
            "since": self.params.since or None,
            "until": self.params.until or None,
            "warnings": results.warnings,
            "suggestion": results.suggestion,
            "hits": results.hits,
            "facets": self.facets,
            "facets_within": results.facets_within,
            "timeline": {PUBLISHED: self.published, MENTIONED: self.mentioned},
        }


def search_view(searcher: Searcher, params: SearchParams) -> SearchView:
    """Run the search a page asks for, with every facet and the date facets for its timelines."""
    results = searcher.search(
        params.q,
        page=params.page,
        limit=params.limit,
        facets=(*FILTER_FIELDS, PUBLISHED, MENTIONED),
        **params.search_options(),
    )
    return SearchView(
        params,
        results,
        build_timeline(results.facets.get(PUBLISHED, ())),
        build_timeline(results.facets.get(MENTIONED, ())),
    )


def facets_view(searcher: Searcher, params: SearchParams) -> dict[str, Any]:
    """Facet counts over every match (``/api/facets``)."""
    results = searcher.search(
        params.q, limit=1, snippets=False, facets=FILTER_FIELDS, **params.search_options()
    )
    return {
        "query": results.query,
        "total": results.total,
        "warnings": results.warnings,
        "facets": _facets(results),
        "facets_within": results.facets_within,
    }


def stats_view(searcher: Searcher) -> dict[str, Any]:
    """What the index holds (without the server's own folder path)."""
    stats = searcher.stats()
    stats.pop("index", None)
    return stats


@dataclass(frozen=True)
class ArticleView:
    """One article with the query's matches located, and the articles most like it."""

    article: Article
    query: str
    title_spans: tuple[tuple[int, int], ...]
    body_spans: tuple[tuple[int, int], ...]
    similar: SearchResults

    @property
    def sources(self) -> tuple[str, ...]:
        """Every file or URL the article was found in, its main source first."""
        found = [self.article.source_path, *self.article.extra.get("sources", ())]
        return tuple(dict.fromkeys(s for s in found if isinstance(s, str) and s))

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer of ``/api/articles/{id}``."""
        return {
            "article": self.article.to_dict(),
            "sources": self.sources,
            "query": self.query,
            "matches": {"title": self.title_spans, "body": self.body_spans},
            "similar": self.similar.hits,
        }


def article_view(searcher: Searcher, article_id: str, query: str = "") -> ArticleView | None:
    """The article ``article_id`` (a unique prefix is enough), or None."""
    article = searcher.get(article_id)
    if article is None:
        return None
    title_spans, body_spans = searcher.matches(query, article)
    similar = searcher.similar(article.id, limit=SIMILAR) or SearchResults(query="", total=0)
    return ArticleView(article, query, tuple(title_spans), tuple(body_spans), similar)


@dataclass(frozen=True)
class QuotesView:
    """Quotations matching a query, grouped by speaker, each with its citation."""

    params: QuoteParams
    results: QuoteResults
    groups: tuple[QuoteGroup, ...]
    citations: dict[tuple[str, int], str] = field(default_factory=dict)
    """``(article id, quote start)`` → a citation to paste."""

    def citation(self, article_id: str, start: int) -> str:
        """The citation of one quotation."""
        return self.citations.get((article_id, start), "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer of ``/api/quotes``."""
        return {
            "query": self.results.query,
            "total": self.results.total,
            "warnings": self.results.warnings,
            "groups": [
                {
                    "speaker": g.speaker,
                    "kind": g.kind,
                    "quotes": [
                        asdict(q) | {"citation": self.citation(q.article_id, q.start)}
                        for q in g.quotes
                    ],
                }
                for g in self.groups
            ],
        }


def _citations(searcher: Searcher, results: QuoteResults) -> dict[tuple[str, int], str]:
    urls: dict[str, str] = {}
    for q in results.quotes:
        if q.article_id not in urls:
            article = searcher.get(q.article_id)
            urls[q.article_id] = article.url if article else ""
    return {(q.article_id, q.start): cite(q, url=urls[q.article_id]) for q in results.quotes}


def quotes_view(searcher: Searcher, params: QuoteParams) -> QuotesView:
    """Who said the words of the query (or everything said by the chosen speakers)."""
    if not params.asked:
        return QuotesView(params, QuoteResults(query="", total=0), ())
    results = searcher.quotes(params.q, **params.quote_options())
    return QuotesView(
        params, results, group_by_speaker(results.quotes), _citations(searcher, results)
    )


@dataclass(frozen=True)
class SpeakerView:
    """A speaker's page: :class:`~search.speakers.SpeakerSummary` and citations."""

    summary: SpeakerSummary
    citations: dict[tuple[str, int], str] = field(default_factory=dict)

    def citation(self, article_id: str, start: int) -> str:
        """The citation of one quotation."""
        return self.citations.get((article_id, start), "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer of ``/api/speakers/{name}``."""
        data = self.summary.to_dict()
        data["quotes"]["quotes"] = [
            q | {"citation": self.citation(q["article_id"], q["start"])}
            for q in data["quotes"]["quotes"]
        ]
        return data


def speaker_view(searcher: Searcher, name: str) -> SpeakerView | None:
    """Everything about one speaker, or None when nobody of that name is in the index."""
    summary = speaker_summary(searcher, name)
    if summary is None:
        return None
    return SpeakerView(summary, _citations(searcher, summary.quotes))
