"""Pseudo-relevance feedback for long natural-language queries (RM3).

A sentence pasted as a query ("vitamin D supplements lower the risk of fractures in elderly
women") describes what is wanted in words the relevant articles may not use. RM3 reads the
best-ranked articles of the first pass, estimates which words they share (a relevance model),
adds the strongest of those words to the query with small weights, and runs it again; the two
rankings are then blended. Short keyword queries are never expanded: a user who types two words
wants those words.

The parts: :func:`relevance_model` (word weights from the feedback articles),
:func:`expanded_weights` (query words and expansion words, mixed), and :func:`blend`
(min-max normalized scores, interpolated).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

__all__ = [
    "FEEDBACK_DOCS",
    "FEEDBACK_TERMS",
    "MIN_PROSE_TERMS",
    "ORIGINAL_WEIGHT",
    "RERANK_WEIGHT",
    "blend",
    "expanded_weights",
    "relevance_model",
]

MIN_PROSE_TERMS = 5
"""A query of only bare words with at least this many distinct terms is read as prose."""
FEEDBACK_DOCS = 10
"""How many top articles of the first pass feed the relevance model."""
FEEDBACK_TERMS = 10
"""How many expansion words are added."""
ORIGINAL_WEIGHT = 0.8
"""Share of the expanded query's weight kept by the user's own words."""
RERANK_WEIGHT = 0.5
"""Share of the final score taken from the expanded query's ranking."""
MIN_DOC_FREQUENCY = 2
"""Words found in fewer articles are never added (typos, identifiers)."""
MAX_DOC_SHARE = 0.05
"""Words found in a larger share of all articles are never added: they barely discriminate,
and they are the costliest to score."""


def relevance_model(
    docs: Sequence[tuple[float, Iterable[str]]],
    doc_frequency: Callable[[str], int],
    doc_count: int,
) -> dict[str, float]:
    """Weight each word by how much of the feedback articles it makes up, per article score.

    Article weights are a softmax of their first-pass scores, so the best match counts most.

    >>> model = relevance_model([(2.0, ["a", "b"]), (1.0, ["a"])], lambda t: 5, 100)
    >>> max(model, key=model.__getitem__)
    'a'
    """
    if not docs:
        return {}
    top = max(score for score, _ in docs)
    weights = [math.exp(score - top) for score, _ in docs]
    total = sum(weights)
    model: defaultdict[str, float] = defaultdict(float)
    for (_, terms), weight in zip(docs, weights, strict=True):
        counts = Counter(terms)
        length = sum(counts.values()) or 1
        for term, count in counts.items():
            model[term] += (count / length) * (weight / total)
    ceiling = MAX_DOC_SHARE * doc_count
    for term in list(model):
        if not MIN_DOC_FREQUENCY <= doc_frequency(term) <= ceiling:
            del model[term]
    return dict(model)


def expanded_weights(query_terms: Sequence[str], model: Mapping[str, float]) -> dict[str, float]:
    """Mix the query's own words (``ORIGINAL_WEIGHT``) with the model's strongest words.

    >>> w = expanded_weights(["a", "b"], {"c": 0.5, "a": 0.5})
    >>> round(w["a"], 2), round(w["c"], 2)
    (0.5, 0.1)
    """
    weights: defaultdict[str, float] = defaultdict(float)
    own = Counter(query_terms)
    for term, count in own.items():
        weights[term] += ORIGINAL_WEIGHT * count / sum(own.values())
    strongest = heapq.nlargest(FEEDBACK_TERMS, model.items(), key=lambda item: item[1])
    total = sum(v for _, v in strongest) or 1.0
    for term, value in strongest:
        weights[term] += (1 - ORIGINAL_WEIGHT) * value / total
    return dict(weights)


K = TypeVar("K", str, int)
"""A ranked key: an article id or a document number."""


def _normalized(ranking: Sequence[tuple[K, float]]) -> dict[K, float]:
    if not ranking:
        return {}
    high, low = ranking[0][1], ranking[-1][1]
    spread = (high - low) or 1.0
    return {key: (score - low) / spread for key, score in ranking}


def blend(
    first: Sequence[tuple[K, float]], second: Sequence[tuple[K, float]]
) -> list[tuple[K, float]]:
    """Interpolate two best-first rankings of (key, score); ties broken by key.

    >>> [k for k, _ in blend([("x", 3.0), ("y", 1.0)], [("y", 9.0), ("z", 1.0)])]
    ['x', 'y', 'z']
    """
    a, b = _normalized(first), _normalized(second)
    scores = {
        key: (1 - RERANK_WEIGHT) * a.get(key, 0.0) + RERANK_WEIGHT * b.get(key, 0.0)
        for key in a.keys() | b.keys()
    }
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
