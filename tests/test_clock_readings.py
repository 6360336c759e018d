"""A clock time said without a.m. or p.m. is read the way the person most likely meant it.

Alexa sends "10:30" for "ten thirty" and for "ten thirty a.m." alike, so the skill reads
one to eleven o'clock either way and keeps the latest reading that is not in the future.
The chat channel hears a part of the day said with the clock ("half ten last night") as
Alexa does ("ten at night" -> 22:00).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from devkit.chat.slot_values import calendar_date, time_of_day
from skill.episodes.entry import Said, when
from skill.episodes.slots import parse_time

LONDON = ZoneInfo("Europe/London")


def _local_start(clock: str, now: datetime, day: date | None = None) -> datetime:
    said = Said(location="calf", time=parse_time(clock), day=day)
    start, _ = when(said, now.replace(tzinfo=LONDON), LONDON)
    return start.astimezone(LONDON).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("clock", "now", "expected"),
    [
        # At 23:00, "at about nine" was two hours ago, not fourteen.
        ("09:00", datetime(2026, 11, 24, 23, 0), datetime(2026, 11, 24, 21, 0)),
        # At 18:00, "since about four" is this afternoon.
        ("04:00", datetime(2026, 11, 24, 18, 0), datetime(2026, 11, 24, 16, 0)),
        # At 13:00, "at nine" is this morning: 21:00 has not come yet.
        ("09:00", datetime(2026, 11, 24, 13, 0), datetime(2026, 11, 24, 9, 0)),
        # At one in the morning, "at eleven" was last night.
        ("11:00", datetime(2026, 11, 24, 1, 0), datetime(2026, 11, 23, 23, 0)),
        # An explicit evening time is never moved to the morning.
        ("22:30", datetime(2026, 11, 24, 9, 0), datetime(2026, 11, 23, 22, 30)),
        # Within the hour ahead: a rounded "just now".
        ("08:30", datetime(2026, 11, 24, 8, 20), datetime(2026, 11, 24, 8, 20)),
    ],
)
def test_a_twelve_hour_clock_is_the_latest_reading_not_in_the_future(
    clock: str, now: datetime, expected: datetime
) -> None:
    assert _local_start(clock, now) == expected


def test_on_an_earlier_day_one_to_six_is_the_afternoon() -> None:
    now = datetime(2026, 11, 24, 10, 0)
    monday = date(2026, 11, 23)
    assert _local_start("03:00", now, monday) == datetime(2026, 11, 23, 15, 0)
    assert _local_start("10:00", now, monday) == datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("half ten last night", "22:30"),
        ("last night about half ten", "22:30"),
        ("around eleven last night", "23:00"),
        ("two last night", "02:00"),
        ("this morning at seven", "07:00"),
        ("ten tonight", "22:00"),
        ("five this evening", "17:00"),
        ("three pm ish", "15:00"),
        ("nine oh five", "09:05"),
        ("eight thirty", "08:30"),
    ],
)
def test_a_part_of_the_day_said_with_the_clock_sets_its_half(said: str, value: str) -> None:
    assert time_of_day(said) == value


@pytest.mark.parametrize("said", ["five a", "one three", "a", "the left one"])
def test_words_that_only_look_like_a_clock_are_not_one(said: str) -> None:
    assert time_of_day(said) is None


def test_the_midnight_hour_at_night() -> None:
    assert time_of_day("twelve at night") == "00:00"
    assert parse_time("00:00") is not None and parse_time("00:00").clock == time(0, 0)


def test_a_weekday_of_last_week_is_in_the_week_before() -> None:
    tuesday = date(2026, 11, 24)
    assert calendar_date("thursday last week", tuesday) == "2026-11-19"
    assert calendar_date("on sunday of last week", tuesday) == "2026-11-22"
