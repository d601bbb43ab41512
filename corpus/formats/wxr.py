"""Reader for WordPress exports (WXR: the RSS-based file of Tools → Export).

:func:`iter_wxr` streams the file with lxml's ``iterparse`` (in recover mode, so a broken
export gives what can be read) and handles two kinds of element:

* ``wp:author`` at channel level: login → display name, so ``dc:creator`` reads as a person;
* ``item``: kept when it is a published post (``wp:post_type`` ``post``, ``wp:status``
  ``publish``; pages too with ``include_pages=True``), skipped and counted otherwise
  (drafts, attachments, pages, menu items, ...).

Elements are matched by local name, whatever the namespace URI (exports use both
``http://wordpress.org/export/1.2/`` and ``https://...``); only ``excerpt:encoded`` is told apart
from ``content:encoded`` by its namespace. Post content is HTML (or, from the classic editor,
text with blank lines): it becomes paragraphs with the HTML reader's text walker, captions apart.
The day is ``wp:post_date`` (the site's local day, as the site shows it), else
``wp:post_date_gmt``, else ``pubDate``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from lxml import etree

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._boilerplate import drop_junk, paragraphs, pull_captions
from corpus.formats._dates import parse_date
from corpus.formats._html_meta import load_soup
from corpus.formats._report import ParseReport
from corpus.formats._terms import dedupe
from corpus.source import Source

__all__ = ["READER", "html_to_paragraphs", "iter_wxr", "parse_with_report"]

_SNIFF = re.compile(rb"<rss[\s>]|<channel[\s>]")
_WXR_MARK = re.compile(rb"wordpress\.org/export|<wp:wxr_version|<wp:post_type|<wp:author")


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _fields(item: etree._Element) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Return an item's simple fields by local name, and its ``(domain, name)`` terms."""
    fields: dict[str, str] = {}
    terms: list[tuple[str, str]] = []
    for child in item:
        if not isinstance(child.tag, str):
            continue
        name = _local(child.tag)
        text = child.text or ""
        if name == "category":
            terms.append((str(child.get("domain") or "category"), normalize_space(text)))
        elif name == "encoded" and "excerpt" in child.tag[: -len(name)]:
            fields["excerpt"] = text  # excerpt:encoded, told apart by its namespace
        elif name not in fields:
            fields[name] = text
    return fields, terms


def html_to_paragraphs(markup: str) -> tuple[list[str], list[str]]:
    """Return ``(paragraphs, captions)`` of an HTML fragment such as a post's content.

    >>> html_to_paragraphs("<p>One.</p><figure><img><figcaption>A cat</figcaption></figure>"
    ...                    "Two\\n\\nThree")
    (['One.', 'Two', 'Three'], ['A cat'])
    """
    if not markup.strip():
        return [], []
    soup = load_soup(markup)
    root = soup.body or soup
    drop_junk(root)
    captions = pull_captions(root)
    return paragraphs(root), captions


def _author(raw: str, names: dict[str, str]) -> str:
    login = raw.strip().lstrip(">").strip()  # one theme test export writes ">themereviewteam"
    return names.get(login, login)


def _published(fields: dict[str, str]):  # noqa: ANN202 - date | None
    for key in ("post_date", "post_date_gmt", "pubDate"):
        value = fields.get(key, "")
        if value and not value.startswith("0000"):
            parsed = parse_date(value)
            if parsed:
                return parsed
    return None


def _article(fields: dict[str, str], terms: list[tuple[str, str]], names: dict[str, str],
             source_path: str) -> Article:
    body_paragraphs, captions = html_to_paragraphs(fields.get("encoded", ""))
    body = "\n\n".join(body_paragraphs)
    title = normalize_space(fields.get("title", ""))
    url = normalize_space(fields.get("link", ""))
    return Article(
        id=article_id(url=url) if url else article_id(title=title, body=body),
        title=title,
        body=body,
        source_path=source_path,
        url=url,
        tags=tuple(dedupe([n for d, n in terms if d == "post_tag" and n])),
        categories=tuple(dedupe([n for d, n in terms if d == "category" and n])),
        author=_author(fields.get("creator", ""), names),
        published=_published(fields),
        captions=tuple(captions),
        source_format="wxr",
        extra={"wxr_post_id": fields.get("post_id", "").strip(),
               "wp_post_id": fields.get("post_id", "").strip(),
               "wxr_post_type": fields.get("post_type", "post").strip()},
    )


def iter_wxr(
    source: Source, *, include_pages: bool = False, report: ParseReport | None = None
) -> Iterator[Article]:
    """Yield the published posts of a WordPress export, counting the rest into ``report``.

    :param include_pages: also yield published pages (``wp:post_type`` ``page``).
    :param report: filled as the iteration goes: articles, and skips by post type or status.
    :raises ParseError: when the XML is unreadable before any item, or no item carries
        WordPress fields (an ordinary RSS feed).
    """
    report = report if report is not None else ParseReport()
    wanted = {"post", "page"} if include_pages else {"post"}
    names: dict[str, str] = {}
    seen_wp = False
    events = etree.iterparse(io.BytesIO(source.data), events=("end",), recover=True,
                             huge_tree=True, resolve_entities=False, no_network=True)
    try:
        for _, element in events:
            name = _local(element.tag)
            if name == "author" and len(element):
                fields = {_local(c.tag): (c.text or "").strip() for c in element}
                if fields.get("author_login"):
                    names[fields["author_login"]] = fields.get("author_display_name") or (
                        fields["author_login"])
            elif name == "item":
                fields, terms = _fields(element)
                element.clear(keep_tail=False)
                if "post_type" not in fields and "status" not in fields:
                    report.skip("not a WordPress item")
                    continue
                seen_wp = True
                kind = fields.get("post_type", "post").strip() or "post"
                status = fields.get("status", "publish").strip() or "publish"
                if kind not in wanted:
                    report.skip(kind)
                elif status != "publish":
                    report.skip(status)
                elif not (fields.get("title", "").strip() or fields.get("encoded", "").strip()):
                    report.skip("empty")
                else:
                    report.articles += 1
                    yield _article(fields, terms, names, source.path)
    except etree.XMLSyntaxError as exc:
        raise ParseError(source.path, f"broken WordPress export XML ({exc.msg})") from None
    if not seen_wp:
        raise ParseError(source.path, "not a WordPress export: no item has wp:post_type")


def parse_with_report(
    source: Source, *, include_pages: bool = False
) -> tuple[list[Article], ParseReport]:
    """Return the published posts of an export and the :class:`ParseReport` of the rest."""
    report = ParseReport()
    return list(iter_wxr(source, include_pages=include_pages, report=report)), report


class _WxrReader:
    """Claims RSS files that carry WordPress's export namespace, whatever their extension."""

    name = "wxr"
    counts_records = True

    def sniff(self, source: Source) -> bool:
        head = source.data[:8192]
        return bool(_SNIFF.search(head) and _WXR_MARK.search(head))

    def parse(self, source: Source, report: ParseReport | None = None) -> Iterable[Article]:
        """Yield the published posts, counting the items left out into ``report``."""
        return iter_wxr(source, report=report)


READER = _WxrReader()
