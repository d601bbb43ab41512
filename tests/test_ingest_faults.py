"""One bad line, name, link or record costs itself, counted in the report, never the run.

Each input here once aborted a whole ingestion run with a traceback: a JSON Lines line nested
deeper than the parser's stack, a broken first line, lone surrogates in text or in a file name,
a symbolic link loop, a file deleted while the run was going.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from corpus import Article, read_path
from corpus.sources import Parsed, Skipped, iter_files
from indexer import build_index
from search import Searcher


def good_lines(first: int, count: int) -> list[str]:
    return [
        json.dumps({"title": f"Harbour report {i}", "text": f"Ships number {i} docked at dawn."})
        for i in range(first, first + count)
    ]


def write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


DEEP = '{"title": "deep", "text": "x", "nest": ' + "[" * 100_000 + "]" * 100_000 + "}"
"""A line the JSON parser itself cannot read: RecursionError."""
NEARLY_DEEP = '{"title": "deep", "text": "x", "nest": ' + "[" * 950 + "]" * 950 + "}"
"""A line the parser reads but that overflows the stack later, when the article is pickled."""


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])  # streamed from disk, in memory
@pytest.mark.parametrize("line", [DEEP, NEARLY_DEEP], ids=["100000-deep", "950-deep"])
def test_deeply_nested_line_is_one_counted_skip_and_the_good_lines_stay(tmp_path, name, line):
    data = write(tmp_path / name, [*good_lines(0, 20), line, *good_lines(20, 20)])
    report = build_index([data], tmp_path / "ix", jobs=1)
    assert (report.added, report.total, report.skipped) == (40, 40, [])
    assert dict(report.records_skipped) == {"nested too deeply": 1}


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
@pytest.mark.parametrize("first", ['{"title": "cut sh', DEEP], ids=["truncated", "too-deep"])
def test_broken_first_line_costs_that_line_not_the_file(tmp_path, name, first):
    data = write(tmp_path / name, [first, *good_lines(0, 30)])
    report = build_index([data], tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (30, [])
    assert sum(report.records_skipped.values()) == 1
    result = read_path(data, extract=False)  # read whole, as `dossier extract` does
    assert isinstance(result, Parsed) and len(result.articles) == 30


def test_one_pretty_printed_object_is_still_one_document(tmp_path):
    data = tmp_path / "one.json"
    data.write_text('{\n  "title": "Harbour report",\n  "text": "Ships docked."\n}\n')
    result = read_path(data, extract=False)
    assert isinstance(result, Parsed)
    assert [a.title for a in result.articles] == ["Harbour report"]


def test_lone_surrogates_in_tags_and_body_are_indexed_as_replacement_characters(tmp_path):
    data = tmp_path / "poisoned.jsonl"
    data.write_text(  # JSON escapes, as an exporter with a bad UTF-16 conversion writes them
        '{"title": "Oil prices", "text": "Oil \\ud800 prices rose.", "tags": ["\\udc00energy"]}\n'
        + good_lines(0, 1)[0] + "\n"
    )
    report = build_index([data], tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (2, [])
    with Searcher(tmp_path / "ix") as searcher:
        [hit] = searcher.search("oil").hits
        article = searcher.get(hit.id)
    assert article.tags == ("\ufffdenergy",)
    assert article.body == "Oil \ufffd prices rose."


def test_article_replaces_lone_surrogates_in_every_text_field():
    article = Article(
        id="a\ud800", title="T\udcff", body="B\ud800", source_path="/x/\udcff.txt", url="u\ud800",
        tags=("t\ud800",), categories=("c\ud800",), author="A\ud800", language="e\ud800",
        captions=("p\ud800",), speakers=("s\ud800",), organizations=("o\ud800",),
        source_format="f\ud800", extra={"k\ud800": ["v\ud800", {"n": "w\ud800"}], "n": 1},
    )
    plain = json.dumps(article.to_dict(), ensure_ascii=False)
    plain.encode("utf-8")  # no lone surrogate is left anywhere: this would raise
    assert plain.count("\ufffd") == 16
    assert article.extra == {"k\ufffd": ["v\ufffd", {"n": "w\ufffd"}], "n": 1}
    clean = Article(id="a", title="Café", body="naïve", extra={"n": [1]})
    assert clean.replace(title="Café").title == "Café"


def test_file_names_with_undecodable_bytes_are_read_and_reported_printably(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    good = data / os.fsdecode(b"r\xe9sum\xe9.txt")  # Latin-1 bytes in a UTF-8 file system
    good.write_text("Budget talks\n\nThe council met on Monday.\n")
    (data / os.fsdecode(b"empty\xff.txt")).write_text("")
    report = build_index([data], tmp_path / "ix", jobs=1)
    assert report.added == 1
    [skip] = report.skipped
    assert (Path(skip.path).name, skip.reason) == ("empty\\xff.txt", "empty file")
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as UTF-8
    with Searcher(tmp_path / "ix") as searcher:
        [hit] = searcher.search("council").hits
    assert hit.source.endswith("r\ufffdsum\ufffd.txt")


def test_symbolic_link_loops_and_dangling_links_are_counted_skips(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "note.txt").write_text("Budget talks\n\nThe council met on Monday.\n")
    (data / "loop").symlink_to(data / "loop")
    (data / "ping").symlink_to(data / "pong")
    (data / "pong").symlink_to(data / "ping")
    (data / "dangling").symlink_to(data / "nowhere")
    report = build_index([data], tmp_path / "ix", jobs=1)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "loop": "symbolic link loop",
        "ping": "symbolic link loop",
        "pong": "symbolic link loop",
        "dangling": "broken symbolic link",
    }
    assert report.added == 1
    assert read_path(data / "loop") == Skipped(str(data / "loop"), "symbolic link loop")
    assert [p for p in iter_files([data / "ping"])] == [Skipped(str(data / "ping"), "symbolic link loop")]


def test_extract_jsonl_prints_clean_text_for_a_poisoned_record(tmp_path, runner):
    from search.cli import cli

    data = tmp_path / "poisoned.jsonl"
    data.write_text('{"title": "Oil prices", "text": "Oil \\ud800 prices rose.", "tags": ["\\udc00x"]}\n')
    result = runner.invoke(cli, ["extract", str(data), "--jsonl"])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    record = json.loads(line)
    assert (record["body"], record["tags"]) == ("Oil \ufffd prices rose.", ["\ufffdx"])
