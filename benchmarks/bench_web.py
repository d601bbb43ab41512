"""Load on ``dossier serve``: N concurrent clients for a bounded time against 127.0.0.1.

Starts the real server (``python -m search serve``) on a free port over the Dossier index of the
corpus (built first if missing, shared with ``bench_index.py``/``bench_query.py``), then runs
``--clients`` closed-loop clients for ``--seconds`` after a short warm-up. Each client is a thread
with its own keep-alive connection and walks the fixed Reuters query set through a mix of what
people do on the page:

* ``page``: the search page (``/?q=...``: hits with passages, five facets, two timelines),
* ``api``: the same search as JSON (``/api/search``),
* ``page2``: the second page of a search, ``tag``: a search narrowed by a tag,
* ``article``: an article view with the query's matches marked and similar articles,
* ``quotes``: "who said it" for the query's words.

It prints Markdown tables (requests/s, p50/p95/p99/max latency in ms and errors, overall and per
kind; the target: 0 errors and p99 ≤ 250 ms with 16 clients for 60 s) and writes JSON with every
latency to ``benchmarks/out/web-<corpus>.json``. The clients run in this process and the server
in another, on the same machine: both compete for its cores, so compare runs of one machine.

    python benchmarks/bench_web.py                      # Reuters, 16 clients, 60 s
    python benchmarks/bench_web.py --clients 4 --seconds 20
    python benchmarks/bench_web.py --quick              # CI: 500 articles, 4 clients, 5 s
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import _bench
import bench_index
from bench_query import QUERIES, load_queries, spread

MIX = ("page", "page", "page", "api", "page2", "tag", "article", "quotes")
"""The request kinds, in the order each client cycles through them (the search page most)."""
TARGET_P99_MS = 250.0
TARGET_CLIENTS = 16
TARGET_SECONDS = 60


def current(index: Path) -> bool:
    """Whether ``index`` exists and this Dossier can read it (else it is built again)."""
    from indexer import IndexStoreError, open_index  # noqa: PLC0415

    try:
        open_index(index)
    except IndexStoreError:
        return False
    return True


def start_server(index: Path, time_limit: float, workers: int) -> tuple[subprocess.Popen, str]:
    """Start ``dossier serve`` on a free port; return the process and its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "search", "serve", "--index", str(index), "--port", "0",
         "--time-limit", str(time_limit), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=_bench.REPO,
        env={**os.environ, "PYTHONPATH": str(_bench.REPO)},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("http://"):
            return process, line.strip().rstrip("/")
    log = process.stderr.read() if process.stderr else ""
    raise RuntimeError(f"dossier serve did not start: {log}")


def requests_for(queries: Sequence[Any], ids: Sequence[str]) -> list[tuple[str, str]]:
    """The (kind, path) sequence the clients walk: each query in turn, kinds from :data:`MIX`."""
    paths = []
    for n, q in enumerate(queries):
        kind = MIX[n % len(MIX)]
        text = quote(q.text)
        plain = "&plain=1" if q.kind == "long" else ""
        tag = f"&tag={quote(q.tag)}" if q.tag else ""
        path = {
            "page": f"/?q={text}{plain}{tag}",
            "api": f"/api/search?q={text}{plain}{tag}",
            "page2": f"/?q={text}{plain}{tag}&page=2",
            "tag": f"/?q={text}{plain}&tag={quote(q.tag or 'usa')}",
            "article": f"/articles/{ids[n % len(ids)]}?q={text}",
            "quotes": f"/quotes?q={text}",
        }[kind]
        paths.append((kind, path))
    return paths


def unique_requests(queries: Sequence[Any], ids: Sequence[str], count: int,
                    seed: int = 14) -> list[tuple[str, str]]:
    """Requests that (almost) never repeat: two words drawn from the query set, a random sort
    and page, so the server's cache of answers cannot help and every request searches."""
    rng = random.Random(seed)
    words = sorted({w for q in queries if q.kind in ("word", "words") for w in q.text.split()})
    sorts = ("relevance", "relevance", "newest", "oldest")
    paths = []
    for n in range(count):
        kind = MIX[n % len(MIX)]
        text = quote(" ".join(rng.sample(words, 2)))
        extra = f"&sort={rng.choice(sorts)}&page={rng.randint(1, 3)}"
        path = {
            "page": f"/?q={text}{extra}",
            "api": f"/api/search?q={text}{extra}",
            "page2": f"/?q={text}{extra}",
            "tag": f"/?q={text}&tag=usa{extra}",
            "article": f"/articles/{ids[n % len(ids)]}?q={text}",
            "quotes": f"/quotes?q={text}",
        }[kind]
        paths.append((kind, path))
    return paths


def client(base: str, work: list[tuple[str, str]], start: int, until: float,
           out: list[tuple[str, float, int]]) -> None:
    """One closed-loop client: request, wait for the whole answer, record, repeat until time."""
    import httpx  # noqa: PLC0415 - the web extra; imported when the benchmark runs

    with httpx.Client(base_url=base, timeout=60) as http:
        for kind, path in itertools.islice(itertools.cycle(work), start, None):
            if time.monotonic() >= until:
                return
            began = time.perf_counter()
            try:
                status = http.get(path).status_code
            except httpx.HTTPError:
                status = 0
            out.append((kind, time.perf_counter() - began, status))


def run_load(base: str, work: list[tuple[str, str]], clients: int,
             seconds: float) -> list[tuple[str, float, int]]:
    """Run ``clients`` threads for ``seconds``; every (kind, latency, status)."""
    results: list[list[tuple[str, float, int]]] = [[] for _ in range(clients)]
    until = time.monotonic() + seconds
    step = max(1, len(work) // clients)
    threads = [threading.Thread(target=client, args=(base, work, i * step, until, results[i]))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [r for rs in results for r in rs]


def percentile(ms: list[float], p: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))] if ordered else 0.0


def summary(rows: list[tuple[str, float, int]], seconds: float) -> dict[str, Any]:
    """Requests/s, latency percentiles (ms) and errors (any answer but 200) of some requests."""
    ms = [t * 1000 for _, t, _ in rows]
    return {
        "requests": len(rows),
        "rps": round(len(rows) / seconds, 1),
        "p50": round(percentile(ms, 0.50), 1),
        "p95": round(percentile(ms, 0.95), 1),
        "p99": round(percentile(ms, 0.99), 1),
        "max": round(max(ms, default=0.0), 1),
        "errors": sum(1 for _, _, status in rows if status != 200),
    }


def report(rows: list[tuple[str, float, int]], args: argparse.Namespace, size: int,
           workload: str) -> dict[str, Any]:
    """Print one workload's tables and the target line; return its figures."""
    overall = summary(rows, args.seconds)
    kinds = {k: summary([r for r in rows if r[0] == k], args.seconds) for k in dict.fromkeys(MIX)}
    heads = ["requests", "rps", "p50", "p95", "p99", "max", "errors"]
    title = (f"dossier serve --workers {args.workers}, {_bench.corpus_name(args.corpus)} "
             f"({size} articles), {workload} workload: {args.clients} clients for "
             f"{args.seconds:g} s (latency in ms)")
    _bench.print_table(["", *heads], [["all", *(overall[h] for h in heads)]]
                       + [[k, *(s[h] for h in heads)] for k, s in kinds.items()], title)
    full = args.clients == TARGET_CLIENTS and args.seconds >= TARGET_SECONDS
    met = overall["errors"] == 0 and overall["p99"] <= TARGET_P99_MS
    print(f"\ntarget (0 errors, p99 ≤ {TARGET_P99_MS:g} ms with {TARGET_CLIENTS} clients for "
          f"{TARGET_SECONDS} s): {'met' if met else 'not met'}"
          + ("" if full else " (this run is not at the target's size)"))
    return {"overall": overall, "kinds": kinds, "target_met": met if full else None,
            "latencies_ms": [[k, round(t * 1000, 2), s] for k, t, s in rows]}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=_bench.REUTERS)
    parser.add_argument("--limit", type=int, default=None, help="index only the first N articles")
    parser.add_argument("--clients", type=int, default=TARGET_CLIENTS)
    parser.add_argument("--seconds", type=float, default=TARGET_SECONDS)
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load not counted")
    parser.add_argument("--time-limit", type=float, default=5.0, help="the server's --time-limit")
    parser.add_argument("--workers", type=int, default=1, help="the server's --workers")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--index-root", type=Path, default=_bench.OUT / "index")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--workload", choices=("repeat", "unique", "both"), default="both",
                        help="repeat: the fixed query set, cycled (answers can be remembered); "
                        "unique: requests that never repeat (every one searches)")
    parser.add_argument("--quick", action="store_true",
                        help=f"CI size: {_bench.QUICK_DOCS} articles, 4 clients, 5 s")
    args = parser.parse_args(argv)
    if args.quick:
        args.limit, args.clients, args.seconds, args.warmup = _bench.QUICK_DOCS, 4, 5.0, 1.0
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    _bench.require(args.corpus)
    size = args.limit or _bench.count_lines(args.corpus)
    index = bench_index.index_path(args.index_root, args.corpus, size, "dossier")
    if not current(index):
        print(f"building the Dossier index of {size} articles ...", file=sys.stderr)
        bench_index.measure(args.corpus, size, ["dossier"], args.index_root)
    queries = spread(load_queries(args.queries), 1000)
    workloads = ("repeat", "unique") if args.workload == "both" else (args.workload,)
    results: dict[str, Any] = {}
    for workload in workloads:
        process, base = start_server(index, args.time_limit, args.workers)  # an empty cache
        try:
            import httpx  # noqa: PLC0415

            first = httpx.get(f"{base}/api/search?limit=100", timeout=60).json()
            ids = [h["id"] for h in first["hits"]]
            work = (requests_for(queries, ids) if workload == "repeat"
                    else unique_requests(queries, ids, 200_000))
            if args.warmup:
                run_load(base, work[len(work) // 2:], args.clients, args.warmup)
            rows = run_load(base, work, args.clients, args.seconds)
        finally:
            process.terminate()
            process.wait(10)
        results[workload] = report(rows, args, size, workload)
    errors = sum(r["overall"]["errors"] for r in results.values())
    name = _bench.corpus_name(args.corpus) + ("-quick" if args.quick else "")
    out = args.out or _bench.OUT / f"web-{name}.json"
    _bench.write_json(out, {
        "run": _bench.run_info(), "corpus": str(args.corpus), "articles": size,
        "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
        "workloads": results,
    })
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
