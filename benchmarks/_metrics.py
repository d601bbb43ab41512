"""Retrieval metrics computed the way trec_eval does with ``-c``.

Every judged query counts (a query with no hits scores 0); relevance above 0 is relevant;
gains are the judged grades (trec_eval's ``ndcg_cut``), and ranks are taken as given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def ndcg_at(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """nDCG@k of one ranking.

    >>> round(ndcg_at(["a", "x", "b"], {"a": 1, "b": 1}, 10), 4)
    0.9197
    """
    dcg = sum(judged.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Share of the relevant documents found in the top k.

    >>> recall_at(["a", "x"], {"a": 1, "b": 1}, 100)
    0.5
    """
    relevant = {d for d, g in judged.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def ap_at(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Average precision over the top k (trec_eval's ``map_cut``).

    >>> ap_at(["a", "x", "b"], {"a": 1, "b": 1}, 100)
    0.8333333333333333
    """
    relevant = {d for d, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def evaluate(
    run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Mean nDCG@10, Recall@100 and MAP@100 over every judged query."""
    n = len(qrels)
    return {
        "ndcg@10": sum(ndcg_at(run.get(q, []), j, 10) for q, j in qrels.items()) / n,
        "recall@100": sum(recall_at(run.get(q, []), j, 100) for q, j in qrels.items()) / n,
        "map@100": sum(ap_at(run.get(q, []), j, 100) for q, j in qrels.items()) / n,
    }
