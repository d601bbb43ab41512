"""The OpenAPI 3.0 description of the JSON API, served at ``/openapi.json`` and drawn at ``/docs``.

Written by hand, next to the routes it describes (``search/web/api.py``); the API tests check
that every route is described and Schemathesis generates requests from it.
"""

from __future__ import annotations

from typing import Any

from search.searcher import FILTER_FIELDS, SORTS
from search.web.params import MAX_DEPTH, MAX_PAGE_SIZE, MAX_QUERY_CHARS, MAX_QUOTES

__all__ = ["openapi_document"]

_FILTER_HELP = {
    "tag": "Only articles with this tag (repeat for several: all must hold).",
    "speaker": "Only articles quoting this person.",
    "org": "Only articles quoting or naming this organization.",
    "author": "Only articles by this author.",
    "year": "Only articles published in this year.",
    "category": "Only articles in this category.",
    "person": "Only articles naming this person.",
}


def _param(name: str, schema: dict[str, Any], text: str, where: str = "query") -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "in": where, "schema": schema, "description": text}
    if where == "path":
        param["required"] = True
    if schema.get("type") == "array":
        param |= {"style": "form", "explode": True}
    return param


def _query_param() -> dict[str, Any]:
    return _param(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_CHARS},
        "The query, in Dossier's query language (see the README); empty matches every article. "
        f"Longer than {MAX_QUERY_CHARS} characters is answered 414.",
    )


def _search_params(paging: bool = True) -> list[dict[str, Any]]:
    params = [_query_param()]
    params += [
        _param(name, {"type": "array", "items": {"type": "string"}}, _FILTER_HELP.get(name, name))
        for name in FILTER_FIELDS
    ]
    params += [
        _param("since", {"type": "string"}, "Published on or after this date (YYYY[-MM[-DD]])."),
        _param("until", {"type": "string"}, "Published on or before this date."),
        _param(
            "sort",
            {"type": "string", "enum": list(SORTS)},
            "Order: relevance (default with a query), newest (default without), oldest; date is "
            "newest.",
        ),
        _param("plain", {"type": "boolean"}, "Read the query as plain words, without operators."),
        _param(
            "strict",
            {"type": "boolean"},
            "Answer 400 with the parser's message for a query mistake, instead of a warning.",
        ),
    ]
    if paging:
        params += [
            _param(
                "page",
                {"type": "integer", "minimum": 1},
                f"Page number; page × limit may not pass {MAX_DEPTH:,} (use the exports).",
            ),
            _param(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "Hits per page (default 10).",
            ),
        ]
    return params


_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
        }
    },
}
_OBJECT = {"type": "object"}


def _json(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema or _OBJECT}},
    }


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "A bad query (the parser's message) or a value out of range.",
        401: "The server needs a token (bearer header or login cookie).",
        404: "No such article or speaker.",
        414: "The query is too long.",
        429: "The server stayed busy for its whole time budget; try again.",
    }
    return {str(c): _json(text[c], _ERROR) for c in (*codes, 401, 429)}


def _op(summary: str, params: list[dict[str, Any]], ok: dict[str, Any], *errors: int) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {"200": ok} | _errors(*errors),
        }
    }


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI 3.0 document."""
    article_id = _param(
        "id", {"type": "string"}, "An article id (a unique prefix of 4+ works).", "path"
    )
    export = (
        "Every match, best first, streamed (not one page). With full_text=1 each row also "
        "carries the article's text."
    )
    full_text = _param("full_text", {"type": "boolean"}, "Add the full text of each article.")
    paths = {
        "/api/search": _op(
            "Search: one page of hits with passages and match offsets, facet counts and "
            "timelines over all matches, totals and a spelling suggestion.",
            _search_params(),
            _json("The page of results."),
            400,
            414,
        ),
        "/api/search.csv": _op(
            export,
            [*_search_params(paging=False), full_text],
            {
                "description": "CSV, one row per match.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
            400,
            414,
        ),
        "/api/search.jsonl": _op(
            export,
            [*_search_params(paging=False), full_text],
            {
                "description": "JSON Lines, one object per match.",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
            400,
            414,
        ),
        "/api/facets": _op(
            "Tag, speaker, organization, author and year counts over every match.",
            _search_params(paging=False),
            _json("Counts per field."),
            400,
            414,
        ),
        "/api/articles/{id}": _op(
            "One article in full, with the query's matches located when q is given.",
            [article_id, _query_param()],
            _json("The article, its sources, match offsets and similar articles."),
            400,
            404,
            414,
        ),
        "/api/articles/{id}/similar": _op(
            "The articles most like one article.",
            [
                article_id,
                _param(
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                    "How many (default 10).",
                ),
            ],
            _json("Similar articles as hits."),
            400,
            404,
        ),
        "/api/quotes": _op(
            "Who said it: quotations matching the words of q, grouped by speaker, with citations.",
            [
                _query_param(),
                _param(
                    "speaker",
                    {"type": "array", "items": {"type": "string"}},
                    "Only quotations by this person or organization.",
                ),
                _param(
                    "tag",
                    {"type": "array", "items": {"type": "string"}},
                    "Only articles with this tag.",
                ),
                _param("since", {"type": "string"}, "Published on or after this date."),
                _param("until", {"type": "string"}, "Published on or before this date."),
                _param(
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": MAX_QUOTES},
                    "How many quotations (default 50).",
                ),
            ],
            _json("Quotations grouped by speaker."),
            400,
            414,
        ),
        "/api/speakers/{name}": _op(
            "One speaker: every quotation, their timeline, their tags, who is quoted alongside.",
            [
                _param(
                    "name", {"type": "string"}, "The speaker's name (case does not matter).", "path"
                )
            ],
            _json("The speaker's summary."),
            404,
        ),
        "/api/stats": _op("What the index holds.", [], _json("Counts and date range.")),
        "/healthz": _op(
            "Whether the server is up, and how many articles it serves.", [], _json("ok")
        ),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Dossier",
            "version": "1",
            "description": "Search an archive of news and advocacy articles: who said what, "
            "when, under which tag. Read-only. Errors are JSON: {error: {status, message}}.",
        },
        "paths": paths,
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{}, {"token": []}],
    }
