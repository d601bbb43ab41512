"""Telling page furniture from article text, and turning markup into paragraphs.

The parts:

* :func:`drop_junk` removes what is never text (scripts, styles, forms' controls, embeds,
  comments, hidden elements) from a whole tree.
* :func:`is_boilerplate` judges one element by its tag, ``role``, ``class`` and ``id``: share
  buttons, related posts, comments, cookie notices, newsletters, ads, menus, bylines and term
  lists. WordPress's own data classes (``tag-*``, ``category-*``, ``post-123``) are ignored, so a
  post tagged "share" is not mistaken for a share box.
* :func:`prune` removes every boilerplate element under a root; :func:`pull_captions` takes the
  image captions out and returns them.
* :func:`leaves` walks a tree once and returns its text runs (a paragraph, a list item, a table
  row ...) with their link text length, in page order; ``<br><br>`` also splits a run.
  :mod:`corpus.formats._content` scores these runs to find the article, and
  :func:`paragraphs` keeps the runs that read as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Comment, NavigableString, Tag
from bs4.element import Script, Stylesheet, TemplateString

from corpus.article import normalize_space

__all__ = ["Leaf", "drop_junk", "is_boilerplate", "leaves", "paragraphs", "prose_chars", "prune",
           "pull_captions"]

_JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "input", "select", "textarea", "option", "audio", "video", "source", "track",
    "map", "dialog", "link", "meta",
)
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q s samp "
    "small span strike strong sub sup time tt u var wbr acronym".split()
)
_FURNITURE_TAGS = frozenset(("nav", "aside", "footer", "header", "menu", "form"))
_FURNITURE_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu")
)
# Whole words inside a class or id ("td-post-sharing" has "sharing").
_WORDS = frozenset(
    "ad ads adv advert advertisement adsbygoogle banner bio byline author authors meta nav navbar "
    "navigation menu footer header masthead widget widgets tags tagcloud cats categories print "
    "popup modal overlay skip toolbar tools rating login search signup more readmore "
    "next prev previous popular trending follow breadcrumb breadcrumbs pagination pager "
    "comments comment respond reply share sharing sharer social related recommended "
    "newsletter subscribe subscription cookie cookies consent gdpr promo sponsored sponsor "
    "outbrain taboola disqus sidebar credit copyright rec icons dateline posted date "
    "timestamp".split()
)
# Pieces that give boilerplate away wherever they appear ("sharedaddy", "relatedArticles").
_PIECES = re.compile(
    r"share|social|related|newsletter|cookie|advert|sponsor|sidebar|breadcrumb|"
    r"paginat|disqus|outbrain|taboola|comment(?!ary)|promo|recommend|screen-reader|sr-only|"
    r"visually-?hidden|jp-relatedposts|author-?box|about-?the-?author"
)
_DATA_CLASS = re.compile(r"^(?:tag|category|format|status|type)-|^(?:post|postid|page-id)-\d+$")
_CAPTION = re.compile(r"caption")
_SPLIT = re.compile(r"[-_\s]+")
_MIN_RUN = 50
_NOT_TEXT = (Comment, Script, Stylesheet, TemplateString)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(slots=True)
class Leaf:
    """One run of text: the block element that holds it, its text and its linked characters."""

    node: Tag
    text: str
    link_chars: int

    @property
    def link_density(self) -> float:
        """Share of the text that is link text (0 to 1)."""
        return self.link_chars / len(self.text) if self.text else 0.0


def drop_junk(root: Tag) -> None:
    """Remove scripts, styles, embeds, form controls, comments and hidden elements in place."""
    for element in root.find_all(_JUNK_TAGS):
        element.decompose()
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in root.find_all(True):
        if element.decomposed or element.attrs is None:
            continue
        hidden = element.has_attr("hidden") or _HIDDEN_STYLE.search(str(element.get("style", "")))
        if hidden and element.name not in ("html", "body"):
            element.decompose()


def _labels(element: Tag) -> list[str]:
    value: object = element.get("class") or []
    classes = [str(c) for c in (value if isinstance(value, list) else str(value).split())]
    names = [c.lower() for c in classes if not _DATA_CLASS.match(c.lower())]
    ident = str(element.get("id") or "").lower()
    if ident and not re.match(r"^(?:post|article)-\d+$", ident):
        names.append(ident)
    return names


def is_boilerplate(element: Tag) -> bool:
    """Tell whether ``element`` is page furniture rather than article text.

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup('<div class="td-post-sharing"></div><div class="tag-share"></div>'
    ...                      '<div class="entry-content"></div>', "lxml")
    >>> [is_boilerplate(d) for d in soup.find_all("div")]
    [True, False, False]
    """
    if element.name in _FURNITURE_TAGS:
        return True
    if str(element.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    for label in _labels(element):
        if _PIECES.search(label) or any(word in _WORDS for word in _SPLIT.split(label)):
            return True
    return False


def prose_chars(root: Tag) -> int:
    """Return how many characters under ``root`` read as prose (long runs, few links)."""
    return sum(
        int(len(leaf.text) * (1 - leaf.link_density))
        for leaf in leaves(root)
        if len(leaf.text) >= _MIN_RUN and leaf.link_density < 0.5
    )


def prune(root: Tag) -> None:
    """Remove every boilerplate element under ``root`` (never ``root`` itself).

    An element judged by its class or id alone is kept when it holds most of the prose: a
    body wrapper may carry a class such as ``has-author-box`` or ``with-sidebar``.
    """
    total = None
    for element in root.find_all(True):
        if element.decomposed or element.attrs is None or not is_boilerplate(element):
            continue
        if element.name not in _FURNITURE_TAGS or element.name == "form":
            total = prose_chars(root) if total is None else total
            if total and prose_chars(element) > 0.5 * total:
                continue
        element.decompose()


def pull_captions(root: Tag) -> list[str]:
    """Remove image captions under ``root`` and return their texts in page order."""
    captions: list[str] = []
    for element in root.find_all(True):
        if element.decomposed or element.attrs is None:
            continue
        labels = " ".join(_labels(element))
        if element.name != "figcaption" and not _CAPTION.search(labels):
            continue
        text = normalize_space(element.get_text(" "))
        if len(text) > 600:
            continue  # a wrapper that merely mentions captions, not a caption
        if text and text not in captions:
            captions.append(text)
        figure = element.find_parent("figure")
        (figure if figure is not None and figure is not root else element).decompose()
    for figure in root.find_all("figure"):
        if not normalize_space(figure.get_text(" ")):
            figure.decompose()
    return captions


def leaves(root: Tag) -> list[Leaf]:
    """Return the text runs under ``root`` in page order (see the module docstring)."""
    found: list[Leaf] = []
    run: list[str] = []
    link_chars = [0]

    def flush(owner: Tag) -> None:
        text = "".join(run)
        run.clear()
        chars, link_chars[0] = link_chars[0], 0
        pieces = [normalize_space(p) for p in re.split(r"\n\s*\n", text)]
        pieces = [p for p in pieces if p]
        for piece in pieces:
            share = chars * len(piece) // max(1, sum(len(p) for p in pieces))
            found.append(Leaf(owner, piece, min(share, len(piece))))

    def walk(node: Tag, owner: Tag, in_link: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    run.append(str(child))
                    if in_link:
                        link_chars[0] += len(normalize_space(str(child)))
            elif isinstance(child, Tag):
                if child.name == "br":
                    run.append("\n")
                elif child.name in _INLINE:
                    walk(child, owner, in_link or child.name == "a")
                else:
                    flush(owner)
                    walk(child, child, in_link)
                    flush(child)

    walk(root, root, False)
    flush(root)
    return found


_JUNK_LINE = re.compile(
    r"^(?:advertisements?|sponsored|share( this( article| story)?)?:?|tweet|e-?mail|print|"
    r"related( posts| articles| stories| content)?:?|read more.{0,80}|continue reading.{0,120}|"
    r"like this:?|loading\.*|you may also like\W*|recommended( for you)?\W*|"
    r"(?:click|tap) here.{0,40}|follow us.{0,40}|sign up.{0,60}|subscribe.{0,60}|"
    r"\d+ (?:minute|min) read)$",
    re.IGNORECASE,
)


def paragraphs(root: Tag, title: str = "") -> list[str]:
    """Return the article paragraphs under ``root``: runs that read as text, not as links."""
    kept: list[str] = []
    folded_title = title.casefold()
    for leaf in leaves(root):
        text = leaf.text
        if leaf.link_density > 0.6 and len(text.split()) < 40:
            continue
        if _JUNK_LINE.match(text) or (folded_title and text.casefold() == folded_title):
            continue
        kept.append(text)
    # A closing "Share and Enjoy:" or "Related:" announced furniture that has been removed.
    while kept and kept[-1].endswith(":") and len(kept[-1].split()) <= 6:
        kept.pop()
    return kept
