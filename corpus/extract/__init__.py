"""Extractors: what has to be found in an article's text rather than read from its source.

Each extractor is a callable ``(article) -> article`` registered in :data:`EXTRACTORS`, run in
order by :func:`enrich`. They work on plain text, so they are tested without any index.

:func:`enrich_all` enriches a stream of articles in order, on ``jobs`` worker processes once the
stream is long enough to repay starting them (:data:`PARALLEL_MIN_ARTICLES`); a short stream is
enriched here, in this process. Either way the results are the same articles in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import chain, islice

from corpus.article import Article
from corpus.extract.dates import extract_dates, extract_dates_into
from corpus.extract.speakers import extract_quotes, extract_speakers

__all__ = [
    "EXTRACTORS",
    "Extractor",
    "PARALLEL_MIN_ARTICLES",
    "default_jobs",
    "enrich",
    "enrich_all",
    "extract_dates",
    "extract_dates_into",
    "extract_quotes",
    "extract_speakers",
]

Extractor = Callable[[Article], Article]

# Dates first: they may fill ``published``, which later extractors can rely on.
EXTRACTORS: list[Extractor] = [extract_dates_into, extract_speakers]


def enrich(article: Article) -> Article:
    """Run every registered extractor over ``article`` and return the enriched copy."""
    for extractor in EXTRACTORS:
        article = extractor(article)
    return article


PARALLEL_MIN_ARTICLES = 500
"""Streams shorter than this are enriched in this process: a worker pool would cost more."""
_BATCH = 64  # articles per task sent to a worker
_IN_FLIGHT = 4  # tasks queued per worker: bounds the articles held in memory at once


def default_jobs() -> int:
    """The number of worker processes :func:`enrich_all` uses by default: the usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _enrich_batch(batch: list[Article]) -> list[Article]:
    return [enrich(article) for article in batch]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (and ends the pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def enrich_all(
    articles: Iterable[Article], *, jobs: int = 1
) -> Generator[Article, None, None]:
    """Yield every article of ``articles`` enriched by :func:`enrich`, in the input order.

    :param jobs: worker processes to use; with 1, or when the stream holds fewer than
        :data:`PARALLEL_MIN_ARTICLES` articles, the work is done in this process. The workers
        are forked (they inherit the registered :data:`EXTRACTORS`), read at most a few batches
        ahead of the consumer, and are terminated when the generator finishes or is closed,
        whether it ran out, the consumer stopped early or an exception (Ctrl-C) interrupted it.
    """
    stream = iter(articles)
    head = list(islice(stream, PARALLEL_MIN_ARTICLES))
    if jobs <= 1 or len(head) < PARALLEL_MIN_ARTICLES or "fork" not in (
        multiprocessing.get_all_start_methods()
    ):
        yield from map(enrich, chain(head, stream))
        return
    batches = _batches(chain(head, stream))
    del head
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts)
    try:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_enrich_batch, (batch,)))
            if len(pending) >= jobs * _IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _batches(articles: Iterator[Article]) -> Iterator[list[Article]]:
    while batch := list(islice(articles, _BATCH)):
        yield batch
