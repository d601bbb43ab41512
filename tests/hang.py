"""A guard that turns a hang into a test failure instead of a stuck test run."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

LIMIT_SECONDS = 120
"""Far above what any guarded call needs: this catches endless loops, it times nothing."""


@contextmanager
def must_finish(what: str, seconds: int = LIMIT_SECONDS) -> Iterator[None]:
    """Fail with ``what`` when the block is still running after ``seconds`` (Unix main thread)."""

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"{what} did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
