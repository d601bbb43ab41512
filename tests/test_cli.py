"""The dossier command end to end, through click's CliRunner."""

import json
import os

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


def test_extract_prints_articles_without_indexing(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(SAMPLE_CORPUS), "--jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [len(r["tags"]) for r in records] == [11, 10, 7, 7]
    assert not os.path.exists(os.environ["DOSSIER_INDEX"])


def test_missing_path_is_a_usage_error(runner):
    result = runner.invoke(cli, ["index", "/no/such/path"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_bad_query_in_strict_mode_is_a_usage_error(runner):
    result = runner.invoke(cli, ["search", "--strict", "speakr:Luther"])
    assert result.exit_code == 2
    assert "bad query: unknown field 'speakr'" in result.output


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
