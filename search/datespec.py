"""Date values in queries: ``2019``, ``2019-06``, ``2019-06-30``, ranges and comparisons.

:func:`parse_date_spec` turns the text after ``date:`` or ``mentioned:`` into an inclusive
``(start, end)`` pair of datetimes (either may be None for an open end). A value names a whole
period, so ``date:2019`` is all of 2019 and ``date:>2019-06`` starts on 1 July 2019.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from search.errors import BadDateError

__all__ = ["parse_date_spec", "period"]

_VALUE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_RANGE = re.compile(r"^([\[{])\s*(\S*?)\s+(?:TO|to)\s+(\S*?)\s*([\]}])$")
_COMPARE = re.compile(r"^(>=|=>|<=|=<|>|<)(.+)$")
_ONE = timedelta(microseconds=1)


def period(value: str) -> tuple[datetime, datetime]:
    """Return the first and last instant of the period a date value names.

    >>> [d.date().isoformat() for d in period("2019-06")]
    ['2019-06-01', '2019-06-30']
    """
    match = _VALUE.match(value.strip())
    if not match:
        raise BadDateError(f"cannot read {value!r} as a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        raise BadDateError(f"{value!r} is not a real date: months go from 01 to 12")
    try:
        if month is None:
            return datetime(year, 1, 1), datetime(year + 1, 1, 1) - _ONE
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime(year, month, 1), datetime(year, month, last, 23, 59, 59, 999999)
        start = datetime(year, month, day)
    except ValueError:
        if month is not None and day is not None and year >= 1:
            days = calendar.monthrange(year, month)[1]
            name = calendar.month_name[month]
            raise BadDateError(
                f"{value!r} is not a real date: {name} {year} has {days} days"
            ) from None
        raise BadDateError(f"{value!r} is not a real date") from None
    return start, start + timedelta(days=1) - _ONE


def parse_date_spec(spec: str) -> tuple[datetime | None, datetime | None]:
    """Return the inclusive (start, end) that a date query value covers.

    >>> start, end = parse_date_spec("[2019-01-01 TO 2019-06-30]")
    >>> start.date().isoformat(), end.date().isoformat()
    ('2019-01-01', '2019-06-30')
    >>> parse_date_spec(">2019-06")[0].date().isoformat()
    '2019-07-01'
    """
    spec = spec.strip()
    compare = _COMPARE.match(spec)
    if compare:
        op, value = compare.groups()
        first, last = period(value)
        if op == ">":
            return last + _ONE, None
        if op in (">=", "=>"):
            return first, None
        if op == "<":
            return None, first - _ONE
        return None, last
    ranged = _RANGE.match(spec)
    if ranged:
        open_bracket, low, high, close_bracket = ranged.groups()
        start = end = None
        if low and low != "*":
            first, last = period(low)
            start = first if open_bracket == "[" else last + _ONE
        if high and high != "*":
            first, last = period(high)
            end = last if close_bracket == "]" else first - _ONE
        if start and end and start > end:
            raise BadDateError(f"the date range {spec!r} ends before it starts")
        return start, end
    return period(spec)
