"""Indexing benchmark: Dossier's full pipeline against plain Whoosh and SQLite FTS5.

Each engine indexes the same JSON Lines corpus (default: Reuters-21578 from
``../shared/corpora``) in its own fresh interpreter, so the peak RSS reported is that engine's
alone. The three builders:

* ``dossier``: :func:`indexer.build_index` on the file, i.e. the JSON Lines reader (``topics``
  and ``places`` become tags), extraction, the NLTK analysis chain and the writer;
* ``whoosh``: Whoosh as a typical user writes it: ``StemmingAnalyzer`` on title and body,
  ``KEYWORD`` tags, one default ``ix.writer()``, ``add_document`` per article, one commit;
* ``fts5``: SQLite ``fts5(title, body, tokenize='porter unicode61')`` plus a ``tags(docid, tag)``
  table for facets, one transaction.

For each it reports documents per second, wall time, index size on disk and peak RSS, and
Dossier's ratios to both references. ``--sizes 5000,10000,21578`` repeats the run at several
corpus sizes (the first N articles) to show whether peak RSS grows with the corpus. The indexes
are kept under ``benchmarks/out/index/`` for ``bench_query.py``.

    python benchmarks/bench_index.py                 # Reuters, 3 engines, full corpus
    python benchmarks/bench_index.py --quick         # 500 articles, seconds
    python benchmarks/bench_index.py --sizes 5000,10000,21578 --engines dossier
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import _bench

ENGINES = ("dossier", "whoosh", "fts5")
REFERENCES = ("whoosh", "fts5")


def reuters_tags(record: dict[str, Any]) -> list[str]:
    """The tags a reference engine stores for a record: its topics, then its places."""
    return [str(t) for key in ("topics", "places") for t in record.get(key) or ()]


def build_dossier(source: Path, dest: Path) -> int:
    """Index ``source`` with Dossier's public pipeline; return the article count."""
    from indexer import build_index  # noqa: PLC0415 - imported in the child only

    report = build_index([source], dest)
    if report.skipped:
        print(f"dossier skipped: {report.skipped}", file=sys.stderr)
    return report.total


def whoosh_schema() -> Any:
    """The plain-Whoosh schema a typical user writes."""
    from whoosh import fields  # noqa: PLC0415
    from whoosh.analysis import StemmingAnalyzer  # noqa: PLC0415

    return fields.Schema(
        title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        tags=fields.KEYWORD(commas=True, stored=True, scorable=True),
        id=fields.ID(stored=True, unique=True),
    )


def build_whoosh(source: Path, dest: Path) -> int:
    """Index ``source`` with plain Whoosh defaults: one writer, one commit."""
    from whoosh import index  # noqa: PLC0415

    dest.mkdir(parents=True)
    ix = index.create_in(str(dest), whoosh_schema())
    writer = ix.writer()
    count = 0
    for record in _bench.read_records(source):
        writer.add_document(id=str(record["_id"]), title=record.get("title") or "",
                            body=record.get("text") or "", tags=",".join(reuters_tags(record)))
        count += 1
    writer.commit()
    return count


def build_fts5(source: Path, dest: Path) -> int:
    """Index ``source`` into an SQLite FTS5 table plus a tags table, in one transaction."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(dest)
    db.executescript(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, id UNINDEXED,"
        " tokenize='porter unicode61');"
        "CREATE TABLE tags(docid INTEGER NOT NULL, tag TEXT NOT NULL);"
    )
    count = 0
    with db:
        for rowid, record in enumerate(_bench.read_records(source), 1):
            db.execute("INSERT INTO docs(rowid, title, body, id) VALUES (?, ?, ?, ?)",
                       (rowid, record.get("title") or "", record.get("text") or "",
                        str(record["_id"])))
            db.executemany("INSERT INTO tags VALUES (?, ?)",
                           [(rowid, tag) for tag in dict.fromkeys(reuters_tags(record))])
            count += 1
        db.execute("CREATE INDEX tags_tag ON tags(tag, docid)")
        db.execute("CREATE INDEX tags_docid ON tags(docid, tag)")
    db.close()
    return count


BUILDERS: dict[str, Callable[[Path, Path], int]] = {
    "dossier": build_dossier, "whoosh": build_whoosh, "fts5": build_fts5,
}


def index_path(root: Path, corpus: Path, size: int, engine: str) -> Path:
    """Where an engine's index of the first ``size`` articles of ``corpus`` is kept."""
    name = "fts5.db" if engine == "fts5" else engine
    return root / f"{_bench.corpus_name(corpus)}-{size}" / name


def child(engine: str, source: Path, dest: Path, profile: Path | None) -> dict[str, Any]:
    """Build one index in this (fresh) process and return its measurements."""
    if dest.is_dir():
        shutil.rmtree(dest)
    elif dest.exists():
        dest.unlink()
    builder = BUILDERS[engine]
    if engine == "dossier":
        import indexer  # noqa: F401, PLC0415 - count import memory in the baseline, not the build
    else:
        import whoosh.index  # noqa: F401, PLC0415
    baseline = _bench.rss_mb()
    profiler = _start_profiler() if profile else None
    started = time.perf_counter()
    docs = builder(source, dest)
    seconds = time.perf_counter() - started
    if profiler and profile:
        _save_profile(profiler, profile, f"index-{engine}")
    return {"engine": engine, "docs": docs, "seconds": round(seconds, 3),
            "docs_per_s": round(docs / seconds, 1), "size_mb": _bench.dir_size_mb(dest),
            "baseline_rss_mb": baseline, "peak_rss_mb": _bench.peak_rss_mb(),
            "index": str(dest), "profiled": bool(profile)}


def _start_profiler() -> Any:
    from pyinstrument import Profiler  # noqa: PLC0415 - optional, for --profile only

    profiler = Profiler(interval=0.001)
    profiler.start()
    return profiler


def _save_profile(profiler: Any, folder: Path, name: str) -> None:
    profiler.stop()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(profiler.output_text(unicode=True, color=False), "utf-8")
    (folder / f"{name}.html").write_text(profiler.output_html(), "utf-8")
    print(f"profile written to {folder / name}.txt/.html", file=sys.stderr)


def measure(corpus: Path, size: int, engines: Sequence[str], root: Path,
            profile: Path | None = None) -> dict[str, dict[str, Any]]:
    """Index the first ``size`` articles with each engine, each in a fresh child process."""
    source = _bench.write_subset(corpus, size, root / "input" / f"{corpus.stem}-{size}.jsonl")
    results = {}
    for engine in engines:
        print(f"  indexing {size} articles with {engine} ...", file=sys.stderr, flush=True)
        argv = [__file__, "--child", engine, "--corpus", str(source),
                "--child-dest", str(index_path(root, corpus, size, engine))]
        if profile:
            argv += ["--profile", str(profile)]
        results[engine] = _bench.run_child(argv)
    return results


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Dossier's speed, size and memory relative to each reference that ran."""
    mine = results.get("dossier")
    out: dict[str, Any] = {}
    for ref in REFERENCES:
        other = results.get(ref)
        if mine and other:
            out[f"vs_{ref}"] = {
                "docs_per_s": _bench.ratio(mine["docs_per_s"], other["docs_per_s"]),
                "size": _bench.ratio(mine["size_mb"], other["size_mb"]),
                "peak_rss": _bench.ratio(mine["peak_rss_mb"], other["peak_rss_mb"]),
            }
    return out


def print_results(runs: dict[int, dict[str, dict[str, Any]]], corpus: Path) -> None:
    """One table row per (size, engine), then Dossier's ratios, then RSS against size."""
    headers = ["articles", "engine", "docs/s", "wall s", "index MB", "peak RSS MB",
               "RSS after imports MB"]
    rows = [[size, engine, r["docs_per_s"], r["seconds"], r["size_mb"], r["peak_rss_mb"],
             r["baseline_rss_mb"]] for size, res in runs.items() for engine, r in res.items()]
    _bench.print_table(headers, rows, f"Indexing {_bench.corpus_name(corpus)}")
    ratio_rows = [[size, ref, v["docs_per_s"], v["size"], v["peak_rss"]]
                  for size, res in runs.items()
                  for ref, v in ((k[3:], v) for k, v in ratios(res).items())]
    if ratio_rows:
        _bench.print_table(["articles", "Dossier vs", "docs/s ×", "size ×", "peak RSS ×"],
                           ratio_rows, "Dossier's ratios (targets: docs/s ≥ 3× whoosh, "
                           "size ≤ 1.5× whoosh)")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (``--help`` lists it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=_bench.REUTERS,
                        help="JSON Lines corpus (default: ../shared/corpora/reuters21578/"
                             "corpus.jsonl)")
    parser.add_argument("--limit", type=int, help="index only the first N articles")
    parser.add_argument("--sizes", help="comma-separated sizes, each run in fresh processes "
                                        "(e.g. 5000,10000,21578)")
    parser.add_argument("--quick", action="store_true",
                        help=f"CI-size run: the first {_bench.QUICK_DOCS} articles")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated subset of: " + ", ".join(ENGINES))
    parser.add_argument("--index-root", type=Path, default=_bench.OUT / "index",
                        help="where indexes are written (default: benchmarks/out/index)")
    parser.add_argument("--out", type=Path, help="JSON result file (default: "
                        "benchmarks/out/index-<corpus>.json)")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile each build with pyinstrument and write DIR/index-<engine>"
                             ".txt/.html (slows the build: do not compare its timings)")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--child-dest", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def sizes_from(args: argparse.Namespace, total: int) -> list[int]:
    """The corpus sizes to run, from ``--sizes``, ``--limit`` or ``--quick``."""
    if args.sizes:
        return [min(int(s), total) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        return [min(_bench.QUICK_DOCS, total)]
    return [min(args.limit or total, total)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.child_dest, args.profile)))
        return 0
    _bench.require(args.corpus)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        raise SystemExit(f"unknown engine(s) {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(ENGINES)}")
    total = _bench.count_lines(args.corpus)
    runs = {size: measure(args.corpus, size, engines, args.index_root, args.profile)
            for size in sizes_from(args, total)}
    print_results(runs, args.corpus)
    out = args.out or _bench.OUT / f"index-{_bench.corpus_name(args.corpus)}.json"
    _bench.write_json(out, {
        "benchmark": "index", "corpus": str(args.corpus), "run": _bench.run_info(),
        "sizes": {str(size): {"engines": res, "ratios": ratios(res)}
                  for size, res in runs.items()},
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
