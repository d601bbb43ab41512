"""Articles to index: analysis, schema, and the ingestion run that writes a Whoosh index.

Builds on :mod:`corpus`; knows nothing of queries. See ARCHITECTURE.md, "indexer".
"""

from indexer.analysis import STOP_WORDS, analyze, news_analyzer
from indexer.errors import (
    IndexAccessError,
    IndexLockedError,
    IndexNotFoundError,
    IndexStoreError,
    SchemaVersionError,
)
from indexer.pipeline import IngestReport, build_index
from indexer.schema import SCHEMA_VERSION, article_from_stored
from indexer.store import default_index_dir, index_exists, open_index

__all__ = [
    "SCHEMA_VERSION",
    "STOP_WORDS",
    "IndexAccessError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexStoreError",
    "IngestReport",
    "SchemaVersionError",
    "analyze",
    "article_from_stored",
    "build_index",
    "default_index_dir",
    "index_exists",
    "news_analyzer",
    "open_index",
]
