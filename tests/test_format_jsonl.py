"""JSON Lines and JSON: key mapping, field maps, ids, skipped lines, streaming speed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus.formats import jsonl, reader_for
from corpus.source import Source
from corpus.sources import Parsed, read_path
from tests.shared import shared_path

DATA = Path(__file__).parent / "data" / "formats"


def source(name: str) -> Source:
    path = DATA / name
    return Source(str(path), path.read_bytes())


def test_common_keys_and_skipped_lines():
    articles, report = jsonl.parse_with_report(source("sample.jsonl"))
    first, second, third = articles
    assert first.id == "doc-1" and first.extra["source_id"] == "doc-1"
    assert first.title == "Grain exports rise"
    assert first.body == "Wheat exports rose sharply in February.\n\nTraders said demand from Asia was strong."
    assert first.published == date(1987, 2, 26)
    assert first.tags == ("grain", "wheat", "usa")  # topics + places
    assert first.extra["fields"] == {"people": []}
    assert second.id == "42" and second.author == "Ann Lee" and second.url == "https://example.org/2"
    assert second.tags == ("single-tag",) and second.published == date(2020, 1, 2)
    assert third.extra["source_id"] == "has spaces / unsafe id"
    assert len(third.id) == 16 and third.id != third.extra["source_id"]
    assert dict(report.skipped) == {"not an object": 1, "invalid JSON": 1, "empty": 1}


def test_field_map():
    articles = list(jsonl.parse_jsonl(source("sample.jsonl"), field_map={"body": "abstract"}))
    assert articles[2].body == "Only an abstract."
    reader = jsonl.JsonReader({"tags": "topics"})
    assert list(reader.parse(source("sample.jsonl")))[0].tags == ("grain", "wheat")
    with pytest.raises(ValueError, match="unknown article field 'summary'"):
        jsonl.JsonReader({"summary": "abstract"})


def test_json_document_with_container_key():
    result = read_path(DATA / "sample.json", extract=False)
    assert isinstance(result, Parsed) and result.reader == "jsonl"
    first, second = result.articles
    assert first.title == "First" and first.body == "Para one.\n\nPara two."
    assert first.categories == ("News",)
    assert second.published == date(2020, 1, 2)  # epoch seconds


def test_sniffing():
    assert reader_for(Source("notes.txt", b'{"title": "x", "text": "y"}\n')).name == "jsonl"
    assert reader_for(Source("notes.md", b"[link](http://x) text\n")).name == "plaintext"


def test_broken_json_document_is_a_clear_skip(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"title": "a", ')
    result = read_path(path, extract=False)
    assert result.reason.startswith("invalid JSON")


def _read_all(path: Path) -> list:
    return list(jsonl.parse_jsonl(Source(str(path), path.read_bytes())))


# Reading speed is measured by benchmarks/bench_index.py, beside the reference engines.
@pytest.mark.shared
@pytest.mark.slow
def test_shared_reuters_reads_every_record():
    articles = _read_all(shared_path("corpora", "reuters21578", "corpus.jsonl"))
    assert len(articles) == 21577  # one record has neither title nor text
    assert all(a.published for a in articles)
    first = articles[0]
    assert first.id == "1" and first.tags == ("cocoa", "el-salvador", "usa", "uruguay")


@pytest.mark.shared
def test_shared_scifact_ids_map_back():
    articles = _read_all(shared_path("corpora", "scifact", "corpus.jsonl"))
    assert len(articles) == 5183
    assert all(a.id == a.extra["source_id"] for a in articles)
