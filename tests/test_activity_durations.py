"""An amount said right after a doing ("slept only five hours", "cycling for an hour")
measures that doing, a trigger, not the twitch: in chat it is no twitch duration, and on
an Echo the trigger phrase Alexa hands over is kept as what it says."""

from __future__ import annotations

from datetime import UTC, datetime

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
    ("line", "duration"),
    [
        ("my jaw keeps twitching, i've been working like eleven hours straight", None),
        ("my knee twitched after cycling for an hour", None),
        ("my eyebrow is twitching, barely slept just three hours", None),
        # The twitch's own duration is kept, even next to a doing's.
        ("after cycling for an hour my knee twitched for ten seconds", "PT10S"),
        ("my knee twitched after my ride for ten seconds", "PT10S"),
        ("my elbow twitched for under a minute", "PT1M"),
    ],
)
def test_the_amount_of_a_doing_is_no_twitch_duration(line: str, duration: str | None) -> None:
    for locale in ("en-US", "en-IN"):
        found = ModelMatcher(load_model(locale)).understand(line, NOW.date())
        assert found.intent == "LogTwitchIntent"
        said = found.slots.get("duration", {}).get("value")
        assert said == duration, locale


def test_in_chat_the_sleep_is_a_trigger_and_no_duration(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my eyebrow is twitching, i slept only five hours"
    chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "skip", "no"], now=EVENING)
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert episode.location == "eyebrow"
    assert episode.duration_seconds is None
    assert "poor_sleep" in episode.triggers


def test_on_an_echo_the_sleep_phrase_is_a_trigger(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {
        "location": d.location("eyebrow", "eyebrow"),
        "side": d.side("left", "left"),
        "triggers": d.triggers(("slept only five hours", None)),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert episode.duration_seconds is None
    assert "poor_sleep" in episode.triggers
