"""Reader for news feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, one article per item.

:func:`iter_feed` parses the file with lxml in recover mode (a broken feed gives what can be read)
and matches elements by local name, whatever their namespace. For each item it reads:

* the **title**, with any HTML inside it (escaped or not) reduced to its text;
* the **link** (RSS ``link``, a permalink ``guid``, Atom's ``alternate`` link), made absolute
  against the item's or feed's ``xml:base``, the feed's own link, or where the file came from;
* the **day** (``pubDate``, ``dc:date``, Atom ``published`` before ``updated``), as written;
* the **author** (``dc:creator``, the name in RSS ``author``'s ``mail (Name)``, Atom
  ``author/name``; a bare e-mail address is not a name);
* the **terms**: feeds do not tell tags from categories (WordPress lists both as ``category``),
  so they all become tags and ``extra["mixed_terms"]`` says so; a page of the same post, which
  does tell them apart, supplies the terms when both are read (:func:`indexer.dedupe.merge_copies`);
* the **body**: ``content:encoded`` or Atom ``content`` when the feed carries the whole post,
  else ``description``/``summary``, marked as an excerpt when it reads as one.

Every article is marked ``extra["syndicated"] = "feed"``: the post's own page, when it is read
too, is the copy kept (see :func:`indexer.dedupe.richness`).

A **comment feed** (WordPress's "Comments on: …", or items that all link to ``#comment-…``
anchors) holds readers' comments, not posts: it is skipped with the reason ``comment feed``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from html.entities import name2codepoint

from lxml import etree

from corpus.article import Article, article_id, normalize_space
from corpus.errors import ParseError
from corpus.formats._dates import parse_date
from corpus.formats._html_meta import resolve
from corpus.formats._report import ParseReport
from corpus.formats._terms import dedupe
from corpus.formats.kinds import COMMENT_FEED, skip_reason
from corpus.formats.wxr import html_to_paragraphs
from corpus.source import Source, looks_binary

__all__ = ["READER", "is_comment_feed", "iter_feed", "parse_with_report"]

_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:rss[\s>]|(?:[\w.-]+:)?RDF[\s>]|(?:[\w.-]+:)?feed[\s>])",
    re.DOTALL,
)
_ATOM_OR_RSS = re.compile(rb"<rss[\s>]|http://www\.w3\.org/2005/Atom|purl\.org/rss/1\.0")
_COMMENT_TITLE = re.compile(
    r"^\s*(?:comments?\s+(?:on|for|to)|kommentare\s+(?:zu|für)|commentaires?\s+(?:sur|pour|de)|"
    r"comentarios?\s+(?:en|de|sobre|a)|commenti\s+(?:su|a|per)|reacties\s+op)\b\s*:?",
    re.IGNORECASE,
)
_COMMENT_LINK = re.compile(r"#comment|[?&]replytocom=|/comment-page-\d", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,500}>")
_MAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_MAIL = re.compile(r"^\s*\S+@\S+\.\S+\s*$")
_TRUNCATED = re.compile(r"(?:\[(?:…|\.\.\.|&hellip;)\]|…|\.\.\.|\[\s*…\s*\])\s*$")
_EXCERPT_WORDS = 80
_ITEMS = frozenset(("item", "entry"))
_RAW_TITLE = re.compile(r"<((?:[\w.-]+:)?title\b[^>]*)>(.{0,2000}?)</((?:[\w.-]+:)?title)>",
                        re.DOTALL)
_HTML_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset(("amp", "lt", "gt", "quot", "apos"))
_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1]


def _text(element: etree._Element) -> str:
    """The element's text with any markup inside it (parsed or escaped) reduced to words."""
    raw = "".join(element.itertext())
    if "<" in raw or "&" in raw:
        raw = html.unescape(_TAG.sub(" ", raw))
    return normalize_space(raw)


def _markup(element: etree._Element) -> str:
    """The element's content as HTML: escaped text as is, inline XHTML serialised."""
    if len(element) and not (element.text or "").strip():
        return "".join(etree.tostring(child, encoding="unicode", with_tail=True)
                       for child in element)
    if len(element):
        return (element.text or "") + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in element
        )
    return element.text or ""


def _base(element: etree._Element, fallback: str) -> str:
    value = element.get("{http://www.w3.org/XML/1998/namespace}base") or ""
    return resolve(value, fallback) if value else fallback


def _link(item: etree._Element, base: str) -> str:
    """The item's own address: an alternate link, RSS ``link``, else a permalink ``guid``."""
    candidates: list[str] = []
    guid = ""
    for child in item:
        name = _local(child.tag)
        if name == "link":
            href = child.get("href")
            if href is not None:
                if (child.get("rel") or "alternate") == "alternate":
                    candidates.append(href)
            elif (child.text or "").strip():
                candidates.append(child.text or "")
        elif name == "guid" and (child.get("isPermaLink") or "true").lower() == "true":
            guid = child.text or ""
    for raw in [*candidates, guid]:
        url = resolve(raw.strip(), base) if base else raw.strip()
        if url.startswith(("http://", "https://")):
            return url
    return ""


def _author(value: str) -> str:
    """A person's name from an author field; a bare e-mail address is not a name."""
    match = _MAIL_NAME.match(value)
    if match:
        return normalize_space(match["name"])
    return "" if _MAIL.match(value) else normalize_space(value)


def _is_excerpt(text: str, paragraphs: list[str]) -> bool:
    words = sum(len(p.split()) for p in paragraphs)
    return bool(_TRUNCATED.search(text.strip())) or words < _EXCERPT_WORDS


class _Item:
    """The fields of one feed item, read once."""

    def __init__(self, element: etree._Element, base: str) -> None:
        self.title = ""
        self.content = ""
        self.summary = ""
        self.dates: dict[str, str] = {}
        self.authors: list[str] = []
        self.terms: list[str] = []
        self.post_id = ""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            if name == "title" and not self.title:
                self.title = _text(child)
            elif name in ("encoded", "content"):
                self.content = self.content or _markup(child)
            elif name in ("description", "summary"):
                self.summary = self.summary or _markup(child)
            elif name in ("pubDate", "published", "issued", "date", "created", "updated",
                          "modified"):
                self.dates.setdefault(name, "".join(child.itertext()).strip())
            elif name in ("creator", "author"):
                names = [c for c in child if _local(c.tag) == "name"]
                value = _text(names[0]) if names else _text(child)
                if value:
                    self.authors.append(_author(value))
            elif name == "post-id":
                self.post_id = (child.text or "").strip()
            elif name in ("category", "subject"):
                label = child.get("label") or child.get("term") or _text(child)
                self.terms.extend(t for t in (normalize_space(label),) if t)
        self.link = _link(element, _base(element, base))

    def published(self) -> str:
        for key in ("published", "pubDate", "issued", "date", "created", "updated", "modified"):
            if self.dates.get(key):
                return self.dates[key]
        return ""


def _article(item: _Item, channel: dict[str, str], source_path: str) -> Article | None:
    markup = item.content or item.summary
    paragraphs, captions = html_to_paragraphs(markup) if markup.strip() else ([], [])
    body = "\n\n".join(paragraphs)
    title = item.title or (paragraphs[0][:120] if paragraphs else "")
    if not title and not body:
        return None
    excerpt = not item.content and _is_excerpt(_TAG.sub("", html.unescape(markup)), paragraphs)
    authors = [a for a in item.authors if a] or ([channel["author"]] if channel["author"] else [])
    extra: dict[str, object] = {"syndicated": "feed", "mixed_terms": True}
    if channel["link"]:
        extra["feed_link"] = channel["link"]
    if excerpt:
        extra["excerpt"] = True
    if item.post_id.isdigit():
        extra["wp_post_id"] = item.post_id
    return Article(
        id=article_id(url=item.link) if item.link else article_id(title=title, body=body),
        title=title,
        body=body,
        source_path=source_path,
        url=item.link,
        tags=tuple(dedupe(item.terms)),
        author=", ".join(dict.fromkeys(authors)),
        published=parse_date(item.published()),
        language=channel["language"],
        captions=tuple(captions),
        source_format="feed",
        extra=extra,
    )


def is_comment_feed(title: str, links: list[str]) -> bool:
    """Tell whether a feed holds comments: its title says so, or every item is a comment.

    >>> is_comment_feed("Comments on: A post", []), is_comment_feed("A blog", ["https://x/a/"])
    (True, False)
    >>> is_comment_feed("A blog", ["https://x/a/#comment-12", "https://x/b/#comment-3"])
    True
    """
    if _COMMENT_TITLE.match(title):
        return True
    return bool(links) and all(_COMMENT_LINK.search(link) for link in links)


def _channel(root: etree._Element, base: str) -> tuple[etree._Element, dict[str, str]]:
    channel = next((c for c in root if _local(c.tag) == "channel"), root)
    info = {"title": "", "link": "", "language": "", "author": ""}
    for child in channel:
        name = _local(child.tag)
        if name == "title" and not info["title"]:
            info["title"] = _text(child)
        elif name == "link" and not info["link"]:
            href = child.get("href") if child.get("href") is not None else child.text
            if (child.get("rel") or "alternate") == "alternate" and href:
                info["link"] = resolve(href.strip(), base) if base else href.strip()
        elif name == "language":
            info["language"] = normalize_space(child.text or "")
        elif name == "author" and not info["author"]:
            names = [c for c in child if _local(c.tag) == "name"]
            info["author"] = _author(_text(names[0]) if names else _text(child))
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    info["language"] = info["language"] or lang
    return channel, info


def _numeric_entity(match: re.Match[str]) -> str:
    name = match[1]
    if name in _XML_ENTITIES or name not in name2codepoint:
        return match[0]
    return f"&#{name2codepoint[name]};"


def _escape_title_markup(match: re.Match[str]) -> str:
    inner = match[2]
    if "<" not in inner or inner.lstrip().startswith("<![CDATA["):
        return match[0]
    return f"<{match[1]}>{inner.replace('<', '&lt;')}</{match[3]}>"


def _parse_root(source: Source) -> etree._Element:
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False,
                             no_network=True, remove_comments=True)
    text = _DECLARATION.sub("", source.text, count=1)  # the text is decoded already
    # HTML entities XML does not define (&nbsp;) derail lxml's recovery, and unescaped HTML
    # inside a title would swallow the rest of the item: both are repaired first.
    text = _HTML_ENTITY.sub(_numeric_entity, text)
    text = _RAW_TITLE.sub(_escape_title_markup, text)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(source.path, f"broken feed XML ({exc.msg})") from None
    if root is None:
        raise ParseError(source.path, "broken feed XML (nothing readable)")
    return root


def iter_feed(source: Source, *, report: ParseReport | None = None) -> Iterator[Article]:
    """Yield one article per item of an RSS or Atom feed, counting empty items into ``report``.

    :raises ParseError: when the XML cannot be read at all, or the feed holds comments.
    """
    report = report if report is not None else ParseReport()
    root = _parse_root(source)
    base = _base(root, source.url)
    channel, info = _channel(root, base)
    base = _base(channel, info["link"] or base)
    elements = [e for e in root.iter() if isinstance(e.tag, str) and _local(e.tag) in _ITEMS]
    items = [_Item(e, base) for e in elements]
    if is_comment_feed(info["title"], [i.link for i in items]):
        raise ParseError(source.path, skip_reason(COMMENT_FEED, info["title"] or "comment items"))
    for item in items:
        article = _article(item, info, source.path)
        if article is None:
            report.skip("empty item")
            continue
        report.articles += 1
        yield article


def parse_with_report(source: Source) -> tuple[list[Article], ParseReport]:
    """Return a feed's articles and the :class:`ParseReport` of the items left out."""
    report = ParseReport()
    return list(iter_feed(source, report=report)), report


class _FeedReader:
    """Claims XML files whose root element is ``rss``, ``rdf:RDF`` (RSS 1.0) or Atom's ``feed``.

    WordPress exports are RSS too: their reader comes first in the list.
    """

    name = "feed"
    counts_records = True

    def sniff(self, source: Source) -> bool:
        head = source.data[:4096]
        if looks_binary(source.data) and not head.startswith(b"\xef\xbb\xbf"):
            return False
        return bool(_ROOT.match(head) and _ATOM_OR_RSS.search(head))

    def parse(self, source: Source, report: ParseReport | None = None) -> Iterable[Article]:
        """Yield the items' articles, counting the items left out into ``report``."""
        return iter_feed(source, report=report)


READER = _FeedReader()
