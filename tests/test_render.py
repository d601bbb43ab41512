from search.highlight import Snippet
from search.render import facets_text, hit_text, mark, to_json
from search.results import FacetCount, SearchHit


def test_mark_without_color_uses_brackets():
    assert mark("a death commission met", [(2, 18)], color=False) == "a [[death commission]] met"


def test_mark_with_color_uses_ansi_and_keeps_text():
    colored = mark("executed", [(0, 8)], color=True)
    assert "\x1b[" in colored and "executed" in colored


def test_hit_text_shows_inferred_dates_as_such():
    hit = SearchHit(
        id="abc",
        rank=1,
        score=1.0,
        title="T",
        date="2019-11-06",
        date_inferred=True,
        snippets=(Snippet("x y", 0, 3, ((0, 1),)),),
    )
    text = hit_text(hit, color=False)
    assert "2019-11-06 (inferred from the text)" in text
    assert "[[x]] y" in text


def test_facets_text_aligns_and_truncates():
    facets = {"tag": tuple(FacetCount(f"t{i}", 10 - i) for i in range(5))}
    assert facets_text(facets, top=2) == "tag:\n  t0  10\n  t1  9\n  … and 3 more"


def test_to_json_serializes_nested_dataclasses():
    hit = SearchHit(id="a", rank=1, score=0.5, title="T")
    assert '"title": "T"' in to_json(hit)
