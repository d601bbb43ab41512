"""The examples the sample must answer, and the ranking and facet rules behind them."""

from indexer import build_index
from search import Searcher
from tests.conftest import TAG_COUNTS, TITLES


def titles(results):
    return [h.title for h in results.hits]


def test_montazeri_finds_only_the_fourth_article(searcher):
    assert titles(searcher.search("Montazeri")) == [TITLES[3]]


def test_death_commission_phrase_finds_first_and_fourth(searcher):
    assert sorted(titles(searcher.search('"death commission"'))) == sorted([TITLES[0], TITLES[3]])


def test_executions_with_tag_filter_finds_only_the_third(searcher):
    results = searcher.search("executions", filters={"tag": ("HRC40",)})
    assert titles(results) == [TITLES[2]]
    assert results.total == 1


def test_tag_facets_count_all_articles(searcher):
    counts = {f.value: f.count for f in searcher.search("").facets["tag"]}
    assert {k: counts[k] for k in TAG_COUNTS} == TAG_COUNTS


def test_facets_cover_every_match_not_only_the_page(searcher):
    results = searcher.search("1988", limit=1)
    assert len(results.hits) == 1 and results.total == 4
    assert {f.value: f.count for f in results.facets["tag"]}["MEK"] == 4


def test_tag_filter_narrows_facets_and_is_case_insensitive(searcher):
    results = searcher.search("", filters={"tag": ("ncri",)})
    assert results.total == 2
    assert {f.value: f.count for f in results.facets["tag"]}["NCRI"] == 2


def test_two_tag_filters_mean_both(searcher):
    assert searcher.search("", filters={"tag": ("NCRI", "Human Rights")}).total == 1


def test_articles_with_all_words_rank_above_those_with_some(tmp_path):
    texts = {
        "a.txt": "Torture Torture Torture\n\nTorture, torture and more torture in prison.",
        "b.txt": "A Long Report\n\n" + "Words about many things. " * 30 + "Torture and impunity.",
        "c.txt": "Impunity Now\n\nImpunity impunity impunity.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build_index([tmp_path], tmp_path / "ix")
    with Searcher(tmp_path / "ix") as s:
        plain_or = [h.title for h in s.search("torture OR impunity").hits]
        ranked = [h.title for h in s.search("torture impunity").hits]
    assert plain_or[0] != "A Long Report"  # BM25 alone prefers a one-word article...
    assert ranked[0] == "A Long Report"  # ...but the article with both words comes first
    assert sorted(ranked) == sorted(plain_or)  # and none with only some words is dropped


def test_keyword_field_with_quotes_is_one_exact_value(searcher):
    assert searcher.search('tag:"1988 Massacre"').total == 4
    assert searcher.search('tag:"Massacre"').total == 0
    assert searcher.search('author:"staff WRITER"').total == 2


def test_boolean_operators(searcher):
    assert searcher.search("Montazeri OR Brimelow").total == 2
    assert searcher.search("massacre AND Montazeri").total == 1
    assert searcher.search("massacre -Montazeri").total == 3
    assert searcher.search("massacre NOT Montazeri").total == 3


def test_phrase_with_slop(searcher):
    assert searcher.search('"commission death"~3').total == 0
    assert searcher.search('"death members"~3').total == 1


def test_title_field(searcher):
    # "Investigation" in the other title shares the stem of "investigate".
    assert titles(searcher.search("title:investigate")) == [TITLES[3], TITLES[2]]
    assert searcher.search("title:montazeri").total == 0  # in a body, in no title


def test_snippets_highlight_stems_and_whole_phrases(searcher):
    hit = searcher.search("executions", filters={"tag": ("HRC40",)}).hits[0]
    marked = [s.text[a:b] for s in hit.snippets for a, b in s.spans]
    assert "executed" in marked and "executions" in marked
    assert len(hit.snippets) <= 3
    phrase_hit = searcher.search('"death commission"').hits[0]
    words = {s.text[a:b] for s in phrase_hit.snippets for a, b in s.spans}
    assert words <= {"death commission", "death commissions"}


def test_results_are_deterministic_and_paged(searcher):
    first = searcher.search("massacre", limit=2)
    second = searcher.search("massacre", limit=2, page=2)
    assert first.total == second.total == 4
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert [h.id for h in searcher.search("massacre").hits] == [
        h.id for h in first.hits + second.hits
    ]
    assert searcher.search("massacre", page=9).hits == ()


def test_stop_word_query_warns_and_finds_nothing(searcher):
    results = searcher.search("the of")
    assert results.total == 0 and results.warnings


def test_show_by_id_and_prefix(searcher, sample_articles):
    article = sample_articles[3]
    assert searcher.get(article.id).title == article.title
    assert searcher.get(article.id[:6]).id == article.id
    assert searcher.get("nope") is None


def test_who_said_what_queries(searcher):
    assert searcher.search('speaker:"Philip Luther"').total == 3
    assert searcher.search('org:"Amnesty International"').total == 3
    # The first article also says "impunity" outside quotation marks: only quoted words count.
    assert sorted(titles(searcher.search("quote:impunity"))) == sorted([TITLES[0], TITLES[2]])
    assert searcher.search('quote:"crime against humanity"').total == 4
    assert searcher.search("speaker:Rajavi").total == 0


def test_date_queries_on_published_and_mentioned_dates(searcher):
    assert searcher.search("date:2019").total == 2
    assert searcher.search("date:[2019-01-01 TO 2019-06-30]").total == 1
    assert searcher.search("date:>2019-06").total == 1
    assert searcher.search("mentioned:1988").total == 4
    assert searcher.search("mentioned:2016").total == 1
