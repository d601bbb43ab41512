"""Errors about queries. The CLI turns each into one line that says what to do next.

``QueryError`` is the root; ``span`` is the (start, end) of the offending part of the query when
it is known.
"""

from __future__ import annotations

__all__ = ["BadDateError", "QueryError", "QuerySyntaxError", "UnknownFieldError"]


class QueryError(ValueError):
    """A query that cannot be run as written."""

    def __init__(self, message: str, span: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.span = span


class QuerySyntaxError(QueryError):
    """Unbalanced quotes or brackets, or an operator with nothing to act on."""


class UnknownFieldError(QueryError):
    """``field:value`` with a field the index does not have."""


class BadDateError(QueryError):
    """A date or date range that cannot be understood."""
