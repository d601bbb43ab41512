"""How an article's score for a query is computed: BM25 with Lucene's inverse document frequency.

Whoosh's BM25F scorer uses ``log(N / (df + 1)) + 1`` for a term's rarity. Lucene, Anserini and
most published BM25 figures use ``log(1 + (N - df + 0.5) / (df + 0.5))``, which separates rare
from common words more sharply; on long natural-language queries that ranks noticeably better
(see ``benchmarks/RESULTS.md``). :class:`DossierBM25` keeps Whoosh's scorer, its per-field
``B`` and its block-quality shortcuts, and swaps in that IDF.
"""

from __future__ import annotations

import math

from whoosh import scoring

__all__ = ["DEFAULT_B", "DEFAULT_K1", "DossierBM25", "lucene_idf"]

DEFAULT_K1 = 1.2
"""Term-frequency saturation: how fast repeated words stop adding to the score."""
DEFAULT_B = 0.75
"""Length normalization: how much a long article is discounted."""


def lucene_idf(doc_count: int, doc_frequency: int) -> float:
    """The rarity of a term found in ``doc_frequency`` of ``doc_count`` documents.

    >>> round(lucene_idf(1000, 1), 3), round(lucene_idf(1000, 999), 3)
    (6.503, 0.001)
    """
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


class _Scorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):  # noqa: ANN001, D107
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        parent = searcher.get_parent()
        self.idf = lucene_idf(parent.doc_count_all(), parent.doc_frequency(fieldname, text))


class DossierBM25(scoring.BM25F):
    """BM25 with Lucene's IDF; ``K1`` and ``B`` (and ``<field>_B``) as in Whoosh's BM25F."""

    def __init__(self, B: float = DEFAULT_B, K1: float = DEFAULT_K1, **kwargs: float) -> None:
        super().__init__(B=B, K1=K1, **kwargs)

    def scorer(self, searcher, fieldname, text, qf=1):  # noqa: ANN001, ANN201
        """Return the scorer for one term (Whoosh's weighting protocol)."""
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        B = self._field_B.get(fieldname, self.B)
        return _Scorer(searcher, fieldname, text, B, self.K1, qf=qf)
