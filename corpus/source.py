"""A source file as read from disk, before any format reader looks at it.

:class:`Source` holds the raw bytes and the path, plus what a container told about them (the
charset of an HTTP header, the URL and capture date of a WARC record). :meth:`Source.text`
decodes the bytes once with :func:`decode_bytes`, so that every reader sees the same text.

Decoding never raises. It tries, in order: a byte order mark; the encoding the user forced;
strict UTF-8; the charset declared by the container (HTTP header) or in the document itself
(``<meta charset>``, ``<?xml encoding?>``); mostly-valid UTF-8 with the odd broken byte; and at
last cp1252 (what browsers use for Latin-1 too). Text that was mis-decoded once upstream
("Iranâ€™s") is then repaired with ``ftfy``, but only when such sequences are present, so clean
text costs one regular-expression scan.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

__all__ = ["Source", "declared_charset", "decode_bytes", "looks_binary", "repair_mojibake"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# A lead character of a UTF-8 sequence read as cp1252/Latin-1, followed by a continuation byte
# read the same way: "â€™", "Ã©", "Â ". Real text almost never has these pairs.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
)
# WHATWG: documents labelled Latin-1 or ASCII are decoded as windows-1252.
_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def looks_binary(data: bytes) -> bool:
    """Tell whether ``data`` looks like a binary file rather than text.

    >>> looks_binary(b"plain words\\n"), looks_binary(b"\\x00\\x01\\x02PNG")
    (False, True)
    """
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and control / len(head) > 0.05


def _codec(name: str | None) -> str | None:
    """Return Python's name for the encoding label ``name``, or None when it is unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # without a BOM such a label is wrong: the bytes would look binary
    return _ALIASES.get(codec, codec)


def declared_charset(data: bytes, content_type: str = "") -> str | None:
    """Return the encoding a header or the document's head declares, or None.

    :param data: the document's bytes (only the first 4 KiB are read).
    :param content_type: an HTTP ``Content-Type`` value, which wins over the document.

    >>> declared_charset(b'<html><meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b"<p>", "text/html; charset=utf-8")
    'utf-8'
    """
    match = _HEADER_CHARSET.search(content_type or "")
    codec = _codec(match[1]) if match else None
    if codec:
        return codec
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec(found[1].decode("ascii", "replace")) if found else None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 somewhere upstream.

    >>> repair_mojibake("Iranâ€™s nuclear deal")
    'Iran’s nuclear deal'
    >>> repair_mojibake("Café, naïve")
    'Café, naïve'
    """
    if not _MOJIBAKE.search(text):
        return text
    import ftfy  # imported here: most texts never need it

    return ftfy.fix_encoding(text)


def _mostly_utf8(data: bytes) -> bool:
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    high = len(_HIGH_BYTE.findall(data))
    return valid > 0 and valid >= (high - valid)


def decode_bytes(data: bytes, *, forced: str | None = None, declared: str | None = None) -> str:
    """Decode ``data`` to text without ever raising (see the module docstring for the order).

    :param forced: an encoding the user chose; it wins over everything but a byte order mark.
    :param declared: the charset of the container (an HTTP header), tried before the document's.
    :returns: the text, with mis-decoded UTF-8 ("â€™") repaired.

    >>> decode_bytes("Señor".encode("cp1252")), decode_bytes(b"\\xef\\xbb\\xbfhi")
    ('Señor', 'hi')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return repair_mojibake(data.decode(encoding, errors="replace"))
    codec = _codec(forced)
    if codec:
        return data.decode(codec, errors="replace")
    try:
        return repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    codec = _codec(declared) or declared_charset(data)
    if codec is None:
        codec = "utf-8" if _mostly_utf8(data) else "cp1252"
    return repair_mojibake(data.decode(codec, errors="replace"))


@dataclass(frozen=True)
class Source:
    """One input: its path (as given by the user, made absolute) and its bytes.

    ``encoding_hint`` is an encoding the user forced; ``declared_encoding`` the charset a
    container stated (a WARC record's HTTP header). ``url`` and ``captured`` are known when the
    bytes came out of a web archive: the address they were fetched from and when.
    """

    path: str
    data: bytes = field(repr=False)
    encoding_hint: str | None = None
    declared_encoding: str | None = None
    url: str = ""
    captured: date | None = None

    @cached_property
    def text(self) -> str:
        """The content decoded to text, never raising on bad bytes."""
        return decode_bytes(self.data, forced=self.encoding_hint, declared=self.declared_encoding)

    @property
    def name(self) -> str:
        """The file name without its folders."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        """The lower-case extension with its dot (``.gz`` files report the inner one too)."""
        name = self.name.lower()
        if name.endswith(".gz"):
            name = name[:-3]
        return "." + name.rsplit(".", 1)[-1] if "." in name else ""
