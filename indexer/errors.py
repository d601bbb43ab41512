"""Errors about the index itself (as opposed to bad source files, which are skips).

Each error names the index folder and says what the user can do next.
"""

from __future__ import annotations

__all__ = [
    "IndexAccessError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexStoreError",
    "SchemaVersionError",
]


class IndexStoreError(Exception):
    """Root of the index errors; ``path`` is the index folder."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


class IndexNotFoundError(IndexStoreError):
    """No Dossier index exists at the folder."""


class IndexAccessError(IndexStoreError):
    """The folder exists but cannot be read or written, or does not hold a readable index."""


class IndexLockedError(IndexStoreError):
    """Another process is writing to the index."""


class SchemaVersionError(IndexStoreError):
    """The index was written by an incompatible version of Dossier and must be rebuilt."""
