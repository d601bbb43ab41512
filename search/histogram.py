"""Date histograms for facets: years with no articles shown as 0, and months when years are few.

A year facet counted over matching articles only lists years that have some; a histogram
read by people must show the gaps too, so :func:`fill_years` adds the missing years between
the first and the last as 0. When the matches span only :data:`FEW_YEARS` years or fewer, a
year histogram says little, and :func:`month_counts` gives one bar per month instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from search.results import FacetCount

__all__ = ["FEW_YEARS", "fill_years", "month_counts"]

FEW_YEARS = 2
"""Up to this many years between the first and the last match: show months too."""


def fill_years(counts: Iterable[FacetCount]) -> tuple[FacetCount, ...]:
    """Year counts from the first year to the last, with years without articles as 0.

    >>> [(c.value, c.count) for c in fill_years([FacetCount("1987", 2), FacetCount("1990", 1)])]
    [('1987', 2), ('1988', 0), ('1989', 0), ('1990', 1)]
    """
    held = {int(c.value): c.count for c in counts}
    if not held:
        return ()
    return tuple(FacetCount(str(y), held.get(y, 0)) for y in range(min(held), max(held) + 1))


def month_counts(months: Iterable[str | None]) -> tuple[FacetCount, ...]:
    """Count ``YYYY-MM`` values (None: undated, left out), every month in between shown.

    >>> [(c.value, c.count) for c in month_counts(["1987-11", None, "1988-01", "1987-11"])]
    [('1987-11', 2), ('1987-12', 0), ('1988-01', 1)]
    """
    counts = Counter(m for m in months if m)
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append(FacetCount(key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)
