"""Orders of a result set other than by score, and the order of a blended prose ranking.

:func:`by_date` sorts matches by published date, newest or oldest first, with undated articles
always last (an article without a date is not "older" than any other) and ties kept in index
order, so the same query always pages the same way. :func:`blend_ranking` makes the blended
order of a prose query independent of how deep the page asks: the two rankings are blended
over their first ``depth`` entries and the rest follows in the expanded ranking's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from search.feedback import blend

__all__ = ["blend_ranking", "by_date"]


def by_date(
    items: Iterable[tuple[int, float]], date_of: Callable[[int], int | None], *, newest: bool
) -> list[tuple[int, float]]:
    """Sort (docnum, score) pairs by date (None: undated, last), ties by document number.

    >>> dates = {1: 5, 2: None, 3: 9, 4: 5}
    >>> [d for d, _ in by_date([(n, 0.0) for n in dates], dates.get, newest=True)]
    [3, 1, 4, 2]
    >>> [d for d, _ in by_date([(n, 0.0) for n in dates], dates.get, newest=False)]
    [1, 4, 3, 2]
    """
    dated: list[tuple[int, int, float]] = []
    undated: list[tuple[int, float]] = []
    for docnum, score in items:
        value = date_of(docnum)
        if value is None:
            undated.append((docnum, score))
        else:
            dated.append((-value if newest else value, docnum, score))
    dated.sort()
    undated.sort()
    return [(docnum, score) for _, docnum, score in dated] + undated


def blend_ranking(
    first: Sequence[tuple[int, float]], expanded: Sequence[tuple[int, float]], depth: int
) -> list[tuple[int, float]]:
    """Blend the first ``depth`` of both rankings, then the rest of ``expanded`` in its order.

    The blend's scores are between 0 and 1; the articles after it keep their order with a
    score of 0, so scores never rise down the list.

    >>> blend_ranking([(1, 2.0), (2, 1.0)], [(2, 3.0), (1, 2.0), (3, 1.0)], 2)
    [(1, 0.5), (2, 0.5), (3, 0.0)]
    """
    head = blend(first[:depth], expanded[:depth])
    seen = {docnum for docnum, _ in head}
    return head + [(docnum, 0.0) for docnum, _ in expanded[depth:] if docnum not in seen]
