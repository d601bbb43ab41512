"""Building and updating an index from the user's paths, with a report of what happened.

:func:`build_index` is the whole ingestion run: walk the paths (:mod:`corpus.sources`), skip
files unchanged since the last run (the manifest), read and enrich the rest, write every article
by its id (so the same post is stored once), remove what changed files no longer contain, and
commit once at the end. Any exception, Ctrl-C included, cancels the transaction: the previous
index stays intact and searchable. The :class:`IngestReport` says what was added, replaced,
left unchanged, de-duplicated, removed and skipped (with reasons).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import IngestError
from corpus.sources import Parsed, Skipped, iter_files, read_path
from indexer.store import (
    create_index,
    index_exists,
    load_manifest,
    manifest_path,
    open_index,
    prune_manifests,
)
from indexer.writer import ArticleWriter

__all__ = ["IngestReport", "build_index"]

ProgressCallback = Callable[[str], None]


@dataclass
class IngestReport:
    """What one ingestion run did."""

    index_dir: str
    files_seen: int = 0
    files_unchanged: int = 0
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    removed: int = 0
    total: int = 0
    created: bool = False
    skipped: list[Skipped] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        data = dict(self.__dict__)
        data["skipped"] = [{"path": s.path, "reason": s.reason} for s in self.skipped]
        data["formats"] = dict(self.formats)
        return data


class _Run:
    """The state of one ingestion run: the manifest being rewritten and the counts."""

    def __init__(self, writer: ArticleWriter, manifest: dict[str, Any], report: IngestReport):
        self.writer = writer
        self.files: dict[str, Any] = manifest.get("files", {})
        self.report = report
        self.written: set[str] = set()
        self.owners: dict[str, set[str]] = {}
        for path, entry in self.files.items():
            for article_id in entry["ids"]:
                self.owners.setdefault(article_id, set()).add(path)

    def unchanged(self, path: Path) -> bool:
        entry = self.files.get(str(path.resolve()))
        if not entry:
            return False
        stat = path.stat()
        return entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns

    def absorb(self, parsed: Parsed) -> None:
        """Write the articles of one file and forget those it no longer holds."""
        old = self.files.get(parsed.path)
        stat = os.stat(parsed.path)
        ids: list[str] = []
        if old and old.get("digest") == parsed.digest:
            self.report.files_unchanged += 1
            ids = old["ids"]
        else:
            self.report.formats[parsed.reader] += 1
            for article in parsed.articles:
                ids.append(article.id)
                self._write(article, parsed.path)
            self._disown(parsed.path, set(old["ids"]) - set(ids) if old else set())
        self.files[parsed.path] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "digest": parsed.digest,
            "ids": list(dict.fromkeys(ids)),
        }

    def _write(self, article: Any, path: str) -> None:
        others = self.owners.get(article.id, set()) - {path}
        if article.id in self.written or others:
            # The same post from a second file (or twice in one file): stored once.
            self.report.duplicates += 1
            self.owners.setdefault(article.id, set()).add(path)
            return
        self.written.add(article.id)
        self.owners.setdefault(article.id, set()).add(path)
        if self.writer.write(article):
            self.report.replaced += 1
        else:
            self.report.added += 1

    def _disown(self, path: str, ids: Iterable[str]) -> None:
        orphans = []
        for article_id in ids:
            owners = self.owners.get(article_id, set())
            owners.discard(path)
            if not owners:
                orphans.append(article_id)
        self.report.removed += self.writer.delete(orphans)

    def prune(self) -> None:
        """Forget files that no longer exist, and the articles only they held."""
        for path in [p for p in self.files if not Path(p).exists()]:
            entry = self.files.pop(path)
            self._disown(path, entry["ids"])


def build_index(
    paths: Iterable[str | os.PathLike[str]],
    index_dir: Path,
    *,
    force: bool = False,
    prune: bool = False,
    on_error: str = "skip",
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Index every article under ``paths`` into the index at ``index_dir`` (created if needed).

    :param force: re-read files even when the manifest says they are unchanged.
    :param prune: remove articles whose source files have disappeared.
    :param on_error: ``"skip"`` records bad files in the report; ``"raise"`` stops at the first,
        leaving the index untouched.
    :param progress: called with each file's path as it is processed.
    :raises IngestError: with ``on_error="raise"``, for the first file that cannot be read.
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', not {on_error!r}")
    report = IngestReport(index_dir=str(index_dir))
    if index_exists(index_dir):
        ix = open_index(index_dir)
    else:
        ix = create_index(index_dir)
        report.created = True
    writer = ArticleWriter(ix)
    manifest = {} if force else load_manifest(index_dir, ix.latest_generation())
    if force:
        manifest = {"files": load_manifest(index_dir, ix.latest_generation()).get("files", {})}
        for entry in manifest["files"].values():
            entry["digest"] = entry["mtime_ns"] = None
    run = _Run(writer, manifest, report)
    try:
        for item in iter_files(paths):
            report.files_seen += 1
            if progress:
                progress(str(item.path if isinstance(item, Skipped) else item))
            if isinstance(item, Path) and not force and run.unchanged(item):
                report.files_unchanged += 1
                continue
            result = item if isinstance(item, Skipped) else read_path(item)
            if isinstance(result, Skipped):
                if on_error == "raise":
                    raise IngestError(result.path, result.reason)
                report.skipped.append(result)
                continue
            run.absorb(result)
        if prune:
            run.prune()
        target = manifest_path(index_dir, writer.generation)
        target.write_text(json.dumps({"files": run.files}), "utf-8")
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    prune_manifests(index_dir, keep=ix.latest_generation())
    report.total = ix.doc_count()
    return report
