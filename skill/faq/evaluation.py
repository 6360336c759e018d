"""The scoring rule of the FAQ data sets (see "about" in bench/data/faq_dev.json).

Shared by bench/faq_eval.py and the tests, so both judge answers the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_SPOKEN_DIGITS = re.compile(r"\b\d(?: \d)+\b")
# Australia's number is said "triple zero" (000), as the skill says it for en-AU.
_SPOKEN_NUMBERS = {"triple zero": "000"}


def meets_expectation(answer: str, groups: Sequence[Sequence[str]]) -> bool:
    """Every group matches: one of its words is a case-insensitive substring of ' answer '.

    A number spoken digit by digit for the speaker ("call 9 1 1") counts as written
    ("911"): sets written by people expect the number, not its speech form.
    "Triple zero" counts as 000 the same way.
    """
    spoken = answer.lower()
    written = _SPOKEN_DIGITS.sub(lambda m: m.group().replace(" ", ""), spoken)
    for said, number in _SPOKEN_NUMBERS.items():
        written = written.replace(said, number)
    padded = f" {spoken} {written} "
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


def violates(answer: str, must_not: Sequence[str]) -> bool:
    """A word the answer must not say (same substring rule as meets_expectation)."""
    padded = f" {answer.lower()} "
    return any(word.lower() in padded for word in must_not)


# How an answer begins, in meaning, judged on its first sentence. Checked in this order, so
# "not always" is a "depends" and "usually not" a "no" before "usually" reads as a "yes".
OPENER_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "depends",
        re.compile(
            r"^(?:it |that )?depends\b|^(?:sometimes|not always|not necessarily|only if"
            r"|only when|possibly|maybe|perhaps|partly|in some cases|it varies|it may"
            r"|not on its own|not by itself|on its own,? (?:not|rarely))\b"
        ),
    ),
    (
        "no",
        re.compile(
            r"^(?:no|nope|not usually|not really|not likely|usually not|generally not"
            r"|(?:usually|generally|mostly|almost always),? no|rarely|very rarely|almost never"
            r"|unlikely|never|not|there is no need|you do not need|you don't need)\b"
        ),
    ),
    (
        "yes",
        re.compile(
            r"^(?:yes|yeah|yep|(?:often|usually|generally|mostly),? yes|it can|they can"
            r"|it does|they do|it is|they are|definitely|certainly|often|usually|commonly)\b"
        ),
    ),
)
_FIRST_SENTENCE = re.compile(r"^(.*?[.!?])(?:\s|$)", re.S)


def opener_of(answer: str) -> str | None:
    """'yes', 'no' or 'depends': how the first sentence of ``answer`` begins; None if neither."""
    text = answer.strip().lower().replace("\u2019", "'")
    found = _FIRST_SENTENCE.match(text)
    sentence = found.group(1) if found else text
    for family, pattern in OPENER_FAMILIES:
        if pattern.search(sentence):
            return family
    return None


def meets_case(answer: str, case: Mapping[str, Any]) -> bool:
    """A dev-set case: every expected group, none of ``must_not``, and the ``opener`` if given."""
    if not meets_expectation(answer, case["expect"]):
        return False
    if violates(answer, case.get("must_not", ())):
        return False
    return "opener" not in case or opener_of(answer) == _OPENER_LABELS.get(
        case["opener"], case["opener"]
    )


# Sets label the "depends" family as written by their authors too ("it depends").
_OPENER_LABELS = {"it depends": "depends"}
