"""Facet counting and date windows for searches.

:class:`FacetTables` reads, once per open index, every article's values of each facet field, so
that counting a facet over a result set is one list lookup per matching article;
:func:`merge_facet` turns raw counts into display-ready :class:`~search.results.FacetCount`
values; :func:`date_window` reads ``--since``/``--until``.

Keyword facets are counted on the ``*_label`` twin of a field, which keeps values as written;
variants that differ only in case are merged under their most frequent spelling. The ``year``
facet is a histogram, ordered by year. The date facets of :mod:`search.timeline` (``published``
and ``mentioned``) count period keys (``1988``, ``1988-07``, ``1988-07-29``), ordered by date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import chain
from typing import Any

from indexer.schema import YEAR, label_field, term_text
from search.datespec import period
from search.errors import BadDateError
from search.results import FacetCount
from search.timeline import DATE_FACETS, date_tables

__all__ = ["DateWindow", "FacetTables", "date_window", "merge_facet"]

DateWindow = tuple[datetime | None, datetime | None]


def merge_facet(name: str, groups: Mapping[object, int]) -> tuple[FacetCount, ...]:
    """Turn Whoosh's raw groups into counts: case variants merged, most frequent first."""
    if name == YEAR:
        # Articles without a date carry the column's filler value: not a year.
        years = sorted(
            (y, n) for y, n in groups.items() if isinstance(y, int | float) and 0 < y < 10000
        )
        return tuple(FacetCount(str(int(y)), n) for y, n in years)
    if name in DATE_FACETS:
        return tuple(FacetCount(str(key), n) for key, n in sorted(groups.items()) if n)
    merged: dict[str, dict[str, int]] = defaultdict(dict)
    for label, count in groups.items():
        if isinstance(label, str) and label:
            merged[label.casefold()][label] = count
    items = [
        FacetCount(max(forms, key=lambda f: (forms[f], f)), sum(forms.values()))
        for forms in merged.values()
    ]
    return tuple(sorted(items, key=lambda fc: (-fc.count, fc.value.casefold())))


def date_window(since: str | None, until: str | None) -> DateWindow:
    """The inclusive window ``--since``/``--until`` describe (each a year, month or day).

    :raises BadDateError: for a value that is not a date, or a window that ends first.
    """
    start = period(since)[0] if since else None
    end = period(until)[1] if until else None
    if start and end and start > end:
        raise BadDateError(f"--since {since} is after --until {until}")
    return start, end


class FacetTables:
    """Per document number, the values of each facet field, read lazily from an index reader.

    :param reader: an open index reader (anything with ``doc_count_all``, ``column_reader``,
        ``lexicon`` and ``postings``, as Whoosh's readers have).
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._tables: dict[str, list] = {}

    def values(self, name: str) -> list:
        """Field ``name``'s values for every document number (a year, or a tuple of labels)."""
        if name in DATE_FACETS and name not in self._tables:
            self._tables.update(date_tables(self._reader))
        if name not in self._tables:
            reader = self._reader
            size = reader.doc_count_all()
            if name == YEAR:
                column = reader.column_reader(YEAR)
                table: list = [column[n] for n in range(size)]
            else:
                field = label_field(name)
                table = [()] * size
                for raw in reader.lexicon(field):
                    label = term_text(raw)
                    for docnum in reader.postings(field, label).all_ids():
                        table[docnum] += (label,)
            self._tables[name] = table
        return self._tables[name]

    def count(self, name: str, docnums: Iterable[int]) -> tuple[FacetCount, ...]:
        """Count field ``name``'s values over the documents ``docnums``."""
        values = map(self.values(name).__getitem__, docnums)
        # Counting a flat stream in one call runs in C: several times faster than per document.
        counts = Counter(values if name == YEAR else chain.from_iterable(values))
        return merge_facet(name, counts)
