"""The records that leave the ``corpus`` stage.

An :class:`Article` is one news or advocacy post, whatever file it came from. Readers in
:mod:`corpus.formats` fill the parts the source states (title, body, tags, author, url, published
date); extractors in :mod:`corpus.extract` add what has to be found in the text (speakers, quotes,
date mentions). Every record is a frozen dataclass of plain values, so the later stages can never
mutate what ingestion saw and nothing here knows about the index.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "Article",
    "DateMention",
    "Quote",
    "article_id",
    "clean_text",
    "fingerprint_text",
    "normalize_space",
    "normalize_url",
]

_SPACE = re.compile(r"\s+")
# A code point of the UTF-16 surrogate range is never text on its own: JSON's "\ud800" escape,
# a file name's undecodable byte (os.fsdecode) or a bad decoder can put one in a str, and no
# UTF-8 writer (Whoosh, the terminal, a JSON Lines file) accepts it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Query parameters that only say how a reader arrived, never which page it is.
_TRACKING = re.compile(r"utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_space(text: str) -> str:
    """Collapse every run of white space to one space and trim the ends.

    >>> normalize_space("  Staff\\n writer ")
    'Staff writer'
    """
    return _SPACE.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Replace every lone surrogate in ``text`` with U+FFFD, the replacement character.

    One character stands for one, so offsets into the text stay valid.

    >>> clean_text("caf\\udce9 \\ud800!")
    'caf\ufffd \ufffd!'
    """
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _cleaned(value: Any) -> Any:
    """``value`` with :func:`clean_text` applied to every string in it; itself when clean."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple | list):
        items = [_cleaned(v) for v in value]
        same = all(a is b for a, b in zip(items, value, strict=True))
        return value if same else type(value)(items)
    if isinstance(value, dict):
        pairs = [(_cleaned(k), _cleaned(v)) for k, v in value.items()]
        same = all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return value if same else dict(pairs)
    return value


def fingerprint_text(text: str) -> str:
    """Return the words of ``text``, case- and compatibility-folded, one space apart.

    Two copies of a text that differ only in markup, punctuation, spacing or case have the same
    fingerprint.

    >>> fingerprint_text("Iran’s  <b>Deal</b>!")
    'iran s b deal b'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def normalize_url(url: str) -> str:
    """Return the form of ``url`` that identifies a page, whatever way it was written.

    The scheme, ``www.``, a default port, a trailing slash, the fragment and tracking
    parameters (``utm_*``, ``fbclid``...) are dropped and the host is lower-cased; other query
    parameters are kept, sorted (``/?p=123`` is how WordPress names a post without a
    permalink). Text that is not an absolute URL is only trimmed.

    >>> normalize_url("HTTPS://www.Example.org:443/2019/a-post/?utm_source=x&b=2&a=1#comments")
    'example.org/2019/a-post?a=1&b=2'
    >>> normalize_url("http://example.org/") == normalize_url("https://EXAMPLE.org")
    True
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.netloc or parts.scheme.lower() not in ("http", "https", ""):
        return text
    host = (parts.hostname or "").removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host += f":{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted(
        pair
        for pair in parts.query.split("&")
        if pair and not _TRACKING.fullmatch(pair.split("=", 1)[0])
    )
    return host + path + ("?" + "&".join(query) if query else "")


def article_id(*, url: str = "", title: str = "", body: str = "") -> str:
    """Return a stable 16-hex-digit id for an article.

    The id depends on the article's canonical URL when there is one (as
    :func:`normalize_url` writes it), otherwise on its normalized title and body, never on where
    the file lies: the same post read twice gets the same id, so indexing it again replaces it
    instead of adding a copy.

    >>> article_id(title="A", body="Text.") == article_id(title=" a ", body="text")
    True
    >>> article_id(url="https://www.x.org/a/") == article_id(url="http://x.org/a#top")
    True
    """
    key = (
        "url:" + normalize_url(url)
        if url.strip()
        else ("text:" + fingerprint_text(title) + "\n" + fingerprint_text(body))
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found in an article body and the speaker it is attributed to.

    ``start``/``end`` are character offsets of the quoted text in ``Article.body``;
    ``kind`` is ``"person"`` or ``"org"`` (an organization that issued a statement).
    """

    text: str
    speaker: str
    start: int
    end: int
    kind: str = "person"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in an article body, normalized to ISO.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` according to ``precision``
    (``"day"``, ``"month"`` or ``"year"``); ``year_inferred`` says the year was not written
    next to the date but taken from the article's context.
    """

    text: str
    value: str
    precision: str
    start: int
    end: int
    year_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingestion saw it.

    ``body`` holds paragraphs separated by a blank line. ``published_inferred`` is true when the
    source gave no published date and ``published`` was taken from the text instead; every place
    that shows such a date must say so.

    Lone surrogates in any text it carries (``extra`` included) are replaced on construction
    (:func:`clean_text`), so no reader can hand one to the index or to an export.

    >>> Article(id="a", title="T", body="B", tags=("\\ud800",)).tags
    ('\ufffd',)
    """

    id: str
    title: str
    body: str
    source_path: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    author: str = ""
    published: date | None = None
    published_inferred: bool = False
    language: str = ""
    captions: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source_format: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            cleaned = _cleaned(value)
            if cleaned is not value:
                object.__setattr__(self, name, cleaned)

    def replace(self, **changes: Any) -> Article:
        """Return a copy with ``changes`` applied (records are frozen)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Return the article as JSON-ready plain values (dates as ISO strings)."""
        data = dataclasses.asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["tags"] = list(self.tags)
        data["categories"] = list(self.categories)
        data["captions"] = list(self.captions)
        data["speakers"] = list(self.speakers)
        data["organizations"] = list(self.organizations)
        return data


_TEXT_FIELDS = (
    "id", "title", "body", "source_path", "url", "tags", "categories", "author", "language",
    "captions", "speakers", "organizations", "source_format", "extra",
)
"""The fields of an :class:`Article` that hold text (quotes and dates are cut from the body)."""
