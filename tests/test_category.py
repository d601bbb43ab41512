"""Categories are searchable (``category:``), filterable (``--category``) and counted as a facet."""

import json

import pytest

from indexer import build_index
from search import Searcher
from search.cli import cli
from tests.shared import shared_path


@pytest.fixture(scope="module")
def category_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("categories")
    records = [
        {"title": "Council vote", "text": "The council voted on the school budget.", "categories": ["Politics", "Schools"]},
        {"title": "Board race", "text": "Candidates for the school board spoke.", "categories": ["Politics"]},
        {"title": "Game night", "text": "The school team won the game.", "categories": ["Sports"], "tags": ["Politics"]},
    ]  # fmt: skip
    (folder / "posts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    build_index([folder / "posts.jsonl"], folder / "ix")
    return folder / "ix"


def titles(results):
    return sorted(h.title for h in results.hits)


def test_category_field_finds_articles_filed_under_it(category_index):
    with Searcher(category_index) as s:
        assert titles(s.search("category:politics")) == ["Board race", "Council vote"]
        assert titles(s.search('school +category:"Schools"')) == ["Council vote"]
        assert s.search("tag:schools").total == 0  # a category is not a tag


def test_category_filter_and_facet(category_index):
    with Searcher(category_index) as s:
        results = s.search("school", filters={"category": ("Politics",)}, facets=("category",))
        assert titles(results) == ["Board race", "Council vote"]
        counts = {f.value: f.count for f in results.facets["category"]}
        assert counts == {"Politics": 2, "Schools": 1, "Sports": 1}  # its own filter lifted
        within = {f.value: f.count for f in results.facets_within["category"]}
        assert within == {"Politics": 2, "Schools": 1}
        assert results.hits[0].categories in (("Politics",), ("Politics", "Schools"))


def test_cli_category_option_facet_and_hit_line(runner, category_index):
    index = ["--index", str(category_index)]
    result = runner.invoke(cli, ["search", "school", "--category", "Schools", *index])
    assert result.exit_code == 0, result.output
    assert "   categories: Politics, Schools\n" in result.stdout
    facets = runner.invoke(cli, ["facets", "--field", "category", *index])
    assert facets.stdout.splitlines()[1:5] == ["category:", "  Politics  2", "  Schools   1", "  Sports    1"]


@pytest.mark.shared
def test_wordpress_category_archive_posts_are_found_by_category(tmp_path):
    page = shared_path("fixtures", "wordpress", "pages", "mossiso__category_academic.html")
    build_index([page], tmp_path / "ix")
    with Searcher(tmp_path / "ix") as s:
        everything = s.search("", limit=50, facets=("category",))
        counts = {f.value: f.count for f in everything.facets["category"]}
        assert counts.get("Academic") == everything.total == 10
        assert s.search("category:academic", limit=50).total == 10
