"""What a file of a saved site *is*: a post page, an archive, a feed, a copy, an API file ...

A saved website holds many more files than posts: listings of every tag and category, feeds of
them, comment feeds, the JSON API's dump, oEmbed answers and embed views of every post. The
index report counts the files of a run by kind so a user can see why 2,365 files gave 350
articles.

* :func:`file_kind` names the kind of a file that gave articles, from its reader and its first
  article.
* :func:`skip_reason` writes the reason of a file left out on purpose (``"comment feed: …"``);
  :func:`skip_kind` reads the kind back from such a reason, and calls any other skip
  ``"not read"``.
"""

from __future__ import annotations

from corpus.article import Article

__all__ = [
    "API_FILE",
    "ARCHIVE",
    "ATTACHMENT",
    "COMMENT_FEED",
    "COPY",
    "FEED",
    "PAGE",
    "NOT_READ",
    "SITE_FILE",
    "file_kind",
    "skip_kind",
    "skip_reason",
]

PAGE = "post page"
ARCHIVE = "archive"
FEED = "feed"
COMMENT_FEED = "comment feed"
API_FILE = "API file"
COPY = "copy"
ATTACHMENT = "attachment page"
SITE_FILE = "site file"
NOT_READ = "not read"
_SKIP_KINDS = (COMMENT_FEED, API_FILE, COPY, ATTACHMENT, SITE_FILE, ARCHIVE)
_READER_KINDS = {"archive": ARCHIVE, "feed": FEED, "wpapi": API_FILE, "wxr": "WordPress export",
                 "jsonl": "JSON", "warc": "web archive", "textdump": "text dump",
                 "plaintext": "text"}


def skip_reason(kind: str, detail: str) -> str:
    """Return the reason of a file left out on purpose, readable by :func:`skip_kind`.

    >>> skip_reason(COMMENT_FEED, "Comments on: A post")
    'comment feed: Comments on: A post'
    """
    return f"{kind}: {detail}" if detail else kind


def skip_kind(reason: str) -> str:
    """Return the kind named by a skip reason, or ``"not read"`` for any other failure.

    >>> skip_kind("copy: oEmbed answer for https://example.org/a/"), skip_kind("empty file")
    ('copy', 'not read')
    """
    for kind in _SKIP_KINDS:
        if reason == kind or reason.startswith(kind + ":"):
            return kind
    return NOT_READ


def file_kind(reader: str, first: Article | None = None) -> str:
    """Return the kind of a file read by ``reader`` whose first article is ``first``.

    An HTML page is a post page unless its articles came from a listing of posts.

    >>> file_kind("html"), file_kind("feed")
    ('post page', 'feed')
    """
    if reader == "html":
        return ARCHIVE if first is not None and first.extra.get("listing") else PAGE
    return _READER_KINDS.get(reader, reader)
