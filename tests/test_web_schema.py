"""Property-based testing of the API from its OpenAPI document: no input makes it fail (5xx).

Schemathesis reads the document the server publishes (built by ``search/web/openapi.py``),
generates requests, valid and invalid (missing, wrong-typed, out-of-range, odd Unicode values
and path parameters), sends them to the real server over HTTP and checks that none is answered
with a server error, and that declared statuses and content types are kept.
"""

from __future__ import annotations

import pytest

from tests.webserver import web_extra_or_skip

web_extra_or_skip()
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402
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
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_api_fail(case, web_server):
    response = case.call(base_url=web_server.url, timeout=30)
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance],
    )
