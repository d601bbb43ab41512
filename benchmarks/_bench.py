"""Shared helpers of the benchmark scripts: corpora, child processes, memory, tables, JSON.

The parts:

* where things are: :data:`REPO`, the shared corpora (``../shared/corpora`` from the repo),
  :func:`require` (a clear skip message when a corpus is absent), :func:`read_records` and
  :func:`write_subset` (the first *N* lines of a JSON Lines corpus, for ``--limit``);
* measuring: :func:`peak_rss_mb` and :func:`rss_mb` read this process's ``VmHWM``/``VmRSS``
  (``getrusage`` where ``/proc`` is absent), :func:`dir_size_mb`, :func:`summarize`
  (p50/p95/mean);
* isolation: :func:`run_child` runs one engine in a fresh interpreter and reads back the one
  JSON object it prints, so each engine's peak RSS is its own;
* output: :func:`print_table`, :func:`ratio`, :func:`run_info` (date, commit, machine) and
  :func:`write_json`.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
REUTERS = CORPORA / "reuters21578" / "corpus.jsonl"
SCIFACT = CORPORA / "scifact" / "corpus.jsonl"
OUT = REPO / "benchmarks" / "out"
QUICK_DOCS = 500
"""Documents indexed by ``--quick`` (a CI-size run that finishes in seconds)."""


def require(path: Path) -> None:
    """Exit with a clear skip message (status 0) when a benchmark input is missing."""
    if not path.exists():
        print(f"skipped: {path} not found (the shared corpora live in ../shared/corpora/ next "
              f"to the repository; see benchmarks/README.md)")
        raise SystemExit(0)


def corpus_name(path: Path) -> str:
    """A short name for a corpus file: its folder (``reuters21578``), else its stem."""
    return path.parent.name if path.stem == "corpus" else path.stem


def read_records(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON Lines file, at most ``limit`` of them."""
    with path.open(encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                return
            if line.strip():
                yield json.loads(line)


def count_lines(path: Path) -> int:
    """The number of non-blank lines (documents) of a JSON Lines file."""
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())


def write_subset(path: Path, limit: int | None, dest: Path) -> Path:
    """Return ``path`` itself, or a copy of its first ``limit`` lines written at ``dest``."""
    if limit is None or limit >= count_lines(path):
        return path
    dest.parent.mkdir(parents=True, exist_ok=True)
    with path.open("rb") as src, dest.open("wb") as out:
        for count, line in enumerate(src):
            if count >= limit:
                break
            out.write(line)
    return dest


def _proc_status(key: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024  # kB -> MB
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (``VmHWM``, else ``ru_maxrss``)."""
    peak = _proc_status("VmHWM")
    if peak is None:
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, kB else
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    return round(peak, 1)


def rss_mb() -> float:
    """This process's current resident set size in MB (0 where ``/proc`` is absent)."""
    return round(_proc_status("VmRSS") or 0.0, 1)


def dir_size_mb(path: Path) -> float:
    """The size on disk of a file or of every file under a folder, in MB (10^6 bytes)."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


def summarize(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean of latencies given in seconds, returned in milliseconds."""
    if not seconds:
        return {"p50": float("nan"), "p95": float("nan"), "mean": float("nan"), "n": 0}
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
    return {"p50": round(statistics.median(ms), 3), "p95": round(p95, 3),
            "mean": round(statistics.fmean(ms), 3), "n": len(ms)}


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator`` rounded, or None when either is missing or zero."""
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 2)


def fmt(value: Any) -> str:
    """A table cell: numbers with sensible precision, None as an em dash."""
    if value is None:
        return "—"
    if isinstance(value, float):
        if value != value:  # NaN
            return "—"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    return str(value)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> None:
    """Print a Markdown table (pastes straight into RESULTS.md)."""
    if title:
        print(f"\n### {title}\n")
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) + " |")


def run_child(argv: Sequence[str], timeout: float = 1800) -> dict[str, Any]:
    """Run ``python argv...`` in a fresh interpreter; return the JSON object it prints last.

    :raises RuntimeError: when the child fails, with its stderr.
    """
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["child_wall_s"] = round(time.perf_counter() - started, 3)
    return result


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=REPO,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def run_info() -> dict[str, Any]:
    """Facts that make a result comparable: when, which commit (dirty or not), which machine."""
    import sqlite3  # noqa: PLC0415 - only for its version
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        whoosh_version = version("Whoosh")
    except PackageNotFoundError:
        whoosh_version = ""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "python": platform.python_version(),
        "whoosh": whoosh_version,
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as pretty JSON at ``path`` (folders created) and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", "utf-8")
    print(f"\nwrote {path}")
