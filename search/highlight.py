"""Highlighting: which words of a text match a query, and which passages to show.

Two steps, each a plain function so they can be tested and replaced alone:

1. :func:`find_matches` re-analyzes the text into terms (the caller passes the index's own
   term function, so highlighting sees what indexing saw) and marks every token whose term the
   query looks for (so ``executions`` marks ``executed``: both stem to
   ``execut``), and every occurrence of a query phrase as one span from its first word to its
   last; words that the query only asks for inside a phrase are marked only there.
2. :func:`make_snippets` cuts the text into sentences, scores each by the distinct terms and the
   matches it holds, keeps the best few in text order and trims long ones around their first
   match at a clause or word boundary.

The result is a list of :class:`Snippet` values with match offsets; formatting them (colour,
``[[marks]]``, HTML, JSON) is :mod:`search.render`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from search.sentences import sentence_spans

__all__ = ["MatchSpec", "Snippet", "find_matches", "lead_snippet", "make_snippets"]

_CLAUSE = re.compile(r"[,;:–—]\s")
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of a field's text: ``text`` starts at ``start`` in the field and ends at ``end``.

    ``spans`` are ``(start, end)`` offsets of the matches inside ``text``. ``text`` may begin or
    end with an ellipsis when the passage was cut out of a longer sentence.
    """

    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class MatchSpec:
    """What to highlight in one field: single terms and phrases (terms in order, with slop)."""

    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[tuple[str, ...], int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


TermsOf = Callable[[str], Sequence[tuple[int, str, int, int]]]
"""Text -> (position, term, start, end) for each indexed term, as the index analyzed it."""


def _phrase_spans(
    tokens: Sequence[tuple[int, str, int, int]], words: tuple[str, ...], slop: int
) -> list[tuple[int, int]]:
    spans = []
    for i, (pos, text, start, _end) in enumerate(tokens):
        if text != words[0]:
            continue
        last_pos, last_end, j = pos, tokens[i][3], i + 1
        for word in words[1:]:
            while j < len(tokens) and tokens[j][0] <= last_pos + slop and tokens[j][1] != word:
                j += 1
            if j >= len(tokens) or tokens[j][0] > last_pos + slop:
                break
            last_pos, last_end = tokens[j][0], tokens[j][3]
            j += 1
        else:
            spans.append((start, last_end))
    return spans


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_matches(text: str, terms_of: TermsOf, spec: MatchSpec) -> list[tuple[int, int]]:
    """Return the sorted, non-overlapping character spans of ``text`` that ``spec`` matches."""
    if not spec or not text:
        return []
    tokens = list(terms_of(text))
    spans = [(start, end) for _, term, start, end in tokens if term in spec.terms]
    for words, slop in spec.phrases:
        if words:
            spans.extend(_phrase_spans(tokens, words, max(1, slop)))
    return _merge(spans)


def _sentences(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text)


def _trim(text: str, start: int, end: int, first_match: int, size: int) -> tuple[int, int]:
    """Narrow [start, end) to about ``size`` characters around ``first_match``."""
    if end - start <= size:
        return start, end
    lo = max(start, first_match - size // 3)
    if lo > start:
        clause = _CLAUSE.search(text, lo - size // 4, first_match)
        lo = clause.end() if clause else text.find(" ", lo, first_match) + 1 or lo
    hi = min(end, lo + size)
    if hi < end:
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > first_match else hi
    return lo, hi


def _flat(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with every run of white space (newlines too) made one space; spans moved along.

    >>> _flat("a\\n\\n  bc d", ((5, 7),))
    ('a bc d', ((2, 4),))
    """
    out: list[str] = []
    where: list[int] = []  # where[i]: index in the flat text of character i
    for ch in text:
        where.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    where.append(len(out))
    return "".join(out), tuple((where[a], min(where[b], len(out))) for a, b in spans)


def _snippet(text: str, lo: int, hi: int, spans: list[tuple[int, int]], cut: tuple[int, int]):
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    prefix = ELLIPSIS if lo > cut[0] else ""
    suffix = ELLIPSIS if hi < cut[1] else ""
    inside = tuple(
        (max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo
    )
    flat, inside = _flat(text[lo:hi], inside)
    inside = tuple((a + len(prefix), b + len(prefix)) for a, b in inside)
    return Snippet(prefix + flat + suffix, lo, hi, inside)


def make_snippets(
    text: str, spans: list[tuple[int, int]], *, fragments: int = 3, size: int = 240
) -> list[Snippet]:
    """Choose up to ``fragments`` passages of ``text`` showing the matches in ``spans``."""
    if not spans:
        return []
    scored = []
    for start, end in _sentences(text):
        inside = [(s, e) for s, e in spans if s < end and e > start]
        if inside:
            distinct = len({text[s:e].casefold() for s, e in inside})
            scored.append((distinct * 10 + len(inside), -start, start, end, inside))
    # The same sentence twice (a repeated paragraph) is shown once.
    best, seen = [], set()
    for item in sorted(scored, reverse=True):
        key = " ".join(text[item[2] : item[3]].split()).casefold()
        if key not in seen:
            seen.add(key)
            best.append(item)
        if len(best) == fragments:
            break
    result = []
    for _, _, start, end, inside in sorted(best, key=lambda item: item[2]):
        lo, hi = _trim(text, start, end, inside[0][0], size)
        result.append(_snippet(text, lo, hi, inside, (start, end)))
    return result


def lead_snippet(text: str, *, size: int = 240) -> Snippet | None:
    """The opening of ``text``, for hits whose match is not in it (a title or tag match)."""
    sentences = _sentences(text)
    if not sentences:
        return None
    start, end = sentences[0]
    lo, hi = _trim(text, start, end, start, size)
    return _snippet(text, lo, hi, [], (start, end))
