"""Running queries against an index and turning Whoosh hits into plain result values.

:class:`Searcher` opens an index once and serves many queries (the CLI uses one per command, a
server would keep one). :meth:`Searcher.search` parses the query (:mod:`search.query`), applies
keyword filters, ranks with BM25F, counts facets over *all* matching articles, and builds
:class:`~search.results.SearchHit` values with highlighted snippets *while the Whoosh searcher is
open* (Whoosh hits die with it).

Ranking of bare words: articles that contain every word come first, then those that contain
only some, each group ordered by BM25F score, ties broken by id so the order is stable.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import collectors, sorting
from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from corpus.article import Article
from indexer.analysis import index_terms
from indexer.schema import (
    BODY,
    DATE,
    FACET_FIELDS,
    ID,
    KEYWORD_FIELDS,
    ORG,
    QUOTE,
    SPEAKER,
    TAG,
    TEXT,
    TITLE,
    YEAR,
    article_from_stored,
    label_field,
    term_text,
)
from indexer.store import open_index
from search.closest import filter_warnings
from search.datespec import period
from search.facets import DateWindow, FacetTables, date_window
from search.feedback import (
    FEEDBACK_DOCS,
    MIN_PROSE_TERMS,
    ORIGINAL_WEIGHT,
    expanded_weights,
    relevance_model,
)
from search.highlight import MatchSpec, find_matches
from search.histogram import fill_years, month_counts
from search.hits import build_hit
from search.ordering import blend_ranking, by_date
from search.query import SEARCHABLE_FIELDS, AnyWords, ParsedQuery, Without, parse_query
from search.quotes import QUOTE_ARTICLES, select_quotes
from search.results import FacetCount, HitStream, QuoteResults, SearchHit, SearchResults
from search.scoring import DossierBM25, lucene_idf
from search.spelling import Vocabulary, suggest

__all__ = ["FACET_NAMES", "FILTER_FIELDS", "MONTH", "SORTS", "Searcher"]

SIMILAR_TERMS = 12
"""How many of an article's most distinctive words ``similar`` searches for."""
FEEDBACK_DEPTH = 100
"""How deep both rankings of a prose query are read before blending."""
SORTS = ("relevance", "date", "newest", "oldest")
"""``date`` is ``newest``: latest published first."""
FILTER_FIELDS = (*KEYWORD_FIELDS, YEAR)
"""Fields a search can be narrowed by (and facets counted on)."""
MONTH = "month"
"""A facet without a field: matches per month of publication (a histogram, gaps as 0)."""
FACET_NAMES = (*FILTER_FIELDS, MONTH)
"""Every facet a search can count."""


def _leaves(q: wq.Query, negated: bool = False):  # noqa: ANN202 - yields (leaf, negated)
    if isinstance(q, wq.Not):
        yield from _leaves(q.query, not negated)
    elif isinstance(q, wq.AndNot):
        yield from _leaves(q.a, negated)
        yield from _leaves(q.b, not negated)
    elif q.is_leaf() or isinstance(q, wq.Phrase):
        yield q, negated
    else:
        for child in q.children():
            yield from _leaves(child, negated)


class _RemembersMatches:
    """Mixed into a Whoosh collector: also remember every matching document number."""

    matched: list[int]

    def prepare(self, top_searcher, q, context):  # noqa: ANN001, D102
        super().prepare(top_searcher, q, context)  # type: ignore[misc]
        self.matched = []

    def collect(self, sub_docnum):  # noqa: ANN001, ANN201, D102
        self.matched.append(self.offset + sub_docnum)  # type: ignore[attr-defined]
        return super().collect(sub_docnum)  # type: ignore[misc]


class _TopAndMatched(_RemembersMatches, collectors.TopCollector):
    """The best N by score, and every match.

    Built with ``usequality=False, replace=0``: Whoosh would otherwise swap in cheaper matchers
    once the top N are known (an and-not or an intersection that can no longer beat the N-th
    score becomes empty), and the matches it stops visiting would be missing from the total
    and the facet counts.
    """


class _AllAndMatched(_RemembersMatches, collectors.UnlimitedCollector):
    """Every match by score (ties in index order, as :class:`_TopAndMatched`)."""


_NO_DATE = 2**63
"""Raw values of the date column at or above this are the filler of articles without a date."""


@dataclass
class _Ranked:
    """Every match of a query in its final order, with what the rest of a search needs."""

    parsed: ParsedQuery
    main: wq.Query
    filters: dict[str, tuple[str, ...]]
    dates: DateWindow
    ranking: list[tuple[int, float]]
    matched: list[int]
    total: int
    all_words: int | None


def _term_count(reader: Any, term: str, docnum: int) -> int:
    """How often ``term`` occurs in document ``docnum``'s ``text`` field."""
    if not reader.doc_frequency(TEXT, term):
        return 0
    postings = reader.postings(TEXT, term)
    postings.skip_to(docnum)
    return int(postings.weight()) if postings.is_active() and postings.id() == docnum else 0


class Searcher:
    """An open index, ready to answer queries. Use it as a context manager.

    :param index_dir: the index folder.
    :raises indexer.IndexStoreError: when the index cannot be opened.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._ix = open_index(index_dir)
        self._searcher = self._ix.searcher(weighting=DossierBM25())
        self._tables = FacetTables(self._searcher.reader())
        self._dates: list[int] | None = None
        self.schema = self._ix.schema

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the index files."""
        self._searcher.close()

    # -- queries ---------------------------------------------------------------------------

    def parse(self, text: str, *, strict: bool = False, plain: bool = False) -> ParsedQuery:
        """Parse ``text`` with this index's schema (an empty query matches every article)."""
        if not text.strip():
            return ParsedQuery(text, wq.Every())
        return parse_query(text, self.schema, strict=strict, plain=plain)

    def _clause(self, name: str, value: str) -> wq.Query:
        if name == YEAR:
            start, end = period(str(value))
            return wq.NumericRange(YEAR, start.year, end.year)
        terms = list(self.schema[name].process_text(value, mode="query"))
        return wq.Term(name, terms[0]) if terms else wq.NullQuery

    def _holds(self, name: str, value: str) -> bool:
        """Whether any article has exactly ``value`` (case and accents aside) in field ``name``."""
        if name not in KEYWORD_FIELDS:
            return True
        clause = self._clause(name, value)
        return isinstance(clause, wq.Term) and self._searcher.doc_frequency(name, clause.text) > 0

    def _labels(self, name: str) -> list[str]:
        """Every value of keyword field ``name`` as the sources wrote it."""
        return [term_text(t) for t in self._searcher.reader().lexicon(label_field(name))]

    def _filter_warnings(self, filters: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        return tuple(filter_warnings(filters, self._holds, self._labels))

    def _filter(
        self, filters: dict[str, tuple[str, ...]], dates: DateWindow, without: str | None = None
    ) -> wq.Query | None:
        """All filters as one query; ``without`` leaves one field's filter out (for facets)."""
        clauses = [
            self._clause(name, value)
            for name, values in filters.items()
            if name != without
            for value in values
        ]
        if dates != (None, None):
            clauses.append(wq.DateRange(DATE, *dates))
        return wq.And(clauses) if clauses else None

    def _expand(self, q: wq.Query, flt: wq.Query | None) -> tuple | None:
        """For a prose query: the RM3-expanded query and the first-pass ranking, else None.

        See :mod:`search.feedback`. The first pass is read :data:`FEEDBACK_DEPTH` deep, so it
        serves both as feedback and as one side of the final blend.
        """
        words = getattr(q, "subqueries", ())
        if not isinstance(q, AnyWords) or not all(
            isinstance(w, wq.Term | wq.Phrase) and w.field() == TEXT for w in words
        ):
            return None
        terms = [w.text for w in words if isinstance(w, wq.Term)]
        if len(set(terms)) + sum(isinstance(w, wq.Phrase) for w in words) < MIN_PROSE_TERMS:
            return None
        first = self._searcher.search(q, limit=FEEDBACK_DEPTH, filter=flt)
        docs = []
        for docnum, score in list(first.items())[:FEEDBACK_DOCS]:
            stored = self._searcher.stored_fields(docnum)
            text = stored.get(TITLE, "") + "\n" + stored.get(BODY, "")
            docs.append((score, [term for _, term, _, _ in index_terms(text)]))
        reader = self._searcher.reader()
        model = relevance_model(
            docs, lambda term: reader.doc_frequency(TEXT, term), reader.doc_count()
        )
        weights = expanded_weights(terms, model)
        phrases = [
            w.with_boost(ORIGINAL_WEIGHT / len(words)) for w in words if isinstance(w, wq.Phrase)
        ]
        expanded = AnyWords([wq.Term(TEXT, t, boost=b) for t, b in weights.items()] + phrases)
        return expanded, list(first.items())

    def _all_words_first(
        self, q: wq.Query, flt: wq.Query | None, need: int | None
    ) -> tuple[list[tuple[int, float]], int] | None:
        """Articles holding every bare word, best first, and how many there are (else None).

        ``a b -c`` counts too: the articles holding ``a`` and ``b``, without ``c``.
        """
        words, banned = (q.a, q.b) if isinstance(q, Without) else (q, None)
        if not isinstance(words, AnyWords) or len(words.subqueries) < 2:
            return None
        every: wq.Query = wq.And(list(words.subqueries))
        if banned is not None:
            every = Without(every, banned)
        results = self._searcher.search(every, limit=need, filter=flt)
        return list(results.items()), len(results)

    def _facets(
        self,
        q: wq.Query,
        filters: dict[str, tuple[str, ...]],
        dates: DateWindow,
        names: tuple[str, ...],
    ) -> dict[str, tuple[FacetCount, ...]]:
        """Count facets whose own field is filtered, under every other filter (multi-select)."""
        counts: dict[str, tuple[FacetCount, ...]] = {}
        if not names:
            return counts
        everything = set(self._searcher.docs_for_query(q))
        for name in names:
            flt = self._filter(filters, dates, without=name)
            matched = (
                everything if flt is None else everything & set(self._searcher.docs_for_query(flt))
            )
            counts[name] = self._count(name, matched)
        return counts

    def _collect(
        self, q: wq.Query, flt: wq.Query | None, limit: int | None
    ) -> tuple[Any, list[int]]:
        """One pass over the index: the top ``limit`` by score (None: all) and every match."""
        inner: Any = _AllAndMatched()
        if limit is not None:
            inner = _TopAndMatched(limit=limit, usequality=False, replace=0)
        collector = collectors.FilterCollector(inner, allow=flt) if flt is not None else inner
        self._searcher.search_with_collector(q, collector)
        return collector.results(), inner.matched

    def _count(self, name: str, docnums: Any) -> tuple[FacetCount, ...]:
        """Facet ``name`` over ``docnums``: a keyword field, ``year`` or ``month`` (histograms)."""
        if name == MONTH:
            return month_counts(self._month_of(n) for n in docnums)
        counts = self._tables.count(name, docnums)
        return fill_years(counts) if name == YEAR else counts

    def _month_of(self, docnum: int) -> str | None:
        value = self._date_of(docnum)
        return None if value is None else long_to_datetime(value).strftime("%Y-%m")

    def _date_of(self, docnum: int) -> int | None:
        """Document ``docnum``'s published date as a sortable number, None when it has none."""
        if self._dates is None:
            column = self._searcher.reader().column_reader(DATE, translate=False)
            self._dates = [column[n] for n in range(self._searcher.reader().doc_count_all())]
        value = self._dates[docnum]
        return None if value >= _NO_DATE else value

    def _match_spec(self, q: wq.Query, fields: tuple[str, ...]) -> MatchSpec:
        """What to highlight for the parts of ``q`` that search ``fields`` (negations left out)."""
        reader = self._searcher.reader()
        terms: dict[str, set[str]] = defaultdict(set)
        phrases: dict[str, list] = defaultdict(list)
        for leaf, negated in _leaves(q):
            if negated:
                continue
            if isinstance(leaf, wq.Phrase):
                phrases[leaf.fieldname].append((tuple(leaf.words), leaf.slop))
                continue
            try:
                found = leaf.existing_terms(reader, expand=True)
            except (AttributeError, TypeError, ValueError):
                continue
            for fieldname, term in found:
                terms[fieldname].add(term_text(term))
        return MatchSpec(
            frozenset().union(*(terms[f] for f in fields)),
            tuple(p for f in fields for p in phrases[f]),
        )

    def _specs(self, q: wq.Query) -> dict[str, MatchSpec]:
        # Bare words search ``text`` (title and body together): show them in both.
        spec = self._match_spec(q, (TEXT, TITLE))
        return {TITLE: spec, BODY: spec}

    def _hit(
        self,
        rank: int,
        docnum: int,
        score: float,
        specs: dict[str, MatchSpec] | None,
        full_text: bool = False,
    ) -> SearchHit:
        stored = self._searcher.stored_fields(docnum)
        return build_hit(stored, rank, score, specs, full_text=full_text)

    def _rank(self, text: str, options: dict[str, Any], need: int | None) -> _Ranked:
        """Parse, filter and order every match; ``need`` is how deep the order must be exact."""
        sort = options.get("sort", "relevance")
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        filters = {k: tuple(v) for k, v in (options.get("filters") or {}).items() if v}
        unknown = set(filters) - set(FILTER_FIELDS)
        if unknown:
            raise ValueError(f"cannot filter on {', '.join(sorted(unknown))}")
        parsed = self.parse(
            text, strict=options.get("strict", False), plain=options.get("plain", False)
        )
        dates = date_window(options.get("since"), options.get("until"))
        flt = self._filter(filters, dates)
        q = parsed.query
        by_relevance = sort == "relevance"
        prose = self._expand(q, flt) if by_relevance and options.get("feedback", True) else None
        tier = self._all_words_first(q, flt, need if by_relevance and not prose else 1)
        main = prose[0] if prose else q
        depth = need
        if need is not None and not by_relevance:
            depth = None  # dates order every match
        elif need is not None and prose:
            depth = max(need, FEEDBACK_DEPTH)
        elif need is not None and tier:
            depth = need + len(tier[0])
        # One pass ranks, counts and finds every match for the facets.
        results, matched = self._collect(main, flt, depth)
        ranked = list(results.items())
        if not by_relevance:
            ranking = by_date(ranked, self._date_of, newest=sort != "oldest")
        elif prose:
            ranking = blend_ranking(prose[1], ranked, FEEDBACK_DEPTH)
        elif tier:
            seen = {docnum for docnum, _ in tier[0]}
            ranking = tier[0] + [(d, score) for d, score in ranked if d not in seen]
        else:
            ranking = ranked
        return _Ranked(
            parsed, main, filters, dates, ranking, matched, len(results), tier[1] if tier else None
        )

    def _results(
        self, ranked: _Ranked, hits: list[SearchHit], facets: tuple[str, ...], page: int, limit: int
    ) -> SearchResults:
        """The values around the hits: totals, facet counts, warnings, a spelling suggestion."""
        filters, matched = ranked.filters, ranked.matched
        shared = tuple(name for name in facets if name not in filters)
        counts = {name: self._count(name, matched) for name in shared}
        selected = tuple(n for n in facets if n in filters)
        counts |= self._facets(ranked.main, filters, ranked.dates, selected)
        within = {name: self._count(name, matched) for name in selected}
        text = ranked.parsed.text
        suggestion = None
        if text.strip():
            analyzer = self.schema[TEXT].analyzer
            suggestion = suggest(text, analyzer, self._vocabulary(), found=ranked.total)
        return SearchResults(
            query=text,
            total=ranked.total,
            hits=tuple(hits),
            facets={name: counts[name] for name in facets},
            warnings=ranked.parsed.warnings + self._filter_warnings(filters),
            page=page,
            limit=limit,
            filters=filters,
            suggestion=suggestion,
            facets_within=within,
            total_all_words=ranked.all_words,
        )

    def search(
        self,
        text: str,
        *,
        filters: dict[str, tuple[str, ...]] | None = None,
        limit: int = 10,
        page: int = 1,
        sort: str = "relevance",
        facets: tuple[str, ...] = (TAG,),
        strict: bool = False,
        plain: bool = False,
        snippets: bool = True,
        since: str | None = None,
        until: str | None = None,
        feedback: bool = True,
        full_text: bool = False,
    ) -> SearchResults:
        """Run a query and return one page of hits with facet counts over all hits.

        :param filters: field -> values every hit must have (``{"tag": ("HRC40",)}``); the
            fields are :data:`FILTER_FIELDS`. A facet's counts ignore the filter on its own field,
            so the other values stay selectable.
        :param sort: ``relevance``, ``date`` (newest first), ``newest`` or ``oldest``; undated
            articles come last either way.
        :param since: only articles published on or after this date (``YYYY[-MM[-DD]]``).
        :param until: only articles published on or before this date.
        :param feedback: expand long prose queries with words from their best matches (RM3).
        :param plain: read the query as plain words, without operators or fields (for pasted
            natural-language text).
        :param snippets: build highlighted passages for the hits (skip for ranking only).
        :param full_text: give each hit its whole body too (for exports).
        :raises search.errors.QueryError: only with ``strict``.

        Pages are slices of one order: page 2 of 10 holds the same hits as ranks 11-20 of
        :meth:`search_all`.
        """
        page, limit = max(1, page), max(1, limit)
        offset = (page - 1) * limit
        options = {
            "filters": filters,
            "sort": sort,
            "strict": strict,
            "plain": plain,
            "since": since,
            "until": until,
            "feedback": feedback,
        }
        ranked = self._rank(text, options, offset + limit)
        specs = self._specs(ranked.parsed.query) if snippets else None
        page_of = ranked.ranking[offset : offset + limit]
        hits = [
            self._hit(rank, docnum, score, specs, full_text)
            for rank, (docnum, score) in enumerate(page_of, offset + 1)
        ]
        return self._results(ranked, hits, facets, page, limit)

    def search_all(
        self,
        text: str,
        *,
        filters: dict[str, tuple[str, ...]] | None = None,
        sort: str = "relevance",
        facets: tuple[str, ...] = (TAG,),
        strict: bool = False,
        plain: bool = False,
        snippets: bool = True,
        since: str | None = None,
        until: str | None = None,
        feedback: bool = True,
        full_text: bool = False,
    ) -> HitStream:
        """Every match in rank order, built one hit at a time as the stream is read.

        Takes :meth:`search`'s options (no ``limit``/``page``). The stream's ``results`` hold
        the totals, facets and warnings (and no hits); iterate it for the hits, while this
        searcher is open. The order of matches is computed up front (a document number and a
        score per match); each hit's stored fields and passages are read only when reached.
        """
        options = {
            "filters": filters,
            "sort": sort,
            "strict": strict,
            "plain": plain,
            "since": since,
            "until": until,
            "feedback": feedback,
        }
        ranked = self._rank(text, options, None)
        specs = self._specs(ranked.parsed.query) if snippets else None
        results = self._results(ranked, [], facets, 1, max(1, ranked.total))

        def hits() -> Iterator[SearchHit]:
            for rank, (docnum, score) in enumerate(ranked.ranking, 1):
                yield self._hit(rank, docnum, score, specs, full_text)

        return HitStream(results, hits())

    def similar(self, article_id: str, *, limit: int = 10) -> SearchResults | None:
        """Articles closest to one article (its most distinctive words, searched), or None."""
        article = self.get(article_id)
        if article is None:
            return None
        docnum = self._searcher.document_number(id=article.id)
        results = self._searcher.more_like(
            docnum,
            TEXT,
            text=article.title + "\n" + article.body,
            top=limit,
            numterms=SIMILAR_TERMS,
        )
        lead = {TITLE: MatchSpec(), BODY: MatchSpec()}
        hits = [self._hit(rank, hit.docnum, hit.score, lead) for rank, hit in enumerate(results, 1)]
        return SearchResults(query=f"similar to {article.id}", total=len(hits), hits=tuple(hits))

    def _vocabulary(self) -> Vocabulary:
        reader = self._searcher.reader()

        def surface(stem: str) -> str:
            for docnum in self._searcher.docs_for_query(wq.Term(TEXT, stem)):
                stored = self._searcher.stored_fields(docnum)
                # The body first: titles are often in capitals (news wires).
                text = stored.get(BODY, "") + "\n" + stored.get(TITLE, "")
                for _, term, start, end in index_terms(text):
                    if term == stem:
                        return re.sub(r"['’]s$", "", text[start:end])
            return stem

        return Vocabulary(
            doc_frequency=lambda term: reader.doc_frequency(TEXT, term),
            nearby=lambda term, edits: reader.terms_within(TEXT, term, edits, prefix=1),
            surface=surface,
        )

    def explain(self, text: str, article_id: str) -> dict[str, Any] | None:
        """How ``article_id`` scored for ``text``: each ``text`` term's share of its BM25 score.

        Returns None when there is no such article.
        """
        article = self.get(article_id)
        if article is None:
            return None
        q, s, reader = self.parse(text).query, self._searcher, self._searcher.reader()
        docnum = s.document_number(id=article.id)
        only = wq.Term(ID, article.id)
        results = s.search(q, filter=only, limit=1)
        terms = []
        for fieldname, raw in sorted(q.iter_all_terms()):
            term = term_text(raw)
            if fieldname != TEXT:
                continue
            frequency = reader.doc_frequency(TEXT, term)
            vector = s.search(wq.Term(TEXT, term), filter=only, limit=1)
            terms.append(
                {
                    "term": term,
                    "frequency_in_article": _term_count(reader, term, docnum),
                    "articles_with_term": frequency,
                    "idf": round(lucene_idf(reader.doc_count(), frequency), 4),
                    "contribution": round(vector.score(0), 4) if len(vector) else 0.0,
                }
            )
        return {
            "id": article.id,
            "matches": bool(len(results)),
            "score": round(results.score(0), 4) if len(results) else 0.0,
            "length": reader.doc_field_length(docnum, TEXT),
            "average_length": round(reader.field_length(TEXT) / max(1, reader.doc_count()), 1),
            "terms": terms,
        }

    # -- quotations ------------------------------------------------------------------------

    def quotes(
        self,
        text: str = "",
        *,
        speakers: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        strict: bool = False,
    ) -> QuoteResults:
        """Find quotations: who said the words of ``text``, best first.

        Bare words search the quoted text only (``quote`` field); ``speakers`` keeps quotes by
        those people or organizations. With no words, a speaker's quotes come newest first.
        """
        parsed = (
            parse_query(text, self.schema, strict=strict, fields=(QUOTE,))
            if text.strip()
            else ParsedQuery(text, wq.Every())
        )
        clauses = [
            wq.Or([self._clause(SPEAKER, name), self._clause(ORG, name)]) for name in speakers
        ]
        base = self._filter({TAG: tags}, date_window(since, until))
        flt = wq.And([*clauses, base] if base else clauses) if clauses or base else None
        spec = self._match_spec(parsed.query, (QUOTE,)) if text.strip() else None
        hits = self._searcher.search(parsed.query, limit=QUOTE_ARTICLES, filter=flt)
        found = select_quotes(((h.fields(), h.score) for h in hits), spec, speakers)
        warnings = filter_warnings(
            {SPEAKER: speakers, TAG: tags},
            lambda name, value: self._holds(name, value)
            or (name == SPEAKER and self._holds(ORG, value)),
            lambda name: self._labels(name) + (self._labels(ORG) if name == SPEAKER else []),
        )
        return QuoteResults(
            query=text,
            total=len(found),
            quotes=tuple(found[:limit]),
            warnings=parsed.warnings + tuple(warnings),
        )

    # -- documents -------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        """Return the stored article with ``article_id`` (a unique prefix is enough)."""
        stored = self._searcher.document(id=article_id)
        if stored is None and article_id:
            candidates = self.ids_starting(article_id, limit=2)
            stored = self._searcher.document(id=candidates[0]) if len(candidates) == 1 else None
        return article_from_stored(stored) if stored else None

    def ids_starting(self, prefix: str, *, limit: int = 20) -> list[str]:
        """The ids of stored articles that start with ``prefix``, in order, at most ``limit``.

        More than one means a prefix is ambiguous; :meth:`get` then returns None.
        """
        found: list[str] = []
        if not prefix:
            return found
        for term in self._searcher.reader().expand_prefix(ID, prefix):
            article_id = term_text(term)
            if self._searcher.document_number(id=article_id) is not None:
                found.append(article_id)
                if len(found) >= limit:
                    break
        return found

    def matches(
        self, text: str, article: Article, *, plain: bool = False
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Where the words of query ``text`` occur in ``article``: (title spans, body spans).

        For showing a whole article with its matches marked, as hits mark their passages.
        """
        if not text.strip():
            return [], []
        specs = self._specs(self.parse(text, plain=plain).query)
        return (
            find_matches(article.title, index_terms, specs[TITLE]),
            find_matches(article.body, index_terms, specs[BODY]),
        )

    def up_to_date(self) -> bool:
        """Whether this searcher still reads the newest commit of its index.

        A long-lived reader (a server) opens a new :class:`Searcher` when this turns False, so
        that an index rebuilt by another process is picked up without a restart.
        """
        return bool(self._searcher.up_to_date())

    def stats(self) -> dict[str, Any]:
        """Counts and facts about the index, for ``dossier stats``."""
        reader = self._searcher.reader()
        dated = wq.DateRange(DATE, None, None)  # every article that has a published date

        def edge(newest: bool) -> datetime | None:
            facet = sorting.FieldFacet(DATE, reverse=newest)
            hits = self._searcher.search(dated, limit=1, sortedby=[facet])
            return hits[0][DATE] if len(hits) else None

        dates = [d for d in (edge(False), edge(True)) if d]
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return {
            "index": str(self.index_dir),
            "articles": self._searcher.doc_count(),
            "distinct": {
                name: sum(1 for _ in reader.lexicon(label_field(name))) for name in FACET_FIELDS
            },
            "first_date": min(dates).date().isoformat() if dates else None,
            "last_date": max(dates).date().isoformat() if dates else None,
            "size_bytes": size,
            "searchable_fields": list(SEARCHABLE_FIELDS),
        }
