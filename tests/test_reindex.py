"""Re-indexing files that hold several copies of one post: ``--force``, a grown JSON Lines file,
a replaced file. Each run must finish and leave the index a fresh run over the same files gives.

Copies share a body long enough to be matched by fingerprint, so the richer copy takes over the
id of the one read first; a re-read of the same file makes the copies take turns again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import article_from_stored, build_index, open_index
from tests.hang import must_finish
from tests.shared import shared_path

BODY = " ".join(
    "Delegates from forty countries met in Geneva on Monday to discuss the draft treaty on "
    "river pollution and agreed to publish the full text of every national report before "
    "the next session in the spring".split()
)


def record(title: str, *tags: str, body: str = BODY, author: str = "") -> dict[str, object]:
    return {"title": title, "text": body, "tags": list(tags), "author": author}


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")


def stored(index: Path) -> dict[str, dict[str, object]]:
    """Every stored article of an index, by id, as plain values (its list of sources too)."""
    ix = open_index(index)
    with ix.searcher() as s:
        return {a.id: a.to_dict() for a in map(article_from_stored, s.documents())}


def index(paths: list[Path], target: Path, **options: object):
    with must_finish(f"indexing {[p.name for p in paths]} with {options}"):
        return build_index(paths, target, jobs=1, **options)  # type: ignore[arg-type]


def test_forced_reindex_of_a_file_with_a_richer_second_copy_finishes_unchanged(tmp_path):
    data = tmp_path / "dup.jsonl"
    write_jsonl(data, [record("Treaty talks open"), record("Geneva treaty talks", "water")])
    first = index([data], tmp_path / "ix")
    before = stored(tmp_path / "ix")
    forced = index([data], tmp_path / "ix", force=True)
    assert (first.added, first.duplicates, first.total) == (1, 1, 1)
    assert (forced.added, forced.replaced, forced.duplicates, forced.total) == (0, 1, 1, 1)
    assert stored(tmp_path / "ix") == before
    [article] = before.values()
    assert (article["title"], article["tags"]) == ("Geneva treaty talks", ["water"])


@pytest.mark.parametrize("times", [2, 3])
def test_copies_taking_turns_over_several_forced_runs_never_loop(tmp_path, times):
    data = tmp_path / "dup.jsonl"
    copies = [record("One"), record("Two", "a"), record("Three", "b", author="Staff")]
    write_jsonl(data, copies)
    index([data], tmp_path / "ix")
    before = stored(tmp_path / "ix")
    for _ in range(times):
        index([data], tmp_path / "ix", force=True)
    assert stored(tmp_path / "ix") == before
    [article] = before.values()
    assert (article["title"], article["tags"], article["author"]) == ("Three", ["b", "a"], "Staff")


def test_grown_file_with_duplicates_gives_the_index_of_a_fresh_run(tmp_path):
    data = tmp_path / "feed.jsonl"
    other = BODY.replace("Geneva", "Vienna")
    records = [record("Treaty talks open"), record("Geneva treaty talks", "water")]
    write_jsonl(data, records)
    index([data], tmp_path / "ix")
    records += [record("Vienna talks", body=other), record("Treaty talks, day two", "law", author="Staff")]
    write_jsonl(data, records)
    grown = index([data], tmp_path / "ix")
    index([data], tmp_path / "fresh")
    assert stored(tmp_path / "ix") == stored(tmp_path / "fresh")
    assert (grown.added, grown.replaced, grown.total) == (1, 1, 2)
    assert {a["title"] for a in stored(tmp_path / "ix").values()} == {
        "Treaty talks, day two",
        "Vienna talks",
    }


def test_replaced_file_with_duplicates_gives_the_index_of_a_fresh_run(tmp_path):
    data = tmp_path / "feed.jsonl"
    write_jsonl(data, [record("Treaty talks open"), record("Geneva treaty talks", "water")])
    index([data], tmp_path / "ix")
    write_jsonl(data, [record("Geneva treaty talks", "water"), record("Treaty talks open")])
    index([data], tmp_path / "ix")
    write_jsonl(data, [record("Talks end", "law"), record("Treaty talks open")])
    replaced = index([data], tmp_path / "ix")
    index([data], tmp_path / "fresh")
    assert stored(tmp_path / "ix") == stored(tmp_path / "fresh")
    assert replaced.total == 1


@pytest.mark.shared
@pytest.mark.slow
def test_reuters_slice_reindexed_forced_and_grown_matches_a_fresh_index(tmp_path):
    corpus = shared_path("corpora", "reuters21578", "corpus.jsonl")
    with corpus.open("rb") as fh:
        lines = [fh.readline() for _ in range(601)][540:]  # 561 and 566: one story, 566 richer
    data = tmp_path / "a.jsonl"
    data.write_bytes(b"".join(lines[:60]))
    first = index([data], tmp_path / "ix")
    assert first.duplicates == 1
    index([data], tmp_path / "ix", force=True)
    data.write_bytes(b"".join(lines))
    index([data], tmp_path / "ix")
    index([data], tmp_path / "fresh")
    assert stored(tmp_path / "ix") == stored(tmp_path / "fresh")
