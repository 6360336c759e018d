"""A question's carrier word is part of the question.

Alexa leaves a sample's carrier words out of a SearchQuery slot: under one "why {question}"
sample, "why do my calves twitch" reaches the skill as "do my calves twitch", a yes/no
question about something else. Each carrier that means something has an intent of its
own (skill/intents.py ASK_CARRIERS), and the handler puts the word back.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import intents, speech
from skill.episodes.store import Store
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.conftest import NOW


def _asked(intent: str, words: str) -> dict:
    slot = env.resolved_slot("question", words, None, "AMAZON.SearchQuery")
    return env.intent(intent, NOW, {"question": slot})


def _intents(locale: str) -> dict[str, dict]:
    model = load_model(locale)["interactionModel"]["languageModel"]
    return {intent["name"]: intent for intent in model["intents"]}


@pytest.mark.parametrize("locale", LOCALES)
def test_each_carrier_intent_has_the_one_sample_its_table_entry_says(locale: str) -> None:
    found = _intents(locale)
    for name, carrier in intents.ASK_CARRIERS.items():
        assert found[name]["samples"] == [f"{carrier} {{question}}"], name
        assert [s["type"] for s in found[name]["slots"]] == ["AMAZON.SearchQuery"]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_other_question_sample_drops_a_carrier_word(locale: str) -> None:
    # A carrier under AskQuestionIntent would be lost again: its samples start with words
    # that add nothing to the question.
    carriers = {c.lower() for c in intents.ASK_CARRIERS.values()}
    for sample in _intents(locale)[intents.ASK_QUESTION]["samples"]:
        lead = sample.split("{", 1)[0].strip().lower()
        assert lead not in carriers, sample


def test_the_carrier_goes_back_in_front_of_the_words() -> None:
    assert intents.asked_question("AskWhyIntent", "do my calves twitch") == (
        "why do my calves twitch"
    )
    assert intents.asked_question(intents.ASK_QUESTION, "caffeine") == "caffeine"
    assert intents.asked_question("AskWhyIntent", None) == ""  # "why" alone asks nothing


def test_why_is_not_answered_as_a_yes_no_question(client: FlaskClient) -> None:
    text, _ = env.ask(client, _asked("AskWhyIntent", "do muscles twitch"))
    first = text.split(".")[0]
    assert first not in {"Yes", "No", "Usually not", "It depends"}, text
    assert "signal" in text or "nerve" in text, text  # why twitches happen


def test_a_yes_no_question_keeps_its_opener(client: FlaskClient) -> None:
    text, _ = env.ask(client, _asked("AskDoesIntent", "coffee make twitching worse"))
    assert text.startswith("Yes.") and "caffeine" in text.lower(), text


def test_what_about_leans_on_the_previous_topic(client: FlaskClient) -> None:
    first, reply = env.ask(client, _asked("AskDoesIntent", "coffee make twitching worse"))
    session = reply.get("sessionAttributes", {})
    follow = env.intent("AskWhatAboutIntent", NOW, {"question": "tea"}, session=session)
    text, _ = env.ask(client, follow)
    assert "caffeine" in text.lower() and "Sorry" not in text, text


@pytest.fixture
def _check_in_already_offered(store: Store) -> None:
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")


@pytest.mark.usefixtures("_check_in_already_offered")
def test_mid_log_a_carrier_question_is_answered_and_what_do_you_mean_explains(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    api = settings_api.url
    _, body = env.ask(client, d.log(NOW, {"location": d.location("calf", "calf")}, api=api))

    def turn(intent: str, words: str) -> str:
        slots = {"question": env.slot("question", words)}
        request = env.intent(intent, NOW, slots, session=d.next_session(body), api_endpoint=api)
        return env.ask(client, request)[0]

    answered = turn("AskHowIntent", "much water should i drink")
    assert answered.endswith(speech.ASK_SIDE) and "water" in answered.lower(), answered
    # "what do you mean" is the carrier "what" and "do you mean": no topic, so the pending
    # question is explained.
    assert turn("AskWhatIntent", "do you mean") == f"{speech.DIARY_HELP} {speech.ASK_SIDE}"


def test_an_emergency_under_a_carrier_is_still_an_emergency(client: FlaskClient) -> None:
    text, _ = env.ask(client, _asked("AskCanIntent", "you help my dad can't breathe right now"))
    assert "9 1 1" in text, text


def test_a_worried_question_under_a_carrier_is_answered_calmly(client: FlaskClient) -> None:
    text, _ = env.ask(client, _asked("AskWillIntent", "these twitches turn into a stroke"))
    assert "9 1 1" not in text, text


def test_in_chat_why_is_heard_and_answered_as_why(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    evening = datetime(2026, 11, 24, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    lines = ["open muscle twitch diary", "why do muscles twitch"]
    said = chat(app, clock, settings_api.url, lines, now=evening)
    answer = [line for line in said.splitlines() if line.startswith("alexa:")][-1]
    assert "Yes." not in answer, said
    assert "signal" in answer or "nerve" in answer, said


# A question told as a story ends with what it asks: "... should i worry".


@pytest.mark.parametrize("locale", LOCALES)
def test_each_ending_intent_puts_the_story_first_then_an_ending(locale: str) -> None:
    found = _intents(locale)
    for name in intents.ASK_ENDINGS:
        samples = found[name]["samples"]
        assert samples and all(s.startswith("{question} ") for s in samples), name


def test_the_plain_ending_goes_after_the_story() -> None:
    story = "my eyelid has been jumping for three days"
    assert intents.asked_question("AskIsItSeriousIntent", story) == f"{story} should i worry"


def test_a_story_that_asks_whether_to_worry_is_answered_not_logged(
    client: FlaskClient, store: Store
) -> None:
    story = "my eyelid has been jumping for three days since i started my new job"
    text, _ = env.ask(client, _asked("AskIsItSeriousIntent", story))
    assert "eyelid" in text.lower() and "Sorry" not in text and "Saved" not in text, text
    assert not store.diary.all_episodes(store.user_key(env.USER_ID))


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("been on night shifts all month and my thumb keeps going, is that normal",
         "AskIsThatNormalIntent"),
        ("i drink about six cans of energy drink a day and my calf flickers at night, "
         "could that be the cause", "AskCouldThatBeItIntent"),
        ("both my legs have been jumping on and off since the weekend what should i do",
         "AskWhatToDoIntent"),
    ],
)  # fmt: skip
def test_a_long_story_ending_in_a_question_is_heard_as_that_question(
    gb: ModelMatcher, line: str, intent: str
) -> None:
    found = gb.understand(line, NOW.date())
    assert found.intent == intent
    words = found.slots["question"]["value"]
    assert len(words.split()) > 7  # the whole story, not its last few words


def test_a_request_that_opens_like_a_question_is_still_a_log(gb: ModelMatcher) -> None:
    line = "could you jot down that my left calf was twitching for ten minutes this morning"
    assert gb.understand(line, NOW.date()).intent == intents.LOG_TWITCH


def test_in_chat_a_story_asking_about_coffee_gets_the_caffeine_answer_and_no_entry(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi, store: Store
) -> None:
    evening = datetime(2026, 11, 24, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    lines = [
        "open muscle twitch diary",
        "i've been having five or six coffees a day at work and my left eyelid keeps "
        "twitching, could that be the cause",
    ]
    said = chat(app, clock, settings_api.url, lines, now=evening)
    answer = [line for line in said.splitlines() if line.startswith("alexa:")][-1]
    assert "caffeine" in answer.lower() and "Saved" not in answer, said
    assert not store.diary.all_episodes(store.user_key(env.USER_ID))


def test_a_question_about_a_symptom_as_a_sign_is_calm_with_its_carrier_back(
    client: FlaskClient,
) -> None:
    # The carrier "is" given back opens the question; it states nothing ("is" is also how
    # a report says it: "his speech is slurred").
    text, _ = env.ask(client, _asked("AskIsIntent", "slurred speech a sign of low potassium"))
    assert "9 1 1" not in text, text
    urgent, _ = env.ask(client, _asked("AskIsIntent", "my face drooping on one side right now"))
    assert "9 1 1" in urgent, urgent


@pytest.mark.parametrize(
    ("said", "urgent"),
    [
        ("trouble swallowing is a red flag but i don't have that, only twitches", False),
        ("i know slurred words can be serious, i haven't got any of that", False),
        ("my wife has trouble breathing, she never had that before", True),
        ("she can't breathe and i don't have her inhaler", True),
    ],
)
def test_a_symptom_denied_just_after_it_is_named_is_no_emergency(
    client: FlaskClient, said: str, urgent: bool
) -> None:
    slot = env.resolved_slot("symptom", said, None, "URGENT_SYMPTOM")
    text, _ = env.ask(client, env.intent("UrgentSymptomIntent", NOW, {"symptom": slot}))
    assert ("9 1 1" in text) is urgent, text


@pytest.mark.parametrize(
    ("intent", "opener"),
    [("AskIsThatNormalIntent", "Yes."), ("AskIsItSeriousIntent", "Usually not.")],
)
def test_the_opener_follows_what_the_story_asks(
    client: FlaskClient, intent: str, opener: str
) -> None:
    # "is that normal" and "should i worry" ask opposite ways round: a common eyelid
    # twitch is normal (yes) and not worrying (usually not).
    story = "my eyelid has been flickering on and off for a couple of days"
    text, _ = env.ask(client, _asked(intent, story))
    assert text.startswith(opener), text
