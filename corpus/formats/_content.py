"""Finding the article body of a page: known containers first, text density second.

:func:`extract_content` works in three steps:

1. **Known containers.** Publishing systems mark the body: ``[itemprop=articleBody]``,
   WordPress's ``.entry-content``, tagDiv's ``.td-post-content``, ``.post-content``,
   ``.article-body`` and kin (:data:`KNOWN_CONTAINERS`, most specific first). The first selector
   whose best match holds enough running text wins; matches sitting in furniture (a related-posts
   box) are ignored, and a body split into several matches by ad breaks is joined.
2. **Scoring fallback.** Otherwise the search narrows to the largest ``<article>`` (or ``<main>``,
   or ``<body>``), furniture is pruned (:mod:`corpus.formats._boilerplate`), and every text run
   adds to all its ancestors a *good* weight (its unlinked characters, when it is long enough
   to be prose) and a *bad* weight (link text, short lines). The element with the highest
   ``good - bad`` is the smallest one holding the prose without the page around it.
3. **Cleaning.** Inside the chosen element, furniture is removed, captions are pulled out, and
   the runs that read as text become the paragraphs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from corpus.formats._boilerplate import (
    drop_junk,
    is_boilerplate,
    leaves,
    paragraphs,
    prose_chars,
    prune,
    pull_captions,
)

__all__ = ["KNOWN_CONTAINERS", "Content", "extract_content"]

KNOWN_CONTAINERS = (
    "[itemprop~=articleBody]",
    ".entry-content, .td-post-content, .post-content, .article-body, .article__body, "
    ".article-content, .articleBody, .story-body, .story-content, .post-body, .entry-body, "
    ".content-body, .article-text, .body-text, #article-body, #articleBody, #story-body, "
    ".field-name-body, .field--name-body, .c-entry-content, .single-post-content, .post-entry, "
    ".article__content, .blog-content, .news-content, .article-body-text, .story-text",
)
_MIN_PROSE = 250
_MIN_RUN = 50  # shorter runs are headings, bylines, buttons: not evidence of prose


@dataclass
class Content:
    """The body found on a page: its paragraphs, captions, and the elements they came from."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    containers: list[Tag] = field(default_factory=list)
    method: str = ""


def _in_furniture(element: Tag) -> bool:
    return any(is_boilerplate(parent) for parent in element.parents if parent.name != "[document]"
               and parent.name not in ("html", "body"))


def _outermost(elements: list[Tag]) -> list[Tag]:
    chosen = {id(e) for e in elements}
    return [e for e in elements if not any(id(p) in chosen for p in e.parents)]


def _known(soup: BeautifulSoup) -> tuple[list[Tag], str]:
    for selector in KNOWN_CONTAINERS:
        matches = [m for m in _outermost(soup.select(selector)) if not _in_furniture(m)]
        scored = [(prose_chars(m), m) for m in matches]
        best = max((s for s, _ in scored), default=0)
        if best >= _MIN_PROSE:
            return [m for s, m in scored if s >= 0.15 * best], "container"
    return [], ""


def _score(root: Tag) -> Tag:
    good: dict[int, float] = defaultdict(float)
    bad: dict[int, float] = defaultdict(float)
    nodes: dict[int, tuple[Tag, int]] = {}
    for leaf in leaves(root):
        size, density = len(leaf.text), leaf.link_density
        if density > 0.5:
            plus, minus = 0.0, float(size)
        elif size < _MIN_RUN:
            plus, minus = 0.0, size * 0.3
        else:
            plus, minus = size * (1 - density), size * density
        chain = [leaf.node, *leaf.node.parents]
        depth = len(chain)
        for node in chain:
            good[id(node)] += plus
            bad[id(node)] += minus
            nodes.setdefault(id(node), (node, depth))
            depth -= 1
            if node is root:
                break
    if not nodes:
        return root

    def rank(key: int) -> tuple[float, int]:
        return (good[key] - bad[key], nodes[key][1])

    return nodes[max(nodes, key=rank)][0]


def _fallback_root(soup: BeautifulSoup) -> Tag:
    articles = [a for a in soup.find_all("article") if not _in_furniture(a)]
    if articles:
        best = max(articles, key=prose_chars)
        if prose_chars(best) >= _MIN_PROSE:
            return best
    for selector in ("main", "[role=main]", "#content", "#main"):
        element = soup.select_one(selector)
        if element is not None and prose_chars(element) >= _MIN_PROSE:
            return element
    return soup.body or soup


def extract_content(soup: BeautifulSoup, title: str = "") -> Content:
    """Find and clean the article body of ``soup`` (which is modified in place).

    :param soup: the parsed page; read its metadata first, since furniture is removed.
    :param title: the article title, so that a heading repeating it is not kept as text.
    :returns: the paragraphs (possibly none), captions and the containers used.
    """
    drop_junk(soup)
    containers, method = _known(soup)
    if not containers:
        root = _fallback_root(soup)
        prune(root)
        containers, method = [_score(root)], "density"
    content = Content(containers=containers, method=method)
    for container in containers:
        prune(container)
        content.captions.extend(c for c in pull_captions(container) if c not in content.captions)
        content.paragraphs.extend(paragraphs(container, title))
    return content
