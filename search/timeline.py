"""Timelines of matching articles: when they were published, and which dates they mention.

Two parts:

* :func:`date_tables` reads, once per open index, each article's published date and the dates
  written in its text as *period keys* at every precision the source gives: a day ``1988-07-29``
  also counts in its month ``1988-07`` and its year ``1988``; a date written as a year only counts
  in that year. :class:`~search.facets.FacetTables` serves them as two extra facets,
  :data:`PUBLISHED` and :data:`MENTIONED`, so one search counts them over *all* matches like any
  other facet, and each article counts once per period.
* :func:`build_timeline` turns those counts into a :class:`Timeline` of consecutive
  :class:`TimeBucket` values (empty periods included, so bars sit on a linear time axis), by day
  when the dates span at most :data:`DAY_SPAN_DAYS` days, by month up to :data:`MONTH_SPAN_YEARS`
  years, else by year.

Each bucket carries its first and last day, which is what ``--since``/``--until`` (or a query's
``date:``/``mentioned:`` clause) take to narrow a search to that period.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from indexer.schema import article_from_stored

__all__ = [
    "DATE_FACETS",
    "DAY_SPAN_DAYS",
    "MENTIONED",
    "MONTH_SPAN_YEARS",
    "PUBLISHED",
    "TimeBucket",
    "Timeline",
    "build_timeline",
    "date_tables",
    "period_keys",
]

PUBLISHED = "published"
"""Facet name of the published-date period keys."""
MENTIONED = "mentioned"
"""Facet name of the period keys of dates written in the text."""
DATE_FACETS = (PUBLISHED, MENTIONED)
DAY_SPAN_DAYS = 62
"""Dates spanning at most this many days are drawn by day."""
MONTH_SPAN_YEARS = 15
"""Dates spanning at most this many years are drawn by month, longer spans by year."""
_UNIT_LENGTH = {"year": 4, "month": 7, "day": 10}


def period_keys(value: str) -> tuple[str, ...]:
    """The period keys of an ISO date, month or year: itself and every coarser period.

    >>> period_keys("1988-07-29")
    ('1988', '1988-07', '1988-07-29')
    >>> period_keys("1988")
    ('1988',)
    """
    return tuple(value[:n] for n in (4, 7, 10) if len(value) >= n)


def date_tables(reader: Any) -> dict[str, list[tuple[str, ...]]]:
    """Per document number, the period keys of its published date and of its mentioned dates.

    One pass over the stored documents (``reader.iter_docs()``, as Whoosh's readers have);
    deleted documents keep an empty entry.
    """
    size = reader.doc_count_all()
    published: list[tuple[str, ...]] = [()] * size
    mentioned: list[tuple[str, ...]] = [()] * size
    for docnum, stored in reader.iter_docs():
        article = article_from_stored(stored)
        if article.published:
            published[docnum] = period_keys(article.published.isoformat())
        keys = {key for mention in article.dates for key in period_keys(mention.value)}
        mentioned[docnum] = tuple(sorted(keys))
    return {PUBLISHED: published, MENTIONED: mentioned}


@dataclass(frozen=True, slots=True)
class TimeBucket:
    """One bar: a period (``label`` as a date key), its first and last day, and its count."""

    label: str
    start: str
    end: str
    count: int


@dataclass(frozen=True)
class Timeline:
    """Consecutive buckets of one ``unit`` (``day``, ``month`` or ``year``), oldest first."""

    unit: str
    buckets: tuple[TimeBucket, ...] = ()

    @property
    def peak(self) -> int:
        """The highest count (0 for an empty timeline)."""
        return max((b.count for b in self.buckets), default=0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return asdict(self)


def _first_day(key: str) -> date:
    parts = [int(p) for p in key.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(key: str) -> date:
    parts = [int(p) for p in key.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def _unit(keys: Iterable[str]) -> str:
    """The finest unit that fits the span of ``keys`` and the precision of every date in it.

    Only the most precise key of each date counts (its coarser keys would widen the span): a
    date given only as a year makes the timeline yearly.
    """
    keys = set(keys)
    coarser = {k[:n] for k in keys for n in (4, 7) if len(k) > n}
    leaves = keys - coarser
    first = min(_first_day(k) for k in leaves)
    last = max(_last_day(k) for k in leaves)
    coarsest = min(len(k) for k in leaves)
    if coarsest == _UNIT_LENGTH["day"] and (last - first).days < DAY_SPAN_DAYS:
        return "day"
    if coarsest >= _UNIT_LENGTH["month"] and last.year - first.year < MONTH_SPAN_YEARS:
        return "month"
    return "year"


def _next(key: str, unit: str) -> str:
    if unit == "year":
        return f"{int(key) + 1:04d}"
    if unit == "month":
        year, month = (int(p) for p in key.split("-"))
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return (_first_day(key) + timedelta(days=1)).isoformat()


def build_timeline(counts: Iterable[Any], unit: str | None = None) -> Timeline:
    """Turn period-key counts (``FacetCount`` values of a date facet) into a timeline.

    :param unit: ``day``, ``month`` or ``year``; by default chosen from the
        span of the dates and how precisely they are given (a date written as a year only
        makes the timeline yearly).

    >>> from search.results import FacetCount
    >>> t = build_timeline([FacetCount("1987", 3), FacetCount("1987-03", 2),
    ...                     FacetCount("1987-05", 1)])
    >>> t.unit, [(b.label, b.count) for b in t.buckets]
    ('month', [('1987-03', 2), ('1987-04', 0), ('1987-05', 1)])
    """
    by_key = {c.value: c.count for c in counts if c.count}
    if not by_key:
        return Timeline(unit or "month")
    unit = unit or _unit(by_key)
    if unit not in _UNIT_LENGTH:
        raise ValueError(f"unit must be one of {', '.join(_UNIT_LENGTH)}")
    wanted = {k: n for k, n in by_key.items() if len(k) == _UNIT_LENGTH[unit]}
    if not wanted:
        return Timeline(unit)
    key, last = min(wanted), max(wanted)
    buckets = []
    while key <= last:
        buckets.append(
            TimeBucket(
                key, _first_day(key).isoformat(), _last_day(key).isoformat(), wanted.get(key, 0)
            )
        )
        key = _next(key, unit)
    return Timeline(unit, tuple(buckets))
