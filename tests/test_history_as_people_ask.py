"""History questions as people ask them, on an Echo (POST /alexa with envelopes filled the
way the generated model fills them) and in `twitch-diary chat`.

Classes: questions that start with "what" (what patterns, what they have in common), a
period said as its start ("since the beginning of the month"), and the last twitch of
one place ("when did my thumb last jump").
"""

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
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.conftest import NOW
from tests.understanding_helpers import add_entry

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
OPEN = "open muscle twitch diary"


@pytest.mark.parametrize(
    ("line", "intent", "slot_ids"),
    [
        ("what links do you notice in my entries", "TwitchPatternsIntent", {}),
        ("what have they got in common", "TwitchPatternsIntent", {}),
        (
            "how are my twitches looking this month",
            "TwitchPatternsIntent",
            {"period": "this_month"},
        ),
        (
            "how many twitches since the beginning of the month",
            "CountTwitchesIntent",
            {"period": "this_month"},
        ),
        (
            "when was the last time my shoulder played up",
            "LastTwitchIntent",
            {"location": "shoulder"},
        ),
        ("when did my right thumb last jump", "LastTwitchIntent", {"location": "thumb"}),
    ],
)
def test_every_locales_model_understands(line: str, intent: str, slot_ids: dict[str, str]) -> None:
    for locale in LOCALES:
        found = ModelMatcher(load_model(locale)).understand(line, NOW.date())
        assert found.intent == intent, locale
        for name, value_id in slot_ids.items():
            resolution = found.slots[name]["resolutions"]["resolutionsPerAuthority"][0]
            assert resolution["values"][0]["value"]["id"] == value_id, locale


def test_the_last_twitch_of_one_place(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 20, 9, tzinfo=UTC), "thumb")
    add_entry(store, datetime(2026, 11, 23, 9, tzinfo=UTC), "calf")
    slots = {"location": d.location("thumb", "thumb")}
    text, _ = env.ask(
        client, env.intent("LastTwitchIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "thumb" in text and "calf" not in text
    slots = {"location": d.location("knee", "knee")}
    text, _ = env.ask(
        client, env.intent("LastTwitchIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "haven't logged a twitch in your knee" in text


def test_a_period_said_as_its_start_is_that_period(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 3, 9, tzinfo=UTC), "calf")
    add_entry(store, datetime(2026, 10, 30, 9, tzinfo=UTC), "calf")
    slots = {"period": d.period("the beginning of the month", "this_month")}
    text, _ = env.ask(
        client, env.intent("CountTwitchesIntent", NOW, slots, api_endpoint=settings_api.url)
    )
    assert "1 twitch" in text or "one twitch" in text


def test_in_chat_the_last_twitch_of_one_place(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    add_entry(store, datetime(2026, 11, 22, 9, tzinfo=UTC), "shoulder")
    add_entry(store, datetime(2026, 11, 23, 9, tzinfo=UTC), "calf")
    transcript = chat(
        app, clock, settings_api.url, [OPEN, "when did my shoulder last play up"], now=EVENING
    )
    said = [t for t in transcript.splitlines() if t.startswith("alexa:")][-1]
    assert "shoulder" in said and "calf" not in said
