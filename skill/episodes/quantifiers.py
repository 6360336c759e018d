"""Honest words for "how many of them": "mostly" only for a majority, ties said as ties.

"Mostly your left calf" for 2 entries of 4 overstates it; so does naming one of two places
that came up equally often. The weekly summary and the patterns answer both word their
findings from here, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Leaders:
    """The values that came up most, all tied at ``count``, out of ``total`` counted."""

    values: tuple[str, ...]  # in a stable order (alphabetical)
    count: int
    total: int

    @property
    def majority(self) -> bool:
        """More than half of everything counted: the only case where "most" is true."""
        return len(self.values) == 1 and 2 * self.count > self.total

    @property
    def tied(self) -> bool:
        return len(self.values) > 1


def leaders(values: list[str], total: int | None = None) -> Leaders | None:
    """Who came up most often in ``values`` (None when there are none), out of ``total``
    (default: the values counted; more when some entries had no value, e.g. no time)."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    winners = tuple(sorted(v for v, c in counts.items() if c == top))
    return Leaders(winners, top, len(values) if total is None else total)


def how_often(found: Leaders) -> str:
    """'mostly' for a majority, 'most often' for a plurality, 'equally often' for a tie."""
    if found.tied:
        return "equally often"
    return "mostly" if found.majority else "most often"
