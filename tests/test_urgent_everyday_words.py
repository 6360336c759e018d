"""Emergencies in everyday words: "unable to" is "can't", and a limb or side that "went weak"
is sudden weakness; on an Echo (the model's values, envelopes as Alexa fills them) and in
`twitch-diary chat`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.intents import LOCALES
from tests.chat_session import chat
from tests.model_values import value_id

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def _alarmed(text: str, locale: str) -> bool:
    spoken, written = speech.EMERGENCY_NUMBERS[locale]
    return spoken in text or written in text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("spoken", "symptom"),
    [("unable to swallow", "swallowing"), ("unable to breathe", "breathing"),
     ("unable to talk", "speech"), ("unable to walk", "weakness"), ("went weak", "weakness"),
     ("arm went weak", "weakness"), ("side went weak", "weakness")],
)  # fmt: skip
def test_everyday_words_are_values_of_the_symptom_in_every_model(
    locale: str, spoken: str, symptom: str
) -> None:
    assert value_id(locale, "URGENT_SYMPTOM", spoken) == symptom


@pytest.mark.parametrize("locale", ["en-IN", "en-AU"])
def test_unable_to_swallow_through_post_alexa(client: FlaskClient, locale: str) -> None:
    slot = env.resolved_slot("symptom", "unable to swallow", "swallowing", "URGENT_SYMPTOM")
    text, body = env.ask(
        client, env.intent("UrgentSymptomIntent", EVENING, {"symptom": slot}, locale=locale)
    )
    assert _alarmed(text, locale)
    assert body["response"]["shouldEndSession"] is True


def test_unable_to_breathe_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    lines = ["open muscle twitch diary", "my wife is unable to breathe properly"]
    text = chat(app, clock, settings_api.url, lines, now=EVENING)
    assert _alarmed(text, "en-GB")  # chat speaks en-GB unless told


def test_a_side_that_went_weak_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    lines = ["open muscle twitch diary", "my grandad's left leg just went weak"]
    text = chat(app, clock, settings_api.url, lines, now=EVENING)
    assert _alarmed(text, "en-GB")
    assert "Saved" not in text  # never a twitch in the diary
