"""Saying so when a filter value matches nothing exactly, with the closest values that exist.

Keyword filters (``--tag``, ``--speaker``, ``--author``, ...) match whole values, ignoring case
and accents: ``--speaker Baker`` does not find "James Baker". Rather than return nothing in
silence, :func:`filter_warnings` names each value that no article holds and lists the nearest
existing ones: values that contain it as a word or a prefix first (the likely intent), then
spellings close to it. The index is reached through two plain callables.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping

from search.quotes import normalize_name

__all__ = ["CLOSEST", "closest_values", "filter_warnings"]

CLOSEST = 5
"""How many existing values a warning lists."""


def closest_values(value: str, candidates: Iterable[str], n: int = CLOSEST) -> list[str]:
    """The existing values nearest to ``value``: containing it first, then similar spellings.

    >>> closest_values("baker", ["James Baker", "Bakery Co", "Howard H. Baker", "Barker"])
    ['Howard H. Baker', 'James Baker', 'Bakery Co', 'Barker']
    """
    wanted = normalize_name(value)
    if not wanted:
        return []
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalize_name(candidate), candidate)
    word = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    prefix = re.compile(rf"(?<!\w){re.escape(wanted)}")
    whole = sorted(k for k in by_key if word.search(k))
    starts = sorted(k for k in by_key if k not in whole and prefix.search(k))
    found = whole + starts
    if len(found) < n:
        similar = difflib.get_close_matches(wanted, list(by_key), n=n, cutoff=0.6)
        found += [k for k in similar if k not in found]
    return [by_key[k] for k in found[:n]]


def filter_warnings(
    filters: Mapping[str, Iterable[str]],
    holds: Callable[[str, str], bool],
    values: Callable[[str], Iterable[str]],
) -> list[str]:
    """One warning per filter value that no article holds exactly.

    :param filters: field -> the values asked for.
    :param holds: whether any article has this exact value in this field.
    :param values: every value of a field, as the sources wrote them.
    """
    warnings = []
    for name, wanted in filters.items():
        for value in wanted:
            if holds(name, value):
                continue
            near = closest_values(value, values(name))
            hint = f"; closest: {', '.join(near)}" if near else ""
            warnings.append(f"no article has {name} {value!r} exactly{hint}")
    return warnings
