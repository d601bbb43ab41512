"""One post, one document: copies meet by URL, slug and title, or body; the richest copy wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus import Article, article_id
from corpus.article import normalize_url
from indexer import article_from_stored, build_index, open_index
from indexer.dedupe import dedupe_keys, richness
from search.render import show_text

SINGLE_URL = "https://news.example/2021/05/04/glaciers-retreat-faster/"
BODY = (
    "Glaciers in the Alps lost more ice this summer than in any year since records began, "
    "scientists said on Tuesday. The measurements, taken at forty sites, show the retreat "
    "speeding up for the third year running."
)


def single_page(title: str = "Glaciers retreat faster", *, more: str = "") -> str:
    """A WordPress single post page, with its canonical (dated) permalink."""
    return f"""<html><head><title>{title} – News Example</title>
<link rel="canonical" href="{SINGLE_URL}"></head>
<body class="single single-post"><article class="hentry type-post post">
<h1 class="entry-title">{title}</h1>
<time class="entry-date" datetime="2021-05-04T10:00:00+00:00">May 4, 2021</time>
<div class="entry-content"><p>{BODY}</p><p>A second paragraph names the glaciers.{more}</p></div>
<a rel="tag" href="https://news.example/tag/alps/">Alps</a></article></body></html>"""


def listing_page(tag: str, posts: list[tuple[str, str, str]]) -> str:
    """A WordPress tag archive listing ``(slug, title, day)`` posts with short excerpts."""
    items = "".join(
        f"""<article class="post hentry"><h2 class="entry-title">
<a href="https://news.example/{slug}/">{title}</a></h2>
<time class="entry-date" datetime="{day}T10:00:00+00:00">{day}</time>
<div class="entry-summary"><p>Excerpt of {title}: the first words only […]</p></div></article>"""
        for slug, title, day in posts
    )
    return f"""<html><head><title>{tag} Archives – News Example</title></head>
<body class="archive tag tag-{tag.lower()}"><h1 class="page-title">Tag: {tag}</h1>{items}
</body></html>"""


GLACIERS = ("glaciers-retreat-faster", "Glaciers retreat faster", "2021-05-04")
CARBON = ("carbon-tax", "Parliament votes on carbon tax", "2021-05-01")


def stored(index: Path) -> dict[str, Article]:
    """Every stored article of an index, by title."""
    ix = open_index(index)
    with ix.searcher() as s:
        articles = [article_from_stored(d) for d in s.documents()]
    assert len({a.title for a in articles}) == len(articles), "a title is stored twice"
    return {a.title: a for a in articles}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


def test_excerpt_then_full_page_in_one_run_keeps_the_full_page(site, tmp_path):
    (site / "a-tag-climate.html").write_text(listing_page("Climate", [GLACIERS, CARBON]))
    (site / "b-single.html").write_text(single_page())
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (2, 1, 2)
    glaciers = stored(tmp_path / "ix")["Glaciers retreat faster"]
    assert glaciers.id == article_id(url=SINGLE_URL)  # the canonical copy's id, not the link's
    assert glaciers.body.startswith(BODY) and not glaciers.extra.get("excerpt")
    assert glaciers.tags == ("Alps", "Climate")  # the archive's tag is kept
    assert glaciers.extra["sources"] == [str(site / "a-tag-climate.html"),
                                         str(site / "b-single.html")]


def test_full_page_then_excerpt_in_one_run_keeps_the_full_page(site, tmp_path):
    (site / "a-single.html").write_text(single_page())
    (site / "b-tag-climate.html").write_text(listing_page("Climate", [GLACIERS]))
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (1, 1, 1)
    glaciers = stored(tmp_path / "ix")["Glaciers retreat faster"]
    assert glaciers.source_path == str(site / "a-single.html")
    assert "Climate" in glaciers.tags


def test_full_page_read_in_a_later_run_updates_the_excerpt(site, tmp_path):
    (site / "tag-climate.html").write_text(listing_page("Climate", [GLACIERS, CARBON]))
    first = build_index([site], tmp_path / "ix")
    assert (first.added, first.total) == (2, 2)
    (site / "single.html").write_text(single_page())
    second = build_index([site], tmp_path / "ix")
    # the carbon-tax post is unchanged; the glaciers post is updated from its own page
    assert (second.added, second.replaced, second.unchanged, second.total) == (0, 1, 1, 2)
    glaciers = stored(tmp_path / "ix")["Glaciers retreat faster"]
    assert glaciers.id == article_id(url=SINGLE_URL) and glaciers.body.startswith(BODY)
    assert len(glaciers.extra["sources"]) == 2
    third = build_index([site], tmp_path / "ix", force=True)
    assert (third.added, third.duplicates, third.total) == (0, 1, 2)


def test_excerpt_read_in_a_later_run_is_a_duplicate_and_a_remembered_source(site, tmp_path):
    (site / "single.html").write_text(single_page())
    build_index([site], tmp_path / "ix")
    (site / "tag-climate.html").write_text(listing_page("Climate", [GLACIERS]))
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.replaced, report.duplicates, report.total) == (0, 0, 1, 1)
    glaciers = stored(tmp_path / "ix")["Glaciers retreat faster"]
    assert glaciers.body.startswith(BODY) and "Climate" in glaciers.tags
    text = show_text(glaciers)
    assert f"source: {site / 'single.html'}\n" in text
    assert f"also in: {site / 'tag-climate.html'}\n" in text


def test_same_post_on_two_archive_pages_is_stored_once_with_both_tags(site, tmp_path):
    (site / "tag-climate.html").write_text(listing_page("Climate", [GLACIERS, CARBON]))
    (site / "tag-alps.html").write_text(listing_page("Alps", [GLACIERS]))
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (2, 1, 2)
    assert set(stored(tmp_path / "ix")["Glaciers retreat faster"].tags) == {"Alps", "Climate"}


def test_same_slug_and_title_on_days_far_apart_are_different_posts(site, tmp_path):
    (site / "single.html").write_text(single_page())
    later = ("glaciers-retreat-faster", "Glaciers retreat faster", "2022-05-04")
    (site / "tag-climate.html").write_text(listing_page("Climate", [later, CARBON]))
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (3, 0, 3)


def test_republished_copy_without_url_is_merged_by_body(site, tmp_path):
    (site / "original.html").write_text(single_page())
    (site / "copy.txt").write_text(f"Alpine ice melts at record pace\n\n{BODY.upper()}\n")
    (site / "short-1.txt").write_text("Note one\n\nTo be written.\n")
    (site / "short-2.txt").write_text("Note two\n\nTo be written.\n")
    report = build_index([site], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (3, 1, 3)  # short texts stay apart
    titles = stored(tmp_path / "ix")
    assert "Glaciers retreat faster" in titles and "Alpine ice melts at record pace" not in titles


def test_losing_the_full_page_falls_back_to_the_excerpt_on_prune(site, tmp_path):
    (site / "single.html").write_text(single_page())
    (site / "tag-climate.html").write_text(listing_page("Climate", [GLACIERS]))
    build_index([site], tmp_path / "ix")
    (site / "single.html").unlink()
    assert build_index([site], tmp_path / "ix").total == 1  # nothing deleted implicitly
    report = build_index([site], tmp_path / "ix", prune=True)
    assert (report.removed, report.replaced, report.total) == (0, 1, 1)
    glaciers = stored(tmp_path / "ix")["Glaciers retreat faster"]
    assert glaciers.extra.get("excerpt") and glaciers.extra["sources"] == [
        str(site / "tag-climate.html")
    ]


def test_changed_page_updates_the_post_it_supplied(site, tmp_path):
    (site / "single.html").write_text(single_page())
    (site / "tag-climate.html").write_text(listing_page("Climate", [GLACIERS]))
    build_index([site], tmp_path / "ix")
    (site / "single.html").write_text(single_page(more=" Shorter now."))
    report = build_index([site], tmp_path / "ix")
    assert (report.replaced, report.duplicates, report.total) == (1, 0, 1)
    assert "Shorter now." in stored(tmp_path / "ix")["Glaciers retreat faster"].body


def test_richness_prefers_full_bodies_then_longer_ones():
    excerpt = Article(id="a", title="T", body="x" * 500, extra={"excerpt": True})
    full = Article(id="a", title="T", body="x" * 50)
    assert richness(full) > richness(excerpt)
    assert richness(full.replace(body="x" * 60)) > richness(full)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.News.example/a/b/", "news.example/a/b"),
        ("http://news.example:80/a?utm_source=feed&fbclid=1#comments", "news.example/a"),
        ("https://news.example/?p=123", "news.example?p=123"),  # a post without a permalink
        ("https://news.example:8443/a", "news.example:8443/a"),
        ("not a url", "not a url"),
        ("", ""),
    ],
)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected


def test_dedupe_keys_name_url_slug_and_long_bodies():
    article = Article(id="a", title="Glaciers retreat faster", body=BODY, url=SINGLE_URL,
                      published=date(2021, 5, 4))
    kinds = [k.split(":", 1)[0] for k in dedupe_keys(article)]
    assert kinds == ["url", "slug", "text"]
    assert dedupe_keys(article.replace(url="", body="Too short.")) == []
