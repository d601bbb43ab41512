"""Relevance benchmark: index a BEIR collection through Dossier and score its rankings.

    python benchmarks/relevance.py --collection ../shared/corpora/scifact

The collection's ``corpus.jsonl`` goes through ``dossier index`` exactly as a user's file would
(the JSON Lines reader, the same analysis); every judged query of ``queries.jsonl`` is run with
the default ranking as plain words; nDCG@10, Recall@100 and MAP@100 are computed as
``trec_eval -c`` does and printed beside the published BM25 figures. The run and the figures
are written as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _metrics import evaluate  # noqa: E402

from indexer import build_index  # noqa: E402
from search import Searcher  # noqa: E402

BARS = {"scifact": {"ndcg@10": 0.69, "recall@100": 0.93}}
"""The figures the default ranking must reach (the ranking issue's bar)."""

REFERENCES = {
    "scifact": {
        "Anserini BM25 flat": {"ndcg@10": 0.6789, "recall@100": 0.9253},
        "Anserini BM25 multifield": {"ndcg@10": 0.6647, "recall@100": 0.9076},
        "BEIR paper BM25": {"ndcg@10": 0.665},
    }
}


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """query id -> {doc id: grade} from a BEIR qrels.tsv (with header)."""
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        query_id, doc_id, grade = line.split("\t")[:3]
        qrels.setdefault(query_id, {})[doc_id] = int(grade)
    return qrels


def read_queries(path: Path) -> dict[str, str]:
    """query id -> text from a BEIR queries.jsonl."""
    queries = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            queries[str(record["_id"])] = record["text"]
    return queries


def run_queries(index_dir: Path, queries: dict[str, str], depth: int) -> tuple[dict, list]:
    """Rank every query; return the run (query -> doc ids) and per-query latencies (ms)."""
    run, latencies = {}, []
    with Searcher(index_dir) as searcher:
        for query_id, text in queries.items():
            start = time.perf_counter()
            results = searcher.search(text, limit=depth, plain=True, facets=(), snippets=False)
            latencies.append((time.perf_counter() - start) * 1000)
            run[query_id] = [hit.id for hit in results.hits]
    return run, latencies


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--collection", type=Path, default=ROOT / ".." / "shared" / "corpora" / "scifact"
    )
    parser.add_argument("--index-dir", type=Path, help="reuse or build the index here")
    parser.add_argument("--depth", type=int, default=100)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when nDCG@10 or R@100 falls below the collection's bar (BARS)",
    )
    parser.add_argument(
        "--out", type=Path, help="JSON output (default benchmarks/out/relevance-NAME.json)"
    )
    args = parser.parse_args()
    collection = args.collection.resolve()
    if not (collection / "corpus.jsonl").exists():
        print(f"skipped: no BEIR collection at {collection}")
        return 0
    name = collection.name
    qrels = read_qrels(collection / "qrels.tsv")
    queries = {q: t for q, t in read_queries(collection / "queries.jsonl").items() if q in qrels}

    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or Path(tmp) / "index"
        start = time.perf_counter()
        report = build_index([collection / "corpus.jsonl"], index_dir)
        index_seconds = time.perf_counter() - start
        run, latencies = run_queries(index_dir, queries, args.depth)

    figures = evaluate(run, qrels)
    print(
        f"{name}: {report.total} documents indexed in {index_seconds:.1f} s; "
        f"{len(queries)} queries, median {statistics.median(latencies):.1f} ms"
    )
    print(f"{'system':32} {'nDCG@10':>8} {'R@100':>8} {'MAP@100':>8}")
    print(
        f"{'Dossier (default ranking)':32} {figures['ndcg@10']:8.4f} "
        f"{figures['recall@100']:8.4f} {figures['map@100']:8.4f}"
    )
    for system, ref in REFERENCES.get(name, {}).items():
        cells = [
            f"{ref[m]:8.4f}" if m in ref else f"{'':8}"
            for m in ("ndcg@10", "recall@100", "map@100")
        ]
        print(f"{system:32} {' '.join(cells)}")
    out = args.out or ROOT / "benchmarks" / "out" / f"relevance-{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "collection": name,
                "commit": commit(),
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "documents": report.total,
                "queries": len(queries),
                "index_seconds": round(index_seconds, 2),
                "query_ms_median": round(statistics.median(latencies), 2),
                "figures": figures,
                "references": REFERENCES.get(name, {}),
                "run": run,
            },
            indent=1,
        )
    )
    print(f"wrote {out}")
    bar = BARS.get(name)
    if args.check and bar and any(figures[m] < v for m, v in bar.items()):
        print(f"below the bar for {name}: {bar}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
