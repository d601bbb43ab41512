"""One open index shared by every request, with a time budget per call.

:class:`Engine` keeps one :class:`~search.searcher.Searcher` for the life of the server and
hands it to library calls one at a time (a Whoosh searcher is not made for concurrent use, and
Python threads would not search faster side by side). Each call:

* waits for the searcher at most ``time_limit`` seconds, else raises :class:`Busy`;
* reopens the index first when another process has committed a newer generation (checked at
  most every ``check_every`` seconds), so ``dossier index`` is picked up without a restart;
* runs under an alarm: when it has not returned after ``time_limit`` seconds, a watchdog
  thread raises :class:`_Interrupted` inside the worker thread (Whoosh is pure Python, so the
  exception lands within microseconds), the call ends with :class:`TooSlow`, and the searcher
  is replaced by a fresh one in case the interrupted call left a cache half-built. No worker is
  ever left busy with an abandoned request.

Answers that depend only on the request and the index (a page of results, an article) are
remembered, at most :data:`CACHE_ENTRIES` of them, until the index changes: a shared link, the
back button or a facet switched off again costs no search.

Exports keep using the searcher they started with (:meth:`Engine.pin`), so a reopen in the
middle of a download neither changes its ranking nor closes its files under it.
"""

from __future__ import annotations

import ctypes
import functools
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread

from search.searcher import Searcher
from search.timeline import DATE_FACETS

__all__ = ["Busy", "Engine", "TooSlow"]

T = TypeVar("T")

CACHE_ENTRIES = 256
"""Answers remembered per index generation (a page of results with its facets is ~10-500 kB)."""
MISSING = object()
"""What :meth:`Engine.cached` returns for a key it has no answer for."""

WARM_FACETS = ("tag", "speaker", "org", "author", "year", *DATE_FACETS)
"""Facet tables built when a searcher is opened, before it serves (not on a request's clock)."""


class Busy(Exception):
    """The searcher stayed busy with other requests for the whole time budget."""


class TooSlow(Exception):
    """A call ran past its time budget and was stopped."""


class _Interrupted(BaseException):
    """Raised inside a worker thread by its alarm (a BaseException, so no library catches it)."""


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(_Interrupted)
    )


def _checkpoint() -> None:
    """A Python-level call: a pending asynchronous exception surfaces at its start."""


class _Watchdog:
    """One thread that interrupts a worker still inside :meth:`alarm` past its deadline.

    Calls run one at a time, so one deadline at a time is enough (a thread per call would
    cost about a millisecond each).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._target = 0
        self._fired = False
        self._stopped = False
        threading.Thread(target=self._watch, name="dossier-watchdog", daemon=True).start()

    def _watch(self) -> None:
        with self._cond:
            while not self._stopped:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                self._deadline = None
                self._fired = True
                _raise_in(self._target)

    def stop(self) -> None:
        """End the watching thread."""
        with self._cond:
            self._stopped = True
            self._cond.notify()

    @contextmanager
    def alarm(self, seconds: float) -> Iterator[None]:
        """Interrupt this thread with :class:`_Interrupted` if the block lasts ``seconds``."""
        with self._cond:
            self._deadline, self._target, self._fired = (
                time.monotonic() + seconds,
                threading.get_ident(),
                False,
            )
            self._cond.notify()
        interrupted = False
        try:
            yield
        except _Interrupted:
            interrupted = True
            raise
        finally:
            with self._cond:
                self._deadline = None
                fired = self._fired
            if fired and not interrupted:
                # Sent but not yet surfaced: let it surface here, not in the caller's code.
                for _ in range(100_000):
                    _checkpoint()


def warm(searcher: Searcher) -> Searcher:
    """Build the searcher's facet and date tables now, so no request pays for them."""
    searcher.search("", facets=WARM_FACETS, limit=1, snippets=False)
    return searcher


class Engine:
    """The server's shared searcher: one call at a time, each within ``time_limit`` seconds.

    :param index_dir: the index folder.
    :param searcher: an already open searcher of ``index_dir`` to start with.
    :param time_limit: seconds a call may wait for the searcher, and seconds it may run.
    :param check_every: seconds between checks for a newer commit of the index.
    """

    def __init__(
        self,
        index_dir: Path,
        *,
        searcher: Searcher | None = None,
        time_limit: float = 10.0,
        check_every: float = 1.0,
    ) -> None:
        self.index_dir = index_dir
        self.time_limit = time_limit
        self.check_every = check_every
        self._lock = threading.Lock()  # one call at a time
        self._pin_lock = threading.Lock()  # guards the swap of searchers and their pins
        self._pins: dict[int, int] = {}
        self._retired: dict[int, Searcher] = {}
        self._searcher = warm(searcher or Searcher(index_dir))
        self._cache: dict[Hashable, Any] = {}
        self._watchdog = _Watchdog()
        self._checked = time.monotonic()
        self.reopened = 0
        """How many times a newer commit (or an interrupted call) made the engine reopen."""

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close every searcher the engine holds."""
        self._watchdog.stop()
        with self._pin_lock:
            for searcher in [self._searcher, *self._retired.values()]:
                searcher.close()
            self._retired.clear()

    def _replace(self) -> None:
        """Open the index afresh; the old searcher closes once no export uses it."""
        new = warm(Searcher(self.index_dir))
        with self._pin_lock:
            old, self._searcher = self._searcher, new
            self._cache = {}
            self.reopened += 1
            if self._pins.get(id(old)):
                self._retired[id(old)] = old
                return
        old.close()

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return
        self._checked = now
        if not self._searcher.up_to_date():
            self._replace()

    def pin(self) -> Searcher:
        """The current searcher, kept open until :meth:`unpin` even if the index is reopened."""
        with self._pin_lock:
            searcher = self._searcher
            self._pins[id(searcher)] = self._pins.get(id(searcher), 0) + 1
            return searcher

    def unpin(self, searcher: Searcher) -> None:
        """Release a searcher from :meth:`pin`; a replaced one closes when nobody holds it."""
        with self._pin_lock:
            left = self._pins.get(id(searcher), 0) - 1
            if left > 0:
                self._pins[id(searcher)] = left
                return
            self._pins.pop(id(searcher), None)
            retired = self._retired.pop(id(searcher), None)
            if retired is not None:
                retired.close()

    @contextmanager
    def pinned(self) -> Iterator[Searcher]:
        """:meth:`pin` and :meth:`unpin` around a block."""
        searcher = self.pin()
        try:
            yield searcher
        finally:
            self.unpin(searcher)

    # -- calls -----------------------------------------------------------------------------

    def cached(self, key: Hashable) -> Any:
        """The remembered answer for ``key`` from the current index, else :data:`MISSING`.

        Answers only while the last check for a newer commit is recent, so a cache hit never
        hides a newer index for longer than ``check_every``.
        """
        if time.monotonic() - self._checked >= self.check_every:
            return MISSING
        return self._cache.get(key, MISSING)

    def _remember(self, key: Hashable, value: Any) -> None:
        cache = self._cache
        cache[key] = value
        if len(cache) > CACHE_ENTRIES:
            del cache[next(iter(cache))]  # the oldest; only ever changed under the lock

    def call(
        self,
        fn: Callable[[Searcher], T],
        searcher: Searcher | None = None,
        *,
        key: Hashable | None = None,
    ) -> T:
        """Run ``fn(searcher)`` in this thread, alone and within the time budget.

        :param searcher: a pinned searcher to use instead of the current one (exports).
        :param key: remember the answer under this key until the index changes (``fn`` must
            depend on nothing else).
        :raises Busy: when the searcher stayed in use for the whole budget.
        :raises TooSlow: when ``fn`` ran past the budget (it was stopped).
        """
        if key is not None and (found := self.cached(key)) is not MISSING:
            return found
        if not self._lock.acquire(timeout=self.time_limit):
            raise Busy("the server is busy; try again in a few seconds")
        try:
            if searcher is None:
                self._refresh()
            target = searcher or self._searcher
            if key is not None and target is self._searcher:
                found = self._cache.get(key, MISSING)  # answered while this call waited
                if found is not MISSING:
                    return found
            try:
                with self._watchdog.alarm(self.time_limit):
                    result = fn(target)
            except _Interrupted:
                if target is self._searcher:
                    self._replace()
                raise TooSlow(
                    f"the request took longer than the server's limit of {self.time_limit:g} s; "
                    "narrow the query (fewer wildcards, a filter) and try again"
                ) from None
            if key is not None and target is self._searcher:
                self._remember(key, result)
            return result
        finally:
            self._lock.release()

    async def run(
        self,
        fn: Callable[[Searcher], T],
        searcher: Searcher | None = None,
        *,
        key: Hashable | None = None,
    ) -> T:
        """:meth:`call` in a worker thread, so the event loop keeps serving meanwhile.

        A remembered answer is returned at once, without a thread.
        """
        if key is not None and (found := self.cached(key)) is not MISSING:
            return found
        return await anyio.to_thread.run_sync(functools.partial(self.call, fn, searcher, key=key))
