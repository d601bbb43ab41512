"""Query benchmark: Dossier's searcher against plain Whoosh and SQLite FTS5 on the same indexes.

A fixed query set (``benchmarks/queries/reuters.txt``: single words, 2–3 words, quoted
phrases, tag filters, natural-language questions; or a BEIR ``queries.jsonl`` such as
SciFact's claims) runs against each engine in its own fresh process, with one searcher kept open
across queries (as a server would). After one warm-up pass, each query is timed in three modes:

* ``rank``: the top 10 ids. Dossier: ``Searcher.search(limit=10, facets=(), snippets=False)``
  (its public call; it still counts the total);
* ``snippets``: ranking plus 3 highlighted passages for each of the top 10 (FTS5 gives one
  ``snippet()`` of 12 tokens: that is what it offers);
* ``facets``: ranking, snippets and tag counts over all hits (and the total).

Engines: ``dossier``; ``whoosh`` (``MultifieldParser`` over title and body with ``OrGroup``,
the comparable setting); ``whoosh-and`` (the parser's default AND, which answers long queries
with nothing); ``fts5`` (``bm25(docs, 2.0, 1.0)``, words joined with OR, phrases quoted).
The report gives p50/p95/mean per mode and engine, Dossier's speed-ups over each reference, the
issue's targets as pass/fail, and the cold start of ``dossier search`` on the bundled sample.
Missing indexes are built first with ``bench_index.py``'s builders.

    python benchmarks/bench_query.py                       # Reuters, all engines
    python benchmarks/bench_query.py --quick               # 500 articles, 20 queries
    python benchmarks/bench_query.py --corpus ../shared/corpora/scifact/corpus.jsonl
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

import _bench
import bench_index

ENGINES = ("dossier", "whoosh", "whoosh-and", "fts5")
MODES = ("rank", "snippets", "facets")
KINDS = ("word", "words", "phrase", "tag", "long")
QUERIES = _bench.REPO / "benchmarks" / "queries" / "reuters.txt"
QUICK_QUERIES = 20
COLD_RUNS = 7
WARM_FACETS = 3
"""Facet queries in the warm-up (they load the facet caches; a full pass would double the run)."""
SAMPLE = _bench.REPO / "corpus" / "data"


@dataclass(frozen=True)
class Query:
    """One benchmark query: its kind, its text and an optional tag filter."""

    kind: str
    text: str
    tag: str | None = None


def load_queries(path: Path) -> list[Query]:
    """Read a query file: our tab-separated ``.txt`` or a BEIR ``queries.jsonl`` (all long)."""
    if path.suffix == ".jsonl":
        return [Query("long", str(r["text"])) for r in _bench.read_records(path)]
    queries = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, *rest = line.split("\t")
        if kind not in KINDS:
            raise ValueError(f"{path}: unknown query kind {kind!r}; kinds are {', '.join(KINDS)}")
        queries.append(Query(kind, text, rest[0] if rest else None))
    return queries


def spread(queries: list[Query], count: int) -> list[Query]:
    """The first ``count`` queries taken in turn from each kind, so a subset mixes them all."""
    by_kind: dict[str, list[Query]] = {}
    for q in queries:
        by_kind.setdefault(q.kind, []).append(q)
    mixed = [q for group in zip_longest(*by_kind.values()) for q in group if q is not None]
    return mixed[:count]


# -- engines -------------------------------------------------------------------------------


class DossierEngine:
    """Dossier's public :class:`search.Searcher`, one instance for all queries."""

    def __init__(self, index: Path) -> None:
        from search import Searcher  # noqa: PLC0415 - imported in the child only

        self.searcher = Searcher(index)
        params = inspect.signature(self.searcher.search).parameters
        self.has_snippets_flag = "snippets" in params
        self.has_plain_flag = "plain" in params

    def run(self, q: Query, mode: str) -> int:
        """Run one query in one mode; return the number of hits (a sanity figure)."""
        options: dict[str, Any] = {"limit": 10, "facets": ("tag",) if mode == "facets" else ()}
        if q.tag:
            options["filters"] = {"tag": (q.tag,)}
        if mode == "rank" and self.has_snippets_flag:
            options["snippets"] = False
        if q.kind == "long" and self.has_plain_flag:
            options["plain"] = True  # pasted natural-language text: no operators
        return self.searcher.search(q.text, **options).total

    def close(self) -> None:
        """Release the index."""
        self.searcher.close()


class WhooshEngine:
    """Plain Whoosh: the default searcher (BM25F), a multifield parser, OR or AND grouping."""

    def __init__(self, index: Path, group: str) -> None:
        from whoosh import index as windex  # noqa: PLC0415
        from whoosh import qparser, sorting  # noqa: PLC0415
        from whoosh.query import Term  # noqa: PLC0415

        ix = windex.open_dir(str(index))
        grouping = qparser.OrGroup if group == "or" else qparser.AndGroup
        self.parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=grouping)
        self.searcher = ix.searcher()
        self.facet = sorting.FieldFacet("tags", allow_overlap=True)
        self.term = Term

    def run(self, q: Query, mode: str) -> int:
        """Run one query in one mode; return the number of hits."""
        flt = self.term("tags", q.tag) if q.tag else None
        options: dict[str, Any] = {"limit": 10, "filter": flt}
        if mode == "facets":
            options["groupedby"] = {"tags": self.facet}
        results = self.searcher.search(self.parser.parse(q.text), **options)
        ids = [hit["id"] for hit in results]
        if mode != "rank":
            for hit in results:
                hit.highlights("body", top=3)
        if mode == "facets":
            results.groups("tags")
            return len(results)
        return len(ids)

    def close(self) -> None:
        """Release the index."""
        self.searcher.close()


_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r'"([^"]*)"')


def fts5_match(text: str) -> str:
    """An FTS5 MATCH string with OR semantics that cannot be a syntax error.

    Quoted parts stay phrases; every other word becomes a quoted term.

    >>> fts5_match('"oil prices" OPEC\\'s quota-cut')
    '"oil prices" OR "OPEC" OR "s" OR "quota" OR "cut"'
    """
    parts = [" ".join(_WORD.findall(p)) for p in _QUOTED.findall(text)]
    parts = [f'"{p}"' for p in parts if p]
    parts += [f'"{w}"' for w in _WORD.findall(_QUOTED.sub(" ", text))]
    return " OR ".join(parts)


class Fts5Engine:
    """SQLite FTS5 with bm25 (title ×2), ``snippet()`` and a GROUP BY for tag facets."""

    def __init__(self, index: Path) -> None:
        self.db = sqlite3.connect(index)

    def run(self, q: Query, mode: str) -> int:
        """Run one query in one mode; return the number of hits."""
        match = fts5_match(q.text)
        if not match:
            return 0
        where = "docs MATCH ?"
        args: list[Any] = [match]
        if q.tag:
            where += " AND rowid IN (SELECT docid FROM tags WHERE tag = ?)"
            args.append(q.tag)
        columns = "id" if mode == "rank" else "id, title, snippet(docs, 1, '[', ']', '…', 12)"
        rows = self.db.execute(f"SELECT {columns} FROM docs WHERE {where} "  # noqa: S608
                               "ORDER BY bm25(docs, 2.0, 1.0) LIMIT 10", args).fetchall()
        if mode != "facets":
            return len(rows)
        total = self.db.execute(f"SELECT count(*) FROM docs WHERE {where}", args).fetchone()[0]
        self.db.execute("SELECT tag, count(*) FROM tags WHERE docid IN (SELECT rowid FROM docs "
                        f"WHERE {where}) GROUP BY tag ORDER BY 2 DESC", args).fetchall()
        return total

    def close(self) -> None:
        """Release the database."""
        self.db.close()


def open_engine(engine: str, index: Path) -> Any:
    """The engine object for ``engine`` over ``index``."""
    if engine == "dossier":
        return DossierEngine(index)
    if engine in ("whoosh", "whoosh-and"):
        return WhooshEngine(index, "and" if engine == "whoosh-and" else "or")
    return Fts5Engine(index)


def engine_index(engine: str) -> str:
    """The bench_index engine whose index ``engine`` reads."""
    return "whoosh" if engine.startswith("whoosh") else engine


# -- the child: one engine, all queries ------------------------------------------------------


def child(engine: str, index: Path, queries: list[Query], profile: Path | None) -> dict[str, Any]:
    """Open one engine, warm it up, then time every query in every mode.

    The warm-up is one pass in ``snippets`` mode plus the first few queries with facets.
    """
    started = time.perf_counter()
    searcher = open_engine(engine, index)
    opened = time.perf_counter() - started
    for q in queries:  # warm-up: files, caches and stemmers, without the costly facet pass
        searcher.run(q, "snippets")
    for q in queries[:WARM_FACETS]:
        searcher.run(q, "facets")
    latencies: dict[str, list[float]] = {}
    hits: dict[str, list[int]] = {}
    for mode in MODES:
        profiler = bench_index._start_profiler() if profile and mode == "facets" else None
        latencies[mode], hits[mode] = [], []
        for q in queries:
            t0 = time.perf_counter()
            hits[mode].append(searcher.run(q, mode))
            latencies[mode].append(time.perf_counter() - t0)
        if profiler and profile:
            bench_index._save_profile(profiler, profile, f"query-{engine}-{index.parent.name}")
    notes = []
    if isinstance(searcher, DossierEngine):
        notes.append("rank mode: snippets=False" if searcher.has_snippets_flag
                     else "rank mode includes snippets (no snippets flag)")
        if searcher.has_plain_flag:
            notes.append("long queries with plain=True")
    searcher.close()
    return {"engine": engine, "open_s": round(opened, 4), "latencies": latencies, "hits": hits,
            "peak_rss_mb": _bench.peak_rss_mb(), "notes": notes}


# -- cold start --------------------------------------------------------------------------------


def dossier_command() -> list[str]:
    """How to run the installed ``dossier`` script (next to this interpreter), else the module."""
    script = Path(sys.executable).parent / "dossier"
    if script.exists():
        return [str(script)]
    found = shutil.which("dossier")
    return [found] if found else [sys.executable, "-m", "search"]


def cold_start(root: Path, runs: int = COLD_RUNS) -> dict[str, Any]:
    """Median wall time of ``dossier search Montazeri --index <sample index>`` subprocesses."""
    index = root / "sample" / "dossier"
    command = dossier_command()
    if index.exists():  # rebuilt every run: an index left by older code may no longer match
        shutil.rmtree(index)
    subprocess.run([*command, "index", str(SAMPLE), "--index", str(index)], check=True,
                   capture_output=True, cwd=_bench.REPO)
    times, output = [], ""
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([*command, "search", "Montazeri", "--index", str(index)],
                              capture_output=True, text=True, check=True, cwd=_bench.REPO)
        times.append(time.perf_counter() - t0)
        output = done.stdout
    if output.startswith("0 "):
        print(f"warning: the cold-start query found nothing: {output.splitlines()[0]}",
              file=sys.stderr)
    return {"command": " ".join([Path(command[0]).name, *command[1:], "search", "Montazeri",
                                 "--index", "<sample index>"]),
            "runs_s": [round(t, 3) for t in times], "median_s": round(statistics.median(times), 3),
            "first_line": output.splitlines()[0] if output else ""}


# -- the parent: build what is missing, run each engine, report -----------------------------


def ensure_indexes(corpus: Path, size: int, engines: Sequence[str], root: Path) -> dict[str, Path]:
    """Return each engine's index path, building those that do not exist yet."""
    needed = sorted({engine_index(e) for e in engines})
    paths = {e: bench_index.index_path(root, corpus, size, e) for e in needed}
    missing = [e for e, p in paths.items() if not p.exists()]
    if missing:
        print(f"building missing indexes: {', '.join(missing)}", file=sys.stderr)
        bench_index.measure(corpus, size, missing, root)
    return {e: paths[engine_index(e)] for e in engines}


def summaries(result: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """p50/p95/mean per mode, and per query kind for the full (facets) mode."""
    modes = {mode: _bench.summarize(values) for mode, values in result["latencies"].items()}
    by_kind = {kind: _bench.summarize([t for t, k in zip(result["latencies"]["facets"], kinds,
                                                         strict=True) if k == kind])
               for kind in dict.fromkeys(kinds)}
    return {"modes": modes, "facets_by_kind": by_kind}


def speedups(stats: dict[str, Any]) -> dict[str, Any]:
    """How many times faster Dossier is than each reference, per mode (p50 and mean)."""
    mine = stats.get("dossier")
    if not mine:
        return {}
    return {f"vs_{ref}": {mode: {m: _bench.ratio(other["modes"][mode][m], mine["modes"][mode][m])
                                 for m in ("p50", "p95", "mean")} for mode in MODES}
            for ref, other in stats.items() if ref != "dossier"}


def targets(stats: dict[str, Any], cold: dict[str, Any] | None) -> list[list[Any]]:
    """The issue's query targets, as rows: target, measured, pass."""
    rows: list[list[Any]] = []
    mine = stats.get("dossier", {}).get("modes", {}).get("facets", {}).get("p50")
    fts5 = stats.get("fts5", {}).get("modes", {}).get("snippets", {}).get("p50")
    whoosh = stats.get("whoosh", {}).get("modes", {}).get("facets", {}).get("p50")
    if mine and fts5:
        rows.append(["Dossier p50 (snippets+facets) ≤ FTS5 p50 (snippets)",
                     f"{mine:.3g} ms vs {fts5:.3g} ms", mine <= fts5])
    ranked = stats.get("dossier", {}).get("modes", {}).get("rank", {}).get("p50")
    whoosh_ranked = stats.get("whoosh", {}).get("modes", {}).get("rank", {}).get("p50")
    if mine and whoosh:
        # Whoosh's groupedby rebuilds the tag table per query; Dossier keeps it per searcher.
        # Show the ranking-only ratio beside it, so the facet cache is not read as ranking speed.
        beside = ""
        if ranked and whoosh_ranked:
            beside = f" (ranking only: {whoosh_ranked / ranked:.2f}×)"
        rows.append(["Dossier p50 ≥ 3× faster than Whoosh OR (snippets+facets; Whoosh rebuilds "
                     "its tag table per query, Dossier caches it)",
                     f"{whoosh / mine:.2f}×{beside}", whoosh / mine >= 3])
    if cold:
        rows.append(["cold start `dossier search` on the sample ≤ 0.5 s",
                     f"{cold['median_s']:.3f} s", cold["median_s"] <= 0.5])
    return rows


def print_results(stats: dict[str, Any], ups: dict[str, Any], cold: dict[str, Any] | None,
                  title: str) -> None:
    """Latency per engine and mode, per kind, Dossier's speed-ups, and the targets."""
    rows = [[engine, mode, s["modes"][mode]["p50"], s["modes"][mode]["p95"],
             s["modes"][mode]["mean"]] for engine, s in stats.items() for mode in MODES]
    _bench.print_table(["engine", "mode", "p50 ms", "p95 ms", "mean ms"], rows, title)
    kinds = list(next(iter(stats.values()))["facets_by_kind"])
    rows = [[engine, *(s["facets_by_kind"][k]["p50"] for k in kinds)]
            for engine, s in stats.items()]
    _bench.print_table(["engine", *(f"{k} p50" for k in kinds)], rows,
                       "Full mode (snippets + facets) p50 ms by query kind")
    rows = [[ref[3:], mode, v[mode]["p50"], v[mode]["p95"], v[mode]["mean"]]
            for ref, v in ups.items() for mode in MODES]
    if rows:
        _bench.print_table(["Dossier vs", "mode", "p50 speed-up ×", "p95 ×", "mean ×"], rows,
                           "Dossier's speed-ups (reference latency / Dossier latency; >1 = "
                           "Dossier faster)")
    rows = targets(stats, cold)
    if rows:
        _bench.print_table(["target", "measured", "met"], rows, "Targets")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (``--help`` lists it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=_bench.REUTERS,
                        help="JSON Lines corpus (default: ../shared/corpora/reuters21578/"
                             "corpus.jsonl)")
    parser.add_argument("--queries", type=Path,
                        help="query file (default: queries.jsonl next to the corpus if present, "
                             "else benchmarks/queries/reuters.txt)")
    parser.add_argument("--limit", type=int, help="use the index of the first N articles")
    parser.add_argument("--max-queries", type=int, help="run only N queries (spread over the file)")
    parser.add_argument("--quick", action="store_true",
                        help=f"CI-size run: {_bench.QUICK_DOCS} articles, {QUICK_QUERIES} queries")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated subset of: " + ", ".join(ENGINES))
    parser.add_argument("--no-cold-start", action="store_true",
                        help="skip the cold-start measurement of `dossier search`")
    parser.add_argument("--index-root", type=Path, default=_bench.OUT / "index",
                        help="where indexes are read or built (default: benchmarks/out/index)")
    parser.add_argument("--out", type=Path, help="JSON result file (default: "
                        "benchmarks/out/query-<corpus>.json)")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile each engine's full-mode pass with pyinstrument into DIR "
                             "(slows that pass: do not compare its timings)")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--child-index", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def pick_queries(args: argparse.Namespace) -> tuple[Path, list[Query]]:
    """The query file and the queries this run uses."""
    beir = args.corpus.parent / "queries.jsonl"
    path = args.queries or (beir if beir.exists() else QUERIES)
    queries = load_queries(path)
    count = args.max_queries or (QUICK_QUERIES if args.quick else None)
    return path, spread(queries, count) if count else queries


def run_engines(args: argparse.Namespace, engines: list[str], size: int) -> dict[str, Any]:
    """Run each engine in a fresh child process; return their raw results."""
    indexes = ensure_indexes(args.corpus, size, engines, args.index_root)
    raw = {}
    for engine in engines:
        print(f"  querying {engine} ...", file=sys.stderr, flush=True)
        argv = [__file__, "--child", engine, "--child-index", str(indexes[engine]),
                "--corpus", str(args.corpus)]
        for flag, value in (("--queries", args.queries), ("--max-queries", args.max_queries),
                            ("--profile", args.profile)):
            if value:
                argv += [flag, str(value)]
        raw[engine] = _bench.run_child(argv + (["--quick"] if args.quick else []))
    return raw


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    if args.child:
        _, queries = pick_queries(args)
        print(json.dumps(child(args.child, args.child_index, queries, args.profile)))
        return 0
    _bench.require(args.corpus)
    path, queries = pick_queries(args)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if set(engines) - set(ENGINES):
        raise SystemExit(f"unknown engine(s); choose from {', '.join(ENGINES)}")
    total = _bench.count_lines(args.corpus)
    size = min(_bench.QUICK_DOCS if args.quick else args.limit or total, total)
    raw = run_engines(args, engines, size)
    kinds = [q.kind for q in queries]
    stats = {engine: summaries(result, kinds) for engine, result in raw.items()}
    cold = None if args.no_cold_start or "dossier" not in engines else cold_start(args.index_root)
    ups = speedups(stats)
    name = _bench.corpus_name(args.corpus)
    print_results(stats, ups, cold, f"Queries on {name} ({size} articles, {len(queries)} "
                                    f"queries from {path.name})")
    if cold:
        print(f"\ncold start: median {cold['median_s']} s over {len(cold['runs_s'])} runs "
              f"of `{cold['command']}` ({cold['first_line']})")
    out = args.out or _bench.OUT / f"query-{name}.json"
    _bench.write_json(out, {
        "benchmark": "query", "corpus": str(args.corpus), "articles": size,
        "queries": {"file": str(path), "count": len(queries),
                    "list": [asdict(q) for q in queries]},
        "run": _bench.run_info(), "stats": stats, "speedups": ups,
        "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in targets(stats, cold)],
        "cold_start": cold, "raw": raw,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
