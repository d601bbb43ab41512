"""How far an ingestion run has got, as plain events for whoever shows them.

:func:`~indexer.pipeline.build_index` calls a :data:`ProgressCallback` with an
:class:`IndexProgress` when it starts on a file, as articles are read (at most
:data:`INTERVAL` apart) and once at the end. It draws nothing: the CLI turns the events into a
progress bar on a terminal, a web layer could send them to a page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from corpus.article import Article

__all__ = ["INTERVAL", "IndexProgress", "ProgressCallback", "ProgressTracker"]

INTERVAL = 0.1
"""Seconds between two events while articles are read (the first and last always go out)."""


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """Where a run is.

    ``files_done`` of ``files_total`` files are finished (read, left alone as unchanged, or
    skipped); ``path`` is the file being read, ``file_articles`` the articles read from it so
    far and ``file_expected`` about how many it holds (one per line of a JSON Lines file, per
    page of a web archive; None when not known before reading). ``articles`` counts the
    articles read in the whole run; ``done`` is set on the last event.
    """

    files_done: int
    files_total: int
    path: str
    articles: int
    file_articles: int = 0
    file_expected: int | None = None
    done: bool = False


ProgressCallback = Callable[[IndexProgress], None]


class ProgressTracker:
    """Counts a run's files and articles and sends :class:`IndexProgress` events.

    With no callback every method does nothing, so the pipeline calls them unconditionally.
    """

    def __init__(self, callback: ProgressCallback | None, files_total: int) -> None:
        self._callback = callback
        self._state = IndexProgress(files_done=0, files_total=files_total, path="", articles=0)
        self._last = 0.0

    def begin(self, path: str) -> None:
        """Start on the file ``path`` (the one before it, if any, is done)."""
        state = self._state
        self._send(
            IndexProgress(state.files_done + bool(state.path), state.files_total, path,
                          state.articles),
        )

    def count(self, articles: Iterable[Article], expected: int | None) -> Iterator[Article]:
        """Pass ``articles`` through, counting each as it is read from the current file."""
        if self._callback is None:
            return iter(articles)
        return self._counted(articles, expected)

    def _counted(self, articles: Iterable[Article], expected: int | None) -> Iterator[Article]:
        state = self._state
        self._send(IndexProgress(state.files_done, state.files_total, state.path,
                                 state.articles, 0, expected))
        for article in articles:
            state = self._state
            self._state = state = IndexProgress(
                state.files_done, state.files_total, state.path, state.articles + 1,
                state.file_articles + 1, expected,
            )
            if time.monotonic() - self._last >= INTERVAL:
                self._send(state)
            yield article

    def finish(self) -> None:
        """Say the run has read everything."""
        state = self._state
        self._send(IndexProgress(state.files_total, state.files_total, state.path,
                                 state.articles, state.file_articles, state.file_expected, True))

    def _send(self, state: IndexProgress) -> None:
        self._state = state
        if self._callback is not None:
            self._last = time.monotonic()
            self._callback(state)
