"""Speaker-attribution benchmark: score ``extract_quotes`` on hand-annotated Reuters articles.

    python benchmarks/extraction.py
    python benchmarks/extraction.py --annotations benchmarks/data/attributions-reuters.json \\
        --corpus ../shared/corpora/reuters21578/corpus.jsonl

The annotation file names, for each article id, the people and the organizations that speak in
it (quoted or in reported speech), written down by hand before the extractor was run on the
article; it holds ids only, the texts are read from the shared corpus (the script prints a
``skipped: ...`` line and exits 0 when the corpus is absent). An annotated entry is a name or a
list of spellings of one speaker (display name first, then the aliases the article uses).

Each article's body (as the JSON Lines reader makes it) goes through
:func:`corpus.extract.speakers.extract_quotes` and the names it returns are matched
one-to-one against the annotation. Names are compared
case-insensitively after whitespace normalization; a predicted person is correct when it equals
an annotated spelling or is its surname-only form (the annotated name ends with it). For
organizations, a leading "the", dots and commas and a trailing legal form (Inc, Corp, Co, Ltd,
PLC, SA, ...) are ignored too, and a correct organization is an annotated spelling or its
leading words ("Viacom" for "Viacom International Inc"), not its trailing words ("Services Inc"
does not name "Moody's Investors Services Inc"). A predicted name that matches an annotation
already matched is a duplicate and counts as a false positive; precision with duplicates not
counted is reported beside it.

Precision and recall are micro-averaged over all articles (per-article figures are in the
table and the JSON); the run is written to ``benchmarks/out/extraction-reuters.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _bench import print_table, require, run_info, write_json  # noqa: E402

from corpus.extract.speakers import extract_quotes  # noqa: E402
from corpus.formats import jsonl  # noqa: E402
from corpus.source import Source  # noqa: E402

DEFAULT_ANNOTATIONS = ROOT / "benchmarks" / "data" / "attributions-reuters.json"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "extraction-reuters.json"
TARGET_PRECISION = 0.9
"""The extractor's target: precision on the people it names."""

_LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co cos company ltd limited plc llc lp sa ag nv bv spa "
    "group".split()
)


@dataclass(slots=True)
class Score:
    """Matches of one kind (people or organizations) in one article or overall."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    found: int = 0
    duplicates: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Accumulate another score's counts (not its name lists)."""
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.found += other.found
        self.duplicates += other.duplicates

    @property
    def precision(self) -> float | None:
        """Correct predicted names / predicted names (``None`` when nothing was predicted)."""
        return self.tp / self.predicted if self.predicted else None

    @property
    def precision_no_duplicates(self) -> float | None:
        """Precision when a second name for an already-matched speaker is not counted."""
        named = self.predicted - self.duplicates
        return self.tp / named if named else None

    @property
    def recall(self) -> float | None:
        """Annotated speakers found / annotated speakers (``None`` when none is annotated)."""
        return self.found / self.gold if self.gold else None


def normalize(name: str) -> str:
    """Casefold and collapse whitespace."""
    return " ".join(name.split()).casefold()


def org_key(name: str) -> str:
    """An organization name reduced for comparison: no "the", dots, commas or legal form."""
    words = re.sub(r"[.,]", "", normalize(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)


def person_matches(predicted: str, spelling: str) -> bool:
    """Whether a predicted person name is an annotated spelling or its surname-only form."""
    pred, gold = normalize(predicted), normalize(spelling)
    return pred == gold or gold.endswith(" " + pred)


def org_matches(predicted: str, spelling: str) -> bool:
    """Whether a predicted organization is an annotated spelling or its leading words.

    The surname rule of people is not used: the trailing words of an organization's name
    ("Services Inc" of "Moody's Investors Services Inc", "Bank") do not name it.
    """
    pred, gold = org_key(predicted), org_key(spelling)
    if not pred or not gold:
        return False
    return pred == gold or gold.startswith(pred + " ")


def spellings(entry: str | Sequence[str]) -> list[str]:
    """The spellings of one annotated speaker (a name or a list of names)."""
    return [entry] if isinstance(entry, str) else list(entry)


def score(predicted: Sequence[str], gold: Sequence[str | Sequence[str]], *,
          orgs: bool) -> Score:
    """Match predicted names one-to-one against annotated speakers."""
    matches = org_matches if orgs else person_matches
    result = Score(predicted=len(predicted), gold=len(gold))
    matched: set[int] = set()
    for name in predicted:
        hits = [i for i, entry in enumerate(gold)
                if any(matches(name, s) for s in spellings(entry))]
        fresh = [i for i in hits if i not in matched]
        if fresh:
            matched.add(fresh[0])
            result.tp += 1
        elif hits:
            result.duplicates += 1
            result.false_positives.append(f"{name} (duplicate)")
        else:
            result.false_positives.append(name)
    result.found = len(matched)
    result.false_negatives = [spellings(e)[0] for i, e in enumerate(gold) if i not in matched]
    return result


def load_texts(corpus: Path, ids: set[str]) -> dict[str, str]:
    """The bodies of the wanted ids, as Dossier's JSON Lines reader makes them (the same text
    the extractor sees when the corpus is indexed: hard-wrapped lines joined into paragraphs)."""
    texts: dict[str, str] = {}
    with corpus.open("rb") as lines:
        for line in lines:
            record = json.loads(line)
            if str(record.get("_id")) in ids:
                source = Source(str(corpus), line)
                [article] = jsonl.parse_jsonl(source)
                texts[str(record["_id"])] = article.body
    return texts


def fraction(value: float | None) -> str:
    """A precision or recall for the table (``-`` when undefined)."""
    return "-" if value is None else f"{value:.3f}"


def summary(total: Score) -> dict[str, Any]:
    """Overall counts and rates of one kind."""
    return {"tp": total.tp, "predicted": total.predicted, "gold": total.gold,
            "found": total.found, "duplicates": total.duplicates, "precision": total.precision,
            "precision_no_duplicates": total.precision_no_duplicates, "recall": total.recall}


def main(argv: Sequence[str] | None = None) -> int:
    """Score the extractor on the annotated articles and write the run as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS,
                        help="annotation JSON (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="JSON Lines corpus (default: the annotation's 'source', "
                             "relative to the repository)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the JSON run (default: %(default)s)")
    args = parser.parse_args(argv)

    annotations = json.loads(args.annotations.read_text("utf-8"))
    corpus: Path = args.corpus or (ROOT / annotations["source"]).resolve()
    require(corpus)
    articles = annotations["articles"]
    texts = load_texts(corpus, {str(a["id"]) for a in articles})
    missing = [str(a["id"]) for a in articles if str(a["id"]) not in texts]
    if missing:
        print(f"error: ids not in {corpus}: {', '.join(missing)}", file=sys.stderr)
        return 1

    totals = {"people": Score(), "organizations": Score()}
    rows: list[list[Any]] = []
    per_article: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for article in articles:
        art_id = str(article["id"])
        _quotes, people, orgs = extract_quotes(texts[art_id])
        found = {"people": people, "organizations": orgs}
        record: dict[str, Any] = {"id": art_id}
        for kind, total in totals.items():
            result = score(found[kind], article[kind], orgs=kind == "organizations")
            total.add(result)
            record[kind] = {"predicted": list(found[kind]),
                            "annotated": [spellings(e)[0] for e in article[kind]],
                            "tp": result.tp, "precision": result.precision,
                            "recall": result.recall,
                            "false_positives": result.false_positives,
                            "false_negatives": result.false_negatives}
            errors += [{"id": art_id, "kind": kind, "error": "FP", "name": n}
                       for n in result.false_positives]
            errors += [{"id": art_id, "kind": kind, "error": "FN", "name": n}
                       for n in result.false_negatives]
        per_article.append(record)
        rows.append([art_id,
                     "; ".join(people) or "-", "; ".join(article_names(article["people"])) or "-",
                     fraction(record["people"]["precision"]), fraction(record["people"]["recall"]),
                     "; ".join(orgs) or "-",
                     "; ".join(article_names(article["organizations"])) or "-",
                     fraction(record["organizations"]["precision"]),
                     fraction(record["organizations"]["recall"])])

    print_table(["id", "people found", "people annotated", "P", "R",
                 "orgs found", "orgs annotated", "P", "R"], rows,
                title=f"Speaker attribution, {len(articles)} annotated articles")
    print_table(["kind", "tp", "predicted", "duplicates", "annotated", "found", "precision",
                  "precision (no dup.)", "recall"],
                [[kind, t.tp, t.predicted, t.duplicates, t.gold, t.found, fraction(t.precision),
                  fraction(t.precision_no_duplicates), fraction(t.recall)]
                 for kind, t in totals.items()],
                title="Overall (micro-averaged)")
    if errors:
        print_table(["id", "kind", "error", "name"],
                    [[e["id"], e["kind"], e["error"], e["name"]] for e in errors],
                    title="False positives (FP) and false negatives (FN)")
    people_p = totals["people"].precision
    verdict = "n/a" if people_p is None else ("met" if people_p >= TARGET_PRECISION else "missed")
    print(f"\npeople precision target {TARGET_PRECISION}: {verdict}")

    write_json(args.out, {
        "benchmark": "extraction", "annotations": str(args.annotations), "corpus": str(corpus),
        "rule": annotations.get("rule"), "articles": per_article, "errors": errors,
        "overall": {kind: summary(t) for kind, t in totals.items()},
        "target_people_precision": TARGET_PRECISION, "run": run_info(),
    })
    return 0


def article_names(entries: Sequence[str | Sequence[str]]) -> list[str]:
    """The display names of annotated entries."""
    return [spellings(e)[0] for e in entries]


if __name__ == "__main__":
    raise SystemExit(main())
