"""The day a page was published, from everything the page says about it.

:func:`published_date` gathers the page's statements, most trusted first, and takes the first:

1. JSON-LD (any block, ``@graph`` members included): the article's ``datePublished``, then its
   ``dateCreated``; a ``WebPage``'s ``datePublished`` after the article's;
2. ``<meta>``: ``article:published_time`` and its kin (:data:`PUBLISHED_META`);
3. microdata (``itemprop="datePublished"``), the hAtom ``abbr.published``, the article's
   ``<time pubdate>``/``<time class="published">``, then its first ``<time datetime>``;
4. the byline: a short element of the article whose class says date, or a line that reads
   "Published on …", "Veröffentlicht am …", "Publié le …" …, in the languages
   :func:`corpus.formats._dates.parse_date` knows;
5. the date in the page's address (``/2019/11/06/``).

Each kind casts one vote, its first statement; the day most kinds agree on wins, a tie going to
the kind listed first. (A stale ``datePublished`` in JSON-LD is outvoted by the ``<meta>`` and
the byline that agree.) When the page states no day at all, :data:`FALLBACK` (htmldate's search
of the whole page) is asked; a bare 1 January it returns is a year alone and is not taken.

A modification date (``dateModified``, ``article:modified_time``) is never the publication day,
and neither is a copyright or licence year (years alone are never read).

**The page's own day.** A timestamp in UTC (``Z``, ``+00:00``) late in the evening in New York
is already the next day in UTC. When the chosen timestamp is in UTC and the page shows its own
time zone elsewhere (another timestamp with a non-zero offset, a local timestamp of the same
minute, a byline day one day off), the day is taken in the page's zone. A timestamp that states
its own offset keeps its written day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date

from bs4 import BeautifulSoup, Tag

from corpus.article import normalize_space
from corpus.formats._dates import Timestamp, date_from_url, find_dates, parse_timestamp
from corpus.formats._html_meta import json_ld_articles, json_ld_objects

__all__ = ["FALLBACK", "PUBLISHED_META", "Found", "htmldate_fallback", "published_date"]

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "publishdate", "publish-date", "publish_date",
    "pubdate", "article.published", "article_date_original", "original-publish-date",
    "originalpublicationdate", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "citation_publication_date", "prism.publicationdate", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "date", "dc.date", "dcterms.date",
    "release_date", "created", "displaydate",
)
"""``<meta>`` names and properties that state the publication time, most trusted first."""
_OTHER_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
               "dcterms.modified")
_WEBPAGE_TYPES = {"webpage", "itempage", "collectionpage", "medicalwebpage"}
_DATE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:date|dates|time|published|pub|pubdate|posted|posted-on|post-date|entry-date|"
    r"dateline|timestamp|datum|fecha|data|byline|meta|article-meta|post-meta|entry-meta|info|"
    r"zeit|veroeffentlicht|publie)(?:$|[-_\s])",
    re.IGNORECASE,
)
_NOT_PUBLISHED = re.compile(
    r"updated|modified|geändert|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt|"
    r"comment|copyright|©|\(c\)|licen[cs]e|lizenz|event|termin|ablauf|deadline|frist|"
    r"expire|gültig|valid",
    re.IGNORECASE,
)
_PUBLISHED_LABEL = re.compile(
    r"(?:published|posted|veröffentlicht|erschienen|publié|publicado|publicada|pubblicato|"
    r"gepubliceerd|opublikowano|publicerad|udgivet|julkaistu|yayınlanma|publicat|"
    r"опубликовано|date of publication|stand|vom|am|le|el|il|on)\b\s*:?\s*",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"comment|related|sidebar|widget|recommend|popular|trending|teaser|newsletter|"
    r"share|social|breadcrumb|menu|nav|cookie",
    re.IGNORECASE,
)
_TRUST = ("json-ld", "meta", "markup", "byline", "url")
_MAX_BYLINE = 160
_DAY_BEFORE = 10 * 60
_MAX_ZONE_HOURS = 14


class Found:
    """A publication day and where it was read (``json-ld``, ``meta``, ``byline``, ``url`` ...)."""

    __slots__ = ("day", "source")

    def __init__(self, day: date | None, source: str = "") -> None:
        self.day = day
        self.source = source

    def __repr__(self) -> str:
        return f"Found({self.day!r}, {self.source!r})"


def htmldate_fallback(html: str, url: str = "") -> date | None:
    """Return htmldate's publication day for a page (its thorough search), or None.

    htmldate reads the whole page, free text included, with rules tuned on many sites; it is
    asked only when the page states no day in its metadata, byline or address.
    """
    try:
        from htmldate import find_date  # noqa: PLC0415 - loaded only when needed
    except ImportError:  # pragma: no cover - a declared dependency, but keep working without
        return None
    try:
        value = find_date(html, url=url or None, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - a third-party parser's failure is a missing date
        return None
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    if day is not None and (day.month, day.day) == (1, 1) and not _says_new_year(html, day.year):
        return None  # a year alone (a copyright line) read as its first day
    return day


def _says_new_year(html: str, year: int) -> bool:
    """Tell whether a page writes out January 1 of ``year`` as a full date."""
    forms = (f"{year}-01-01", f"01.01.{year}", f"1.1.{year}", f"01/01/{year}", f"1/1/{year}",
             f"{year}/01/01", f"January 1, {year}", f"1 January {year}", f"1. Januar {year}")
    return any(form in html for form in forms)


FALLBACK: Callable[[str, str], date | None] | None = htmldate_fallback
"""What is asked when the page states no day of its own (``None``: nobody)."""


def _classes(element: Tag) -> str:
    value: object = element.get("class") or []
    names = value if isinstance(value, list) else str(value).split()
    return " ".join([*map(str, names), str(element.get("id") or "")])


def _meta_stamps(soup: BeautifulSoup, names: tuple[str, ...]) -> list[Timestamp]:
    wanted = {n: i for i, n in enumerate(names)}
    found: list[tuple[int, int, Timestamp]] = []
    for position, meta in enumerate(soup.find_all("meta")):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop")
                  or meta.get("http-equiv") or "").strip().lower()
        rank = wanted.get(key)
        if rank is None:
            continue
        stamp = parse_timestamp(str(meta.get("content") or ""))
        if stamp is not None:
            found.append((rank, position, stamp))
    return [stamp for _, _, stamp in sorted(found, key=lambda t: (t[0], t[1]))]


def _ld_stamps(soup: BeautifulSoup) -> tuple[list[Timestamp], list[Timestamp]]:
    """Publication stamps of the JSON-LD articles (then web pages), and every other stamp."""
    published: list[Timestamp] = []
    for obj in json_ld_articles(soup):
        for key in ("datePublished", "dateCreated", "uploadDate"):
            stamp = parse_timestamp(str(obj.get(key) or ""))
            if stamp is not None:
                published.append(stamp)
                break
    others: list[Timestamp] = []
    for obj in json_ld_objects(soup):
        kinds = obj.get("@type", "")
        kinds = {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}
        for key in ("datePublished", "dateCreated", "dateModified", "uploadDate"):
            stamp = parse_timestamp(str(obj.get(key) or "")) if obj.get(key) else None
            if stamp is None:
                continue
            others.append(stamp)
            if key == "datePublished" and kinds & _WEBPAGE_TYPES and not published:
                published.append(stamp)
    return published, others


def _in_furniture(element: Tag, scope: Tag | None) -> bool:
    for parent in element.parents:
        if parent is scope or parent.name in ("body", "html", "[document]", None):
            return False
        if parent.name in ("footer", "aside", "nav") and scope is None:
            return True
        if _FURNITURE.search(_classes(parent)):
            return True
    return False


def _markup_stamps(soup: BeautifulSoup, scope: Tag | None) -> Iterator[tuple[str, Timestamp]]:
    """Dates the markup states: microdata, hAtom, ``<time>`` elements, most trusted first."""
    root = scope or soup
    for element in soup.select("[itemprop~=datePublished], [itemprop~=dateCreated]"):
        if element.name == "meta":
            continue  # read with the other <meta> tags
        value = element.get("datetime") or element.get("content") or element.get_text(" ")
        stamp = parse_timestamp(normalize_space(str(value)))
        if stamp is not None:
            yield "microdata", stamp
    for element in root.select("abbr.published[title], .published[title]"):
        stamp = parse_timestamp(str(element.get("title")))
        if stamp is not None:
            yield "hatom", stamp
    times = [t for t in root.find_all("time") if not _in_furniture(t, scope)]
    times.sort(key=lambda t: 0 if t.has_attr("pubdate") or "publish" in _classes(t).lower()
               else 2 if re.search(r"updated|modified", _classes(t), re.I) else 1)
    for element in times:
        if re.search(r"updated|modified", _classes(element), re.I) and "publish" not in (
                _classes(element).lower()):
            continue
        value = element.get("datetime") or element.get_text(" ")
        stamp = parse_timestamp(normalize_space(str(value)))
        if stamp is not None:
            yield "time", stamp


def _byline_days(soup: BeautifulSoup, scope: Tag | None, *, month_first: bool) -> list[date]:
    """Days written in the article's byline: short date-classed elements, "Published …" lines."""
    root = scope or soup.body or soup
    days: list[date] = []
    for element in root.find_all(["span", "div", "p", "time", "li", "small", "em", "strong",
                                  "abbr", "dd", "td", "header", "a", "i", "b"]):
        if not _DATE_CLASS.search(_classes(element)):
            continue
        text = normalize_space(element.get_text(" "))
        if not text or len(text) > _MAX_BYLINE or _in_furniture(element, scope):
            continue
        if _NOT_PUBLISHED.search(text):
            text = _NOT_PUBLISHED.split(text, 1)[0]  # "3 May 2019, updated 9 May": the first
        found = find_dates(text, month_first=month_first)
        if found:
            days.append(found[0])
    if not days:
        for string in root.find_all(string=_PUBLISHED_LABEL):
            parent = string.parent
            if parent is None or _in_furniture(parent, scope):
                continue
            text = normalize_space(parent.get_text(" "))
            if len(text) <= _MAX_BYLINE and not _NOT_PUBLISHED.search(text):
                found = find_dates(text, month_first=month_first)
                if found:
                    days.append(found[0])
                    break
    return days


def _page_offset(primary: Timestamp, stamps: list[Timestamp]) -> int | None:
    """The page's own UTC offset (minutes) as its other timestamps show it, or None."""
    offsets = Counter(s.offset for s in stamps if s.offset not in (None, 0))
    if offsets:
        return max(offsets, key=lambda o: (offsets[o], -abs(o or 0)))
    for stamp in stamps:  # a local copy of the same moment: same minute, whole hours apart
        if stamp.offset is None and stamp.hour is not None and primary.hour is not None and (
                (stamp.minute, stamp.second) == (primary.minute, primary.second)):
            hours = (stamp.day - primary.day).days * 24 + stamp.hour - primary.hour
            if hours and abs(hours) <= _MAX_ZONE_HOURS:
                return hours * 60
    return None


def _local_day(primary: Timestamp, stamps: list[Timestamp], shown: list[date]) -> date:
    """The day of ``primary`` in the page's own time zone (see the module docstring).

    :param shown: the days the page shows for the article (its byline, a ``<time>`` without a
        clock), first the article's own.
    """
    if primary.offset != 0 or primary.hour is None:
        return primary.day
    offset = _page_offset(primary, stamps)
    if offset is not None:
        return primary.at_offset(offset)
    if shown:
        # Only a shift some inhabited time zone can make: the day before for a UTC time
        # before 10:00 (UTC-10 to UTC-1), the day after from 10:00 on (up to UTC+14).
        minutes = primary.hour * 60 + primary.minute
        step = (shown[0] - primary.day).days
        if (step == -1 and minutes < _DAY_BEFORE) or (step == 1 and minutes >= _DAY_BEFORE):
            return shown[0]
    return primary.day


def published_date(soup: BeautifulSoup, scope: Tag | None = None, url: str = "", *,
                   html: str = "", language: str = "") -> Found:
    """Return the page's publication day and where it was read (see the module docstring).

    :param soup: the whole page, before any furniture is removed.
    :param scope: the article element, whose ``<time>`` and byline are read (else the page).
    :param url: the page's address, for a date in its path and for the fallback.
    :param html: the page's text, handed to :data:`FALLBACK` when nothing else gives a day.
    :param language: the page's language tag; ``en-US`` reads ``04/05/2019`` as April 5.
    """
    month_first = language.lower().startswith("en-us")
    published_ld, other_ld = _ld_stamps(soup)
    meta = _meta_stamps(soup, PUBLISHED_META)
    markup = list(_markup_stamps(soup, scope))
    bylines = _byline_days(soup, scope, month_first=month_first)
    ordered: list[tuple[str, Timestamp]] = [
        *(("json-ld", s) for s in published_ld), *(("meta", s) for s in meta), *markup,
    ]
    everything = [s for _, s in ordered] + other_ld + _meta_stamps(soup, _OTHER_META)
    shown = [s.day for _, s in markup if s.hour is None][:1] + bylines
    # One vote per kind of statement: its first, in the page's own time zone.
    votes: dict[str, date] = {}
    for source, stamp in ordered:
        kind = source if source in ("json-ld", "meta") else "markup"
        if kind not in votes:
            votes[kind] = _local_day(stamp, everything, shown)
    if bylines:
        votes["byline"] = bylines[0]
    from_url = date_from_url(url)
    if from_url is not None:
        votes["url"] = from_url
    if votes:
        return Found(*_elect(votes))
    if FALLBACK is not None and html:
        return Found(FALLBACK(html, url), "htmldate")
    return Found(None)


def _elect(votes: dict[str, date]) -> tuple[date, str]:
    """The day most kinds of statement give; a tie goes to the most trusted kind.

    >>> stale, shown = date(2021, 1, 1), date(2023, 4, 1)
    >>> _elect({"json-ld": stale, "markup": shown, "byline": shown})
    (datetime.date(2023, 4, 1), 'markup')
    """
    counts = Counter(votes.values())
    kind, day = max(votes.items(), key=lambda kv: (counts[kv[1]], -_TRUST.index(kv[0])))
    return day, kind
