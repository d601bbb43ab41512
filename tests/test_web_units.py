"""The web layer's parts without a server: markup, URL state and limits, the engine's budget."""

from __future__ import annotations

import threading
import time

import pytest

from tests.webserver import HOSTILE, web_extra_or_skip

web_extra_or_skip()

from starlette.datastructures import QueryParams  # noqa: E402

from corpus.article import Quote  # noqa: E402
from indexer import build_index  # noqa: E402
from search.timeline import TimeBucket, Timeline  # noqa: E402
from search.web.engine import Busy, Engine, TooSlow  # noqa: E402
from search.web.markup import article_body, marked, safe_url, timeline_svg  # noqa: E402
from search.web.params import BadRequest, SearchParams  # noqa: E402

# -- markup ----------------------------------------------------------------------------------


def test_marked_escapes_everything_but_its_own_marks():
    text = "<b>x</b> & <script>y</script>"
    html = marked(text, [(3, 4), (text.index("y"), text.index("y") + 1)])
    assert html == "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &lt;script&gt;<mark>y</mark>&lt;/script&gt;"


def test_marked_ignores_spans_out_of_range_or_overlapping():
    assert marked("abc", [(1, 9), (0, 2), (5, 7)]) == "<mark>ab</mark><mark>c</mark>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x",
                                 "//evil.org/x", "/local", "vbscript:x", "http://[bad"])
def test_only_absolute_web_addresses_become_links(url):
    assert safe_url(url) is None


def test_article_body_marks_quotes_with_speakers_and_matches_across_paragraphs():
    body = "Intro <b>.\n\n“Free them,” said <Ann>. Then “we go\n\non,” she said."
    first, second = body.index("Free"), body.index("we go")
    quotes = [Quote("Free them,", "<Ann>", first, first + 10),
              Quote("we go\n\non,", "Bo", second, second + 10)]
    go = body.index("go\n")
    html = str(article_body(body, quotes, [(0, 5), (go, go + 6)]))  # "go", break, "on"
    assert html.count("<p ") == 3
    assert "Intro &lt;b&gt;." in html.replace("<mark>Intro</mark>", "Intro")
    assert f'<span class="quote" id="q{first}">Free them,</span>' in html
    assert '<a class="said-by" href="/speakers/%3CAnn%3E">&lt;Ann&gt;</a>' in html
    assert (f'<span class="quote" id="q{second}">we </span>'
            '<span class="quote"><mark>go</mark></span></p>') in html
    assert '<p id="p3"><span class="quote"><mark>on</mark></span><span class="quote">,</span>' in html
    assert html.endswith('<a class="said-by" href="/speakers/Bo">Bo</a>” she said.</p>')


def test_timeline_svg_links_each_period_and_labels_it():
    t = Timeline("month", (TimeBucket("2019-02", "2019-02-01", "2019-02-28", 3),
                           TimeBucket("2019-03", "2019-03-01", "2019-03-31", 0),
                           TimeBucket("2019-04", "2019-04-01", "2019-04-30", 1)))
    svg = str(timeline_svg(t, lambda b: f"/?since={b.start}&until={b.end}", label="By <date>"))
    assert svg.count("<rect") == 2
    assert 'href="/?since=2019-02-01&amp;until=2019-02-28"' in svg
    assert 'aria-label="Feb 2019: 3 articles"' in svg
    assert 'aria-label="By &lt;date&gt;"' in svg
    assert "<span>Feb 2019</span><span>Apr 2019</span>" in svg


# -- URL state and limits --------------------------------------------------------------------


def read(query: str) -> SearchParams:
    return SearchParams.read(QueryParams(query))


def test_params_round_trip_through_their_url():
    params = read("q=death+commission&tag=MEK&tag=PMOI&speaker=Philip+Luther&since=2019"
                  "&sort=oldest&page=3&limit=20&plain=1")
    url = params.url(page=3)
    assert read(url.split("?", 1)[1]) == params
    assert params.filter_map() == {"tag": ("MEK", "PMOI"), "speaker": ("Philip Luther",)}


def test_toggle_adds_and_removes_a_filter_and_returns_to_page_one():
    params = read("q=x&tag=MEK&page=4")
    assert params.toggle("tag", "PMOI") == "/?q=x&tag=MEK&tag=PMOI"
    assert params.toggle("tag", "mek") == "/?q=x"
    assert params.url(sort="newest") == "/?q=x&tag=MEK&sort=newest"


def test_default_sort_is_relevance_for_a_query_and_newest_for_browsing():
    assert read("q=x").effective_sort == "relevance"
    assert read("").effective_sort == "newest"


@pytest.mark.parametrize(
    ("query", "status"),
    [("q=" + "x" * 1001, 414), ("tag=" + "x" * 201, 400), ("limit=0", 400), ("page=-1", 400),
     ("page=2000&limit=10", 400), ("sort=best", 400), ("&".join(f"tag=a{i}" for i in range(21)), 400)],
)
def test_limits_are_refused_with_their_status(query, status):
    with pytest.raises(BadRequest) as caught:
        read(query)
    assert caught.value.status == status


def test_control_characters_are_dropped_from_values():
    assert read("q=a%00b%1fc").q == "a b c"


# -- the engine -------------------------------------------------------------------------------


@pytest.fixture
def engine(sample_index):
    e = Engine(sample_index, time_limit=0.3, check_every=0.0)
    yield e
    e.close()


def spin(searcher):
    while True:  # a runaway library call
        searcher.index_dir.name.upper()


def test_a_call_past_its_budget_is_stopped_and_the_searcher_replaced(engine):
    before = engine.reopened
    started = time.monotonic()
    with pytest.raises(TooSlow, match="limit of 0.3 s"):
        engine.call(spin)
    assert time.monotonic() - started < 2
    assert engine.reopened == before + 1
    assert engine.call(lambda s: s.search("massacre").total) == 4


def test_a_call_that_cannot_get_the_searcher_in_time_is_busy(engine):
    holding = threading.Event()

    def hold(searcher):
        holding.set()
        time.sleep(0.25)  # inside C code, under the budget
        return "done"

    worker = threading.Thread(target=lambda: engine.call(hold))
    worker.start()
    holding.wait()
    engine.time_limit = 0.05
    with pytest.raises(Busy, match="busy"):
        engine.call(lambda s: s.stats())
    worker.join()


def test_engine_reopens_after_a_commit_and_keeps_pinned_searchers_open(tmp_path):
    from corpus import SAMPLE_CORPUS

    index = tmp_path / "index"
    build_index([SAMPLE_CORPUS], index)
    engine = Engine(index, check_every=0.0)
    try:
        pinned = engine.pin()
        build_index([HOSTILE], index)
        assert engine.call(lambda s: s.stats()["articles"]) == 5
        assert engine.reopened == 1
        assert engine.call(lambda s: s.stats()["articles"], pinned) == 4  # still readable
        engine.unpin(pinned)
        with pytest.raises(Exception):  # noqa: B017, PT011 - Whoosh's own error for a closed reader
            pinned.search("massacre")
    finally:
        engine.close()


def test_answers_are_remembered_until_the_index_changes(tmp_path):
    from corpus import SAMPLE_CORPUS

    index = tmp_path / "index"
    build_index([SAMPLE_CORPUS], index)
    engine = Engine(index, check_every=60.0)
    calls = []

    def count(searcher):
        calls.append(1)
        return searcher.stats()["articles"]

    try:
        assert engine.call(count, key="n") == engine.call(count, key="n") == 4
        assert len(calls) == 1
        assert engine.call(count) == 4 and len(calls) == 2  # no key: always computed
        build_index([HOSTILE], index)
        engine.check_every = 0.0
        assert engine.call(count, key="n") == 5  # a newer commit empties the memory
        assert len(calls) == 3
    finally:
        engine.close()
