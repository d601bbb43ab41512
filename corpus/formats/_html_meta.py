"""What an HTML page says about itself, apart from its body text.

The parts, each a small function over a BeautifulSoup tree:

* :func:`looks_like_html` sniffs raw text; :func:`load_soup` parses it with lxml.
* :func:`json_ld_article` finds the ``Article``-like object in the page's JSON-LD.
* :func:`page_url` picks the canonical address (absolute ``<link rel=canonical>``, ``og:url``,
  then a relative canonical resolved against what the caller knows); :func:`resolve` makes a
  link absolute and drops the ``index.html`` that site mirrors add.
* :func:`page_language`, :func:`meta_author` and :func:`meta_published` read the ``<head>``.

Terms (tags, categories), bylines and dates shown *inside* an article or a listing's post block
are read by :mod:`corpus.formats._terms`, which works on any part of the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar, cast
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from corpus.article import normalize_space
from corpus.formats._dates import parse_date

__all__ = [
    "cached",
    "json_ld_article",
    "json_ld_articles",
    "json_ld_objects",
    "load_soup",
    "looks_like_html",
    "meta_author",
    "meta_content",
    "meta_published",
    "page_language",
    "page_url",
    "resolve",
]

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)
T = TypeVar("T")
_LD_TYPE = re.compile(r"ld\+json", re.I)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_JSON_COMMENT = re.compile(r"^\s*//[^\n]*$|/\*.*?\*/", re.MULTILINE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:html|head|body|p|div|article|title|meta)[\s>/]", re.IGNORECASE)
_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "scholarlyarticle", "techarticle",
    "liveblogposting", "socialmediaposting", "report", "posting",
}
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "article.published", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.created", "date", "sailthru.date", "parsely-pub-date",
    "cxenseparse:recs:publishtime",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` (a document's start) is an HTML page.

    >>> looks_like_html("<!DOCTYPE html><html><p>x"), looks_like_html("Plain words <b>x</b>")
    (True, False)
    """
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3 and head.lstrip().startswith("<")


def load_soup(text: str) -> BeautifulSoup:
    """Parse ``text`` as HTML with lxml, which repairs truncated and malformed markup."""
    return BeautifulSoup(text, "lxml")


def meta_content(soup: BeautifulSoup, *names: str) -> str:
    """Return the first non-empty ``<meta>`` content among ``names`` (``name``/``property``)."""
    wanted = {n.lower(): i for i, n in enumerate(names)}
    found: dict[int, str] = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "")
        rank = wanted.get(str(key).strip().lower())
        content = normalize_space(str(meta.get("content") or ""))
        if rank is not None and content and rank not in found:
            found[rank] = content
    return found[min(found)] if found else ""


def _walk_json(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk_json(item)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                yield from _walk_json(value[key])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def cached(soup: BeautifulSoup, key: str, compute: Callable[[], T]) -> T:
    """Return ``compute()``, computed once per parsed page and kept on the soup.

    Several readers of one page ask for its JSON-LD and head metadata; parsing them once saves
    most of the time. (A tag's unknown attribute would be a search for a child element, so the
    value lives in the soup's ``__dict__``.)
    """
    store = soup.__dict__.setdefault("_dossier_cache", {})
    if key not in store:
        store[key] = compute()
    return cast(T, store[key])


def _load_json_ld(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", _JSON_COMMENT.sub("", text)).strip().rstrip(";")
    try:
        return json.loads(repaired, strict=False)
    except (ValueError, RecursionError):
        return None


def json_ld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Return every JSON-LD object of the page in document order, ``@graph`` members included.

    Broken JSON (trailing commas, comments, raw newlines) is repaired when it can be and skipped
    otherwise, never raised.
    """
    def compute() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for script in soup.find_all("script", type=_LD_TYPE):
            data = _load_json_ld(script.string or script.get_text() or "")
            if data is not None:
                found.extend(_walk_json(data))
        return found

    return cached(soup, "json_ld", compute)


def json_ld_articles(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Return the page's JSON-LD objects of an article type, the one about this page first.

    When several disagree, the choice is deterministic: an object whose ``url``, ``@id`` or
    ``mainEntityOfPage`` is the page's own address comes first, then document order.
    """
    def compute() -> list[dict[str, Any]]:
        articles = [obj for obj in json_ld_objects(soup) if _types(obj) & _ARTICLE_TYPES]
        if len(articles) < 2:  # noqa: PLR2004
            return articles
        own = {_url_key(u) for u in _page_addresses(soup)} - {""}
        return sorted(articles, key=lambda obj: 0 if _object_urls(obj) & own else 1)

    return cached(soup, "json_ld_articles", compute)


def json_ld_article(soup: BeautifulSoup) -> dict[str, Any]:
    """Return the page's JSON-LD article (the first of :func:`json_ld_articles`), or ``{}``."""
    articles = json_ld_articles(soup)
    return articles[0] if articles else {}


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?|/+$|#.*$", "", url.strip().lower())


def _object_urls(obj: dict[str, Any]) -> set[str]:
    values = [obj.get("url"), obj.get("@id"), obj.get("mainEntityOfPage")]
    urls: set[str] = set()
    for value in values:
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.strip():
            urls.add(_url_key(value))
    return urls


def _page_addresses(soup: BeautifulSoup) -> list[str]:
    link = soup.find("link", rel=lambda r: bool(r) and r.lower() == "canonical")
    canonical = str(link.get("href") or "") if isinstance(link, Tag) else ""
    return [canonical, meta_content(soup, "og:url")]


def json_ld_names(value: Any) -> list[str]:
    """Return the names in a JSON-LD ``author``/``keywords``-like value (string, object or list)."""
    if isinstance(value, str):
        return [normalize_space(value)] if value.strip() else []
    if isinstance(value, dict):
        return json_ld_names(value.get("name", ""))
    if isinstance(value, list):
        return [name for item in value for name in json_ld_names(item)]
    return []


def resolve(href: str, base: str) -> str:
    """Return ``href`` made absolute against ``base``, without a mirror's ``index.html``.

    >>> resolve("../../a-post/index.html", "https://example.org/tag/maps/")
    'https://example.org/a-post/'
    >>> resolve("https://example.org/x", "")
    'https://example.org/x'
    """
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "data:")):
        return ""
    url = urljoin(base, href) if base else href
    if not urlsplit(url).scheme.startswith("http"):
        return url if not base else ""
    if not href.startswith(("http://", "https://", "//")):
        url = re.sub(r"/index\.html?$", "/", url)
    return url.split("#", 1)[0]


def _is_absolute(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def page_url(soup: BeautifulSoup, hint: str = "") -> str:
    """Return the page's canonical URL, or ``hint`` (where it was fetched) when it states none.

    Mirrors rewrite ``<link rel=canonical>`` to a relative path while ``og:url`` keeps the real
    address, so an absolute canonical wins, then ``og:url``, then a relative canonical resolved
    against ``hint``.
    """
    # bs4 tests each value of a multi-valued attribute such as rel on its own
    link = soup.find("link", rel=lambda r: bool(r) and r.lower() == "canonical")
    canonical = str(link.get("href") or "").strip() if isinstance(link, Tag) else ""
    og_url = meta_content(soup, "og:url", "twitter:url")
    for candidate in (canonical, og_url):
        if _is_absolute(candidate):
            return candidate.split("#", 1)[0]
    ld_url = json_ld_article(soup).get("url")
    if isinstance(ld_url, str) and _is_absolute(ld_url):
        return ld_url
    if canonical and _is_absolute(hint):
        return resolve(canonical, hint) or hint
    return hint


def page_language(soup: BeautifulSoup) -> str:
    """Return the page language tag (``<html lang>``, ``content-language``, ``og:locale``).

    >>> page_language(load_soup('<html lang="en-US"><p>x</p></html>'))
    'en-US'
    """
    html = soup.find("html")
    if isinstance(html, Tag):
        lang = str(html.get("lang") or html.get("xml:lang") or "").strip()
        if lang:
            return lang.replace("_", "-")
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        if str(meta.get("http-equiv")).lower() == "content-language" and meta.get("content"):
            return str(meta["content"]).split(",")[0].strip()
    return meta_content(soup, "og:locale").replace("_", "-")


def meta_author(soup: BeautifulSoup) -> str:
    """Return the author the page's JSON-LD or ``<meta>`` names (never a URL), or ``""``."""
    names = [n for n in json_ld_names(json_ld_article(soup).get("author")) if _is_name(n)]
    if names:
        return ", ".join(dict.fromkeys(names))
    name = meta_content(soup, *_AUTHOR_META)
    return name if _is_name(name) else ""


def _is_name(text: str) -> bool:
    return bool(text) and not re.match(r"^(?:https?:|www\.)", text) and len(text.split()) <= 8


def meta_published(soup: BeautifulSoup) -> date | None:
    """Return the published day from ``<meta>``, JSON-LD or ``itemprop``, or None."""
    value = parse_date(meta_content(soup, *_PUBLISHED_META))
    if value:
        return value
    ld = json_ld_article(soup)
    for key in ("datePublished", "dateCreated"):
        value = parse_date(str(ld.get(key) or ""))
        if value:
            return value
    element = soup.select_one("[itemprop=datePublished]")
    if element is not None:
        return parse_date(str(element.get("datetime") or element.get("content") or "")) or (
            parse_date(element.get_text(" "))
        )
    return None
