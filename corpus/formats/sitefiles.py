"""Files every saved website holds that are no articles: ``robots.txt``, sitemaps, scripts, styles.

The reader claims them by content (a robots file's ``User-agent:`` lines, a sitemap's
``<urlset>``, a script or style sheet saved under a ``.js``/``.css`` name that is not HTML) and
skips them with the reason ``site file: ...``, so they are counted apart from files that could
not be read, and never become a one-line "article" of the text reader.
"""

from __future__ import annotations

import re

from corpus.article import Article
from corpus.errors import ParseError
from corpus.formats.kinds import SITE_FILE, skip_reason
from corpus.source import Source, looks_binary

__all__ = ["READER", "site_file"]

_ROBOTS = re.compile(r"^(?:\s*(?:#[^\n]*)?\n)*\s*(?:user-agent|sitemap|disallow)\s*:",
                     re.IGNORECASE)
_SITEMAP = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<\?[^>]*>\s*)*"
                      rb"<(?:urlset|sitemapindex)[\s>]")
_CODE_SUFFIX = re.compile(r"\.(?:js|mjs|css|map)(?:[?#].*)?$", re.IGNORECASE)


def site_file(source: Source) -> str:
    """Name the kind of site file ``source`` is (``robots.txt``, ``sitemap``, ...), or ``""``.

    >>> site_file(Source("/s/robots.txt", b"User-agent: *\\nDisallow: /wp-admin/\\n"))
    'robots.txt'
    >>> site_file(Source("/s/a.txt", b"Robots are coming.\\n"))
    ''
    """
    if looks_binary(source.data):
        return ""
    head = source.data[:2048]
    if _SITEMAP.match(head):
        return "sitemap"
    if _ROBOTS.match(source.text[:2048]):
        return "robots.txt"
    name = source.name
    if _CODE_SUFFIX.search(name) and not head.lstrip().startswith(b"<"):
        return "style sheet" if ".css" in name.lower() else "script"
    return ""


class _SiteFileReader:
    name = "sitefile"

    def sniff(self, source: Source) -> bool:
        return bool(site_file(source))

    def parse(self, source: Source) -> list[Article]:
        raise ParseError(source.path, skip_reason(SITE_FILE, site_file(source)))


READER = _SiteFileReader()
