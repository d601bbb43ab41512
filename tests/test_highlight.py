from hypothesis import given
from hypothesis import strategies as st

from indexer.analysis import index_terms
from search.highlight import MatchSpec, find_matches, lead_snippet, make_snippets

ANALYZER = index_terms
TEXT = (
    "The regime executed thousands. Officials deny the executions, calling them lawful. "
    "A death commission met in 1988. Members of the commission faced no death penalty."
)


def marked(text, spans):
    return [text[a:b] for a, b in spans]


def test_terms_match_every_inflection():
    spans = find_matches(TEXT, ANALYZER, MatchSpec(frozenset({"execut"})))
    assert marked(TEXT, spans) == ["executed", "executions"]


def test_phrase_is_marked_as_a_whole_and_only_where_adjacent():
    spec = MatchSpec(phrases=((("death", "commiss"), 1),))
    assert marked(TEXT, find_matches(TEXT, ANALYZER, spec)) == ["death commission"]


def test_phrase_with_slop_spans_the_words_between():
    spec = MatchSpec(phrases=((("commiss", "death"), 3),))
    assert marked(TEXT, find_matches(TEXT, ANALYZER, spec)) == ["commission faced no death"]


def test_snippets_follow_sentences_and_keep_text_order():
    spans = find_matches(TEXT, ANALYZER, MatchSpec(frozenset({"execut", "commiss"})))
    snippets = make_snippets(TEXT, spans, fragments=2)
    assert [s.text for s in snippets] == [
        "The regime executed thousands.",
        "Officials deny the executions, calling them lawful.",
    ]
    for snippet in snippets:
        assert snippet.text.strip() == TEXT[snippet.start : snippet.end].strip()


def test_long_sentence_is_trimmed_around_its_match():
    text = "Word " * 100 + "impunity " + "word " * 100 + "."
    spans = find_matches(text, ANALYZER, MatchSpec(frozenset({"impun"})))
    [snippet] = make_snippets(text, spans, size=80)
    assert len(snippet.text) <= 82
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert marked(snippet.text, snippet.spans) == ["impunity"]


def test_lead_snippet_is_the_first_sentence():
    assert lead_snippet(TEXT).text == "The regime executed thousands."
    assert lead_snippet("") is None


@given(st.text(max_size=300), st.sets(st.sampled_from(["execut", "a", "the", "x"])))
def test_snippets_stay_inside_text_and_spans_inside_snippets(text, terms):
    spans = find_matches(text, ANALYZER, MatchSpec(frozenset(terms)))
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for snippet in make_snippets(text, spans, size=120):
        assert len(snippet.text) <= 122 + 2
        for start, end in snippet.spans:
            assert 0 <= start <= end <= len(snippet.text)
