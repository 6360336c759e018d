"""Built-in slot values converted to the formats Alexa sends."""

from __future__ import annotations

from datetime import date

import pytest

from devkit.chat.slot_values import calendar_date, duration, number, time_of_day

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("two minutes", "PT2M"),
        ("ten minutes", "PT10M"),
        ("five hours", "PT5H"),
        ("three days", "P3D"),
        ("eight weeks", "P8W"),
        ("five hours ten minutes", "PT5H10M"),
        ("two hours and ten minutes", "PT2H10M"),
        ("an hour and a half", "PT1H30M"),
        ("one and a half hours", "PT1H30M"),
        ("half an hour", "PT30M"),
        ("a minute and a half", "PT1M30S"),
        ("a day and a half", "P1DT12H"),
        ("ninety seconds", "PT90S"),
        ("a couple of minutes", "PT2M"),
        ("2 minutes", "PT2M"),
        ("two weeks and a day", "P15D"),
        # A guess said as a range is its upper end, as "a second or two" is two seconds.
        ("four to five minutes", "PT5M"),
        ("six seven seconds", "PT7S"),
        ("twenty thirty seconds", "PT30S"),
        ("between one and two hours", "PT2H"),
        ("ten or fifteen minutes", "PT15M"),
        ("thirty five seconds", "PT35S"),
        ("couple minutes", "PT2M"),
        ("a good minute", "PT1M"),
        ("briefly", "PT2S"),
        # Units come largest first: these are two amounts (a duration, then "... ago").
        ("ten seconds about an hour", None),
        ("five seconds two hours", None),
        ("blue", None),
        ("minutes", None),
        ("two minutes two minutes", None),
    ],
)
def test_duration(spoken: str, expected: str | None) -> None:
    assert duration(spoken) == expected


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("this morning", "MO"),
        ("in the afternoon", "AF"),
        ("this evening", "EV"),
        ("at night", "NI"),
        ("eight pm", "20:00"),
        ("eight p.m.", "20:00"),
        ("two p m", "14:00"),
        ("four in the morning", "04:00"),
        ("eight thirty pm", "20:30"),
        ("seven oh five am", "07:05"),
        ("half past eight", "08:30"),
        ("quarter to nine", "08:45"),
        ("ten after four", "04:10"),
        # meals and regional words for a part of the day
        ("at teatime", "EV"),
        ("supper", "EV"),
        ("smoko", "10:00"),
        ("eleven yesterday night", "23:00"),
        ("nine in the night", "21:00"),
        ("seven minutes past six", "06:07"),
        # Odd minutes without the word "minutes" are a range or a count, not a clock.
        ("three to four", None),
        ("one after two", None),
        ("twelve am", "00:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("20:15", "20:15"),
        ("thirteen pm", None),
        ("blue", None),
    ],
)
def test_time(spoken: str, expected: str | None) -> None:
    assert time_of_day(spoken) == expected


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("today", "2026-11-24"),
        ("yesterday", "2026-11-23"),
        ("the day before yesterday", "2026-11-22"),
        ("tomorrow", "2026-11-25"),
        ("last monday", "2026-11-23"),
        ("last tuesday", "2026-11-17"),
        ("monday", "2026-11-30"),
        ("tuesday", "2026-11-24"),
        ("next tuesday", "2026-12-01"),
        ("two days ago", "2026-11-22"),
        ("a week ago", "2026-11-17"),
        ("this week", "2026-W48"),
        ("last week", "2026-W47"),
        ("this weekend", "2026-W48-WE"),
        ("november twenty fourth", "2026-11-24"),
        ("the third of december", "2026-12-03"),
        ("november the first", "2027-11-01"),  # no year: the next one, as Alexa does
        ("march 2025", "2025-03"),
        ("right now", "PRESENT_REF"),
        ("blue", None),
        ("february thirtieth", None),
    ],
)
def test_date_relative_to_today(spoken: str, expected: str | None) -> None:
    assert calendar_date(spoken, TUESDAY) == expected


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("twenty five", "25"),
        ("two hundred and five", "205"),
        ("a hundred", "100"),
        ("three thousand four hundred", "3400"),
        ("12", "12"),
        ("zero", "0"),
        ("sixty seven", "67"),
        # Two numbers said in a row that make no one number ("three four", "ten twelve").
        ("three four", None),
        ("ten twelve", None),
        ("twenty thirty", None),
        ("lots", None),
    ],
)
def test_number(spoken: str, expected: str | None) -> None:
    assert number(spoken) == expected
