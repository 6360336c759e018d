"""Parsing Alexa slot values into diary terms: pure functions, no I/O, never raise.

Formats follow Alexa's built-in slot types (ISO-8601 durations, ``AMAZON.TIME`` and
``AMAZON.DATE`` strings, entity-resolution ids). Every parser takes whatever string
arrived (or None) and returns a value or None / ``UNSUPPORTED``; a malformed value
is something to re-ask, never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

# Durations longer than this are not a twitch episode but a misheard value.
MAX_DURATION_SECONDS = 366 * 24 * 3600
# Months and years have no fixed length; these are used only to size a rare
# "for two months" answer, where a day either way does not matter.
_UNIT_SECONDS = {
    "Y": 365 * 86400,
    "MO": 30 * 86400,
    "W": 7 * 86400,
    "D": 86400,
    "H": 3600,
    "MI": 60,
    "S": 1,
}
_NUM = r"(\d+(?:[.,]\d+)?)"
_DURATION_RE = re.compile(
    rf"P(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}W)?(?:{_NUM}D)?(?:T(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?"
)


def parse_duration(value: str | None, most: int = MAX_DURATION_SECONDS) -> int | None:
    """Seconds in an ISO-8601 duration (``PT5M`` -> 300, ``P2W``), or None if odd, empty or
    longer than ``most`` (by default, the longest a twitch is logged as lasting)."""
    if not value or len(value) > 64:
        return None
    match = _DURATION_RE.fullmatch(value.strip().upper())
    if match is None or value.strip().upper().endswith("T"):
        return None
    units = ("Y", "MO", "W", "D", "H", "MI", "S")
    total = 0.0
    for unit, amount in zip(units, match.groups(), strict=True):
        if amount is not None:
            total += float(amount.replace(",", ".")) * _UNIT_SECONDS[unit]
    seconds = round(total)
    if seconds <= 0 or seconds > most:
        return None
    return seconds


# --- AMAZON.TIME ---------------------------------------------------------------------------

MORNING, AFTERNOON, EVENING, NIGHT = "morning", "afternoon", "evening", "night"
_PERIOD_CODES = {"MO": MORNING, "AF": AFTERNOON, "EV": EVENING, "NI": NIGHT}
_NAMED_TIMES = {"NOON": time(12, 0), "MIDNIGHT": time(0, 0), "MIDDAY": time(12, 0)}
_CLOCK_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
# A representative clock time for a vague period, used to place the episode in the day.
PERIOD_CLOCK = {
    MORNING: time(9, 0),
    AFTERNOON: time(15, 0),
    EVENING: time(19, 0),
    NIGHT: time(23, 0),
}


@dataclass(frozen=True, slots=True)
class SpokenTime:
    """A time of day as said: a period always, an exact clock time when one was given."""

    period: str
    clock: time | None = None


def period_of(clock: time) -> str:
    """The part of the day a clock time falls in (night is 21:00 to 04:59)."""
    if 5 <= clock.hour < 12:
        return MORNING
    if 12 <= clock.hour < 17:
        return AFTERNOON
    if 17 <= clock.hour < 21:
        return EVENING
    return NIGHT


def parse_time(value: str | None) -> SpokenTime | None:
    """An ``AMAZON.TIME`` value (``14:05``, ``MO``/``AF``/``EV``/``NI``, noon) or None."""
    if not value:
        return None
    text = value.strip().upper()
    if text in _PERIOD_CODES:
        return SpokenTime(_PERIOD_CODES[text])
    if text in _NAMED_TIMES:
        clock = _NAMED_TIMES[text]
        return SpokenTime(period_of(clock), clock)
    match = _CLOCK_RE.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if hour == 24 and minute == 0 and second == 0:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    clock = time(hour, minute, second)
    return SpokenTime(period_of(clock), clock)


# --- AMAZON.DATE ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Local calendar days ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class _Unsupported:
    """A date value the diary cannot use (say so clearly rather than guess)."""

    _instance: _Unsupported | None = None

    def __new__(cls) -> _Unsupported:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSUPPORTED"

    def __bool__(self) -> bool:
        return False


UNSUPPORTED = _Unsupported()

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_Y = r"(\d{4}|XXXX)"


def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)


def _year(text: str, today: date) -> int:
    return today.year if text == "XXXX" else int(text)


def _iso_week(year: int, week: int) -> DateSpan:
    monday = date.fromisocalendar(year, week, 1)
    return DateSpan(monday, monday + timedelta(days=6))


def _span_or_none(builder: Any, *args: Any) -> DateSpan | _Unsupported:
    try:
        return builder(*args)  # type: ignore[no-any-return]
    except (ValueError, OverflowError):
        return UNSUPPORTED


# AMAZON.DATE for "now" / "right now": the moment said.
PRESENT_REF = "PRESENT_REF"


def parse_date(value: str | None, today: date) -> DateSpan | _Unsupported | None:
    """An ``AMAZON.DATE`` value as local days (None when empty, UNSUPPORTED when unusable).

    ``today`` is the user's local date; it resolves ``PRESENT_REF`` and missing years
    (``XXXX-11-24`` is read in the current year; ``past_day`` then moves
    a future day into the past).
    """
    if not value:
        return None
    text = value.strip().upper()
    if len(text) > 32:
        return UNSUPPORTED
    if text == PRESENT_REF:
        return DateSpan(today, today)
    forms: list[tuple[str, Any]] = [
        (rf"{_Y}-(\d{{2}})-(\d{{2}})", lambda y, m, d: _day(date(_year(y, today), int(m), int(d)))),
        (rf"{_Y}-W(\d{{1,2}})", lambda y, w: _iso_week(_year(y, today), int(w))),
        (rf"{_Y}-W(\d{{1,2}})-WE", lambda y, w: _weekend(_year(y, today), int(w))),
        (rf"{_Y}-(\d{{2}})", lambda y, m: _month(_year(y, today), int(m))),
        (rf"{_Y}-(\d{{2}})-XX", lambda y, m: _month(_year(y, today), int(m))),
        (rf"{_Y}-(SP|SU|FA|WI)", lambda y, s: _season(_year(y, today), s)),
        (r"(\d{4})", lambda y: DateSpan(date(int(y), 1, 1), date(int(y), 12, 31))),
        (r"(\d{3})X", lambda d: DateSpan(date(int(d) * 10, 1, 1), date(int(d) * 10 + 9, 12, 31))),
    ]
    for pattern, builder in forms:
        match = re.fullmatch(pattern, text)
        if match is not None:
            return _span_or_none(builder, *match.groups())
    return UNSUPPORTED


def _day(day: date) -> DateSpan:
    return DateSpan(day, day)


def _weekend(year: int, week: int) -> DateSpan:
    saturday = date.fromisocalendar(year, week, 6)
    return DateSpan(saturday, saturday + timedelta(days=1))


def _month(year: int, month: int) -> DateSpan:
    return DateSpan(date(year, month, 1), _month_end(year, month))


def _season(year: int, code: str) -> DateSpan:
    first, last = _SEASON_MONTHS[code]
    if code == "WI":  # winter of a year: December of it into February of the next
        return DateSpan(date(year, 12, 1), _month_end(year + 1, 2))
    return DateSpan(date(year, first, 1), _month_end(year, last))


def past_day(span: DateSpan | _Unsupported | None, today: date) -> date | None:
    """The one past day a value means, or None when it names no single day.

    Alexa resolves dates without a year (and bare weekdays) to the *next* occurrence,
    but a diary entry, and a question about the diary, is about the past: a future day
    within a week is taken as the same weekday last week, anything later as the same date
    a year ago.
    """
    if not isinstance(span, DateSpan) or not span.single_day:
        return None
    day = span.start
    if day <= today:
        return day
    try:
        if day - today <= timedelta(days=7):
            return day - timedelta(days=7)
        past = day.replace(year=today.year, day=min(day.day, 28) if day.month == 2 else day.day)
        return past if past <= today else past.replace(year=today.year - 1)
    except (ValueError, OverflowError):  # near year 1: there is no earlier year to move to
        return None


# --- entity resolution ---------------------------------------------------------------------

ER_MATCH = "ER_SUCCESS_MATCH"  # anything else (NO_MATCH, timeouts) leaves the id None: re-ask


@dataclass(frozen=True, slots=True)
class Resolved:
    """One spoken value of a custom slot: its canonical id (None when nothing matched)."""

    spoken: str
    id: str | None


def _matched_id(resolutions: Any) -> str | None:
    """The id of the first ER_SUCCESS_MATCH value over all authorities, else None."""
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        if getattr(status, "value", status) != ER_MATCH:
            continue
        for wrapper in getattr(authority, "values", None) or []:
            value_id = getattr(getattr(wrapper, "value", None), "id", None)
            if value_id:
                return str(value_id)
    return None


def resolve_slot(slot: Any) -> list[Resolved]:
    """Every value of a custom slot (one, or several for a multi-value slot) with its id.

    Reads ``slotValue`` (``Simple`` or ``List``) when present, else the classic
    ``value`` + ``resolutions``. An empty slot gives an empty list.
    """
    if slot is None:
        return []
    slot_value = getattr(slot, "slot_value", None)
    simple_values: list[Any] = []
    if slot_value is not None and getattr(slot_value, "values", None) is not None:
        simple_values = list(slot_value.values)
    elif slot_value is not None and getattr(slot_value, "value", None):
        simple_values = [slot_value]
    resolved = []
    for item in simple_values or [slot]:
        spoken = getattr(item, "value", None)
        if not spoken:
            continue
        resolved.append(Resolved(str(spoken), _matched_id(getattr(item, "resolutions", None))))
    return resolved
