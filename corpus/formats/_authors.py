"""Who wrote the article a page holds.

:func:`page_author` looks, in order, at:

1. the JSON-LD article's ``author`` (a name, an object, a list, or a reference by ``@id`` to a
   ``Person`` elsewhere in the ``@graph``, as Yoast writes it);
2. ``<meta>`` tags (``author``, ``article:author``, ``dc.creator``, ``parsely-author`` ...); a
   meta tag naming more people than the JSON-LD, all of them included, is preferred;
3. the byline: ``rel="author"`` and ``itemprop="author"`` links, elements whose class says
   byline or author name;
4. a short line of the article that reads "By …", "Von …", "Par …", "Por …", "Text: …",
   "Autor: …", in the common European languages.

"By", "Von", "Par" and their kin are stripped, and so are a trailing date or "All articles". A
site's or publisher's name, the page's host, a URL, an e-mail address and a user handle
(``arianschlichenmayer``, ``@wperdomod``) are not authors, and nothing is read from comments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag

from corpus.article import normalize_space
from corpus.formats._html_meta import (
    json_ld_article,
    json_ld_names,
    json_ld_objects,
    meta_content,
)

__all__ = ["clean_byline", "is_author_name", "page_author"]

_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
         "sailthru.author", "byl", "citation_author", "cxenseparse:author", "twitter:creator")
_BY = re.compile(
    r"^\s*(?:(?:about|über)\s+(?:the|den|die)\s+(?:author|autor|autorin)\s*[-–—:]?|(?:posted|written|published|geschrieben|verfasst|publié|écrit|escrito|publicado|"
    r"scritto|pubblicato|geschreven)\s+(?:by|von|par|por|da|door)|by|von|vom|par|por|di|"
    r"door|av|af|autor(?:in)?|author|auteur|autore|text|texte|texto|interview)\b\s*:?\s*",
    re.IGNORECASE,
)
_BYLINE_LINE = re.compile(
    r"^\s*(?:(?:(?:written|posted|geschrieben|verfasst)\s+(?:by|von)|by|von|par|por|di|door)\s+|"
    r"(?:autor(?:in)?|author|auteur|autore|text|texte|texto|von|by)\s*:\s*)"
    r"(?P<name>[^\W\d_][\w.'’\-]*(?:\s+(?:[^\W\d_][\w.'’\-]*|von|van|de|da|del|der|den|di|du|la|"
    r"le|y|und|and|et|&)){1,5})\s*(?:[,|·•\-–—]|$|\d)",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"\s*(?:[|·•,\-–—]\s*)?(?:alle artikel|all (?:posts|articles|stories)|more (?:from|by)|"
    r"mehr von|weitere artikel|tous (?:les|ses) articles|ver más|follow|folgen|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:am|on|le|el|il)\s+\d).*$",
    re.IGNORECASE,
)
_BYLINE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:byline|by-line|author-?name|authorname|authors?|autor|autorin|verfasser|"
    r"writer|reporter|creator|posted-by|meta-author|entry-author|post-author|article-author|"
    r"story-author|td-post-author-name)(?:$|[-_\s])",
    re.IGNORECASE,
)
_NOT_BYLINE = re.compile(r"bio|avatar|image|img|photo|description|social|follow|"
                         r"comment|more|list|widget|related", re.IGNORECASE)
_COMMENTS = re.compile(r"comment|respond|reply|discussion|disqus", re.IGNORECASE)
_HANDLE = re.compile(r"^@|^[a-z0-9_.\-]+$")
_NOT_NAMES = frozenset(
    "admin administrator editor redaktion staff guest gast unknown anonymous anonym webmaster "
    "user team alle artikel home posts".split()
)
_MAX_WORDS = 6


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^\w]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _classes(element: Tag) -> str:
    value: object = element.get("class") or []
    names = value if isinstance(value, list) else str(value).split()
    return " ".join([*map(str, names), str(element.get("id") or "")])


def clean_byline(text: str) -> str:
    """Strip "By", "Von", "Par", a trailing date or "All articles" from a byline.

    >>> clean_byline("Von: Götz Warnke"), clean_byline("Johanna Kropfitsch Alle Artikel")
    ('Götz Warnke', 'Johanna Kropfitsch')
    >>> clean_byline("Por Williams Perdomo @wperdomod -"), clean_byline("By Jo Lee | 3.5.2019")
    ('Williams Perdomo', 'Jo Lee')
    """
    text = normalize_space(text)
    for _ in range(2):
        text = _BY.sub("", text)
    text = _TRAILER.sub("", text)
    text = re.sub(r"\s@\w+.*$", "", text)  # "Name @handle"
    text = re.sub(r"\s+(?:am|on|le|el|il|um|at|the)$", "", text, flags=re.IGNORECASE)
    return text.strip(" -–—|,·:;")


def is_author_name(text: str, not_names: Iterable[str] = ()) -> bool:
    """Tell whether ``text`` can be a person's (or an agency's) name.

    Not a URL, an e-mail address, a handle, a date, a sentence, or one of ``not_names`` (the
    site's own names).

    >>> is_author_name("Arian Schlichenmayer"), is_author_name("arianschlichenmayer")
    (True, False)
    >>> is_author_name("https://x.org/author/a/"), is_author_name("El Mostrador", ["El Mostrador"])
    (False, False)
    """
    text = text.strip()
    if not text or len(text) > 80 or len(text.split()) > _MAX_WORDS:  # noqa: PLR2004
        return False
    if re.search(r"https?:|www\.|@|\d|[<>{}=#]", text) or _HANDLE.match(text):
        return False
    folded = _fold(text)
    if not folded or folded in _NOT_NAMES or text.casefold() in _NOT_NAMES:
        return False
    return folded not in {_fold(n) for n in not_names if n}


def _site_names(soup: BeautifulSoup) -> list[str]:
    names = [meta_content(soup, "og:site_name"), meta_content(soup, "application-name"),
             meta_content(soup, "twitter:site").lstrip("@")]
    names += json_ld_names(json_ld_article(soup).get("publisher"))
    for obj in json_ld_objects(soup):
        kinds = obj.get("@type", "")
        kinds = {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}
        if kinds & {"organization", "newsmediaorganization", "website", "corporation"}:
            names += json_ld_names(obj.get("name"))
    url = meta_content(soup, "og:url")
    host = re.match(r"https?://(?:www\.)?([^/:]+)", url)
    if host:
        names += [host[1], host[1].rsplit(".", 1)[0]]
    return [n for n in names if n]


def _ld_authors(soup: BeautifulSoup) -> list[str]:
    """Names of the JSON-LD article's authors, ``@id`` references resolved."""
    objects = json_ld_objects(soup)
    by_id = {str(o["@id"]): o for o in objects if isinstance(o.get("@id"), str)}

    def names(value: Any) -> Iterator[str]:
        if isinstance(value, list):
            for item in value:
                yield from names(item)
        elif isinstance(value, dict):
            if value.get("name"):
                yield from json_ld_names(value.get("name"))
            elif isinstance(value.get("@id"), str) and value["@id"] in by_id:
                target = by_id[value["@id"]]
                if target is not value:
                    yield from json_ld_names(target.get("name"))
        elif isinstance(value, str):
            yield normalize_space(value)

    return list(dict.fromkeys(names(json_ld_article(soup).get("author"))))


def _in_comments(element: Tag) -> bool:
    return any(_COMMENTS.search(_classes(p)) for p in element.parents
               if p.name not in ("body", "html", "[document]"))


def _byline_names(root: Tag) -> Iterator[str]:
    """Names from ``rel=author``/``itemprop=author`` links and byline-classed elements."""
    for element in root.select("[rel~=author], [itemprop~=author]"):
        if element.name in ("link", "meta") or _in_comments(element):
            continue
        named = element.select_one("[itemprop~=name]")
        yield clean_byline((named or element).get_text(" "))
    for element in root.find_all(class_=_BYLINE_CLASS):
        labels = _classes(element)
        if _NOT_BYLINE.search(labels) or _in_comments(element):
            continue
        links = [a for a in element.find_all("a") if not _TRAILER.fullmatch(" " + a.get_text())]
        text = normalize_space(element.get_text(" "))
        if len(text) > 120:  # noqa: PLR2004 - a bio or a whole post block, not a byline
            continue
        if links and len(links) <= 3 and all("/author" in str(a.get("href") or "")  # noqa: PLR2004
                                             for a in links):
            yield ", ".join(clean_byline(a.get_text(" ")) for a in links)
        yield clean_byline(text)


def _line_names(root: Tag) -> Iterator[str]:
    """Names from short lines reading "By …", "Von …", "Text: …" (not in comments)."""
    for element in root.find_all(["p", "span", "em", "i", "div", "small", "strong", "b", "a",
                                  "address", "li", "h4", "h5", "h6", "cite"]):
        text = normalize_space(element.get_text(" "))
        if not text or len(text) > 80 or _in_comments(element):  # noqa: PLR2004
            continue
        match = _BYLINE_LINE.match(text)
        if match:
            yield clean_byline(match["name"])


def page_author(soup: BeautifulSoup, scope: Tag | None = None) -> str:
    """Return who wrote the page's article (several names joined by ", "), or ``""``.

    :param soup: the whole page, before furniture is removed.
    :param scope: the article element, where bylines are looked for first (else the page).
    """
    sites = _site_names(soup)

    def names(values: Iterable[str]) -> list[str]:
        kept: list[str] = []
        for value in values:
            kept.extend(n for n in (clean_byline(p) for p in _split(value))
                        if is_author_name(n, sites))
        # Initials after a name ("Tina Klostermeier, TK") sign the same person.
        full = [n for n in kept if not re.fullmatch(r"[A-ZÄÖÜ]{1,3}\.?", n)]
        return list(dict.fromkeys(full or kept))

    from_ld = names(_ld_authors(soup))
    from_meta: list[str] = []
    for key in _META:
        from_meta = names([meta_content(soup, key)])
        if from_meta:
            break
    if from_ld and from_meta and len(from_meta) > len(from_ld) and (
            {_fold(n) for n in from_ld} <= {_fold(n) for n in from_meta}):
        return ", ".join(from_meta)
    if from_ld or from_meta:
        return ", ".join(from_ld or from_meta)
    for root in [r for r in (scope, soup.body) if r is not None]:
        for finder in (_byline_names, _line_names):
            for value in finder(root):
                found = names([value])
                if found:
                    return ", ".join(found)
    return ""


def _split(value: str) -> list[str]:
    """Split a list of names written in one field ("A, B", "A; B", "A und B")."""
    value = normalize_space(value)
    if not value:
        return []
    parts = re.split(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", value)
    parts = [p for p in parts if p]
    # "Lee, Jo" is one name written surname first, not two people.
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and "," in value:  # noqa: PLR2004
        return [value]
    return parts
