"""Tags, categories, bylines and dates shown inside one part of a page.

Every function takes a *scope*: the article element of a single page, or one post block of a
listing, so that a sidebar's tag cloud or another post's byline never leaks in.

* :func:`scope_terms` returns ``(tags, categories)`` from links (``rel="tag"`` is a tag,
  ``rel="category tag"`` a category) and from the theme's term lists (``.tags-links``,
  ``.td-tags``, ``.cat-links``, ``.td-post-category`` ...).
* :func:`class_terms` reads the ``tag-*``/``category-*`` classes WordPress puts on a post
  element; they are slugs, so :func:`add_slug_fallback` uses them only when the page names no
  term in words.
* :func:`scope_author` and :func:`scope_date` read a byline and a ``<time>``/date text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bs4 import Tag

from corpus.article import normalize_space
from corpus.formats._dates import parse_date

__all__ = [
    "add_slug_fallback", "class_terms", "dedupe", "in_sidebar", "scope_author", "scope_date",
    "scope_terms",
    "slugify",
    "wordpress_post_id",
]

_TAG_BOX = re.compile(
    r"^(?:[a-z]+[-_]){0,2}(?:tags?|tagged|keywords|topics)(?:[-_](?:links|list|wrap|box|container))?$"
)
_CATEGORY_BOX = re.compile(
    r"^(?:[a-z]+[-_]){0,2}(?:cat|cats|category|categories)(?:[-_](?:links|list))?$"
)
_NOT_A_TERM = re.compile(r"^(?:tags?|categories|category|filed under|posted in)\s*:?$", re.I)
_DATE_BOX = re.compile(r"(?:^|[-_])(?:date|time|published|posted-on|dateline|timestamp)(?:$|[-_])")
_BY = re.compile(r"^\s*(?:by|posted by|written by|author:?|von|par|por)\s+", re.IGNORECASE)
_AUTHOR_SELECTORS = (
    "[rel~=author]", "[itemprop=author] [itemprop=name]", "[itemprop=author]",
    ".td-post-author-name a", ".author .fn", ".vcard .fn", ".byline a", ".author-name",
    ".byline", ".author a", "a[href*='/author/']",
)
_SIDEBAR = re.compile(
    r"sidebar|widget|related|menu|(?:^|[-_\s])nav(?:$|[-_\s])|colophon|comment|popular|trending|"
    r"recommend|breadcrumb|slider|carousel|mega"
)
_SIDEBAR_ROLES = ("navigation", "complementary", "contentinfo")
_HIDDEN = ".screen-reader-text, .sr-only, .visually-hidden"
_POST_ID = re.compile(r"^(?:postid|page-id|post)-(\d+)$")


def slugify(text: str) -> str:
    """Return the WordPress-style slug of a term name.

    >>> slugify("Our Revolution OK"), slugify("Café & Co.")
    ('our-revolution-ok', 'cafe-co')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def dedupe(names: list[str]) -> list[str]:
    """Keep the first spelling of each name, compared case-insensitively.

    >>> dedupe(["Politics", "politics", "HD 99"])
    ['Politics', 'HD 99']
    """
    seen: set[str] = set()
    kept = []
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def _text(element: Tag) -> str:
    return normalize_space(element.get_text(" "))


def _classes(element: Tag) -> list[str]:
    value: object = element.get("class") or []
    return [str(c).lower() for c in (value if isinstance(value, list) else str(value).split())]


def _rel(element: Tag) -> list[str]:
    value: object = element.get("rel") or []
    return [str(r) for r in (value if isinstance(value, list) else str(value).split())]


def in_sidebar(element: Tag) -> bool:
    """Tell whether ``element`` sits in a menu, sidebar, widget, footer or related-posts box."""
    for parent in element.parents:
        if parent.name in ("nav", "aside", "footer") and parent.find_parent("article") is None:
            return True
        labels = " ".join(_classes(parent)) + " " + str(parent.get("id") or "").lower()
        if _SIDEBAR.search(labels) or str(parent.get("role") or "") in _SIDEBAR_ROLES:
            return True
    return False


def scope_terms(scope: Tag, *, whole_page: bool = False) -> tuple[list[str], list[str]]:
    """Return the tags and categories named inside ``scope``, in page order.

    :param whole_page: ``scope`` is the whole page, so terms in sidebars and menus are skipped.
    """
    tags: list[str] = []
    categories: list[str] = []
    for link in scope.find_all("a", rel=True):
        if whole_page and in_sidebar(link):
            continue
        rel = [str(r).lower() for r in link.get("rel") or []]
        if "tag" in rel or "category" in rel:
            (categories if "category" in rel else tags).append(_text(link))
    for box in scope.find_all(class_=True):
        classes = _classes(box)
        if any(c.startswith(("tag-cloud", "widget")) for c in classes):
            continue
        if whole_page and in_sidebar(box):
            continue
        if any(_TAG_BOX.match(c) for c in classes):
            target = tags
        elif any(_CATEGORY_BOX.match(c) for c in classes):
            target = categories
        else:
            continue
        links = box.find_all("a") if box.name != "a" else [box]
        target.extend(_text(a) for a in links if "tag" not in _rel(a))
    clean = [t for t in tags if t and not _NOT_A_TERM.match(t) and len(t) <= 80]
    cats = [c for c in categories if c and not _NOT_A_TERM.match(c) and len(c) <= 80]
    return dedupe(clean), dedupe(cats)


def class_terms(element: Tag) -> tuple[list[str], list[str]]:
    """Return the tag and category slugs of a WordPress post element's ``class``.

    >>> from bs4 import BeautifulSoup
    >>> post = BeautifulSoup('<article class="post tag-hd-99 category-politics category-1">',
    ...                      "lxml").article
    >>> class_terms(post)
    (['hd-99'], ['politics'])
    """
    tags, categories = [], []
    for name in _classes(element):
        prefix, _, slug = name.partition("-")
        if not slug or slug.isdigit():
            continue
        if prefix == "tag":
            tags.append(slug)
        elif prefix == "category":
            categories.append(slug)
    return tags, categories


def wordpress_post_id(*elements: Tag | None) -> str:
    """Return the WordPress post id the first of ``elements`` to state one states, or ``""``.

    WordPress writes it in classes and ids: ``postid-12``, ``page-id-3``, ``post-12``.

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup('<body class="single postid-31"><article id="post-31">', "lxml")
    >>> wordpress_post_id(soup.article, soup.body)
    '31'
    """
    for element in elements:
        if element is None:
            continue
        for label in [*_classes(element), str(element.get("id") or "").lower()]:
            match = _POST_ID.match(label)
            if match:
                return match[1]
    return ""


def add_slug_fallback(names: list[str], slugs: list[str]) -> list[str]:
    """Return ``names``, or the slugs written as words when the page named no term.

    >>> add_slug_fallback(["HD 99"], ["hd-99", "primary"]), add_slug_fallback([], ["okc-ps"])
    (['HD 99'], ['okc ps'])
    """
    if names:
        return names
    return dedupe([slug.replace("-", " ") for slug in slugs])


def scope_author(scope: Tag) -> str:
    """Return the byline's name inside ``scope``, without "By", or ``""``."""
    for selector in _AUTHOR_SELECTORS:
        for element in scope.select(selector):
            if element.name == "link" or element.name == "meta":
                continue
            for hidden in element.select(_HIDDEN):
                hidden.extract()
            name = _BY.sub("", _text(element)).strip(" -–—|,·")
            if name and len(name.split()) <= 6 and not any(ch.isdigit() for ch in name):
                return name
    return ""


def scope_date(scope: Tag) -> date | None:
    """Return the published day shown inside ``scope`` (``<time>``, date texts), or None."""
    times = [t for t in scope.find_all("time") if t.get("datetime")]
    times.sort(key=lambda t: (
        0 if "published" in _classes(t) else 2 if _classes(t) == ["updated"] else 1
    ))
    for element in times:
        value = parse_date(str(element["datetime"]))
        if value:
            return value
    for element in scope.select("[itemprop=datePublished]"):
        value = parse_date(str(element.get("content") or element.get("datetime") or ""))
        if value or (value := parse_date(_text(element))):
            return value
    for element in scope.find_all(["time", "span", "div", "p", "abbr"], class_=True):
        if any(_DATE_BOX.search(c) for c in _classes(element)):
            text = _text(element)
            value = parse_date(str(element.get("title") or "")) or (
                parse_date(text) if len(text) < 80 else None
            )
            if value:
                return value
    return None
