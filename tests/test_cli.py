"""The dossier command end to end, through click's CliRunner."""

import json
import os

from corpus import SAMPLE_CORPUS
from search.cli import cli


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
    for tag, count in {
        "1988 Massacre": 4,
        "MEK": 4,
        "PMOI": 4,
        "Mujahedin-e Khalq": 3,
        "NCRI": 2,
        "Human Rights": 2,
        "HRC40": 1,
        "Maryam Rajavi": 1,
    }.items():
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
