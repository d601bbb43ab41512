"""Walking the user's paths and turning each file into articles or a recorded skip.

:func:`iter_files` expands files and folders (recursively, in a stable order, hidden files left
out); :func:`read_path` reads one file, picks its format reader by content and returns a
:class:`Parsed` result; :func:`iter_parsed` chains both lazily, so an archive of any size streams
through in constant memory. Nothing here raises for a bad file: it becomes a
:class:`Skipped` with a reason a person can act on; records left out inside a file that is
otherwise read (a draft in a WordPress export, a JSON line that is not an object) are counted in
:attr:`Parsed.skipped_records`. :func:`format_readers` gives the reader list with a user's
JSON field map.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.article import Article
from corpus.errors import IngestError
from corpus.extract import enrich
from corpus.formats import READERS, FormatReader
from corpus.formats._report import ParseReport
from corpus.formats.jsonl import JsonReader
from corpus.source import Source, looks_binary

__all__ = [
    "MAX_FILE_BYTES",
    "Parsed",
    "Skipped",
    "format_readers",
    "iter_files",
    "iter_parsed",
    "read_path",
]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Files larger than this are skipped rather than read into memory."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """The articles read from one file, with the name of the reader that read them.

    ``skipped_records`` counts, by reason, the records of the file that gave no article
    (``{"draft": 1, "attachment": 37}``); it is empty for one-article formats.
    """

    path: str
    articles: tuple[Article, ...]
    reader: str
    digest: str = ""
    skipped_records: dict[str, int] = field(default_factory=dict)


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


def format_readers(
    *, field_map: Mapping[str, str | Iterable[str]] | None = None
) -> list[FormatReader]:
    """Return the format readers in order, the JSON one reading with ``field_map``.

    :param field_map: ``{article field: key(s)}`` for JSON and JSON Lines files (see
        :class:`corpus.formats.jsonl.FieldMap`).
    :raises ValueError: for a field map naming a field articles do not have.
    """
    if not field_map:
        return list(READERS)
    custom = JsonReader(field_map)
    return [custom if reader.name == custom.name else reader for reader in READERS]


def _parse(reader: FormatReader, source: Source) -> tuple[list[Article], ParseReport]:
    report = ParseReport()
    if getattr(reader, "counts_records", False):
        return list(reader.parse(source, report=report)), report  # type: ignore[call-arg]
    return list(reader.parse(source)), report


def read_path(
    path: str | os.PathLike[str],
    *,
    extract: bool = True,
    readers: Sequence[FormatReader] | None = None,
) -> Parsed | Skipped:
    """Read one file into articles; every failure becomes a :class:`Skipped`.

    :param readers: the format readers to try, in order (default: :data:`READERS`).
    """
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
    reader = next((r for r in readers or READERS if r.sniff(source)), None)
    if reader is None:
        reason = "binary file" if looks_binary(data) else "unknown format"
        return Skipped(name, reason)
    try:
        articles, report = _parse(reader, source)
    except IngestError as exc:
        return Skipped(name, exc.reason)
    except (ValueError, UnicodeError, RecursionError) as exc:
        return Skipped(name, f"cannot parse as {reader.name}: {exc}")
    if not articles:
        skips = ", ".join(f"{reason} {n}" for reason, n in report.skipped.most_common())
        detail = f"; records skipped: {skips}" if skips else ""
        return Skipped(name, f"no article found ({reader.name}{detail})")
    if extract:
        articles = [enrich(a) for a in articles]
    return Parsed(name, tuple(articles), reader.name, hashlib.sha1(data).hexdigest(),
                  dict(report.skipped))


def iter_parsed(
    paths: Iterable[str | os.PathLike[str]],
    *,
    extract: bool = True,
    readers: Sequence[FormatReader] | None = None,
) -> Iterator[Parsed | Skipped]:
    """Read every file under ``paths`` lazily, yielding one result per file."""
    for item in iter_files(paths):
        yield item if isinstance(item, Skipped) else read_path(
            item, extract=extract, readers=readers
        )
