"""The report's data, charts and PDF, built from diaries without Redis or Flask."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from skill.report.charts import BAR_AREA, bar_chart, heat_map
from skill.report.data import (
    HEAT_MIN_WEEKS,
    NO_FINDINGS,
    NOT_SAID,
    Count,
    build_report,
    heat_level,
)
from skill.report.pdf import report_pdf
from tests.report_helpers import episode, pdf_pages

TODAY = date(2026, 11, 24)  # a Tuesday
NEW_YORK = ZoneInfo("America/New_York")


def _diary():  # type: ignore[no-untyped-def]
    return [
        episode(TODAY - timedelta(days=3), "eyelid", side="left", triggers=("caffeine",)),
        episode(TODAY - timedelta(days=3), "eyelid", side="left", triggers=("caffeine",), n=1),
        episode(TODAY - timedelta(days=2), "calf", side="right", time_of_day="morning",
                hour=13, triggers=("exercise", "caffeine")),
        episode(TODAY, "mystery_spot", side=None, time_of_day=None, triggers=("none",)),
    ]  # fmt: skip


def test_counts_by_region_side_time_and_trigger() -> None:
    report = build_report(_diary(), set(), {}, today=TODAY, zone=NEW_YORK)
    assert (report.total, report.twitch_days) == (4, 3)
    assert [(c.label, c.count) for c in report.regions] == [("face", 2), ("legs", 1), ("other", 1)]
    sides = {row.region: row.by_side for row in report.sides}
    assert sides == {"face": (2, 0, 0, 0), "legs": (0, 1, 0, 0), "other": (0, 0, 0, 1)}
    times = {c.label: c.count for c in report.times_of_day}
    assert times == {"morning": 1, "afternoon": 0, "evening": 2, "night": 0, NOT_SAID: 1}
    assert [(c.label, c.count) for c in report.triggers] == [
        ("caffeine", 3), ("exercise", 1), ("no clear trigger", 1),
    ]  # fmt: skip


def test_log_rows_are_in_the_users_zone() -> None:
    report = build_report(_diary(), set(), {}, today=TODAY, zone=NEW_YORK)
    first = report.rows[0]
    assert (first.day, first.clock, first.place, first.side) == (
        TODAY - timedelta(days=3), "18:00", "eyelid", "left",
    )  # fmt: skip
    assert report.rows[-1].place == "mystery spot"


def test_findings_and_answers_in_plain_words() -> None:
    quiet = build_report(_diary(), set(), {}, today=TODAY, zone=NEW_YORK)
    assert quiet.findings == (NO_FINDINGS,)
    assert quiet.answers == ()
    answered = build_report(
        _diary(), set(), {"weakness": True, "muscle_loss": True, "family_history": False},
        today=TODAY, zone=NEW_YORK,
    )  # fmt: skip
    assert any("checklist" in text for text in answered.findings)
    assert [row.answer for row in answered.answers] == ["Yes", "Yes", "No"]
    assert answered.answers[0].question.startswith("Does a muscle look smaller")


def test_heat_map_covers_whole_weeks_up_to_today() -> None:
    report = build_report(_diary(), set(), {}, today=TODAY, zone=NEW_YORK)
    weeks = report.heat_weeks
    assert len(weeks) == HEAT_MIN_WEEKS
    assert weeks[0][0] is not None and weeks[0][0].day.weekday() == 0
    last = weeks[-1]
    assert [d.day for d in last if d is not None][-1] == TODAY
    assert last[2:] == (None,) * 5  # Wednesday to Sunday are still to come
    days = {d.day: d for week in weeks for d in week if d is not None}
    assert days[TODAY - timedelta(days=3)].count == 2
    assert days[TODAY - timedelta(days=3)].level == 2


def test_a_long_diary_reaches_back_to_its_first_week_within_a_year() -> None:
    old = [episode(TODAY - timedelta(days=200), "calf")]
    weeks = build_report(old, set(), {}, today=TODAY, zone=NEW_YORK).heat_weeks
    assert weeks[0][0] is not None
    assert weeks[0][0].day <= TODAY - timedelta(days=200) < weeks[0][0].day + timedelta(days=7)
    ancient = [episode(TODAY - timedelta(days=900), "calf")]
    assert len(build_report(ancient, set(), {}, today=TODAY, zone=NEW_YORK).heat_weeks) == 53


def test_heat_levels() -> None:
    assert [heat_level(n) for n in range(7)] == [0, 1, 2, 3, 3, 4, 4]


def test_bar_widths_are_proportional() -> None:
    chart = bar_chart("t", (Count("a", 4), Count("b", 2), Count("c", 0)))
    assert [bar.width for bar in chart.bars] == [BAR_AREA, BAR_AREA // 2, 0]
    assert len({bar.y for bar in chart.bars}) == 3
    assert bar_chart("empty", ()).bars == ()


def test_heat_map_cells_and_month_labels() -> None:
    report = build_report(_diary(), set(), {}, today=TODAY, zone=NEW_YORK)
    drawn = heat_map(report.heat_weeks)
    assert len(drawn.cells) == sum(d is not None for w in report.heat_weeks for d in w)
    assert [m.text for m in drawn.months][-1] == "Nov"
    assert any(cell.title.endswith(": 2 twitches") for cell in drawn.cells)


def test_the_pdf_has_pages_and_survives_any_text() -> None:
    long_diary = [
        episode(TODAY - timedelta(days=i), "eyelid", side="left", triggers=("caffeine",))
        for i in range(120)
    ]
    report = build_report(long_diary, set(), {"weakness": True}, today=TODAY, zone=NEW_YORK)
    data = report_pdf(report)
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) >= 3  # 120 log rows do not fit on two pages
    empty = report_pdf(build_report([], set(), {}, today=TODAY, zone=ZoneInfo("UTC")))
    assert pdf_pages(empty) == 1


def test_an_episode_before_midnight_utc_counts_on_its_local_day() -> None:
    late = episode(TODAY, "calf", hour=3)  # 03:00 UTC, 22:00 the evening before in New York
    late = replace(late, local_date=TODAY - timedelta(days=1))
    report = build_report([late], set(), {}, today=TODAY, zone=NEW_YORK)
    assert report.rows[0].clock == "22:00"
    assert report.first_day == TODAY - timedelta(days=1)
