"""Reader for web archives (WARC, plain or gzipped per record, e.g. from wget or Heritrix).

The parts:

* :func:`_records` walks the archive with ``warcio``. A record it cannot read (bad headers, no
  ``WARC-Target-URI``, cut short by the end of a truncated file) is skipped and counted: the
  walk resumes at the next record start (``WARC/1.`` line, or gzip member), so one broken
  record never costs the rest of the file.
* :func:`iter_warc` keeps the HTML pages (``response`` records with an HTML ``Content-Type``
  and a 2xx status, and HTML ``resource`` records), turns each into a :class:`Source` carrying
  the HTTP charset, the record's ``WARC-Target-URI`` and its ``WARC-Date``, and parses it with
  :func:`corpus.formats.html.parse_html` (so listing pages give one article per post). The
  target URI is the article URL when the page names no canonical one; the capture day is the
  published day only when the page gives none (marked ``published_inferred``).

Other records (requests, metadata, images, redirects, pages without an article) are counted in
the :class:`~corpus.formats._report.ParseReport`.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from corpus.article import Article
from corpus.errors import ParseError
from corpus.formats._dates import parse_date
from corpus.formats._report import ParseReport
from corpus.formats.html import parse_html
from corpus.source import Source

__all__ = ["READER", "Page", "iter_pages", "iter_warc", "parse_with_report"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_PAGE_BYTES = 20 * 1024 * 1024
# AttributeError and TypeError: warcio's own failure on headers it did not expect (a response
# record without WARC-Target-URI).
_RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError,
                  OSError, zlib.error, UnicodeError, AttributeError, TypeError)


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page found in a web archive."""

    url: str
    captured: date | None
    content_type: str
    data: bytes


def _page(record: object) -> Page | str | None:
    """The HTML page a record holds, else why it is left out (None: not worth counting)."""
    kind = record.rec_type  # type: ignore[attr-defined]
    if kind not in ("response", "resource"):
        return None  # requests, warcinfo, metadata, revisits: not pages, not worth counting
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    if kind == "response" and http is not None:
        status = (http.get_statuscode() or "0").strip()
        if not status.startswith("2"):
            return f"HTTP status {status}"
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    if content_type.lower().split(";")[0].strip() not in _HTML_TYPES:
        return "not HTML"
    data = record.content_stream().read(_MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > _MAX_PAGE_BYTES:
        return "page too large"
    return Page(
        url=(headers.get_header("WARC-Target-URI") or "").strip("<> "),
        captured=parse_date(headers.get_header("WARC-Date") or ""),
        content_type=content_type,
        data=data,
    )


def _cut_short(record: object) -> bool:
    """Tell whether the archive ended before the end of a record read to its end."""
    return getattr(record.raw_stream, "limit", 0) > 0  # type: ignore[attr-defined]


class _BrokenRecord(ValueError):
    """A record warcio accepted but whose headers cannot be right (no type, no length)."""


_RECORD_TYPES = frozenset(("warcinfo", "response", "resource", "request", "metadata", "revisit",
                           "conversion", "continuation"))


def _plausible(record: object, size: int) -> bool:
    """Tell whether a record's headers can be right; warcio reads a bad one to the file's end."""
    kind = record.rec_type  # type: ignore[attr-defined]
    headers = record.rec_headers  # type: ignore[attr-defined]
    length = (headers.get_header("Content-Length") or "").strip()
    return kind in _RECORD_TYPES and length.isdigit() and int(length) <= size


def _records(data: bytes, report: ParseReport) -> Iterator[Page]:
    """Yield the pages of ``data``, resuming after each record that cannot be read.

    A record warcio fails on is found by restarting at the next record start after the last
    good one; failing again right there, it is counted once and stepped over.
    """
    gzipped = data[:2] == b"\x1f\x8b"
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    offset = 0
    while offset < len(data):
        stream = io.BytesIO(data)
        stream.seek(offset)
        iterator = ArchiveIterator(stream, check_digests=False)
        start, done = offset, False  # the last record read whole, and whether there was one
        try:
            for record in iterator:
                if not gzipped and not _plausible(record, len(data)):
                    start = offset + iterator.get_record_offset()
                    raise _BrokenRecord(start)
                page = _page(record)  # reads the payload: ask the offset only after
                start, done = offset + iterator.get_record_offset(), True  # read to its end
                if _cut_short(record):
                    report.skip("truncated WARC record")
                elif isinstance(page, str):
                    report.skip(page)
                elif page is not None:
                    yield page
            return
        except _BrokenRecord:
            report.skip("invalid WARC record")
        except _RECORD_ERRORS:
            if not done:  # the record at ``offset`` itself is bad
                report.skip("invalid WARC record")
        following = data.find(marker, start + 1)
        if following < 0:
            return
        offset = following


def iter_pages(source: Source, report: ParseReport | None = None) -> Iterator[Page]:
    """Yield the HTML pages of a web archive, counting what is left out into ``report``."""
    return _records(source.data, report if report is not None else ParseReport())


def iter_warc(source: Source, report: ParseReport | None = None) -> Iterator[Article]:
    """Yield the articles of every HTML page in a web archive.

    :param report: filled as the iteration goes: articles, and skips by reason.
    :raises ParseError: when the archive gives no article at all (with the skip counts).
    """
    report = report if report is not None else ParseReport()
    seen: set[str] = set()
    for page in _records(source.data, report):
        charset = page.content_type.partition("charset=")[2].strip(" \"';") or None
        page_source = Source(source.path, page.data, declared_encoding=charset, url=page.url,
                             captured=page.captured)
        try:
            articles = parse_html(page_source.text, source_path=source.path, url=page.url,
                                  captured=page.captured, source_format="warc")
        except ParseError as exc:
            report.skip(exc.reason)
            continue
        except (ValueError, UnicodeError, RecursionError):  # one odd page never ends the walk
            report.skip("unreadable page")
            continue
        for article in articles:
            if article.id in seen:
                report.skip("captured twice")
                continue
            seen.add(article.id)
            report.articles += 1
            extra = {**article.extra, "warc_target_uri": page.url}
            if page.captured:
                extra["captured"] = page.captured.isoformat()
            yield article.replace(extra=extra)
    if report.articles == 0:
        raise ParseError(source.path, f"no article found in web archive ({report.summary()})")


def parse_with_report(source: Source) -> tuple[list[Article], ParseReport]:
    """Return the articles of a web archive and the :class:`ParseReport` of skipped records."""
    report = ParseReport()
    try:
        articles = list(iter_warc(source, report))
    except ParseError:
        articles = []
    return articles, report


class _WarcReader:
    """Claims files that start with a WARC record, gzipped per record or not."""

    name = "warc"
    counts_records = True

    def sniff(self, source: Source) -> bool:
        head = source.data[:64]
        if head.startswith(b"\x1f\x8b"):
            try:
                with gzip.GzipFile(fileobj=io.BytesIO(source.data[:65536])) as member:
                    head = member.read(16)
            except (OSError, EOFError, zlib.error):
                return False
        return head.startswith(b"WARC/")

    def parse(self, source: Source, report: ParseReport | None = None) -> Iterable[Article]:
        """Yield the articles of the archive, counting the records left out into ``report``."""
        return iter_warc(source, report)


READER = _WarcReader()
