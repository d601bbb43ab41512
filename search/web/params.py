"""The state of a page as URL parameters: read and checked from a request, written back to links.

:class:`SearchParams` (query, filters, dates, sort, page, page size) and :class:`QuoteParams` are
read from a request's query string with their limits checked (:class:`BadRequest` with the
status to answer), and write themselves back as URLs, so that every link on a page (a facet
value, a chip's ×, a sort, a page number, a timeline bar) is the same search with one thing
changed. The whole state lives in the URL: a search can be bookmarked and shared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Protocol
from urllib.parse import urlencode

from search.searcher import FILTER_FIELDS, SORTS

__all__ = [
    "MAX_DEPTH",
    "MAX_FILTERS",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_CHARS",
    "MAX_VALUE_CHARS",
    "PAGE_SIZE",
    "BadRequest",
    "clean_text",
    "QuoteParams",
    "SearchParams",
]

MAX_QUERY_CHARS = 1000
"""Longest query accepted (answered 414 beyond)."""
MAX_VALUE_CHARS = 200
"""Longest filter value or date accepted."""
MAX_FILTERS = 20
"""Most filter values in one request."""
PAGE_SIZE = 10
"""Hits per page on the search page."""
MAX_PAGE_SIZE = 100
"""Largest ``limit`` accepted; use the export for more."""
MAX_DEPTH = 10_000
"""Deepest hit a page may reach (``page`` × ``limit``); use the export for more."""
QUOTES_PAGE = 50
"""Quotations per page of the quotes view."""
MAX_QUOTES = 500
"""Largest ``limit`` of the quotes view."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadRequest(Exception):
    """A request the server will not run: ``status`` (400, 414, ...) and a message saying why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class MultiParams(Protocol):
    """A request's query string (Starlette's ``QueryParams``)."""

    def get(self, key: str, /) -> str | None: ...  # noqa: D102

    def getlist(self, key: str) -> list[str]: ...  # noqa: D102


def clean_text(value: str | None, name: str, limit: int = MAX_VALUE_CHARS) -> str:
    """A parameter's value without control characters, checked against its length limit.

    :raises BadRequest: 414 for an over-long query ``q``, 400 for another value.
    """
    value = _CONTROL.sub(" ", value or "").strip()
    if len(value) > limit:
        raise BadRequest(
            f"{name} is {len(value):,} characters long; the limit is {limit:,}",
            414 if name == "q" else 400,
        )
    return value


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {value[:40]!r}") from None
    if not low <= number <= high:
        raise BadRequest(f"{name} must be between {low:,} and {high:,}, not {number:,}")
    return number


def _flag(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes", "on")


def _values(params: MultiParams, names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for name in names:
        for value in params.getlist(name):
            value = clean_text(value, name)
            if value and (name, value) not in pairs:
                pairs.append((name, value))
    if len(pairs) > MAX_FILTERS:
        raise BadRequest(f"{len(pairs)} filter values; the limit is {MAX_FILTERS}")
    return tuple(pairs)


def _url(path: str, pairs: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(pairs) if pairs else "")


@dataclass(frozen=True)
class SearchParams:
    """One search as the URL states it. ``sort`` "" means the default for the query."""

    q: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    since: str = ""
    until: str = ""
    sort: str = ""
    page: int = 1
    limit: int = PAGE_SIZE
    plain: bool = False
    strict: bool = False

    @classmethod
    def read(cls, params: MultiParams, *, default_limit: int = PAGE_SIZE) -> SearchParams:
        """Read and check a request's parameters.

        :raises BadRequest: 414 for an over-long query, 400 for any other value out of range.
        """
        sort = clean_text(params.get("sort"), "sort")
        if sort and sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}, not {sort[:40]!r}")
        limit = _int(params.get("limit"), "limit", default_limit, 1, MAX_PAGE_SIZE)
        page = _int(params.get("page"), "page", 1, 1, MAX_DEPTH)
        if page * limit > MAX_DEPTH:
            raise BadRequest(
                f"page {page:,} of {limit} goes past hit {MAX_DEPTH:,}, the deepest a page "
                "reaches; narrow the search or download all results"
            )
        return cls(
            q=clean_text(params.get("q"), "q", MAX_QUERY_CHARS),
            filters=_values(params, FILTER_FIELDS),
            since=clean_text(params.get("since"), "since"),
            until=clean_text(params.get("until"), "until"),
            sort=sort,
            page=page,
            limit=limit,
            plain=_flag(params.get("plain")),
            strict=_flag(params.get("strict")),
        )

    @property
    def effective_sort(self) -> str:
        """The sort in force: relevance for a query, newest first when browsing everything."""
        return self.sort or ("relevance" if self.q else "newest")

    def filter_map(self) -> dict[str, tuple[str, ...]]:
        """Filters as :meth:`~search.searcher.Searcher.search` takes them."""
        found: dict[str, tuple[str, ...]] = {}
        for name, value in self.filters:
            found[name] = (*found.get(name, ()), value)
        return found

    def search_options(self) -> dict[str, Any]:
        """Keyword arguments of :meth:`~search.searcher.Searcher.search` (not page or size)."""
        return {
            "filters": self.filter_map(),
            "since": self.since or None,
            "until": self.until or None,
            "sort": self.effective_sort,
            "plain": self.plain,
            "strict": self.strict,
        }

    def pairs(self, *, paging: bool = True) -> list[tuple[str, str]]:
        """The URL parameters that differ from the defaults, in a stable order."""
        pairs = [("q", self.q)] if self.q else []
        pairs += list(self.filters)
        pairs += self._settings()
        if paging and self.limit != PAGE_SIZE:
            pairs.append(("limit", str(self.limit)))
        if paging and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def _settings(self) -> list[tuple[str, str]]:
        pairs = [(k, v) for k, v in (("since", self.since), ("until", self.until)) if v]
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.plain:
            pairs.append(("plain", "1"))
        if self.strict:
            pairs.append(("strict", "1"))
        return pairs

    def url(self, path: str = "/", **changes: Any) -> str:
        """The URL of this search with ``changes`` (a new query or filter starts at page 1)."""
        if changes and "page" not in changes:
            changes["page"] = 1
        return _url(path, replace(self, **changes).pairs())

    @cached_property
    def _around_filters(self) -> tuple[str, str]:
        """The encoded parameters before and after the filters, on page 1 (for :meth:`toggle`)."""
        before = urlencode(([("q", self.q)] if self.q else []) + list(self.filters))
        after = self._settings() + ([("limit", str(self.limit))] if self.limit != PAGE_SIZE else [])
        return before, urlencode(after)

    def has(self, name: str, value: str) -> bool:
        """Whether ``name=value`` is one of the filters (case ignored)."""
        return (name, value.casefold()) in self._filter_keys

    @cached_property
    def _filter_keys(self) -> frozenset[tuple[str, str]]:
        return frozenset((n, v.casefold()) for n, v in self.filters)

    def toggle(self, name: str, value: str) -> str:
        """The URL with filter ``name=value`` added, or removed when it is already there."""
        if not self.has(name, value):
            # Built from cached parts: a page holds hundreds of these links.
            before, after = self._around_filters
            parts = [p for p in (before, urlencode([(name, value)]), after) if p]
            return "/?" + "&".join(parts)
        key = (name, value.casefold())
        return self.url(filters=tuple(f for f in self.filters if (f[0], f[1].casefold()) != key))

    def export_url(self, fmt: str, *, full_text: bool = False) -> str:
        """Where every match of this search downloads as ``csv`` or ``jsonl``."""
        pairs = self.pairs(paging=False) + ([("full_text", "1")] if full_text else [])
        return _url(f"/api/search.{fmt}", pairs)


@dataclass(frozen=True)
class QuoteParams:
    """A quotation search as the URL states it."""

    q: str = ""
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    limit: int = QUOTES_PAGE

    @classmethod
    def read(cls, params: MultiParams) -> QuoteParams:
        """Read and check a request's parameters (see :meth:`SearchParams.read`)."""
        values = _values(params, ("speaker", "tag"))
        return cls(
            q=clean_text(params.get("q"), "q", MAX_QUERY_CHARS),
            speakers=tuple(v for n, v in values if n == "speaker"),
            tags=tuple(v for n, v in values if n == "tag"),
            since=clean_text(params.get("since"), "since"),
            until=clean_text(params.get("until"), "until"),
            limit=_int(params.get("limit"), "limit", QUOTES_PAGE, 1, MAX_QUOTES),
        )

    @property
    def asked(self) -> bool:
        """Whether there is anything to look for (words or a speaker)."""
        return bool(self.q or self.speakers)

    def quote_options(self) -> dict[str, Any]:
        """Keyword arguments of :meth:`~search.searcher.Searcher.quotes` (not the words)."""
        return {
            "speakers": self.speakers,
            "tags": self.tags,
            "since": self.since or None,
            "until": self.until or None,
            "limit": self.limit,
        }

    def url(self, path: str = "/quotes", **changes: Any) -> str:
        """The URL of this quotation search with ``changes``."""
        state = replace(self, **changes)
        pairs = [("q", state.q)] if state.q else []
        pairs += [("speaker", s) for s in state.speakers] + [("tag", t) for t in state.tags]
        pairs += [(k, v) for k, v in (("since", state.since), ("until", state.until)) if v]
        if state.limit != QUOTES_PAGE:
            pairs.append(("limit", str(state.limit)))
        return _url(path, pairs)
