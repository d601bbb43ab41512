"""The index on disk: where it lives, opening it safely, and writing to it in one transaction.

An index folder holds Whoosh's files, a ``dossier.json`` stamp (schema version, language) and one
``manifest-<generation>.json`` per committed generation, listing the source files behind it.
Whoosh commits by writing a new table of contents and renaming it into place, so a run that dies
midway leaves the previous generation readable; the manifest is named after the generation it
describes, so it can never disagree with the index it is read with.

:class:`ArticleWriter` is one write transaction: :meth:`~ArticleWriter.write` adds or replaces an
article by its unique id, :meth:`~ArticleWriter.delete` removes articles, and nothing becomes
visible until :meth:`~ArticleWriter.commit`; :meth:`~ArticleWriter.cancel` throws the whole
transaction away, leaving the index as it was.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, FileIndex, LockError
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.writing import PostingPool

from corpus.article import Article
from indexer.errors import (
    IndexAccessError,
    IndexLockedError,
    IndexNotFoundError,
    SchemaVersionError,
)
from indexer.schema import (
    ID,
    SCHEMA_VERSION,
    article_from_stored,
    build_schema,
    document_for,
    term_text,
)

__all__ = [
    "DEFAULT_LIMIT_MB",
    "ArticleWriter",
    "STAMP_FILE",
    "create_index",
    "default_index_dir",
    "index_exists",
    "load_manifest",
    "manifest_path",
    "open_index",
    "prune_manifests",
]

STAMP_FILE = "dossier.json"
_MANIFEST = re.compile(r"^manifest-(\d+)\.json$")


def default_index_dir() -> Path:
    """The index used when none is named: ``$DOSSIER_INDEX``, else the user's data folder."""
    if os.environ.get("DOSSIER_INDEX"):
        return Path(os.environ["DOSSIER_INDEX"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "dossier" / "index"


def index_exists(path: Path) -> bool:
    """Tell whether ``path`` holds a Dossier index (it may still fail to open)."""
    return (path / STAMP_FILE).is_file()


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / STAMP_FILE).read_text("utf-8"))
    except FileNotFoundError:
        raise IndexNotFoundError(
            str(path), f"no index at {path}; build one with `dossier index PATH`"
        ) from None
    except (OSError, ValueError) as exc:
        raise IndexAccessError(str(path), f"cannot read the index at {path}: {exc}") from None


def _storage(path: Path, mmap: bool) -> FileStorage:
    return FileStorage(str(path), supports_mmap=mmap)


def open_index(path: Path, *, mmap: bool = True) -> FileIndex:
    """Open the index at ``path`` for reading or writing.

    :param mmap: map index files into memory (fastest for searching). Indexing passes False:
        mapped pages count in the process's resident memory, which then grows with the size of
        the index instead of staying flat.

    :raises IndexNotFoundError: when there is no index there.
    :raises SchemaVersionError: when it was built by an incompatible version.
    :raises IndexAccessError: when it cannot be read.
    """
    stamp = _read_stamp(path)
    if stamp.get("schema_version") != SCHEMA_VERSION:
        raise SchemaVersionError(
            str(path),
            f"the index at {path} has schema version {stamp.get('schema_version')}, this Dossier "
            f"reads {SCHEMA_VERSION}: move the folder away and index your files again",
        )
    try:
        ix = _storage(path, mmap).open_index()
        ix.doc_count_all()  # touches every segment, so damage shows here and not mid-search
    except EmptyIndexError:
        raise IndexAccessError(
            str(path), f"cannot open the index at {path}: no index files"
        ) from None
    except Exception as exc:  # noqa: BLE001 - damaged files raise anything from struct to pickle
        raise IndexAccessError(str(path), f"cannot open the index at {path}: {exc}") from None
    return ix


def create_index(path: Path, language: str = "english", *, mmap: bool = True) -> FileIndex:
    """Create an empty index at ``path`` (the folder is made if needed); see :func:`open_index`."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        ix = _storage(path, mmap).create_index(build_schema(language))
        stamp = {"schema_version": SCHEMA_VERSION, "language": language}
        (path / STAMP_FILE).write_text(json.dumps(stamp), "utf-8")
    except OSError as exc:
        raise IndexAccessError(str(path), f"cannot create an index at {path}: {exc}") from None
    return ix


def manifest_path(path: Path, generation: int) -> Path:
    """The manifest file that describes ``generation`` of the index at ``path``."""
    return path / f"manifest-{generation}.json"


def load_manifest(path: Path, generation: int) -> dict[str, Any]:
    """Return the manifest of ``generation`` (or of the newest generation before it).

    An older manifest only makes the next run re-read some files, which is always safe.
    """
    candidates = sorted(
        (int(m[1]), p)
        for p in path.iterdir()
        if (m := _MANIFEST.match(p.name)) and int(m[1]) <= generation
    )
    for _, file in reversed(candidates):
        try:
            return json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            continue
    return {"files": {}}


def prune_manifests(path: Path, keep: int) -> None:
    """Delete manifests of generations other than ``keep``."""
    for p in path.iterdir():
        m = _MANIFEST.match(p.name)
        if m and int(m[1]) != keep:
            p.unlink(missing_ok=True)


DEFAULT_LIMIT_MB = 64
"""Megabytes of postings (as Whoosh estimates them) buffered before a sorted run spills to disk.

The buffer is what makes a writer's memory grow with the number of articles; bounding it keeps
peak memory flat whatever the archive's size, for a small cost in merging the runs at commit
(measured in ``benchmarks/RESULTS.md``). Whoosh underestimates: the real buffer is ~1.4× this.
"""


class ArticleWriter:
    """A write transaction: add, replace and delete articles, then commit or cancel.

    :param ix: an open Whoosh index.
    :param limitmb: memory the writer may use for buffering postings before spilling to disk.
    """

    def __init__(self, ix: FileIndex, *, limitmb: int = DEFAULT_LIMIT_MB) -> None:
        self._ix = ix
        self._searcher: WhooshSearcher | None = None
        try:
            self._writer = ix.writer(limitmb=limitmb)
        except LockError:
            raise IndexLockedError(
                ix.storage.folder, "another process is writing to this index; try again later"
            ) from None
        except OSError as exc:  # e.g. a read-only folder: the lock file cannot be made
            folder = ix.storage.folder
            raise IndexAccessError(
                folder,
                f"cannot write to the index at {folder} ({exc.strerror or exc}): make the folder "
                "writable, or index into another folder with --index DIR",
            ) from None
        if type(self._writer.pool) is PostingPool:
            self._writer.pool.__class__ = _BatchedPostingPool
        with ix.reader() as reader:
            self.existing: set[str] = {
                term_text(term) for term in reader.lexicon(ID) if not _all_deleted(reader, term)
            }

    @property
    def generation(self) -> int:
        """The index generation this transaction will commit."""
        return int(self._writer.generation)

    def write(self, article: Article) -> bool:
        """Add ``article``, replacing any stored article with its id; True if one was replaced."""
        replaced = article.id in self.existing
        if replaced:
            self._writer.update_document(**document_for(article))
        else:
            self._writer.add_document(**document_for(article))
        return replaced

    def stored(self, article_id: str) -> Article | None:
        """Return the committed article with this id, as the index held it before this run."""
        if article_id not in self.existing:
            return None
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        fields = self._searcher.document(**{ID: article_id})
        return article_from_stored(fields) if fields else None

    def delete(self, ids: Iterable[str]) -> int:
        """Delete the committed articles with these ids; return how many were deleted."""
        count = 0
        for article_id in ids:
            if article_id in self.existing:
                count += self._writer.delete_by_term(ID, article_id)
                self.existing.discard(article_id)
        return count

    def commit(self) -> None:
        """Make every change visible at once (merging small segments as Whoosh sees fit)."""
        self._close_searcher()
        self._writer.commit()

    def cancel(self) -> None:
        """Discard every change of this transaction and release the lock."""
        self._close_searcher()
        self._writer.cancel()

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _all_deleted(reader, term: bytes | str) -> bool:  # noqa: ANN001 - a Whoosh reader
    if not reader.has_deletions():
        return False
    text = term_text(term)
    return all(reader.is_deleted(n) for n in reader.postings(ID, text).all_ids())


_RUN_BATCH = 8192  # postings per pickle in a spilled run


class _BatchedPostingPool(PostingPool):
    """Whoosh's posting pool, writing each sorted run as pickled lists of postings.

    The runs hold the same postings in the same order as Whoosh's; only their encoding on disk
    changes (one ``pickle.dump`` per batch instead of per posting), and they live only until the
    commit merges them.
    """

    def _write_run(self, f: BinaryIO, items: Iterable[Any]) -> None:
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= _RUN_BATCH:
                pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
                batch = []
        if batch:
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)
