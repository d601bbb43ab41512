"""Why an article scored as it did: each query term's share of its BM25 score.

For every term the query looks for in ``text`` (title and body), :func:`explain_score` reports
how often the article holds it, in how many articles it occurs, its IDF, and the score it
contributes to this article; the sum of contributions is the article's score for a plain
word query.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher as WhooshSearcher

from indexer.schema import ID, TEXT
from search.scoring import lucene_idf

__all__ = ["explain_score"]


def explain_score(searcher: WhooshSearcher, q: wq.Query, article_id: str) -> dict[str, Any] | None:
    """Break the score of article ``article_id`` for query ``q`` into term contributions."""
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return None
    only = wq.Term(ID, article_id)
    results = searcher.search(q, filter=only, limit=1)
    reader = searcher.reader()
    terms = []
    for fieldname, term in sorted(q.iter_all_terms()):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if fieldname != TEXT:
            continue
        alone = searcher.search(wq.Term(TEXT, text), filter=only, limit=1)
        postings = reader.postings(TEXT, text) if reader.doc_frequency(TEXT, text) else None
        frequency = 0
        if postings is not None and postings.skip_to(docnum) is None and postings.is_active():
            frequency = int(postings.weight()) if postings.id() == docnum else 0
        terms.append(
            {
                "term": text,
                "frequency_in_article": frequency,
                "articles_with_term": reader.doc_frequency(TEXT, text),
                "idf": round(lucene_idf(reader.doc_count(), reader.doc_frequency(TEXT, text)), 4),
                "contribution": round(alone.score(0), 4) if len(alone) else 0.0,
            }
        )
    return {
        "id": article_id,
        "matches": bool(len(results)),
        "score": round(results.score(0), 4) if len(results) else 0.0,
        "length": reader.doc_field_length(docnum, TEXT),
        "average_length": round(reader.field_length(TEXT) / max(1, reader.doc_count()), 1),
        "terms": terms,
    }
