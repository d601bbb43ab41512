"""Property tests: the extractors never raise and every offset points into the body."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.article import Article
from corpus.extract import enrich, extract_dates, extract_quotes

# Text built from the pieces the extractors react to, so the patterns actually fire.
_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "‘",
        "’",
        "«",
        "»",
        "'",
        ",",
        ".",
        ":",
        " ",
        "\n\n",
        "\n",
        "said",
        "says",
        "told reporters",
        "he added",
        "she",
        "who said",
        "according to",
        "the statement read",
        "John Smith",
        "Dr.",
        "Swiss MP",
        "Amnesty International",
        "Inc",
        "QC",
        "Friday",
        "December",
        "7th",
        "2019",
        "1988",
        "summer of",
        "in",
        "30,000",
        "11/06/2019",
        "2019-02-30",
        "February 30th",
        "'19",
        "to",
        "-",
        "Smith",
        "of the",
        "(NCRI)",
        "K.P.",
    ]
)
_BODIES = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map(" ".join))


@settings(deadline=None, max_examples=300)
@given(_BODIES)
def test_quote_extraction_never_raises_and_offsets_match(body):
    quotes, people, orgs = extract_quotes(body)
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(body)
        assert body[quote.start : quote.end] == quote.text
        assert quote.kind in {"person", "org"}
        assert quote.speaker in (people if quote.kind == "person" else orgs)
    assert len(set(people)) == len(people)
    assert len(set(orgs)) == len(orgs)


@settings(deadline=None, max_examples=300)
@given(_BODIES, st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2099, 12, 31))))
def test_date_extraction_never_raises_and_offsets_match(body, ref_date):
    for mention in extract_dates(body, ref_date=ref_date):
        assert 0 <= mention.start <= mention.end <= len(body)
        assert body[mention.start : mention.end] == mention.text
        assert mention.precision in {"day", "month", "year"}
        assert len(mention.value) == {"day": 10, "month": 7, "year": 4}[mention.precision]
        date.fromisoformat(mention.value if mention.precision == "day" else "2000-01-01")


@settings(deadline=None, max_examples=100)
@given(_BODIES)
def test_enrich_never_overrides_or_invents_a_published_date(body):
    given_date = date(2020, 5, 1)
    assert (
        enrich(Article(id="x", title="t", body=body, published=given_date)).published == given_date
    )
    inferred = enrich(Article(id="x", title="t", body=body))
    assert inferred.published_inferred == (inferred.published is not None)
