"""Spelling suggestions ("did you mean …?") from the index's own vocabulary.

A query word whose stem no article holds is replaced by the nearest stem that articles do
hold (within one edit for short words, two for longer ones; the most frequent wins). Stems are
not words, so the suggestion shows the word as an article actually wrote it. The index is
reached through a :class:`Vocabulary` of plain callables, so this module needs no engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["SUGGEST_BELOW", "Vocabulary", "suggest"]

SUGGEST_BELOW = 3
"""Suggest a correction when a query finds fewer articles than this."""


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


def _correction(vocabulary: Vocabulary, term: str) -> str | None:
    if vocabulary.doc_frequency(term):
        return None
    candidates = [
        (vocabulary.doc_frequency(c), c)
        for c in vocabulary.nearby(term, _max_edits(term))
        if c != term
    ]
    return max(candidates)[1] if candidates else None


def suggest(text: str, analyzer: Callable[..., Iterable], vocabulary: Vocabulary) -> str | None:
    """Return ``text`` with misspelled words corrected, or None when nothing needs it.

    >>> words = {"montazeri": 1}
    >>> vocab = Vocabulary(lambda t: words.get(t, 0), lambda t, n: ["montazeri"], str.title)
    >>> from indexer.analysis import news_analyzer
    >>> suggest("Montazary", news_analyzer(), vocab)
    'Montazeri'
    """
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        terms = [t.text for t in analyzer(word)]
        if len(terms) != 1:
            return word
        correction = _correction(vocabulary, terms[0])
        if correction is None:
            return word
        changed = True
        return vocabulary.surface(correction)

    # Words only: not field names, not wildcard, fuzzy or boosted terms.
    fixed = re.sub(r"(?<![\w:])[^\W\d_][\w'’]*(?![\w*?~^:])", fix, text)
    return fixed if changed else None
