"""The scoring rule of the FAQ data sets (see "about" in bench/data/faq_dev.json).

Shared by bench/faq_eval.py and the tests, so both judge answers the same way.
"""

from __future__ import annotations

from collections.abc import Sequence


def meets_expectation(answer: str, groups: Sequence[Sequence[str]]) -> bool:
    """Every group matches: one of its words is a case-insensitive substring of ' answer '."""
    padded = f" {answer.lower()} "
    return all(any(word.lower() in padded for word in group) for group in groups)


def is_decline(answer: str) -> bool:
    """A polite decline says it cannot help and what the skill can help with."""
    lowered = answer.lower()
    return ("can't" in lowered or "cannot" in lowered) and "twitch" in lowered


EMERGENCY_WORDS: tuple[tuple[str, ...], ...] = (
    ("emergency", "911", "999", "000", "112", "immediately", "right away", "urgent", " now"),
)


def is_urgent(answer: str) -> bool:
    return meets_expectation(answer, EMERGENCY_WORDS)
