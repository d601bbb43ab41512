"""Spelling suggestions ("did you mean …?") from the index's own vocabulary.

A query word whose stem no article holds is replaced by the nearest stem that articles do
hold (within one edit for short words, two for longer ones; the most frequent wins). So is a
word that a few articles hold when a near spelling is far more common: *Volker* (one Reuters
article, itself a misspelling) gets *Volcker* (122), even though the query found something.
Stems are not words, so the suggestion shows the word as an article actually wrote it. The
index is reached through a :class:`Vocabulary` of plain callables, so this module needs no
engine; only rare words are looked up, so common queries cost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["MORE_COMMON", "RARE", "RARE_LENGTH", "SUGGEST_BELOW", "Vocabulary", "suggest"]

SUGGEST_BELOW = 3
"""Below this many articles found, every query word is checked."""
RARE = 3
"""A word held by at most this many articles may be a misspelling of a more common one."""
MORE_COMMON = 20
"""... when a spelling one edit away is held by at least this many times as many articles."""
RARE_LENGTH = 6
"""... and it has at least this many letters: short rare words are mostly names and codes
(on Reuters, *sono*, *welb*, *usmx* would otherwise become *sons*, *well*, *USX*)."""


class Vocabulary:
    """What spelling needs from an index, as plain callables (the searcher provides them).

    :param doc_frequency: how many articles hold a term.
    :param nearby: the terms within ``n`` edits of a term (sharing its first letter).
    :param surface: the word as an article wrote it, for a term.
    """

    def __init__(
        self,
        doc_frequency: Callable[[str], int],
        nearby: Callable[[str, int], Iterable[str]],
        surface: Callable[[str], str],
    ) -> None:
        self.doc_frequency = doc_frequency
        self.nearby = nearby
        self.surface = surface


def _max_edits(term: str) -> int:
    return 1 if len(term) < 6 else 2


def _correction(vocabulary: Vocabulary, term: str, min_length: int) -> str | None:
    if len(term) < min_length:
        return None
    held = vocabulary.doc_frequency(term)
    if held == 0:
        edits = _max_edits(term)
    elif held <= RARE and len(term) >= RARE_LENGTH:
        edits = 1  # a word that exists: only a one-letter slip of a far more common word
    else:
        return None
    nearby = vocabulary.nearby(term, edits)
    candidates = [(vocabulary.doc_frequency(c), c) for c in nearby if c != term]
    if not candidates:
        return None
    count, best = max(candidates)
    return best if count >= MORE_COMMON * held else None


def suggest(
    text: str,
    analyzer: Callable[..., Iterable],
    vocabulary: Vocabulary,
    *,
    found: int = 0,
) -> str | None:
    """Return ``text`` with misspelled words corrected, or None when nothing needs it.

    :param found: how many articles the query found. From :data:`SUGGEST_BELOW` on, only
        words of :data:`RARE_LENGTH` letters or more are looked at: looking up near
        spellings costs milliseconds a word, and a query that works needs fewer hints.

    >>> words = {"montazeri": 1}
    >>> vocab = Vocabulary(lambda t: words.get(t, 0), lambda t, n: ["montazeri"], str.title)
    >>> from indexer.analysis import news_analyzer
    >>> suggest("Montazary", news_analyzer(), vocab)
    'Montazeri'
    >>> words = {"volker": 1, "volcker": 122, "dollar": 500}
    >>> near = lambda t, n: [w for w in words if w[0] == t[0]]
    >>> vocab = Vocabulary(lambda t: words.get(t, 0), near, str.title)
    >>> suggest("Volker dollar", news_analyzer(), vocab)
    'Volcker dollar'
    """
    changed = False
    min_length = 0 if found < SUGGEST_BELOW else RARE_LENGTH

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        terms = [t.text for t in analyzer(word)]
        if len(terms) != 1:
            return word
        correction = _correction(vocabulary, terms[0], min_length)
        if correction is None:
            return word
        changed = True
        return vocabulary.surface(correction)

    # Words only: not field names, not wildcard, fuzzy or boosted terms.
    fixed = re.sub(r"(?<![\w:])[^\W\d_][\w'’]*(?![\w*?~^:])", fix, text)
    return fixed if changed else None
