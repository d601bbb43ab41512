"""Listing pages: one article per post shown, with the archive's own term on each."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corpus.formats import archive
from corpus.formats._html_meta import load_soup
from corpus.sources import Parsed, read_path
from tests.shared import shared_path

DATA = Path(__file__).parent / "data" / "html"


def test_wordpress_tag_archive_posts():
    result = read_path(DATA / "wordpress_tag_archive.html", extract=False)
    assert isinstance(result, Parsed) and result.reader == "archive"
    first, second = result.articles
    assert first.title == "Glaciers retreat faster"
    assert first.url == "https://greennotes.example/2020/05/02/glaciers-retreat/"
    assert first.published == date(2020, 5, 2)
    assert first.author == "Lena Vogt"
    assert first.tags == ("Climate", "Glaciers") and first.categories == ("Science",)
    assert first.body == ("New measurements show the alpine glaciers lost more ice last summer "
                          "than in any year on record.")
    assert first.extra["excerpt"] is True
    # the second post names no term in words: slugs, plus the archive's own tag
    assert second.tags == ("climate", "carbon tax")
    assert second.categories == ("policy",)
    assert "sidebar headline" not in " ".join(a.title for a in result.articles)


def test_archive_term():
    soup = load_soup((DATA / "wordpress_tag_archive.html").read_text())
    assert archive.archive_term(soup) == ("tag", "Climate")
    assert archive.is_listing(soup)
    single = load_soup((DATA / "wordpress_single.html").read_text())
    assert not archive.is_listing(single)


def test_generic_listing_without_wordpress_classes():
    result = read_path(DATA / "listing_generic.html", extract=False)
    assert isinstance(result, Parsed) and result.reader == "html"
    titles = [a.title for a in result.articles]
    assert titles == ["School reopens after flood", "Bus fares to rise in March",
                      "Library extends opening hours"]
    assert [a.published for a in result.articles] == [
        date(2022, 1, 10), date(2022, 1, 8), date(2022, 1, 5)]  # the last from its URL
    assert result.articles[0].body == ("The primary school reopened on Monday after repairs to "
                                       "the flooded ground floor.")


ARCHIVES = [
    "mossiso__category_academic.html",
    "mossiso__tag_maps.html",
    "freepressokc__category_politics.html",
    "freepressokc__tag_okcps.html",
]


@pytest.mark.shared
@pytest.mark.parametrize("name", ARCHIVES)
def test_shared_archive_pages(name):
    path = shared_path("fixtures", "wordpress", "pages", name)
    entries = json.loads(shared_path("fixtures", "wordpress", "expected.json").read_text())
    entry = next(e for e in entries if e["file"] == f"pages/{name}")
    result = read_path(path, extract=False)
    assert isinstance(result, Parsed) and result.reader == "archive"
    by_title = {a.title: a for a in result.articles}
    kind = "tag" if "tag" in entry["page_type"] else "category"
    for post in entry["expected_posts"]:
        article = by_title[post["title"]]
        assert article.published.isoformat() == post["date_day_local"], post["title"]
        assert article.url.startswith("https://")
        assert article.extra["excerpt"] is True
        terms = {t.casefold() for t in article.tags + article.categories}
        if name.startswith("freepressokc"):
            # its listings show no tags: only the archive's own term and the post's category
            shown = {entry["original_url"].rstrip("/").rsplit("/", 1)[-1]}
            assert article.categories, post["title"]
        else:
            shown = {t.casefold() for t in post["categories_and_tags"]}
        assert shown <= terms, (post["title"], shown - terms)
        archive_terms = article.tags if kind == "tag" else article.categories
        assert archive_terms, post["title"]
    assert len(result.articles) >= entry["posts_listed_on_page"]
