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

from search.render import to_json
from search.searcher import Searcher
from search.stream import (
    EXPORT_BATCH,
    EXPORT_FIELDS,
    csv_lines,
    export_row,
    iter_hits,
    jsonl_lines,
)
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

__all__ = ["JSON", "routes"]


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
    """One download: a pinned searcher, the stream of its hits, and rows a batch at a time."""

    def __init__(self, engine: Any, params: SearchParams, fmt: str, full_text: bool) -> None:
        self.engine, self.params, self.fmt, self.full_text = engine, params, fmt, full_text
        self.searcher = engine.pin()
        self._hits: Iterator[Any] | None = None
        self.fields = [*EXPORT_FIELDS, "text"] if full_text else list(EXPORT_FIELDS)

    def _batch(self, searcher: Searcher) -> list[dict[str, Any]]:
        if self._hits is None:
            self._hits = iter_hits(searcher, self.params.q, **self.params.search_options())
        rows = []
        for hit in islice(self._hits, EXPORT_BATCH):
            body = None
            if self.full_text:
                found = searcher.get(hit.id)
                body = found.body if found else ""
            rows.append(export_row(hit, body))
        return rows

    async def batch(self) -> list[dict[str, Any]]:
        """The next rows (fewer than a batch at the end)."""
        return await self.engine.run(self._batch, self.searcher)

    def lines(self, rows: list[dict[str, Any]], first: bool) -> Iterator[str]:
        """The text of ``rows`` in the export's format (CSV starts with its header)."""
        if self.fmt == "csv":
            return csv_lines(rows, self.fields, header=first)
        return jsonl_lines(rows)

    async def body(self, rows: list[dict[str, Any]]) -> AsyncIterator[str]:
        """Every line: ``rows`` (the first batch, already built), then batch after batch."""
        try:
            first = True
            while True:
                for line in self.lines(rows, first):
                    yield line
                first = False
                if len(rows) < EXPORT_BATCH:
                    return
                rows = await self.batch()
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
        rows = await export.batch()
    except BaseException:
        export.close()
        raise
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        export.body(rows),
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
