"""Quotation spans in an article body, before anyone is attributed.

:func:`find_quotes` scans the body paragraph by paragraph with a small stack of open marks:

* double marks of every kind open a quotation: straight ``"``, curly “ and „, guillemets « »;
  a curly or straight double mark inside an open one nests, so “… “justify” …” is one quote;
* a curly ‘ opens a single-quoted quotation; its ’ closes only next to punctuation, so the
  apostrophe in "mullahs’ former" does not end it;
* a quotation still open at the end of a paragraph continues when the next paragraph opens with a
  quotation mark (news style for a speech over several paragraphs), and otherwise ends with the
  paragraph, marked ``closed=False``.

Each :class:`QuoteSpan` keeps the offsets of the text (without marks, white space and trailing
comma) and of the marks themselves, which the attribution step looks around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’", "‹": "›"}
_MARKS = re.compile('[“”„«»"‘’‹›]')
_DOUBLE = frozenset('“„«"')
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: its text offsets, mark offsets and the paragraphs it covers."""

    start: int
    end: int
    open_at: int
    close_at: int  # offset of the closing mark, or of the paragraph end when unclosed
    closed: bool
    first_par: int
    last_par: int


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the body's paragraphs (split at blank lines).

    >>> paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    spans, pos = [], 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        if body[pos : match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if body[pos:].strip():
        spans.append((pos, len(body)))
    return spans


def _prev(body: str, i: int) -> str:
    return body[i - 1] if i > 0 else " "


def _next(body: str, i: int) -> str:
    return body[i + 1] if i + 1 < len(body) else " "


def _can_open(body: str, i: int) -> bool:
    mark = body[i]
    if mark in '"‘':
        return (_prev(body, i).isspace() or _prev(body, i) in "([{—–-/:") and not _next(
            body, i
        ).isspace()
    return True


def _can_close(body: str, i: int, nested: bool) -> bool:
    mark = body[i]
    if mark == '"':
        return not _prev(body, i).isspace()
    if mark == "’":
        after, before = _next(body, i), _prev(body, i)
        if after.isalpha():
            return False  # an apostrophe inside a word: don’t
        return nested or before in ",.!?" or after in ",.;:!?"
    return True


def _text_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:"):
        end -= 1
    return start, end


def _continues(body: str, par: tuple[int, int]) -> int | None:
    """Offset just after an opening mark that starts paragraph ``par``, if there is one."""
    start = par[0]
    while start < par[1] and body[start].isspace():
        start += 1
    if start < par[1] and body[start] in _CLOSERS and body[start] != "‹":
        return start + 1
    return None


def find_quotes(body: str) -> list[QuoteSpan]:
    """Return every quotation in ``body`` in order, outermost only.

    >>> [body[q.start:q.end] for body in ['“We won,” he said.'] for q in find_quotes(body)]
    ['We won']
    """
    pars = paragraphs(body)
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (closing marks, offset of the opening mark)
    first_par = 0
    p = 0
    i = pars[0][0] if pars else 0
    while p < len(pars):
        end = pars[p][1]
        while i < end:
            mark = _MARKS.search(body, i, end)
            if mark is None:
                break
            i = mark.start()
            ch = body[i]
            level = next(
                (
                    k
                    for k in range(len(stack) - 1, -1, -1)
                    if ch in stack[k][0] and (ch in '”»›"“' or k == len(stack) - 1)
                ),
                None,
            )
            if level is not None and _can_close(body, i, nested=level > 0):
                open_at = stack[0][1]
                del stack[level:]
                if not stack:
                    start, stop = _text_span(body, open_at + 1, i)
                    if start < stop:
                        found.append(QuoteSpan(start, stop, open_at, i, True, first_par, p))
            elif ch in _CLOSERS and (stack or ch in _DOUBLE or ch == "‘") and _can_open(body, i):
                if ch == "‘" and stack and stack[-1][0] == "’":
                    pass  # a stray ‘ inside a single quote: not a nesting level
                else:
                    if not stack:
                        first_par = p
                    stack.append((_CLOSERS[ch], i))
            i += 1
        if stack:
            resume = _continues(body, pars[p + 1]) if p + 1 < len(pars) else None
            if resume is not None:
                stack = stack[:1]
                p, i = p + 1, resume
                continue
            open_at = stack[0][1]
            start, stop = _text_span(body, open_at + 1, end)
            if start < stop:
                found.append(QuoteSpan(start, stop, open_at, end, False, first_par, p))
            stack = []
        p += 1
        if p < len(pars):
            i = pars[p][0]
    return found
