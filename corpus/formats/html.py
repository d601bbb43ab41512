"""Reader for HTML pages holding one article (a news story, a blog post).

:func:`parse_html` parses the page once with BeautifulSoup and lxml, then:

1. hands listing pages (tag, category, author, date and home pages) to
   :func:`corpus.formats.archive.parse_listing`;
2. reads the metadata while the page is whole: title, canonical URL and language
   (:mod:`corpus.formats._html_meta`), then tags, categories, byline and date inside the article
   element (:mod:`corpus.formats._terms`), completed by ``<meta>`` and JSON-LD;
3. extracts the body with :func:`corpus.formats._content.extract_content`, captions apart.

The published date comes from ``article:published_time``/JSON-LD, then the article's ``<time>``,
then a date in the URL; a web archive's capture date is only a last resort, marked as inferred.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from bs4 import BeautifulSoup, Tag

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._authors import page_author
from corpus.formats._boilerplate import pull_captions
from corpus.formats._content import Content, extract_content
from corpus.formats._html_meta import (
    json_ld_article,
    json_ld_names,
    load_soup,
    looks_like_html,
    meta_content,
    page_language,
    page_url,
)
from corpus.formats._pubdate import published_date
from corpus.formats._terms import (
    add_slug_fallback,
    class_terms,
    dedupe,
    scope_terms,
    wordpress_post_id,
)
from corpus.formats._titles import choose_title, heading_before
from corpus.formats.kinds import ARCHIVE, ATTACHMENT, COPY, skip_reason
from corpus.source import Source, looks_binary

__all__ = ["READER", "article_scope", "declares_post", "not_an_article", "parse_article",
           "parse_html"]

_EMBED_PATH = re.compile(r"/embed(?:/(?:index\.html?)?)?$")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")


def meta_values(soup: BeautifulSoup, name: str) -> list[str]:
    """Return every ``<meta property|name=name>`` content, in page order."""
    values = []
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or "").strip().lower()
        content = str(meta.get("content") or "").strip()
        if key == name and content:
            values.append(content)
    return values


def article_scope(soup: BeautifulSoup) -> Tag | None:
    """Return the element that holds the post and its own metadata, or None.

    That is the WordPress post element (``.hentry``/``.type-post``) or the ``<article>`` with
    the page's ``h1``, else the ``<article>`` with the most text.
    """
    for selector in ("article.hentry", "article.type-post", ".hentry.type-post", ".hentry",
                     "[itemtype*='Article']", "[itemtype*='BlogPosting']"):
        element = soup.select_one(selector)
        if element is not None:
            return element
    articles = soup.find_all("article")
    with_h1 = [a for a in articles if a.find("h1")]
    if with_h1 or articles:
        return max(with_h1 or articles, key=lambda a: len(a.get_text()))
    return None


def _terms(soup: BeautifulSoup, scope: Tag | None) -> tuple[list[str], list[str]]:
    tags, categories = scope_terms(scope or soup.body or soup, whole_page=scope is None)
    tags += meta_values(soup, "article:tag")
    categories += meta_values(soup, "article:section")
    ld = json_ld_article(soup)
    if not categories:
        categories += json_ld_names(ld.get("articleSection"))
    if not tags:
        keywords = ld.get("keywords")
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",")]
        tags += json_ld_names(keywords)
    slug_tags, slug_categories = class_terms(scope) if scope is not None else ([], [])
    return (
        add_slug_fallback(dedupe(tags), slug_tags),
        add_slug_fallback(dedupe(categories), slug_categories),
    )


def _opening_heading(content: Content, title: str) -> str:
    """The heading just above the article's text, when the page's headings gave no title."""
    heading = heading_before(content.containers[0])
    if not heading:
        return title
    if content.paragraphs and content.paragraphs[0].casefold() == heading.casefold():
        content.paragraphs.pop(0)  # read as text while the title was another
    return heading


def parse_article(
    soup: BeautifulSoup,
    *,
    source_path: str = "",
    url: str = "",
    captured: date | None = None,
    source_format: str = "html",
    html: str = "",
) -> Article:
    """Read the one article of a parsed page.

    :param soup: the page; it is modified (furniture removed) while the body is extracted.
    :param url: where the page was fetched from, used when the page names no canonical URL.
    :param captured: when it was fetched; the published date only if the page gives none.
    :param html: the page's text, for the date fallback (:mod:`corpus.formats._pubdate`).
    :raises ParseError: when the page holds no article text ("no article found").
    """
    canonical = page_url(soup, url)
    declared = declares_post(soup)
    title, from_heading = choose_title(soup)
    scope = article_scope(soup)
    post_id = wordpress_post_id(soup.body, scope)
    tags, categories = _terms(soup, scope)
    author = page_author(soup, scope)
    language = page_language(soup)
    found = published_date(soup, scope, canonical or url, html=html, language=language)
    published = found.day
    inferred = False
    if published is None and captured is not None:
        published, inferred = captured, True
    content = extract_content(soup, title)
    if not from_heading and content.containers:
        title = _opening_heading(content, title)
    captions = content.captions
    if scope is not None and scope.parent is not None:
        captions = dedupe(pull_captions(scope) + captions)
    body = "\n\n".join(content.paragraphs)
    short = not body or (len(body) < 80 and len(content.paragraphs) < 2)
    if short and not (declared and title):
        raise ParseError(source_path, "no article found")
    return Article(
        id=article_id(url=canonical) if canonical else article_id(title=title, body=body),
        title=title or content.paragraphs[0][:120],
        body=body,
        source_path=source_path,
        url=canonical,
        tags=tuple(tags),
        categories=tuple(categories),
        author=author,
        published=published,
        published_inferred=inferred,
        language=language,
        captions=tuple(captions),
        source_format=source_format,
        extra={"extraction": content.method}
        | ({"published_source": "capture"} if inferred else {})
        | ({"wp_post_id": post_id} if post_id else {})
        | ({"published_source": found.source} if found.day else {}),
    )


def _body_classes(soup: BeautifulSoup) -> set[str]:
    body = soup.body
    classes = body.get("class") if body is not None else None
    return {str(c).lower() for c in classes or []}


def declares_post(soup: BeautifulSoup) -> bool:
    """Tell whether a page says it holds one post, however short its text.

    It does with WordPress's ``single-post`` body class, ``og:type`` article,
    ``article:published_time`` or a JSON-LD article.
    """
    if _body_classes(soup) & {"single-post", "single-format-standard"}:
        return True
    if meta_content(soup, "og:type").lower() == "article":
        return True
    return bool(meta_content(soup, "article:published_time") or json_ld_article(soup))


def not_an_article(soup: BeautifulSoup, source_path: str = "", url: str = "") -> str:
    """Return why a page is no article of its own (a skip reason), or ``""``.

    An **attachment page** (WordPress shows one per uploaded image) and an **embed view** (the
    excerpt card WordPress serves under ``.../embed/`` for other sites to frame) are not posts.
    """
    classes = _body_classes(soup)
    if classes & {"attachment", "single-attachment"}:
        return skip_reason(ATTACHMENT, normalize_space(soup.title.get_text(" "))
                           if soup.title else "")
    where = (url or source_path).split("?", 1)[0]
    if soup.select_one("div.wp-embed") is not None or _EMBED_PATH.search(where):
        link = soup.select_one(".wp-embed-heading a[href]")
        target = str(link.get("href")) if isinstance(link, Tag) else where
        return skip_reason(COPY, f"embed view of {target}")
    return ""


def parse_html(
    text: str,
    *,
    source_path: str = "",
    url: str = "",
    captured: date | None = None,
    source_format: str = "html",
) -> list[Article]:
    """Parse an HTML page into its article, or into one article per post for a listing page.

    :param text: the decoded page.
    :param url: the page's address when known (a WARC record's target URI).
    :param captured: when the page was fetched, if known.
    :raises ParseError: when neither an article nor a listing of posts is found.
    """
    from corpus.formats import archive  # archive needs this module's helpers: import late

    soup = load_soup(text)
    reason = not_an_article(soup, source_path, url)
    if reason:
        raise ParseError(source_path, reason)
    if archive.is_listing(soup):
        listing_url = archive.listing_address(soup, source_path, url)
        posts = archive.parse_listing(
            soup, source_path=source_path, url=url, source_format=source_format
        )
        if posts:
            return posts
        if listing_url:
            raise ParseError(source_path, skip_reason(ARCHIVE, "listing without posts"))
        soup = load_soup(text)
    return [parse_article(soup, source_path=source_path, url=url, captured=captured,
                          source_format=source_format, html=text)]


class _HtmlReader:
    """Claims text files that look like HTML, whatever their extension (a ``.txt`` too)."""

    name = "html"

    def sniff(self, source: Source) -> bool:
        if looks_binary(source.data):
            return False
        if looks_like_html(source.text):
            return True
        return source.suffix in _HTML_SUFFIXES and "<" in source.text[:4096]

    def parse(self, source: Source) -> Iterable[Article]:
        return parse_html(source.text, source_path=source.path, url=source.url,
                          captured=source.captured)


READER = _HtmlReader()
