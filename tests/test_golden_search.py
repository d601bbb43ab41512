"""Ranked ids and scores for a fixed query set on the sample, pinned in tests/golden/.

Speed work must not change results: any change to ranking shows up here as a diff to review
(regenerate with ``pytest --update-golden``).
"""

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "search_sample.json"
QUERIES = [
    "Montazeri",
    '"death commission"',
    "executions",
    "massacre",
    "torture families",
    "Montazeri massacre",
    "impunity OR tribunal",
    "crime against humanity",
    'tag:"1988 Massacre" graves',
    "quote:impunity",
    'speaker:"Philip Luther"',
    "massac*",
    "Luthor~",
    "the UN must investigate the secret executions of thousands of dissidents in 1988",
]


def run(searcher):
    return {
        q: [[h.id, round(h.score, 4)] for h in searcher.search(q, limit=10, facets=(), snippets=False).hits]
        for q in QUERIES
    }


def test_ranked_results_match_the_golden_file(searcher, update_golden):
    current = run(searcher)
    if update_golden:
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert list(current) == QUERIES
    for query in QUERIES:
        assert [i for i, _ in current[query]] == [i for i, _ in expected[query]], query
        assert [s for _, s in current[query]] == pytest.approx(
            [s for _, s in expected[query]], abs=1e-4
        ), query
