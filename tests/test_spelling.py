"""Spelling suggestions: for unknown words, and for rare words with a far more common near
spelling, even when the query found articles."""

import json

import pytest

from indexer import build_index
from search import Searcher


@pytest.fixture(scope="module")
def fed_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fed")
    records = [
        {"title": f"Fed note {i}", "text": f"Fed chairman Paul Volcker spoke on the dollar, part {w}."}
        for i, w in enumerate(["one", "two", "three", "four", "five"] * 5)
    ]
    records.append({"title": "A typo", "text": "Paul Volker said the dollar was stable."})
    records += [{"title": f"Dollar {i}", "text": f"The dollar rose against the {c}."} for i, c in enumerate(["yen", "mark", "franc"])]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    build_index([folder / "a.jsonl"], folder / "ix")
    return folder / "ix"


def test_a_rare_word_with_a_far_more_common_near_spelling_gets_a_suggestion(fed_index):
    with Searcher(fed_index) as s:
        assert s.search("Volker").total == 1
        assert s.search("Volker").suggestion == "Volcker"
        both = s.search("Volker dollar")
        assert both.total == 29 and both.suggestion == "Volcker dollar"


def test_no_suggestion_for_common_words_or_comparable_spellings(fed_index):
    with Searcher(fed_index) as s:
        assert s.search("Volcker").suggestion is None
        assert s.search("dollar yen").suggestion is None
        assert s.search("Volcker Volker").suggestion == "Volcker Volcker"


def test_an_unknown_word_is_corrected_even_when_other_words_match(fed_index):
    with Searcher(fed_index) as s:
        results = s.search("dollar Volckr")
        assert results.total == 29 and results.suggestion == "dollar Volcker"
