"""Single article pages: metadata, body extraction, captions, terms, encodings, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corpus.errors import ParseError
from corpus.formats import READERS, html, reader_for
from corpus.source import Source
from corpus.sources import Parsed, Skipped, read_path
from tests.shared import shared_path

DATA = Path(__file__).parent / "data" / "html"


def one(name: str):
    result = read_path(DATA / name, extract=False)
    assert isinstance(result, Parsed), result
    assert len(result.articles) == 1
    return result.articles[0]


def test_wordpress_single_metadata():
    article = one("wordpress_single.html")
    assert article.title == "Dam protest draws thousands"  # og:title without " – River Watch"
    assert article.url == "https://riverwatch.example/2019/11/06/dam-protest/"  # og:url beats relative canonical
    assert article.published == date(2019, 11, 6)
    assert article.author == "Jane Doe"
    assert article.language == "en-GB"
    assert article.tags == ("Dams", "Protest")  # human names, not the slug classes
    assert article.categories == ("Rivers",)
    assert article.source_format == "html"


def test_wordpress_single_body_has_no_boilerplate():
    article = one("wordpress_single.html")
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Thousands of people marched")
    assert "What comes next" in paragraphs
    assert paragraphs[-1].endswith("badly advertised.")
    for junk in ("cookies", "Share this", "Twitter", "Farmers sue", "Great reporting", "Home",
                 "Sidebar Tag", "Do not index", "All rights reserved", "Recent posts"):
        assert junk not in article.body
    assert article.captions == ("Marchers cross the old bridge at noon.",)
    assert "Marchers cross" not in article.body


def test_tagdiv_terms_from_meta_and_td_tags_and_wrong_offset_day():
    article = one("tagdiv_single.html")
    assert article.tags == ("city budget", "OKC")
    assert article.categories == ("Government",)
    assert article.author == "Sam Reed"
    assert article.published == date(2018, 6, 12)  # the written day, offset not applied
    assert "Advertisement" not in article.body and "minute read" not in article.body
    assert "Facebook" not in article.body
    assert len(article.body.split("\n\n")) == 2


def test_slug_classes_are_only_a_fallback():
    article = one("slug_only_tags.html")
    assert article.tags == ("water rights", "hd 99")
    assert article.categories == ("local news",)


def test_density_fallback_and_json_ld():
    article = one("density_fallback.html")
    assert article.extra["extraction"] == "density"
    assert article.title == "Harbour strike ends after nine days"
    assert article.published == date(2021, 3, 4)
    assert article.author == "Ana Ruiz, Tom Berg"
    assert article.tags == ("strikes", "harbour", "unions")
    assert article.categories == ("Economy",)
    assert article.body.startswith("Dock workers returned")
    assert article.body.endswith("across the region.")
    assert len(article.body.split("\n\n")) == 4
    for junk in ("Most read", "penalty shootout", "Front page", "Privacy", "newsletter"):
        assert junk not in article.body
    assert article.captions == ("Workers at the east gate on Thursday.",)


def test_article_id_from_canonical_url_else_text():
    with_url = one("wordpress_single.html")
    from corpus.article import article_id

    assert with_url.id == article_id(url=with_url.url)
    without = one("truncated.html")
    assert without.url == ""
    assert without.id == article_id(title=without.title, body=without.body)


def test_truncated_page_still_parses():
    article = one("truncated.html")
    assert article.title == "Cut short"
    assert article.body.startswith("This page was saved")


def test_page_without_article_is_a_clear_skip():
    result = read_path(DATA / "no_article.html", extract=False)
    assert isinstance(result, Skipped)
    assert result.reason == "no article found"
    with pytest.raises(ParseError, match="no article found"):
        html.parse_html((DATA / "no_article.html").read_text())


def test_txt_file_holding_html_goes_to_html_reader():
    result = read_path(DATA / "page_as_text.txt", extract=False)
    assert isinstance(result, Parsed) and result.reader == "html"
    assert result.articles[0].title == "Saved with the wrong extension"


def test_binary_html_file_is_skipped(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = read_path(path, extract=False)
    assert isinstance(result, Skipped) and result.reason == "binary file"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("latin1_meta.html", "El señor alcalde inauguró el puente el miércoles"),
        ("mojibake.html", "Iran’s negotiators returned"),
        ("utf8_bom.html", "lasted “well into the night”, officials said."),
    ],
)
def test_encodings(name, expected):
    article = one(name)
    assert expected in article.body
    assert "â€" not in article.body and "\ufffd" not in article.body


def test_bom_page_title():
    assert one("utf8_bom.html").title == "Naïve café"


def test_capture_date_only_when_page_has_none():
    page = (DATA / "truncated.html").read_text()
    article = html.parse_html(page, url="https://x.example/cut", captured=date(2020, 1, 1))[0]
    assert article.published == date(2020, 1, 1) and article.published_inferred
    assert article.url == "https://x.example/cut"
    dated = (DATA / "wordpress_single.html").read_text()
    article = html.parse_html(dated, captured=date(2020, 1, 1))[0]
    assert article.published == date(2019, 11, 6) and not article.published_inferred


def test_date_from_url_when_no_other():
    page = "<html><body><article><h1>T</h1><p>" + "word " * 40 + "</p></article></body></html>"
    article = html.parse_html(page, url="https://n.example/2017/03/09/story/")[0]
    assert article.published == date(2017, 3, 9)


def test_reader_order_keeps_textdump_before_plaintext():
    names = [r.name for r in READERS]
    assert names.index("textdump") < names.index("plaintext")
    assert names.index("archive") < names.index("html")
    assert reader_for(Source("a.txt", b"Title\n\nBody.")).name == "plaintext"


# --- the real WordPress pages in ../shared -------------------------------------------------------


def _expected(name: str) -> dict:
    entries = json.loads(shared_path("fixtures", "wordpress", "expected.json").read_text())
    return next(e for e in entries if e["file"] == f"pages/{name}")


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "mossiso__2012_06_18_thatcamp_2012.html",
        "freepressokc__election_night_urban_democrats_notch_wins_in_state_full_of_trump_voters.html",
    ],
)
def test_shared_single_pages(name):
    path = shared_path("fixtures", "wordpress", "pages", name)
    expected = _expected(name)["expected"]
    result = read_path(path, extract=False)
    assert isinstance(result, Parsed) and result.reader == "html"
    (article,) = result.articles
    assert article.title == expected["title"]
    assert article.url == expected["url"]
    assert article.published.isoformat() == expected["date_day_local"]
    terms = {t.casefold() for t in article.tags + article.categories}
    assert {t.casefold() for t in expected["categories_and_tags"]} <= terms
    assert len(article.body) > 3000
    assert article.captions
    for junk in ("Share and Enjoy", "Facebook", "Leave a Reply", "minute read"):
        assert junk not in article.body


def test_generic_news_layout_without_known_container():
    article = one("news_generic.html")
    assert article.extra["extraction"] == "density"
    assert article.author == "Chris Park" and article.published == date(2023, 4, 18)
    assert article.tags == ("Floods", "Weather")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4  # the wrapper with "has-author-box with-sidebar" is kept
    assert paragraphs[0].startswith("More than two thousand") and paragraphs[3].startswith(
        "Forecasters expect")
    for junk in ("Advertisement", "Read more", "newsletter", "covers climate", "More stories",
                 "Daily Ledger", "Topics"):
        assert junk not in article.body
    assert article.captions == ("A street under water in Riverside on Monday. Photo: L. Mendes",)
