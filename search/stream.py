"""Every match of a search, streamed: hits in rank order a batch at a time, as CSV or JSON Lines.

:func:`iter_hits` streams :meth:`~search.searcher.Searcher.search_all` without facets, so a
caller can take the hits (with their passages) a batch at a time; :func:`export_row` flattens
a hit into the columns an export carries (every passage, and the full text when asked);
:func:`csv_lines` and :func:`jsonl_lines` turn rows into text a line (or a CSV record) at a
time, so a server can send them as they come.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from search.results import SearchHit

if TYPE_CHECKING:
    from search.searcher import Searcher

__all__ = [
    "EXPORT_BATCH",
    "EXPORT_FIELDS",
    "csv_lines",
    "export_row",
    "iter_hits",
    "jsonl_lines",
]

EXPORT_BATCH = 200
"""Hits a server builds per step of an export (between steps, other requests are served)."""
EXPORT_FIELDS = (
    "rank",
    "id",
    "score",
    "title",
    "date",
    "date_inferred",
    "author",
    "tags",
    "speakers",
    "url",
    "source",
    "passages",
)
"""The columns of an export, in order; ``text`` (the full text) follows when asked for."""


def iter_hits(searcher: Searcher, text: str, **options: Any) -> Iterator[SearchHit]:
    """Yield every hit of ``text``, best first, each built only when it is reached.

    ``options`` are :meth:`~search.searcher.Searcher.search_all`'s (filters, sort, since, ...);
    no facets are counted. Consume the hits while the searcher is open.
    """
    yield from searcher.search_all(text, facets=(), **options)


def export_row(hit: SearchHit, body: str | None = None) -> dict[str, Any]:
    """The columns of one exported hit; ``body`` adds the article's full text."""
    row: dict[str, Any] = {
        "rank": hit.rank,
        "id": hit.id,
        "score": hit.score,
        "title": hit.title,
        "date": hit.date,
        "date_inferred": hit.date_inferred,
        "author": hit.author,
        "tags": list(hit.tags),
        "speakers": list(hit.speakers),
        "url": hit.url,
        "source": hit.source,
        "passages": [s.text for s in hit.snippets],
    }
    if body is not None:
        row["text"] = body
    return row


def _cell(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return (" … " if name == "passages" else "; ").join(value)
    return value


def csv_lines(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], *, header: bool = True
) -> Iterator[str]:
    """CSV text, a record per yield: the header first (unless ``header`` is False), then rows.

    Lists are joined in one cell (passages with " … ", other values with "; ").

    >>> list(csv_lines([{"id": "a", "tags": ["x", "y"]}], ["id", "tags"]))
    ['id,tags\\r\\n', 'a,x; y\\r\\n']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore")
    if header:
        writer.writeheader()
        yield _take(buffer)
    for row in rows:
        writer.writerow({k: _cell(k, v) for k, v in row.items()})
        yield _take(buffer)


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line.

    >>> list(jsonl_lines([{"id": "a"}]))
    ['{"id": "a"}\\n']
    """
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
