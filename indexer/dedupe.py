"""Telling copies of one post apart from different posts, and keeping the richest copy.

A post is often read more than once: its own page and the archive pages that list it, an export
and a saved page, a republished copy. :func:`dedupe_keys` gives the keys under which such copies
meet, :func:`richness` ranks them (a full body over an excerpt, then the longer body, then more
metadata), and :func:`merge_copies` completes the copy that is kept with what only the others
say. :class:`StagedArticles` holds a run's winners on disk until they are written at once:
Whoosh cannot take back a document added earlier in the same uncommitted writer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date

from corpus.article import Article, fingerprint_text, normalize_url

__all__ = [
    "TEXT_KEY_MIN_WORDS",
    "StagedArticles",
    "dedupe_keys",
    "merge_copies",
    "richness",
    "same_day",
    "union_values",
]

TEXT_KEY_MIN_WORDS = 30
"""Bodies shorter than this are not matched by fingerprint alone: short texts repeat."""


def richness(article: Article) -> tuple[int, int, int]:
    """Rank a copy of a post: its page, then the longer body, then more metadata.

    A listing's excerpt ranks below the page, and so does a syndicated copy: a feed item or an
    API record (``extra["syndicated"]``) may carry the whole text, but the post's page also
    tells tags from categories and shows the site's own day. Between a syndicated copy and an
    excerpt, the longer body wins. Metadata counts the URL, author, date, tags and categories a
    copy states.

    >>> richness(Article(id="a", title="T", body="Short.", url="https://x.org/a",
    ...                  extra={"excerpt": True}))
    (0, 6, 1)
    """
    stated = (article.url, article.author, article.published, article.tags, article.categories)
    secondary = article.extra.get("excerpt") or article.extra.get("syndicated")
    return (0 if secondary else 1, len(article.body), sum(map(bool, stated)))


def dedupe_keys(article: Article) -> list[str]:
    """Return the keys under which another copy of ``article`` is recognised.

    ``url:`` the normalized URL; ``slug:`` the host, the URL's last path segment and the
    title's fingerprint (matched only when the published days agree within one day);
    ``text:`` a hash of the body's fingerprint, for bodies of at least
    :data:`TEXT_KEY_MIN_WORDS` words; ``wp:`` the host, the WordPress post id
    (``extra["wp_post_id"]``) and the title's fingerprint, which a post keeps under every
    address a site mirror saved it at (``/2006/02/07/a-post/`` and ``/~matt/?p=8``).

    >>> dedupe_keys(Article(id="a", title="THATCamp 2012", body="",
    ...                     url="https://mossiso.com/2012/06/18/thatcamp-2012/"))
    ['url:mossiso.com/2012/06/18/thatcamp-2012', 'slug:mossiso.com/thatcamp-2012|thatcamp 2012']
    """
    keys = []
    url = normalize_url(article.url)
    if url:
        keys.append("url:" + url)
        host, _, path = url.partition("/")
        slug = path.split("?", 1)[0].rsplit("/", 1)[-1].lower()
        title = fingerprint_text(article.title)
        if slug and title:
            keys.append(f"slug:{host}/{slug}|{title}")
        post_id = str(article.extra.get("wp_post_id") or "").strip()
        if post_id.isdigit() and title:
            keys.append(f"wp:{host}/{post_id}|{title}")
    words = fingerprint_text(article.body)
    if words.count(" ") + 1 >= TEXT_KEY_MIN_WORDS:
        keys.append("text:" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:20])
    return keys


def union_values(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Join two lists of values, dropping repeats whatever their case (the first spelling stays).

    >>> union_values(("Alps", "Climate"), ("climate", "Glaciers"))
    ('Alps', 'Climate', 'Glaciers')
    """
    seen: dict[str, str] = {}
    for value in first + second:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _page_like(article: Article) -> bool:
    return not (article.extra.get("excerpt") or article.extra.get("mixed_terms"))


def _terms(winner: Article, other: Article) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags and categories of the merged copy.

    Tags are joined: a tag archive lists exactly the posts that carry its tag. Categories are
    not, when the post's own page names its categories: a category archive also lists the posts
    of its sub-categories, so its name is no category of theirs. A feed lists tags and
    categories as one list (``extra["mixed_terms"]``): when the other copy tells them apart,
    its terms are taken instead of mixing the two.
    """
    mixed_winner, mixed_other = winner.extra.get("mixed_terms"), other.extra.get("mixed_terms")
    if mixed_other and not mixed_winner and (winner.tags or winner.categories):
        return winner.tags, winner.categories
    if mixed_winner and not mixed_other and (other.tags or other.categories):
        return other.tags, other.categories
    tags = union_values(winner.tags, other.tags)
    if _page_like(winner) and winner.categories and other.extra.get("excerpt"):
        return tags, winner.categories
    if _page_like(other) and other.categories and winner.extra.get("excerpt"):
        return tags, other.categories
    return tags, union_values(winner.categories, other.categories)


def merge_copies(winner: Article, other: Article) -> Article:
    """Complete the copy that is kept with what only another copy of the post says.

    >>> page = Article(id="a", title="T", body="x", tags=("maps",), categories=("History",))
    >>> item = Article(id="a", title="T", body="x", tags=("History", "maps"),
    ...                extra={"mixed_terms": True})
    >>> merged = merge_copies(item, page)
    >>> merged.tags, merged.categories
    (('maps',), ('History',))
    """
    dated = winner.published is not None
    tags, categories = _terms(winner, other)
    extra = winner.extra
    if extra.get("mixed_terms") and not other.extra.get("mixed_terms") and (
            other.tags or other.categories):
        extra = {k: v for k, v in extra.items() if k != "mixed_terms"}  # told apart now
    return winner.replace(
        tags=tags,
        categories=categories,
        extra=extra,
        author=winner.author or other.author,
        published=winner.published if dated else other.published,
        published_inferred=winner.published_inferred if dated else other.published_inferred,
        url=winner.url or other.url,
        language=winner.language or other.language,
    )


def same_day(published: date | None, day: str | None) -> bool:
    """Tell whether two published days may be the same post's (unknown days always may).

    Pages show local days and feeds UTC ones, so a day apart still counts as the same.
    """
    if published is None or not day:
        return True
    return abs((published - date.fromisoformat(day)).days) <= 1


class StagedArticles:
    """The articles a run will write, kept on disk by id until the single write at the end."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="dossier-staging-")
        self._db = sqlite3.connect(os.path.join(self._folder.name, "staging.sqlite"))
        self._db.execute("CREATE TABLE staged (id TEXT PRIMARY KEY, article BLOB)")
        self._ids: set[str] = set()

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def get(self, article_id: str) -> Article | None:
        """Return the staged article with this id, or None."""
        row = self._db.execute("SELECT article FROM staged WHERE id = ?", (article_id,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def put(self, article: Article) -> None:
        """Stage ``article``, replacing any staged article with its id."""
        self._db.execute(
            "INSERT OR REPLACE INTO staged VALUES (?, ?)", (article.id, pickle.dumps(article))
        )
        self._ids.add(article.id)

    def pop(self, article_id: str) -> None:
        """Drop the staged article with this id, if any."""
        self._db.execute("DELETE FROM staged WHERE id = ?", (article_id,))
        self._ids.discard(article_id)

    def __iter__(self) -> Iterator[Article]:
        for (blob,) in self._db.execute("SELECT article FROM staged ORDER BY rowid"):
            yield pickle.loads(blob)

    def close(self) -> None:
        """Delete the staging table."""
        self._db.close()
        self._folder.cleanup()
