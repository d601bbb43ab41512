"""Spelling suggestions ("did you mean …?") from the index's own vocabulary.

A query word whose stem no article holds is replaced by the nearest stem that articles do
hold (within one edit for short words, two for longer ones; the most frequent wins). Stems are
not words, so the suggestion shows the word as an article actually wrote it: the first token of
one matching article whose stem is the correction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from whoosh import query as wq
from whoosh.searching import Searcher as WhooshSearcher

from indexer.schema import BODY, TEXT, TITLE

__all__ = ["SUGGEST_BELOW", "suggest"]

SUGGEST_BELOW = 3
"""Suggest a correction when a query finds fewer articles than this."""


def _max_edits(term: str) -> int:
    return 1 if len(term) < 6 else 2


def _correction(searcher: WhooshSearcher, term: str) -> str | None:
    reader = searcher.reader()
    if reader.doc_frequency(TEXT, term):
        return None
    candidates = [
        (reader.doc_frequency(TEXT, c), c)
        for c in reader.terms_within(TEXT, term, _max_edits(term), prefix=1)
        if c != term
    ]
    return max(candidates)[1] if candidates else None


def _surface(searcher: WhooshSearcher, stem: str, analyzer: Callable[..., Iterable]) -> str:
    """The word as some article wrote it, for a stem."""
    for docnum in searcher.docs_for_query(wq.Term(TEXT, stem)):
        stored = searcher.stored_fields(docnum)
        text = stored.get(TITLE, "") + "\n" + stored.get(BODY, "")
        for token in analyzer(text, chars=True):
            if token.text == stem:
                return re.sub(r"['’]s$", "", text[token.startchar : token.endchar])
    return stem


def suggest(searcher: WhooshSearcher, text: str, analyzer: Callable[..., Iterable]) -> str | None:
    """Return ``text`` with misspelled words corrected, or None when nothing needs it."""
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        terms = [t.text for t in analyzer(word)]
        if len(terms) != 1:
            return word
        correction = _correction(searcher, terms[0])
        if correction is None:
            return word
        changed = True
        return _surface(searcher, correction, analyzer)

    # Words only: not field names, not wildcard, fuzzy or boosted terms.
    fixed = re.sub(r"(?<![\w:])[^\W\d_][\w'’]*(?![\w*?~^:])", fix, text)
    return fixed if changed else None
