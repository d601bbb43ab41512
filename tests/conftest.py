"""Shared fixtures: the sample articles, a sample index built once, a CLI runner."""

from __future__ import annotations

import json
import random
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


VOCABULARY = [
    "oil", "coffee", "export", "brazil", "opec", "price", "bank", "grain", "wheat", "trade",
    "dollar", "yen", "strike", "port", "ship", "crop", "rain", "gold", "loan", "debt",
]  # fmt: skip
"""The words of ``word_index``'s articles."""


@pytest.fixture(scope="session")
def word_index(tmp_path_factory) -> Path:
    """300 short articles of random words from VOCABULARY, in two commits (two segments).

    Every fifth article has no date; the others are dated in 1987, several on the same day.
    """
    folder = tmp_path_factory.mktemp("words")
    rng = random.Random(7)
    for part in (1, 2):
        lines = []
        for i in range(150):
            words = rng.sample(VOCABULARY, rng.randint(1, 6))
            record = {"title": f"Report {part}-{i}", "text": " ".join(words) + "."}
            if i % 5:
                record["date"] = f"1987-{rng.randint(1, 12):02d}-{rng.randint(1, 3):02d}"
            lines.append(json.dumps(record))
        (folder / f"part{part}.jsonl").write_text("\n".join(lines) + "\n")
        build_index([folder / f"part{part}.jsonl"], folder / "ix")
    return folder / "ix"


@pytest.fixture
def searcher(sample_index):
    with Searcher(sample_index) as s:
        yield s


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    """A CLI runner whose default index is a fresh folder (filled with the sample on first use)."""
    monkeypatch.delenv("DOSSIER_INDEX", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def default_index(tmp_path) -> Path:
    """Where ``runner``'s default index lives."""
    return tmp_path / "data" / "dossier" / "index"


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
