"""The JSON API: the same views as the pages, serialized; exports streamed; health and schema.

Every route answers JSON (errors too: ``{"error": {"status", "message"}}``), except the two
exports, which stream every match as CSV or JSON Lines a batch at a time: the first batch is
built before the answer starts, so a bad query still gets a 400, and later batches each take
the searcher only briefly, so a long download never holds up other requests.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from itertools import islice
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from search.export import stream_output
from search.render import to_json
from search.searcher import Searcher
from search.web.openapi import openapi_document
from search.web.params import (
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    BadRequest,
    QuoteParams,
    SearchParams,
    clean_text,
)
from search.web.views import (
    article_view,
    facets_view,
    quotes_view,
    search_view,
    speaker_view,
    stats_view,
)

__all__ = ["EXPORT_BATCH", "JSON", "routes"]

EXPORT_BATCH = 200
"""Hits an export builds per turn with the searcher (other requests are served in between)."""


class JSON(JSONResponse):
    """A JSON answer of library values (dataclasses included), serialized as the CLI does."""

    def render(self, content: Any) -> bytes:
        """Serialize with :func:`search.render.to_json`."""
        return to_json(content, indent=None).encode("utf-8")


def _not_found(message: str) -> JSON:
    return JSON({"error": {"status": 404, "message": message}}, 404)


def _engine(request: Request) -> Any:
    return request.app.state.engine


async def search(request: Request) -> Response:
    """``/api/search``."""
    params = SearchParams.read(request.query_params)
    view = await _engine(request).run(lambda s: search_view(s, params), key=("search", params))
    return JSON(view.to_dict())


async def facets(request: Request) -> Response:
    """``/api/facets``."""
    params = SearchParams.read(request.query_params)
    return JSON(
        await _engine(request).run(lambda s: facets_view(s, params), key=("facets", params))
    )


async def article(request: Request) -> Response:
    """``/api/articles/{id}``."""
    article_id = request.path_params["article_id"]
    query = clean_text(request.query_params.get("q"), "q", MAX_QUERY_CHARS)
    view = await _engine(request).run(
        lambda s: article_view(s, article_id, query), key=("article", article_id, query)
    )
    if view is None:
        return _not_found(f"no article with id {article_id[:80]!r}")
    return JSON(view.to_dict())


async def similar(request: Request) -> Response:
    """``/api/articles/{id}/similar``."""
    article_id = request.path_params["article_id"]
    raw = request.query_params.get("limit") or "10"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}")
    found = await _engine(request).run(
        lambda s: s.similar(article_id, limit=int(raw)), key=("similar", article_id, raw)
    )
    if found is None:
        return _not_found(f"no article with id {article_id[:80]!r}")
    return JSON({"id": article_id, "hits": found.hits})


async def quotes(request: Request) -> Response:
    """``/api/quotes``."""
    params = QuoteParams.read(request.query_params)
    if not params.asked:
        raise BadRequest("give words to look for in quotations (q) or a speaker")
    view = await _engine(request).run(lambda s: quotes_view(s, params), key=("quotes", params))
    return JSON(view.to_dict())


async def speaker(request: Request) -> Response:
    """``/api/speakers/{name}``."""
    name = clean_text(request.path_params["name"], "name")
    view = await _engine(request).run(lambda s: speaker_view(s, name), key=("speaker", name))
    if view is None:
        return _not_found(f"nobody called {name[:80]!r} is quoted in this index")
    return JSON(view.to_dict())


async def stats(request: Request) -> Response:
    """``/api/stats``."""
    return JSON(await _engine(request).run(stats_view, key=("stats",)))


async def health(request: Request) -> Response:
    """``/healthz``: up, and how many articles are served."""
    count = (await _engine(request).run(stats_view, key=("stats",)))["articles"]
    return JSON({"status": "ok", "articles": count})


async def openapi(request: Request) -> Response:
    """``/openapi.json``."""
    return JSON(openapi_document())


def _filename(params: SearchParams, ext: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", params.q).strip("-")[:40].lower()
    return f"dossier-{slug or 'all'}.{ext}"


class _Export:
    """One download: a pinned searcher and the text of every match, taken a batch at a time.

    The text is :func:`search.export.stream_output` over :meth:`Searcher.search_all` (as
    ``dossier search --all`` writes it): one piece per hit, each hit built only when reached.
    """

    def __init__(self, engine: Any, params: SearchParams, fmt: str, full_text: bool) -> None:
        self.engine, self.params, self.fmt, self.full_text = engine, params, fmt, full_text
        self.searcher = engine.pin()
        self._pieces: Iterator[str] | None = None

    def _batch(self, searcher: Searcher) -> list[str]:
        if self._pieces is None:
            found = searcher.search_all(
                self.params.q, facets=(), full_text=self.full_text, **self.params.search_options()
            )
            self._pieces = stream_output(self.fmt, found.results, found)
        return list(islice(self._pieces, EXPORT_BATCH))

    async def batch(self) -> list[str]:
        """The next pieces of text (fewer than a batch at the end)."""
        return await self.engine.run(self._batch, self.searcher)

    async def body(self, pieces: list[str]) -> AsyncIterator[str]:
        """Every piece: ``pieces`` (the first batch, already built), then batch after batch."""
        try:
            while True:
                for piece in pieces:
                    yield piece
                if len(pieces) < EXPORT_BATCH:
                    return
                pieces = await self.batch()
        finally:
            self.close()

    def close(self) -> None:
        """Let the pinned searcher go."""
        self.engine.unpin(self.searcher)


async def _export(request: Request, fmt: str) -> Response:
    """Stream every match (see the module docstring)."""
    params = SearchParams.read(request.query_params)
    full_text = (request.query_params.get("full_text") or "").lower() in ("1", "true", "yes")
    export = _Export(_engine(request), params, fmt, full_text)
    try:
        first = await export.batch()
    except BaseException:
        export.close()
        raise
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        export.body(first),
        media_type=media,
        headers={"content-disposition": f'attachment; filename="{_filename(params, fmt)}"'},
    )


async def export_csv(request: Request) -> Response:
    """``/api/search.csv``."""
    return await _export(request, "csv")


async def export_jsonl(request: Request) -> Response:
    """``/api/search.jsonl``."""
    return await _export(request, "jsonl")


def routes() -> list[Route]:
    """The API routes."""
    return [
        Route("/api/search", search),
        Route("/api/search.csv", export_csv),
        Route("/api/search.jsonl", export_jsonl),
        Route("/api/facets", facets),
        Route("/api/articles/{article_id}", article),
        Route("/api/articles/{article_id}/similar", similar),
        Route("/api/quotes", quotes),
        Route("/api/speakers/{name:path}", speaker),
        Route("/api/stats", stats),
        Route("/healthz", health),
        Route("/openapi.json", openapi),
    ]
