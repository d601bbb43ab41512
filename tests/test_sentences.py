"""Sentences and passages: abbreviations do not end sentences; passages never overlap, repeat
text or hold raw newlines."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.analysis import index_terms
from search.highlight import MatchSpec, find_matches, lead_snippet, make_snippets
from search.sentences import sentence_spans


def sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Agriculture Department reported a rise in exports.",
        "Gov. Kevin Stitt signed the bill on Jan. 5 in Oklahoma City.",
        "Dr. Smith and Mrs. Jones met Sen. Lankford at St. Anthony hospital.",
        "J. R. Ewing and George W. Bush spoke to the U.N. Security Council.",
        "Shares of Acme Inc. rose 3 pct, No. 2 producer Beta Corp. said.",
        "The price was approx. five dollars at 3 p.m. Tuesday.",
        "He said “we will act.” and left.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Output rose in the U.S. The company said so.", ["Output rose in the U.S.", "The company said so."]),
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Is it over? Yes! “Never,” he said.", ["Is it over?", "Yes!", "“Never,” he said."]),
        ("It ended in Jan. The board met again.", ["It ended in Jan.", "The board met again."]),
        ("First paragraph without a stop\n\nSecond one", ["First paragraph without a stop", "Second one"]),
        ("Sales of Acme Inc. But prices fell.", ["Sales of Acme Inc.", "But prices fell."]),
        ("He said “It is over.” Then he left.", ["He said “It is over.”", "Then he left."]),
    ],
)
def test_sentence_ends(text, expected):
    assert sentences(text) == expected


@given(st.text(alphabet=st.sampled_from("ab U.S.J?!\n “”Gov.Jan 5"), max_size=200))
def test_sentences_cover_the_text_in_order_without_overlap(text):
    spans = sentence_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[last:start].strip()  # only white space between sentences
        last = end
    assert not text[last:].strip()


def test_passage_starts_at_the_sentence_not_after_an_abbreviation():
    text = (
        "Wheat stocks fell. The U.S. Agriculture Department reported that wheat exports rose "
        "sharply in the week. Gov. Smith welcomed the news."
    )
    spans = find_matches(text, index_terms, MatchSpec(frozenset({"export"})))
    (snippet,) = make_snippets(text, spans)
    assert snippet.text == (
        "The U.S. Agriculture Department reported that wheat exports rose sharply in the week."
    )


def test_passages_hold_no_newlines_and_keep_their_marks():
    text = "The regime\nexecuted thousands\n of prisoners.\n\nOfficials deny\nthe executions."
    spans = find_matches(text, index_terms, MatchSpec(frozenset({"execut"})))
    snippets = make_snippets(text, spans)
    assert [s.text for s in snippets] == [
        "The regime executed thousands of prisoners.",
        "Officials deny the executions.",
    ]
    assert [[s.text[a:b] for a, b in s.spans] for s in snippets] == [["executed"], ["executions"]]
    assert lead_snippet("A lead\nline. More.").text == "A lead line."


def test_a_repeated_paragraph_is_shown_once():
    text = "Oil prices rose today.\n\nOil prices rose today.\n\nOil output fell."
    spans = find_matches(text, index_terms, MatchSpec(frozenset({"oil"})))
    assert [s.text for s in make_snippets(text, spans)] == ["Oil prices rose today.", "Oil output fell."]


words = st.sampled_from(["Oil", "oil", "U.S.", "Gov.", "rose", "fell", "J.", "Smith", "the"])
punctuation = st.sampled_from([" ", " ", ". ", "\n", "\n\n", ", ", "! ", "? ", ".\n"])
texts = st.lists(st.tuples(words, punctuation), max_size=60).map(lambda p: "".join(a + b for a, b in p))


@given(texts)
def test_passages_never_overlap_repeat_or_break_lines(text):
    spans = find_matches(text, index_terms, MatchSpec(frozenset({"oil", "rose"})))
    snippets = make_snippets(text, spans, size=80)
    last_end = 0
    for snippet in snippets:
        assert "\n" not in snippet.text
        assert last_end <= snippet.start < snippet.end <= len(text)
        last_end = snippet.end
        for a, b in snippet.spans:
            assert snippet.text[a:b].casefold() in ("oil", "rose")
    bodies = [s.text.strip("…") for s in snippets]
    assert len(bodies) == len(set(bodies))
