import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from indexer.schema import build_schema
from search.errors import BadDateError, QueryError, QuerySyntaxError, UnknownFieldError
from search.query import AnyWords, parse_query

SCHEMA = build_schema()


def parse(text, **kw):
    return parse_query(text, SCHEMA, **kw)


def test_bare_words_are_grouped_for_all_words_first_ranking():
    q = parse("death commission torture").query
    assert isinstance(q, AnyWords) and len(q.subqueries) == 3


def test_quoted_keyword_value_becomes_one_term():
    assert parse('tag:"1988 Massacre"').query == wq.Term("tag", "1988 massacre")
    assert parse('speaker:"Philip Luther"').query == wq.Term("speaker", "philip luther")


def test_hyphenated_word_is_searched_as_a_phrase():
    assert parse("Mujahedin-e").query == wq.Phrase("text", ["mujahedin", "e"])


def test_body_field_searches_the_article_text():
    assert parse("body:graves").query == wq.Term("text", "grave")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("date:2019", "2019-01-01", "2019-12-31"),
        ("date:[2019-01-01 TO 2019-06-30]", "2019-01-01", "2019-06-30"),
        ("date:>2019-06", "2019-07-01", None),
        ("mentioned:1988", "1988-01-01", "1988-12-31"),
    ],
)
def test_date_queries_cover_whole_periods(text, start, end):
    q = parse(text).query
    assert isinstance(q, wq.DateRange)
    assert q.startdate.date().isoformat() == start
    assert (q.enddate.date().isoformat() if q.enddate else None) == end


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ('"unbalanced', QuerySyntaxError, "unbalanced double quote"),
        ("(open", QuerySyntaxError, "unclosed '('"),
        ("close)", QuerySyntaxError, "unmatched ')'"),
        ("speakr:Luther", UnknownFieldError, "unknown field 'speakr'"),
        ("date:2019-02-30", BadDateError, "not a real date"),
        ("date:yesterday", BadDateError, "cannot read 'yesterday'"),
    ],
)
def test_mistakes_warn_leniently_and_raise_strictly(text, error, message):
    parsed = parse(text)
    assert any(message in w for w in parsed.warnings)
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text, strict=True)


def test_hidden_fields_are_not_searchable():
    assert parse("record:x").warnings


def test_very_long_query_is_cut_with_a_warning():
    parsed = parse("massacre " * 2000)
    assert any("cut" in w for w in parsed.warnings)


OPERATORS = ["NOT", "AND", "OR", "ANDNOT", "ANDMAYBE", "REQUIRE", "TO", "-", "+", "(", ")", '"']
SYNTAX = [
    "not", "'", "*", "?", "~", "~2", "^", "^2", "[", "]", "{", "}", ":", "\\", "/", "<", ">",
    "=", "tag:", "date:", "date:>", "date:[", "mentioned:", "speaker:", "title:", "body:",
    "record:", "nofield:", "category:", "*:*", "~~", "--", "++", "^^", "1987-13",
]  # fmt: skip
WORDS = ["oil", "say", "U.S.", "Mujahedin-e", "Montazéri", "30,000", "\u200b", "\ud800", "日本"]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\t"])
token = st.one_of(
    st.sampled_from(OPERATORS),
    st.sampled_from(WORDS),
    st.sampled_from(SYNTAX),
    st.text(max_size=4),
)
soup = st.lists(st.tuples(token, SEPARATORS), max_size=12).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)
query_texts = st.one_of(soup, soup, st.text(max_size=200))


def test_double_not_is_a_warning_and_finds_the_word():
    parsed = parse("NOT NOT oil")
    assert parsed.query == wq.Term("text", "oil")
    assert parsed.warnings == ("could not read its operators; searched its words instead",)
    with pytest.raises(QuerySyntaxError, match="remove the extra ones"):
        parse("NOT NOT oil", strict=True)


def test_andnot_andnot_keeps_both_words():
    parsed = parse("oil ANDNOT ANDNOT say")
    assert {t for _, t in parsed.query.iter_all_terms()} == {"oil", "say"}
    assert parsed.warnings


@settings(max_examples=600)
@given(query_texts)
def test_lenient_parse_never_raises(text):
    parse(text)
    parse(text, plain=True)
    parse(text, fields=("quote",))


@given(query_texts)
def test_strict_parse_raises_only_query_errors(text):
    try:
        strict = parse(text, strict=True)
    except QueryError:
        return
    lenient = parse(text)
    assert lenient.query == strict.query
