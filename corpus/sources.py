"""Walking the user's paths and turning each file into articles or a recorded skip.

:func:`iter_files` expands files and folders (recursively, in a stable order, hidden files left
out); :func:`read_path` reads one file, picks its format reader by content and returns a
:class:`Parsed` result; :func:`iter_parsed` chains both lazily, so an archive of any size streams
through in constant memory. Nothing here raises for a bad file: it becomes a
:class:`Skipped` with a reason a person can act on; records left out inside a file that is
otherwise read (a draft in a WordPress export, a JSON line that is not an object) are counted in
:attr:`Parsed.skipped_records`. :func:`format_readers` gives the reader list with a user's
JSON field map.

``read_path(..., stream=True)`` leaves a JSON Lines file's articles unread until they are
iterated (``Parsed.articles`` is then a one-shot iterator and ``skipped_records`` fills as it
goes), so a file of any length streams to the indexer; other formats are read whole, because a
broken record late in a file must still skip the whole file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.article import Article
from corpus.errors import IngestError
from corpus.extract import enrich
from corpus.formats import READERS, FormatReader, reader_for
from corpus.formats._report import ParseReport
from corpus.formats.jsonl import JsonReader
from corpus.source import Source, decode_bytes, looks_binary

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PAGE_BYTES",
    "Parsed",
    "Skipped",
    "format_readers",
    "iter_files",
    "iter_parsed",
    "read_path",
]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Files larger than this are skipped rather than read into memory."""
MAX_PAGE_BYTES = 32 * 1024 * 1024
"""Single pages (HTML, text) larger than this are skipped: no real article is that big, and
parsing one would take minutes and gigabytes. Collections (JSON Lines, WXR, WARC) may be larger."""
PAGE_READERS = frozenset({"html", "archive", "textdump", "plaintext"})


@dataclass(frozen=True, slots=True)
class Parsed:
    """The articles read from one file, with the name of the reader that read them.

    ``skipped_records`` counts, by reason, the records of the file that gave no article
    (``{"draft": 1, "attachment": 37}``); it is empty for one-article formats. With
    ``read_path(..., stream=True)``, ``articles`` may be a one-shot iterator, and
    ``skipped_records`` is complete once it has been consumed.
    """

    path: str
    articles: tuple[Article, ...] | Iterator[Article]
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


def _streams(reader: FormatReader, source: Source) -> bool:
    """Tell whether ``reader`` can yield ``source``'s articles lazily without failing later.

    True for JSON Lines proper (one object per line): a bad line is a counted skip, never an
    error, so nothing read late in the file can turn it into a :class:`Skipped`.
    """
    if reader.name != "jsonl" or not getattr(reader, "counts_records", False):
        return False
    first = source.data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)
    if not first[0].startswith(b"{") or len(first) < 2:  # noqa: PLR2004
        return False
    try:
        return isinstance(json.loads(first[0]), dict)
    except (ValueError, UnicodeError):
        return False


def _lazy(path: str, first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    try:
        yield from rest
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise IngestError(path, f"cannot parse as jsonl: {exc}") from None


def read_path(
    path: str | os.PathLike[str],
    *,
    extract: bool = True,
    readers: Sequence[FormatReader] | None = None,
    stream: bool = False,
) -> Parsed | Skipped:
    """Read one file into articles; every failure becomes a :class:`Skipped`.

    :param readers: the format readers to try, in order (default: :data:`READERS`).
    :param stream: for a JSON Lines file, give ``articles`` as an iterator that reads (and, with
        ``extract``, enriches) one record at a time instead of a tuple of them all.
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
    reader = reader_for(source, readers)
    if reader is None:
        reason = "binary file" if looks_binary(data) else "unknown format"
        return Skipped(name, reason)
    if reader.name in PAGE_READERS and len(data) > MAX_PAGE_BYTES:
        size = len(data) // 2**20
        limit = MAX_PAGE_BYTES // 2**20
        return Skipped(
            name, f"page too large ({size} MiB; {reader.name} files over {limit} MiB are skipped)"
        )
    if stream and _streams(reader, source):
        on_disk = not Path(path).name.lower().endswith(".gz")
        return _read_lazily(name, reader, source, extract=extract, on_disk=on_disk)
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
    return Parsed(
        name, tuple(articles), reader.name, hashlib.sha1(data).hexdigest(), dict(report.skipped)
    )


def _read_lazily(
    name: str, reader: FormatReader, source: Source, *, extract: bool, on_disk: bool
) -> Parsed | Skipped:
    report = ParseReport()
    digest = hashlib.sha1(source.data).hexdigest()
    if on_disk:  # read it again a chunk at a time: its bytes need not stay in memory
        articles = _parse_chunks(reader, name, report)
        del source
    else:
        articles = iter(reader.parse(source, report=report))  # type: ignore[call-arg]
    try:
        first = next(articles, None)
    except (IngestError, OSError, ValueError, UnicodeError, RecursionError) as exc:
        reason = exc.reason if isinstance(exc, IngestError) else f"cannot parse as jsonl: {exc}"
        return Skipped(name, reason)
    if first is None:
        skips = ", ".join(f"{reason} {n}" for reason, n in report.skipped.most_common())
        detail = f"; records skipped: {skips}" if skips else ""
        return Skipped(name, f"no article found ({reader.name}{detail})")
    lazy = _lazy(name, first, articles)
    return Parsed(name, map(enrich, lazy) if extract else lazy, reader.name, digest, report.skipped)


_CHUNK_BYTES = 1 << 20


def _parse_chunks(reader: FormatReader, path: str, report: ParseReport) -> Iterator[Article]:
    """Parse a JSON Lines file in chunks of whole lines, counting into one ``report``.

    The reader takes a text whose first line is not a JSON object for one JSON document, so
    the lines before a chunk's first object line are read here, one by one, as it would.
    """
    with open(path, "rb") as fh:
        while lines := fh.readlines(_CHUNK_BYTES):
            rest = iter(lines)
            for line in rest:
                if _object_line(line):
                    chunk = b"".join((line, *rest))
                    yield from reader.parse(Source(path, chunk), report=report)  # type: ignore[call-arg]
                    break
                yield from _odd_line(reader, path, line, report)


def _object_line(line: bytes) -> bool:
    text = line.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, UnicodeError):
        return False


def _odd_line(
    reader: FormatReader,
    path: str,
    line: bytes,
    report: ParseReport,
) -> Iterator[Article]:
    """Count (or read, if it is an object after all) a line that cannot start a chunk."""
    if not line.strip():
        return
    try:
        value = json.loads(line)
    except UnicodeError:
        try:
            value = json.loads(decode_bytes(line))
        except ValueError:
            report.skip("invalid JSON")
            return
    except ValueError:
        report.skip("invalid JSON")
        return
    if not isinstance(value, dict):
        report.skip("not an object")
        return
    utf8 = json.dumps(value, ensure_ascii=False).encode("utf-8")  # an object in another encoding
    yield from reader.parse(Source(path, utf8), report=report)  # type: ignore[call-arg]


def iter_parsed(
    paths: Iterable[str | os.PathLike[str]],
    *,
    extract: bool = True,
    readers: Sequence[FormatReader] | None = None,
) -> Iterator[Parsed | Skipped]:
    """Read every file under ``paths`` lazily, yielding one result per file."""
    for item in iter_files(paths):
        yield (
            item if isinstance(item, Skipped) else read_path(item, extract=extract, readers=readers)
        )
