import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nltk.stem.snowball import SnowballStemmer

from indexer.analysis import (
    STOP_WORDS,
    AnalysisConfigError,
    NewsTokenizer,
    NltkStemFilter,
    analyze,
    news_analyzer,
)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Iran’s regime", ["iran", "regim"]),
        ("Iran's regime", ["iran", "regim"]),
        ("Mujahedin-e Khalq", ["mujahedin", "e", "khalq"]),
        ("30,000 prisoners", ["30000", "prison"]),
        ("U.N. and UN", ["un", "un"]),
        ("the U.S. delegation", ["us", "deleg"]),
        ("Montazéri", ["montazeri"]),
        ("executions executed", ["execut", "execut"]),
        ("“quoted” words", ["quot", "word"]),
    ],
)
def test_analyzer_normalizes_news_text(text, terms):
    assert analyze(text) == terms


def test_stop_words_come_from_the_shipped_list():
    assert {"the", "of", "and"} <= STOP_WORDS
    assert "against" not in STOP_WORDS and "us" not in STOP_WORDS
    assert analyze("the of and") == []


def test_stem_filter_agrees_with_nltk():
    words = "massacre massacres executions humanity investigating commissions running".split()
    stemmer = SnowballStemmer("english")
    ours = [t.text for t in NltkStemFilter("english")(NewsTokenizer()(" ".join(words)))]
    assert ours == [stemmer.stem(w) for w in words]


def test_unknown_stemmer_language_fails_at_construction():
    with pytest.raises(AnalysisConfigError, match="unknown stemmer language 'klingon'"):
        NltkStemFilter("klingon")


def test_analyzer_survives_pickling():
    analyzer = pickle.loads(pickle.dumps(news_analyzer()))
    assert [t.text for t in analyzer("executions")] == ["execut"]


def test_positions_skip_nothing_after_stop_words():
    tokens = [(t.text, t.pos) for t in news_analyzer()("death of the commission", positions=True)]
    assert tokens == [("death", 0), ("commiss", 1)]


@given(st.text())
def test_analyzer_never_raises_and_offsets_stay_inside(text):
    for token in news_analyzer()(text, positions=True, chars=True):
        assert 0 <= token.startchar <= token.endchar <= len(text)
        assert token.text


@given(st.text())
def test_fast_index_terms_agree_with_the_analyzer_chain(text):
    from indexer.analysis import index_terms

    chain = [
        (t.pos, t.text, t.startchar, t.endchar)
        for t in news_analyzer()(text, positions=True, chars=True, mode="index")
    ]
    assert index_terms(text) == chain


def test_fast_index_terms_agree_on_news_text(sample_articles):
    from indexer.analysis import index_terms

    for article in sample_articles:
        chain = [(t.pos, t.text, t.startchar, t.endchar)
                 for t in news_analyzer()(article.body, positions=True, chars=True)]
        assert index_terms(article.body) == chain


@given(st.text(), st.booleans())
def test_one_step_analyzer_yields_what_the_chain_yields(text, keep_stops):
    from indexer.analysis import NewsAnalyzer

    def run(analyzer):
        return [
            (t.pos, t.text, t.startchar, t.endchar, t.stopped)
            for t in analyzer(text, positions=True, chars=True, removestops=not keep_stops,
                              start_pos=3, start_char=7)
        ]

    assert run(NewsAnalyzer()) == run(news_analyzer())
