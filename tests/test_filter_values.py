"""A filter value that matches no value exactly is named, with the closest values that exist."""

from search.cli import cli
from search.closest import closest_values


def test_unknown_filter_values_warn_with_the_closest_existing_values(searcher):
    results = searcher.search(
        "", filters={"speaker": ("Luther",), "author": ("staff",), "tag": ("massacre", "MEK")}
    )
    assert results.total == 0
    assert results.warnings == (
        "no article has speaker 'Luther' exactly; closest: Philip Luther",
        "no article has author 'staff' exactly; closest: Staff writer",
        "no article has tag 'massacre' exactly; closest: 1988 Massacre, "
        "Amnesty International Report on 1988 massacre",
    )


def test_exact_values_in_any_case_give_no_warning(searcher):
    results = searcher.search("", filters={"speaker": ("philip LUTHER",), "tag": ("mek",)})
    assert results.total > 0 and results.warnings == ()


def test_a_value_with_nothing_close_is_still_named(searcher):
    results = searcher.search("", filters={"tag": ("OKCPSS",)})
    assert results.warnings == ("no article has tag 'OKCPSS' exactly",)


def test_quotes_speaker_may_be_a_person_or_an_organization(searcher):
    assert searcher.quotes(speakers=("Amnesty International",)).warnings == ()
    assert searcher.quotes(speakers=("Luther",)).warnings == (
        "no article has speaker 'Luther' exactly; closest: Philip Luther",
    )


def test_cli_prints_the_warning_instead_of_nothing(runner):
    result = runner.invoke(cli, ["search", "executions", "--author", "Dickerson"])
    assert result.exit_code == 0
    assert "warning: no article has author 'Dickerson' exactly" in result.stdout
    result = runner.invoke(cli, ["facets", "--speaker", "Luther"])
    assert "warning: no article has speaker 'Luther' exactly; closest: Philip Luther" in result.stdout


def test_closest_values_prefer_whole_words_then_prefixes_then_spellings():
    values = ["James A. Baker", "Bakersfield Co", "Barker", "Dickerson Smith", "Baker"]
    assert closest_values("baker", values) == ["Baker", "James A. Baker", "Bakersfield Co", "Barker"]
    assert closest_values("Dickersen", values) == ["Dickerson Smith"]
    assert closest_values("OKCPSS", ["OKCPS", "Politics"]) == ["OKCPS"]
