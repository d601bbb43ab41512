"""Dates as sources write them, turned into a :class:`datetime.date` (or a timestamp).

:func:`parse_date` reads the day in, in order: ISO 8601 (``2019-11-06``,
``2019-11-06T10:48:17+00:00``), WordPress export stamps (``2019-11-06 10:48:17``), ``2019/11/06``,
``20191106``, written dates with month names in the common European languages (``16 décembre
2012``, ``16. Dezember 2012``, ``16 de diciembre de 2012``, ``December 16th, 2012``, ``Dec. 16,
2012``, RSS's ``Sun, 16 Dec 2012 10:00:00 +0000``, the Reuters form ``26-FEB-1987``) and numeric
dates (``16.12.2012``, ``16/12/2012``; ``12/16/2012`` when the day cannot come first, or for a
page in US English). :func:`date_from_url` reads the ``/2019/11/06/`` path news sites put in their
links.

:func:`parse_timestamp` also keeps the time of day and the offset when they are written, so that
the reader of a page can tell the page's own day from a UTC one
(:mod:`corpus.formats._pubdate`). The day :func:`parse_date` returns is the one *written*: an
offset is never applied here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

__all__ = ["Timestamp", "date_from_url", "find_dates", "parse_date", "parse_timestamp"]

_MONTH_NAMES = (
    # en, de, fr, es, it, pt, nl, sv/da/no, pl, cs, ru/uk, tr, ro, hu, fi, ca
    "jan january januar janvier enero gennaio janeiro januari januar stycznia styczen ledna "
    "leden января январь січня ocak ianuarie januar januarius tammikuuta gener",
    "feb february februar fevrier febrero febbraio fevereiro februari februar lutego luty "
    "unora unor февраля февраль лютого subat februarie februar helmikuuta febrer",
    "mar march marz maerz mars marzo marco maart marts marca marzec brezna brezen марта март "
    "березня mart martie marcius maaliskuuta marc",
    "apr april avril abril aprile abril april kwietnia kwiecien dubna duben апреля апрель "
    "квітня nisan aprilie aprilis huhtikuuta abril",
    "may mai mai mayo maggio maio mei maj maja maj kvetna kveten мая май травня mayis mai "
    "majus toukokuuta maig",
    "jun june juni juin junio giugno junho juni czerwca czerwiec cervna cerven июня июнь "
    "червня haziran iunie junius kesakuuta juny",
    "jul july juli juillet julio luglio julho juli lipca lipiec cervence cervenec июля июль "
    "липня temmuz iulie julius heinakuuta juliol",
    "aug august august aout agosto agosto augustus augusti sierpnia sierpien srpna srpen "
    "августа август серпня agustos august augusztus elokuuta agost",
    "sep sept september septembre septiembre setiembre settembre setembro september "
    "wrzesnia wrzesien zari zari сентября сентябрь вересня eylul septembrie szeptember "
    "syyskuuta setembre",
    "oct october oktober octobre octubre ottobre outubro oktober pazdziernika pazdziernik "
    "rijna rijen октября октябрь жовтня ekim octombrie oktober lokakuuta octubre",
    "nov november novembre noviembre novembre novembro november listopada listopad "
    "listopadu листопада ноября ноябрь kasim noiembrie november marraskuuta novembre",
    "dec december dezember decembre diciembre dicembre dezembro december grudnia grudzien "
    "prosince prosinec декабря декабрь грудня aralik decembrie december joulukuuta desembre",
)
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(_MONTH_NAMES, start=1):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)
# Short forms that are not prefixes of their month's long name in every language.
_MONTHS.update({"okt": 10, "dez": 12, "mrz": 3, "mär": 3, "maerz": 3, "ene": 1, "abr": 4,
                "ago": 8, "dic": 12, "set": 9, "out": 10, "mei": 5, "mag": 5, "giu": 6,
                "lug": 7, "ott": 10, "janv": 1, "fevr": 2, "avr": 4, "juil": 7, "dez.": 12,
                "mars": 3, "juin": 6, "aout": 8, "dec.": 12, "sept": 9})
_WORD = r"[^\W\d_]{3,12}\.?"
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|°)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"
_ISO = re.compile(
    r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T\s_]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{1,2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?(?:\W|$)",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T|\s*$)")
_SLASHED = re.compile(r"^\s*(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")
_RFC_ZONE = re.compile(
    r"\b(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*"
    r"(?P<zone>[+-]\d{4}|GMT|UTC|Z)\b"
)
_DAY_MONTH_YEAR = re.compile(
    r"(?<![\w])(?P<day>\d{1,2})" + _ORDINAL + r"\.?[\s\-/]*(?:de\s+|of\s+)?(?P<month>" + _WORD
    + r")[\s,\-/]*(?:de\s+|del\s+)?" + _YEAR + r"(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"(?<![\w])(?P<month>" + _WORD + r")\s+(?P<day>\d{1,2})" + _ORDINAL + r"\.?,?\s+" + _YEAR
    + r"(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d.\-/])(?P<first>\d{1,2})(?P<sep>[./\-])(?P<second>\d{1,2})(?P=sep)" + _YEAR
    + r"(?![\d])"
)
_YEAR_FIRST = re.compile(r"(?<![\d.\-/])" + _YEAR + r"(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)"
                         r"(?P<day>\d{1,2})(?![\d])")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?=[/_\-.]|$)"
)
_URL_MONTH_YEAR = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]\d)/(?P<day>[0-3]\d)/")
_URL_COMPACT = re.compile(r"[/_-](?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)"
                          r"(?=[/_\-.]|$)")
_ZONE_NAMES = {"z": 0, "utc": 0, "gmt": 0}


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A written date, with its time of day and UTC offset when the text gives them.

    ``offset`` is in minutes east of UTC (``-300`` for ``-05:00``), None when unstated.
    """

    day: date
    hour: int | None = None
    minute: int = 0
    second: int = 0
    offset: int | None = None

    def at_offset(self, offset: int) -> date:
        """The day this moment falls on at another UTC offset (minutes), or the written day."""
        if self.hour is None or self.offset is None:
            return self.day
        moment = datetime(self.day.year, self.day.month, self.day.day, self.hour, self.minute,
                          self.second, tzinfo=timezone(timedelta(minutes=self.offset)))
        return moment.astimezone(timezone(timedelta(minutes=offset))).date()


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def month_number(word: str) -> int:
    """Return the month a name or abbreviation means in a common language, or 0.

    >>> month_number("décembre"), month_number("Dez."), month_number("июня"), month_number("may")
    (12, 12, 6, 5)
    """
    folded = _fold(word)
    if folded.isdigit():
        return int(folded)
    number = _MONTHS.get(folded) or _MONTHS.get(word.lower().rstrip("."))
    if number:
        return number
    if len(folded) >= 3:  # "janv", "sept", "Sonntag" never matches: only month prefixes
        for name, value in _MONTHS.items():
            if len(name) > 4 and name.startswith(folded) and len(folded) >= 3:
                return value
    return 0


def _make(year: str | int, month: str | int, day: str | int) -> date | None:
    number = month if isinstance(month, int) else month_number(month)
    try:
        value = date(int(year), number, int(day))
    except (ValueError, TypeError):
        return None
    return value if 1800 <= value.year <= 2200 else None


def _offset(zone: str | None) -> int | None:
    if not zone:
        return None
    named = _ZONE_NAMES.get(zone.lower())
    if named is not None:
        return named
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return sign * (hours * 60 + minutes)


def parse_timestamp(text: str | None, *, month_first: bool = False) -> Timestamp | None:
    """Return the date written in ``text`` with its time and offset when stated, or None.

    :param month_first: read an ambiguous ``04/05/2019`` as April 5 (US usage) instead of
        4 May.

    >>> parse_timestamp("2020-12-05T23:15:0Z")
    Timestamp(day=datetime.date(2020, 12, 5), hour=23, minute=15, second=0, offset=0)
    >>> parse_timestamp("Mon, 16 Jan 2023 07:08:31 -0500").offset
    -300
    """
    if not text:
        return None
    text = text.strip()[:300]
    match = _ISO.match(text)
    if match:
        day = _make(match["year"], int(match["month"]), match["day"])
        if day is not None:
            if match["hour"] is None:
                return Timestamp(day)
            return Timestamp(day, int(match["hour"]), int(match["minute"]),
                             int(match["second"] or 0), _offset(match["zone"]))
    day = _day(text, month_first=month_first)
    if day is None:
        return None
    clock = _RFC_ZONE.search(text)
    if clock:
        return Timestamp(day, int(clock["hour"]), int(clock["minute"]),
                         int(clock["second"] or 0), _offset(clock["zone"]))
    return Timestamp(day)


def _day(text: str, *, month_first: bool) -> date | None:
    for pattern in (_SLASHED, _COMPACT):
        match = pattern.match(text)
        if match:
            value = _make(match["year"], int(match["month"]), match["day"])
            if value is not None:
                return value
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            value = _make(match["year"], match["month"], match["day"])
            if value is not None:
                return value
    match = _YEAR_FIRST.search(text)
    if match:
        value = _make(match["year"], int(match["month"]), match["day"])
        if value is not None:
            return value
    for match in _NUMERIC.finditer(text):
        first, second = int(match["first"]), int(match["second"])
        if first > 12 or second > 12:
            us = second > 12
        else:
            us = match["sep"] == "/" and month_first
        value = _make(match["year"], first, second) if us else _make(match["year"], second, first)
        if value is not None:
            return value
    return None


def parse_date(text: str | None, *, month_first: bool = False) -> date | None:
    """Return the day written in ``text``, or None when no date can be read.

    :param text: a date or timestamp in one of the forms the module docstring lists.
    :param month_first: read an ambiguous ``04/05/2019`` as April 5 (US usage).
    :returns: the day as written (offsets are not applied), or None.

    >>> parse_date("2018-06-12T22:18:16+00:00")
    datetime.date(2018, 6, 12)
    >>> parse_date("26-FEB-1987 15:01:01.79"), parse_date("Mon, 16 Jan 2023 07:08:31 +0000")
    (datetime.date(1987, 2, 26), datetime.date(2023, 1, 16))
    >>> parse_date("November 9, 2016"), parse_date("22 January, 2020"), parse_date("soon")
    (datetime.date(2016, 11, 9), datetime.date(2020, 1, 22), None)
    >>> parse_date("16. Dezember 2012"), parse_date("le 16 décembre 2012")
    (datetime.date(2012, 12, 16), datetime.date(2012, 12, 16))
    >>> parse_date("16 de diciembre de 2012"), parse_date("December 16th, 2012")
    (datetime.date(2012, 12, 16), datetime.date(2012, 12, 16))
    >>> parse_date("16.12.2012"), parse_date("12/16/2012"), parse_date("04/05/2019")
    (datetime.date(2012, 12, 16), datetime.date(2012, 12, 16), datetime.date(2019, 5, 4))
    """
    if not text:
        return None
    text = text.strip()[:300]
    match = _ISO.match(text)
    if match:
        day = _make(match["year"], int(match["month"]), match["day"])
        if day is not None:
            return day
    return _day(text, month_first=month_first)


def find_dates(text: str, *, month_first: bool = False) -> list[date]:
    """Return every written day in a longer text (a byline, a dateline), in order.

    >>> find_dates("Posted on 3 May 2019, updated May 9, 2019")
    [datetime.date(2019, 5, 3), datetime.date(2019, 5, 9)]
    """
    found: list[tuple[int, date]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            value = _make(match["year"], match["month"], match["day"])
            if value is not None:
                found.append((match.start(), value))
    for match in _YEAR_FIRST.finditer(text):
        value = _make(match["year"], int(match["month"]), match["day"])
        if value is not None:
            found.append((match.start(), value))
    for match in _NUMERIC.finditer(text):
        value = _day(match[0], month_first=month_first)
        if value is not None:
            found.append((match.start(), value))
    found.sort(key=lambda pair: pair[0])
    return list(dict.fromkeys(value for _, value in found))


def date_from_url(url: str) -> date | None:
    """Return the date in a news URL's path (``/2019/11/06/slug``, ``/20191106/``), or None.

    >>> date_from_url("https://example.org/2019/11/06/a-post/")
    datetime.date(2019, 11, 6)
    >>> date_from_url("https://example.org/2019/a-post/") is None
    True
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    match = _URL_MONTH_YEAR.search(path) or _URL_DATE.search(path) or _URL_COMPACT.search(path)
    return _make(match["year"], int(match["month"]), match["day"]) if match else None
