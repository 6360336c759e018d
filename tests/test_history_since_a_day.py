"""History asked from a day ("since sunday") or on a day ("on sunday"): the days are the past
ones, though Alexa gives a bare weekday as its next occurrence (ALEXA.md, AMAZON.DATE)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes.history import days_asked
from skill.episodes.model import Episode
from skill.episodes.slots import DateSpan
from skill.episodes.store import Store
from skill.episodes.store.diary import new_episode_id
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.conftest import NOW  # Tuesday 2026-11-24

NEXT_SUNDAY = "2026-11-29"  # what Alexa sends for "sunday" said on Tuesday the 24th


def _add(store: Store, day: int, location: str = "calf") -> None:
    when = datetime(2026, 11, day, 9, tzinfo=UTC)
    episode = Episode(id=new_episode_id(), started_at=when, local_date=when.date(),
                      location=location, side="left", time_of_day="morning")  # fmt: skip
    store.diary.add_episode(store.user_key(env.USER_ID), episode, check_at=when)


def test_a_day_said_after_since_is_the_past_one_to_today() -> None:
    today = NOW.date()
    assert days_asked(None, NEXT_SUNDAY, today) == DateSpan(date(2026, 11, 22), today)
    assert days_asked(None, "2026-11-23", today) == DateSpan(date(2026, 11, 23), today)
    assert days_asked("2026-11-29", None, today) == DateSpan(date(2026, 11, 22), date(2026, 11, 22))
    assert days_asked("2026-11", None, today) == DateSpan(date(2026, 11, 1), date(2026, 11, 30))
    assert days_asked(None, "not a date", today) is None


@pytest.mark.parametrize("locale", LOCALES)
def test_every_model_hears_since_a_day_as_its_own_slot(locale: str) -> None:
    found = ModelMatcher(load_model(locale)).understand(
        "how often have i twitched since sunday", NOW.date()
    )
    assert found.intent == "CountTwitchesIntent"
    assert found.slots["since"]["value"]
    assert "date" not in found.slots or not found.slots["date"].get("value")


def test_since_a_weekday_counts_from_the_one_just_gone(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    for day in (20, 22, 23):  # Friday, Sunday, Monday
        _add(store, day)
    slots = {"since": NEXT_SUNDAY}
    text, _ = env.ask(
        client, env.intent("CountTwitchesIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "2 twitches" in text


def test_on_a_weekday_is_the_one_just_gone(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    for day in (20, 22, 23):
        _add(store, day)
    slots = {"date": NEXT_SUNDAY}
    text, _ = env.ask(
        client, env.intent("CountTwitchesIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "1 twitch" in text


def test_since_a_weekday_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    for day in (20, 22, 23):
        _add(store, day)
    lines = ["open muscle twitch diary", "how often have i twitched since sunday"]
    transcript = chat(app, clock, settings_api.url, lines, now=NOW)
    said = [t for t in transcript.splitlines() if t.startswith("alexa:")][-1]
    assert "2 twitches" in said
