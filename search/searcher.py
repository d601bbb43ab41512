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

from collections import defaultdict
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh import scoring, sorting

from corpus.article import Article
from indexer.schema import (
    BODY,
    DATE,
    FACET_FIELDS,
    ID,
    KEYWORD_FIELDS,
    RECORD,
    TAG,
    TITLE,
    article_from_stored,
    label_field,
)
from indexer.store import open_index
from search.highlight import MatchSpec, find_matches, lead_snippet, make_snippets
from search.query import AnyWords, ParsedQuery, parse_query
from search.results import FacetCount, SearchHit, SearchResults

__all__ = ["SORTS", "Searcher"]

SORTS = ("relevance", "newest", "oldest")


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


def _as_text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


class Searcher:
    """An open index, ready to answer queries. Use it as a context manager.

    :param index_dir: the index folder.
    :raises indexer.IndexStoreError: when the index cannot be opened.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._ix = open_index(index_dir)
        self._searcher = self._ix.searcher(weighting=scoring.BM25F())
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

    def _filter(self, filters: dict[str, tuple[str, ...]]) -> wq.Query | None:
        clauses = []
        for name, values in filters.items():
            for value in values:
                terms = list(self.schema[name].process_text(value, mode="query"))
                clauses.append(wq.Term(name, terms[0]) if terms else wq.NullQuery)
        return wq.And(clauses) if clauses else None

    def _ranked(self, q: wq.Query, flt: wq.Query | None, need: int, sort: str) -> list:
        """Return the top ``need`` hits as (tier, -score, id, hit) in final order."""
        s = self._searcher
        if sort != "relevance":
            facet = sorting.FieldFacet(DATE, reverse=(sort == "newest"))
            results = s.search(q, limit=need, filter=flt, sortedby=[facet], terms=True)
            return [(0, 0.0, h[ID], h) for h in results]
        tiers: list[tuple[int, wq.Query]] = [(0, q)]
        positives = [sub for sub in getattr(q, "subqueries", ()) if not isinstance(sub, wq.Not)]
        if isinstance(q, AnyWords) and len(positives) > 1:
            everything = wq.And(list(q.subqueries))
            tiers = [(0, everything), (1, wq.AndNot(q, everything))]
        ranked: list = []
        for tier, tier_query in tiers:
            if len(ranked) >= need:
                break
            results = s.search(tier_query, limit=need - len(ranked), filter=flt, terms=True)
            ranked.extend(sorted((tier, -round(h.score, 6), h[ID], h) for h in results))
        return ranked

    def _facets(self, q: wq.Query, flt: wq.Query | None, names: tuple[str, ...]) -> dict:
        if not names:
            return {}
        groups = {
            name: sorting.FieldFacet(label_field(name), allow_overlap=True, maptype=sorting.Count)
            for name in names
        }
        results = self._searcher.search(q, limit=1, filter=flt, groupedby=groups)
        counts: dict[str, tuple[FacetCount, ...]] = {}
        for name in names:
            merged: dict[str, dict[str, int]] = defaultdict(dict)
            for label, count in results.groups(name).items():
                if label is None:
                    continue
                merged[label.casefold()][label] = count
            items = [
                FacetCount(max(forms, key=lambda f: (forms[f], f)), sum(forms.values()))
                for forms in merged.values()
            ]
            counts[name] = tuple(sorted(items, key=lambda fc: (-fc.count, fc.value.casefold())))
        return counts

    def _specs(self, q: wq.Query) -> dict[str, MatchSpec]:
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
                terms[fieldname].add(_as_text(term))
        return {
            name: MatchSpec(frozenset(terms[name]), tuple(phrases[name])) for name in (TITLE, BODY)
        }

    def _hit(self, rank: int, hit: Any, specs: dict[str, MatchSpec] | None) -> SearchHit:
        stored = hit.fields()
        article = article_from_stored(stored)
        analyzer = self.schema[BODY].analyzer
        snippets: list = []
        if specs is not None:
            snippets = make_snippets(
                article.body, find_matches(article.body, analyzer, specs[BODY])
            )
            if not snippets:
                lead = lead_snippet(article.body)
                snippets = [lead] if lead else []
        return SearchHit(
            id=article.id,
            rank=rank,
            score=round(float(hit.score or 0.0), 4),
            title=article.title,
            title_spans=tuple(find_matches(article.title, analyzer, specs[TITLE])) if specs else (),
            snippets=tuple(snippets),
            tags=article.tags,
            author=article.author,
            speakers=article.speakers,
            date=article.published.isoformat() if article.published else None,
            date_inferred=article.published_inferred,
            url=article.url,
            source=article.source_path,
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
    ) -> SearchResults:
        """Run a query and return one page of hits with facet counts over all hits.

        :param filters: keyword field -> values every hit must have (``{"tag": ("HRC40",)}``).
        :param sort: ``relevance``, ``newest`` or ``oldest``.
        :param plain: read the query as plain words, without operators or fields (for pasted
            natural-language text).
        :param snippets: build highlighted passages for the hits (skip for ranking only).
        :raises search.errors.QueryError: only with ``strict``.
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        filters = {k: tuple(v) for k, v in (filters or {}).items() if v}
        unknown = set(filters) - set(KEYWORD_FIELDS)
        if unknown:
            raise ValueError(f"cannot filter on {', '.join(sorted(unknown))}")
        parsed = self.parse(text, strict=strict, plain=plain)
        flt = self._filter(filters)
        page, limit = max(1, page), max(1, limit)
        total = len(self._searcher.search(parsed.query, limit=1, filter=flt))
        offset = (page - 1) * limit
        hits: list[SearchHit] = []
        if offset < total:
            ranked = self._ranked(parsed.query, flt, offset + limit, sort)
            specs = self._specs(parsed.query) if snippets else None
            for rank, (_, _, _, hit) in enumerate(ranked[offset : offset + limit], offset + 1):
                hits.append(self._hit(rank, hit, specs))
        return SearchResults(
            query=text,
            total=total,
            hits=tuple(hits),
            facets=self._facets(parsed.query, flt, tuple(facets)),
            warnings=parsed.warnings,
            page=page,
            limit=limit,
            filters=filters,
        )

    # -- documents -------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        """Return the stored article with ``article_id`` (a unique prefix is enough)."""
        stored = self._searcher.document(id=article_id)
        if stored is None and len(article_id) >= 4:
            matches = list(self._searcher.documents())  # small prefix scan fallback
            candidates = [d for d in matches if d[ID].startswith(article_id)]
            stored = candidates[0] if len(candidates) == 1 else None
        return article_from_stored(stored) if stored else None

    def stats(self) -> dict[str, Any]:
        """Counts and facts about the index, for ``dossier stats``."""
        reader = self._searcher.reader()
        dates = [d[DATE] for d in self._searcher.documents() if d.get(DATE)]
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
            "fields": sorted(n for n in self.schema.names() if n != RECORD),
        }
