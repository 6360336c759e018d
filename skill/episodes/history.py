"""Questions about the diary: periods in the user's days, counts, and patterns. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from skill.episodes.model import Episode
from skill.episodes.quantifiers import Leaders, leaders
from skill.episodes.slots import DateSpan, parse_date, past_day

ALL_TIME = "all_time"
LAST_7_DAYS = "last_7_days"  # "how was my week", the weekly summary: today and the six before
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
        LAST_7_DAYS: DateSpan(today - timedelta(days=6), today),
        "last_week": DateSpan(monday - timedelta(days=7), monday - timedelta(days=1)),
        "this_month": DateSpan(first, today),
        "last_month": DateSpan(previous_month_end.replace(day=1), previous_month_end),
    }
    return spans.get(period)


def days_asked(date_value: str | None, since_value: str | None, today: date) -> DateSpan | None:
    """The days a history question names by date: "since monday" is that day to today, "on
    monday" or "in march" the days said; None when the value names none we can use.

    Alexa gives a date without a year, or a bare weekday, as its next occurrence; questions
    about the diary are about the past, so a single future day is the one just gone.
    """
    if since_value:
        start = past_day(parse_date(since_value, today), today)
        return DateSpan(start, today) if start is not None else None
    span = parse_date(date_value, today)
    if not isinstance(span, DateSpan):
        return None
    if span.single_day and span.start > today:
        past = past_day(span, today)
        return DateSpan(past, past) if past is not None else None
    return span


def utc_bounds(span: DateSpan, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) instants of local days ``span.start`` .. ``span.end`` in ``zone``."""
    start = datetime.combine(span.start, time(0), zone)
    end = datetime.combine(span.end + timedelta(days=1), time(0), zone)
    return start, end


@dataclass(frozen=True, slots=True)
class Patterns:
    """The most frequent location, trigger and time of day, with ties kept as ties."""

    total: int
    location: Leaders | None
    trigger: Leaders | None
    time_of_day: Leaders | None


def patterns(episodes: list[Episode]) -> Patterns:
    """Most frequent location, trigger (ignoring "none") and time of day."""
    return Patterns(
        total=len(episodes),
        location=leaders([e.location for e in episodes]),
        trigger=leaders([t for e in episodes for t in e.triggers if t != "none"]),
        time_of_day=leaders([e.time_of_day for e in episodes if e.time_of_day]),
    )
