"""Machine-readable output of searches, quotations and facets: JSON, JSON Lines and CSV.

Each ``*_records`` function flattens a result into rows of plain values, one per hit, quote or
facet value; :func:`write_records` prints them in the chosen format. Text for people is
:mod:`search.render`'s job.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from search.render import to_json
from search.results import FacetCount, QuoteResults, SearchHit, SearchResults

__all__ = [
    "FORMATS",
    "facet_records",
    "format_output",
    "hit_record",
    "hit_records",
    "quote_records",
    "stream_output",
]

FORMATS = ("text", "json", "jsonl", "csv")


def hit_record(h: SearchHit) -> dict[str, Any]:
    """One flat row for a hit: what a citation needs, every passage, and the body if loaded.

    ``passages`` is a list in JSON Lines and one cell in CSV (a passage a line);
    ``body`` is present only when the search asked for the full text.
    """
    row: dict[str, Any] = {
        "rank": h.rank,
        "id": h.id,
        "score": h.score,
        "title": h.title,
        "date": h.date,
        "date_inferred": h.date_inferred,
        "author": h.author,
        "tags": "; ".join(h.tags),
        "categories": "; ".join(h.categories),
        "speakers": "; ".join(h.speakers),
        "url": h.url,
        "source": h.source,
        "record": h.record,
        "passages": [s.text for s in h.snippets],
    }
    if h.body is not None:
        row["body"] = h.body
    return row


def hit_records(results: SearchResults) -> list[dict[str, Any]]:
    """One flat row per hit of a page of results."""
    return [hit_record(h) for h in results.hits]


def quote_records(results: QuoteResults) -> list[dict[str, Any]]:
    """One flat row per quotation: who, the cue when known, the words, where, when, offsets."""
    return [
        {
            "speaker": q.speaker,
            "kind": q.kind,
            "cue": q.cue,
            "quote": q.text,
            "article_id": q.article_id,
            "title": q.title,
            "date": q.date,
            "date_inferred": q.date_inferred,
            "url": q.url,
            "source": q.source,
            "start": q.start,
            "end": q.end,
        }
        for q in results.quotes
    ]


def _cell(value: Any) -> Any:
    """A CSV cell: lists become one line per item."""
    return "\n".join(str(v) for v in value) if isinstance(value, list) else value


def facet_records(facets: dict[str, tuple[FacetCount, ...]]) -> list[dict[str, Any]]:
    """One row per (field, value, count)."""
    return [
        {"field": name, "value": fc.value, "count": fc.count}
        for name, counts in facets.items()
        for fc in counts
    ]


def _csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def format_output(fmt: str, whole: Any, rows: list[dict[str, Any]]) -> str:
    """Render ``whole`` (JSON) or its ``rows`` (JSON Lines, CSV) as text to print.

    >>> format_output("csv", None, [{"a": 1, "b": "x,y"}])
    'a,b\\n1,"x,y"\\n'
    """
    if fmt == "json":
        return to_json(whole) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv(rows)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _json_stream(results: SearchResults, hits: Iterable[SearchHit]) -> Iterator[str]:
    """The same JSON document as ``format_output("json", results, …)``, written hit by hit."""
    head = to_json(replace(results, hits=()))
    marker = '\n  "hits": [],'
    before, found, after = head.partition(marker)
    if not found:  # the layout of to_json changed: fall back to building it whole
        yield to_json(replace(results, hits=tuple(hits))) + "\n"
        return
    yield before + '\n  "hits": ['
    separator = "\n"
    for hit in hits:
        body = to_json(hit).replace("\n", "\n    ")
        yield separator + "    " + body
        separator = ",\n"
    yield ("\n  ]," if separator != "\n" else "],") + after + "\n"


def _csv_stream(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def stream_output(
    fmt: str, results: SearchResults, hits: Iterable[SearchHit]
) -> Iterator[str]:
    """Every hit of a search in a script format, one piece of text at a time.

    JSON gives the same document as a page of results would (``results`` with every hit);
    JSON Lines and CSV one row per hit, as :func:`hit_record` makes it.
    """
    if fmt == "json":
        return _json_stream(results, hits)
    rows = (hit_record(h) for h in hits)
    if fmt == "jsonl":
        return (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv_stream(rows)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
