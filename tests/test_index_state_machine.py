"""Random sequences of adding, editing and deleting files, each followed by an index run, keep
the index equal to a simple model: one article per live file, searchable by its title word."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from indexer import build_index
from search import Searcher

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
