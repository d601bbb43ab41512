"""Walking the user's paths and turning each file into articles or a recorded skip.

:func:`iter_files` expands files and folders (recursively, in a stable order, hidden files left
out); :func:`read_path` reads one file, picks its format reader by content and returns a
:class:`Parsed` result; :func:`iter_parsed` chains both lazily, so an archive of any size streams
through in constant memory. Nothing here raises for a bad file: it becomes a
:class:`Skipped` with a reason a person can act on.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.article import Article
from corpus.errors import IngestError
from corpus.extract import enrich
from corpus.formats import reader_for
from corpus.source import Source, looks_binary

__all__ = ["MAX_FILE_BYTES", "Parsed", "Skipped", "iter_files", "iter_parsed", "read_path"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Files larger than this are skipped rather than read into memory."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """The articles read from one file, with the name of the reader that read them."""

    path: str
    articles: tuple[Article, ...]
    reader: str
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or path) that gave no articles, and why."""

    path: str
    reason: str


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Yield every file under ``paths`` (folders recursively, sorted), or a skip for bad paths."""
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(str(path), f"file too large ({size // 2**20} MiB)")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise IngestError(str(path), f"broken gzip data ({exc})") from None
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(str(path), "file too large once decompressed")
    return data


def read_path(path: str | os.PathLike[str], *, extract: bool = True) -> Parsed | Skipped:
    """Read one file into articles; every failure becomes a :class:`Skipped`."""
    name = str(Path(path).resolve())
    try:
        data = _read_bytes(Path(path))
    except IngestError as exc:
        return Skipped(name, exc.reason)
    except OSError as exc:
        return Skipped(name, f"cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Skipped(name, "empty file")
    source = Source(name, data)
    reader = reader_for(source)
    if reader is None:
        reason = "binary file" if looks_binary(data) else "unknown format"
        return Skipped(name, reason)
    try:
        articles = list(reader.parse(source))
    except IngestError as exc:
        return Skipped(name, exc.reason)
    except (ValueError, UnicodeError, RecursionError) as exc:
        return Skipped(name, f"cannot parse as {reader.name}: {exc}")
    if not articles:
        return Skipped(name, f"no article found ({reader.name})")
    if extract:
        articles = [enrich(a) for a in articles]
    return Parsed(name, tuple(articles), reader.name, hashlib.sha1(data).hexdigest())


def iter_parsed(
    paths: Iterable[str | os.PathLike[str]], *, extract: bool = True
) -> Iterator[Parsed | Skipped]:
    """Read every file under ``paths`` lazily, yielding one result per file."""
    for item in iter_files(paths):
        yield item if isinstance(item, Skipped) else read_path(item, extract=extract)
