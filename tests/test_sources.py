import gzip

from corpus import SAMPLE_CORPUS, article_id, iter_files, read_path
from corpus.sources import Parsed, Skipped


def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    found = [p.name for p in iter_files([tmp_path])]
    assert found == ["1.txt", "2.txt"]


def test_missing_path_is_a_skip():
    [item] = iter_files(["/no/such/file"])
    assert item == Skipped("/no/such/file", "no such file or folder")


def test_gzip_files_are_read_transparently(tmp_path):
    packed = tmp_path / "sample.txt.gz"
    packed.write_bytes(gzip.compress(SAMPLE_CORPUS.read_bytes()))
    result = read_path(packed)
    assert isinstance(result, Parsed) and len(result.articles) == 4


def test_broken_gzip_is_a_skip(tmp_path):
    broken = tmp_path / "x.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = read_path(broken)
    assert isinstance(result, Skipped) and result.reason.startswith("broken gzip data")


def test_plain_text_file_is_one_article(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# A Heading\n\nFirst paragraph.\n\nSecond paragraph.\n")
    [article] = read_path(note).articles
    assert article.title == "A Heading"
    assert article.body == "First paragraph.\n\nSecond paragraph."


def test_article_id_ignores_where_the_file_lies(tmp_path):
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(SAMPLE_CORPUS.read_bytes())
    assert [a.id for a in read_path(copy).articles] == [
        a.id for a in read_path(SAMPLE_CORPUS).articles
    ]
    assert article_id(url="https://x.org/a") != article_id(url="https://x.org/b")


def test_oversized_page_is_a_skip_not_a_parse(tmp_path, monkeypatch):
    from corpus import sources

    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", 1000)
    page = tmp_path / "huge.html"
    page.write_text("<html><body><article><p>" + "word " * 400 + "</p></article></body></html>")
    result = read_path(page)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("page too large (0 MiB; html files over 0 MiB are skipped)")


def test_markdown_whose_first_heading_is_empty_takes_the_next_line_as_title(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# \n\nBudget talks resume\n\nThe council met on Monday.\n")
    [article] = read_path(note).articles
    assert (article.title, article.body) == ("Budget talks resume", "The council met on Monday.")
    note.write_text("#\n## Budget talks resume\nThe council met on Monday.\n")
    [article] = read_path(note).articles
    assert article.title == "Budget talks resume"
