"""A whole saved site: every post once, whatever copies, feeds and API files the mirror holds.

``data/site/`` is a small hand-written WordPress mirror: one post with its page, an old address
of the same post, its comment feed, embed view, attachment page, API record and oEmbed answers;
a tag archive and its empty second page, a category archive, the site feed (which carries one
more post), the API record of a tag, a static page and ``robots.txt``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from corpus.article import Article, normalize_space
from corpus.errors import ParseError
from corpus.formats import reader_for, wpapi
from corpus.formats.kinds import (
    API_FILE,
    ARCHIVE,
    ATTACHMENT,
    COMMENT_FEED,
    COPY,
    FEED,
    PAGE,
    SITE_FILE,
    file_kind,
    skip_kind,
)
from corpus.formats.sitefiles import site_file
from corpus.source import Source
from indexer import article_from_stored, build_index, open_index
from tests.shared import shared_path

SITE = Path(__file__).parent / "data" / "site"
POST_URL = "https://notes.example/2019/05/04/mapping-the-old-river/"


def stored(index: Path) -> list[Article]:
    with open_index(index).searcher() as searcher:
        return [article_from_stored(doc) for doc in searcher.documents()]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    index = tmp_path_factory.mktemp("site") / "ix"
    report = build_index([SITE], index, jobs=1)
    return report, {a.title: a for a in stored(index)}


def test_each_post_once_and_the_static_page(indexed):
    report, articles = indexed
    assert sorted(articles) == ["About", "Mapping the old river", "Reading ledgers & letters",
                                "The mill ledger"]
    assert report.total == 4


def test_the_post_keeps_its_page_terms_and_the_page_day(indexed):
    _, articles = indexed
    post = articles["Mapping the old river"]
    assert post.url == POST_URL and post.source_format == "html"
    assert post.tags == ("maps",) and post.categories == ("History",)  # not the feed's mix
    assert post.published == date(2019, 5, 4)  # the page's -04:00 day, not the UTC one
    assert post.author == "Ada Byron"
    sources = {Path(p).relative_to(SITE.resolve()).as_posix() for p in post.extra["sources"]}
    assert sources == {"2019/05/04/mapping-the-old-river/index.html", "feed/index.html",
                       "tag/maps/index.html", "wp-json/wp/v2/posts/41", "~old/index.html?p=41.html"}


def test_a_post_only_the_feed_carries_is_read_from_it(indexed):
    _, articles = indexed
    item = articles["Reading ledgers & letters"]
    assert item.source_format == "feed"
    assert item.url == "https://notes.example/2019/04/30/reading-ledgers/"


def test_report_counts_files_by_kind(indexed):
    report, _ = indexed
    assert report.kinds == Counter({
        PAGE: 3, ARCHIVE: 3, COPY: 3, API_FILE: 2, FEED: 1, COMMENT_FEED: 1, ATTACHMENT: 1,
        SITE_FILE: 1,
    })
    assert report.files_seen == sum(report.kinds.values())
    reasons = {Path(s.path).relative_to(SITE.resolve()).as_posix(): s.reason
               for s in report.skipped}
    assert reasons["tag/maps/page/2/index.html"] == "archive: listing without posts"
    assert reasons["robots.txt"] == "site file: robots.txt"
    assert reasons["wp-json/wp/v2/tags/7"] == "API file: tag"
    assert reasons["2019/05/04/mapping-the-old-river/embed/index.html"] == (
        f"copy: embed view of {POST_URL}")


def test_api_records_are_posts_or_skips():
    post_file = SITE / "wp-json" / "wp" / "v2" / "posts" / "41"
    (post,), report = wpapi.parse_with_report(Source(str(post_file), post_file.read_bytes()))
    assert (post.title, post.url, post.published) == (
        "Mapping the old river", POST_URL, date(2019, 5, 4))  # the site's local "date"
    assert post.extra["syndicated"] == "api" and post.extra["wp_post_id"] == "41"
    listing = json.dumps([json.loads(post_file.read_text()),
                          {"id": 9, "type": "post", "status": "draft", "link": "https://x/d/",
                           "title": {"rendered": "Draft"}}]).encode()
    (one,), report = wpapi.parse_with_report(Source("posts", listing))
    assert one.title == "Mapping the old river" and report.skipped == {"draft": 1}
    embedded = {"id": 5, "type": "post", "link": "https://x.example/e/", "date": "2020-01-02",
                "title": {"rendered": "Caf&eacute; &amp; bar"}, "content": {"rendered": "<p>x</p>"},
                "_embedded": {"author": [{"name": "Jo Lee"}], "wp:term": [
                    [{"taxonomy": "category", "name": "Food"}],
                    [{"taxonomy": "post_tag", "name": "coffee"}]]}}
    (article,), _ = wpapi.parse_with_report(Source("e", json.dumps(embedded).encode()))
    assert (article.title, article.author, article.tags, article.categories) == (
        "Café & bar", "Jo Lee", ("coffee",), ("Food",))


def test_only_api_shaped_json_is_claimed():
    assert reader_for(Source("a.json", b'{"title": "A", "text": "Body."}')).name == "jsonl"
    assert reader_for(Source("t", (SITE / "wp-json/wp/v2/tags/7").read_bytes())).name == "wpapi"
    with pytest.raises(ParseError, match="broken API JSON"):
        wpapi.parse_with_report(Source("b", b'{"title": {"rendered": "x"'))


def test_site_files():
    assert site_file(Source("/s/jquery.min.js?ver=3", b"!function(e){return e}")) == "script"
    assert site_file(Source("/s/sitemap.xml", b'<?xml version="1.0"?><urlset xmlns="x">')) == (
        "sitemap")
    assert site_file(Source("/s/notes.txt", b"Disallowed words and other notes\n")) == ""


def test_kind_names():
    listed = Article(id="a", title="t", body="b", extra={"listing": ["tag", "x"]})
    assert file_kind("html", listed) == ARCHIVE
    assert file_kind("html", Article(id="a", title="t", body="b")) == PAGE
    assert file_kind("wpapi") == API_FILE
    assert skip_kind("attachment page: A photo") == ATTACHMENT
    assert skip_kind("no article found") == "not read"


# --- the saved mossiso.com site in ../shared -----------------------------------------------

@pytest.mark.shared
@pytest.mark.slow
def test_shared_saved_wordpress_site_gives_each_post_once(tmp_path):
    root = shared_path("fixtures", "site-mossiso")
    gold = json.loads((root / "gold.json").read_text("utf-8"))
    # The gold lists the single-post files; 96 posts were saved twice (under their dated
    # address and their short one, same og:url and post id): one post per title and time.
    posts: dict[tuple[str, str], dict] = {}
    shown: dict[tuple[str, str], date] = {}  # the day in the permalink: the site's own day
    for entry in gold:
        key = (normalize_space(entry["title"]), entry["published"])
        posts.setdefault(key, entry)
        match = re.match(r"(\d{4})/(\d{2})/(\d{2})/", entry["file"])
        if match:
            shown[key] = date(*map(int, match.groups()))
    report = build_index([root / "site"], tmp_path / "ix", jobs=1)
    articles = stored(tmp_path / "ix")
    by_title = Counter(normalize_space(a.title) for a in articles)
    found = {normalize_space(a.title): a for a in articles}
    zone = ZoneInfo("America/New_York")  # the site's time zone (wp-json/index.html)
    wrong = []
    for (title, published), entry in posts.items():
        article = found.get(title)
        day = shown.get((title, published)) or (
            datetime.fromisoformat(published).astimezone(zone).date())
        if by_title[title] != 1 or article is None:
            wrong.append((title, "found", by_title[title]))
        elif article.published != day:
            wrong.append((title, "day", article.published, day))
        elif set(article.tags) != set(entry["tags"]):
            wrong.append((title, "tags", article.tags, entry["tags"]))
        elif set(article.categories) != set(entry["categories"]):
            wrong.append((title, "categories", article.categories, entry["categories"]))
    assert wrong == []
    # Besides the posts: the static pages (about, courses, projects, résumé ...) and a post
    # whose own page the mirror lacks (saved under an old address only). Never a copy read
    # from a listing, a feed or the API.
    others = [a for a in articles if (normalize_space(a.title)) not in {t for t, _ in posts}]
    assert len(others) <= 9
    assert all(a.source_format == "html" and not a.extra.get("excerpt") for a in others)
    gold_tags = Counter(t for entry in posts.values() for t in entry["tags"])
    assert Counter(t for a in articles for t in a.tags) == gold_tags
    assert report.kinds[COMMENT_FEED] > 0 and report.kinds[COPY] > 0
