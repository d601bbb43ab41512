"""Progress events of an index run: files n of N, articles per file, and the run's end."""

from __future__ import annotations

import json

from indexer import build_index
from indexer.progress import IndexProgress


def _folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("Budget talks\n\nThe council met on Monday.\n")
    (data / "b.jsonl").write_text(
        "".join(json.dumps({"title": f"Report {i}", "text": f"Ships {i} docked."}) + "\n"
                for i in range(5))
    )
    (data / "c.txt").write_text("Harbour closed\n\nStorms closed the harbour.\n")
    return data


def test_events_count_files_of_the_run_and_articles_of_each_file(tmp_path):
    events: list[IndexProgress] = []
    build_index([_folder(tmp_path)], tmp_path / "ix", progress=events.append, jobs=1)
    assert {e.files_total for e in events} == {3}
    assert [(e.path.rsplit("/", 1)[-1], e.files_done) for e in events if e.file_articles == 0
            and e.file_expected is None] == [("a.txt", 0), ("b.jsonl", 1), ("c.txt", 2)]
    jsonl = [e for e in events if e.path.endswith("b.jsonl")]
    assert {e.file_expected for e in jsonl} == {None, 5}  # one article per line, streamed
    last = events[-1]
    assert (last.done, last.files_done, last.articles) == (True, 3, 7)
    assert [e.articles for e in events] == sorted(e.articles for e in events)


def test_file_deleted_during_a_reindex_is_a_skip(tmp_path):
    data = _folder(tmp_path)
    build_index([data], tmp_path / "ix", jobs=1)

    def delete_c_when_reached(event: IndexProgress) -> None:
        if event.path.endswith("c.txt") and (data / "c.txt").exists():
            (data / "c.txt").unlink()  # between the walk and the look at the file

    report = build_index([data], tmp_path / "ix", progress=delete_c_when_reached, jobs=1)
    assert [(s.path.rsplit("/", 1)[-1], s.reason.split(" (")[0]) for s in report.skipped] == [
        ("c.txt", "cannot read")
    ]
    assert (report.files_unchanged, report.total) == (2, 7)
