"""One `dossier index` call over a folder mixing every format, bad files included.

The folder holds an HTML article page, an archive page, a WordPress export, JSON Lines, a web
archive, a text dump, Markdown, a gzipped note, and bad input (an empty file, a binary ``.html``,
a JSON file of non-objects). The tests check the report line by line, that every format's
articles can be found, and that re-runs only touch what changed.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus import SAMPLE_CORPUS
from indexer import build_index
from search import Searcher
from search.cli import cli
from tests.shared import shared_path

DATA = Path(__file__).parent / "data"
GLACIERS_URL = "https://greennotes.example/2020/05/02/glaciers-retreat/"
GLACIERS_TEXT = (
    "Alpine glaciers lost a record share of their ice this summer, researchers said, and the "
    "retreat is now faster than any model from ten years ago predicted."
)
BRIDGE = (
    "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
    "<p>The old bridge was closed to traffic on Tuesday after engineers found cracks in two "
    "of its supporting piers, the city said.</p></article></body></html>"
)


def _warc_gz() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, content_type, payload, status in [
        ("https://news.example/bridge", "text/html; charset=utf-8", BRIDGE.encode(), "200 OK"),
        ("https://news.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
        ("https://news.example/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
    ]:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2021-05-04T10:00:00Z"},
        ))
    return buffer.getvalue()


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    (folder / "pages").mkdir(parents=True)
    shutil.copy(DATA / "html" / "wordpress_single.html", folder / "pages" / "dam-protest.html")
    shutil.copy(DATA / "html" / "wordpress_tag_archive.html", folder / "pages" / "tag-climate.html")
    shutil.copy(DATA / "formats" / "minimal_wxr.xml", folder / "export.xml")
    (folder / "feed.jsonl").write_text(_jsonl(
        {"title": "Harbour reopens to ferries", "abstract": "The harbour reopened on Monday "
         "after dredging, and the first ferries docked before noon.", "keywords": ["ports"]},
        ["not", "an", "object"],
        "this line is not JSON",
        # the full text of a post the archive page only shows an excerpt of
        {"title": "Glaciers retreat faster", "abstract": GLACIERS_TEXT, "url": GLACIERS_URL},
    ))
    (folder / "crawl.warc.gz").write_bytes(_warc_gz())
    shutil.copy(SAMPLE_CORPUS, folder / "dump.txt")
    (folder / "notes.md").write_text("# Field notes\n\nInterviews with lighthouse keepers.\n")
    (folder / "older.txt.gz").write_bytes(
        gzip.compress(b"Older note\n\nThe quarry closed in 1974 after the flood.\n"))
    (folder / "empty.txt").write_text("")
    (folder / "broken.html").write_bytes(bytes(range(256)) * 8)
    (folder / "numbers.jsonl").write_text("[1, 2]\n[3]\n")
    return folder


def _titles(index: Path, query: str) -> list[str]:
    with Searcher(index) as searcher:
        return [hit.title for hit in searcher.search(query, limit=50).hits]


def test_one_call_indexes_every_format_and_reports_the_rest(mixed, tmp_path):
    index = tmp_path / "ix"
    report = build_index([mixed], index, field_map={"body": "abstract"})
    assert report.files_seen == 11
    assert dict(report.formats) == {
        "html": 1, "archive": 1, "wxr": 1, "jsonl": 1, "warc": 1, "textdump": 1, "plaintext": 2,
    }
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "broken.html": "binary file",
        "numbers.jsonl": "unknown format",  # JSON, but no object anywhere
    }
    assert dict(report.records_skipped) == {
        "draft": 1, "page": 1, "attachment": 1, "nav_menu_item": 1,  # the WordPress export
        "not an object": 1, "invalid JSON": 1,  # feed.jsonl
        "not HTML": 1, "HTTP status 404": 1,  # the web archive
    }
    # 13 copies read; the archive's excerpt of the glaciers post loses to the JSON full text
    assert (report.added, report.duplicates, report.replaced, report.total) == (12, 1, 0, 12)
    for query, title in [
        ("dam protest", "Dam protest draws thousands"),  # HTML article page
        ("carbon tax", "Parliament votes on carbon tax"),  # archive page
        ("classic editor", "Published post"),  # WordPress export
        ("dredging", "Harbour reopens to ferries"),  # JSON Lines, body from --field-map
        ("bridge piers", "Bridge closed"),  # web archive
        ('"death commission"', "The UN Must Investigate the 1988 Massacre"),  # text dump
        ("lighthouse keepers", "Field notes"),  # Markdown
        ("quarry", "Older note"),  # gzipped text
    ]:
        assert title in _titles(index, query), query
    assert _titles(index, "glaciers") == ["Glaciers retreat faster"]
    with Searcher(index) as searcher:
        [hit] = searcher.search("glaciers").hits
        glaciers = searcher.get(hit.id)
    assert glaciers.body == GLACIERS_TEXT  # the full text won over the excerpt
    assert "Climate" in glaciers.tags  # and kept what the archive page said
    assert [Path(p).name for p in glaciers.extra["sources"]] == ["feed.jsonl", "tag-climate.html"]


def test_rerun_reads_only_what_changed_and_prunes_only_when_asked(mixed, tmp_path):
    index = tmp_path / "ix"
    build_index([mixed], index, field_map={"body": "abstract"})
    again = build_index([mixed], index, field_map={"body": "abstract"})
    assert (again.files_unchanged, again.added, again.replaced, again.duplicates) == (8, 0, 0, 0)
    assert again.unchanged == 12 and again.total == 12

    (mixed / "notes.md").write_text("# Field notes\n\nInterviews with lighthouse keepers "
                                    "and a ferry captain.\n")
    (mixed / "older.txt.gz").unlink()
    changed = build_index([mixed], index, field_map={"body": "abstract"})
    assert (changed.files_unchanged, changed.added, changed.removed) == (6, 1, 1)  # new text, new id
    assert changed.total == 12  # the vanished file's article stays without --prune
    assert "Field notes" in _titles(index, "captain")

    pruned = build_index([mixed], index, field_map={"body": "abstract"}, prune=True)
    assert (pruned.removed, pruned.total) == (1, 11)
    assert _titles(index, "quarry") == []

    (mixed / "feed.jsonl").unlink()  # the glaciers post falls back to the archive's excerpt
    fallback = build_index([mixed], index, field_map={"body": "abstract"}, prune=True)
    assert (fallback.removed, fallback.replaced, fallback.total) == (1, 1, 10)
    with Searcher(index) as searcher:
        [hit] = searcher.search("glaciers").hits
        assert searcher.get(hit.id).extra.get("excerpt") is True


def test_a_new_field_map_rereads_json_files(mixed, tmp_path):
    index = tmp_path / "ix"
    build_index([mixed], index)
    assert _titles(index, "dredging") == []  # "abstract" is not a body key by default
    report = build_index([mixed], index, field_map={"body": "abstract"})
    assert report.formats == {"jsonl": 1} and "Harbour reopens to ferries" in _titles(
        index, "dredging")


def test_cli_prints_the_report_and_rejects_bad_field_maps(runner, mixed, tmp_path):
    result = runner.invoke(cli, ["index", str(mixed), "--field-map", "body=abstract",
                                 "--field-map", "tags=keywords"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "  files seen: 11   unchanged: 0   skipped: 3"
    assert lines[2] == ("  articles added: 12   updated: 0   unchanged: 0   duplicates: 1   "
                        "removed: 0   total in index: 12")
    assert lines[3] == "  formats: archive 1, html 1, jsonl 1, plaintext 2, textdump 1, warc 1, wxr 1"
    assert lines[4] == ("  files by kind: not read 3, text 2, web archive 1, text dump 1, "
                        "WordPress export 1, JSON 1, post page 1, archive 1")
    assert lines[5].startswith("  records skipped: ")
    assert "draft 1" in lines[5] and "not an object 1" in lines[5]
    assert f"  skipped {mixed / 'empty.txt'}: empty file" in lines
    bad = runner.invoke(cli, ["index", str(mixed), "--field-map", "summary=abstract"])
    assert bad.exit_code == 2
    assert "unknown article field 'summary' in field map; fields are: author, body" in bad.output
    assert runner.invoke(cli, ["index", str(mixed), "--field-map", "body"]).exit_code == 2


@pytest.mark.slow
def test_shared_wordpress_fixtures_index_in_one_call_with_each_post_once(tmp_path):
    root = shared_path("fixtures", "wordpress")
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    index = tmp_path / "ix"
    report = build_index([root], index)
    assert report.formats["archive"] == 4 and report.formats["wxr"] == 3
    assert report.records_skipped["draft"] >= 1 and report.records_skipped["attachment"] >= 1
    assert report.duplicates >= 2  # the THATCamp post and a post on two archive pages
    with Searcher(index) as searcher:
        for page in expected:
            posts = page.get("expected_posts") or [page["expected"]]
            for post in posts:
                hits = searcher.search(f'title:"{post["title"]}"', limit=20).hits
                same = [h for h in hits if h.title == post["title"]]
                assert len(same) == 1, (page["file"], post["title"], len(same))
        [thatcamp] = [h for h in searcher.search('title:"THATCamp 2012"').hits]
        article = searcher.get(thatcamp.id)
    assert article.url == "https://mossiso.com/2012/06/18/thatcamp-2012/"
    assert not article.extra.get("excerpt")  # the single page, not the archive's copy
    assert sorted(Path(p).name for p in article.extra["sources"]) == [
        "mossiso__2012_06_18_thatcamp_2012.html", "mossiso__category_academic.html"]


def test_progress_line_appears_only_once_a_run_lasts(monkeypatch):
    import time

    from indexer.progress import IndexProgress
    from search import cli as cli_module

    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    monkeypatch.setattr(cli_module._progress, "delay", 0.05)
    progress = cli_module._progress()
    with progress as update:
        update(IndexProgress(0, 3, "first.html", 0))
        assert not progress._bar.live.is_started  # a short run never shows it
        time.sleep(0.3)
        update(IndexProgress(2, 3, "feed.jsonl", 40, 38, 5000))
        assert progress._bar.live.is_started
        files, articles = progress._bar.tasks
        assert (files.completed, files.total, files.visible) == (2, 3, True)
        assert (articles.completed, articles.total, articles.visible) == (38, 5000, True)
        update(IndexProgress(2, 3, "small.jsonl", 40, 2, 20))
        assert not progress._bar.tasks[1].visible  # a small file among many: files only
    assert progress._bar is None
