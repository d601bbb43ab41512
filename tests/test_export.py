"""Exports a researcher can cite: every passage, URL, source file, record, the body on request;
quotations with speaker, cue, article title, date, URL and offsets."""

import csv
import io
import json
from types import SimpleNamespace

import pytest

from corpus.article import Article
from search.cli import cli
from search.quotes import quote_hit


@pytest.fixture
def export_index(tmp_path, runner):
    records = [
        {
            "id": "r1",
            "title": "Grain talks",
            "url": "https://example.org/grain-talks",
            "text": "Wheat exports rose. Officials met on Monday.\n\nWheat prices fell later. "
            "“Wheat is cheap,” said Ann Lee.",
        },
        {"id": "r2", "title": "Other", "text": "Rice exports held steady."},
    ]
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    index = tmp_path / "ix"
    assert runner.invoke(cli, ["index", str(source), "--index", str(index)]).exit_code == 0
    return source, index


def test_jsonl_rows_carry_every_passage_url_source_and_record(runner, export_index):
    source, index = export_index
    out = runner.invoke(cli, ["search", "wheat", "--format", "jsonl", "--index", str(index)]).stdout
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["passages"] == ["Wheat exports rose.", "Wheat prices fell later.", "“Wheat is cheap,” said Ann Lee."]
    assert (row["url"], row["source"], row["record"]) == ("https://example.org/grain-talks", str(source), "r1")
    assert "body" not in row


def test_full_text_adds_the_body_in_every_format(runner, export_index):
    _, index = export_index
    args = ["search", "wheat", "--full-text", "--index", str(index)]
    row = json.loads(runner.invoke(cli, [*args, "--format", "jsonl"]).stdout)
    assert row["body"].startswith("Wheat exports rose. Officials met on Monday.\n\nWheat prices")
    (cells,) = csv.DictReader(io.StringIO(runner.invoke(cli, [*args, "--format", "csv"]).stdout))
    assert cells["body"] == row["body"]
    assert cells["passages"].splitlines() == row["passages"]
    assert json.loads(runner.invoke(cli, [*args, "--json"]).stdout)["hits"][0]["body"] == row["body"]
    assert "\n   Wheat exports rose. Officials met on Monday.\n" in runner.invoke(cli, args).stdout


def test_all_hits_export_the_same_rows(runner, export_index):
    _, index = export_index
    paged = runner.invoke(cli, ["search", "exports", "--format", "csv", "--index", str(index)]).stdout
    every = runner.invoke(cli, ["search", "exports", "--all", "--format", "csv", "--index", str(index)]).stdout
    assert paged == every and len(list(csv.DictReader(io.StringIO(every)))) == 2


def test_quotes_export_carries_speaker_title_date_url_and_offsets(runner, export_index):
    _, index = export_index
    out = runner.invoke(cli, ["quotes", "cheap", "--format", "jsonl", "--index", str(index)]).stdout
    (row,) = [json.loads(line) for line in out.splitlines()]
    body = json.loads(runner.invoke(cli, ["show", "r1", "--json", "--index", str(index)]).stdout)["body"]
    assert row["speaker"] == "Ann Lee" and row["title"] == "Grain talks"
    assert row["url"] == "https://example.org/grain-talks" and row["cue"] == ""
    assert body[row["start"] : row["end"]] == row["quote"] == "Wheat is cheap"
    assert list(row) == [
        "speaker", "kind", "cue", "quote", "article_id", "title", "date", "date_inferred",
        "url", "source", "start", "end",
    ]  # fmt: skip


def test_a_quote_cue_is_exported_when_extraction_knows_it():
    article = Article(id="a", title="T", body="x", url="https://e.org/a")
    quote = SimpleNamespace(text="We act", speaker="Ann", kind="person", start=0, end=6, cue="told")
    _, hit = quote_hit(article, quote, [], 0, 1.0)
    assert (hit.cue, hit.url) == ("told", "https://e.org/a")
