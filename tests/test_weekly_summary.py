"""The spoken weekly summary, from several diaries."""

from __future__ import annotations

from datetime import date, timedelta

from skill.report.weekly import first_day_needed, weekly_summary
from tests.report_helpers import episode

TODAY = date(2026, 11, 24)


def _days_ago(days: int, location: str = "eyelid", **kw):  # type: ignore[no-untyped-def]
    return episode(TODAY - timedelta(days=days), location, **kw)


def test_an_empty_diary() -> None:
    summary = weekly_summary([], TODAY)
    assert summary.speech == "No twitches logged in the last seven days."
    assert summary.count == 0


def test_a_quiet_week_after_a_busy_one() -> None:
    diary = [_days_ago(9), _days_ago(10, n=1), _days_ago(12)]
    summary = weekly_summary(diary, TODAY)
    assert summary.count == 0
    assert "The week before, you logged 3 twitches." in summary.speech


def test_mostly_one_place_in_the_evening_after_caffeine() -> None:
    diary = [
        _days_ago(0, side="left", triggers=("caffeine",)),
        _days_ago(1, side="left", triggers=("caffeine", "stress")),
        _days_ago(1, side="left", triggers=("caffeine",), n=1),
        _days_ago(3, "calf", side="right", time_of_day="morning", triggers=("exercise",)),
        _days_ago(6, side="left", triggers=("caffeine",)),
        _days_ago(8, side="left"),  # the week before
    ]
    summary = weekly_summary(diary, TODAY)
    assert summary.speech == (
        "5 twitches on 4 days in the last seven days. "
        "Mostly your left eyelid, mostly in the evening. "
        "4 after caffeine. "
        "That is more than the week before, when you logged 1."
    )
    assert summary.count == 5
    assert len(summary.lines) == 4


def test_no_place_stands_out_when_all_differ() -> None:
    diary = [
        _days_ago(0, "calf", time_of_day="morning"),
        _days_ago(1, "thumb", time_of_day="night"),
        _days_ago(2, "eyelid", time_of_day="evening"),
    ]
    summary = weekly_summary(diary, TODAY)
    assert "ostly" not in summary.speech and "most often" not in summary.speech
    assert summary.speech.startswith("3 twitches on 3 days")
    assert "None the week before." in summary.speech


def test_most_often_when_under_half() -> None:
    diary = [
        _days_ago(0, "calf", side="left", time_of_day="morning"),
        _days_ago(1, "calf", side="left", time_of_day="night"),
        _days_ago(2, "thumb", time_of_day="night", n=1),
        _days_ago(2, "neck", time_of_day="afternoon", n=2),
        _days_ago(3, "eyelid", time_of_day="evening"),
        _days_ago(9, "eyelid"),
        _days_ago(10, "eyelid"),
        _days_ago(11, "eyelid"),
        _days_ago(12, "eyelid"),
        _days_ago(13, "eyelid"),
        _days_ago(13, "eyelid", n=1),
    ]
    summary = weekly_summary(diary, TODAY)
    assert "Most often your left calf, most often in the night." in summary.speech
    assert "fewer than the week before, when you logged 6" in summary.speech


def test_one_twitch_and_one_trigger() -> None:
    summary = weekly_summary([_days_ago(2, triggers=("poor_sleep",))], TODAY)
    assert summary.speech == (
        "1 twitch on 1 day in the last seven days. One after poor sleep. None the week before."
    )


def test_the_same_as_last_week_and_entries_outside_both_weeks_ignored() -> None:
    diary = [_days_ago(20), _days_ago(2), _days_ago(8), _days_ago(-1)]
    summary = weekly_summary(diary, TODAY)
    assert summary.count == 1
    assert summary.speech.endswith("The same as the week before.")
    assert first_day_needed(TODAY) == TODAY - timedelta(days=13)
