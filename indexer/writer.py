"""One indexing transaction over a Whoosh index.

:class:`ArticleWriter` wraps Whoosh's segment writer: :meth:`~ArticleWriter.write` adds or
replaces an article by its unique id, :meth:`~ArticleWriter.delete` removes articles,
:meth:`~ArticleWriter.stored` reads back a committed article, and nothing becomes visible until
:meth:`~ArticleWriter.commit`. :meth:`~ArticleWriter.cancel`
throws the whole transaction away, leaving the index as it was.

The writer's posting buffer is bounded (:data:`DEFAULT_LIMIT_MB`) so memory stays flat, and its
sorted runs are spilled in large pickled batches (:class:`_BatchedPostingPool`) rather than
Whoosh's one pickle per posting, which made a bounded buffer cost a fifth of the indexing time.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from whoosh.index import FileIndex, LockError
from whoosh.writing import PostingPool

from corpus.article import Article
from indexer.errors import IndexLockedError
from indexer.schema import ID, article_from_stored, document_for

__all__ = ["DEFAULT_LIMIT_MB", "ArticleWriter"]

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
        self._searcher = None
        try:
            self._writer = ix.writer(limitmb=limitmb)
        except LockError:
            raise IndexLockedError(
                ix.storage.folder, "another process is writing to this index; try again later"
            ) from None
        if type(self._writer.pool) is PostingPool:
            self._writer.pool.__class__ = _BatchedPostingPool
        with ix.reader() as reader:
            self.existing: set[str] = {
                term.decode("utf-8") if isinstance(term, bytes) else term
                for term in reader.lexicon(ID)
                if not _all_deleted(reader, term)
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
    text = term.decode("utf-8") if isinstance(term, bytes) else term
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
