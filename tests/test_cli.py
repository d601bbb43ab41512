"""The dossier command end to end, through click's CliRunner."""

import csv
import io
import json
import os
import sys

import pytest

from corpus import SAMPLE_CORPUS
from search.cli import cli
from tests.conftest import TAG_COUNTS


def test_search_builds_the_sample_index_first_and_says_so(runner):
    result = runner.invoke(cli, ["search", "Montazeri"])
    assert result.exit_code == 0, result.output
    assert "indexing the bundled sample corpus first" in result.stderr
    assert result.stdout.startswith("1 article match 'Montazeri' (page 1 of 1)\n")
    assert "[[Montazeri’s]] defiance of the regime" in result.stdout


def test_search_json_has_offsets(runner):
    result = runner.invoke(cli, ["search", '"death commission"', "--json"])
    data = json.loads(result.stdout)
    assert data["total"] == 2
    snippet = data["hits"][0]["snippets"][0]
    start, end = snippet["spans"][0]
    assert snippet["text"][start:end].lower().startswith("death commission")


def test_search_with_tag_filter(runner):
    result = runner.invoke(cli, ["search", "executions", "--tag", "HRC40", "--json"])
    titles = [h["title"] for h in json.loads(result.stdout)["hits"]]
    assert titles == [
        "Amnesty International Issues Written Statement to the UN Urging an Investigation into "
        "Iranian Human Rights Abuses"
    ]


def test_facets_lists_tag_counts(runner):
    result = runner.invoke(cli, ["facets", "--field", "tag"])
    assert result.exit_code == 0
    lines = [line.split() for line in result.stdout.splitlines()[2:]]
    counts = {" ".join(parts[:-1]): int(parts[-1]) for parts in lines if parts}
    for tag, count in TAG_COUNTS.items():
        assert counts[tag] == count


def test_index_reports_and_show_prints_the_article(runner, tmp_path):
    result = runner.invoke(cli, ["index", str(SAMPLE_CORPUS)])
    assert result.exit_code == 0
    assert "articles added: 4" in result.stdout
    hit = json.loads(runner.invoke(cli, ["search", "Montazeri", "--json"]).stdout)["hits"][0]
    shown = runner.invoke(cli, ["show", hit["id"][:8]])
    assert shown.stdout.startswith("The UN Must Investigate the 1988 Massacre\n")
    assert "author: Staff writer" in shown.stdout


def test_stats_and_explain(runner):
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).stdout)
    assert stats["articles"] == 4
    explained = runner.invoke(cli, ["explain", "the executions of U.N. staff"])
    assert explained.stdout.startswith("terms: execut un staff\n")


def test_extract_prints_articles_without_indexing(runner, default_index):
    result = runner.invoke(cli, ["extract", str(SAMPLE_CORPUS), "--jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [len(r["tags"]) for r in records] == [11, 10, 7, 7]
    assert not default_index.exists()


def test_missing_path_is_a_usage_error(runner):
    result = runner.invoke(cli, ["index", "/no/such/path"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_bad_query_in_strict_mode_is_a_usage_error(runner):
    result = runner.invoke(cli, ["search", "--strict", "speakr:Luther"])
    assert result.exit_code == 2
    assert "bad query 'speakr:Luther': unknown field 'speakr'; fields are: " in result.stderr
    assert result.stderr.rstrip().endswith("(or leave out --strict to search anyway)")


def test_lenient_bad_query_warns(runner):
    result = runner.invoke(cli, ["search", '"death commission'])
    assert result.exit_code == 0
    assert "warning: unbalanced double quote: ignored it" in result.stdout


def test_folder_that_is_not_an_index_is_refused(runner, tmp_path):
    folder = tmp_path / "not-an-index"
    folder.mkdir()
    (folder / "x").write_text("x")
    result = runner.invoke(cli, ["search", "x", "--index", str(folder)])
    assert result.exit_code == 1
    assert result.output.strip().endswith("is not a Dossier index")


def test_unreadable_index_is_a_one_line_failure(runner, tmp_path):
    folder = tmp_path / "ix"
    runner.invoke(cli, ["index", str(SAMPLE_CORPUS), "--index", str(folder)])
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"garbage")
    result = runner.invoke(cli, ["search", "x", "--index", str(folder)])
    assert result.exit_code == 1
    assert "cannot open the index" in result.output
    assert "Traceback" not in result.output


def test_quotes_by_speaker(runner):
    result = runner.invoke(cli, ["quotes", "--speaker", "Philip Luther"])
    assert result.exit_code == 0
    assert result.stdout.startswith("4 quotations\n")
    assert result.stdout.count("Philip Luther: “") == 4


def test_quotes_need_words_or_a_speaker(runner):
    result = runner.invoke(cli, ["quotes"])
    assert result.exit_code == 2
    assert "give words to look for in quotations, or --speaker NAME" in result.output


def test_quotes_highlight_the_phrase(runner):
    result = runner.invoke(cli, ["quotes", "impunity"])
    assert "[[impunity]]" in result.stdout
    assert "Henrik Hermansson:" in result.stdout


def test_facets_show_speakers_and_a_year_histogram(runner):
    result = runner.invoke(cli, ["facets"])
    assert "speaker:\n  Philip Luther            3" in result.stdout
    assert "year:\n  2018  " in result.stdout and "█" in result.stdout


def test_csv_and_jsonl_formats(runner):
    csv_out = runner.invoke(cli, ["search", "Montazeri", "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("rank,id,score,title,")
    assert len(csv_out.splitlines()) == 2
    lines = runner.invoke(cli, ["facets", "--field", "tag", "--format", "jsonl"]).stdout
    first = json.loads(lines.splitlines()[0])
    assert first == {"field": "tag", "value": "1988 Massacre", "count": 4}


def test_suggestion_is_printed(runner):
    result = runner.invoke(cli, ["search", "Montazary"])
    assert "Did you mean: Montazeri?" in result.stdout


def test_similar_and_explain_with_id(runner):
    hit = json.loads(runner.invoke(cli, ["search", "Montazeri", "--json"]).stdout)["hits"][0]
    similar = json.loads(runner.invoke(cli, ["similar", hit["id"], "--json"]).stdout)
    assert len(similar["hits"]) == 3
    assert hit["id"] not in [h["id"] for h in similar["hits"]]
    explained = runner.invoke(cli, ["explain", "Montazeri", "--id", hit["id"]])
    assert "montazeri" in explained.stdout.split("score")[-1]
    missing = runner.invoke(cli, ["similar", "zzzz"])
    assert missing.exit_code == 1 and "no article with id 'zzzz'" in missing.output


def test_date_filters_on_the_command_line(runner):
    result = runner.invoke(cli, ["search", "massacre", "--since", "2019-06", "--json"])
    assert json.loads(result.stdout)["total"] == 1
    bad = runner.invoke(cli, ["search", "massacre", "--since", "June"])
    assert bad.exit_code == 2 and "cannot read 'June' as a date" in bad.output


def test_extract_jsonl_carries_speakers_quotes_and_dates(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLE_CORPUS), "--jsonl"])
    first = json.loads(result.stdout.splitlines()[0])
    assert "Philip Luther" in first["speakers"]
    quote = first["quotes"][0]
    assert set(quote) == {"text", "speaker", "start", "end", "kind"}
    assert first["body"][quote["start"] : quote["end"]] == quote["text"]
    assert {"text": "November 6, 2019", "value": "2019-11-06", "precision": "day"}.items() <= (
        first["dates"][0].items()
    )
    assert first["published_inferred"] is True


def test_operator_soup_warns_and_searches_the_words(runner):
    for query in ("NOT NOT Montazeri", "Montazeri ANDNOT ANDNOT regime"):
        result = runner.invoke(cli, ["search", query])
        assert result.exit_code == 0, result.output
        assert "warning: could not read its operators; searched its words instead" in result.stdout
        assert "[[Montazeri’s]]" in result.stdout


def test_query_words_starting_with_a_dash_are_never_options(runner):
    result = runner.invoke(cli, ["search", "-Montazeri", "+massacre", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "-Montazeri +massacre" and data["total"] == 3
    result = runner.invoke(cli, ["search", "massacre", "-Montazeri", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 articles match 'massacre -Montazeri' (page 1 of 3)\n")
    for command in (["quotes", "impunity", "-torture"], ["facets", "-Montazeri"]):
        assert runner.invoke(cli, command).exit_code == 0, command
    explained = runner.invoke(cli, ["explain", "-history", "massacre"])
    assert explained.exit_code == 0 and explained.stdout.startswith("terms: histori massacr\n")


def test_a_mistyped_long_option_is_still_an_error(runner):
    result = runner.invoke(cli, ["search", "massacre", "--limt", "3"])
    assert result.exit_code == 2
    assert "No such option '--limt'" in result.stderr


def test_double_dash_ends_the_options(runner):
    result = runner.invoke(cli, ["search", "--json", "--", "--limit"])
    assert json.loads(result.stdout)["query"] == "--limit"


def test_search_all_prints_every_match_in_each_format(runner):
    text = runner.invoke(cli, ["search", "massacre", "--all"])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("4 articles match 'massacre' (all of them, best first)\n")
    assert [line[:2] for line in text.stdout.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")] == [
        "1.", "2.", "3.", "4."
    ]
    paged = json.loads(runner.invoke(cli, ["search", "massacre", "--json", "--limit", "4"]).stdout)
    every = json.loads(runner.invoke(cli, ["search", "massacre", "--json", "--all"]).stdout)
    assert every["hits"] == paged["hits"] and every["total"] == 4 and every["facets"] == paged["facets"]
    lines = runner.invoke(cli, ["search", "massacre", "--all", "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [h["id"] for h in paged["hits"]]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["search", "massacre", "--all", "--format", "csv"]).stdout)))
    assert [r["id"] for r in rows] == [h["id"] for h in paged["hits"]]


def test_search_all_with_no_match_is_valid_json(runner):
    result = runner.invoke(cli, ["search", "zzzzqqq", "--all", "--json"])
    data = json.loads(result.stdout)
    assert data["total"] == 0 and data["hits"] == []


def test_all_with_limit_or_page_is_a_usage_error(runner):
    result = runner.invoke(cli, ["search", "massacre", "--all", "--limit", "5"])
    assert result.exit_code == 2
    assert "--all prints every match; leave out --limit" in result.stderr


def test_search_reports_totals_with_all_the_words_and_with_any(runner):
    result = runner.invoke(cli, ["search", "Montazeri", "families"])
    assert result.stdout.startswith(
        "1 article with all the words of 'Montazeri families', 3 with any (page 1 of 1)\n"
    )
    data = json.loads(runner.invoke(cli, ["search", "Montazeri", "families", "--json"]).stdout)
    assert (data["total"], data["total_all_words"]) == (3, 1)


def test_search_help_says_how_to_make_a_field_a_filter(runner):
    result = runner.invoke(cli, ["search", "--help"])
    assert "+date:1987-03" in result.stdout and "--since" in result.stdout


def _closed_early(args, tmp_path):
    """Run dossier with its output read for one line, then closed (as ``| head -1`` does)."""
    import subprocess

    env = dict(os.environ, DOSSIER_INDEX=str(tmp_path / "ix"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "search", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    return first, error, process.wait(timeout=60)


@pytest.mark.slow
def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(
            json.dumps({"title": f"Report {i}", "text": f"Oil prices rose {i} points. " * 40}) + "\n"
            for i in range(150)
        )
    )
    first, error, status = _closed_early(["extract", str(big), "--jsonl"], tmp_path)
    assert first.startswith(b'{"id"')
    assert (error, status) == (b"", 141)
    assert os.system(f"{sys.executable} -m search index {big} --index {tmp_path / 'ix'} >/dev/null") == 0
    first, error, status = _closed_early(["search", "oil", "--all"], tmp_path)
    assert first.startswith(b"150 articles match 'oil'")
    assert (error, status) == (b"", 141)


@pytest.fixture
def poisoned_index(tmp_path):
    """An index holding text with lone surrogates, written past ingestion (which cleans them)."""
    from corpus.article import Article, Quote
    from indexer.store import ArticleWriter, create_index

    path = tmp_path / "poisoned"
    writer = ArticleWriter(create_index(path))
    body = "Oil prices \ud800 rose, the minister said. \udfff “We will act,” said Ali Naimi."
    quote = Quote("We will act,", "Ali Naimi", body.index("We"), body.index("We") + 12)
    writer.write(
        Article(
            id="poison1", title="Oil \udc80 report", body=body, quotes=(quote,),
            speakers=("Ali Naimi",), source_path="/data/x.txt",
        )
    )
    writer.commit()
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv"])
def test_lone_surrogates_in_stored_text_never_break_output(runner, poisoned_index, fmt):
    for command in (["search", "oil"], ["search", "oil", "--all"], ["quotes", "act"]):
        result = runner.invoke(cli, [*command, "--index", str(poisoned_index), "--format", fmt])
        assert result.exit_code == 0, (command, result.output, result.exception)
        assert "\ufffd" in result.stdout and "\ud800" not in result.stdout
        assert "\udc80" not in result.stdout
    show = runner.invoke(cli, ["show", "poison1", "--index", str(poisoned_index)])
    assert show.exit_code == 0 and "Oil \ufffd report" in show.stdout


def test_strict_errors_say_what_to_fix_not_what_leniency_would_do(runner):
    result = runner.invoke(cli, ["search", "--strict", 'oil "price'])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: bad query 'oil \"price': unbalanced double quote (character 5): add the closing "
        "quote (or leave out --strict to search anyway)"
    )
    assert "ignored it" not in result.stderr
    result = runner.invoke(cli, ["search", "--strict", "NOT NOT oil"])
    assert "remove the extra ones" in result.stderr and "bad query 'NOT NOT oil'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "1987-13"], "Invalid value for '--since': '1987-13' is not a real date: months go from 01 to 12; write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--until", "2019-02-30"], "Invalid value for '--until': '2019-02-30' is not a real date: February 2019 has 28 days; write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--since", "1988", "--until", "1987"], "--since 1988 comes after --until 1987, so nothing can match: swap them"),
        (["--until", "1987", "--since", "1988"], "--since 1988 comes after --until 1987, so nothing can match: swap them"),
    ],
)
def test_bad_dates_blame_the_option_not_the_query(runner, args, message):
    for command in ("search", "facets", "quotes"):
        result = runner.invoke(cli, [command, "oil", *args])
        assert result.exit_code == 2, command
        assert result.stderr.splitlines()[-1] == f"Error: {message}"
        assert "query" not in result.stderr.splitlines()[-1]


def test_read_only_index_names_the_folder_not_a_lock_file(runner, tmp_path, monkeypatch):
    from whoosh.index import FileIndex

    folder = tmp_path / "ro"
    assert runner.invoke(cli, ["index", str(SAMPLE_CORPUS), "--index", str(folder)]).exit_code == 0

    def refuse(self, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder / "MAIN_WRITELOCK"))

    monkeypatch.setattr(FileIndex, "writer", refuse)
    result = runner.invoke(cli, ["index", str(SAMPLE_CORPUS), "--index", str(folder), "--force"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot write to the index at {folder} (Permission denied): make the folder "
        "writable, or index into another folder with --index DIR\n"
    )


def test_a_mistyped_index_path_is_an_error_not_the_sample(runner, tmp_path, monkeypatch, default_index):
    missing = tmp_path / "indx"
    result = runner.invoke(cli, ["search", "massacre", "--index", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no index at {missing} (--index): check the path, or build one there with "
        f"`dossier index FILES --index {missing}`\n"
    )
    assert not missing.exists() and not default_index.exists()
    monkeypatch.setenv("DOSSIER_INDEX", str(missing))
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 1 and f"no index at {missing} ($DOSSIER_INDEX)" in result.stderr
    assert not missing.exists()


def test_only_the_default_location_is_filled_with_the_sample(runner, default_index):
    result = runner.invoke(cli, ["search", "massacre"])
    assert result.exit_code == 0
    assert f"No index at {default_index} yet: indexing the bundled sample corpus first." in result.stderr


def test_an_ambiguous_id_prefix_lists_the_candidates(runner, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    lines = [json.dumps({"id": f"8{i:03d}", "title": f"Report {i}", "text": f"Oil {i} rose."}) for i in range(12)]
    lines.append(json.dumps({"id": "9000", "title": "Other", "text": "Gold fell."}))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n")
    index = ["--index", str(tmp_path / "ix")]
    assert runner.invoke(cli, ["index", str(folder), *index]).exit_code == 0
    result = runner.invoke(cli, ["show", "8", *index])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "Error: '8' is ambiguous: more than 10 article ids start with it; give more of the id:",
        "  8000  'Report 0'",
        "  8001  'Report 1'",
    ]
    result = runner.invoke(cli, ["show", "800", *index])
    assert result.stderr.splitlines()[0] == "Error: '800' is ambiguous: 10 article ids start with it; give more of the id:"
    assert runner.invoke(cli, ["show", "9", *index]).stdout.startswith("Other\n")
    assert runner.invoke(cli, ["similar", "80", *index]).exit_code == 1
    assert "ambiguous" in runner.invoke(cli, ["similar", "80", *index]).stderr


def test_a_huge_query_is_echoed_on_one_short_line(runner):
    query = "massacre " * 12000
    for command in (["search", query], ["search", query, "--all"], ["quotes", query], ["facets", query]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, command
        assert len(result.stdout) < 20000
        first = result.stdout.splitlines()[0]
        assert len(first) < 160, (command, first)
    head = runner.invoke(cli, ["search", query]).stdout.splitlines()[0]
    assert head.startswith("4 articles with all the words of 'massacre massacre")
    assert "…' (107,999 characters), 4 with any (page 1 of 1)" in head


def test_command_line_bytes_that_are_not_utf8_never_raise(runner):
    bad = "\udcff"  # how Python passes an invalid byte of argv
    for args in (
        ["search", f"{bad} massacre"],
        ["search", "massacre", "--tag", bad, "--speaker", bad],
        ["quotes", "--speaker", bad],
        ["show", bad],
        ["similar", bad],
        ["explain", bad, "--id", bad],
        ["facets", bad, "--author", bad],
    ):
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "\udcff" not in result.output and "Traceback" not in result.output
