"""Questions about the diary: periods in the user's days, counts, and patterns. Pure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from skill.episodes.model import Episode
from skill.episodes.slots import DateSpan

ALL_TIME = "all_time"
MIN_FOR_PATTERNS = 3


def period_span(period: str, today: date) -> DateSpan | None:
    """Local days of a PERIOD id (weeks start on Monday); None for all time or an unknown id."""
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    previous_month_end = first - timedelta(days=1)
    spans = {
        "today": DateSpan(today, today),
        "yesterday": DateSpan(today - timedelta(days=1), today - timedelta(days=1)),
        # "this week" is the calendar week (Monday on); "the last seven days" is a rolling week.
        "this_week": DateSpan(monday, today),
        "last_7_days": DateSpan(today - timedelta(days=6), today),
        "last_week": DateSpan(monday - timedelta(days=7), monday - timedelta(days=1)),
        "this_month": DateSpan(first, today),
        "last_month": DateSpan(previous_month_end.replace(day=1), previous_month_end),
    }
    return spans.get(period)


def utc_bounds(span: DateSpan, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) instants of local days ``span.start`` .. ``span.end`` in ``zone``."""
    start = datetime.combine(span.start, time(0), zone)
    end = datetime.combine(span.end + timedelta(days=1), time(0), zone)
    return start, end


@dataclass(frozen=True, slots=True)
class Top:
    """The most frequent value of something, and how many entries had it."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Patterns:
    total: int
    location: Top | None
    trigger: Top | None
    time_of_day: Top | None


def _top(values: list[str]) -> Top | None:
    if not values:
        return None
    # Most common first; ties broken alphabetically so the answer is stable.
    value, count = min(Counter(values).items(), key=lambda item: (-item[1], item[0]))
    return Top(value, count)


def patterns(episodes: list[Episode]) -> Patterns:
    """Most frequent location, trigger (ignoring "none") and time of day."""
    return Patterns(
        total=len(episodes),
        location=_top([e.location for e in episodes]),
        trigger=_top([t for e in episodes for t in e.triggers if t != "none"]),
        time_of_day=_top([e.time_of_day for e in episodes if e.time_of_day]),
    )
