"""Ingestion runs: idempotence, skips with reasons, incremental updates, atomic commits."""

import json
import shutil
from pathlib import Path

import pytest

from corpus import SAMPLE_CORPUS
from corpus.errors import IngestError
from indexer import IndexAccessError, SchemaVersionError, build_index, open_index
from indexer.store import STAMP_FILE
from search import Searcher


def test_indexing_twice_replaces_never_duplicates(tmp_path):
    first = build_index([SAMPLE_CORPUS], tmp_path / "ix")
    forced = build_index([SAMPLE_CORPUS], tmp_path / "ix", force=True)
    again = build_index([SAMPLE_CORPUS], tmp_path / "ix")
    assert (first.added, first.total, first.created) == (4, 4, True)
    assert (forced.added, forced.replaced, forced.total) == (0, 4, 4)
    assert (again.files_unchanged, again.added, again.total) == (1, 0, 4)


def test_same_file_in_two_places_is_stored_once(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SAMPLE_CORPUS, copy)
    report = build_index([SAMPLE_CORPUS, copy], tmp_path / "ix")
    assert (report.added, report.duplicates, report.total) == (4, 4, 4)


def test_bad_files_are_skipped_with_reasons(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "empty.txt").write_text("")
    (data / "blob.bin").write_bytes(bytes(range(256)) * 10)
    (data / "table.csv").write_text("a,b\n1,2\n")
    shutil.copy(SAMPLE_CORPUS, data / "sample.txt")
    report = build_index([data], tmp_path / "ix")
    reasons = {p.split("/")[-1]: r for p, r in ((s.path, s.reason) for s in report.skipped)}
    assert reasons == {
        "empty.txt": "empty file",
        "blob.bin": "binary file",
        "table.csv": "unknown format",
    }
    assert report.total == 4


def test_on_error_raise_stops_and_leaves_index_untouched(tmp_path):
    build_index([SAMPLE_CORPUS], tmp_path / "ix")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    other = tmp_path / "note.txt"
    other.write_text("A Note\n\nSome text here.")
    with pytest.raises(IngestError, match="empty.txt: empty file"):
        build_index([other, empty], tmp_path / "ix", on_error="raise")
    with Searcher(tmp_path / "ix") as s:
        assert s.search("").total == 4


def test_interrupted_run_leaves_previous_index_searchable(tmp_path, monkeypatch):
    build_index([SAMPLE_CORPUS], tmp_path / "ix")
    extra = tmp_path / "more"
    extra.mkdir()
    for i in range(3):
        (extra / f"n{i}.txt").write_text(f"Zyxwv {i}\n\nBody of zyxwv note {i}.")

    import indexer.pipeline as pipeline

    real = pipeline.read_path
    calls = []

    def interrupt(path, **kw):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, **kw)

    monkeypatch.setattr(pipeline, "read_path", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_index([extra], tmp_path / "ix")
    monkeypatch.setattr(pipeline, "read_path", real)
    with Searcher(tmp_path / "ix") as s:
        assert s.search("").total == 4
        assert s.search("zyxwv").total == 0
    assert build_index([extra], tmp_path / "ix").added == 3


def test_changed_file_drops_articles_it_no_longer_holds_and_prune_removes_gone_files(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("First Title\n\nOriginal body.")
    build_index([tmp_path], tmp_path / "ix")
    note.write_text("Second Title\n\nRewritten body, somewhat longer.")
    report = build_index([tmp_path], tmp_path / "ix")
    assert (report.added, report.removed, report.total) == (1, 1, 1)
    note.unlink()
    assert build_index([tmp_path], tmp_path / "ix").total == 1  # nothing deleted implicitly
    assert build_index([tmp_path], tmp_path / "ix", prune=True).total == 0


def test_index_from_a_newer_schema_asks_for_a_rebuild(tmp_path):
    build_index([SAMPLE_CORPUS], tmp_path / "ix")
    (tmp_path / "ix" / STAMP_FILE).write_text('{"schema_version": 999}')
    with pytest.raises(SchemaVersionError, match="move the folder away and index your files again"):
        open_index(tmp_path / "ix")


def test_damaged_stamp_is_a_clear_error(tmp_path):
    build_index([SAMPLE_CORPUS], tmp_path / "ix")
    (tmp_path / "ix" / STAMP_FILE).write_text("{not json")
    with pytest.raises(IndexAccessError, match="cannot read the index"):
        open_index(tmp_path / "ix")


def test_records_left_out_inside_files_reach_the_report(tmp_path):
    shutil.copy(Path(__file__).parent / "data" / "formats" / "minimal_wxr.xml", tmp_path / "x.xml")
    report = build_index([tmp_path / "x.xml"], tmp_path / "ix")
    assert report.added == 1
    assert report.to_dict()["records_skipped"] == {
        "draft": 1, "page": 1, "attachment": 1, "nav_menu_item": 1
    }


def test_bad_field_map_fails_before_the_index_is_touched(tmp_path):
    with pytest.raises(ValueError, match="unknown article field 'summary'"):
        build_index([SAMPLE_CORPUS], tmp_path / "ix", field_map={"summary": "abstract"})
    assert not (tmp_path / "ix").exists()


def test_unchanged_run_leaves_the_manifest_deciding_the_same_way(tmp_path):
    build_index([SAMPLE_CORPUS], tmp_path / "ix")
    again = build_index([SAMPLE_CORPUS], tmp_path / "ix")
    assert (again.unchanged, again.added, again.replaced, again.duplicates) == (4, 0, 0, 0)
    [manifest] = (tmp_path / "ix").glob("manifest-*.json")
    articles = json.loads(manifest.read_text())["articles"]
    assert len(articles) == 4
    assert all(entry["from"] == str(SAMPLE_CORPUS.resolve()) for entry in articles.values())
