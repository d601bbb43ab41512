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


def _without_target_uri(gz: bool) -> bytes:
    """The five records of ``_records``, the third (the 404 page) without WARC-Target-URI."""
    data = _records(gz=False)
    third = data.index(b"WARC-Target-URI: https://news.example/gone")
    line_end = data.index(b"\r\n", third) + 2
    plain = data[:third] + data[line_end:]
    if not gz:
        return plain
    starts = [i for i in range(len(plain)) if plain.startswith(b"WARC/1.", i)]
    members = [plain[a:b] for a, b in zip(starts, [*starts[1:], len(plain)], strict=True)]
    return b"".join(gzip.compress(m) for m in members)


@pytest.mark.parametrize("gz", [False, True])
def test_response_without_target_uri_is_one_counted_skip(gz):
    articles, report = warc.parse_with_report(Source("crawl.warc", _without_target_uri(gz)))
    assert len(articles) == 4
    assert report.skipped["invalid WARC record"] == 1
    assert report.skipped["not HTML"] == 1


def test_response_without_target_uri_never_stops_an_index_run(tmp_path):
    from indexer import build_index

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(_without_target_uri(gz=False)))
    report = build_index([path], tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (4, [])
    assert report.records_skipped["invalid WARC record"] == 1


def test_truncated_warc_gz_keeps_the_complete_records_before_the_break(tmp_path):
    data = _records(gz=True)
    last = data.rindex(b"\x1f\x8b\x08")  # the last record (alcalde) is cut in half
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: last + (len(data) - last) // 2])
    result = read_path(path, extract=False, stream=True)
    assert isinstance(result, Parsed)
    assert sorted(a.url for a in result.articles if not a.extra.get("excerpt")) == [
        "https://news.example/bridge"
    ]
    assert len(list(read_path(path, extract=False).articles)) == 3  # bridge and two excerpts
    assert result.skipped_records["broken gzip data (the file is cut short)"] == 1


def test_truncated_plain_warc_counts_the_record_cut_short(tmp_path):
    data = _records(gz=False)
    last = data.rindex(b"WARC/1.")
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: last + (len(data) - last) // 2])
    result = read_path(path, extract=False)
    assert isinstance(result, Parsed) and len(result.articles) == 3
    assert result.skipped_records["truncated WARC record"] == 1
