"""Parsing what the user types into a Whoosh query, leniently by default.

The query language (documented in the README) is Lucene-like: bare words search ``title`` and
``body``; ``"phrases"`` and ``"phrases"~N``; ``AND``/``OR``/``NOT``/``-word``/``+word``;
``field:value``; ``(grouping)``; ``word^2`` boosts; ``word~`` fuzzy; ``prefix*``; dates on
``date`` and ``mentioned`` (``date:2019``, ``date:[2019-01-01 TO 2019-06-30]``, ``date:>2019-06``).

:func:`parse_query` builds the query with Whoosh's parser plus these rules of ours:

* a double-quoted value on a keyword field (``tag:"1988 Massacre"``) is one exact value,
  not a phrase;
* bare words are grouped by :class:`AnyWords`, an OR that the searcher ranks so that articles
  holding every word come before articles holding some;
* mistakes (unbalanced quotes or brackets, unknown fields, bad dates) become warnings and the
  faulty part matches nothing, or with ``strict=True`` a :class:`~search.errors.QueryError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.matching import AndNotMatcher, RequireMatcher
from whoosh.qparser import (
    FieldsPlugin,
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldParser,
    Plugin,
    PlusMinusPlugin,
    SingleQuotePlugin,
    TaggingPlugin,
    syntax,
)

from indexer.analysis import fold_accents
from indexer.schema import (
    BODY,
    DATE,
    ID,
    KEYWORD_FIELDS,
    MENTIONED,
    QUOTE,
    SURFACE,
    TEXT,
    TITLE,
    URL,
    YEAR,
    term_text,
)
from search.datespec import parse_date_spec
from search.errors import BadDateError, QueryError, QuerySyntaxError, UnknownFieldError

__all__ = [
    "DEFAULT_FIELDS",
    "SEARCHABLE_FIELDS",
    "AnyWords",
    "ParsedQuery",
    "Requiring",
    "Without",
    "parse_query",
    "plain_words",
]

DEFAULT_FIELDS = (TEXT,)
"""Where bare words are looked for."""
SEARCHABLE_FIELDS = (TITLE, BODY, TEXT, QUOTE, *KEYWORD_FIELDS, DATE, MENTIONED, YEAR, ID, URL)
ANALYZED_FIELDS = (TEXT, TITLE, QUOTE)
_ALIASES = {BODY: TEXT}
"""``body:`` searches the article text (the body is stored, not indexed apart)."""
"""Field names a user may write before a colon."""
_HIDDEN = "\x00"
MAX_QUERY_CHARS = 4000
"""Longer queries are cut here (with a warning): nothing useful is lost, and time is bounded."""


class AnyWords(wq.Or):
    """The OR that joins bare words: ranked all-words-first by the searcher.

    Unlike a plain OR it keeps each word's clause whole when normalized (a hyphenated word's
    phrase stays one unit), because the searcher counts words. Its matcher reads every clause's
    postings into an array at once, which Whoosh would otherwise only do for small indexes:
    several times faster for long queries, with the same scores.
    """

    matcher_type = wq.Or.ARRAY_MATCHER

    def normalize(self) -> wq.Query:
        """Normalize the clauses, drop empty ones, and unwrap a single clause."""
        subs = []
        for sub in self.subqueries:
            sub = sub.normalize()
            if sub is not wq.NullQuery and sub not in subs:
                subs.append(sub)
        banned = [sub.query for sub in subs if isinstance(sub, wq.Not)]
        subs = [sub for sub in subs if not isinstance(sub, wq.Not)]
        if not subs:
            return wq.NullQuery
        if len(subs) == 1:
            kept = subs[0] if self.boost == 1.0 else subs[0].with_boost(self.boost)
        else:
            kept = AnyWords(subs, boost=self.boost)
        # "a b NOT c" means (a b) without c, as in every Lucene-style engine.
        return Without(kept, wq.Or(banned)).normalize() if banned else kept


class _ExcludingMatcher(AndNotMatcher):
    """Whoosh's AndNotMatcher with its start fixed.

    Whoosh 2.7.4 only skips the first match of ``a`` when ``b`` happens to be positioned on the
    same document; when ``b``'s first document comes earlier, ``a``'s first match is let
    through even if ``b`` holds it. Here the excluded side is always moved up to it first.
    """

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class Without(wq.AndNot):
    """``a`` without every article that ``b`` matches (``a NOT b``, ``a -b``, ``a ANDNOT b``).

    Scored by ``a`` alone; uses :class:`_ExcludingMatcher` so no excluded article gets through.
    """

    def matcher(self, searcher, context=None):  # noqa: ANN001, ANN201 - Whoosh's protocol
        """Match ``a``'s documents that ``b`` does not match."""
        return _ExcludingMatcher(
            self.a.matcher(searcher, context), self.b.matcher(searcher, searcher.boolean_context())
        )


class Requiring(wq.Require):
    """``a REQUIRE b``: ``a``'s articles that also match ``b``, scored by ``a``.

    Whoosh 2.7.4's ``Require`` builds an and-not matcher, which returns the opposite.
    """

    def matcher(self, searcher, context=None):  # noqa: ANN001, ANN201 - Whoosh's protocol
        """Match the documents both sides match, with ``a``'s scores."""
        return RequireMatcher(
            self.a.matcher(searcher, context), self.b.matcher(searcher, searcher.boolean_context())
        )


def _safe_booleans(q: wq.Query) -> wq.Query:
    """Replace Whoosh's ``AndNot`` and ``Require`` (anywhere in ``q``) by the fixed classes."""
    if isinstance(q, wq.AndNot) and not isinstance(q, Without):
        q = Without(q.a, q.b)
    elif isinstance(q, wq.Require) and not isinstance(q, Requiring):
        q = Requiring(q.a, q.b)
    return q if q.is_leaf() else q.apply(_safe_booleans)


class _OnSurface(wq.MultiTerm):
    """A fuzzy, prefix or wildcard term matched against the words as typed, then stemmed.

    The index's terms are stems, and a pattern run on stems matches the wrong words (``saudy~1``
    reaches ``studi``, the stem of *study*; ``investigat*`` misses ``investig``). These queries
    find the words the articles really contain in the ``surface`` vocabulary, analyze each one
    as the field does, and search the stems that result.
    """

    fieldname: str
    text: str

    def _surface(self) -> wq.MultiTerm:
        """The same pattern on the surface vocabulary."""
        raise NotImplementedError

    def _btexts(self, ixreader):  # noqa: ANN001, ANN202 - Whoosh's MultiTerm protocol
        if SURFACE not in ixreader.schema:  # an index without the vocabulary: match stems
            yield from super()._btexts(ixreader)
            return
        field = ixreader.schema[self.fieldname]
        seen = set()
        for word in self._surface()._btexts(ixreader):
            for stem in field.process_text(term_text(word), mode="index"):
                if stem not in seen and ixreader.doc_frequency(self.fieldname, stem):
                    seen.add(stem)
                    yield stem


def _folded(text: str) -> str:
    return fold_accents(text.lower())


class SurfaceFuzzy(_OnSurface, wq.FuzzyTerm):
    """``word~N``: stems of the words within N edits of ``word`` as typed."""

    @classmethod
    def like(cls, q: wq.FuzzyTerm) -> SurfaceFuzzy:
        """The surface version of a parsed fuzzy term (its text as typed)."""
        return cls(q.fieldname, _folded(q.text), q.boost, q.maxdist, q.prefixlength)

    def _surface(self) -> wq.MultiTerm:
        return wq.FuzzyTerm(
            SURFACE, self.text, maxdist=self.maxdist, prefixlength=self.prefixlength
        )


class SurfacePrefix(_OnSurface, wq.Prefix):
    """``word*``: stems of the words that start with ``word``."""

    @classmethod
    def like(cls, q: wq.Prefix) -> SurfacePrefix:
        """The surface version of a parsed prefix."""
        return cls(q.fieldname, _folded(q.text), boost=q.boost)

    def _surface(self) -> wq.MultiTerm:
        return wq.Prefix(SURFACE, self.text)


class SurfaceWildcard(_OnSurface, wq.Wildcard):
    """``w?rd``, ``inv*ion``: stems of the words the pattern matches."""

    @classmethod
    def like(cls, q: wq.Wildcard) -> SurfaceWildcard:
        """The surface version of a parsed wildcard."""
        return cls(q.fieldname, _folded(q.text), boost=q.boost)

    def _surface(self) -> wq.MultiTerm:
        return wq.Wildcard(SURFACE, self.text)


_ON_SURFACE: dict[type, Any] = {
    wq.FuzzyTerm: SurfaceFuzzy,
    wq.Prefix: SurfacePrefix,
    wq.Wildcard: SurfaceWildcard,
}


class _RawFuzzyPlugin(FuzzyTermPlugin):
    """``word~N`` keeps ``word`` as typed (Whoosh stems it first), for :class:`SurfaceFuzzy`."""

    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser: MultifieldParser) -> wq.Query:
            if self.fieldname in ANALYZED_FIELDS:
                return SurfaceFuzzy(
                    self.fieldname, _folded(self.text), self.boost, self.maxdist, self.prefixlength
                )
            return super().query(parser)


class _DateNode(syntax.SyntaxNode):
    """``date:...`` or ``mentioned:...`` as one node: the whole value is a date spec."""

    has_text = False

    def __init__(self, name: str, spec: str) -> None:
        self.name = name
        self.spec = spec
        self.fieldname = name
        self.boost = 1.0

    def r(self) -> str:
        return f"<date {self.name}:{self.spec}>"

    def query(self, parser: MultifieldParser) -> wq.Query:
        try:
            start, end = parse_date_spec(self.spec)
        except BadDateError as exc:
            return _Invalid(f"{self.name}:{self.spec}: {exc}")
        return wq.DateRange(self.name, start, end)


class _Invalid(wq.NullQuery.__class__):
    """A clause that matches nothing and remembers why."""

    def __init__(self, error: str) -> None:
        self.error = error

    def field(self) -> str | None:
        return None


class _HiddenFieldsPlugin(Plugin):
    """Rename fields a user may not search so Whoosh treats them as unknown, not stored-only."""

    def filters(self, parser: MultifieldParser) -> list:
        return [(self.hide, 105)]

    def hide(self, parser: MultifieldParser, group: syntax.GroupNode) -> syntax.GroupNode:
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self.hide(parser, node)
            elif getattr(node, "fieldname", None) in _ALIASES:
                node.fieldname = _ALIASES[node.fieldname]
            elif getattr(node, "fieldname", None) and node.fieldname not in SEARCHABLE_FIELDS:
                node.fieldname = _HIDDEN + node.fieldname
        return group


class _PlusMinusPlugin(PlusMinusPlugin):
    """``+word`` and ``-word`` only at the start of a word; optional words form :class:`AnyWords`.

    Hyphens inside words stay part of the word (``Mujahedin-e``).
    """

    def __init__(self) -> None:
        super().__init__(plusexpr=r"(?<![^\s(])\+(?=\S)", minusexpr=r"(?<![^\s(])-(?=\S)")

    def do_plusminus(self, parser: MultifieldParser, group: syntax.GroupNode) -> syntax.GroupNode:
        required, optional, banned = syntax.AndGroup(), _AnyWordsGroup(), syntax.OrGroup()
        target = optional
        for node in group:
            if isinstance(node, self.Plus):
                target = required
            elif isinstance(node, self.Minus):
                target = banned
            else:
                target.append(node)
                target = optional
        result: syntax.GroupNode = optional
        if required:
            result = syntax.AndMaybeGroup([required, result]) if optional else required
        if banned:
            result = syntax.AndNotGroup([result, banned])
        return result


class _DatePlugin(TaggingPlugin):
    """Reads dates on the date fields before Whoosh's own plugins see the text."""

    priority = -2
    expr = (
        rf"(?<![\w.])(?P<name>{DATE}|{MENTIONED}):"
        r"(?P<spec>[\[{][^\]}]*[\]}]|[<>]=?[^\s()]+|=[<>][^\s()]+|[^\s()]+)"
    )

    def create(self, parser: MultifieldParser, match: re.Match[str]) -> _DateNode:
        return _DateNode(match["name"], match["spec"])


class _AnyWordsGroup(syntax.OrGroup):
    qclass = AnyWords


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query, ready to run, with what was wrong in the text."""

    text: str
    query: wq.Query
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing in the query can match (e.g. only stop words)."""
        return self.query is wq.NullQuery


_Problem = tuple[str, str, type[QueryError], tuple[int, int] | None]
"""What went wrong in a query: the warning (lenient), the error (strict), its kind, its span."""


def _balance(text: str, problems: list[_Problem]) -> str:
    """Drop an unmatched double quote and unmatched closing brackets; close open ones."""
    quotes = [m.start() for m in re.finditer('"', text)]
    if len(quotes) % 2:
        last = quotes[-1]
        problems.append(
            (
                "unbalanced double quote: ignored it",
                f"unbalanced double quote (character {last + 1}): add the closing quote",
                QuerySyntaxError,
                (last, last + 1),
            )
        )
        text = text[:last] + " " + text[last + 1 :]
    depth, out, in_quote = 0, [], False
    for i, ch in enumerate(text):
        if ch == '"':
            in_quote = not in_quote
        elif ch == "(" and not in_quote:
            depth += 1
        elif ch == ")" and not in_quote:
            if depth == 0:
                problems.append(
                    (
                        "unmatched ')': ignored it",
                        f"unmatched ')' (character {i + 1}): remove it or add its '('",
                        QuerySyntaxError,
                        (i, i + 1),
                    )
                )
                out.append(" ")
                continue
            depth -= 1
        out.append(ch)
    if depth:
        problems.append(
            (
                "unclosed '(': closed it at the end",
                "unclosed '(': add its ')'",
                QuerySyntaxError,
                (len(text), len(text)),
            )
        )
    return "".join(out) + ")" * depth


def _parser(schema: Schema, fields: tuple[str, ...] = DEFAULT_FIELDS) -> MultifieldParser:
    parser = MultifieldParser(list(fields), schema, group=_AnyWordsGroup)
    parser.remove_plugin_class(SingleQuotePlugin)  # apostrophes are part of words in news text
    parser.remove_plugin_class(FieldsPlugin)
    parser.add_plugin(FieldsPlugin(remove_unknown=False))
    parser.add_plugins(
        [_HiddenFieldsPlugin(), _DatePlugin(), _PlusMinusPlugin(), GtLtPlugin(), _RawFuzzyPlugin()]
    )
    return parser


def _rewrite(q: wq.Query, schema: Schema, problems: list[_Problem]) -> wq.Query:
    """Apply Dossier's rules to every node of a parsed query."""
    error = getattr(q, "error", None)
    if error:
        problems.append((str(error), str(error), BadDateError, None))
        return wq.NullQuery
    name = q.field() if q.is_leaf() else None
    if name is not None and name not in SEARCHABLE_FIELDS:
        fields = ", ".join(SEARCHABLE_FIELDS)
        name = name.lstrip(_HIDDEN)
        message = f"unknown field {name!r}; fields are: {fields}"
        problems.append((message, message, UnknownFieldError, None))
        return wq.NullQuery
    if isinstance(q, wq.Phrase) and q.fieldname in KEYWORD_FIELDS:
        return wq.Term(q.fieldname, " ".join(q.words), boost=q.boost)
    if type(q) in _ON_SURFACE and q.fieldname in ANALYZED_FIELDS:
        return _ON_SURFACE[type(q)].like(q)
    if q.is_leaf():
        return q
    return q.apply(lambda sub: _rewrite(sub, schema, problems))


_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE", "TO"})
_SYNTAX = re.compile(r"[\"():^~*?+\[\]{}<>=\\/-]|\b(?:AND|OR|NOT|TO)\b")


def plain_words(text: str) -> str:
    """Neutralize query syntax so ``text`` is read as words only.

    Hyphens go too: in pasted prose ``IL-6`` or ``long-term`` should find either part, not only
    the exact compound.

    >>> plain_words('Vitamin D: does it "prevent" fractures? NOT proven')
    'Vitamin D  does it  prevent  fractures    proven'
    """
    return _SYNTAX.sub(" ", text)


def _words_only(text: str, schema: Schema, fields: tuple[str, ...]) -> wq.Query:
    """The query's words alone, when its operators cannot be parsed (never raises)."""
    words = " ".join(w for w in re.findall(r"\w+", text) if w not in _OPERATORS)
    if not words:
        return wq.NullQuery
    try:
        return _parser(schema, fields).parse(words).normalize()
    except Exception:  # noqa: BLE001 - a last resort must not raise either
        return wq.NullQuery


def parse_query(
    text: str,
    schema: Schema,
    *,
    strict: bool = False,
    plain: bool = False,
    fields: tuple[str, ...] = DEFAULT_FIELDS,
) -> ParsedQuery:
    """Parse ``text`` against ``schema``; bare words search ``fields``.

    :param strict: raise on the first mistake instead of warning and matching nothing for it.
    :param plain: read ``text`` as plain words: operators, fields and quotes lose their meaning.
    :raises QueryError: only when ``strict`` is true.
    """
    problems: list[_Problem] = []
    original = text
    if plain:
        text = plain_words(text)
    if len(text) > MAX_QUERY_CHARS:
        problems.append(
            (
                f"query cut to its first {MAX_QUERY_CHARS:,} characters",
                f"the query is {len(text):,} characters long, over the limit of "
                f"{MAX_QUERY_CHARS:,}: shorten it",
                QueryError,
                None,
            )
        )
        text = text[:MAX_QUERY_CHARS]
    text = _balance(text, problems)
    if strict and problems:
        _, message, kind, span = problems[0]
        raise kind(message, span)
    try:
        q = _parser(schema, fields).parse(text)
    except Exception:  # noqa: BLE001 - Whoosh's parser raises anything on operator soup
        if strict:
            raise QuerySyntaxError(
                "cannot make sense of its operators (e.g. 'NOT NOT', 'AND OR'): "
                "remove the extra ones"
            ) from None
        problems.append(
            (
                "could not read its operators; searched its words instead",
                "",
                QuerySyntaxError,
                None,
            )
        )
        q = _words_only(text, schema, fields)
    try:
        q = _safe_booleans(_rewrite(q, schema, problems).normalize())
    except Exception:  # noqa: BLE001 - same: never let a parse tree we cannot rewrite escape
        if strict:
            raise QuerySyntaxError("cannot make sense of the query's structure") from None
        problems.append(
            ("could not read the query; searched its words instead", "", QueryError, None)
        )
        q = _words_only(text, schema, fields)
    if strict and problems:
        _, message, kind, span = problems[0]
        raise kind(message, span)
    warnings = [message for message, _, _, _ in problems]
    if q is wq.NullQuery and text.strip() and not warnings:
        warnings.append("the query has no searchable words (only stop words or punctuation)")
    return ParsedQuery(original, q, tuple(warnings))
