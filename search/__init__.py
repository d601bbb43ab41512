"""Index to answers: query parsing, ranking, facets, highlighting, rendering and the CLI.

Reads an index built by :mod:`indexer`. See ARCHITECTURE.md, "search".
"""

from search.errors import BadDateError, QueryError, QuerySyntaxError, UnknownFieldError
from search.highlight import Snippet
from search.results import FacetCount, SearchHit, SearchResults
from search.searcher import Searcher

__all__ = [
    "BadDateError",
    "FacetCount",
    "QueryError",
    "QuerySyntaxError",
    "SearchHit",
    "SearchResults",
    "Searcher",
    "Snippet",
    "UnknownFieldError",
]
