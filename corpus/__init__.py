"""Sources to articles: reading files of every supported kind into :class:`Article` records.

This package knows formats and text, never the index. See ARCHITECTURE.md, "corpus".
"""

import importlib
from pathlib import Path as _Path
from typing import Any

from corpus.article import Article, DateMention, Quote, article_id
from corpus.errors import IngestError, ParseError, UnsupportedFormatError

# The readers pull in BeautifulSoup, lxml and warcio: load them on first use only, so that
# searching (which needs just the records) starts fast.
_LAZY = {
    name: "corpus.sources"
    for name in ("Parsed", "Skipped", "iter_files", "iter_parsed", "read_path")
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'corpus' has no attribute {name!r}")


__all__ = [
    "SAMPLE_CORPUS",
    "Article",
    "DateMention",
    "IngestError",
    "ParseError",
    "Parsed",
    "Quote",
    "Skipped",
    "UnsupportedFormatError",
    "article_id",
    "iter_files",
    "iter_parsed",
    "read_path",
]

SAMPLE_CORPUS = _Path(__file__).parent / "data" / "amnesty-1988-tag-archive.txt"
"""The bundled sample: a tag-archive dump of four articles on the 1988 massacre in Iran."""
