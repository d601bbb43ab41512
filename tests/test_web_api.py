"""The JSON API and the pages over HTTP, against a real ``dossier serve`` on 127.0.0.1.

The shared server (``web_server`` in conftest) serves the sample plus one hostile article; tests
that need their own server (a token, a tight time limit, an index rebuilt underneath) start one.
"""

from __future__ import annotations

import random
import re
import string
import time
from urllib.parse import quote_plus

import pytest

from tests.conftest import TAG_COUNTS
from tests.webserver import HOSTILE, running_server, web_extra_or_skip

web_extra_or_skip()

import httpx  # noqa: E402

from corpus import SAMPLE_CORPUS  # noqa: E402
from indexer import build_index  # noqa: E402
from search import Searcher  # noqa: E402
from search.errors import QueryError  # noqa: E402


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=30) as c:
        yield c


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"]["status"] == status
    return body["error"]["message"]


# -- search ----------------------------------------------------------------------------------


def test_search_api_answers_hits_with_marked_passages_facets_and_timelines(client, web_index):
    data = client.get("/api/search", params={"q": "massacre"}).json()
    with Searcher(web_index) as s:
        expected = s.search("massacre", limit=10)
    assert data["total"] == expected.total == 4
    assert [h["id"] for h in data["hits"]] == [h.id for h in expected.hits]
    for hit in data["hits"]:
        for snippet in hit["snippets"]:
            for start, end in snippet["spans"]:
                assert snippet["text"][start:end].lower().startswith("massac")
    tags = {c["value"]: c["count"] for c in data["facets"]["tag"]}
    assert {t: tags[t] for t in TAG_COUNTS} == TAG_COUNTS
    published = data["timeline"]["published"]
    assert published["unit"] == "month"
    dated = [h for h in data["hits"] if h["date"]]
    assert sum(b["count"] for b in published["buckets"]) == len(dated) == 3
    assert "1988" in {b["label"] for b in data["timeline"]["mentioned"]["buckets"]}


def test_search_api_filters_by_tag_and_keeps_other_tags_countable(client):
    data = client.get("/api/search", params={"q": "massacre", "tag": "HRC40"}).json()
    assert data["total"] == 1
    assert data["filters"] == {"tag": ["HRC40"]}
    assert {c["value"]: c["count"] for c in data["facets"]["tag"]}["MEK"] == 4
    assert {c["value"]: c["count"] for c in data["facets_within"]["tag"]}["MEK"] == 1


def test_search_api_pages_and_sorts(client):
    first = client.get("/api/search", params={"limit": 2, "sort": "oldest"}).json()
    second = client.get("/api/search", params={"limit": 2, "sort": "oldest", "page": 2}).json()
    assert first["total"] == 5 and first["pages"] == 3
    dates = [h["date"] for h in first["hits"] + second["hits"]]
    assert dates == sorted(dates)
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_bad_query_in_strict_mode_is_400_with_the_parsers_message(client, web_index):
    with Searcher(web_index) as s, pytest.raises(QueryError) as caught:
        s.search('"death commission', strict=True)
    message = _error(client.get("/api/search", params={"q": '"death commission', "strict": 1}), 400)
    assert message == f"bad query: {caught.value}"


def test_impossible_date_is_400(client):
    assert "2019-13" in _error(client.get("/api/search", params={"since": "2019-13"}), 400)


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"limit": 101}, "limit must be between 1 and 100"),
        ({"limit": "ten"}, "limit must be a whole number"),
        ({"page": 0}, "page must be between"),
        ({"page": 1001, "limit": 10}, "deepest a page reaches"),
        ({"sort": "random"}, "sort must be one of"),
    ],
)
def test_page_size_depth_and_sort_limits_are_400(client, params, needle):
    assert needle in _error(client.get("/api/search", params=params), 400)


def test_long_query_is_414_and_huge_address_is_414(client):
    assert "limit is 1,000" in _error(client.get("/api/search", params={"q": "a" * 1001}), 414)
    many = [("tag", "x" * 100)] * 100
    assert "address" in _error(client.get("/api/search", params=many), 414)


def test_large_request_body_is_413(client):
    response = client.post("/login", content=b"token=" + b"x" * 10_000,
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_nothing_over_http_writes(client, method):
    assert "read-only" in _error(client.request(method, "/api/search"), 405)


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/api/search", "/static/dossier.css", "/nowhere", "/articles/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


# -- articles, quotes, speakers -------------------------------------------------------------


def test_article_api_locates_the_querys_matches(client, sample_articles):
    article = sample_articles[0]
    data = client.get(f"/api/articles/{article.id}", params={"q": "massacre"}).json()
    assert data["article"]["title"] == article.title
    assert data["sources"] == [str(SAMPLE_CORPUS)]
    assert data["matches"]["body"]
    for start, end in data["matches"]["body"]:
        assert article.body[start:end].lower().startswith("massac")
    assert data["similar"] and article.id not in {h["id"] for h in data["similar"]}


def test_unknown_article_is_404_in_json_and_as_a_page(client):
    assert "no article" in _error(client.get("/api/articles/ffffffffffffffff"), 404)
    page = client.get("/articles/ffffffffffffffff")
    assert page.status_code == 404
    assert "There is no article with id" in page.text
    assert client.get("/api/articles/ffffffffffffffff/similar").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fsearcher.py",
        "/speakers/..%2F..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_path_parameters_cannot_reach_files(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "class Searcher" not in response.text


def test_quotes_api_groups_quotations_by_speaker_with_citations(client, web_index):
    data = client.get("/api/quotes", params={"q": "tribunal"}).json()
    with Searcher(web_index) as s:
        expected = s.quotes("tribunal", limit=50)
    assert data["total"] == expected.total
    speakers = [g["speaker"] for g in data["groups"]]
    assert len(speakers) == len(set(speakers))
    assert sum(len(g["quotes"]) for g in data["groups"]) == len(expected.quotes)
    for group in data["groups"]:
        for quote in group["quotes"]:
            assert quote["speaker"] == group["speaker"]
            assert quote["citation"].startswith(f"{group['speaker']}: “")
            assert f"In “{quote['title']}”" in quote["citation"]


def test_quotes_api_needs_words_or_a_speaker(client):
    assert "give words" in _error(client.get("/api/quotes"), 400)


def test_speaker_api_lists_quotes_tags_and_company(client, web_index):
    data = client.get("/api/speakers/philip luther").json()
    with Searcher(web_index) as s:
        expected = s.quotes("", speakers=("Philip Luther",), limit=500)
    assert data["name"] == "Philip Luther"
    assert data["quotes"]["total"] == expected.total > 0
    assert data["articles"] == 3
    assert "Philip Luther" not in {c["value"] for c in data["alongside"]}
    assert {c["value"] for c in data["tags"]} >= {"1988 Massacre", "MEK"}
    assert _error(client.get("/api/speakers/Nobody At All"), 404)


def test_facets_stats_health_and_similar(client, sample_articles):
    facets = client.get("/api/facets", params={"q": "massacre"}).json()
    assert set(facets["facets"]) == {"tag", "category", "speaker", "org", "author", "year"}
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 5 and "index" not in stats
    assert client.get("/healthz").json() == {"status": "ok", "articles": 5}
    similar = client.get(f"/api/articles/{sample_articles[0].id}/similar", params={"limit": 2})
    assert len(similar.json()["hits"]) == 2


# -- exports ----------------------------------------------------------------------------------


def test_jsonl_export_streams_every_match_with_passages(client, web_index):
    response = client.get("/api/search.jsonl", params={"q": "tribunal OR massacre"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    rows = [__import__("json").loads(line) for line in response.text.splitlines()]
    with Searcher(web_index) as s:
        expected = s.search("tribunal OR massacre", limit=100)
    assert [r["id"] for r in rows] == [h.id for h in expected.hits]
    assert all(r["passages"] for r in rows)
    assert "text" not in rows[0]


def test_csv_export_with_full_text(client, sample_articles):
    import csv
    import io

    response = client.get("/api/search.csv", params={"q": "", "full_text": 1})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    bodies = {a.id: a.body for a in sample_articles}
    for row in rows:
        if row["id"] in bodies:
            assert row["text"] == bodies[row["id"]]


def test_export_of_a_bad_query_is_400_before_streaming(client):
    assert _error(client.get("/api/search.csv", params={"since": "2019-13"}), 400)


# -- documents -------------------------------------------------------------------------------


def test_openapi_describes_every_api_route(client):
    doc = client.get("/openapi.json").json()
    from search.web.api import routes

    described = set(doc["paths"])
    served = {re.sub(r"\{(\w+)(:path)?\}", r"{\1}", r.path) for r in routes()} - {"/openapi.json"}
    served = {p.replace("{article_id}", "{id}") for p in served}
    assert described == served
    docs = client.get("/docs").text
    for path in described:
        assert f"GET {path}" in docs


# -- the page --------------------------------------------------------------------------------


def test_page_escapes_hostile_text_and_links_nowhere_unsafe(client):
    for path in ("/?q=tribunal", "/articles/hostile-1?q=tribunal", "/quotes?q=tribunal",
                 "/speakers/Mallory Hacker", "/?tag=<script>alert('tag')</script>"):
        html = client.get(path).text
        assert "&lt;script&gt;" in html, path
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower() and "<iframe" not in html.lower(), path
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), path
        tags = set(re.findall(r"<\s*([a-zA-Z][\w-]*)", html))
        assert tags <= ALLOWED_TAGS, (path, tags - ALLOWED_TAGS)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "a", "header", "nav", "main", "footer", "p",
    "form", "label", "div", "input", "button", "details", "summary", "table", "caption", "thead",
    "tbody", "tr", "th", "td", "code", "em", "strong", "span", "ul", "li", "ol", "article", "h1",
    "h2", "h3", "time", "mark", "aside", "section", "figure", "figcaption", "svg", "rect", "line",
    "dl", "dt", "dd", "blockquote", "textarea", "pre",
}
"""Every element Dossier's own templates use; anything else on a page came from content."""


def test_page_url_holds_the_whole_state(client):
    html = client.get("/", params={"q": "massacre", "tag": "MEK", "sort": "oldest",
                                   "limit": 2, "page": 2}).text
    assert 'value="massacre"' in html and '<input type="hidden" name="tag" value="MEK">' in html
    assert '<strong aria-current="true">Oldest</strong>' in html
    assert '<strong aria-current="page">2</strong>' in html
    assert 'rel="prev" href="/?q=massacre&amp;tag=MEK&amp;sort=oldest&amp;limit=2"' in html
    assert 'href="/?q=massacre&amp;sort=oldest&amp;limit=2"' in html  # the chip's ×


def test_empty_result_says_what_to_try(client):
    html = client.get("/", params={"q": "zzzzqqqq", "tag": "MEK"}).text
    assert "No articles match “zzzzqqqq” with these filters." in html
    assert 'href="/?q=zzzzqqqq"' in html


# -- servers of their own ------------------------------------------------------------------


@pytest.mark.slow
def test_token_guards_every_request_by_header_or_login_cookie(web_index):
    with running_server(web_index, env={"DOSSIER_TOKEN": "s3cret"}) as server, \
            httpx.Client(base_url=server.url) as c:
        refused = c.get("/api/search")
        assert "access token" in _error(refused, 401)
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/healthz").status_code == 401
        page = c.get("/", headers={"accept": "text/html"})
        assert page.status_code == 401 and 'href="/login"' in page.text
        ok = c.get("/api/search", headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        assert c.get("/api/search", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/login", data={"token": "nope"}).status_code == 401
        signed = c.post("/login", data={"token": "s3cret", "next": "/quotes"})
        assert signed.status_code == 303 and signed.headers["location"] == "/quotes"
        assert "s3cret" not in signed.headers["set-cookie"]
        assert "HttpOnly" in signed.headers["set-cookie"]
        assert c.get("/api/stats").status_code == 200  # the cookie now travels with the client


@pytest.mark.slow
def test_slow_search_is_stopped_at_the_time_limit_and_the_server_goes_on(web_index):
    letters = random.Random(7)
    words = ("".join(letters.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(110))
    fuzzy = " ".join(f"{w}~2" for w in words)[:1000]  # about 5 s of fuzzy expansion
    with running_server(web_index, "--time-limit", "0.5") as server, \
            httpx.Client(base_url=server.url, timeout=30) as c:
        started = time.monotonic()
        message = _error(c.get("/api/search", params={"q": fuzzy}), 400)
        assert time.monotonic() - started < 3
        assert "limit of 0.5 s" in message
        assert c.get("/api/search", params={"q": "massacre"}).json()["total"] == 4


@pytest.mark.slow
def test_server_picks_up_a_newer_commit_without_restart(tmp_path):
    index = tmp_path / "index"
    build_index([SAMPLE_CORPUS], index)
    with running_server(index) as server, httpx.Client(base_url=server.url) as c:
        assert c.get("/api/stats").json()["articles"] == 4
        build_index([HOSTILE], index)
        deadline = time.monotonic() + 10
        while c.get("/api/stats").json()["articles"] != 5 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert c.get("/api/stats").json()["articles"] == 5
        assert c.get("/api/search", params={"q": "Mallory"}).json()["total"] == 1


@pytest.mark.slow
def test_without_an_index_the_sample_is_served_and_the_page_says_so(tmp_path):
    home = {"XDG_DATA_HOME": str(tmp_path), "DOSSIER_INDEX": ""}
    with running_server(None, env=home) as server, httpx.Client(base_url=server.url) as c:
        assert c.get("/api/stats").json()["articles"] == 4
        assert "You are searching the bundled sample archive" in c.get("/").text


def test_the_page_says_nothing_of_the_sample_for_another_index(client):
    assert "bundled sample" not in client.get("/").text


def test_serving_beyond_this_machine_needs_a_token(runner, sample_index):
    from search.cli import cli

    refused = runner.invoke(cli, ["serve", "--index", str(sample_index), "--host", "0.0.0.0"])
    assert refused.exit_code == 2
    assert "0.0.0.0 can be reached from other machines" in refused.output
    assert "--token" in refused.output and "--insecure-no-token" in refused.output
    from search.web.serve import check_bind

    check_bind("0.0.0.0", "tok", insecure_no_token=False)
    check_bind("0.0.0.0", None, insecure_no_token=True)
    check_bind("::1", None, insecure_no_token=False)


def test_a_facet_page_lists_every_value_with_links_back_to_the_search(client):
    html = client.get("/facets/tag", params={"q": "massacre"}).text
    data = client.get("/api/facets", params={"q": "massacre"}).json()
    for value in (c["value"] for c in data["facets"]["tag"]):
        assert f'href="/?q=massacre&amp;tag={quote_plus(value).replace("&", "&amp;")}"' in html
    assert client.get("/facets/nonsense").status_code == 404


@pytest.mark.slow
def test_several_worker_processes_serve_the_same_answers(web_index, client):
    with running_server(web_index, "--workers", "2") as server, \
            httpx.Client(base_url=server.url, timeout=30) as c:
        for _ in range(6):  # new connections land on either process
            with httpx.Client(base_url=server.url, timeout=30) as fresh:
                assert fresh.get("/healthz").json() == {"status": "ok", "articles": 5}
        ours = c.get("/api/search", params={"q": "massacre"}).json()
        assert ours["hits"] == client.get("/api/search", params={"q": "massacre"}).json()["hits"]


def test_totals_count_matches_with_all_the_words_and_with_any(client, web_index):
    with Searcher(web_index) as s:
        expected = s.search("Luther tribunal")
    data = client.get("/api/search", params={"q": "Luther tribunal"}).json()
    assert (data["total"], data["total_all_words"]) == (expected.total, expected.total_all_words)
    assert expected.total_all_words is not None and expected.total_all_words < expected.total
    html = client.get("/", params={"q": "Luther tribunal"}).text
    assert (f"<strong>{expected.total}</strong> articles match, "
            f"<strong>{expected.total_all_words}</strong> with all the words") in html


def test_a_misspelt_query_offers_the_suggestion_as_a_link(client, web_index):
    with Searcher(web_index) as s:
        suggestion = s.search("Montazary").suggestion
    assert suggestion == "Montazeri"
    assert client.get("/api/search", params={"q": "Montazary"}).json()["suggestion"] == suggestion
    html = client.get("/", params={"q": "Montazary", "tag": "MEK"}).text
    assert 'Did you mean <a href="/?q=Montazeri&amp;tag=MEK">Montazeri</a>?' in html
