"""The text analysis chain shared by indexing and querying.

The chain is composed Whoosh-style, ``tokenizer | filter | filter``::

    NewsTokenizer  ->  LowercaseFilter  ->  AccentFoldFilter  ->  StopFilter  ->  NltkStemFilter

* :class:`NewsTokenizer` knows news text: curly and straight apostrophes (``Iran’s`` → ``Iran``),
  hyphenated names split into their parts (``Mujahedin-e`` → ``Mujahedin``, ``e``), thousands
  separators dropped (``30,000`` → ``30000``) and dotted acronyms joined (``U.N.`` → ``UN``).
* :class:`AccentFoldFilter` folds accents so ``Montazéri`` matches ``Montazeri``.
* Stop words come from ``indexer/data/stopwords.txt``, shipped with the project.
* :class:`NltkStemFilter` runs NLTK's Snowball stemmer behind a cache, so each distinct word is
  stemmed once per process. Snowball needs no NLTK data download.

The same analyzer object is attached to the ``title``, ``body`` and ``quote`` fields of the
schema, and the query parser analyzes each query term with its field's analyzer, so index and
query cannot drift apart. Whoosh pickles the analyzer into the index: these classes must stay
module-level and picklable, and renaming them needs a new ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from nltk.stem.snowball import SnowballStemmer
from whoosh.analysis import Filter, LowercaseFilter, StopFilter, Token, Tokenizer

__all__ = [
    "STOP_WORDS",
    "AccentFoldFilter",
    "AnalysisConfigError",
    "NewsTokenizer",
    "NewsAnalyzer",
    "NltkStemFilter",
    "SpanTokenizer",
    "SurfaceAnalyzer",
    "analyze",
    "index_terms",
    "news_analyzer",
    "surface_words",
]

_TOKEN = re.compile(
    r"""
    (?P<acronym>(?:[^\W\d_]\.){2,}(?:['’][sS])?)(?![^\W_])   # U.N.  U.S.A.  U.N.’s
    | (?P<number>\d+(?:[.,]\d+)*[^\W_]*)           # 30,000  3.5  1988  40th
    | (?P<word>[^\W\d_][^\W_]*(?:['’][^\W_]+)*)    # words, with inner apostrophes
    """,
    re.VERBOSE,
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


def _load_stop_words() -> frozenset[str]:
    text = resources.files("indexer").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()
"""The stop words dropped from every analyzed field (a short list of function words)."""


class AnalysisConfigError(ValueError):
    """An analyzer was configured with a value it cannot use (e.g. an unknown language)."""


def normalize_token(text: str) -> str:
    """Return the indexable form of one raw token (before lowercasing).

    >>> [normalize_token(t) for t in ("U.N.", "30,000", "Iran’s", "don't")]
    ['UN', '30000', 'Iran', "don't"]
    """
    if text[0].isdigit():
        return _THOUSANDS.sub("", text)
    text = text.replace("’", "'")
    if text[-2:] in ("'s", "'S"):
        text = text[:-2]
    return text.replace(".", "")


class SpanTokenizer(Tokenizer):
    """A tokenizer described by :meth:`spans` alone; this base turns spans into Whoosh tokens.

    Whoosh's tokenizer protocol (positions, character offsets, the original text, a whole value
    as one token) is handled here once, so each tokenizer only says where its tokens are.
    """

    def spans(self, value: str) -> Iterable[tuple[int, str, int, int]]:
        """Yield ``(position, text, start, end)`` for each token of ``value``."""
        raise NotImplementedError

    def whole(self, value: str) -> Iterable[tuple[int, str, int, int]]:
        """The span(s) used when Whoosh asks for the value as a single token."""
        return [(0, value, 0, len(value))]

    def __call__(  # noqa: PLR0913 - the signature is Whoosh's Tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one reused :class:`Token` per span (Whoosh reuses it for speed)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text, start, end in self.spans(value) if tokenize else self.whole(value):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class NewsTokenizer(SpanTokenizer):
    """Split news text into word tokens, with news-specific normalization.

    >>> [t.text for t in NewsTokenizer()("The U.N.’s 30,000 Mujahedin-e")]
    ['The', 'UN', '30000', 'Mujahedin', 'e']
    """

    def spans(self, value: str) -> Iterator[tuple[int, str, int, int]]:
        """Yield each word, normalized, at its position among all words."""
        for index, match in enumerate(_TOKEN.finditer(value)):
            text = normalize_token(match.group())
            if text:
                yield index, text, match.start(), match.end()


class AccentFoldFilter(Filter):
    """Remove accents from non-ASCII tokens (``é`` → ``e``); ASCII tokens pass untouched."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Fold each token's text in place."""
        for t in tokens:
            if not t.text.isascii():
                t.text = fold_accents(t.text)
            yield t


@lru_cache(maxsize=65536)
def fold_accents(text: str) -> str:
    """Return ``text`` without combining accent marks.

    >>> fold_accents("Montazéri")
    'Montazeri'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _cached_stem(language: str):  # noqa: ANN202 - returns the cached bound method
    """One cached ``stem`` function per language, shared by every filter in the process."""
    return lru_cache(maxsize=500_000)(SnowballStemmer(language).stem)


class NltkStemFilter(Filter):
    """Stem each token with NLTK's Snowball stemmer, caching every distinct word.

    Only the language name is kept on the object (it is pickled into the index); the stemmer is
    built on first use.

    >>> [t.text for t in NltkStemFilter("english")(NewsTokenizer()("executions executed"))]
    ['execut', 'execut']
    """

    def __init__(self, language: str = "english") -> None:
        if language not in SnowballStemmer.languages:
            choices = ", ".join(sorted(SnowballStemmer.languages))
            raise AnalysisConfigError(
                f"unknown stemmer language {language!r}; choose from {choices}"
            )
        self.language = language

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Replace each token's text by its stem."""
        stem = _cached_stem(self.language)
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


def news_analyzer(language: str = "english"):  # noqa: ANN201 - a Whoosh CompositeAnalyzer
    """Build the analysis chain used for every full-text field."""
    return (
        NewsTokenizer()
        | LowercaseFilter()
        | AccentFoldFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | NltkStemFilter(language)
    )


class NewsAnalyzer(SpanTokenizer):
    """The whole chain of :func:`news_analyzer` as one step, for the schema's text fields.

    Composed filters pass a token through five generators; this does the same work in one
    loop (see :func:`index_terms`), which makes indexing noticeably faster. It yields exactly
    what the composed chain yields, stop words included when Whoosh asks to keep them; a
    property test compares the two on arbitrary text.

    >>> [t.text for t in NewsAnalyzer()("The executions of U.N. staff")]
    ['execut', 'un', 'staff']
    """

    def __init__(self, language: str = "english") -> None:
        NltkStemFilter(language)  # validates the language
        self.language = language

    def spans(self, value: str) -> list[tuple[int, str, int, int]]:
        """The indexed terms of ``value`` with their positions and offsets."""
        return index_terms(value, self.language)

    def __call__(  # noqa: PLR0913 - the signature is Whoosh's Tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one reused :class:`Token` per indexed term of ``value``."""
        options: dict[str, Any] = {
            "positions": positions,
            "chars": chars,
            "keeporiginal": keeporiginal,
            "removestops": removestops,
            "start_pos": start_pos,
            "start_char": start_char,
            "tokenize": tokenize,
            "mode": mode,
            **kwargs,
        }
        if not tokenize or not removestops:
            # Rare paths (a whole value as one token, stop words kept): the composed chain.
            return news_analyzer(self.language)(value, **options)
        return super().__call__(value, **options)


def index_terms(text: str, language: str = "english") -> list[tuple[int, str, int, int]]:
    """Return ``(position, term, start, end)`` for every term the chain indexes in ``text``.

    The same steps as :func:`news_analyzer` in one loop, without Whoosh's token objects: a
    few times faster, for work that re-reads stored text (highlighting, feedback). A test
    checks that both always agree.

    >>> index_terms("The executions of U.N. staff")
    [(1, 'execut', 4, 14), (2, 'un', 18, 22), (3, 'staff', 23, 28)]
    """
    stem = _cached_stem(language)
    terms: list[tuple[int, str, int, int]] = []
    for index, match in enumerate(_TOKEN.finditer(text)):
        word = normalize_token(match.group()).lower()
        if not word.isascii():
            word = fold_accents(word)
        if not word or word in STOP_WORDS:
            continue
        # As Whoosh's StopFilter renumbers: the first kept word keeps its place, the next
        # ones follow it without gaps.
        position = terms[-1][0] + 1 if terms else index
        terms.append((position, stem(word), match.start(), match.end()))
    return terms


def surface_words(text: str) -> list[tuple[int, str, int, int]]:
    """The words of ``text`` as typed, lowercased and without accents, stop words left out.

    The same tokens as :func:`index_terms`, before stemming: the vocabulary that fuzzy and
    prefix queries are matched against, so ``saudy~1`` reaches *saudi* and not the stem
    ``studi`` (of *study*).

    >>> [w for _, w, _, _ in surface_words("The studies of Saudi Arabia’s oil")]
    ['studies', 'saudi', 'arabia', 'oil']
    """
    words: list[tuple[int, str, int, int]] = []
    for index, match in enumerate(_TOKEN.finditer(text)):
        word = normalize_token(match.group()).lower()
        if not word.isascii():
            word = fold_accents(word)
        if word and word not in STOP_WORDS:
            words.append((index, word, match.start(), match.end()))
    return words


class SurfaceAnalyzer(SpanTokenizer):
    """The words of a text as typed (see :func:`surface_words`), for the surface vocabulary."""

    def spans(self, value: str) -> list[tuple[int, str, int, int]]:
        """Each surface word with its position and offsets."""
        return surface_words(value)


def analyze(text: str, language: str = "english") -> list[str]:
    """Return the terms ``text`` is indexed under (a convenience for tests and ``explain``).

    >>> analyze("The U.N. investigated the executions of 30,000 prisoners")
    ['un', 'investig', 'execut', '30000', 'prison']
    """
    return [term for _, term, _, _ in index_terms(text, language)]
