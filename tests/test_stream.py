"""Every match of a search, a batch at a time, as CSV or JSON Lines rows."""

from __future__ import annotations

import csv
import io
import json

from search.stream import EXPORT_FIELDS, csv_lines, export_row, iter_hits, jsonl_lines


def test_iter_hits_yields_every_match_once_in_rank_order(searcher):
    whole = searcher.search("massacre OR tribunal OR Luther", limit=100, facets=())
    streamed = list(iter_hits(searcher, "massacre OR tribunal OR Luther"))
    assert [h.id for h in streamed] == [h.id for h in whole.hits]
    assert whole.total == 4 and all(h.snippets for h in streamed)


def test_iter_hits_takes_search_options(searcher):
    streamed = list(iter_hits(searcher, "", filters={"tag": ("HRC40",)}, sort="oldest"))
    assert len(streamed) == 1


def test_rows_carry_every_passage_and_the_text_when_asked(searcher):
    hit = searcher.search("massacre", limit=1).hits[0]
    row = export_row(hit, body="Full text.")
    assert list(row) == [*EXPORT_FIELDS, "text"]
    assert row["passages"] == [s.text for s in hit.snippets] and len(row["passages"]) > 1
    assert "text" not in export_row(hit)


def test_csv_and_jsonl_lines_read_back(searcher):
    rows = [export_row(h) for h in searcher.search("massacre", limit=10).hits]
    parsed = list(csv.DictReader(io.StringIO("".join(csv_lines(rows, EXPORT_FIELDS)))))
    assert [r["id"] for r in parsed] == [r["id"] for r in rows]
    assert parsed[0]["passages"] == " … ".join(rows[0]["passages"])
    assert parsed[0]["tags"] == "; ".join(rows[0]["tags"])
    assert [json.loads(line) for line in jsonl_lines(rows)] == rows
    assert list(csv_lines([], EXPORT_FIELDS)) == [",".join(EXPORT_FIELDS) + "\r\n"]
    assert "".join(csv_lines(rows[1:], EXPORT_FIELDS, header=False)).count("\r\n") >= len(rows) - 1
