"""Articles to index: analysis, schema, and the ingestion run that writes a Whoosh index.

Builds on :mod:`corpus`; knows nothing of queries. See ARCHITECTURE.md, "indexer".
"""

import importlib
from typing import Any

from indexer.analysis import STOP_WORDS, analyze, news_analyzer
from indexer.errors import (
    IndexAccessError,
    IndexLockedError,
    IndexNotFoundError,
    IndexStoreError,
    SchemaVersionError,
)
from indexer.schema import SCHEMA_VERSION, article_from_stored
from indexer.store import default_index_dir, index_exists, open_index

# The ingestion run needs every format reader: load it on first use only, so that searching
# starts fast.
_LAZY = {"IngestReport": "indexer.pipeline", "build_index": "indexer.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'indexer' has no attribute {name!r}")


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
