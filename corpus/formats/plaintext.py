"""Reader for plain text and Markdown files holding one article each.

The first line with words (without a Markdown ``#`` marker; an empty heading is passed over) is
the title and the rest is the body,
paragraphs kept apart by blank lines. Archive dumps have their own reader, which comes first.
"""

from __future__ import annotations

import re

from corpus.article import Article, article_id, normalize_space
from corpus.source import Source, looks_binary

__all__ = ["READER", "parse_plaintext"]

_SUFFIXES = ("", ".txt", ".text", ".md", ".markdown")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def parse_plaintext(text: str, source_path: str = "") -> list[Article]:
    """Read one article from plain text or Markdown; none when there is no text.

    The title is the first line with words: an empty heading (``#`` alone) before it is left out.

    >>> parse_plaintext("# \\n## Budget talks\\nThey met.")[0].title
    'Budget talks'
    """
    lines = text.strip().splitlines()
    while lines and not normalize_space(_HEADING.sub("", lines[0] + " ")).strip("#"):
        del lines[0]
    if not lines:
        return []
    title = normalize_space(_HEADING.sub("", lines[0]))
    rest = "\n".join(lines[1:])
    blocks = [normalize_space(_HEADING.sub("", b)) for b in re.split(r"\n\s*\n", rest)]
    body = "\n\n".join(b for b in blocks if b)
    if not title:
        return []
    return [
        Article(
            id=article_id(title=title, body=body),
            title=title,
            body=body,
            source_path=source_path,
            source_format="plaintext",
        )
    ]


class _PlainTextReader:
    name = "plaintext"

    def sniff(self, source: Source) -> bool:
        return source.suffix in _SUFFIXES and not looks_binary(source.data)

    def parse(self, source: Source) -> list[Article]:
        return parse_plaintext(source.text, source.path)


READER = _PlainTextReader()
