"""Yes/no questions about an amount ("is six hours of sleep enough", "is two coffees a day too
much"), weighed against the figure the article gives for the topic answered.

A topic declares its figure in knowledge.yaml (``figure: {unit: hours, least: 7, most: 9}``);
the figure's numbers are the article's, stated in the topic's facts (knowledge.py checks it).
Pure text rules: the answerer asks ``stance`` for the opener.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skill.faq.text import clean

_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "half": 0.5, "couple": 2,
}  # fmt: skip
# Units as people say them -> the unit a figure is written in.
_UNITS = {
    "hour": "hours", "hours": "hours", "hrs": "hours", "hr": "hours",
    "litre": "liters", "litres": "liters", "liter": "liters", "liters": "liters", "l": "liters",
    "minute": "minutes", "minutes": "minutes", "mins": "minutes", "min": "minutes",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
}  # fmt: skip
_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
# "six hours", "1.5 litres", "a litre and a half" (read as its first number), "half an hour".
_AMOUNT = re.compile(
    rf"\b(?:(\d+(?:\.\d+)?)|({_NUMBER}))(?: (?:and a half|or so|of an?|an?))? ({_UNIT})\b"
)
# Which way the question weighs the amount.
_ENOUGH = re.compile(r"\b(?:enough|sufficient|adequate|plenty|ok|okay|fine|alright|good)\b")
_TOO_LITTLE = re.compile(r"\btoo (?:little|few|short)\b|\bnot enough\b")
_TOO_MUCH = re.compile(
    r"\btoo (?:much|many|long)\b|\bover ?doing\b|\bexcessive\b"
    r"|\b(?:bad|harmful|unhealthy|dangerous)\b(?= (?:\w+ )?to (?:drink|have|eat|take|sleep))"
)
# A count of something with no unit of ours ("two coffees a day", "three cups"): an amount all
# the same, which a topic with no figure cannot weigh.
_COUNT = re.compile(rf"\b(?:\d+|{_NUMBER}) (?:\w+ )?(?:a|per|each|every) (?:day|night|week)\b")


# The opener for an amount weighed: a plain yes or no, the figure decides it.
OPENERS = {"yes": "Yes.", "no": "No.", "depends": "It depends."}


@dataclass(frozen=True, slots=True)
class Figure:
    """The article's figure for a topic: at least ``least`` (and at most ``most``) ``unit``."""

    unit: str
    least: float
    most: float | None = None


def _amount(cleaned: str) -> tuple[float, str] | None:
    found = _AMOUNT.search(cleaned)
    if found is None:
        return None
    digits, word, unit = found.groups()
    value = float(digits) if digits else float(_NUMBER_WORDS[word])
    return value, _UNITS[unit]


def _direction(cleaned: str) -> str | None:
    """ "little", "much" or "enough": what the question asks of the amount; None if neither."""
    if _TOO_LITTLE.search(cleaned):
        return "little"
    if _TOO_MUCH.search(cleaned):
        return "much"
    if _ENOUGH.search(cleaned):
        return "enough"
    return None


def stance(question: str, figure: Figure | None) -> str | None:
    """ "yes", "no" or "depends" for a yes/no question weighing an amount against ``figure``;
    None when the question names no amount or does not weigh one. A topic with no figure
    answers an amount it is asked to weigh with "depends": the article gives no number."""
    cleaned = clean(question)
    direction = _direction(cleaned)
    if direction is None:
        return None
    amount = _amount(cleaned)
    if figure is None or amount is None or amount[1] != figure.unit:
        named = amount is not None or _COUNT.search(cleaned) is not None
        return "depends" if named and direction == "much" else None
    value = amount[0]
    below = value < figure.least
    above = figure.most is not None and value > figure.most
    if direction == "enough":
        return "no" if below else "yes"
    if direction == "little":
        return "yes" if below else "no"
    # More than the article's range is not said to be too much, nor is any amount past a
    # lower bound: the article gives a target, not a limit.
    if above or figure.most is None and not below:
        return "depends"
    return "no"
