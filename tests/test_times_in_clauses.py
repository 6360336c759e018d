"""A time said inside a trigger's clause ("after the gym this morning") gives way to the
time said of the twitch itself; alone, it is still the twitch's time. "A good forty
seconds" is forty seconds. In chat (the matcher fills slots from the model) and in what
the skill then stores; on an Echo Alexa fills one time slot, which the skill keeps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes.store import Store
from skill.intents import load_model
from tests.chat_session import chat
from tests.conftest import NOW

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
OPEN = "open muscle twitch diary"


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        # Two times: the one inside "after ..." is the trigger's.
        ("my forearm twitched this evening after lifting weights this morning", {"time": "EV"}),
        ("my hip jumped at noon after football at ten", {"time": "12:00"}),
        ("since lunchtime my wrist is twitching because of coffee this morning", {"time": "12:00"}),
        # One time, in the trigger's clause: still the twitch's.
        ("after tennis yesterday my wrist twitched", {"date": "2026-11-23"}),
        ("my wrist twitched after my swim this morning", {"time": "MO"}),
    ],
)
def test_a_time_in_a_triggers_clause_gives_way(line: str, slots: dict[str, str | None]) -> None:
    for locale in ("en-US", "en-GB"):
        found = ModelMatcher(load_model(locale)).understand(line, NOW.date())
        assert found.intent == "LogTwitchIntent"
        for name, value in slots.items():
            assert found.slots.get(name, {}).get("value") == value, (locale, name)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("a good thirty seconds", "PT30S"),
        ("a solid twenty minutes", "PT20M"),
        ("a good minute", "PT1M"),
    ],
)
def test_a_good_amount_is_that_amount(words: str, value: str) -> None:
    line = f"my calf twitched for {words}"
    found = ModelMatcher(load_model("en-GB")).understand(line, NOW.date())
    assert found.slots["duration"]["value"] == value


def test_in_chat_the_twitchs_own_time_is_stored(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my left forearm twitched this evening after lifting weights this morning"
    chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "skip", "no"], now=EVENING)
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert episode.local_date == date(2026, 11, 24)
    assert episode.time_of_day == "evening"


def test_on_an_echo_the_time_alexa_fills_is_kept(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {
        "location": d.location("forearm", "forearm"),
        "side": d.side("left", "left"),
        "time": "EV",
        "triggers": d.triggers(("lifting weights", None)),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert episode.time_of_day == "evening"
