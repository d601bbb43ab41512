from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from corpus.article import Article, DateMention, Quote, article_id
from indexer.schema import RECORD, article_from_stored, document_for

values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


@given(
    title=st.text(max_size=50),
    body=st.text(max_size=200),
    tags=st.lists(
        values.filter(lambda v: v == " ".join(v.split()) and v.strip()), max_size=5, unique=True
    ),
    published=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)
def test_stored_fields_round_trip(title, body, tags, published):
    article = Article(
        id=article_id(title=title, body=body),
        title=title,
        body=body,
        tags=tuple(tags),
        published=published,
        quotes=(Quote("q", "S", 0, 1),),
        dates=(DateMention("1988", "1988", "year", 0, 4),),
    )
    doc = document_for(article)
    stored = {
        k: v
        for k, v in doc.items()
        if k in ("id", "title", "body", "tag", "date", "source", "url", RECORD)
    }
    assert article_from_stored(stored) == article
