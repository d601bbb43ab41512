"""Random sequences of adding, editing and deleting files, each followed by an index run, keep
the index equal to a simple model: one article per live file, searchable by its title word; and
JSON Lines files holding copies of the same posts, re-indexed after being grown, replaced or left
as they were, keep one article per post."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from indexer import build_index
from search import Searcher
from tests.hang import must_finish

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


class IndexModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="dossier-sm-"))
        self.data = self.root / "data"
        self.data.mkdir()
        self.index = self.root / "ix"
        self.files: dict[str, str] = {}  # file name -> title word of its one article
        self.version = 0

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _write(self, name: str, word: str) -> None:
        self.version += 1
        text = f"{word.title()} Report {self.version}\n\nBody about {word}, edition {self.version}.\n"
        (self.data / name).write_text(text, encoding="utf-8")
        self.files[name] = word

    @rule(name=st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]), word=st.sampled_from(WORDS))
    def add_or_edit(self, name: str, word: str) -> None:
        self._write(name, word)

    @rule(name=st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]))
    def delete(self, name: str) -> None:
        if name in self.files:
            (self.data / name).unlink()
            del self.files[name]

    @rule()
    def index_with_prune(self) -> None:
        build_index([self.data], self.index, prune=True)
        self.indexed = dict(self.files)

    @invariant()
    def index_matches_the_files_it_last_saw(self) -> None:
        if not hasattr(self, "indexed"):
            return
        with Searcher(self.index) as searcher:
            assert searcher.search("").total == len(self.indexed)
            for word in WORDS:
                expected = sum(1 for w in self.indexed.values() if w == word)
                assert searcher.search(f"title:{word}").total == expected


IndexModel.TestCase.settings = settings(max_examples=60, stateful_step_count=15, deadline=None, derandomize=True)
TestIndexModel = pytest.mark.slow(IndexModel.TestCase)


POSTS = {
    word: " ".join(
        f"{word} {filler}"
        for filler in "reports said the council met again to weigh the draft plan for the "
        "region and agreed to publish every figure before the vote".split()
    )
    for word in ("alpha", "bravo")
}
"""Two posts, each body long enough (40+ words) for copies to be matched by fingerprint."""

COPIES = [
    {"title": "First look"},
    {"title": "Second look", "tags": ["water"]},
    {"title": "Third look", "tags": ["law"], "author": "Staff"},
]
"""Ways a copy of a post can differ: poorer or richer than the others, under another title."""

COPY = st.tuples(st.sampled_from(sorted(POSTS)), st.integers(0, len(COPIES) - 1))


class DuplicatesModel(RuleBasedStateMachine):
    """JSON Lines files holding copies of the same posts, written, grown, replaced, deleted and
    re-indexed (with and without ``force``): every run finishes, stores each post once, and a
    forced run over unchanged files changes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="dossier-smd-"))
        self.data = self.root / "data"
        self.data.mkdir()
        self.index = self.root / "ix"
        self.files: dict[str, list[tuple[str, int]]] = {}  # file name -> its copies, in order
        self.indexed: dict[str, list[tuple[str, int]]] | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _save(self, name: str) -> None:
        lines = (
            json.dumps({**COPIES[variant], "text": POSTS[word], "title": f"{word} {COPIES[variant]['title']}"})
            for word, variant in self.files[name]
        )
        (self.data / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    @rule(name=st.sampled_from(["a.jsonl", "b.jsonl"]), copies=st.lists(COPY, min_size=2, max_size=4))
    def write_or_replace(self, name: str, copies: list[tuple[str, int]]) -> None:
        self.files[name] = copies
        self._save(name)

    @precondition(lambda self: self.files)
    @rule(data=st.data(), copy=COPY)
    def append_a_line(self, data: st.DataObject, copy: tuple[str, int]) -> None:
        name = data.draw(st.sampled_from(sorted(self.files)))
        self.files[name] = [*self.files[name], copy]
        self._save(name)

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.files)))
        (self.data / name).unlink()
        del self.files[name]

    @rule(force=st.booleans())
    def index_with_prune(self, force: bool) -> None:
        with must_finish(f"indexing {self.files} (force={force})"):
            build_index([self.data], self.index, prune=True, force=force, jobs=1)
        self.indexed = {name: list(copies) for name, copies in self.files.items()}

    @precondition(lambda self: self.indexed is not None and self.files == self.indexed)
    @rule()
    def forced_run_over_unchanged_files_changes_nothing(self) -> None:
        before = self._stored()
        with must_finish(f"re-indexing {self.indexed} with force"):
            build_index([self.data], self.index, prune=True, force=True, jobs=1)
        assert self._stored() == before

    def _stored(self) -> dict[str, tuple[str, tuple[str, ...], str]]:
        with Searcher(self.index) as searcher:
            hits = searcher.search("", limit=100).hits
            return {h.id: (h.title, tuple(sorted(h.tags)), h.author) for h in hits}

    @invariant()
    def each_post_is_stored_once_as_one_of_its_copies(self) -> None:
        if self.indexed is None:
            return
        live = {copy for copies in self.indexed.values() for copy in copies}
        with Searcher(self.index) as searcher:
            assert searcher.search("").total == len({word for word, _ in live})
            for word in POSTS:
                titles = {f"{word} {COPIES[v]['title']}" for w, v in live if w == word}
                hits = searcher.search(f"body:{word}", limit=10).hits
                assert len(hits) == (1 if titles else 0)
                assert {h.title for h in hits} <= titles


DuplicatesModel.TestCase.settings = settings(max_examples=50, stateful_step_count=10, deadline=None, derandomize=True)
TestDuplicatesModel = pytest.mark.slow(DuplicatesModel.TestCase)
