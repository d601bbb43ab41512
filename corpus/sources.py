"""Walking the user's paths and turning each file into articles or a recorded skip.

:func:`iter_files` expands files and folders (recursively, in a stable order, hidden files left
out); :func:`read_path` reads one file, picks its format reader by content and returns a
:class:`Parsed` result; :func:`iter_parsed` chains both lazily, so an archive of any size streams
through in constant memory. Nothing here raises for a bad file: it becomes a
:class:`Skipped` with a reason a person can act on; records left out inside a file that is
otherwise read (a draft in a WordPress export, a JSON line that is not an object) are counted in
:attr:`Parsed.skipped_records`. :func:`format_readers` gives the reader list with a user's
JSON field map.

``read_path(..., stream=True)`` leaves the articles of a JSON Lines file or a web archive unread
until they are iterated (``Parsed.articles`` is then a one-shot iterator and
``skipped_records`` fills as it goes), so a file of any length streams to the indexer; other
formats are read whole, because a broken record late in a file must still skip the whole file.
A ``.gz`` file damaged part-way keeps the records before the damage when they stand alone
(JSON Lines, web archives), and counts the damage.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.article import Article, clean_text
from corpus.errors import IngestError
from corpus.extract import enrich
from corpus.formats import READERS, FormatReader, reader_for
from corpus.formats._report import ParseReport
from corpus.formats.jsonl import JsonReader, is_json_lines, parse_line
from corpus.source import Source, looks_binary

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
RECORD_READERS = frozenset({"jsonl", "warc"})
"""Formats whose records stand alone: the records of a damaged ``.gz`` before the damage count."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """The articles read from one file, with the name of the reader that read them.

    ``skipped_records`` counts, by reason, the records of the file that gave no article
    (``{"draft": 1, "attachment": 37}``); it is empty for one-article formats. With
    ``read_path(..., stream=True)``, ``articles`` may be a one-shot iterator, and
    ``skipped_records`` is complete once it has been consumed. ``expected`` is how many
    articles there are, or about how many a stream holds (for progress reports).
    """

    path: str
    articles: tuple[Article, ...] | Iterator[Article]
    reader: str
    digest: str = ""
    skipped_records: dict[str, int] = field(default_factory=dict)
    expected: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or path) that gave no articles, and why, as a person reads it.

    A file name's undecodable bytes are shown escaped (``empty\\xff.txt``), so the report can
    always be printed.
    """

    path: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", shown_path(self.path))


def shown_path(path: str) -> str:
    r"""Return ``path`` printable as UTF-8: undecodable file-name bytes as ``\xNN`` escapes.

    >>> shown_path(os.fsdecode(b"caf\xe9.txt"))
    'caf\\xe9.txt'
    """
    if path.isascii() or path.isprintable():
        return clean_text(path)
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return clean_text(path)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Yield every file under ``paths`` (folders recursively, sorted), or a skip for bad paths.

    Every path yielded can be resolved: symbolic links that loop or lead nowhere are skips.
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield _regular_file(Path(root) / name)
        else:
            yield _regular_file(path)


def _regular_file(path: Path) -> Path | Skipped:
    """Return ``path`` if it is a regular file (or a link to one), else the reason it is not."""
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 report a loop so
        return Skipped(str(path), "symbolic link loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(str(path), "symbolic link loop")
        if path.is_symlink():
            return Skipped(str(path), "broken symbolic link")
        return Skipped(str(path), "no such file or folder")
    if not path.is_file():
        return Skipped(str(path), "not a regular file")
    return path


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """Return the file's bytes (decompressed for ``.gz``) and why they stop short, if they do."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(str(path), f"file too large ({size // 2**20} MiB)")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        return _gunzip(str(path), data)
    return data, ""


_GZIP_STEP = 1 << 16


def _gunzip(path: str, data: bytes) -> tuple[bytes, str]:
    """Decompress every gzip member of ``data``, keeping what precedes a truncation or damage.

    :returns: the bytes, and an empty string or the reason the data stops early.
    :raises IngestError: when not even one byte decompresses, or the result is too large.
    """
    out = bytearray()
    rest = memoryview(data)
    broken = ""
    while rest.nbytes and not broken:
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        for at in range(0, rest.nbytes, _GZIP_STEP):  # in steps: damage costs one step at most
            try:
                out += member.decompress(rest[at : at + _GZIP_STEP])
            except zlib.error as exc:
                broken = f"broken gzip data ({exc})"
                break
            if len(out) > MAX_FILE_BYTES:
                raise IngestError(path, "file too large once decompressed")
            if member.eof:
                break
        else:
            broken = "broken gzip data (the file is cut short)"
        rest = memoryview(member.unused_data) if member.eof else rest[:0]
        if rest.nbytes and not bytes(rest[:2]) == b"\x1f\x8b":
            rest = rest[:0]  # padding after the last member, as gzip tolerates
    if broken and not out:
        raise IngestError(path, broken)
    return bytes(out), broken


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


def _parse(reader: FormatReader, source: Source, report: ParseReport) -> list[Article]:
    if getattr(reader, "counts_records", False):
        return list(reader.parse(source, report=report))  # type: ignore[call-arg]
    return list(reader.parse(source))


def _streams(reader: FormatReader, source: Source) -> bool:
    """Tell whether ``reader`` can yield ``source``'s articles lazily without failing later.

    True for JSON Lines proper (one value per line) and web archives: a bad record is a counted
    skip, never an error, so nothing read late in the file can turn it into a :class:`Skipped`
    (an archive with no article at all fails on its first read, before anything is taken).
    """
    if not getattr(reader, "counts_records", False):
        return False
    return reader.name == "warc" or (reader.name == "jsonl" and is_json_lines(source.data))


def _lazy(path: str, reader: str, first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    try:
        yield from rest
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise IngestError(path, f"cannot parse as {reader}: {exc}") from None


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
    try:
        name = str(Path(path).resolve())
    except (RuntimeError, OSError):
        return Skipped(str(path), "symbolic link loop")
    try:
        data, cut = _read_bytes(Path(path))
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
    report = ParseReport()
    if cut:  # a damaged .gz: what came before the damage is worth reading if records stand alone
        if reader.name not in RECORD_READERS:
            return Skipped(name, cut)
        report.skip(cut)
    if reader.name in PAGE_READERS and len(data) > MAX_PAGE_BYTES:
        size = len(data) // 2**20
        limit = MAX_PAGE_BYTES // 2**20
        return Skipped(
            name, f"page too large ({size} MiB; {reader.name} files over {limit} MiB are skipped)"
        )
    if stream and _streams(reader, source):
        on_disk = not Path(path).name.lower().endswith(".gz")
        return _read_lazily(name, reader, source, report, extract=extract, on_disk=on_disk)
    try:
        articles = _parse(reader, source, report)
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
    digest = hashlib.sha1(data).hexdigest()
    return Parsed(name, tuple(articles), reader.name, digest, dict(report.skipped), len(articles))


def _read_lazily(
    name: str,
    reader: FormatReader,
    source: Source,
    report: ParseReport,
    *,
    extract: bool,
    on_disk: bool,
) -> Parsed | Skipped:
    digest = hashlib.sha1(source.data).hexdigest()
    expected = _estimate(reader.name, source.data)
    if on_disk and reader.name == "jsonl":  # read again in chunks: the bytes need not stay
        articles = _parse_chunks(reader, name, report)
        del source
    else:
        articles = iter(reader.parse(source, report=report))  # type: ignore[call-arg]
    try:
        first = next(articles, None)
    except (IngestError, OSError, ValueError, UnicodeError, RecursionError) as exc:
        if isinstance(exc, IngestError):
            return Skipped(name, exc.reason)
        return Skipped(name, f"cannot parse as {reader.name}: {exc}")
    if first is None:
        skips = ", ".join(f"{reason} {n}" for reason, n in report.skipped.most_common())
        detail = f"; records skipped: {skips}" if skips else ""
        return Skipped(name, f"no article found ({reader.name}{detail})")
    lazy = _lazy(name, reader.name, first, articles)
    return Parsed(
        name, map(enrich, lazy) if extract else lazy, reader.name, digest, report.skipped, expected
    )


def _estimate(reader: str, data: bytes) -> int:
    """About how many articles a streamed file holds: one per line, or per page of an archive."""
    if reader == "warc":
        return data.count(b"WARC-Type: response") + data.count(b"WARC-Type: resource")
    return data.count(b"\n") + (not data.endswith(b"\n"))


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
    try:
        return isinstance(parse_line(line), dict)
    except ValueError:
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
        value = parse_line(line)
    except ValueError as exc:
        report.skip(str(exc))
        return
    if not isinstance(value, dict):
        report.skip("not an object")
        return
    plain = json.dumps(value).encode("ascii")  # an object in another encoding, as UTF-8 JSON
    yield from reader.parse(Source(path, plain), report=report)  # type: ignore[call-arg]


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
