"""Running the application with uvicorn: the address check, the sample notice, the URL printed.

:func:`check_bind` refuses to serve beyond this machine without a token; :func:`is_sample_index`
tells whether an index holds only the bundled sample (the page then says so); :func:`run`
starts uvicorn and prints the address once the socket is bound (so ``--port 0`` shows the port
the system chose).
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from corpus import SAMPLE_CORPUS
from indexer.store import load_manifest
from search.searcher import Searcher
from search.web.app import Settings, create_app

__all__ = ["app_from_environment", "check_bind", "is_sample_index", "run"]

MAX_REQUEST_LINE = 64 * 1024
"""Request lines up to this size reach the application (which answers 414 past its limit)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, insecure_no_token: bool) -> None:
    """Refuse an address reachable from other machines unless a token protects it.

    :raises ValueError: with the reason and the way out.
    """
    if token or insecure_no_token or is_loopback(host):
        return
    raise ValueError(
        f"{host} can be reached from other machines: give an access token (--token or "
        "$DOSSIER_TOKEN), or --insecure-no-token to serve the index to anyone who can connect"
    )


def is_sample_index(index_dir: Path) -> bool:
    """Whether the index was built from the bundled sample archive alone."""
    try:
        files = load_manifest(index_dir, sys.maxsize).get("files", {})
    except OSError:
        return False
    sample = SAMPLE_CORPUS.resolve()
    return bool(files) and all(Path(f).resolve() == sample for f in files)


def _address(sockname: Any) -> str:
    host, port = sockname[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


class _Server(uvicorn.Server):
    """uvicorn's server, announcing its address once it listens."""

    announce: Callable[[str], None] = print

    async def startup(self, sockets: list | None = None) -> None:  # noqa: D102
        await super().startup(sockets)
        for server in self.servers:
            for sock in server.sockets:
                self.announce(_address(sock.getsockname()))


SETTINGS_ENV = "DOSSIER_SERVE_SETTINGS"
"""How the parent hands the settings to worker processes (``--workers`` above 1)."""


def app_from_environment() -> Starlette:
    """The application of one worker process, built from the parent's settings."""
    data = json.loads(os.environ[SETTINGS_ENV])
    return create_app(Settings(**{**data, "index_dir": Path(data["index_dir"])}))


def _config(app: Any, host: str, port: int, workers: int) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        workers=workers,
        factory=isinstance(app, str),
        log_level="warning",
        access_log=False,
        server_header=False,
        h11_max_incomplete_event_size=MAX_REQUEST_LINE,
    )


def run(
    searcher: Searcher,
    *,
    host: str,
    port: int,
    token: str | None,
    time_limit: float,
    announce: Callable[[str], None],
    workers: int = 1,
) -> None:
    """Serve ``searcher``'s index until interrupted; ``announce`` receives the URL.

    With ``workers`` above 1, that many processes share the listening socket, each with its
    own searcher (the one given is closed): searches then run side by side on several cores.
    """
    settings = Settings(
        index_dir=searcher.index_dir,
        token=token,
        time_limit=time_limit,
        sample=is_sample_index(searcher.index_dir),
    )
    if workers == 1:
        server = _Server(_config(create_app(settings, searcher=searcher), host, port, 1))
        server.announce = announce
        server.run()
        return
    searcher.close()
    os.environ[SETTINGS_ENV] = json.dumps(
        {**asdict(settings), "index_dir": str(settings.index_dir)}
    )
    config = _config(f"{__name__}:app_from_environment", host, port, workers)
    sock = config.bind_socket()
    sock.listen(config.backlog)  # connections wait in the queue while the workers start
    announce(_address(sock.getsockname()))
    Multiprocess(config, sockets=[sock]).run()
