"""One meaning per time word: "this week" is the calendar week, "the last seven days" is
today and the six days before, in the user's zone, wherever the skill says them."""

from __future__ import annotations

from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from skill.episodes.store import Store
from tests.conftest import NOW
from tests.report_helpers import seed_diary


def _count(client: FlaskClient, period_id: str, spoken: str) -> str:
    slots = {"period": d.period(spoken, period_id)}
    return env.ask(client, env.intent("CountTwitchesIntent", NOW, slots))[0]


def test_the_weekly_summary_and_a_count_of_the_last_seven_days_agree(
    client: FlaskClient, store: Store
) -> None:
    seed_diary(store, store.user_key(env.USER_ID))
    summary = env.ask(client, env.intent("WeeklySummaryIntent", NOW))[0]
    seven_days = _count(client, "last_7_days", "the last seven days")
    count = summary.split(" twitches", 1)[0]
    assert summary.startswith(f"{count} twitches on") and "in the last seven days" in summary
    assert seven_days == f"You logged {count} twitches in the last seven days. Anything else?"


def test_this_week_is_the_calendar_week_not_the_last_seven_days(
    client: FlaskClient, store: Store
) -> None:
    # NOW is a Tuesday: this week is Monday and today, fewer days than the last seven.
    seed_diary(store, store.user_key(env.USER_ID))
    this_week = _count(client, "this_week", "this week")
    seven_days = _count(client, "last_7_days", "the last seven days")
    assert this_week.endswith("this week. Anything else?")
    assert seven_days.endswith("in the last seven days. Anything else?")
    assert this_week != seven_days.replace("in the last seven days", "this week")
