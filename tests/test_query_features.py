"""Query features beyond plain words: spelling, fuzzy, prefix, boosts, sorting, paging,
multi-select facets, date filters, more-like-this, explanations and prose feedback."""

import json
import random

import pytest

from indexer import build_index
from search import Searcher
from tests.conftest import TITLES


def titles(results):
    return [h.title for h in results.hits]


def test_misspelled_word_gets_a_suggestion_from_the_vocabulary(searcher):
    results = searcher.search("Montazary")
    assert results.total == 0
    assert results.suggestion == "Montazeri"
    assert searcher.search("Brimelo tribunall").suggestion == "Brimelow tribunal"


def test_no_suggestion_when_the_query_finds_enough(searcher):
    assert searcher.search("executions").suggestion is None


def test_fuzzy_term_finds_one_edit_away(searcher):
    assert searcher.search("Luthor~").total >= 3
    assert searcher.search("Luthor").total == 0


def test_prefix_finds_words_whose_stem_is_shorter_than_the_prefix(searcher):
    assert searcher.search("investigat*").total == 3
    assert searcher.search("massac*").total == 4


def test_boost_and_grouping(searcher):
    plain = searcher.search("Montazeri OR Brimelow")
    boosted = searcher.search("Montazeri OR Brimelow^5")
    assert plain.total == boosted.total == 2
    assert boosted.hits[0].title == TITLES[0]
    assert searcher.search("(Montazeri OR Brimelow) Hermansson").hits[0].title == TITLES[0]


def test_sort_by_date_newest_and_oldest(searcher):
    newest = [h.date for h in searcher.search("massacre", sort="date").hits]
    oldest = [h.date for h in searcher.search("massacre", sort="oldest").hits]
    dated = [d for d in newest if d]
    assert dated == sorted(dated, reverse=True)
    assert [d for d in oldest if d] == sorted(dated)


def test_page_past_the_end_keeps_the_total(searcher):
    results = searcher.search("massacre", page=5, limit=2)
    assert results.total == 4 and results.hits == ()


def test_facets_ignore_their_own_filter_but_obey_the_others(searcher):
    results = searcher.search("", filters={"tag": ("HRC40",)}, facets=("tag", "speaker", "year"))
    tags = {f.value: f.count for f in results.facets["tag"]}
    assert results.total == 1
    assert tags["MEK"] == 4  # counted as if no tag were chosen: other tags stay selectable
    assert {f.value for f in results.facets["speaker"]} == set()  # narrowed by the tag filter
    within = {f.value: f.count for f in results.facets_within["tag"]}
    assert within["MEK"] == 1 and "NCRI" not in within  # the tag's counts among these results
    year = searcher.search("", filters={"year": ("2019",)}, facets=("year", "tag"))
    assert {f.value: f.count for f in year.facets["year"]} == {"2018": 1, "2019": 2}
    assert {f.value: f.count for f in year.facets["tag"]}["HRC40"] == 1


def test_since_and_until_filter_on_published_date(searcher):
    assert searcher.search("", since="2019-06").total == 1
    assert searcher.search("", until="2018").total == 1
    assert searcher.search("", since="2019", until="2019-06").total == 1


def test_quotes_answer_who_said_it(searcher):
    results = searcher.quotes('"crime against humanity"')
    speakers = [q.speaker for q in results.quotes]
    assert "Kristy Brimelow" in speakers and "Philip Luther" in speakers
    for quote in results.quotes:
        marked = [quote.text[a:b].lower() for a, b in quote.spans]
        assert all(m.startswith("crime") and m.endswith(("humanity",)) for m in marked)
    luther = searcher.quotes("", speakers=("philip LUTHER",))
    assert luther.total == 4 and {q.speaker for q in luther.quotes} == {"Philip Luther"}


def test_similar_lists_the_other_articles_closest_first(searcher, sample_articles):
    results = searcher.similar(sample_articles[3].id[:6])
    ids = [h.id for h in results.hits]
    assert sample_articles[3].id not in ids and len(ids) == 3
    assert searcher.similar("nosuchid") is None


def test_explain_breaks_a_score_into_terms(searcher, sample_articles):
    scored = searcher.explain("Montazeri massacre", sample_articles[3].id)
    parts = {t["term"]: t for t in scored["terms"]}
    assert parts["montazeri"]["articles_with_term"] == 1
    assert parts["montazeri"]["contribution"] > parts["massacr"]["contribution"]
    assert scored["matches"] is True


@pytest.fixture(scope="module")
def prose_index(tmp_path_factory):
    """200 articles: 10 on vitamin D and fractures (8 of them also say "calcium"), 2 on
    calcium alone (none of a vitamin question's words), 8 on coffee, 180 of filler words.

    RM3 only adds words found in 2 to 10 (5 %) of the articles; "calcium" is in 10, and it
    weighs much in the top ten, so a vitamin question gains it.
    """
    folder = tmp_path_factory.mktemp("prose")
    rng = random.Random(3)
    syllables = ["ka", "lo", "mi", "ner", "po", "sa", "tu", "vex", "zor", "qui"]
    filler = sorted({"".join(rng.sample(syllables, 3)) for _ in range(400)})
    records = []
    for i in range(10):
        extra = "Calcium was given with vitamin D; calcium levels rose." if i < 8 else ""
        body = f"Vitamin D supplements and bone fractures in elderly women. {extra}"
        records.append({"id": f"vitamin{i}", "title": "Vitamin Study", "text": body})
    for i in range(2):
        body = "Calcium intake and osteoporosis in menopause. Calcium levels rose."
        records.append({"id": f"calcium{i}", "title": f"Calcium Trial {rng.choice(filler)}", "text": body})
    for i in range(8):
        body = f"Coffee drinking and heart disease risk in middle aged men, {rng.choice(filler)}."
        records.append({"id": f"coffee{i}", "title": "Coffee Cohort", "text": body})
    for i in range(180):
        body = " ".join(rng.sample(filler, 12)) + "."
        records.append({"id": f"filler{i}", "title": "Note", "text": body})
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    build_index([folder / "a.jsonl"], folder / "ix")
    return folder / "ix"


PROSE = "does taking vitamin D prevent fractures of the bone in old women"


def test_long_prose_query_is_expanded_with_words_of_its_best_matches(prose_index):
    with Searcher(prose_index) as s:
        expanded = [h.id for h in s.search_all(PROSE, snippets=False)]
        plain = [h.id for h in s.search_all(PROSE, snippets=False, feedback=False)]
    assert sorted(expanded[:10]) == sorted(plain[:10]) == [f"vitamin{i}" for i in range(10)]
    # "calcium" comes from the top ten: the calcium-only trials match only through it.
    assert {"calcium0", "calcium1"} <= set(expanded)
    assert not {"calcium0", "calcium1"} & set(plain)
    assert set(plain) < set(expanded)


def test_keyword_query_is_never_expanded(prose_index):
    with Searcher(prose_index) as s:
        short = [h.id for h in s.search_all("vitamin fractures", snippets=False)]
        without = [h.id for h in s.search_all("vitamin fractures", snippets=False, feedback=False)]
    assert short == without and len(short) == 10
