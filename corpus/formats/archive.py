"""Reader for listing pages: tag, category, author, date and home pages that show several posts.

The parts:

* :func:`is_listing` decides from WordPress's ``<body>`` classes (``archive``, ``blog``,
  ``search``; never ``single``/``page``), or, on other sites, from several linked post headings
  on a page that does not describe itself as one article.
* :func:`archive_term` reads what the listing is *of*: its kind (from the body classes or the
  URL: ``/tag/``, ``/category/``, ``/author/``) and its name (the page heading without
  "Tag:", the breadcrumb, the title, the slug as a last resort).
* :func:`parse_listing` finds the post headings (an ``h1``-``h4`` that is a link, outside
  sidebars and menus), grows each into the largest element that holds no other heading (its
  *block*), and reads from the block the title, link, date, byline, terms and excerpt. The
  archive's own tag or category is added to every post, the excerpt is the body and
  ``extra["excerpt"]`` says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bs4 import BeautifulSoup, PageElement, Tag

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._boilerplate import drop_junk, paragraphs, prose_chars, prune
from corpus.formats._dates import date_from_url
from corpus.formats._html_meta import (
    json_ld_article,
    load_soup,
    looks_like_html,
    meta_content,
    page_url,
    resolve,
)
from corpus.formats._terms import (
    add_slug_fallback,
    class_terms,
    dedupe,
    in_sidebar,
    scope_author,
    scope_date,
    scope_terms,
    wordpress_post_id,
)
from corpus.formats._titles import page_title
from corpus.formats.kinds import ARCHIVE, skip_reason
from corpus.source import Source, looks_binary

__all__ = ["READER", "archive_term", "is_listing", "listing_address", "parse_listing"]

_LISTING_CLASSES = frozenset(("archive", "blog", "search", "search-results"))
_SINGLE_CLASSES = frozenset(("single", "single-post", "page", "attachment", "error404"))
_KINDS = ("tag", "category", "author", "date")
_BODY_CLASS = re.compile(r"<body[^>]*\bclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)
_HEADING_PREFIX = re.compile(
    r"^(?:(?:tag|category|categories|author|topic|section|tagged|posts tagged|articles tagged|"
    r"tag archives?|category archives?|author archives?|archives? for|browsing|all posts in)"
    r"\s*:?\s*)",
    re.IGNORECASE,
)
_URL_KIND = re.compile(r"/(tag|tags|topics?|category|categories|section|author)/", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4")
_MIN_POSTS = 3
_LISTING_SHARE = 0.6
_LISTING_ADDRESS = re.compile(r"/page/\d+(?:/|$)|[?&](?:filter_by|paged|orderby|sort_by)=",
                              re.IGNORECASE)


def _body_classes(soup: BeautifulSoup) -> set[str]:
    body = soup.body
    classes = body.get("class") if body is not None else None
    return {str(c).lower() for c in classes or []}


def _post_headings(soup: BeautifulSoup) -> list[tuple[Tag, Tag]]:
    """Return ``(heading, link)`` for every linked post heading outside page furniture."""
    found = []
    for heading in soup.find_all(_HEADINGS):
        link = heading.find("a", href=True)
        text = normalize_space(heading.get_text(" "))
        if link is None or not text or in_sidebar(heading):
            continue
        href = str(link.get("href") or "").strip()
        if re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.html?)?|#.*", href):
            continue  # the site's name linking home, not a post
        if len(normalize_space(link.get_text(" "))) >= 0.6 * len(text):
            found.append((heading, link))
    return found


def is_listing(soup: BeautifulSoup) -> bool:
    """Tell whether a parsed page lists several posts rather than holding one article."""
    classes = _body_classes(soup)
    if classes & _SINGLE_CLASSES:
        return False
    if classes & _LISTING_CLASSES:
        return True
    if meta_content(soup, "og:type").lower() == "article" or json_ld_article(soup):
        return False
    if meta_content(soup, "article:published_time"):
        return False
    headings = _post_headings(soup)
    return len(headings) >= _MIN_POSTS and _posts_hold_the_text(soup, headings)


def _posts_hold_the_text(soup: BeautifulSoup, headings: list[tuple[Tag, Tag]]) -> bool:
    """Tell whether the linked headings' blocks hold most of the page's prose.

    An article page with a box of related-post links has its own long text outside them;
    a listing's text is its excerpts. (Read without changing the page.)
    """
    counts: Counter[int] = Counter()
    for heading, _ in headings:
        for parent in heading.parents:
            counts[id(parent)] += 1
    blocks: dict[int, Tag] = {}
    for heading, _ in headings:
        block = heading
        for parent in heading.parents:
            if counts[id(parent)] > 1 or parent.name in ("body", "html", "[document]"):
                break
            block = parent
        blocks[id(block)] = block
    inside = sum(prose_chars(block) for block in blocks.values())
    total = prose_chars(soup.body or soup)
    return inside >= _LISTING_SHARE * total


def listing_address(soup: BeautifulSoup, source_path: str = "", url: str = "") -> str:
    """Return the page's address when it is one of a listing's variants, else ``""``.

    Paged listings (``/page/3/``, ``?paged=3``) and filtered ones (``?filter_by=popular``,
    ``?orderby=``) show posts read elsewhere; such a page is never an article of its own.

    >>> listing_address(load_soup("<p>"), "/site/tag/maps/page/2/index.html")
    '/site/tag/maps/page/2/index.html'
    >>> listing_address(load_soup("<p>"), "/site/2019/05/a-post/index.html")
    ''
    """
    for candidate in (page_url(soup, url), url, source_path):
        if candidate and _LISTING_ADDRESS.search(candidate):
            return candidate
    return ""


def archive_term(soup: BeautifulSoup, url: str = "") -> tuple[str, str]:
    """Return ``(kind, name)`` of what a listing page lists, e.g. ``("tag", "maps")``.

    ``kind`` is ``tag``, ``category``, ``author``, ``date`` or ``""`` (a home or search page).
    """
    classes = _body_classes(soup)
    kind = next((k for k in _KINDS if k in classes), "")
    if not kind:
        match = _URL_KIND.search(url)
        if match:
            word = match[1].lower()
            kind = "category" if word.startswith(("cat", "sec")) else (
                "author" if word == "author" else "tag"
            )
    if not kind or kind == "date":
        return kind, ""
    for selector in (".page-title", ".archive-title", ".td-page-title", ".page-header h1",
                     ".taxonomy-title", "h1"):
        element = soup.select_one(selector)
        if element is not None:
            name = _HEADING_PREFIX.sub("", normalize_space(element.get_text(" ")))
            name = name.strip("‘’'\"“”«» ")
            if name:
                return kind, name
    title = page_title(soup)
    title = re.sub(r"\s+archives?$", "", _HEADING_PREFIX.sub("", title), flags=re.IGNORECASE)
    if title:
        return kind, title
    slugs = class_terms(soup.body)[0 if kind == "tag" else 1] if soup.body else []
    return kind, slugs[0].replace("-", " ") if slugs else ""


def _blocks(soup: BeautifulSoup, headings: list[tuple[Tag, Tag]]) -> list[Tag]:
    """Grow each heading into the largest element that holds no other post heading."""
    counts: Counter[int] = Counter()
    for heading, _ in headings:
        for parent in heading.parents:
            counts[id(parent)] += 1
    blocks = []
    for heading, _ in headings:
        block = heading
        for parent in heading.parents:
            if counts[id(parent)] > 1 or parent.name in ("body", "html", "[document]"):
                break
            block = parent
        if block is heading:
            # Posts are not wrapped: the block is the heading and what follows it.
            wrapper = soup.new_tag("div")
            heading.insert_before(wrapper)
            node: PageElement | None = heading
            while node is not None and not (
                node is not heading and isinstance(node, Tag) and node.name in _HEADINGS
            ):
                following = node.next_sibling
                wrapper.append(node.extract())
                node = following
            block = wrapper
        blocks.append(block)
    return blocks


def _post(block: Tag, heading: Tag, link: Tag, base: str, term: tuple[str, str]) -> Article:
    title = normalize_space(heading.get_text(" "))
    url = resolve(str(link.get("href") or ""), base)
    if not url.startswith(("http://", "https://")):
        url = ""  # a relative link without a base would make a misleading id
    tags, categories = scope_terms(block)
    slug_tags, slug_categories = class_terms(block)
    tags = add_slug_fallback(tags, slug_tags)
    categories = add_slug_fallback(categories, slug_categories)
    kind, name = term
    if name and kind == "tag":
        tags = dedupe([*tags, name])
    elif name and kind == "category":
        categories = dedupe([*categories, name])
    author = scope_author(block) or (name if kind == "author" else "")
    published = scope_date(block) or date_from_url(url)
    post_id = wordpress_post_id(block, block.find("article"))
    heading.decompose()
    prune(block)
    body = "\n\n".join(paragraphs(block, title))
    return Article(
        id=article_id(url=url) if url else article_id(title=title, body=body),
        title=title,
        body=body,
        url=url,
        tags=tuple(tags),
        categories=tuple(categories),
        author=author,
        published=published,
        source_format="html",
        extra={"excerpt": True} | ({"wp_post_id": post_id} if post_id else {}),
    )


def parse_listing(
    soup: BeautifulSoup, *, source_path: str = "", url: str = "", source_format: str = "html"
) -> list[Article]:
    """Return one article per post shown on a listing page (possibly none).

    :param soup: the parsed page; it is taken apart while the posts are read.
    :param url: where the page was fetched from, used to make post links absolute.
    """
    page = page_url(soup, url)
    base = page if page.startswith(("http://", "https://")) else url
    term = archive_term(soup, page)
    language = str(soup.html.get("lang") or "") if soup.html else ""
    drop_junk(soup)
    headings = _post_headings(soup)
    posts: dict[str, Article] = {}
    for block, (heading, link) in zip(_blocks(soup, headings), headings, strict=True):
        post = _post(block, heading, link, base, term)
        if post.title and post.id not in posts:
            posts[post.id] = post.replace(
                source_path=source_path,
                language=language,
                source_format=source_format,
                extra={**post.extra, "listing_url": page, "listing": list(term)},
            )
    return list(posts.values())


class _ArchiveReader:
    """Claims HTML pages whose ``<body>`` classes mark a WordPress listing."""

    name = "archive"

    def sniff(self, source: Source) -> bool:
        if looks_binary(source.data) or not looks_like_html(source.text):
            return False
        match = _BODY_CLASS.search(source.text)
        classes = set(match[1].lower().split()) if match else set()
        return bool(classes & _LISTING_CLASSES) and not classes & _SINGLE_CLASSES

    def parse(self, source: Source) -> Iterable[Article]:
        soup = load_soup(source.text)
        posts = parse_listing(soup, source_path=source.path, url=source.url)
        if posts:
            return posts
        from corpus.formats.html import parse_article  # a page mislabelled as a listing

        if listing_address(load_soup(source.text), source.path, source.url):
            raise ParseError(source.path, skip_reason(ARCHIVE, "listing without posts"))
        try:
            return [parse_article(load_soup(source.text), source_path=source.path,
                                  url=source.url, captured=source.captured)]
        except ParseError:
            raise ParseError(source.path, "no posts found on listing page") from None


READER = _ArchiveReader()
