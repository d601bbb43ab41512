"""Who said it, per person: quotations grouped by speaker, a speaker's page, citations.

* :func:`group_by_speaker` turns quotations (best first) into :class:`QuoteGroup` values, one per
  speaker in the order their best quotation comes, names compared loosely
  (:func:`~search.quotes.normalize_name`).
* :func:`speaker_summary` gathers what a page about one speaker shows: every quotation by them,
  when the articles quoting them were published, the tags those articles carry and the people
  quoted alongside them. It is built from the searcher's public calls only
  (:meth:`~search.searcher.Searcher.quotes` and :meth:`~search.searcher.Searcher.search`).
* :func:`cite` writes a citation a reader can paste: speaker, the quoted words, article title,
  site, date and URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from indexer.schema import ORG, SPEAKER, TAG
from search.quotes import normalize_name
from search.results import FacetCount, QuoteHit, QuoteResults
from search.timeline import PUBLISHED, Timeline, build_timeline

if TYPE_CHECKING:
    from search.searcher import Searcher

__all__ = [
    "SPEAKER_QUOTES",
    "QuoteGroup",
    "SpeakerSummary",
    "cite",
    "group_by_speaker",
    "site_name",
    "speaker_summary",
]

SPEAKER_QUOTES = 500
"""At most this many quotations are listed on a speaker's page."""


@dataclass(frozen=True)
class QuoteGroup:
    """The quotations of one speaker (person or organization), best first."""

    speaker: str
    kind: str
    quotes: tuple[QuoteHit, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return asdict(self)


def group_by_speaker(quotes: Iterable[QuoteHit]) -> tuple[QuoteGroup, ...]:
    """Group quotations by speaker, keeping their order inside each group.

    Groups come in the order of their first quotation; the speaker's name is written as in that
    quotation.

    >>> from search.results import QuoteHit
    >>> q = [QuoteHit("a", "Ann Lee", "person", "1", "T", 0, 1),
    ...      QuoteHit("b", "Bo", "person", "1", "T", 2, 3),
    ...      QuoteHit("c", "ann  LEE", "person", "2", "U", 0, 1)]
    >>> [(g.speaker, [x.text for x in g.quotes]) for g in group_by_speaker(q)]
    [('Ann Lee', ['a', 'c']), ('Bo', ['b'])]
    """
    groups: dict[str, list[QuoteHit]] = {}
    for quote in quotes:
        groups.setdefault(normalize_name(quote.speaker), []).append(quote)
    return tuple(QuoteGroup(g[0].speaker, g[0].kind, tuple(g)) for g in groups.values())


@dataclass(frozen=True)
class SpeakerSummary:
    """What the index holds about one speaker.

    ``articles`` counts the articles that quote them (or, for an organization, name it);
    ``tags`` and ``alongside`` (other speakers quoted in those articles) are counted over them.
    """

    name: str
    kind: str
    articles: int
    quotes: QuoteResults
    timeline: Timeline
    tags: tuple[FacetCount, ...] = ()
    alongside: tuple[FacetCount, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return asdict(self)


def speaker_summary(
    searcher: Searcher, name: str, *, limit: int = SPEAKER_QUOTES
) -> SpeakerSummary | None:
    """Everything about the person or organization ``name`` (case and accents ignored).

    Returns None when nobody of that name is quoted or named in the index.
    """
    wanted = normalize_name(name)
    if not wanted:
        return None
    quotes = searcher.quotes("", speakers=(name,), limit=limit)
    kind, field = "person", SPEAKER
    found = searcher.search(
        "", filters={SPEAKER: (name,)}, facets=(TAG, SPEAKER, PUBLISHED), limit=1, snippets=False
    )
    if not found.total:
        kind, field = "org", ORG
        found = searcher.search(
            "",
            filters={ORG: (name,)},
            facets=(TAG, SPEAKER, ORG, PUBLISHED),
            limit=1,
            snippets=False,
        )
    if not found.total and not quotes.total:
        return None
    spelled = [c.value for c in found.facets.get(field, ()) if normalize_name(c.value) == wanted]
    display = spelled[0] if spelled else quotes.quotes[0].speaker if quotes.quotes else name
    alongside = tuple(c for c in found.facets.get(SPEAKER, ()) if normalize_name(c.value) != wanted)
    return SpeakerSummary(
        name=display,
        kind=quotes.quotes[0].kind if quotes.quotes else kind,
        articles=found.total,
        quotes=quotes,
        timeline=build_timeline(found.facets.get(PUBLISHED, ())),
        tags=found.facets.get(TAG, ()),
        alongside=alongside,
    )


def site_name(url: str) -> str:
    """The site a URL belongs to, as people write it (host without ``www.``), or "".

    >>> site_name("https://www.ncr-iran.org/en/news/x/")
    'ncr-iran.org'
    >>> site_name("not a url")
    ''
    """
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def cite(quote: QuoteHit, *, url: str = "", site: str = "") -> str:
    """A one-line citation of ``quote``: who, the words, where and when it was published.

    >>> from search.results import QuoteHit
    >>> q = QuoteHit("We demand justice.", "Philip Luther", "person", "ae5c", "The UN Must Act",
    ...              0, 18, date="2019-03-22")
    >>> cite(q, url="https://www.example.org/un-must-act")
    'Philip Luther: “We demand justice.” In “The UN Must Act”, example.org, 2019-03-22. https://www.example.org/un-must-act'
    """
    where = [f"“{quote.title}”"]
    site = site or site_name(url)
    if site:
        where.append(site)
    if quote.date:
        where.append(quote.date + (" (date inferred from the text)" if quote.date_inferred else ""))
    text = f"{quote.speaker}: “{' '.join(quote.text.split())}” In {', '.join(where)}."
    return f"{text} {url}" if url else text
