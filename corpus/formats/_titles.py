"""The title of the article a page holds: its own heading over the site's name.

:func:`page_title` weighs two kinds of statement:

* **headings** in the page: its ``h1`` elements (the theme's ``entry-title`` and ``headline``
  too), then ``h2``/``h3``; a heading that is the site's logo or name (inside a banner, linking
  home, classed ``site-title``/``logo``, equal to the site name) is left out;
* **document titles**: ``og:title``, ``twitter:title``, JSON-LD ``headline`` and ``<title>``,
  each with the site's name cut off whichever separator joins them (:func:`strip_site_name`,
  :func:`title_parts`).

The article's ``h1`` wins; among several, the one closest to the document titles. Without an
``h1``, a lower heading is taken when a document title names it (the ``<title>`` of a page
often is "Heading | Site"). Without any such heading, the document titles are used, ``og:title``
first, their site name removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from corpus.article import normalize_space
from corpus.formats._html_meta import json_ld_article, json_ld_names, meta_content

__all__ = ["choose_title", "heading_before", "heading_text", "page_title", "strip_site_name",
           "title_parts"]

_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•«»/\\~*]|::|//|>>|<<)\s+|\s*[|•»«]\s*")
_LOGO = re.compile(r"logo|site-?title|site-?name|blog-?title|brand(?!-)|header-title",
                   re.IGNORECASE)
_BANNER = re.compile(r"(?:^|[-_\s])(?:banner|masthead|site-header|top-?bar|navbar|menu|nav)"
                     r"(?:$|[-_\s])", re.IGNORECASE)
_FURNITURE = re.compile(r"sidebar|widget|footer|related|comment|teaser|recommend|popular|"
                        r"newsletter|cookie|modal|popup", re.IGNORECASE)
_HIDDEN = re.compile(r"sr-only|screen-reader|visually-?hidden|visuallyhidden|hidden|invisible|"
                     r"a11y|assistive|offscreen", re.IGNORECASE)
_KICKER = re.compile(r"kicker|roofline|topline|overline|dachzeile|spitzmarke|eyebrow|"
                     r"super-?title|pre-?title|over-?title|fake-h\d", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADLINE = "h1.entry-title, h1.post-title, h1.article-title, h1.headline, [itemprop=headline]"
_MAX_WORDS = 40
_PROSE = 50


def title_parts(title: str) -> list[str]:
    """Split a document title at its separators (``|``, ``-``, ``–``, ``:``, ``»`` ...).

    >>> title_parts("Was ist Virales Marketing? | DimidoBlog")
    ['Was ist Virales Marketing?', 'DimidoBlog']
    >>> title_parts("Muffin Grundrezept : Muffin Rezepte")
    ['Muffin Grundrezept', 'Muffin Rezepte']
    """
    return [p for p in (normalize_space(p) for p in _SEPARATORS.split(title)) if p]


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """Cut a site name written before or after ``title`` with a separator.

    >>> strip_site_name("Academic – Ammon Shepherd", ["Ammon Shepherd"])
    'Academic'
    >>> strip_site_name("Gloves off – Davis vs. Pittman", ["Free Press"])
    'Gloves off – Davis vs. Pittman'
    >>> strip_site_name("heizung.de | Wärmepumpe im Altbau", ["heizung.de"])
    'Wärmepumpe im Altbau'
    """
    title = normalize_space(title)
    for site in (normalize_space(s) for s in site_names if s and s.strip()):
        low_title, low_site = title.casefold(), site.casefold()
        if low_title == low_site:
            continue
        if low_title.endswith(low_site):
            head = title[: -len(site)]
            stripped = re.sub(r"(?:\s*[|\-–—:·•«»/~*]+\s*|\s+at\s+)$", "", head)
            if stripped != head and stripped.strip():
                return stripped.strip()
        if low_title.startswith(low_site):
            tail = title[len(site):]
            stripped = re.sub(r"^\s*[|\-–—:·•«»/~*]+\s*", "", tail)
            if stripped != tail and stripped.strip():
                return stripped.strip()
    return title


def _classes(element: Tag) -> str:
    value: object = element.get("class") or []
    names = value if isinstance(value, list) else str(value).split()
    return " ".join([*map(str, names), str(element.get("id") or "")])


def _site_names(soup: BeautifulSoup) -> list[str]:
    names = [meta_content(soup, "og:site_name"), meta_content(soup, "application-name"),
             meta_content(soup, "twitter:site").lstrip("@")]
    names.extend(json_ld_names(json_ld_article(soup).get("publisher")))
    return [n for n in dict.fromkeys(names) if n]


def _links_home(heading: Tag) -> bool:
    link = heading.find("a", href=True)
    if not isinstance(link, Tag):
        return False
    rel: object = link.get("rel") or []
    href = str(link.get("href") or "").strip()
    return "home" in (rel if isinstance(rel, list) else str(rel).split()) or bool(re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.\w+)?|\.\./?|\.",
                                              href))


def _is_logo(heading: Tag, sites: set[str]) -> bool:
    """Tell whether a heading is the site's name or logo, or sits in a menu or breadcrumb."""
    text = heading_text(heading).casefold()
    if text in sites or _LOGO.search(_classes(heading)):
        return True
    if not text and heading.find("img") is not None:
        return True
    for depth, parent in enumerate(heading.parents):
        if parent.name in ("body", "html", "[document]", "article", "main"):
            break
        if parent.name == "nav" or (depth < 3 and _LOGO.search(_classes(parent))):  # noqa: PLR2004
            return True
        if (parent.name == "header" or parent.get("role") == "banner") and _BANNER.search(
                _classes(parent) + " " + str(parent.get("role") or "")):
            return _links_home(heading) or parent.find(["p", "article"]) is None
    return _links_home(heading) and heading.find_parent("article") is None


def _in_furniture(heading: Tag) -> bool:
    """Tell whether a heading sits in a sidebar, footer, related-posts or comments box."""
    for parent in heading.parents:
        if parent.name in ("body", "html", "[document]", "article", "main"):
            return False
        if parent.name in ("aside", "footer") or _FURNITURE.search(_classes(parent)):
            return True
    return False


def heading_text(heading: Tag) -> str:
    """A heading's visible text: screen-reader labels ("Headline:") and hidden parts left out."""
    parts = []
    for string in heading.find_all(string=True):
        hidden = False
        for parent in string.parents:
            if parent is heading:
                break
            style = str(parent.get("style") or "")
            labels = _classes(parent)
            if _HIDDEN.search(labels) or _KICKER.search(labels) or _HIDDEN_STYLE.search(style):
                hidden = True
                break
        if not hidden:
            parts.append(str(string))
    return normalize_space(" ".join(parts))


def _headings(soup: BeautifulSoup, names: tuple[str, ...], sites: set[str]) -> list[Tag]:
    found = []
    for heading in soup.find_all(names):
        text = heading_text(heading)
        if text and len(text.split()) <= _MAX_WORDS and not _HIDDEN.search(_classes(heading)):
            found.append(heading)
    return found


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _closeness(heading: str, titles: list[str]) -> float:
    """How much of a heading the document titles repeat (1.0: one of them contains it)."""
    low = heading.casefold()
    best = 0.0
    for title in titles:
        if low in title.casefold():
            return 1.0
        words = _words(heading)
        if words:
            best = max(best, len(words & _words(title)) / len(words))
    return best


def _host_names(soup: BeautifulSoup) -> list[str]:
    """The page's host as a site name would write it (``heizung.de``, ``Heizung``)."""
    url = meta_content(soup, "og:url")
    link = soup.find("link", rel=lambda r: bool(r) and r.lower() == "canonical")
    if not url and isinstance(link, Tag):
        url = str(link.get("href") or "")
    match = re.match(r"https?://(?:www\.)?([^/:]+)", url)
    if not match:
        return []
    host = match[1]
    return [host, host.rsplit(".", 1)[0]]


def _confirmed(text: str, named: set[str]) -> bool:
    return text.casefold() in named


def page_title(soup: BeautifulSoup) -> str:
    """Return the article's title (see the module docstring for the order), or ``""``."""
    return choose_title(soup)[0]


def choose_title(soup: BeautifulSoup) -> tuple[str, bool]:
    """Return the article's title and whether a heading of the page gave it.

    When no heading did (the title comes from ``<title>`` or the metadata), the caller may
    prefer the heading just above the article's text (:func:`heading_before`).
    """
    sites = _site_names(soup) + _host_names(soup)
    site_keys = {s.casefold() for s in sites}
    head = normalize_space(soup.title.get_text(" ")) if soup.title else ""
    declared = [meta_content(soup, "og:title"), meta_content(soup, "twitter:title"),
                *json_ld_names(json_ld_article(soup).get("headline"))]
    declared = [d for d in dict.fromkeys(declared) if d]
    documents = [d for d in dict.fromkeys([*declared, head]) if d]
    firsts = {title_parts(d)[0].casefold() for d in documents if len(title_parts(d)) > 1}
    lasts = {title_parts(d)[-1].casefold() for d in documents if len(title_parts(d)) > 1}
    named = {strip_site_name(d, sites).casefold() for d in documents} | {
        d.casefold() for d in documents} | firsts
    headings = _headings(soup, ("h1", "h2", "h3"), site_keys)
    texts = {id(h): heading_text(h) for h in headings}
    headings = [h for h in headings if not _is_logo(h, site_keys)]
    h1s = [h for h in headings if h.name == "h1" and not _in_furniture(h)]
    headline = soup.select_one(_HEADLINE)
    if isinstance(headline, Tag) and headline.name != "h1" and heading_text(headline):
        if not _is_logo(headline, site_keys) and not _in_furniture(headline):
            h1s.insert(0, headline)
            texts[id(headline)] = heading_text(headline)
    # A heading the page's own title metadata repeats is the article's, wherever it sits.
    confirmed = [h for h in headings if _confirmed(texts[id(h)], named)]
    if h1s:
        best = max(h1s, key=lambda h: _closeness(texts[id(h)], documents))
        text = texts[id(best)]
        if confirmed and _closeness(text, documents) < 0.5:  # noqa: PLR2004
            return texts[id(confirmed[0])], True
        # "Heading : Site" with the site's name as the page's h1: the heading is lower down.
        if text.casefold() in lasts - firsts:
            lower = [h for h in confirmed if h.name != "h1"]
            if lower:
                return texts[id(lower[0])], True
        return _without_kicker(text, declared), True
    if confirmed:
        return texts[id(confirmed[0])], True
    for document in documents:
        stripped = strip_site_name(document, sites)
        if stripped != document:
            return stripped, False
    return (_without_site_part(documents[0]) if documents else ""), False


def _without_kicker(text: str, declared: list[str]) -> str:
    """Drop a kicker ("Ernährung sichern") an ``h1`` shows before the title its metadata states.

    >>> _without_kicker("Klima Die Erde wird wärmer", ["Die Erde wird wärmer"])
    'Die Erde wird wärmer'
    """
    low = text.casefold()
    for title in declared:
        key = title.casefold()
        if low != key and low.endswith(" " + key) and len(key.split()) >= 3:  # noqa: PLR2004
            return text[len(text) - len(title):]
    return text


def _without_site_part(title: str) -> str:
    """Drop a short trailing part of a title that is most likely the site's name.

    >>> _without_site_part("Leasing oder Finanzierung » Der große Vergleich | Finanzcheck")
    'Leasing oder Finanzierung » Der große Vergleich'
    >>> _without_site_part("Gloves off – Davis vs. Pittman")
    'Gloves off – Davis vs. Pittman'
    """
    match = re.match(r"^(.*\S)\s+(?:[|·•]|::|//)\s+([^|·•]{1,40})$", title)
    if match and len(match[2].split()) <= 4 and len(match[1].split()) >= 2:  # noqa: PLR2004
        return match[1]
    return title


def heading_before(container: Tag) -> str:
    """Return the heading that opens an article's text, or ``""``.

    That is the container's own first heading before any prose, else the nearest heading above
    the container that is no logo, menu or sidebar.
    """
    for element in container.find_all(["h1", "h2", "h3", "p"]):
        if element.name == "p" and len(normalize_space(element.get_text(" "))) >= _PROSE:
            break
        if element.name != "p":
            text = heading_text(element)
            if text and len(text.split()) <= _MAX_WORDS:
                return text
    for heading in container.find_all_previous(["h1", "h2", "h3"], limit=3):
        text = heading_text(heading)
        if text and len(text.split()) <= _MAX_WORDS and not _is_logo(heading, set()) and (
                not _in_furniture(heading)):
            return text
    return ""
