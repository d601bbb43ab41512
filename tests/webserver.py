"""Running ``dossier serve`` in a child process for the web tests, on 127.0.0.1 and a free port.

The server is the real thing (uvicorn over a socket); it is given ``--port 0`` and the address it
prints is read back, so tests never race for a port. Its log goes to a file, shown when it fails
to start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "data" / "web" / "hostile.jsonl"
"""One article whose title, body, tags, author, quote and URL carry script and javascript: URLs."""


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def web_extra_or_skip() -> None:
    """Skip the calling tests when the web extra is not installed."""
    for module in ("starlette", "uvicorn", "jinja2", "httpx"):
        pytest.importorskip(module, reason=f"the web extra is not installed ({module} missing)")


def _read_url(process: subprocess.Popen, found: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("http://"):
            found.append(line.strip().rstrip("/"))
            return


@contextmanager
def running_server(
    index: Path | None, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[Server]:
    """Start ``dossier serve --index INDEX --port 0 ARGS`` and yield once it listens.

    With ``index`` None the server uses the default index (``$XDG_DATA_HOME``...); a value of
    "" in ``env`` removes that variable.
    """
    where = ["--index", str(index)] if index is not None else []
    environ = {**os.environ, **(env or {})}
    environ = {k: v for k, v in environ.items() if v != "" or k not in (env or {})}
    log = Path(tempfile.mkstemp(prefix="dossier-serve-", suffix=".log")[1])
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "search", "serve", *where, "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=environ,
        )
    found: list[str] = []
    reader = threading.Thread(target=_read_url, args=(process, found), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not found and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        if not found:
            raise RuntimeError(f"dossier serve did not start:\n{log.read_text()}")
        yield Server(found[0], process, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
