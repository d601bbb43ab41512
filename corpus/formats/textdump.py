"""Reader for plain-text dumps of WordPress archive pages ("Posts Tagged ‘X’").

Such a dump is what a browser's "save as text" or a copy-paste of a tag archive gives: an optional
page header naming the archive, then for each post its comma-separated tag line, image captions
(which repeat around the title), the title, body paragraphs, an optional byline and a
"Continue Reading" separator, and at the end the site footer.

The reader works line by line: it splits posts at the separators, drops footer lines, takes the
tag line, separates the heading block (title and captions) from the body, and the byline from the
body's end. Which heading line is the title is decided by capitalisation: WordPress titles are in
Title Case, captions are sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.article import Article, article_id, normalize_space
from corpus.source import Source, looks_binary

__all__ = ["READER", "parse_dump"]

_ARCHIVE_HEADER = re.compile(
    r"^\s*(?:posts\s+tagged|posts\s+categorized|tag\s+archives?:?|category\s+archives?:?"
    r"|archive\s+for)\s*[‘'\"“«]?(?P<name>.+?)[’'\"”»]?\s*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^\s*(?:continue\s+reading|read\s+more)\s*(?:[→»›…]|\.\.\.)?\s*$", re.I)
_FOOTER = re.compile(
    r"copyright\s*(?:©|\(c\))|©\s*\d{4}|all rights reserved|xml sitemap"
    r"|sharing icons powered by|powered by wordpress|proudly powered by",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of on in at to by with from into onto upon over as against via "
    "vs per up off about than amid among".split()
)
_MAX_HEADING_WORDS = 25
_MAX_BYLINE_WORDS = 5
_GENERIC_BYLINES = {"staff writer": "Staff writer", "staff reporter": "Staff reporter"}


def _title_case_score(line: str) -> float:
    """Share of a line's content words that start with a capital letter."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_heading_like(line: str) -> bool:
    return len(line.split()) <= _MAX_HEADING_WORDS and not _SENTENCE_END.search(line)


def _is_tag_line(line: str) -> bool:
    parts = [p.strip() for p in line.split(",")]
    return (
        len(parts) >= 2
        and all(parts)
        and all(len(p.split()) <= 10 for p in parts)
        and not _SENTENCE_END.search(line)
    )


def _byline(line: str) -> str | None:
    words = line.split()
    if not words or len(words) > _MAX_BYLINE_WORDS or _SENTENCE_END.search(line):
        return None
    if any(ch.isdigit() for ch in line) or not line[0].isupper():
        return None
    name = re.sub(r"^by\s+", "", line, flags=re.IGNORECASE).strip()
    return _GENERIC_BYLINES.get(name.lower(), name)


def _posts(lines: list[str]) -> Iterator[list[str]]:
    post: list[str] = []
    for line in lines:
        if _SEPARATOR.match(line):
            yield post
            post = []
        else:
            post.append(line)
    yield post


def _split_heading(paragraphs: list[str]) -> tuple[str, list[str], list[str]]:
    """Return (title, captions, body paragraphs) of a post without its tag line."""
    heading: list[str] = []
    while paragraphs and _is_heading_like(paragraphs[0]) and len(heading) < 4:
        heading.append(paragraphs.pop(0))
    if not heading:
        return "", [], paragraphs
    if not paragraphs:
        # Nothing but short lines: the first is the title, the rest is the body.
        return heading[0], [], heading[1:]
    title = max(heading, key=_title_case_score)  # max keeps the first of equal scores
    captions: list[str] = []
    for line in heading:
        if line != title and line not in captions:
            captions.append(line)
    return title, captions, paragraphs


def parse_dump(text: str, source_path: str = "") -> list[Article]:
    """Parse the text of an archive dump into its articles (possibly none)."""
    lines = [normalize_space(line) for line in text.splitlines()]
    archive_tag = ""
    for i, line in enumerate(lines):
        if line:
            match = _ARCHIVE_HEADER.match(line)
            if match:
                archive_tag = normalize_space(match["name"])
                lines[i] = ""
            break

    articles = []
    for post in _posts(lines):
        paragraphs = [p for p in post if p and not _FOOTER.search(p)]
        tags: list[str] = []
        if paragraphs and _is_tag_line(paragraphs[0]):
            tags = [normalize_space(t) for t in paragraphs.pop(0).split(",")]
        title, captions, body = _split_heading(paragraphs)
        author = ""
        if len(body) > 1:
            byline = _byline(body[-1])
            if byline:
                author = byline
                body = body[:-1]
        body = [p for p in body if p not in captions]
        if not title or not body:
            continue
        if archive_tag and archive_tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(archive_tag)
        body_text = "\n\n".join(body)
        articles.append(
            Article(
                id=article_id(title=title, body=body_text),
                title=title,
                body=body_text,
                source_path=source_path,
                tags=tuple(dict.fromkeys(tags)),
                author=author,
                captions=tuple(captions),
                source_format="textdump",
            )
        )
    return articles


class _TextDumpReader:
    name = "textdump"

    def sniff(self, source: Source) -> bool:
        if source.suffix not in ("", ".txt", ".text") or looks_binary(source.data):
            return False
        head = source.text[:2000].lstrip()
        first = head.split("\n", 1)[0]
        return bool(_ARCHIVE_HEADER.match(first)) or any(
            _SEPARATOR.match(line) for line in source.text.splitlines()
        )

    def parse(self, source: Source) -> list[Article]:
        return parse_dump(source.text, source.path)


READER = _TextDumpReader()
