"""Building and updating an index from the user's paths, with a report of what happened.

:func:`build_index` is the whole ingestion run: walk the paths (:mod:`corpus.sources`), skip
files unchanged since the last run (the manifest), read and enrich the rest, keep one copy of
each post, remove what changed files no longer contain, and commit once at the end. Any
exception, Ctrl-C included, cancels the transaction: the previous index stays intact and
searchable. The :class:`IngestReport` says what was added, updated, left unchanged,
de-duplicated, removed and skipped (with reasons).

**One post, one document.** Copies of a post meet under its id (from the canonical URL, else
the title and body) or under one of its :func:`~indexer.dedupe.dedupe_keys`: the normalized
URL, the URL's last segment with the same title and day (a listing page may link
``/thatcamp-2012/`` for ``/2012/06/18/thatcamp-2012/``), or the fingerprint of a body long
enough to be unmistakable (a republished copy). The richest copy wins
(:func:`~indexer.dedupe.richness`), completed by what the others add (tags, categories, a
missing author or date), and is stored under its own id; every file holding a copy is
remembered in ``extra["sources"]`` and in the manifest, so the next run decides the same way.
A copy read again from the file it was stored from always replaces the stored one (an edit).

Whoosh cannot take back a document added earlier in the same uncommitted writer, so the
winners of a run wait in a small on-disk staging table
(:class:`~indexer.dedupe.StagedArticles`) and are written once, just before the single commit.

**Memory and cores.** A JSON Lines file streams through one article at a time
(``read_path(..., stream=True)``), extraction runs on ``jobs`` worker processes for files with
many articles (:func:`corpus.extract.enrich_all`, results in input order, so a run decides
exactly as a serial one), and the writer's posting buffer is bounded
(:data:`~indexer.store.DEFAULT_LIMIT_MB`), and the index files are not memory-mapped while
writing. Peak memory then depends mostly on the largest non-streamed file; what still grows with
the archive is the run's own bookkeeping (manifest entries and de-duplication keys, about 2 KB
per article; figures in ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpus.article import Article
from corpus.errors import IngestError
from corpus.extract import default_jobs, enrich_all
from corpus.formats import FormatReader
from corpus.formats.kinds import file_kind, skip_kind
from corpus.sources import Parsed, Skipped, format_readers, iter_files, read_path
from indexer.dedupe import StagedArticles, dedupe_keys, merge_copies, richness, same_day
from indexer.progress import ProgressCallback, ProgressTracker
from indexer.store import (
    ArticleWriter,
    create_index,
    index_exists,
    load_manifest,
    manifest_path,
    open_index,
    prune_manifests,
)

__all__ = ["IngestReport", "build_index"]

FieldMapOption = Mapping[str, str | Iterable[str]]


@dataclass
class IngestReport:
    """What one ingestion run did.

    ``added`` and ``replaced`` (shown as "updated") count articles written; ``unchanged`` the
    articles of files left alone because they did not change; ``duplicates`` the copies read
    this run that were not stored because a richer or earlier copy of the same post was;
    ``skipped`` the files that gave no article, with reasons; ``records_skipped`` the records
    left out inside files that were read (drafts, attachments, JSON lines that are not objects);
    ``kinds`` the files read this run by what they are (post page, archive, feed, comment feed,
    API file, copy ...: :mod:`corpus.formats.kinds`), skipped ones included.
    """

    index_dir: str
    files_seen: int = 0
    files_unchanged: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    total: int = 0
    created: bool = False
    skipped: list[Skipped] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    records_skipped: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        data = dict(self.__dict__)
        data["skipped"] = [{"path": s.path, "reason": s.reason} for s in self.skipped]
        data["formats"] = dict(self.formats)
        data["records_skipped"] = dict(self.records_skipped.most_common())
        data["kinds"] = dict(self.kinds.most_common())
        return data


class _Run:
    """The state of one ingestion run: the manifest being rewritten, the staged winners, counts.

    ``info`` holds, per stored article, the richness of the stored copy, the file it came from
    (None once that file no longer holds it) and its dedupe keys; ``owners`` every file holding
    a copy. Both are saved in the manifest, so the next run decides the same way.
    """

    def __init__(
        self,
        writer: ArticleWriter,
        manifest: dict[str, Any],
        report: IngestReport,
        readers: list[FormatReader],
        jobs: int = 1,
    ) -> None:
        self.writer = writer
        self.jobs = jobs
        self.report = report
        self.readers = readers
        self.files: dict[str, Any] = manifest.get("files", {})
        self.owners: dict[str, set[str]] = {}
        for path, entry in self.files.items():
            for article_id in entry["ids"]:
                self.owners.setdefault(article_id, set()).add(path)
        known = manifest.get("articles", {})
        self.info: dict[str, dict[str, Any]] = {
            article_id: known.get(article_id)
            or {"rank": [1, 0, 0], "from": min(paths), "keys": [], "day": None}
            for article_id, paths in self.owners.items()
        }
        self.keymap = {key: i for i, entry in self.info.items() for key in entry["keys"]}
        self.staging = StagedArticles()
        self.counted: set[str] = set()  # staged as a new or updated article, not a refresh
        self.superseded: set[str] = set()  # replace a stored copy kept under another id
        self.renamed: dict[str, str] = {}  # an id a richer copy took over -> the id kept now
        self.aliases: dict[str, set[str]] = {}  # the inverse: a kept id -> the ids it took over
        self.stale: set[str] = set()  # lost a copy: rebuilt from the others by repair()
        self.left_alone: set[str] = set()  # files seen this run but not re-read

    def unchanged(self, path: Path) -> bool:
        """Tell whether the manifest says ``path`` is as it was (same size and mtime).

        A file that cannot be looked at now (deleted meanwhile) is not unchanged: reading it
        will say why.
        """
        try:
            name = str(path.resolve())
            stat = path.stat()
        except (OSError, RuntimeError):
            return False
        entry = self.files.get(name, {})
        same = (entry.get("size"), entry.get("mtime_ns")) == (stat.st_size, stat.st_mtime_ns)
        if same:
            self.left_alone.add(name)
        return same

    def absorb(self, parsed: Parsed) -> None:
        """Take the articles of one file and forget those it no longer holds.

        ``parsed`` holds the articles as read (``extract=False``, possibly a stream): they are
        enriched here, on the run's worker processes when there are many, and only when the
        file's content changed.
        """
        old = self.files.get(parsed.path)
        if old and old.get("digest") == parsed.digest:
            self.report.files_unchanged += 1
            self.left_alone.add(parsed.path)
            ids = list(old["ids"])
        else:
            self.report.formats[parsed.reader] += 1
            with closing(enrich_all(parsed.articles, jobs=self.jobs)) as articles:
                ids = []
                for article in articles:
                    if not ids:
                        self.report.kinds[file_kind(parsed.reader, article)] += 1
                    ids.append(self._final(self._take(article, parsed.path)))
            self.report.records_skipped.update(parsed.skipped_records)
            before = {self._final(i) for i in old["ids"]} if old else set()
            self._disown(parsed.path, before - set(ids))
        size: int | None = None
        mtime_ns: int | None = None  # stays None for a file gone since it was read: re-read next
        try:
            stat = os.stat(parsed.path)
            size, mtime_ns = stat.st_size, stat.st_mtime_ns
        except OSError:
            pass
        self.files[parsed.path] = {
            "size": size,
            "mtime_ns": mtime_ns,
            "digest": parsed.digest,
            "reader": parsed.reader,
            "ids": list(dict.fromkeys(self._final(i) for i in ids)),
        }

    def _final(self, article_id: str) -> str:
        """The id ``article_id`` is kept under now (itself unless a richer copy took over)."""
        return self.renamed.get(article_id, article_id)

    def _resolve(self, article: Article) -> str | None:
        """Return the id under which a copy of ``article`` is already known, if any."""
        if article.id in self.info:
            return article.id
        for key in dedupe_keys(article):
            known = self._final(self.keymap.get(key, ""))
            if known in self.info and (
                not key.startswith("slug:") or same_day(article.published, self.info[known]["day"])
            ):
                return known
        return None

    def _take(self, article: Article, path: str) -> str:
        """Keep ``article`` if it is new or richer than the known copy; return the id kept."""
        known = self._resolve(article)
        if known is None:
            self._stage(article, path)
            return article.id
        entry = self.info[known]
        fresh = known in self.counted  # the known copy was read this run
        wins = richness(article) > tuple(entry["rank"]) or (
            not fresh and entry["from"] in (path, None)
        )
        if not wins:
            self.report.duplicates += 1
            self._learn(article, known)
            owners = self.owners.setdefault(known, set())
            base = self.staging.get(known) if known in self.staging else self.writer.stored(known)
            merged = merge_copies(base, article) if base is not None else None
            if merged is not None and (path not in owners or merged != base):
                self.staging.put(merged)  # its tags or sources change, its content does not
            owners.add(path)
            return known
        if fresh:
            self.report.duplicates += 1
        others = self.owners.get(known, set()) - {path}
        if known in self.stale and not fresh:
            loser = None  # it holds what the dropped copy said too: repair() rebuilds the rest
        elif known in self.staging:
            loser = self.staging.get(known)
        else:
            loser = self.writer.stored(known) if others else None
        if article.id != known:
            self._rename(known, article.id)
        self._stage(merge_copies(article, loser) if loser else article, path, rank=article)
        return article.id

    def _stage(self, article: Article, path: str, *, rank: Article | None = None) -> None:
        """Stage ``article``, read from ``path``.

        :param rank: the copy as read, when ``article`` is it completed by other copies: its own
            richness is what later copies are compared with, else a poorer copy that borrowed
            the tags of a richer one would hold its place.
        """
        keys = dedupe_keys(article)
        previous = self.info.get(article.id, {}).get("keys", [])
        self.info[article.id] = {
            "rank": list(richness(rank or article)),
            "from": path,
            "keys": list(dict.fromkeys(previous + keys)),
            "day": article.published.isoformat() if article.published else None,
        }
        for key in keys:
            self.keymap[key] = article.id
        self.owners.setdefault(article.id, set()).add(path)
        self.staging.put(article)
        self.counted.add(article.id)

    def _learn(self, article: Article, known: str) -> None:
        keys = self.info[known]["keys"]
        for key in dedupe_keys(article):
            self.keymap.setdefault(key, known)
            if key not in keys:
                keys.append(key)

    def _rename(self, old: str, new: str) -> None:
        """Move everything known under ``old`` to ``new``, the id of a richer copy.

        ``renamed`` stays one step deep: every id ``old`` had taken over now points at ``new``
        too, and ``new`` itself is live again. A post whose copies take turns winning (A, then
        B, then A again on a re-read) therefore never makes a chain, let alone a cycle.
        """
        taken = self.aliases.pop(old, set()) | {old}
        previous = self.renamed.pop(new, None)
        if previous is not None:
            self.aliases.get(previous, set()).discard(new)
        taken.discard(new)
        for article_id in taken:
            self.renamed[article_id] = new
        self.aliases.setdefault(new, set()).update(taken)
        self.info[new] = self.info.pop(old)
        for key in self.info[new]["keys"]:
            self.keymap[key] = new
        owners = self.owners.pop(old, set())
        self.owners.setdefault(new, set()).update(owners)
        for path in owners:
            if path in self.files:
                entry = self.files[path]
                entry["ids"] = [new if i == old else i for i in entry["ids"]]
        self.staging.pop(old)
        self.counted.discard(old)
        if old in self.stale:
            self.stale.discard(old)
            self.stale.add(new)
        if self.writer.delete([old]) or old in self.superseded:
            self.superseded.add(new)

    def _disown(self, path: str, ids: Iterable[str]) -> None:
        orphans = []
        for article_id in ids:
            owners = self.owners.get(article_id, set())
            owners.discard(path)
            if owners:
                self.stale.add(article_id)  # what ``path`` lent it must go: repair() rebuilds it
                continue
            orphans.append(article_id)
            self.owners.pop(article_id, None)
            entry = self.info.pop(article_id, None) or {"keys": []}
            for key in entry["keys"]:
                if self.keymap.get(key) == article_id:
                    del self.keymap[key]
            self.staging.pop(article_id)
            self.counted.discard(article_id)
        self.report.removed += self.writer.delete(orphans)

    def prune(self) -> None:
        """Forget files that no longer exist, and the articles only they held."""
        for path in [p for p in self.files if not Path(p).exists()]:
            entry = self.files.pop(path)
            self._disown(path, [self._final(i) for i in entry["ids"]])

    def repair(self) -> None:
        """Rebuild each post that lost a copy (a file changed or went away) from the copies left.

        All its other files are read again, so the copy kept, and the tags and sources it
        gathers, come from the copies that still exist, never from the one that went away.
        It counts as updated only if it changed.
        """
        ids = {i for i in self.stale if i in self.info}
        fresh = ids & self.counted
        for article_id in ids:  # start over: the first copy read again takes its place
            self.info[article_id]["from"] = None
            self.counted.discard(article_id)
            self.staging.pop(article_id)
        duplicates = self.report.duplicates
        for path in sorted({p for i in ids for p in self.owners.get(i, ())}):
            result = read_path(path, readers=self.readers)
            if isinstance(result, Parsed):
                for article in result.articles:
                    if self._resolve(article) in self.stale:  # renames keep it up to date
                        self._take(article, path)
        self.report.duplicates = duplicates  # copies read again are not news
        for article_id in {self._final(i) for i in ids} - {self._final(i) for i in fresh}:
            stored = self.writer.stored(article_id)
            staged = self.staging.get(article_id) if article_id in self.staging else None
            if staged is None and stored is not None:
                self.staging.put(stored)  # only its list of sources changes
            if staged is None or staged == stored:
                self.counted.discard(article_id)

    def finish(self) -> None:
        """Write every staged article with its list of sources, and count what was done."""
        self.report.unchanged = len(
            {self._final(i) for p in self.left_alone for i in self.files.get(p, {}).get("ids", ())}
            - self.counted
        )
        for article in self.staging:
            sources = sorted(self.owners.get(article.id, ())) or [article.source_path]
            replaced = self.writer.write(
                article.replace(extra={**article.extra, "sources": sources})
            )
            if article.id in self.counted:
                if replaced or article.id in self.superseded:
                    self.report.replaced += 1
                else:
                    self.report.added += 1

    def manifest(self, field_map: dict[str, list[str]]) -> dict[str, Any]:
        """The manifest of the index this run commits."""
        return {"files": self.files, "articles": self.info, "field_map": field_map}


def _plain_field_map(field_map: FieldMapOption | None) -> dict[str, list[str]]:
    return {
        name: [k.strip() for k in (keys.split(",") if isinstance(keys, str) else keys)]
        for name, keys in sorted((field_map or {}).items())
    }


def build_index(
    paths: Iterable[str | os.PathLike[str]],
    index_dir: Path,
    *,
    force: bool = False,
    prune: bool = False,
    on_error: str = "skip",
    progress: ProgressCallback | None = None,
    field_map: FieldMapOption | None = None,
    jobs: int | None = None,
) -> IngestReport:
    """Index every article under ``paths`` into the index at ``index_dir`` (created if needed).

    :param force: re-read files even when the manifest says they are unchanged.
    :param prune: remove articles whose source files have disappeared.
    :param on_error: ``"skip"`` records bad files in the report; ``"raise"`` stops at the first,
        leaving the index untouched.
    :param progress: called with an :class:`~indexer.progress.IndexProgress` as each file
        starts, as its articles are read, and at the end (the files are counted first).
    :param field_map: which JSON keys fill which article fields, e.g. ``{"body": "abstract"}``;
        JSON files read with another map before are read again.
    :param jobs: worker processes for extraction (default: the usable cores); 1 keeps all the
        work in this process. Only files with many articles use them; results do not depend on it.
    :raises IngestError: with ``on_error="raise"``, for the first file that cannot be read.
    :raises ValueError: for a bad ``on_error`` or a field map naming an unknown field.
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', not {on_error!r}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    readers = format_readers(field_map=field_map)
    plain_map = _plain_field_map(field_map)
    report = IngestReport(index_dir=str(index_dir))
    # Unmapped files keep resident memory flat while writing (see store.open_index).
    if index_exists(index_dir):
        ix = open_index(index_dir, mmap=False)
    else:
        ix = create_index(index_dir, mmap=False)
        report.created = True
    writer = ArticleWriter(ix)
    run: _Run | None = None
    try:
        manifest = load_manifest(index_dir, ix.latest_generation())
        remap = manifest.get("field_map", {}) != plain_map
        for entry in manifest.get("files", {}).values():
            if force or (remap and entry.get("reader") == "jsonl"):
                entry["digest"] = entry["mtime_ns"] = None  # read these files again
        run = _Run(writer, manifest, report, readers, jobs or default_jobs())
        paths = list(paths)
        tracker = ProgressTracker(progress, sum(1 for _ in iter_files(paths)) if progress else 0)
        for item in iter_files(paths):
            report.files_seen += 1
            tracker.begin(str(item.path if isinstance(item, Skipped) else item))
            if isinstance(item, Path) and run.unchanged(item):
                report.files_unchanged += 1
                continue
            result = (
                item
                if isinstance(item, Skipped)
                else read_path(item, readers=readers, extract=False, stream=True)
            )
            if isinstance(result, Skipped):
                if on_error == "raise":
                    raise IngestError(result.path, result.reason)
                report.skipped.append(result)
                report.kinds[skip_kind(result.reason)] += 1
                continue
            run.absorb(replace(result, articles=tracker.count(result.articles, result.expected)))
        tracker.finish()
        if prune:
            run.prune()
        run.repair()
        run.finish()
        target = manifest_path(index_dir, writer.generation)
        target.write_text(json.dumps(run.manifest(plain_map)), "utf-8")
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        if run is not None:
            run.staging.close()
    prune_manifests(index_dir, keep=ix.latest_generation())
    report.total = ix.doc_count()
    return report
