"""Every match, streamed in rank order; pages are slices of that one order; totals; date orders."""

import pytest

import search.searcher
from indexer import analyze
from search import Searcher
from tests.conftest import VOCABULARY

PROSE = "oil coffee export brazil opec price bank grain"
QUERIES = ["oil", "oil coffee", "oil coffee -export", '"oil coffee"', PROSE, "tag:x OR rain"]


def _stems(searcher, hit):
    article = searcher.get(hit.id)
    return set(analyze(article.title + "\n" + article.body))


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", QUERIES)
def test_pages_are_slices_of_the_one_order_of_every_match(word_index, query, sort):
    with Searcher(word_index) as s:
        every = [(h.id, h.rank) for h in s.search_all(query, sort=sort, snippets=False)]
        total = s.search(query, sort=sort, limit=1).total
        assert len(every) == total > 0
        for limit in (7, 50):
            paged = []
            for page in range(1, total // limit + 2):
                results = s.search(query, sort=sort, limit=limit, page=page, snippets=False)
                paged += [(h.id, h.rank) for h in results.hits]
            assert paged == every, limit


def test_prose_query_pages_past_the_feedback_depth_keep_their_order(word_index):
    with Searcher(word_index) as s:
        assert s.search(PROSE, limit=1).total > 150  # deeper than the blend of the first 100
        deep = [h.id for h in s.search(PROSE, limit=30, page=5, snippets=False).hits]
        every = [h.id for h in s.search_all(PROSE, snippets=False)]
        assert deep == every[120:150]


def test_search_all_builds_each_hit_only_when_it_is_read(word_index, monkeypatch):
    built = []
    real = search.searcher.build_hit
    monkeypatch.setattr(
        search.searcher, "build_hit", lambda *a, **k: built.append(1) or real(*a, **k)
    )
    with Searcher(word_index) as s:
        stream = s.search_all("oil")
        assert stream.results.total > 50 and stream.results.hits == () and built == []
        first = next(iter(stream))
        assert first.rank == 1 and len(built) == 1


def test_search_all_carries_totals_facets_and_warnings(word_index):
    with Searcher(word_index) as s:
        stream = s.search_all("oil coffee date:yesterday", facets=("year",))
        page = s.search("oil coffee date:yesterday", facets=("year",))
        assert stream.results.total == page.total
        assert stream.results.total_all_words == page.total_all_words
        assert stream.results.facets == page.facets
        assert stream.results.warnings == page.warnings != ()


@pytest.mark.parametrize("words", [("oil", "coffee"), ("oil", "coffee", "export"), ("yen", "gold")])
def test_totals_count_articles_with_all_the_words_and_with_any(word_index, words):
    with Searcher(word_index) as s:
        results = s.search(" ".join(words))
        stems = [set(_stems(s, h)) for h in s.search_all(" ".join(words), snippets=False)]
    wanted = {analyze(w)[0] for w in words}
    assert results.total == len(stems) == sum(bool(wanted & t) for t in stems)
    assert results.total_all_words == sum(wanted <= t for t in stems)
    assert 0 < results.total_all_words < results.total


def test_all_words_total_leaves_out_excluded_articles(word_index):
    with Searcher(word_index) as s:
        results = s.search("oil coffee -export")
        hits = list(s.search_all("oil coffee -export", snippets=False))
        both = [h for h in hits if {"oil", "coffe"} <= _stems(s, h)]
        assert results.total_all_words == len(both) > 0
        assert [h.id for h in hits[: len(both)]] == [h.id for h in both]  # all-words first


def test_single_words_and_phrases_have_no_all_words_total(word_index):
    with Searcher(word_index) as s:
        assert s.search("oil").total_all_words is None
        assert s.search('"oil coffee"').total_all_words is None


@pytest.mark.parametrize("sort", ["newest", "date", "oldest"])
def test_undated_articles_come_last_in_both_date_orders(word_index, sort):
    with Searcher(word_index) as s:
        dates = [h.date for h in s.search_all("", sort=sort, snippets=False)]
    dated = [d for d in dates if d]
    assert 0 < len(dated) < len(dates)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))
    assert dated == sorted(dated, reverse=sort != "oldest")


def test_sample_newest_first_puts_the_undated_article_last(searcher):
    dates = [h.date for h in searcher.search("", sort="newest").hits]
    assert dates == ["2019-11-08", "2019-03-22", "2018-12-07", None]


def test_vocabulary_fixture_words_all_occur(word_index):
    with Searcher(word_index) as s:
        assert all(s.search(word).total for word in VOCABULARY)
