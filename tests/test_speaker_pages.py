"""Quotations grouped by speaker, a speaker's summary page, and citations (search/speakers.py)."""

from __future__ import annotations

from search.quotes import normalize_name
from search.results import QuoteHit
from search.speakers import cite, group_by_speaker, site_name, speaker_summary


def quote(text: str, speaker: str, article: str = "a1", start: int = 0) -> QuoteHit:
    return QuoteHit(text, speaker, "person", article, "Title", start, start + len(text))


def test_groups_keep_the_best_first_order_and_merge_spellings():
    quotes = [quote("one", "Philip Luther"), quote("two", "Kristy Brimelow"),
              quote("three", "philip  luther", "a2")]
    groups = group_by_speaker(quotes)
    assert [(g.speaker, [q.text for q in g.quotes]) for g in groups] == [
        ("Philip Luther", ["one", "three"]), ("Kristy Brimelow", ["two"])]


def test_speaker_summary_gathers_quotes_timeline_tags_and_company(searcher, sample_articles):
    summary = speaker_summary(searcher, "PHILIP LUTHER")
    assert summary is not None
    assert summary.name == "Philip Luther" and summary.kind == "person"
    quoting = [a for a in sample_articles if "Philip Luther" in a.speakers]
    assert summary.articles == len(quoting) == 3
    said = [q for a in sample_articles for q in a.quotes
            if normalize_name(q.speaker) == "philip luther"]
    assert summary.quotes.total == len(said) > 0
    assert {q.text for q in summary.quotes.quotes} == {q.text for q in said}
    dated = [a for a in quoting if a.published]
    assert sum(b.count for b in summary.timeline.buckets) == len(dated)
    tags = {c.value: c.count for c in summary.tags}
    assert tags["MEK"] == sum("MEK" in a.tags for a in quoting)
    company = {c.value for c in summary.alongside}
    assert "Philip Luther" not in company
    assert company == {s for a in quoting for s in a.speakers} - {"Philip Luther"}


def test_speaker_summary_of_an_organization_and_of_nobody(searcher, sample_articles):
    org = speaker_summary(searcher, "Amnesty International")
    naming = [a for a in sample_articles if "Amnesty International" in a.organizations]
    assert org is not None and org.kind == "org" and org.articles == len(naming) == 3
    assert speaker_summary(searcher, "Nobody At All") is None
    assert speaker_summary(searcher, "   ") is None


def test_citation_names_speaker_words_title_site_date_and_url():
    q = QuoteHit("We   demand\njustice.", "Philip Luther", "person", "ae5c", "The UN Must Act",
                 0, 18, date="2019-03-22", date_inferred=True)
    assert cite(q, url="https://www.example.org/un") == (
        "Philip Luther: “We demand justice.” In “The UN Must Act”, example.org, "
        "2019-03-22 (date inferred from the text). https://www.example.org/un")
    assert cite(q) == ("Philip Luther: “We demand justice.” In “The UN Must Act”, "
                       "2019-03-22 (date inferred from the text).")
    assert site_name("http://[::1") == ""
