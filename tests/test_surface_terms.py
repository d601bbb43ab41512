"""Fuzzy, prefix and wildcard terms match the words as typed, and only then are stemmed."""

import json

import pytest

from indexer import build_index
from search import Searcher


@pytest.fixture(scope="module")
def words_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surface")
    texts = {
        "saudi": "Saudi Arabia raised its output.",
        "study": "A new study of output was published.",
        "studies": "Earlier studies disagreed.",
        "investigate": "The commission will investigate the claims.",
        "investigators": "Investigators met the families.",
        "investigation": "An investigation began in June.",
        "invest": "Funds invest in bonds.",
        "investors": "Investors sold shares.",
        "authorities": "The authorities denied it.",
        "luther": "Philip Luther said so.",
    }
    records = [{"id": key, "title": key.title(), "text": text} for key, text in texts.items()]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    build_index([folder / "a.jsonl"], folder / "ix")
    return folder / "ix"


def ids(searcher, query):
    return sorted(h.id for h in searcher.search_all(query, snippets=False))


def test_fuzzy_term_reaches_words_near_what_was_typed_not_near_its_stem(words_index):
    with Searcher(words_index) as s:
        # "saudis" stems to "saudi", one edit from "studi" (study); as typed it is two away.
        assert ids(s, "saudis~1") == ["saudi"]
        assert ids(s, "Luthor~") == ["luther"]  # "luthor" is one edit from the stem "author"
        # What a fuzzy term reaches is then stemmed: every inflection of "study" is found.
        assert ids(s, "studdy~1") == ["studies", "study"]


def test_prefix_reaches_every_word_that_starts_so(words_index):
    with Searcher(words_index) as s:
        assert ids(s, "investigat*") == ["investigate", "investigation", "investigators"]
        assert ids(s, "invest*") == [
            "invest", "investigate", "investigation", "investigators", "investors"
        ]  # fmt: skip
        assert ids(s, "investor*") == ["investors"]  # not the stem "invest" of "invest"
        assert ids(s, "title:investigat*") == ["investigate", "investigation", "investigators"]


def test_wildcard_runs_on_words_as_typed(words_index):
    with Searcher(words_index) as s:
        # No stem ends in "ion"; the word "investigation" does, and its stem is then searched.
        assert ids(s, "inv*ion") == ["investigate", "investigation", "investigators"]
        assert ids(s, "?nvest") == ["invest"]


def test_highlights_mark_the_words_a_fuzzy_term_reached(words_index):
    with Searcher(words_index) as s:
        hit = s.search("saudis~1").hits[0]
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Saudi"]
