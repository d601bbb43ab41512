"""Facet counting and date windows for searches.

:func:`merge_facet` turns the raw groups the searcher counts into display-ready
:class:`~search.results.FacetCount` values; :func:`date_window` reads ``--since``/``--until``.

Keyword facets are counted on the ``*_label`` twin of a field, which keeps values as written;
variants that differ only in case are merged under their most frequent spelling. The ``year``
facet is a histogram, ordered by year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from indexer.schema import YEAR
from search.datespec import period
from search.errors import BadDateError
from search.results import FacetCount

__all__ = ["DateWindow", "date_window", "merge_facet"]

DateWindow = tuple[datetime | None, datetime | None]


def merge_facet(name: str, groups: Mapping[object, int]) -> tuple[FacetCount, ...]:
    """Turn Whoosh's raw groups into counts: case variants merged, most frequent first."""
    if name == YEAR:
        # Articles without a date carry the column's filler value: not a year.
        years = sorted((int(y), n) for y, n in groups.items() if y is not None and 0 < y < 10000)
        return tuple(FacetCount(str(y), n) for y, n in years)
    merged: dict[str, dict[str, int]] = defaultdict(dict)
    for label, count in groups.items():
        if isinstance(label, str) and label:
            merged[label.casefold()][label] = count
    items = [
        FacetCount(max(forms, key=lambda f: (forms[f], f)), sum(forms.values()))
        for forms in merged.values()
    ]
    return tuple(sorted(items, key=lambda fc: (-fc.count, fc.value.casefold())))


def date_window(since: str | None, until: str | None) -> DateWindow:
    """The inclusive window ``--since``/``--until`` describe (each a year, month or day).

    :raises BadDateError: for a value that is not a date, or a window that ends first.
    """
    start = period(since)[0] if since else None
    end = period(until)[1] if until else None
    if start and end and start > end:
        raise BadDateError(f"--since {since} is after --until {until}")
    return start, end
