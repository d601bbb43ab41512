"""HTML pieces drawn in Python: marked text, an article body with its quotations, timelines.

Article text is untrusted. Every function here escapes each piece of text it is given and adds
only Dossier's own elements (``<mark>``, quotation spans, SVG shapes and links to this server),
returning :class:`markupsafe.Markup` so templates insert it as is. Links to other sites are only
ever made from ``http``/``https`` URLs (:func:`safe_url`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from corpus.article import Quote
from search.timeline import TimeBucket, Timeline

__all__ = [
    "article_body",
    "article_url",
    "bucket_name",
    "marked",
    "safe_url",
    "speaker_url",
    "timeline_svg",
]

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def marked(text: str, spans: Sequence[Sequence[int]] = ()) -> Markup:
    """``text`` escaped, with each ``(start, end)`` span wrapped in ``<mark>``.

    >>> str(marked("a <b> c", [(2, 5)]))
    'a <mark>&lt;b&gt;</mark> c'
    """
    out, last = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        out += [escape(text[last:start]), Markup("<mark>"), escape(text[start:end])]
        out.append(Markup("</mark>"))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute ``http``/``https`` address, else None (never a link).

    >>> safe_url("javascript:alert(1)") is None, safe_url("https://x.org/a")
    (True, 'https://x.org/a')
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def article_url(article_id: str, query: str = "") -> str:
    """The article page's address, keeping the query so its matches stay marked.

    >>> article_url("ae5c", "death commission")
    '/articles/ae5c?q=death%20commission'
    """
    return f"/articles/{quote(article_id, safe='')}" + (f"?q={quote(query)}" if query else "")


def speaker_url(name: str) -> str:
    """The speaker page of ``name`` on this server.

    >>> speaker_url("Philip Luther/x")
    '/speakers/Philip%20Luther%2Fx'
    """
    return "/speakers/" + quote(name, safe="")


def _boundaries(
    length: int, quotes: Sequence[Quote], marks: Sequence[Sequence[int]], breaks: Sequence[int]
) -> list[int]:
    points = {0, length, *breaks}
    for q in quotes:
        points |= {q.start, q.end}
    for start, end in marks:
        points |= {int(start), int(end)}
    return sorted(p for p in points if 0 <= p <= length)


def article_body(
    body: str, quotes: Sequence[Quote] = (), marks: Sequence[Sequence[int]] = ()
) -> Markup:
    """The body as paragraphs, the query's matches marked and each quotation with its speaker.

    A quotation is wrapped in ``<span class="quote">`` and followed by a link to its speaker's
    page; marks and quotations are closed and reopened at paragraph breaks so the markup nests.

    >>> html = article_body("He said “no”.\\n\\nEnd.", [Quote("no", "Ann", 9, 11)], [(9, 11)])
    >>> print(str(html).replace("<a", "\\n<a"))
    <p id="p1">He said “<span class="quote" id="q9"><mark>no</mark></span>
    <a class="said-by" href="/speakers/Ann">Ann</a>”.</p>
    <p id="p2">End.</p>
    """
    quotes = sorted((q for q in quotes if 0 <= q.start < q.end <= len(body)), key=lambda q: q.start)
    breaks = [i for i in range(len(body)) if body.startswith("\n\n", i)]
    points = _boundaries(len(body), quotes, marks, breaks)
    paragraphs: list[Markup] = []
    current: list[Markup] = []
    number = 0

    def close_paragraph() -> None:
        nonlocal number
        text = Markup("").join(current).strip()
        if text:
            number += 1
            paragraphs.append(Markup('<p id="p{}">{}</p>').format(number, text))
        current.clear()

    ends: dict[int, Quote] = {}
    for start, end in zip(points, points[1:], strict=False):
        piece = body[start:end]
        quote_here = next((q for q in quotes if q.start <= start and end <= q.end), None)
        marked_here = any(int(s) <= start and end <= int(e) for s, e in marks)
        for part_index, part in enumerate(piece.split("\n\n")):
            if part_index:
                close_paragraph()
            if not part:
                continue
            html = escape(part.replace("\n", " "))
            if marked_here:
                html = Markup("<mark>{}</mark>").format(html)
            if quote_here is not None:
                anchor = f' id="q{quote_here.start}"' if start == quote_here.start else ""
                html = Markup('<span class="quote"{}>{}</span>').format(Markup(anchor), html)
                ends[quote_here.end] = quote_here
            current.append(html)
        if end in ends:
            q = ends.pop(end)
            current.append(
                Markup('<a class="said-by" href="{}">{}</a>').format(
                    speaker_url(q.speaker), q.speaker
                )
            )
    close_paragraph()
    return Markup("\n").join(paragraphs)


def bucket_name(bucket: TimeBucket, unit: str) -> str:
    """A period as people read it: ``1987``, ``Mar 1987``, ``2 Mar 1987``."""
    parts = bucket.label.split("-")
    if unit == "year" or len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def timeline_svg(
    timeline: Timeline,
    href: Callable[[TimeBucket], str],
    *,
    label: str,
    noun: str = "articles",
    width: int = 600,
    height: int = 100,
) -> Markup:
    """A bar chart of ``timeline``: inline SVG, each bar a link to ``href(bucket)``.

    The SVG stretches to the width of its box (bars only, so nothing is distorted); the first
    and last periods are written under it in HTML. Periods with no articles are left empty and
    are not links. Each link has a text label (period and count) for screen readers and a
    ``<title>`` tooltip.
    """
    buckets = timeline.buckets
    if not buckets:
        return Markup("")
    slot = width / len(buckets)
    gap = min(2.0, slot * 0.2)
    peak = timeline.peak or 1
    bars = []
    for i, bucket in enumerate(buckets):
        if not bucket.count:
            continue
        h = max(2.0, (height - 2) * bucket.count / peak)
        name = escape(f"{bucket_name(bucket, timeline.unit)}: {bucket.count:,} {noun}")
        # Plain formatting (every text part escaped above or below): hundreds of bars per page.
        bars.append(
            f'<a href="{escape(href(bucket))}" aria-label="{name}"><title>{name}</title>'
            f'<rect class="bar" x="{i * slot + gap / 2:.2f}" y="{height - h:.2f}" '
            f'width="{max(0.5, slot - gap):.2f}" height="{h:.2f}"/></a>'
        )
    first, last = (bucket_name(b, timeline.unit) for b in (buckets[0], buckets[-1]))
    return Markup(
        '<div class="timeline"><svg viewBox="0 0 {w} {h}" preserveAspectRatio="none" '
        'role="group" aria-label="{label}">'
        '<line class="axis" x1="0" y1="{h}" x2="{w}" y2="{h}" vector-effect="non-scaling-stroke"/>'
        "{bars}</svg>"
        '<div class="axis-labels"><span>{first}</span><span>{last}</span></div></div>'
    ).format(w=width, h=height, label=label, bars=Markup("".join(bars)), first=first, last=last)
