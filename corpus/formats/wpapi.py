"""Reader for files of the WordPress JSON API (``wp-json/...``) and oEmbed answers.

A saved WordPress site often holds its REST API's answers next to its pages: every post again
(``wp/v2/posts/123``), every tag, category, user and media item, and an oEmbed answer (JSON or
XML) for every post. None of them is a new article:

* a **post** or **page** record (``"type": "post"``, ``"title": {"rendered": ...}``, a
  ``link``) is read as that post: title, link, the site's local day, body, and, when the answer
  embeds them (``_embedded``), its author and terms. It is marked ``extra["syndicated"] =
  "api"``, so the post's own page, when read too, is the copy kept;
* a list of such records gives one article each;
* anything else is skipped with a reason: ``API file: tag`` (terms, users, media, the API's
  index, drafts) or ``copy: oEmbed answer for <url>``.

Only JSON whose shape is the API's is claimed; other JSON goes to the JSON reader.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._dates import parse_date
from corpus.formats._report import ParseReport
from corpus.formats._terms import dedupe
from corpus.formats.kinds import API_FILE, COPY, skip_reason
from corpus.formats.wxr import html_to_paragraphs
from corpus.source import Source, looks_binary

__all__ = ["READER", "api_kind", "parse_with_report"]

_MARKERS = re.compile(rb'"rendered"\s*:|"taxonomy"\s*:|"provider_name"\s*:|"namespaces"\s*:|'
                      rb'"avatar_urls"\s*:|"media_type"\s*:')
_OEMBED_XML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?<oembed[\s>]")
_MAX_BYTES = 16 * 1024 * 1024
_TAG = re.compile(r"<[^>]{0,500}>")
_ITEM_TYPES = frozenset(("post", "page"))


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def api_kind(record: Any) -> str:
    """Name what one JSON value of the API is: ``post``, ``term``, ``oembed`` ... or ``""``.

    >>> api_kind({"id": 1, "type": "post", "link": "https://x/a/", "title": {"rendered": "A"}})
    'post'
    >>> api_kind({"id": 3, "taxonomy": "post_tag", "slug": "maps"}), api_kind({"title": "x"})
    ('tag', '')
    """
    if not isinstance(record, dict):
        return ""
    if isinstance(record.get("title"), dict) and "rendered" in record["title"]:
        kind = str(record.get("type") or "post")
        return "media" if kind == "attachment" or "media_type" in record else kind
    if "taxonomy" in record and "slug" in record:
        return "tag" if record["taxonomy"] == "post_tag" else str(record["taxonomy"])
    if "provider_name" in record and "html" in record and "version" in record:
        return "oembed"
    if "namespaces" in record and "routes" in record:
        return "index"
    if "avatar_urls" in record and "slug" in record:
        return "user"
    return ""


def _embedded(record: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """Author, tags and categories an ``_embed`` answer carries, when it does."""
    embedded = record.get("_embedded")
    if not isinstance(embedded, dict):
        return "", [], []
    authors = embedded.get("author") or []
    author = ", ".join(
        normalize_space(str(a.get("name") or "")) for a in authors
        if isinstance(a, dict) and a.get("name")
    )
    tags: list[str] = []
    categories: list[str] = []
    for group in embedded.get("wp:term") or []:
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and term.get("name"):
                name = html.unescape(normalize_space(str(term["name"])))
                (tags if term.get("taxonomy") == "post_tag" else categories).append(name)
    return author, dedupe(tags), dedupe(categories)


def _article(record: dict[str, Any], source_path: str) -> Article:
    title = normalize_space(html.unescape(_TAG.sub(" ", _rendered(record.get("title")))))
    paragraphs, captions = html_to_paragraphs(_rendered(record.get("content")))
    body = "\n\n".join(paragraphs)
    url = str(record.get("link") or "")
    url = url if url.startswith(("http://", "https://")) else ""
    author, tags, categories = _embedded(record)
    published = parse_date(str(record.get("date") or "")) or parse_date(
        str(record.get("date_gmt") or ""))
    return Article(
        id=article_id(url=url) if url else article_id(title=title, body=body),
        title=title or (paragraphs[0][:120] if paragraphs else ""),
        body=body,
        source_path=source_path,
        url=url,
        tags=tuple(tags),
        categories=tuple(categories),
        author=author,
        published=published,
        captions=tuple(captions),
        source_format="wpapi",
        extra={"syndicated": "api", "wp_post_id": str(record.get("id") or ""),
               "wp_post_type": record.get("type", "post")},
    )


def _load(source: Source) -> Any:
    try:
        return json.loads(source.text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(source.path, f"broken API JSON ({exc})") from None


def parse_with_report(source: Source) -> tuple[list[Article], ParseReport]:
    """Return the posts and pages of an API file and the :class:`ParseReport` of the rest.

    :raises ParseError: for a file holding no post: the reason names what it holds.
    """
    report = ParseReport()
    if _OEMBED_XML.match(source.data[:512]):
        raise ParseError(source.path, skip_reason(COPY, "oEmbed answer (XML)"))
    data = _load(source)
    records = data if isinstance(data, list) else [data]
    articles = []
    for record in records:
        kind = api_kind(record)
        if kind in _ITEM_TYPES and str(record.get("status") or "publish") == "publish":
            article = _article(record, source.path)
            if article.title or article.body:
                report.articles += 1
                articles.append(article)
                continue
            kind = "empty post"
        elif kind in _ITEM_TYPES:
            kind = str(record.get("status"))
        report.skip(kind or "unknown record")
    if not articles:
        if isinstance(data, dict) and api_kind(data) == "oembed":
            url = str(data.get("author_url") or data.get("provider_url") or "")
            title = normalize_space(str(data.get("title") or ""))
            raise ParseError(source.path, skip_reason(COPY, f"oEmbed answer for {title or url}"))
        kinds = ", ".join(sorted(report.skipped)) or "no record"
        raise ParseError(source.path, skip_reason(API_FILE, kinds))
    return articles, report


class _WpApiReader:
    """Claims JSON shaped like WordPress API answers, and XML oEmbed answers."""

    name = "wpapi"
    counts_records = True

    def sniff(self, source: Source) -> bool:
        head = source.data[:65536]
        if _OEMBED_XML.match(head[:512]):
            return True
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"[") or len(source.data) > _MAX_BYTES:
            return False
        if looks_binary(source.data) or not _MARKERS.search(head):
            return False
        try:
            data = json.loads(source.text)
        except (ValueError, RecursionError):
            return False
        first = data[0] if isinstance(data, list) and data else data
        return bool(api_kind(first))

    def parse(self, source: Source, report: ParseReport | None = None) -> Iterable[Article]:
        """Return the posts of an API file, counting the other records into ``report``."""
        articles, mine = parse_with_report(source)
        if report is not None:
            report.articles += mine.articles
            report.skipped.update(mine.skipped)
        return articles


READER = _WpApiReader()
