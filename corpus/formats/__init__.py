"""Format readers: each turns one :class:`~corpus.source.Source` into articles.

A reader is a module-level object with a ``name``, a ``sniff(source) -> bool`` that looks at the
content (and only then the extension), and a ``parse(source) -> Iterable[Article]``.
:data:`READERS` lists them most specific first; :func:`reader_for` picks the first that claims a
source. New formats register by being added to that list, nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from corpus.article import Article
from corpus.formats import (
    archive,
    feed,
    html,
    jsonl,
    plaintext,
    sitefiles,
    textdump,
    warc,
    wpapi,
    wxr,
)
from corpus.source import Source

__all__ = ["READERS", "FormatReader", "reader_for"]


class FormatReader(Protocol):
    """What every format module provides."""

    name: str

    def sniff(self, source: Source) -> bool:
        """Return True when this reader should read ``source``."""
        ...

    def parse(self, source: Source) -> Iterable[Article]:
        """Yield the articles of ``source``; raise ``ParseError`` when it cannot.

        Readers of files holding many records (WordPress exports, JSON Lines, web archives) set
        ``counts_records = True`` and also take ``report=``, a
        :class:`~corpus.formats._report.ParseReport` they count skipped records into.
        """
        ...


READERS: list[FormatReader] = [
    warc.READER,
    wxr.READER,
    wpapi.READER,
    jsonl.READER,
    feed.READER,
    archive.READER,
    html.READER,
    sitefiles.READER,
    textdump.READER,
    plaintext.READER,
]


def reader_for(
    source: Source, readers: Sequence[FormatReader] | None = None
) -> FormatReader | None:
    """Return the first reader (of ``readers``, default :data:`READERS`) that claims ``source``."""
    return next((r for r in readers or READERS if r.sniff(source)), None)
