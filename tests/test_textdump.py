from corpus.formats.textdump import parse_dump
from tests.conftest import TITLES


def test_sample_has_exactly_four_articles_with_their_titles(sample_articles):
    assert tuple(a.title for a in sample_articles) == TITLES


def test_sample_tags_are_exactly_the_tag_lines(sample_articles):
    assert [len(a.tags) for a in sample_articles] == [11, 10, 7, 7]
    assert sample_articles[0].tags[:3] == (
        "1988 Massacre",
        "Amnesty International",
        "Amnesty International report",
    )
    assert "People's Mojahedin organization of Iran" in sample_articles[0].tags
    assert sample_articles[2].tags[2] == "HRC40"


def test_byline_becomes_author_on_second_and_fourth(sample_articles):
    assert [a.author for a in sample_articles] == ["", "Staff writer", "", "Staff writer"]


def test_bodies_hold_no_tag_lines_captions_bylines_separators_or_footer(sample_articles):
    for article in sample_articles:
        paragraphs = article.body.split("\n\n")
        assert not any(p.startswith("1988 Massacre,") for p in paragraphs)
        assert "Continue Reading" not in article.body
        assert "Copyright" not in article.body and "UltimatelySocial" not in article.body
        assert "Staff writer" not in paragraphs and "Staff Writer" not in paragraphs
        assert not set(article.captions) & set(paragraphs)
        assert article.title not in paragraphs


def test_repeated_caption_is_kept_apart_once(sample_articles):
    assert sample_articles[1].captions == ("1988 massacre of political prisoners in Iran",)
    assert sample_articles[1].body.startswith("More than 30,000 political prisoners")


def test_subheadings_stay_in_the_body(sample_articles):
    assert "\n\nContinued Torment\n\n" in sample_articles[1].body


def test_ids_are_stable_and_distinct(sample_articles):
    again = parse_dump(open(sample_articles[0].source_path, encoding="utf-8").read())
    assert [a.id for a in again] == [a.id for a in sample_articles]
    assert len({a.id for a in sample_articles}) == 4


def test_archive_tag_is_added_when_a_post_lacks_it():
    text = (
        "Posts Tagged ‘Press freedom’\n\nJournalism,Media\n\nA Title In Title Case\n\n"
        "The body has one sentence.\n\nContinue Reading\n"
    )
    [article] = parse_dump(text)
    assert article.tags == ("Journalism", "Media", "Press freedom")
    assert article.title == "A Title In Title Case"


def test_dump_without_posts_gives_no_articles():
    assert parse_dump("Copyright © 2020 All Rights Reserved | XML Sitemap\n") == []
