"""The HTML pages: search, article, quotes, speaker, API docs and the login form.

Each route reads its parameters (:mod:`search.web.params`), runs a view function of
:mod:`search.web.views` on the shared engine, and renders a template. The pages hold no script:
every control is a link or a plain form, so everything works with JavaScript turned off.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from search.searcher import FILTER_FIELDS
from search.web.openapi import openapi_document
from search.web.params import MAX_QUERY_CHARS, QuoteParams, SearchParams, clean_text
from search.web.security import COOKIE, session_value, token_matches
from search.web.views import (
    FACET_LABELS,
    article_view,
    facets_view,
    quotes_view,
    search_view,
    speaker_view,
)

__all__ = ["render", "routes"]


def render(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the page's context (settings, request) added."""
    state = request.app.state
    html = state.env.get_template(template).render(
        request=request, settings=state.settings, **context
    )
    return HTMLResponse(html, code)


def _not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", 404, status=404, message=message, title="Not found")


async def search_page(request: Request) -> Response:
    """``/``: the search box, results, facets and timelines (all articles with no query)."""
    params = SearchParams.read(request.query_params)
    view = await request.app.state.engine.run(
        lambda s: search_view(s, params), key=("search", params)
    )
    return render(
        request,
        "search.html",
        view=view,
        params=params,
        title=params.q or "Search",
        published_href=lambda b: params.url(since=b.start, until=b.end),
        mentioned_href=lambda b: params.url(q=f"{params.q} +mentioned:{b.label}".strip()),
    )


async def facet_page(request: Request) -> Response:
    """``/facets/{name}``: every value of one facet over the search's matches."""
    name = request.path_params["name"]
    if name not in FILTER_FIELDS:
        return _not_found(request, f"There is no facet called “{name[:80]}”.")
    params = SearchParams.read(request.query_params)
    view = await request.app.state.engine.run(
        lambda s: facets_view(s, params), key=("facets", params)
    )
    label = FACET_LABELS.get(name, name)
    return render(
        request,
        "facet.html",
        name=name,
        label=label,
        counts=view["facets"].get(name, ()),
        total=view["total"],
        params=params,
        title=f"{label}: {params.q}" if params.q else label,
    )


async def article_page(request: Request) -> Response:
    """``/articles/{id}``: one article, the query's matches marked, quotations and sources."""
    article_id = request.path_params["article_id"]
    query = clean_text(request.query_params.get("q"), "q", MAX_QUERY_CHARS)
    view = await request.app.state.engine.run(
        lambda s: article_view(s, article_id, query), key=("article", article_id, query)
    )
    if view is None:
        return _not_found(request, f"There is no article with id “{article_id}” in this index.")
    return render(
        request, "article.html", view=view, params=SearchParams(q=query), title=view.article.title
    )


async def quotes_page(request: Request) -> Response:
    """``/quotes``: who said it, quotations grouped by speaker with citations."""
    params = QuoteParams.read(request.query_params)
    view = await request.app.state.engine.run(
        lambda s: quotes_view(s, params), key=("quotes", params)
    )
    return render(
        request,
        "quotes.html",
        view=view,
        quote_params=params,
        params=SearchParams(q=params.q),
        title=f"Who said {params.q}" if params.q else "Quotations",
    )


async def speaker_page(request: Request) -> Response:
    """``/speakers/{name}``: every quotation by one person, their timeline, tags and company."""
    name = clean_text(request.path_params["name"], "name")
    view = await request.app.state.engine.run(
        lambda s: speaker_view(s, name), key=("speaker", name)
    )
    if view is None:
        return _not_found(request, f"Nobody called “{name}” is quoted in this index.")
    field = "org" if view.summary.kind == "org" else "speaker"
    scope = SearchParams(filters=((field, view.summary.name),))
    return render(
        request,
        "speaker.html",
        view=view,
        params=SearchParams(),
        title=view.summary.name,
        timeline_href=lambda b: scope.url(since=b.start, until=b.end),
    )


async def docs_page(request: Request) -> Response:
    """``/docs``: the JSON API, drawn from its OpenAPI document."""
    return render(request, "docs.html", doc=openapi_document(), params=SearchParams(), title="API")


def _next(value: str | None) -> str:
    """Where to go after signing in: a path on this server only."""
    value = value or "/"
    return value if value.startswith("/") and not value.startswith(("//", "/\\")) else "/"


async def login_page(request: Request) -> Response:
    """``/login``: a form that takes the access token and sets the session cookie."""
    token = request.app.state.settings.token
    if not token:
        return RedirectResponse("/", 303)
    if request.method == "GET":
        return render(
            request,
            "login.html",
            next=_next(request.query_params.get("next")),
            params=SearchParams(),
            title="Sign in",
        )
    form = await request.form()
    given, target = str(form.get("token", "")), _next(str(form.get("next", "/")))
    if not token_matches(token, given):
        return render(
            request,
            "login.html",
            401,
            next=target,
            params=SearchParams(),
            title="Sign in",
            failed=True,
        )
    response = RedirectResponse(target, 303)
    response.set_cookie(COOKIE, session_value(token), httponly=True, samesite="strict")
    return response


async def logout_page(request: Request) -> Response:
    """``/logout``: forget the session cookie."""
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE)
    return response


def routes() -> list[Route]:
    """The HTML routes."""
    return [
        Route("/", search_page, name="search"),
        Route("/facets/{name}", facet_page, name="facet"),
        Route("/articles/{article_id}", article_page, name="article"),
        Route("/quotes", quotes_page, name="quotes"),
        Route("/speakers/{name:path}", speaker_page, name="speaker"),
        Route("/docs", docs_page, name="docs"),
        Route("/login", login_page, methods=["GET", "POST"], name="login"),
        Route("/logout", logout_page, name="logout"),
    ]
