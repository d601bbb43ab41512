"""Page-extraction benchmark: publication day, title, author and main text of real web pages.

    python benchmarks/extraction_pages.py                      # all pages, three engines (~3 min)
    python benchmarks/extraction_pages.py --quick              # every 4th page, CI size
    python benchmarks/extraction_pages.py --corpus DIR --engines dossier,htmldate
    python benchmarks/extraction_pages.py --failures date      # list Dossier's misses of a field

The corpus is a folder with ``pages/*.html.gz`` and ``gold.jsonl`` (``../shared/corpora/webpages/``
by default; its README describes the gold). Every engine gets the same input: the page's bytes and,
when the gold names one, the address it was fetched from (as a web archive records it).

* **Dossier**: the page read as ``dossier index`` reads a file (format chosen by content, bytes
  decoded by :class:`corpus.source.Source`); a page read as a listing gives its posts' bodies.
* **htmldate** (date only): ``find_date(html, url=..., extensive_search=True,
  original_date=True)``, the library's most thorough mode, as a reference.
* **trafilatura**: ``extract(html, url=..., output_format="json", with_metadata=True)``, as a
  reference (not a dependency: it is skipped when not installed).

Measures, over the pages whose gold gives the field:

* **date**: the publication day is right. A page of the ``htmldate`` set whose gold is null has no
  reliable date, and only *no* date is right there.
* **title**: equal after whitespace normalisation.
* **author**: the same names, compared case- and accent-insensitively, whatever separates several
  names (``,``, ``;``, ``&``, "and", "und").
* **text**: trafilatura's with/without measure. A ``with`` passage found in the extracted text is a
  true positive (else a false negative); a ``without`` passage found is a false positive.
  Precision, recall and F1 are micro-averaged over all passages. **no article**: pages whose gold
  has main text where the engine found none.

The pages are split once, by a hash of the file name, into a development part (three quarters)
and a held-out part (one quarter, never looked at page by page while tuning); Dossier's figures are
shown for both, to see whether its rules generalize. The run is written as JSON to
``benchmarks/out/extraction-pages.json``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _bench import CORPORA, OUT, print_table, require, run_info, write_json  # noqa: E402

from corpus.errors import IngestError  # noqa: E402
from corpus.formats import reader_for  # noqa: E402
from corpus.source import Source  # noqa: E402

DEFAULT_CORPUS = CORPORA / "webpages"
DEFAULT_OUT = OUT / "extraction-pages.json"
TARGETS = {"date": 0.92, "title": 0.90, "author": 0.80, "text_f1": 0.93, "no_article": 0}
"""The bars Dossier must reach on every page (no article: at most this many pages)."""
QUICK_EVERY = 4
"""``--quick`` scores every 4th page."""
ENGINES = ("dossier", "htmldate", "trafilatura")

_NAME_SPLIT = re.compile(r"\s*(?:[,;&/|]|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)


@dataclass
class Page:
    """One gold record and its page's bytes."""

    file: str
    url: str
    set: str
    gold: dict[str, Any]
    data: bytes

    @property
    def held_out(self) -> bool:
        """True for the quarter of pages kept out of tuning."""
        return int(hashlib.sha1(self.file.encode("utf-8")).hexdigest(), 16) % 4 == 0


@dataclass
class Found:
    """What one engine read from one page."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    text: str | None = None
    status: str = "article"


@dataclass
class Tally:
    """The counts behind one table row."""

    date: list[int] = field(default_factory=lambda: [0, 0])
    title: list[int] = field(default_factory=lambda: [0, 0])
    author: list[int] = field(default_factory=lambda: [0, 0])
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    no_article: int = 0
    listings: int = 0
    pages: int = 0
    seconds: float = 0.0

    @staticmethod
    def rate(pair: list[int]) -> float | None:
        """Right / scored, or None when nothing was scored."""
        return pair[0] / pair[1] if pair[1] else None

    def text_scores(self) -> tuple[float | None, float | None, float | None]:
        """Precision, recall and F1 over the with/without passages."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        if not precision or not recall:
            return precision, recall, None
        return precision, recall, 2 * precision * recall / (precision + recall)

    def summary(self) -> dict[str, Any]:
        """The row as JSON-ready values."""
        precision, recall, f1 = self.text_scores()
        return {
            "pages": self.pages, "seconds": round(self.seconds, 2),
            "date": self.rate(self.date), "date_n": self.date[1],
            "title": self.rate(self.title), "title_n": self.title[1],
            "author": self.rate(self.author), "author_n": self.author[1],
            "text_precision": precision, "text_recall": recall, "text_f1": f1,
            "passages": {"tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn},
            "no_article": self.no_article, "listings": self.listings,
        }


def load_pages(corpus: Path, *, quick: bool = False) -> list[Page]:
    """Read the gold and the pages it names (every 4th with ``quick``)."""
    pages = []
    lines = (corpus / "gold.jsonl").read_text("utf-8").splitlines()
    for number, line in enumerate(filter(str.strip, lines)):
        if quick and number % QUICK_EVERY:
            continue
        gold = json.loads(line)
        data = gzip.decompress((corpus / "pages" / gold["file"]).read_bytes())
        pages.append(Page(gold["file"], gold.get("url") or "", gold.get("set", ""), gold, data))
    return pages


def clean(text: str | None) -> str:
    """Collapse white space."""
    return " ".join((text or "").split())


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return clean("".join(c for c in decomposed if not unicodedata.combining(c))).casefold()


def names(text: str | None) -> set[str]:
    """The folded names of an author field, whatever separates several."""
    return {n for n in (fold(p) for p in _NAME_SPLIT.split(text or "")) if n}


def gold_day(value: str | None) -> str | None:
    """A gold date as ``YYYY-MM-DD``.

    One record writes ``2022-11-1``, two write day before month (``2022-29-11``): read as meant.
    """
    if not value:
        return None
    year, month, day = (int(part) for part in value[:10].split("-"))
    if month > 12 >= day:  # noqa: PLR2004
        month, day = day, month
    return date(year, month, day).isoformat()


# --- engines -------------------------------------------------------------------------------

def run_dossier(page: Page) -> Found:
    """Read the page as ``dossier index`` would read the file."""
    source = Source(f"/{page.file[:-3]}", page.data, url=page.url)
    reader = reader_for(source)
    if reader is None:
        return Found(status="unread")
    try:
        articles = list(reader.parse(source))
    except (IngestError, ValueError) as exc:  # ParseError is an IngestError
        return Found(status=f"skipped: {getattr(exc, 'reason', exc)}")
    if not articles:
        return Found(status="no article")
    first = articles[0]
    status = "listing" if len(articles) > 1 or first.extra.get("excerpt") else "article"
    text = "\n".join(a.body for a in articles)
    day = first.published.isoformat() if first.published and not first.published_inferred else None
    return Found(first.title, first.author, day, text, status)


def _htmldate() -> Callable[[Page], Found]:
    from htmldate import find_date  # noqa: PLC0415 - a reference, imported when run

    def run(page: Page) -> Found:
        html = page.data.decode("utf-8", "replace")
        try:
            day = find_date(html, url=page.url or None, extensive_search=True,
                            original_date=True)
        except Exception:  # noqa: BLE001 - a reference engine's failure is its miss
            day = None
        return Found(date=day, status="date only")

    return run


def _trafilatura() -> Callable[[Page], Found]:
    import trafilatura  # noqa: PLC0415 - a reference, imported when run

    def run(page: Page) -> Found:
        try:
            out = trafilatura.extract(page.data, url=page.url or None, output_format="json",
                                      with_metadata=True)
        except Exception:  # noqa: BLE001 - a reference engine's failure is its miss
            out = None
        if not out:
            return Found(status="no article")
        data = json.loads(out)
        return Found(data.get("title"), data.get("author"), data.get("date"),
                     data.get("text"))

    return run


def engine(name: str) -> Callable[[Page], Found] | None:
    """The runner of an engine, or None when its library is not installed."""
    if name == "dossier":
        return run_dossier
    try:
        return _htmldate() if name == "htmldate" else _trafilatura()
    except ImportError:
        return None


# --- scoring -------------------------------------------------------------------------------

def score(page: Page, found: Found, tally: Tally, *, metadata: bool = True) -> dict[str, Any]:
    """Add one page's result to ``tally``; return what was right and wrong on it."""
    gold = page.gold
    verdict: dict[str, Any] = {"file": page.file, "status": found.status}
    tally.pages += 1
    day = gold_day(gold.get("date"))
    if day is not None or page.set == "htmldate":
        ok = (found.date or None) == day
        tally.date[0] += ok
        tally.date[1] += 1
        verdict["date"] = [ok, found.date, day]
    if not metadata:
        return verdict
    if gold.get("title"):
        ok = clean(found.title) == clean(gold["title"])
        tally.title[0] += ok
        tally.title[1] += 1
        verdict["title"] = [ok, found.title, gold["title"]]
    if gold.get("author"):
        ok = names(found.author) == names(gold["author"])
        tally.author[0] += ok
        tally.author[1] += 1
        verdict["author"] = [ok, found.author, gold["author"]]
    with_, without = gold.get("with") or [], gold.get("without") or []
    if with_ or without:
        text = clean(found.text)
        hits = [clean(p) in text for p in with_] if text else [False] * len(with_)
        leaks = [clean(p) in text for p in without] if text else [False] * len(without)
        tally.tp += sum(hits)
        tally.fn += len(hits) - sum(hits)
        tally.fp += sum(leaks)
        tally.tn += len(leaks) - sum(leaks)
        if with_ and not text:
            tally.no_article += 1
        verdict["missed"] = [p for p, h in zip(with_, hits, strict=True) if not h]
        verdict["leaked"] = [p for p, h in zip(without, leaks, strict=True) if h]
    tally.listings += found.status == "listing"
    return verdict


def fraction(value: float | None) -> str:
    """A rate for the table (``-`` when undefined)."""
    return "-" if value is None else f"{value:.3f}"


def row(label: str, summary: dict[str, Any], *, metadata: bool = True) -> list[Any]:
    """One table row."""
    if not metadata:
        return [label, summary["pages"], fraction(summary["date"]), "-", "-", "-", "-", "-",
                "-", "-", summary["seconds"]]
    return [label, summary["pages"], fraction(summary["date"]), fraction(summary["title"]),
            fraction(summary["author"]), fraction(summary["text_precision"]),
            fraction(summary["text_recall"]), fraction(summary["text_f1"]),
            summary["no_article"], summary["listings"], summary["seconds"]]


def print_failures(verdicts: list[dict[str, Any]], what: str, *, held_out: set[str]) -> None:
    """List Dossier's wrong answers for one field on the development pages only."""
    for verdict in verdicts:
        if verdict["file"] in held_out:
            continue
        if what in ("date", "title", "author") and what in verdict and not verdict[what][0]:
            _, got, want = verdict[what]
            print(f"{verdict['file']}\n    got:  {got!r}\n    want: {want!r}")
        elif what == "text" and (verdict.get("missed") or verdict.get("leaked")):
            print(f"{verdict['file']} [{verdict['status']}]")
            for passage in verdict.get("missed", []):
                print(f"    missed: {passage[:100]!r}")
            for passage in verdict.get("leaked", []):
                print(f"    leaked: {passage[:100]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Score every engine on the pages, print one table and write the run as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder with pages/ and gold.jsonl (default: %(default)s)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated, of %(default)s")
    parser.add_argument("--quick", action="store_true",
                        help=f"score every {QUICK_EVERY}th page (CI size)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the JSON run (default: %(default)s)")
    parser.add_argument("--failures", choices=("date", "title", "author", "text"),
                        help="list Dossier's misses of one field (development pages only)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when Dossier misses a target")
    args = parser.parse_args(argv)

    require(args.corpus / "gold.jsonl")
    pages = load_pages(args.corpus, quick=args.quick)
    held_out = {p.file for p in pages if p.held_out}
    rows: list[list[Any]] = []
    results: dict[str, Any] = {}
    verdicts: list[dict[str, Any]] = []
    for name in [e.strip() for e in args.engines.split(",") if e.strip()]:
        run = engine(name)
        if run is None:
            print(f"{name}: not installed, left out")
            continue
        metadata = name != "htmldate"
        tallies = {"all": Tally(), "dev": Tally(), "held-out": Tally()}
        for page in pages:
            started = time.perf_counter()
            found = run(page)
            elapsed = time.perf_counter() - started
            part = "held-out" if page.file in held_out else "dev"
            for key in ("all", part):
                tallies[key].seconds += elapsed
                verdict = score(page, found, tallies[key], metadata=metadata)
            if name == "dossier":
                verdicts.append(verdict)
        results[name] = {key: t.summary() for key, t in tallies.items()}
        rows.append(row(name, results[name]["all"], metadata=metadata))
        if name == "dossier":
            rows.extend(row(f"  {key}", results[name][key]) for key in ("dev", "held-out"))

    headers = ["engine", "pages", "date", "title", "author", "text P", "text R", "text F1",
               "no article", "listings", "seconds"]
    targets = ["target", "", f"≥ {TARGETS['date']}", f"≥ {TARGETS['title']}",
               f"≥ {TARGETS['author']}", "", "", f"≥ {TARGETS['text_f1']}",
               TARGETS["no_article"], "", ""]
    print_table(headers, [*rows, targets],
                title=f"Page extraction, {len(pages)} pages of {args.corpus}"
                      + (" (quick)" if args.quick else ""))
    missed = []
    if "dossier" in results:
        mine = results["dossier"]["all"]
        for key in ("date", "title", "author", "text_f1"):
            if mine[key] is not None and mine[key] < TARGETS[key]:
                missed.append(key)
        if mine["no_article"] > TARGETS["no_article"]:
            missed.append("no_article")
        print(f"\ntargets: {'all met' if not missed else 'missed: ' + ', '.join(missed)}")
    if args.failures:
        print()
        print_failures(verdicts, args.failures, held_out=held_out)
    write_json(args.out, {
        "benchmark": "extraction-pages", "corpus": str(args.corpus), "quick": args.quick,
        "pages": len(pages), "held_out": len(held_out), "targets": TARGETS,
        "engines": results, "dossier_pages": verdicts, "run": run_info(),
    })
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
