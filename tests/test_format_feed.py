"""RSS and Atom feeds: one article per item, comment feeds skipped, broken feeds read best-effort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus.errors import ParseError
from corpus.formats import feed, reader_for
from corpus.formats.kinds import COMMENT_FEED, skip_kind
from corpus.source import Source
from corpus.sources import Parsed, Skipped, read_path

DATA = Path(__file__).parent / "data" / "feeds"


def source(name: str, url: str = "") -> Source:
    return Source(str(DATA / name), (DATA / name).read_bytes(), url=url)


def test_wordpress_rss_items_with_full_content():
    (post, other), report = feed.parse_with_report(source("wordpress_rss.xml"))
    assert report.articles == 2
    assert post.title == "Mapping the old river"
    assert post.url == "https://notes.example/2019/05/04/mapping-the-old-river/"
    assert post.author == "Ada Byron"
    assert post.published == date(2019, 5, 4)
    assert post.tags == ("History", "maps") and post.categories == ()
    assert post.extra["mixed_terms"] and post.extra["syndicated"] == "feed"
    assert post.extra["wp_post_id"] == "41"
    assert not post.extra.get("excerpt")  # content:encoded is the whole post
    assert post.body.startswith("The river moved twice") and "1851, after the flood" in post.body
    assert post.captions == ("The 1851 survey",) and "The 1851 survey" not in post.body
    assert post.language == "en-US"


def test_html_in_titles_relative_links_mail_authors_and_missing_dates():
    _, other = feed.parse_with_report(source("wordpress_rss.xml"))[0]
    assert other.title == "Reading ledgers & letters"  # escaped and raw markup both removed
    assert other.url == "https://notes.example/2019/04/30/reading-ledgers/"  # resolved
    assert other.author == ""  # a bare e-mail address is not a name
    assert other.published is None
    assert other.extra["excerpt"]  # a short description only


def test_atom_entries():
    (bench, sketch), _ = feed.parse_with_report(source("atom.xml"))
    assert bench.title == "Neue Werkbank"
    assert bench.url == "https://atom.example/blog/2021/03/werkbank"  # against xml:base
    assert bench.published == date(2021, 3, 1)  # published, not updated; as written
    assert bench.author == "Jana Roth"  # the feed's author, the entry naming none
    assert bench.tags == ("Holz", "werkzeug")  # label, else term
    assert bench.language == "de"
    assert "Buche" in bench.body and not bench.extra.get("excerpt")
    assert (sketch.author, sketch.published) == ("Tom Weber", date(2021, 2, 10))
    assert sketch.extra["excerpt"]  # a summary ending in an ellipsis


def test_rss_1_rdf_items():
    (item,), _ = feed.parse_with_report(source("rss1.rdf"))
    assert (item.title, item.url, item.published) == (
        "Harbour reopens", "https://rdf.example/news/1", date(2004, 7, 15))
    assert item.author == "Wire staff" and item.tags == ("Ports",)


@pytest.mark.parametrize("name", ["comments.xml", "untitled_comments.xml"])
def test_comment_feeds_are_skipped_as_such(name):
    with pytest.raises(ParseError) as caught:
        feed.parse_with_report(source(name))
    assert skip_kind(caught.value.reason) == COMMENT_FEED


def test_comment_feed_detection():
    assert feed.is_comment_feed("Kommentare zu: Ein Beitrag", [])
    assert feed.is_comment_feed("Commentaires sur : Un article", [])
    assert not feed.is_comment_feed("Comments are welcome here", ["https://x.example/a/"])
    assert not feed.is_comment_feed("Notes", [])


def test_broken_feed_in_a_legacy_encoding_is_read_best_effort():
    (first, second), _ = feed.parse_with_report(source("broken_latin1.xml"))
    assert first.title == "Crème brûlée at the café"  # ISO-8859-1, &nbsp; entity
    assert first.published == date(2018, 1, 2)
    assert "oven is free" in first.body
    assert second.title == "Unclosed item"  # an unclosed <b> inside the title
    assert second.url == "https://cafe.example/broken"


def test_feed_with_nothing_readable_is_a_recorded_skip():
    result = read_path(DATA / "not_xml.xml", extract=False)
    assert isinstance(result, Skipped) and result.reason.startswith("no article found (feed")


def test_reader_order_and_read_path():
    assert reader_for(source("atom.xml")).name == "feed"
    assert reader_for(source("rss1.rdf")).name == "feed"
    assert reader_for(Source("x.html", b"<!DOCTYPE html><html><title>x</title>")).name != "feed"
    result = read_path(DATA / "wordpress_rss.xml", extract=False)
    assert isinstance(result, Parsed) and result.reader == "feed" and len(result.articles) == 2
    skipped = read_path(DATA / "comments.xml", extract=False)
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("comment feed: ")
