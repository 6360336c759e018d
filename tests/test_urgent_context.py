"""A symptom said with words that make it no emergency now, on an Echo and in chat.

UrgentSymptomIntent's context slot carries what is said around the symptom ("but i'm
okay now", "from the novocaine", "just wondering", "with laughter"): the skill then gives
the emergency rules every word, as they read a whole line in chat, and they alarm unless
the words say the symptom is over, numbed on purpose, only asked about or an idiom. A
symptom happening now, whatever else is said, is still urgent.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.faq.emergency import detect
from skill.intents import load_model
from tests.chat_session import chat
from tests.conftest import NOW

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
OPEN = "open muscle twitch diary"


def _alarmed(text: str, locale: str = "en-US") -> bool:
    spoken, written = speech.EMERGENCY_NUMBERS[locale]
    return spoken in text or written in text


def urgent_with_context(
    symptom: tuple[str, str | None], context: tuple[str, str | None]
) -> dict[str, object]:
    slots = {
        "symptom": env.resolved_slot("symptom", symptom[0], symptom[1], "URGENT_SYMPTOM"),
        "context": env.resolved_slot("context", context[0], context[1], "SYMPTOM_CONTEXT"),
    }
    return env.intent("UrgentSymptomIntent", NOW, slots)


@pytest.mark.parametrize(
    ("symptom", "context"),
    [
        (("short of breath", "breathing"), ("okay now", "over")),
        (("mouth is drooping", "face"), ("from the novocaine", "numbed")),
        (("slurring", "speech"), ("just wondering", "asking")),
        (("choking", "swallowing"), ("with laughter", "laughing")),
        (("having a fit", "stroke_or_seizure"), ("as a child", "long_ago")),
    ],
)
def test_a_resolved_symptom_with_calm_context_is_answered_calmly(
    client: FlaskClient, symptom: tuple[str, str], context: tuple[str, str]
) -> None:
    text, body = env.ask(client, urgent_with_context(symptom, context))
    assert not _alarmed(text)
    assert body["response"]["shouldEndSession"] is not True


@pytest.mark.parametrize(
    ("symptom", "context"),
    [
        # Something else that is no numbing: collapsing at the dentist is urgent.
        (("collapsed", "weakness"), ("at the dentist", "numbed")),
        # A numbed face that droops out of the blue is not the numbing.
        (("face dropped", "face"), ("after the injection all of a sudden", None)),
        # "not ... fine now" is not over.
        (("can't breathe", "breathing"), ("not fine now", None)),
    ],
)
def test_a_symptom_happening_now_is_urgent_whatever_the_context(
    client: FlaskClient, symptom: tuple[str, str], context: tuple[str, str | None]
) -> None:
    text, body = env.ask(client, urgent_with_context(symptom, context))
    assert _alarmed(text)
    assert body["response"]["shouldEndSession"] is True


@pytest.mark.parametrize(
    ("line", "context_id"),
    [
        ("i got short of breath on the stairs but i'm okay now", "over"),
        ("my lip is drooping from the novocaine", "numbed"),
        ("my brother was wheezing with laughter", "laughing"),
    ],
)
def test_the_model_fills_the_context_slot(line: str, context_id: str) -> None:
    for locale in ("en-US", "en-GB"):
        found = ModelMatcher(load_model(locale)).understand(line, NOW.date())
        assert found.intent == "UrgentSymptomIntent"
        resolution = found.slots["context"]["resolutions"]["resolutionsPerAuthority"][0]
        assert resolution["values"][0]["value"]["id"] == context_id


@pytest.mark.parametrize(
    ("line", "urgent_now"),
    [
        ("i got short of breath on the stairs but i'm okay now", False),
        ("my lip is drooping from the novocaine", False),
        ("my brother was wheezing with laughter", False),
        ("my nan collapsed at the dentist", True),
        ("my husband can't breathe and his lips are turning blue", True),
        # A whole value by itself ("slurred") in a longer line reaches the rules.
        ("my dad's words are all slurred and he hasn't been drinking", True),
        # Feeling lost is sudden weakness said in other words.
        ("my mum has lost all feeling in her right arm", True),
    ],
)
def test_in_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi, line: str, urgent_now: bool
) -> None:
    transcript = chat(app, clock, settings_api.url, [OPEN, line], now=EVENING)
    said = [t for t in transcript.splitlines() if t.startswith("alexa:")][-1]
    assert _alarmed(said, "en-GB") is urgent_now


@pytest.mark.parametrize(
    ("words", "urgent_now"),
    [
        # Laughter idioms are cut before the rules read the rest.
        ("we all dissolved into fits of laughter at the party", False),
        ("the kids were choking with laughter at the film", False),
        ("she laughed so hard she couldn't breathe at the joke", False),
        ("he collapsed in giggles, then he stopped breathing", True),
        # Numbed on purpose, and what is over or only asked about.
        ("half my mouth is lopsided from the dental anaesthetic", False),
        ("i had trouble getting a big pill down but it went down eventually", False),
        ("how would you know whether someone is having a stroke", False),
        ("what to do if my baby has a seizure", False),
        ("my chest went tight and i was breathless, all right now", False),
        ("my words were slurred last week, no problems since", False),
        ("what do i do if my wife is slurring right now", True),
    ],
)
def test_the_rules_read_idioms_numbing_and_what_is_over(words: str, urgent_now: bool) -> None:
    assert (detect(words) is not None) is urgent_now
