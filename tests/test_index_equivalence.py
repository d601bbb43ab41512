"""Indexing on worker processes gives exactly the index of a serial run.

The corpus is ~300 Reuters-like wire stories generated from a fixed seed (titles, bodies with
attributed quotes, dates and numbers, topics and places as tags), written as one JSON Lines file
so the streaming reader is used too. The parallel threshold and batch size are lowered so that
300 articles go through the pool in several batches.
"""

import json
import random

import pytest

import corpus.extract as extract
from indexer import build_index
from search import Searcher

N_ARTICLES = 300
QUERIES = (
    "harvest drought",
    "wheat exports",
    '"central bank"',
    "Nakamura",
    "oil prices fell",
    "tag:grain",
    'speaker:"Anna Lindqvist"',
    "dividend -coffee",
    "tag:japan yen",
    "minister said rates",
)

_TOPICS = ("cocoa", "grain", "wheat", "crude", "coffee", "money-fx", "interest", "earn", "trade")
_PLACES = ("usa", "uk", "japan", "brazil", "west-germany", "canada", "france")
_PEOPLE = ("Hiroshi Nakamura", "Anna Lindqvist", "James Baker", "Paulo Souza", "Ruth Mendel",
           "Karl Otto Pohl", "Maria Ferreira")
_ORGS = ("the central bank", "the Finance Ministry", "Shell Oil Co", "the European Community")
_WORDS = ("prices", "rose", "fell", "exports", "imports", "tonnes", "quarter", "profit",
          "dividend", "shares", "oil", "rates", "market", "growth", "deficit", "surplus",
          "harvest", "crop", "minister", "talks", "agreement", "output", "demand", "supply",
          "weather", "drought", "bank", "currency", "dollar", "yen", "billion", "mln")
_MONTHS = ("January", "February", "March", "April", "June", "October")


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, rng.randint(6, 12))
    return " ".join(words).capitalize() + f" by {rng.randint(1, 900)}.{rng.randint(0, 9)} pct."


def _story(rng: random.Random, n: int) -> dict:
    person, org = rng.choice(_PEOPLE), rng.choice(_ORGS)
    quote = " ".join(rng.sample(_WORDS, 8))
    paragraphs = [
        f"{_sentence(rng)} {person}, a spokesman for {org}, said on "
        f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}.",
        f'"The {quote} will continue," {person.split()[-1]} said. {_sentence(rng)}',
        f"{_sentence(rng)} {org.capitalize()} said {rng.choice(_WORDS)} "
        f"{rng.choice(_WORDS)} in 198{rng.randint(0, 7)}.",
    ]
    if n % 3 == 0:
        paragraphs.append(f'"We expect {quote}," said {rng.choice(_PEOPLE)}. {_sentence(rng)}')
    title = " ".join(rng.sample(_WORDS, 4)).upper()
    return {"_id": str(n), "title": title, "text": "\n\n".join(paragraphs),
            "topics": rng.sample(_TOPICS, rng.randint(0, 2)),
            "places": rng.sample(_PLACES, rng.randint(1, 2))}


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    rng = random.Random(21578)
    path = tmp_path_factory.mktemp("wire") / "wire.jsonl"
    path.write_text("".join(json.dumps(_story(rng, n)) + "\n" for n in range(N_ARTICLES)),
                    "utf-8")
    return path


def _snapshot(index_dir):
    with Searcher(index_dir) as s:
        everything = s.search("", limit=N_ARTICLES * 2)
        ids = sorted(hit.id for hit in everything.hits)
        stored = {i: s.get(i) for i in ids}
        tops = {q: [(h.id, round(h.score, 9)) for h in s.search(q, limit=10).hits]
                for q in QUERIES}
    return ids, stored, tops


@pytest.mark.slow
def test_parallel_and_serial_runs_build_the_same_index(corpus_file, tmp_path, monkeypatch):
    serial = build_index([corpus_file], tmp_path / "serial", jobs=1)
    monkeypatch.setattr(extract, "PARALLEL_MIN_ARTICLES", 50)
    monkeypatch.setattr(extract, "_BATCH", 16)
    pools = []
    real = extract.multiprocessing.get_context
    monkeypatch.setattr(extract.multiprocessing, "get_context",
                        lambda method: pools.append(method) or real(method))
    parallel = build_index([corpus_file], tmp_path / "parallel", jobs=2)
    assert pools == ["fork"]
    assert serial.to_dict() | {"index_dir": ""} == parallel.to_dict() | {"index_dir": ""}
    assert serial.added == N_ARTICLES

    ids, stored, tops = _snapshot(tmp_path / "serial")
    assert (ids, stored, tops) == _snapshot(tmp_path / "parallel")
    assert len(ids) == N_ARTICLES
    assert sum(bool(a.quotes) for a in stored.values()) > N_ARTICLES / 2
    assert sum(bool(a.speakers) for a in stored.values()) > N_ARTICLES / 2
    assert all(tops[q] for q in QUERIES), [q for q in QUERIES if not tops[q]]


@pytest.mark.slow
def test_a_small_file_never_starts_workers(corpus_file, tmp_path, monkeypatch):
    monkeypatch.setattr(extract.multiprocessing, "get_context",
                        lambda method: pytest.fail("a pool was started"))
    assert build_index([corpus_file], tmp_path / "ix", jobs=2).added == N_ARTICLES


def test_an_exception_while_absorbing_ends_the_workers(corpus_file, tmp_path, monkeypatch):
    import indexer.pipeline as pipeline

    monkeypatch.setattr(extract, "PARALLEL_MIN_ARTICLES", 50)
    monkeypatch.setattr(extract, "_BATCH", 16)
    calls = []
    real = pipeline._Run._take

    def interrupt(self, article, path):
        calls.append(article.id)
        if len(calls) == 120:
            raise KeyboardInterrupt
        return real(self, article, path)

    monkeypatch.setattr(pipeline._Run, "_take", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_index([corpus_file], tmp_path / "ix", jobs=2)
    import multiprocessing

    assert multiprocessing.active_children() == []
    with Searcher(tmp_path / "ix") as s:
        assert s.search("").total == 0


def test_a_streamed_json_lines_file_reads_as_a_whole_one(corpus_file, tmp_path, monkeypatch):
    import corpus.sources as sources

    lines = corpus_file.read_bytes().splitlines(keepends=True)[:40]
    odd = [b"\n", b"not json\n", b"[1, 2]\n", b'"text"\n',
           '{"title": "Se\u00f1or", "text": "Caf\u00e9 body."}\n'.encode("cp1252"), b"{}\n"]
    mixed = tmp_path / "mixed.jsonl"
    pairs = zip(lines, (odd * 7)[: len(lines)], strict=True)
    mixed.write_bytes(b"".join(line for pair in pairs for line in pair))
    whole = sources.read_path(mixed, extract=False)
    monkeypatch.setattr(sources, "_CHUNK_BYTES", 300)  # a chunk starts at every kind of line
    streamed = sources.read_path(mixed, extract=False, stream=True)
    assert not isinstance(streamed.articles, tuple)
    assert tuple(streamed.articles) == whole.articles
    assert dict(streamed.skipped_records) == whole.skipped_records
    assert streamed.digest == whole.digest
    assert len(whole.articles) > 40 and whole.skipped_records["invalid JSON"] > 0
