"""Calm readings the emergency rules give by meaning: limbs tired after exercise, a worry
about some day, a faint that nearly happened; and what still alarms beside them."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.faq.emergency import detect
from tests.chat_session import chat
from tests.conftest import NOW

CALM = [
    "my calves feel dead after leg day, is that why they flicker",
    "my arms are like jelly since this morning's weights session and now they twitch",
    "what if some day i can't swallow because of these twitches",
    "could i lose the use of my hands in the future from this twitching",
    "i almost passed out from being so tired last week, do twitches come from that",
]
URGENT = [
    ("my arm suddenly went dead after the gym", "weakness"),
    ("my legs gave way after my run and i can't stand up", "weakness"),
    ("i nearly fainted and now i can't speak properly", "speech"),
    ("what if i can't breathe right now", "breathing"),
    ("she collapsed after her match and is not responding", "stroke_or_seizure"),
]


@pytest.mark.parametrize("words", CALM)
def test_the_rules_read_these_as_calm(words: str) -> None:
    assert detect(words) is None


@pytest.mark.parametrize(("words", "symptom"), URGENT)
def test_the_rules_still_alarm_beside_them(words: str, symptom: str) -> None:
    found = detect(words)
    assert found is not None and found.symptom == symptom


def _alarmed(text: str, locale: str) -> bool:
    spoken, written = speech.EMERGENCY_NUMBERS[locale]
    return spoken in text or written in text


@pytest.mark.parametrize("words", CALM[:3])
def test_asked_as_a_question_through_post_alexa_they_get_an_answer(
    client: FlaskClient, words: str
) -> None:
    question = env.intent("AskQuestionIntent", NOW, {"question": words})
    text, _ = env.ask(client, question)
    assert not _alarmed(text, "en-US")


def test_through_chat_a_workout_aftermath_is_calm(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    lines = ["open muscle twitch diary", "my thighs feel dead after a long run, is that normal"]
    text = chat(app, clock, settings_api.url, lines, now=NOW)
    assert not _alarmed(text, "en-GB")
