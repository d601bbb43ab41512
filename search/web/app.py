"""The Starlette application: settings, routes, error pages and the security middleware.

:func:`create_app` wires the parts: an :class:`~search.web.engine.Engine` over the index, the
HTML routes of :mod:`search.web.pages`, the JSON routes of :mod:`search.web.api`, the stylesheet
under ``/static/``, error answers (JSON for the API, a page otherwise; never a traceback) and
:class:`~search.web.security.Guard` around everything.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from search.errors import QueryError
from search.searcher import Searcher
from search.web import api, pages
from search.web.engine import Busy, Engine, TooSlow
from search.web.markup import (
    article_body,
    article_url,
    bucket_name,
    marked,
    safe_url,
    speaker_url,
    timeline_svg,
)
from search.web.params import BadRequest
from search.web.security import BodyTooLarge, Guard, wants_json
from search.web.views import FACET_LABELS, FACET_MORE, FACET_NAMES

__all__ = ["Settings", "create_app"]

HERE = Path(__file__).parent
log = logging.getLogger("dossier.web")


@dataclass(frozen=True)
class Settings:
    """How the server runs (each is an option of ``dossier serve``).

    :param index_dir: the index to serve.
    :param token: when set, every request needs it (bearer header or the login cookie).
    :param time_limit: seconds a request may wait for the searcher, and seconds it may search.
    :param sample: the index holds the bundled sample archive (the page says so).
    :param check_every: seconds between checks for a newer commit of the index.
    """

    index_dir: Path
    token: str | None = None
    time_limit: float = 5.0
    sample: bool = False
    check_every: float = 1.0


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        marked=marked,
        article_body=article_body,
        article_url=article_url,
        bucket_name=bucket_name,
        safe_url=safe_url,
        speaker_url=speaker_url,
        timeline_svg=timeline_svg,
        facet_labels=FACET_LABELS,
        facet_names=FACET_NAMES,
        facet_more=FACET_MORE,
    )
    return env


def _error_body(env: Environment, settings: Settings, status: int, message: str) -> bytes:
    html = env.get_template("error.html").render(
        status=status, message=message, settings=settings, title=f"{status}"
    )
    return html.encode()


def error_response(request: Request, status: int, message: str) -> Response:
    """An error as JSON for the API, as a page for a browser."""
    headers = {"retry-after": "2"} if status == 429 else None
    if wants_json(request.url.path, request.headers.get("accept", "")):
        return JSONResponse(
            {"error": {"status": status, "message": message}}, status, headers=headers
        )
    state = request.app.state
    body = _error_body(state.env, state.settings, status, message)
    return HTMLResponse(body, status, headers=headers)


async def _bad_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadRequest)
    return error_response(request, exc.status, str(exc))


async def _bad_query(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, f"bad query: {exc}")


async def _busy(request: Request, exc: Exception) -> Response:
    return error_response(request, 429, str(exc))


async def _too_slow(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, str(exc))


async def _too_large(request: Request, exc: Exception) -> Response:
    return error_response(request, 413, "the request body is too large")


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "there is nothing at this address", 405: "this method is not allowed here"}
    return error_response(request, exc.status_code, messages.get(exc.status_code, exc.detail))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("error answering %s", request.url.path)
    return error_response(request, 500, "the server failed to answer this request")


def create_app(settings: Settings, *, searcher: Searcher | None = None) -> Starlette:
    """The application serving ``settings.index_dir``.

    :param searcher: an already open searcher of that index to start with.
    """
    engine = Engine(
        settings.index_dir,
        searcher=searcher,
        time_limit=settings.time_limit,
        check_every=settings.check_every,
    )
    env = _environment()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        engine.close()

    handlers: dict[Any, Any] = {
        BadRequest: _bad_request,
        QueryError: _bad_query,
        Busy: _busy,
        TooSlow: _too_slow,
        BodyTooLarge: _too_large,
        HTTPException: _http,
        Exception: _unexpected,
    }
    app = Starlette(
        routes=[
            *api.routes(),
            *pages.routes(),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(
                Guard,
                token=settings.token,
                render_error=lambda status, message, path: _error_body(
                    env, settings, status, message
                ),
            )
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.env = env
    app.state.settings = settings
    return app
