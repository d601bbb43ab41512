"""Web archives: HTML responses become articles; bad records and non-pages are counted."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus.errors import ParseError
from corpus.formats import reader_for, warc
from corpus.source import Source
from corpus.sources import Parsed, Skipped, read_path

HTML = Path(__file__).parent / "data" / "html"
NO_DATE = (
    "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
    "<p>The old bridge was closed to traffic on Tuesday after engineers found cracks in two "
    "of its supporting piers, the city said.</p></article></body></html>"
)


def _warc(records: list[tuple[str, str, bytes, str]], *, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, content_type, payload, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2021-05-04T10:00:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def _records(gz: bool = False) -> bytes:
    latin = (HTML / "latin1_meta.html").read_bytes().replace(b"<meta http-equiv", b"<meta x")
    return _warc(
        [
            ("https://news.example/bridge", "text/html; charset=utf-8", NO_DATE.encode(), "200 OK"),
            ("https://news.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
            ("https://news.example/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
            ("https://news.example/tag/climate/", "text/html",
             (HTML / "wordpress_tag_archive.html").read_bytes(), "200 OK"),
            ("https://news.example/alcalde", "text/html; charset=ISO-8859-1", latin, "200 OK"),
        ],
        gz=gz,
    )


@pytest.mark.parametrize("gz", [False, True])
def test_pages_become_articles(gz):
    articles, report = warc.parse_with_report(Source("crawl.warc", _records(gz)))
    by_url = {a.url: a for a in articles}
    bridge = by_url["https://news.example/bridge"]  # target URI: the page names no canonical
    assert bridge.title == "Bridge closed"
    assert bridge.published == date(2021, 5, 4) and bridge.published_inferred
    assert bridge.extra["warc_target_uri"] == "https://news.example/bridge"
    assert bridge.source_format == "warc"
    listing = [a for a in articles if a.extra.get("excerpt")]
    assert [a.title for a in listing] == ["Glaciers retreat faster", "Parliament votes on carbon tax"]
    alcalde = by_url["https://news.example/alcalde"]
    assert "El señor alcalde inauguró" in alcalde.body  # charset from the HTTP header
    assert report.articles == 4
    assert report.skipped["not HTML"] == 1 and report.skipped["HTTP status 404"] == 1


def test_invalid_record_is_skipped_and_the_rest_continues():
    data = _records()
    second = data.index(b"WARC/1.", 10)
    broken = data[:second] + b"WARC/1.0\r\nthis is not a header block\r\n\r\n" + data[second:]
    articles, report = warc.parse_with_report(Source("crawl.warc", broken))
    assert report.skipped["invalid WARC record"] >= 1
    assert len(articles) == 4


def test_read_path_handles_warc_gz(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_records(gz=True))
    result = read_path(path, extract=False)
    assert isinstance(result, Parsed) and result.reader == "warc"
    assert len(result.articles) == 4
    assert reader_for(Source("x.warc", gzip.decompress(_records(gz=True)))).name == "warc"


def test_archive_without_articles_says_why(tmp_path):
    data = _warc([("https://x.example/a.png", "image/png", b"PNG", "200 OK")], gz=False)
    path = tmp_path / "images.warc"
    path.write_bytes(data)
    result = read_path(path, extract=False)
    assert isinstance(result, Skipped)
    assert result.reason == "no article found in web archive (0 articles; skipped: not HTML 1)"
    with pytest.raises(ParseError):
        list(warc.iter_warc(Source(str(path), data)))
