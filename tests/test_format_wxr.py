"""WordPress exports: published posts kept, the rest counted, odd namespaces tolerated."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from corpus.errors import ParseError
from corpus.formats import reader_for, wxr
from corpus.source import Source
from corpus.sources import Parsed, Skipped, read_path
from tests.shared import shared_path

DATA = Path(__file__).parent / "data" / "formats"


def source(name: str) -> Source:
    path = DATA / name
    return Source(str(path), path.read_bytes())


def test_minimal_export():
    articles, report = wxr.parse_with_report(source("minimal_wxr.xml"))
    (post,) = articles
    assert post.title == "Published post"
    assert post.author == "Jane Doe"  # dc:creator login mapped to the display name
    assert post.published == date(2021, 2, 3)  # wp:post_date, the site's day
    assert post.url == "https://site.example/2021/02/03/published-post/"
    assert post.tags == ("Harbour",) and post.categories == ("News",)
    assert post.body.split("\n\n") == [
        "First paragraph of the post.",
        "Second paragraph written in the classic editor.",
        "Third paragraph after a blank line.",
    ]
    assert post.captions == ("A harbour at dawn",)
    assert report.articles == 1
    assert dict(report.skipped) == {"draft": 1, "page": 1, "attachment": 1, "nav_menu_item": 1}


def test_pages_on_request():
    articles, report = wxr.parse_with_report(source("minimal_wxr.xml"), include_pages=True)
    assert [a.title for a in articles] == ["Published post", "About us"]
    assert "page" not in report.skipped


def test_unknown_namespace_is_read_best_effort():
    (post,) = wxr.parse_with_report(source("unknown_ns_wxr.xml"))[0]
    assert post.title == "Post under a strange namespace"
    assert post.author == "editor"  # ">editor" as in the theme unit test data
    assert post.published == date(2019, 11, 6)


def test_plain_rss_goes_to_the_feed_reader_and_broken_xml_is_a_clear_error():
    assert reader_for(source("plain_rss.xml")).name == "feed"
    bad = Source("x.xml", b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
                          b"<title>no wp fields</title></item></channel></rss>")
    with pytest.raises(ParseError, match="not a WordPress export"):
        list(wxr.iter_wxr(bad))


def test_read_path_picks_wxr_for_xml(tmp_path):
    result = read_path(DATA / "minimal_wxr.xml", extract=False)
    assert isinstance(result, Parsed) and result.reader == "wxr"
    broken = tmp_path / "export.xml"
    broken.write_bytes(b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\x00\x01')
    assert isinstance(read_path(broken, extract=False), Skipped)


def _published_posts(text: str) -> int:
    items = re.findall(r"<item>(.*?)</item>", text, re.S)
    post = re.compile(r"<wp:post_type>(?:<!\[CDATA\[)?post\b")
    publish = re.compile(r"<wp:status>(?:<!\[CDATA\[)?publish\b")
    return sum(1 for i in items if post.search(i) and publish.search(i))


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "posts"),
    [("themeunittestdata.wordpress.xml", 56), ("64-block-test-data.xml", 61),
     ("theme-preview.xml", 7)],
)
def test_shared_exports(name, posts):
    path = shared_path("fixtures", "wordpress", "wxr", name)
    articles, report = wxr.parse_with_report(Source(str(path), path.read_bytes()))
    assert len(articles) == report.articles == posts
    assert posts == _published_posts(path.read_text(encoding="utf-8"))
    assert all(a.title or a.body for a in articles)
    assert all(a.published for a in articles)
    assert not any(a.author.startswith(">") for a in articles)
    if name.startswith("themeunit"):
        # 58 posts in all: one draft and one scheduled ("future") post are left out
        assert report.skipped["draft"] == 1 and report.skipped["future"] == 1
        assert report.skipped["page"] == 21 and report.skipped["nav_menu_item"] > 0
        assert {a.author for a in articles} == {"Theme Buster", "Theme Reviewer"}
        assert any(a.tags for a in articles) and any(a.categories for a in articles)
