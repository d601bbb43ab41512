"""Property-based testing of the API from its OpenAPI document, and of the pages: no input fails.

Schemathesis reads the document the server publishes (built by ``search/web/openapi.py``),
generates requests, valid and invalid (missing, wrong-typed, out-of-range, odd Unicode values
and path parameters), sends them to the real server over HTTP and checks that none is answered
with a server error, and that declared statuses and content types are kept.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.webserver import web_extra_or_skip

web_extra_or_skip()
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

import httpx  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    status_code_conformance,
)
from schemathesis.config import GenerationConfig, ProjectConfig, SchemathesisConfig  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

from search.web.openapi import openapi_document  # noqa: E402

config = SchemathesisConfig()
config.projects.default = ProjectConfig(
    parent=config,
    generation=GenerationConfig(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE]),
)
schema = schemathesis.openapi.from_dict(openapi_document(), config=config)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_api_fail(case, web_server):
    response = case.call(base_url=web_server.url, timeout=30)
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance],
    )


@pytest.fixture(scope="module")
def http(web_server):
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        yield client


PAGE_PARAMS = st.dictionaries(
    st.sampled_from(["q", "tag", "speaker", "org", "author", "year", "category", "since", "until",
                     "sort", "page", "limit", "plain", "strict", "full_text"]),
    st.text(max_size=40) | st.integers(-5, 20_000).map(str),
    max_size=5,
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(["/", "/quotes", "/facets/tag", "/api/search.csv"])
    | st.text(min_size=1, max_size=30).map(lambda s: "/articles/" + quote(s, safe=""))
    | st.text(min_size=1, max_size=30).map(lambda s: "/speakers/" + quote(s, safe="")),
    params=PAGE_PARAMS,
)
def test_no_page_request_makes_the_server_fail(http, path, params):
    response = http.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:200])
    assert response.status_code in (200, 400, 404, 414), (path, params)
