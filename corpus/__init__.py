"""Sources to articles: reading files of every supported kind into :class:`Article` records.

This package knows formats and text, never the index. See ARCHITECTURE.md, "corpus".
"""

from corpus.article import Article, DateMention, Quote, article_id
from corpus.errors import IngestError, ParseError, UnsupportedFormatError
from corpus.sources import Parsed, Skipped, iter_files, iter_parsed, read_path

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

from pathlib import Path as _Path

SAMPLE_CORPUS = _Path(__file__).parent / "data" / "amnesty-1988-tag-archive.txt"
"""The bundled sample: a tag-archive dump of four articles on the 1988 massacre in Iran."""
