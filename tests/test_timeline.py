"""Timelines of published and mentioned dates: period keys, units, gaps, and the date facets."""

from __future__ import annotations

import pytest

from search.results import FacetCount
from search.timeline import MENTIONED, PUBLISHED, build_timeline, period_keys


def counts(**by_key: int) -> list[FacetCount]:
    return [FacetCount(k.replace("_", "-").lstrip("y"), n) for k, n in by_key.items()]


def test_period_keys_cover_every_coarser_period():
    assert period_keys("2019-03-22") == ("2019", "2019-03", "2019-03-22")
    assert period_keys("2019-03") == ("2019", "2019-03")
    assert period_keys("1988") == ("1988",)


def test_short_span_is_drawn_by_day_with_empty_days_in_between():
    t = build_timeline(counts(y2019=3, y2019_03=3, y2019_03_01=2, y2019_03_04=1))
    assert t.unit == "day"
    assert [(b.label, b.count) for b in t.buckets] == [
        ("2019-03-01", 2), ("2019-03-02", 0), ("2019-03-03", 0), ("2019-03-04", 1)]
    assert (t.buckets[0].start, t.buckets[0].end) == ("2019-03-01", "2019-03-01")


def test_months_span_is_drawn_by_month_across_a_year_end():
    t = build_timeline(counts(y2018=1, y2018_12=1, y2018_12_07=1, y2019=1, y2019_02=1,
                              y2019_02_25=1))
    assert t.unit == "month"
    assert [b.label for b in t.buckets] == ["2018-12", "2019-01", "2019-02"]
    assert (t.buckets[2].start, t.buckets[2].end) == ("2019-02-01", "2019-02-28")


def test_long_span_or_a_year_only_date_is_drawn_by_year():
    long = build_timeline(counts(y1990=1, y1990_05=1, y2019=2, y2019_05=2))
    assert long.unit == "year" and len(long.buckets) == 30
    year_only = build_timeline(counts(y1988=4, y2019=1, y2019_03=1))
    assert year_only.unit == "year"
    assert [(b.label, b.count) for b in year_only.buckets][0] == ("1988", 4)


def test_a_month_timeline_leaves_out_dates_given_only_as_a_year():
    t = build_timeline(counts(y1988=4, y1988_07=1), unit="month")
    assert [(b.label, b.count) for b in t.buckets] == [("1988-07", 1)]


def test_empty_counts_give_an_empty_timeline_and_bad_units_are_refused():
    assert build_timeline([]).buckets == ()
    with pytest.raises(ValueError, match="unit must be one of"):
        build_timeline(counts(y1988=1), unit="week")


def test_date_facets_count_each_matching_article_once_per_period(searcher, sample_articles):
    results = searcher.search("", facets=(PUBLISHED, MENTIONED), limit=1)
    published = {c.value: c.count for c in results.facets[PUBLISHED]}
    expected: dict[str, int] = {}
    for article in sample_articles:
        if article.published:
            for key in period_keys(article.published.isoformat()):
                expected[key] = expected.get(key, 0) + 1
    assert published == expected
    mentioned = {c.value: c.count for c in results.facets[MENTIONED]}
    assert mentioned["1988"] == sum(
        any(m.value.startswith("1988") for m in a.dates) for a in sample_articles) == 4


def test_date_facets_follow_the_query_and_filters(searcher):
    everything = searcher.search("", facets=(PUBLISHED,), limit=1).facets[PUBLISHED]
    narrowed = searcher.search("", filters={"tag": ("HRC40",)}, facets=(PUBLISHED,), limit=1)
    assert sum(c.count for c in narrowed.facets[PUBLISHED] if len(c.value) == 4) == 1
    assert sum(c.count for c in everything if len(c.value) == 4) == 3
