"""A tally of what a multi-record reader read and what it left out.

Readers of files holding many records (WordPress exports, JSON Lines, web archives) skip bad or
unwanted records instead of failing the whole file. Each such reader takes an optional
:class:`ParseReport` and counts into it as it streams, so the counts are complete once the
articles have been consumed; ``parse_with_report`` functions return both at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ParseReport"]


@dataclass
class ParseReport:
    """How many articles a file gave and, per reason, how many records were skipped.

    >>> report = ParseReport()
    >>> report.skip("draft"); report.skip("draft"); report.articles += 1
    >>> report.skipped["draft"], report.total_skipped, report.summary()
    (2, 2, '1 articles; skipped: draft 2')
    """

    articles: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        """Count one record left out for ``reason``."""
        self.skipped[reason] += 1

    @property
    def total_skipped(self) -> int:
        """How many records were left out, whatever the reason."""
        return sum(self.skipped.values())

    def summary(self) -> str:
        """Return a one-line account, e.g. ``"58 articles; skipped: page 21, draft 1"``."""
        reasons = ", ".join(f"{reason} {n}" for reason, n in self.skipped.most_common())
        return f"{self.articles} articles" + (f"; skipped: {reasons}" if reasons else "")
