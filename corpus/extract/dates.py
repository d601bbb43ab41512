"""Date mentions in an article body, normalized to ISO, and the published date they imply.

The parts, in the order they run (see ARCHITECTURE.md, "corpus"):

1. **Patterns** (:data:`_PATTERNS`), tried most specific first, each claiming its span so a later
   one cannot match inside it: ISO ``2019-11-06``; written dates with an optional weekday
   (``Friday, December 7th``, ``November 6, 2019``, ``Nov. 6 2019``, ``8 November``,
   ``26th of June``); numeric ``11/06/2019``; month and year (``July 2019``); seasons
   (``the summer of 1988``); and bare years, which count only after a cue word (``in``,
   ``since``, ``during``, ``early`` …) and between 1800 and 2100. Decades (``1980s``), numbers
   with separators (``30,000``), amounts (``2000 dlrs``) and two-digit years (``'19``) are not
   dates.
2. **Year inference** for a day or month written without one, in this order: the end of a range
   (``February 25th to March 22nd, 2019``); a weekday, which fixes the year near the context
   (the reference year, else the latest year written in the text); a dated mention in the same
   paragraph; the reference date (``ref_date``, else the article's published date), taking the
   most recent such day no later than two months after it. Otherwise the mention is **skipped**:
   an unknown year is never guessed. Inferred mentions carry ``year_inferred=True``.
3. Numeric dates are kept only when unambiguous: ``13/06/2019`` is day-first, ``06/13/2019``
   month-first, ``06/06/2019`` is the same either way; ``11/06/2019`` is skipped.
4. :func:`extract_dates_into` (the extractor) fills ``Article.dates`` and, when the article has no
   published date, sets it to the latest day-precision mention with ``published_inferred=True``.

Impossible dates (``February 30th``) are skipped, never corrected.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from corpus.article import Article, DateMention

__all__ = ["extract_dates", "extract_dates_into"]

_MONTHS = {
    name: i for i in range(1, 13) for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["Sept"] = 9
_WEEKDAYS = {calendar.day_name[i]: i for i in range(7)}
_MONTH = (
    r"(?P<month>(?:"
    + "|".join(calendar.month_name[1:])
    + r")|(?:"
    + "|".join(["Sept"] + list(calendar.month_abbr[1:]))
    + r")\.?)(?![a-z])"
)
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(calendar.day_name[i] for i in range(7)) + r"),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)(?![\d,.]?\d|s\b|['’]s)"
_SEP_YEAR = r"(?:,?\s+" + _YEAR + r")?"
_SEASONS = r"(?P<season>summer|winter|spring|autumn|fall)"
_CUES = (
    r"in|since|of|during|by|until|till|before|after|from|through|between|year|early|late|"
    r"mid|around|circa|spring|summer|autumn|fall|winter|end|start|beginning|throughout"
)
_UNITS = re.compile(
    r"\s*(?:dlrs?|dollars?|mln|billion|million|tonnes?|tons?|shares|points|barrels|people|votes|"
    r"pct|percent|per|bags|kilos|acres|men|troops|jobs|units|cars|feet|miles|km|metres|meters|"
    r"yards|words|pages|members|prisoners|rials|euros|pounds|yen|marks|francs|stg)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Raw:
    """A match before its year is settled."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _named(match: re.Match[str]) -> _Raw:
    groups = match.groupdict()
    month = _MONTHS.get((groups.get("month") or "").rstrip("."))
    weekday = _WEEKDAYS.get(groups.get("weekday") or "")
    return _Raw(
        match.start(),
        match.end(),
        _int(groups.get("year")),
        month,
        _int(groups.get("day")),
        weekday,
    )


def _numeric(match: re.Match[str]) -> _Raw | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first or first == second:
        day, month = second, first
    else:
        return None  # 11/06/2019: June 11th or November 6th; skip rather than guess
    return _Raw(match.start(), match.end(), year, month, day)


def _season(match: re.Match[str]) -> _Raw:
    return _Raw(match.start("season"), match.end(), int(match["year"]), None, None)


def _year(match: re.Match[str]) -> _Raw | None:
    if (
        _UNITS.match(match.string, match.end())
        or match.string[match.start() - 1 : match.start()] in "$£€"
    ):
        return None
    return _Raw(match.start(), match.end(), int(match["year"]), None, None)


_Pattern = tuple[re.Pattern[str], Callable[[re.Match[str]], _Raw | None]]
_PATTERNS: list[_Pattern] = [
    (
        re.compile(r"(?<![\d/-])(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
        lambda m: _Raw(m.start(), m.end(), int(m["year"]), int(m["m"]), int(m["d"])),
    ),
    (re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + _SEP_YEAR), _named),
    (
        re.compile(
            r"\b" + _WEEKDAY + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _SEP_YEAR
        ),
        _named,
    ),
    (re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/" + _YEAR), _numeric),
    (re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR), _named),
    (re.compile(r"\b(?:the\s+)?" + _SEASONS + r"\s+(?:of\s+)?" + _YEAR), _season),
    (
        re.compile(
            r"(?<![\w-])(?:" + _CUES + r")(?:\s+the\s+year)?[\s-]+(?P<ystart>)" + _YEAR,
            re.IGNORECASE,
        ),
        _year,
    ),
]
_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|until|till|through|and|or)\s*(?:the\s+)?$", re.IGNORECASE)


def _find(body: str) -> list[_Raw]:
    taken = [False] * (len(body) + 1)
    found: list[_Raw] = []
    for pattern, build in _PATTERNS:
        for match in pattern.finditer(body):
            raw = build(match)
            if raw is None:
                continue
            if raw.start != match.start() or "ystart" in match.groupdict():
                start = match.start("ystart") if "ystart" in match.groupdict() else raw.start
                raw = _Raw(start, raw.end, raw.year, raw.month, raw.day, raw.weekday)
            if body[raw.start : raw.start + 4].lower() == "the ":
                raw = _Raw(raw.start + 4, raw.end, raw.year, raw.month, raw.day, raw.weekday)
            if any(taken[raw.start : raw.end]):
                continue
            for i in range(raw.start, raw.end):
                taken[i] = True
            found.append(raw)
    return sorted(found, key=lambda r: r.start)


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1800 <= year <= 2100:
        return False
    if month is None:
        return day is None
    if day is None:
        return 1 <= month <= 12
    return 1 <= day <= calendar.monthrange(year, month)[1] if 1 <= month <= 12 else False


def _weekday_year(raw: _Raw, anchor: int) -> int | None:
    """The year closest to ``anchor`` (ties: the later) in which the date falls on the weekday."""
    if raw.month is None or raw.day is None or raw.weekday is None:
        return None
    for offset in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        year = anchor + offset
        if (
            _valid(year, raw.month, raw.day)
            and date(year, raw.month, raw.day).weekday() == raw.weekday
        ):
            return year
    return None


def _from_reference(raw: _Raw, ref: date) -> int | None:
    """The latest year putting the day no later than two months after ``ref``."""
    if raw.month is None:
        return None
    for year in (ref.year + 1, ref.year, ref.year - 1):
        day = raw.day or 1
        if _valid(year, raw.month, day) and date(year, raw.month, day) <= ref + timedelta(days=61):
            return year
    return None


def _infer_year(raw: _Raw, found: list[_Raw], body: str, ref: date | None) -> int | None:
    following = next((r for r in found if r.start >= raw.end), None)
    if (
        following
        and following.year
        and following.month
        and _RANGE_LINK.search(body[raw.end : following.start])
        and following.start - raw.end < 20
    ):
        return following.year
    if raw.weekday is not None and raw.day:
        anchor = ref.year if ref else max((r.year for r in found if r.year), default=None)
        return _weekday_year(raw, anchor) if anchor else None
    par_start = body.rfind("\n\n", 0, raw.start)
    par_end = body.find("\n\n", raw.end)
    par_end = len(body) if par_end < 0 else par_end
    nearby = [r for r in found if r.year and r.month and par_start <= r.start <= par_end]
    if nearby:
        return min(nearby, key=lambda r: abs(r.start - raw.start)).year
    if ref is not None:
        return _from_reference(raw, ref)
    return None


def extract_dates(body: str, *, ref_date: date | None = None) -> list[DateMention]:
    """Find the dates written in ``body``, in text order.

    :param body: article text.
    :param ref_date: the date the text was written (its published date), used to give a year to
        a day written without one; without it such a day needs a year from its context.
    :returns: one :class:`~corpus.article.DateMention` per date, with
        ``body[m.start:m.end] == m.text``.

    >>> [(m.text, m.value, m.precision) for m in extract_dates("On November 6, 2019, in 2016.")]
    [('November 6, 2019', '2019-11-06', 'day'), ('2016', '2016', 'year')]
    """
    found = _find(body)
    mentions = []
    for raw in found:
        year, inferred = raw.year, False
        if year is None:
            year, inferred = _infer_year(raw, found, body, ref_date), True
        if year is None or not _valid(year, raw.month, raw.day):
            continue
        if raw.day is not None and raw.month is not None:
            value, precision = f"{year:04d}-{raw.month:02d}-{raw.day:02d}", "day"
        elif raw.month is not None:
            value, precision = f"{year:04d}-{raw.month:02d}", "month"
        else:
            value, precision = f"{year:04d}", "year"
        text = body[raw.start : raw.end]
        mentions.append(DateMention(text, value, precision, raw.start, raw.end, inferred))
    return mentions


def extract_dates_into(article: Article) -> Article:
    """Extractor: fill ``dates``; infer ``published`` when the source gave none.

    :param article: the article; its ``published`` date, if any, is the reference for years.
    :returns: a copy with ``dates`` set, and ``published`` set to the latest day-precision
        mention with ``published_inferred=True`` when the article had no published date.
    """
    mentions = extract_dates(article.body, ref_date=article.published)
    changes: dict[str, object] = {"dates": tuple(mentions)}
    if article.published is None:
        days = [date.fromisoformat(m.value) for m in mentions if m.precision == "day"]
        if days:
            changes.update(published=max(days), published_inferred=True)
    return article.replace(**changes)
