"""Published dates as sources write them, turned into a :class:`datetime.date`.

:func:`parse_date` tries, in order: ISO 8601 (``2019-11-06``, ``2019-11-06T10:48:17+00:00``),
WordPress export stamps (``2019-11-06 10:48:17``), RFC 2822 (RSS ``pubDate``), the Reuters form
``26-FEB-1987 15:01:01.79`` and written dates in English (``November 9, 2016``,
``22 January, 2020``). :func:`date_from_url` reads the ``/2019/11/06/`` path that many news sites
put in their links.

The day is the one *written* in the source: a time zone offset is never applied, because pages
often state local time with a wrong offset (a ``+00:00`` on a US site), and a reader of the page
sees the written day.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_from_url", "parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ISO = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T\s_]|$)")
_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T|\s*$)")
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+" + _MONTH + r",?[\s\-/.]+(?P<year>\d{4})\b"
)
_MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"
)
_SLASHED = re.compile(r"^\s*(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?=[/_\-.]|$)"
)
_URL_MONTH_YEAR = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]\d)/(?P<day>[0-3]\d)/")


def _make(year: str, month: str, day: str) -> date | None:
    if month.isdigit():
        month_number = int(month)
    else:
        month_number = _MONTHS.get(month.lower(), 0)
    try:
        value = date(int(year), month_number, int(day))
    except ValueError:
        return None
    return value if 1800 <= value.year <= 2200 else None


def parse_date(text: str | None) -> date | None:
    """Return the day written in ``text``, or None when no date can be read.

    :param text: a date or timestamp in one of the forms the module docstring lists.
    :returns: the day as written (offsets are not applied), or None.

    >>> parse_date("2018-06-12T22:18:16+00:00")
    datetime.date(2018, 6, 12)
    >>> parse_date("26-FEB-1987 15:01:01.79"), parse_date("Mon, 16 Jan 2023 07:08:31 +0000")
    (datetime.date(1987, 2, 26), datetime.date(2023, 1, 16))
    >>> parse_date("November 9, 2016"), parse_date("22 January, 2020"), parse_date("soon")
    (datetime.date(2016, 11, 9), datetime.date(2020, 1, 22), None)
    """
    if not text:
        return None
    text = text.strip()[:200]
    for pattern in (_ISO, _SLASHED, _COMPACT, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            value = _make(match["year"], match["month"], match["day"])
            if value is not None:
                return value
    return None


def date_from_url(url: str) -> date | None:
    """Return the date in a news URL's path (``/2019/11/06/slug``), or None.

    >>> date_from_url("https://example.org/2019/11/06/a-post/")
    datetime.date(2019, 11, 6)
    >>> date_from_url("https://example.org/2019/a-post/") is None
    True
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    match = _URL_MONTH_YEAR.search(path) or _URL_DATE.search(path)
    return _make(match["year"], match["month"], match["day"]) if match else None
