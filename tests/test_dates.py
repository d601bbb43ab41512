"""Date mentions: one small text per pattern, year inference, bad input and the extractor."""

from __future__ import annotations

from datetime import date

import pytest

from corpus import SAMPLE_CORPUS, read_path
from corpus.article import Article
from corpus.extract import extract_dates, extract_dates_into

REF_DATE = date(2019, 11, 20)


def found(body: str, ref_date: date | None = None) -> list[tuple[str, str, str, bool]]:
    mentions = extract_dates(body, ref_date=ref_date)
    for m in mentions:
        assert body[m.start : m.end] == m.text
    return [(m.text, m.value, m.precision, m.year_inferred) for m in mentions]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("On November 6, 2019, it spoke.", ("November 6, 2019", "2019-11-06", "day", False)),
        ("It was on 6 Nov. 2019 in Geneva.", ("6 Nov. 2019", "2019-11-06", "day", False)),
        ("Filed Nov 6 2019 in court.", ("Nov 6 2019", "2019-11-06", "day", False)),
        ("Dated 2019-11-06 by the clerk.", ("2019-11-06", "2019-11-06", "day", False)),
        (
            "It happened on the 26th of June, 2019.",
            ("26th of June, 2019", "2019-06-26", "day", False),
        ),
        ("In July 2019, he responded.", ("July 2019", "2019-07", "month", False)),
        ("Executions in 2016 were recorded.", ("2016", "2016", "year", False)),
        ("Killed during the summer of 1988.", ("summer of 1988", "1988", "year", False)),
        ("Prices rose in mid-1987.", ("1987", "1987", "year", False)),
    ],
)
def test_written_date_is_normalized_to_iso(body, expected):
    assert found(body) == [expected]


def test_range_start_takes_year_of_range_end():
    body = "The session will convene on February 25th and run until March 22nd, 2019."
    assert found(body) == [
        ("February 25th", "2019-02-25", "day", True),
        ("March 22nd, 2019", "2019-03-22", "day", False),
    ]


def test_weekday_fixes_the_year_near_the_context():
    body = "Recordings leaked in 2016. He wrote on Friday, December 7th."
    assert ("Friday, December 7th", "2018-12-07", "day", True) in found(body)


def test_weekday_uses_reference_year_when_given():
    assert found("Published on Friday, December 6th.", ref_date=REF_DATE) == [
        ("Friday, December 6th", "2019-12-06", "day", True)
    ]


def test_day_without_year_takes_year_from_reference_date():
    assert found("In a June 26th post it said so.", ref_date=REF_DATE) == [
        ("June 26th", "2019-06-26", "day", True)
    ]


def test_day_without_year_takes_year_of_dated_mention_in_same_paragraph():
    body = "On November 6, 2019, it urged action at the review in Geneva on 8 November."
    assert found(body)[1] == ("8 November", "2019-11-08", "day", True)


def test_day_without_any_year_context_is_skipped():
    assert found("In a June 26th post it said so. Killings in the summer of 1988.") == [
        ("summer of 1988", "1988", "year", False)
    ]


def test_unambiguous_numeric_dates_are_read_either_way():
    assert found("Signed 13/06/2019 and 06/14/2019.") == [
        ("13/06/2019", "2019-06-13", "day", False),
        ("06/14/2019", "2019-06-14", "day", False),
    ]


def test_ambiguous_numeric_date_is_skipped():
    assert found("Signed 11/06/2019 in Paris.") == []


@pytest.mark.parametrize(
    "body",
    [
        "Over 30,000 prisoners and 5,000 graves.",
        "It has been 30 years since then.",
        "Relatives protested in the 1980s.",
        "The 1988 massacre shaped the state.",
        "Revenue rose by 2000 dlrs.",
        "It happened on February 30th, 2019.",
        "Back in '19 it was different.",
        "in 1750 and in 2150",
    ],
)
def test_non_dates_and_impossible_dates_are_skipped(body):
    assert found(body) == []


def test_extractor_infers_published_from_latest_day_mention():
    article = Article(id="x", title="t", body="On September 20, 2019 and November 6, 2019.")
    enriched = extract_dates_into(article)
    assert enriched.published == date(2019, 11, 6)
    assert enriched.published_inferred is True
    assert len(enriched.dates) == 2


def test_extractor_never_overrides_a_published_date():
    article = Article(id="x", title="t", body="On November 6, 2019.", published=date(2020, 1, 1))
    enriched = extract_dates_into(article)
    assert enriched.published == date(2020, 1, 1)
    assert enriched.published_inferred is False


def test_extractor_leaves_published_empty_without_day_mentions():
    article = Article(id="x", title="t", body="Killed in the summer of 1988.")
    enriched = extract_dates_into(article)
    assert enriched.published is None
    assert enriched.published_inferred is False


def test_extractor_uses_published_date_as_reference():
    article = Article(id="x", title="t", body="A June 26th post.", published=date(2019, 11, 6))
    assert [m.value for m in extract_dates_into(article).dates] == ["2019-06-26"]


@pytest.fixture(scope="module")
def sample():
    return read_path(SAMPLE_CORPUS).articles


def test_sample_published_dates_are_inferred(sample):
    assert [a.published for a in sample] == [
        date(2019, 11, 8),
        None,
        date(2019, 3, 22),
        date(2018, 12, 7),
    ]
    assert [a.published_inferred for a in sample] == [True, False, True, True]


def test_sample_fourth_article_weekday_date(sample):
    mention = next(m for m in sample[3].dates if m.text == "Friday, December 7th")
    assert mention.value == "2018-12-07"
    assert mention.year_inferred


def test_sample_first_article_bare_numbers_are_not_years(sample):
    values = {m.value for m in sample[0].dates}
    assert values == {"2019-11-06", "2019-11-08", "2019-09-20", "2019-07", "1988"}
