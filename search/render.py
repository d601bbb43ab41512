"""Turning result values into text for people and JSON for scripts.

Highlights are drawn by a *marker*: ANSI colour on a terminal, ``[[word]]`` otherwise, so piped
output and tests stay readable. JSON output carries the offsets instead of marks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Any

import click

from corpus.article import Article
from search.console import one_line
from search.highlight import Snippet, make_snippets
from search.histogram import FEW_YEARS
from search.results import FacetCount, QuoteResults, SearchHit, SearchResults

__all__ = [
    "explain_text",
    "facets_text",
    "quotes_text",
    "hit_text",
    "human_size",
    "mark",
    "results_head",
    "results_tail",
    "results_text",
    "totals_line",
    "show_text",
    "stats_text",
    "to_json",
]


QUOTE_CHARS = 320
"""Quotations longer than this are shown as the passages around their matches."""


def mark(text: str, spans: Iterable[tuple[int, int]], *, color: bool) -> str:
    """Return ``text`` with each span highlighted.

    >>> mark("the executed men", [(4, 12)], color=False)
    'the [[executed]] men'
    """
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        word = text[start:end]
        out.append(click.style(word, fg="yellow", bold=True) if color else f"[[{word}]]")
        last = end
    out.append(text[last:])
    return "".join(out)


def _date(date: str | None, inferred: bool) -> str:
    if not date:
        return ""
    return f"{date} (inferred from the text)" if inferred else date


def hit_text(hit: SearchHit, *, color: bool) -> str:
    """One hit: rank, title, id, score, a facts line and its snippets."""
    title = mark(hit.title, hit.title_spans, color=color)
    head = f"{hit.rank}. {click.style(title, bold=True) if color else title}  [{hit.id}]"
    facts = [_date(hit.date, hit.date_inferred), hit.author, hit.url or hit.source]
    lines = [head, "   " + " · ".join(f for f in facts if f)]
    if hit.tags:
        lines.append("   tags: " + ", ".join(hit.tags))
    if hit.categories:
        lines.append("   categories: " + ", ".join(hit.categories))
    lines += ["   " + _snippet(s, color) for s in hit.snippets]
    if hit.body is not None:
        lines += ["", *("   " + p for p in hit.body.splitlines() if p.strip())]
    return "\n".join(lines)


def _snippet(snippet: Snippet, color: bool) -> str:
    return mark(snippet.text, snippet.spans, color=color)


def _histogram(counts: tuple[FacetCount, ...]) -> str:
    peak = max(c.count for c in counts) or 1
    width = max(len(c.value) for c in counts)
    lines = []
    for c in counts:
        bar = "█" * max(1, round(20 * c.count / peak)) + " " if c.count else ""
        lines.append(f"  {c.value.ljust(width)}  {bar}{c.count}")
    return "\n".join(lines)


def facets_text(
    facets: dict[str, tuple[FacetCount, ...]],
    *,
    top: int | None = None,
    within: dict[str, tuple[FacetCount, ...]] | None = None,
) -> str:
    """Facet counts, one field per block, most frequent first; years (and months) as histograms.

    ``top`` limits the values shown per field (histograms are shown whole). Months are shown
    only when the years shown are few (:data:`~search.histogram.FEW_YEARS`). For a field that
    is filtered on (in ``within``), each value shows two counts: among all matches of the query
    (so other values stay selectable) and among the filtered results.
    """
    blocks = []
    within = within or {}
    years = facets.get("year")
    for name, counts in facets.items():
        if not counts:
            continue
        if name == "month" and years is not None and len(years) > FEW_YEARS:
            continue
        if name in ("year", "month"):
            blocks.append(f"{name}:\n{_histogram(counts)}")
            continue
        heading = f"{name}:"
        here: dict[str, int] = {}
        if name in within:
            here = {c.value.casefold(): c.count for c in within[name]}
            heading = f"{name} (all matches / with your --{name} filters):"
        shown = counts if top is None else counts[:top]
        width = max(len(c.value) for c in shown)
        rows = [
            f"  {c.value.ljust(width)}  {c.count}"
            + (f" / {here.get(c.value.casefold(), 0)}" if name in within else "")
            for c in shown
        ]
        more = len(counts) - len(shown)
        if more > 0:
            rows.append(f"  … and {more:,} more")
        blocks.append(heading + "\n" + "\n".join(rows))
    return "\n\n".join(blocks)


_UNITS = ("bytes", "KB", "MB", "GB", "TB")


def human_size(size: float) -> str:
    """A size in bytes in the largest unit that keeps it at least 1 (powers of 1000).

    >>> human_size(512), human_size(23_456_789)
    ('512 bytes', '23.5 MB')
    """
    unit = 0
    while size >= 1000 and unit < len(_UNITS) - 1:
        size /= 1000
        unit += 1
    return f"{size:.0f} {_UNITS[unit]}" if unit == 0 else f"{size:.1f} {_UNITS[unit]}"


_PLURALS = {"tag": "tags", "category": "categories", "speaker": "speakers",
            "org": "organizations", "author": "authors"}  # fmt: skip


def stats_text(stats: dict[str, Any]) -> str:
    """``dossier stats`` for people: counts with their nouns, dates, size in human units."""
    dates = (
        f", published {stats['first_date']} to {stats['last_date']}"
        if stats.get("first_date")
        else ", none with a published date"
    )
    distinct = ", ".join(
        f"{count:,} {_PLURALS.get(name, name)}" for name, count in stats["distinct"].items()
    )
    return "\n".join(
        [
            f"Index: {stats['index']}",
            f"Articles: {stats['articles']:,}{dates if stats['articles'] else ''}",
            f"Distinct values: {distinct}",
            f"Size on disk: {human_size(stats['size_bytes'])}",
        ]
    )


def _articles(count: int) -> str:
    return f"{count:,} article" + ("" if count == 1 else "s")


def totals_line(results: SearchResults) -> str:
    """How many articles match: for several bare words, with all of them and with any.

    >>> totals_line(SearchResults("Baker dollar", 1439, total_all_words=101))
    "101 articles with all the words of 'Baker dollar', 1,439 with any"
    >>> totals_line(SearchResults("Montazeri", 1))
    "1 article match 'Montazeri'"
    """
    query = one_line(results.query)
    if results.total_all_words is None:
        return f"{_articles(results.total)} match {query}"
    return (
        f"{_articles(results.total_all_words)} with all the words of {query}, "
        f"{results.total:,} with any"
    )


def results_head(results: SearchResults, *, every: bool = False) -> str:
    """The lines above the hits: totals, the page, warnings, a suggestion."""
    pages = max(1, -(-results.total // results.limit))
    where = "all of them, best first" if every else f"page {results.page} of {pages}"
    lines = [f"{totals_line(results)} ({where})"]
    lines += [f"warning: {w}" for w in results.warnings]
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}?")
    if results.total and not results.hits and not every:
        lines.append(f"page {results.page} is past the last page ({pages})")
    return "\n".join(lines) + "\n"


def results_tail(results: SearchResults) -> str:
    """The lines below the hits: the facet counts over all matches."""
    if results.facets and results.total:
        return facets_text(results.facets, top=10, within=results.facets_within) + "\n"
    return ""


def results_text(results: SearchResults, *, color: bool) -> str:
    """A page of results, then the tag counts over all matches."""
    lines = [results_head(results), *[hit_text(h, color=color) + "\n" for h in results.hits]]
    lines.append(results_tail(results))
    return "\n".join(lines).rstrip() + "\n"


def _quote_passage(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    """A long quotation is cut to the passages around its matches."""
    if len(text) <= QUOTE_CHARS or not spans:
        return mark(text, spans, color=color)
    passages = make_snippets(text, list(spans), fragments=2, size=QUOTE_CHARS // 2)
    return " ".join(_snippet(p, color) for p in passages)


def quotes_text(results: QuoteResults, *, color: bool) -> str:
    """Quotations, best first: speaker, the quote with its matches marked, and its article."""
    noun = "quotation" if results.total == 1 else "quotations"
    head = f"{results.total} {noun}"
    lines = [f"{head} match {one_line(results.query)}" if results.query.strip() else head]
    lines += [f"warning: {w}" for w in results.warnings]
    for i, q in enumerate(results.quotes, 1):
        who = q.speaker + (" (organization)" if q.kind == "org" else "")
        lines += [
            "",
            f"{i}. {click.style(who, bold=True) if color else who}: "
            f"“{_quote_passage(q.text, q.spans, color)}”",
            "   in: "
            + " · ".join(
                f for f in (f"{q.title} [{q.article_id}]", _date(q.date, q.date_inferred)) if f
            ),
        ]
    return "\n".join(lines) + "\n"


def explain_text(scored: dict[str, Any]) -> str:
    """One article's score, term by term."""
    lines = [
        f"article {scored['id']}: score {scored['score']}"
        + ("" if scored["matches"] else " (does not match the query)"),
        f"  length {scored['length']} terms (average {scored['average_length']})",
        f"  {'term':16} {'in article':>10} {'articles':>9} {'idf':>7} {'score':>8}",
    ]
    for t in scored["terms"]:
        lines.append(
            f"  {t['term']:16} {t['frequency_in_article']:>10} {t['articles_with_term']:>9} "
            f"{t['idf']:>7.3f} {t['contribution']:>8.4f}"
        )
    return "\n".join(lines)


def show_text(article: Article) -> str:
    """A whole stored article, as ingestion saw it."""
    lines = [article.title, "=" * min(len(article.title), 80), f"id: {article.id}"]
    facts = {
        "date": _date(
            article.published.isoformat() if article.published else None,
            article.published_inferred,
        ),
        "author": article.author,
        "url": article.url,
        "source": article.source_path,
        # the other files holding a copy of the post (stored once, from the richest copy)
        "also in": ", ".join(
            s for s in article.extra.get("sources", ()) if s != article.source_path
        ),
        "tags": ", ".join(article.tags),
        "categories": ", ".join(article.categories),
        "speakers": ", ".join(article.speakers),
        "organizations": ", ".join(article.organizations),
    }
    lines += [f"{k}: {v}" for k, v in facts.items() if v]
    lines += ["", article.body]
    if article.quotes:
        lines += ["", "Quotes:"]
        lines += [f"  {q.speaker}: “{q.text}”" for q in article.quotes]
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(value.to_dict() if hasattr(value, "to_dict") else asdict(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """Serialize a result value (dataclasses, dicts, lists) as JSON."""
    return json.dumps(_plain(value), ensure_ascii=False, indent=indent, default=str)
