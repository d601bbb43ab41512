"""Running the application with uvicorn: the address check, the sample notice, the URL printed.

:func:`check_bind` refuses to serve beyond this machine without a token; :func:`is_sample_index`
tells whether an index holds only the bundled sample (the page then says so); :func:`run`
starts uvicorn and prints the address once the socket is bound (so ``--port 0`` shows the port
the system chose).
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn

from corpus import SAMPLE_CORPUS
from indexer.store import load_manifest
from search.searcher import Searcher
from search.web.app import Settings, create_app

__all__ = ["check_bind", "is_sample_index", "run"]

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


class _Server(uvicorn.Server):
    """uvicorn's server, announcing its address once it listens."""

    announce: Callable[[str], None] = print

    async def startup(self, sockets: list | None = None) -> None:  # noqa: D102
        await super().startup(sockets)
        for server in self.servers:
            for sock in server.sockets:
                host, port = sock.getsockname()[:2]
                shown = f"[{host}]" if ":" in host else host
                self.announce(f"http://{shown}:{port}/")


def run(
    searcher: Searcher,
    *,
    host: str,
    port: int,
    token: str | None,
    time_limit: float,
    announce: Callable[[str], None],
) -> None:
    """Serve ``searcher``'s index until interrupted; ``announce`` receives the URL."""
    settings = Settings(
        index_dir=searcher.index_dir,
        token=token,
        time_limit=time_limit,
        sample=is_sample_index(searcher.index_dir),
    )
    app = create_app(settings, searcher=searcher)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        h11_max_incomplete_event_size=MAX_REQUEST_LINE,
    )
    server = _Server(config)
    server.announce = announce
    server.run()
