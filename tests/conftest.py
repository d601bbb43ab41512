"""Shared fixtures: the sample articles, a sample index built once, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from corpus import SAMPLE_CORPUS, read_path
from indexer import build_index
from search import Searcher

settings.register_profile("ci", deadline=None, max_examples=150)
settings.load_profile("ci")

TAG_COUNTS = {
    "1988 Massacre": 4,
    "MEK": 4,
    "PMOI": 4,
    "Mujahedin-e Khalq": 3,
    "NCRI": 2,
    "Human Rights": 2,
    "HRC40": 1,
    "Maryam Rajavi": 1,
}
"""Tag counts the sample must show (checked by hand against its tag lines)."""

TITLES = (
    "Iran: Amnesty International Calls for Condemnation of Iran’s Deterioration of Human Rights "
    "Record at the UN Human Rights Council",
    "Amnesty International: Regime’s Treatment of Families of 1988 Massacre Victims Amounts to "
    "Torture, Crimes against Humanity",
    "Amnesty International Issues Written Statement to the UN Urging an Investigation into "
    "Iranian Human Rights Abuses",
    "The UN Must Investigate the 1988 Massacre",
)


@pytest.fixture(scope="session")
def sample_articles():
    result = read_path(SAMPLE_CORPUS)
    return result.articles


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample-index")
    build_index([SAMPLE_CORPUS], path)
    return path


@pytest.fixture
def searcher(sample_index):
    with Searcher(sample_index) as s:
        yield s


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("DOSSIER_INDEX", str(tmp_path / "index"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def title_of(sample_articles):
    by_id = {a.id: a.title for a in sample_articles}
    return lambda article_id: by_id[article_id]


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current code (review the diff before committing)",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> Path:
    """The sample plus one hostile article (script and javascript: URLs in every field)."""
    from tests.webserver import HOSTILE

    path = tmp_path_factory.mktemp("web-index")
    build_index([SAMPLE_CORPUS, HOSTILE], path)
    return path


@pytest.fixture(scope="session")
def web_server(web_index):
    """A real ``dossier serve`` over ``web_index``, shared by the web tests."""
    from tests.webserver import running_server, web_extra_or_skip

    web_extra_or_skip()
    with running_server(web_index) as server:
        yield server
