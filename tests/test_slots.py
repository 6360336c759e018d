"""Slot parsing: every documented format, and property tests that parsing never raises."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Slot
from hypothesis import given
from hypothesis import strategies as st

from devkit import diary_envelopes as d
from skill.episodes.slots import (
    UNSUPPORTED,
    DateSpan,
    Resolved,
    SpokenTime,
    parse_date,
    parse_duration,
    parse_time,
    past_day,
    resolve_slot,
)

TODAY = date(2026, 11, 24)  # a Tuesday, ISO week 48


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("PT5M", 300),
        ("PT10M", 600),
        ("PT1H30M", 5400),
        ("PT5H10M", 18600),
        ("PT30S", 30),
        ("PT1.5H", 5400),
        ("P3D", 3 * 86400),
        ("P2W", 14 * 86400),
        ("P1DT2H", 93600),
        ("pt2m", 120),
    ],
)
def test_iso_durations(value: str, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value", [None, "", "P", "PT", "PT0M", "5 minutes", "P5Y", "PTM", "P1WT", "?"]
)
def test_odd_durations_are_none(value: str | None) -> None:
    assert parse_duration(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14:00", SpokenTime("afternoon", time(14, 0))),
        ("04:00", SpokenTime("night", time(4, 0))),
        ("07:45", SpokenTime("morning", time(7, 45))),
        ("19:30", SpokenTime("evening", time(19, 30))),
        ("12:00", SpokenTime("afternoon", time(12, 0))),
        ("00:00", SpokenTime("night", time(0, 0))),
        ("MO", SpokenTime("morning")),
        ("AF", SpokenTime("afternoon")),
        ("EV", SpokenTime("evening")),
        ("NI", SpokenTime("night")),
        ("noon", SpokenTime("afternoon", time(12, 0))),
        ("midnight", SpokenTime("night", time(0, 0))),
    ],
)
def test_amazon_time_forms(value: str, expected: SpokenTime) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize("value", [None, "", "25:00", "12:60", "XX", "tea time", "1400"])
def test_odd_times_are_none(value: str | None) -> None:
    assert parse_time(value) is None


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("PRESENT_REF", TODAY, TODAY),
        ("2026-11-24", TODAY, TODAY),
        ("2026-W48", date(2026, 11, 23), date(2026, 11, 29)),
        ("2026-W48-WE", date(2026, 11, 28), date(2026, 11, 29)),
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("202X", date(2020, 1, 1), date(2029, 12, 31)),
        ("2026-SP", date(2026, 3, 1), date(2026, 5, 31)),
        ("2026-SU", date(2026, 6, 1), date(2026, 8, 31)),
        ("2026-FA", date(2026, 9, 1), date(2026, 11, 30)),
        ("2026-WI", date(2026, 12, 1), date(2027, 2, 28)),
        ("XXXX-11-20", date(2026, 11, 20), date(2026, 11, 20)),
        ("XXXX-W47", date(2026, 11, 16), date(2026, 11, 22)),
        ("2026-11-XX", date(2026, 11, 1), date(2026, 11, 30)),
    ],
)
def test_amazon_date_forms(value: str, start: date, end: date) -> None:
    assert parse_date(value, TODAY) == DateSpan(start, end)


@pytest.mark.parametrize(
    "value", ["2026-13-01", "2026-02-30", "2026-W60", "tomorrow", "2015-07-00T9", "XXXX-XX-XX"]
)
def test_unusable_dates_are_unsupported(value: str) -> None:
    assert parse_date(value, TODAY) is UNSUPPORTED
    assert not UNSUPPORTED


def test_empty_date_is_none() -> None:
    assert parse_date(None, TODAY) is None
    assert parse_date("", TODAY) is None


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("PRESENT_REF", TODAY),
        ("2026-11-23", date(2026, 11, 23)),
        ("2026-11-27", date(2026, 11, 20)),  # "on Friday", resolved forward: last Friday
        ("2026-12-25", date(2025, 12, 25)),  # a year-less date in the future: last year
        ("XXXX-11-20", date(2026, 11, 20)),
        ("2026-W48", None),  # a week names no single day
        ("2026-11", None),
        ("nonsense", None),
        (None, None),
    ],
)
def test_day_for_logging_is_a_past_day(value: str | None, day: date | None) -> None:
    assert past_day(parse_date(value, TODAY), TODAY) == day


def _slot(body: dict) -> Slot:
    return DefaultSerializer().deserialize(json.dumps(body), Slot)


def test_entity_resolution_ids() -> None:
    assert resolve_slot(_slot(d.location("eye lid", "eyelid"))) == [Resolved("eye lid", "eyelid")]
    assert resolve_slot(_slot(d.location("banana", None))) == [Resolved("banana", None)]
    assert resolve_slot(_slot({"name": "location", "confirmationStatus": "NONE"})) == []
    assert resolve_slot(None) == []
    multi = _slot(d.triggers(("coffee", "caffeine"), ("no sleep", "poor_sleep"), ("hmm", None)))
    assert [r.id for r in resolve_slot(multi)] == ["caffeine", "poor_sleep", None]


@given(st.one_of(st.none(), st.text(max_size=80)))
def test_duration_parsing_never_raises(value: str | None) -> None:
    result = parse_duration(value)
    assert result is None or 0 < result <= 366 * 86400


@given(
    st.from_regex(r"P(\d{1,4}W|(\d{1,3}D)?(T(\d{1,3}H)?(\d{1,3}M)?(\d{1,3}S)?)?)", fullmatch=True)
)
def test_duration_parsing_of_iso_shaped_values_never_raises(value: str) -> None:
    parse_duration(value)


@given(st.one_of(st.none(), st.text(max_size=40), st.from_regex(r"\d{1,2}:\d{2}", fullmatch=True)))
def test_time_parsing_never_raises(value: str | None) -> None:
    result = parse_time(value)
    assert result is None or result.period in {"morning", "afternoon", "evening", "night"}


_date_like = st.from_regex(
    r"(\d{4}|XXXX)(-(\d{2}|W\d{1,2}(-WE)?|SP|SU|FA|WI|XX)(-(\d{2}|XX))?)?|\d{3}X|PRESENT_REF",
    fullmatch=True,
)


@given(st.one_of(st.none(), st.text(max_size=40), _date_like), st.dates())
def test_date_parsing_never_raises(value: str | None, today: date) -> None:
    span = parse_date(value, today)
    assert span is None or span is UNSUPPORTED or span.start <= span.end
    day = past_day(span, today)
    assert day is None or day <= today
