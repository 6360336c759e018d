"""Report codes: their two lengths, how they are drawn, read back and said. No Redis here.

A short code (nine digits) is what a user normally gets. Wrong short codes share one
global budget (``SHORT_WRONG_BUDGET`` per ``BUDGET_WINDOW_SECONDS``, kept in Redis by
``skill/episodes/store/report.py``): once it is spent, short codes are refused until the
window ends. A long code (sixteen digits) is never refused for any budget or address
limit: its length alone keeps it out of reach, so nobody can be locked out. It is given
while short codes are paused, and to a user who asks again while their previous code is
still unused (that code may be the one refused).

The arithmetic (README, "The report cannot be guessed"): with ``LIVE_CODES`` codes live,
    short: at most 2 x 25 wrong short codes are checked in any 24 hours (two back-to-back
           windows), each opening a report with chance at most 1,000 / 10^9, so 5.0e-5;
    long:  at ``DESIGN_CHECKS_PER_SECOND`` checks a second all day (several times what
           the service can answer), 5,000 x 86,400 x 1,000 / 10^16 = 4.3e-5;
together 9.3e-5 a day, under 1 in 10,000.
"""

from __future__ import annotations

import secrets

SHORT_DIGITS = 9
LONG_DIGITS = 16
SHORT_WRONG_BUDGET = 25
BUDGET_WINDOW_SECONDS = 24 * 60 * 60
# The figures the arithmetic is done for (tests check that the constants meet the goal).
LIVE_CODES = 1_000
DESIGN_CHECKS_PER_SECOND = 5_000
GOAL_PER_DAY = 1e-4

# Separators a user may type or the card shows between groups: "481 502 739", "481-502-739".
_SEPARATORS = " -\t"


def draw(digits: int) -> str:
    """A uniformly random code of ``digits`` digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def normalized(text: str) -> str:
    """What the user typed, without the separators between groups."""
    return "".join(ch for ch in text if ch not in _SEPARATORS)


def is_short(code: str) -> bool:
    return _digits(code, SHORT_DIGITS)


def is_long(code: str) -> bool:
    return _digits(code, LONG_DIGITS)


def _digits(code: str, length: int) -> bool:
    # isascii first: str.isdigit() also accepts other scripts' digits ("１２３").
    return len(code) == length and code.isascii() and code.isdigit()


def groups(code: str) -> list[str]:
    """Short codes in threes (like a phone number), long codes in fours (like a card)."""
    size = 3 if len(code) == SHORT_DIGITS else 4
    return [code[i : i + size] for i in range(0, len(code), size)]


def written(code: str) -> str:
    """'481 502 739': how the card shows a code."""
    return " ".join(groups(code))


def spoken(code: str) -> str:
    """'4, 8, 1. 5, 0, 2. 7, 3, 9': Alexa reads each digit on its own, with a pause between
    groups, not 'four hundred eighty-one million...'."""
    return ". ".join(", ".join(group) for group in groups(code))


def chance_per_day() -> tuple[float, float]:
    """The chance an attacker opens any report in a day: (through short, through long codes)."""
    short = 2 * SHORT_WRONG_BUDGET * LIVE_CODES / 10**SHORT_DIGITS
    long = DESIGN_CHECKS_PER_SECOND * 86_400 * LIVE_CODES / 10**LONG_DIGITS
    return short, long
