"""Decoding source bytes: BOMs, declared charsets, fallbacks and mojibake repair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.source import Source, declared_charset, decode_bytes, looks_binary, repair_mojibake


def test_utf8_and_bom():
    assert Source("a", "Grüße".encode()).text == "Grüße"
    assert Source("a", b"\xef\xbb\xbfhello").text == "hello"
    assert Source("a", "hi".encode("utf-16")).text == "hi"


def test_meta_charset_and_latin1_fallback():
    page = '<meta charset="windows-1252"><p>Señor – “quoted”</p>'.encode("cp1252")
    assert "Señor – “quoted”" in Source("a.html", page).text
    assert Source("a.txt", "café".encode("latin-1")).text == "café"  # no declaration at all


def test_http_charset_beats_meta_but_not_valid_utf8():
    data = '<meta charset="utf-8"><p>Señor</p>'.encode("cp1252")
    assert "Señor" in Source("a", data, declared_encoding="iso-8859-1").text
    assert "Señor" in Source("a", "<p>Señor</p>".encode(), declared_encoding="koi8-r").text


def test_forced_encoding_wins():
    assert Source("a", "Señor".encode(), encoding_hint="latin-1").text == "SeÃ±or"


def test_unknown_declared_charset_is_ignored():
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-15"?>') == "iso8859-15"


def test_mostly_utf8_with_one_bad_byte():
    data = "Grüße aus Köln ".encode() * 5 + b"\xff"
    assert decode_bytes(data).startswith("Grüße aus Köln")


def test_mojibake_repair():
    assert repair_mojibake("Iranâ€™s talks") == "Iran’s talks"
    assert Source("a", "Iranâ€™s talks".encode()).text == "Iran’s talks"
    assert repair_mojibake("naïve café, São Paulo") == "naïve café, São Paulo"


def test_binary_detection():
    assert looks_binary(b"\x00\x01\x02\x03")
    assert not looks_binary("plain text".encode("utf-16"))


@given(st.binary(max_size=300))
def test_decoding_never_raises(data):
    assert isinstance(decode_bytes(data), str)
    assert isinstance(Source("x", data, declared_encoding="bogus").text, str)
