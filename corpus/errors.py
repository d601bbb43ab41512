"""Errors raised while turning source files into articles.

``IngestError`` is the root; each error carries the offending path so a report can name it.
Readers raise :class:`ParseError` for a file they recognise but cannot read, and
:class:`UnsupportedFormatError` when no reader claims a file. The ingestion loop turns both into
a recorded skip, never a crash.
"""

from __future__ import annotations

__all__ = ["IngestError", "ParseError", "UnsupportedFormatError"]


class IngestError(Exception):
    """A source file could not become articles; ``path`` names it, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ParseError(IngestError):
    """The file is of a known kind but its content cannot be read as such."""


class UnsupportedFormatError(IngestError):
    """No reader recognises the file (binary data, an unknown format, an empty file)."""
