"""``dossier facets`` and ``stats`` for people: a limit per field, year and month histograms
with their gaps, human units and no internal field names."""

import json

import pytest

import search.cli
from search import Searcher
from search.cli import cli


@pytest.fixture(scope="module")
def tagged_index(tmp_path_factory):
    """31 tags; articles from 1985, 1987 and 1988 (none from 1986), and 7 undated."""
    from indexer import build_index

    folder = tmp_path_factory.mktemp("tagged")
    records = []
    for i in range(30):
        date = ["1985-03-02", "1987-11-20", "1988-01-05", None][i % 4]
        record = {"title": f"Item {i}", "text": f"Grain report number {i}.", "tags": [f"tag{i:02d}", "grain"]}
        if date:
            record["date"] = date
        records.append(record)
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    build_index([folder / "a.jsonl"], folder / "ix")
    return folder / "ix"


def _block(output, name):
    return output.split(f"{name}:\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_facets_limit_caps_the_values_of_each_field(runner, tagged_index):
    result = runner.invoke(cli, ["facets", "--field", "tag", "--limit", "3", "--index", str(tagged_index)])
    assert _block(result.stdout, "tag") == ["  grain  30", "  tag00  1", "  tag01  1", "  … and 28 more"]
    data = json.loads(runner.invoke(cli, ["facets", "--field", "tag", "--limit", "2", "--json", "--index", str(tagged_index)]).stdout)
    assert [f["value"] for f in data["facets"]["tag"]] == ["grain", "tag00"]


def test_facets_show_20_values_per_field_on_a_terminal_and_all_when_piped(runner, tagged_index, monkeypatch):
    piped = runner.invoke(cli, ["facets", "--field", "tag", "--index", str(tagged_index)])
    assert len(_block(piped.stdout, "tag")) == 31
    monkeypatch.setattr(search.cli, "_on_terminal", lambda: True)
    shown = runner.invoke(cli, ["facets", "--field", "tag", "--index", str(tagged_index)])
    assert len(_block(shown.stdout, "tag")) == 21 and _block(shown.stdout, "tag")[-1] == "  … and 11 more"


def test_years_without_articles_are_shown_as_zero(tagged_index):
    with Searcher(tagged_index) as s:
        years = s.search("", facets=("year",)).facets["year"]
    assert [(c.value, c.count) for c in years] == [("1985", 8), ("1986", 0), ("1987", 8), ("1988", 7)]


def test_months_are_shown_when_the_years_are_few(runner, tagged_index):
    recent = runner.invoke(cli, ["facets", "--field", "year", "--since", "1987", "--index", str(tagged_index)])
    assert _block(recent.stdout, "month") == [
        "  1987-11  ████████████████████ 8",
        "  1987-12  0",
        "  1988-01  ██████████████████ 7",
    ]
    everything = runner.invoke(cli, ["facets", "--field", "year", "--index", str(tagged_index)])
    assert "month:" not in everything.stdout
    assert _block(everything.stdout, "year")[1] == "  1986  0"


def test_stats_speak_in_human_units_without_internal_field_names(runner, tagged_index):
    result = runner.invoke(cli, ["stats", "--index", str(tagged_index)])
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"Index: {tagged_index}",
        "Articles: 30, published 1985-03-02 to 1988-01-05",
        "Distinct values: 31 tags, 0 categories, 0 speakers, 0 organizations, 0 authors",
    ]
    assert lines[3].startswith("Size on disk: ") and lines[3].endswith(" KB")
    assert "_label" not in result.stdout and "surface" not in result.stdout
    data = json.loads(runner.invoke(cli, ["stats", "--json", "--index", str(tagged_index)]).stdout)
    assert "tag_label" not in data["searchable_fields"] and "category" in data["searchable_fields"]
