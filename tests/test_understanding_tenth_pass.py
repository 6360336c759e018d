"""Classes the tenth understanding batch found misread, each with new sentences: causes
outside the article's seven (drink, the cold, screens, typing), a symptom's words inside a
trigger's ("hangover" is no hanging face), a negation heard alone beside a symptom, a
symptom said in several words inside a long story, seizing, figures of speech about
choking and laughing, a hypothetical, a guess at how long after a trigger, a time said as
when it started, a value said in the plural, and history in other words. On an Echo (POST
/alexa, envelopes filled the way the generated model fills them) and in `twitch-diary
chat` (the local matcher and the skill).
"""

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
from skill import speech
from skill.episodes.store import Store
from skill.episodes.trigger_concepts import concepts_in
from skill.faq.emergency import detect
from skill.intents import LOCALES
from tests.chat_session import chat
from tests.model_values import value_id
from tests.understanding_helpers import alarmed, diary_of, slots_heard

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
TODAY = date(2026, 11, 24)
OPEN = "open muscle twitch diary"


# --- causes outside the article's seven -------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("spoken", ["beer", "hungover", "the cold", "screen time", "typing"])
def test_everyday_causes_are_the_trigger_types_other_value(locale: str, spoken: str) -> None:
    assert value_id(locale, "TRIGGER", spoken) == "other"


def test_an_other_trigger_is_kept_in_the_users_words_through_post_alexa(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")
    slots = {
        "location": env.resolved_slot("location", "wrist", "wrist", "BODY_LOCATION"),
        "duration": "PT20S",
        "triggers": d.triggers(("a few pints", "other"), ("coffee", "caffeine")),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    [episode] = diary_of(store)
    assert set(episode.triggers) == {"caffeine", "other:a few pints"}


def test_an_other_trigger_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my right knee keeps twitching, far too much gaming last night"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "no"], now=EVENING)
    [episode] = diary_of(store)
    assert "other:gaming" in episode.triggers, text


# --- emergencies and look-alikes ---------------------------------------------------------------


def test_a_hangover_is_no_hanging_face_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    line = "nursing a hangover and my top lip keeps twitching"
    assert not alarmed(chat(app, clock, settings_api.url, [OPEN, line], now=EVENING))


@pytest.mark.parametrize("words", ["her mouth is hanging down", "his face hung on one side"])
def test_a_hanging_face_is_still_urgent(words: str) -> None:
    found = detect(words)
    assert found is not None and found.symptom == "face"


def test_a_lone_negation_beside_a_symptom_says_nothing_through_post_alexa(
    client: FlaskClient,
) -> None:
    slots = {
        "symptom": env.resolved_slot(
            "symptom", "keeled over", "stroke_or_seizure", "URGENT_SYMPTOM"
        ),
        "context": env.resolved_slot("context", "not", None, "SYMPTOM_CONTEXT"),
    }
    text, _ = env.ask(client, env.intent("UrgentSymptomIntent", EVENING, slots, locale="en-GB"))
    assert alarmed(text)


def test_a_lone_negation_is_no_slot_value_in_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    line = "my dad just collapsed and he's not breathing right"
    assert alarmed(chat(app, clock, settings_api.url, [OPEN, line], now=EVENING))


def test_a_symptom_in_several_words_inside_a_long_story_is_urgent_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    line = "i look after my grandad and tonight he suddenly can't swallow his tea at all"
    assert alarmed(chat(app, clock, settings_api.url, [OPEN, line], now=EVENING))


@pytest.mark.parametrize(
    ("words", "urgent"),
    [
        ("my patient is seizing on the floor", True),
        ("she started seizing a minute ago", True),
        ("this workload is suffocating me, honestly", False),
        ("my exams are choking me this term", False),
        ("the smoke is choking me", True),
        ("we laughed so hard at the film that i could not breathe", False),
        ("she laughed so hard and now she can not breathe", True),
        ("out of interest, what would happen if my face drooped", False),
    ],
)
def test_seizing_figures_of_speech_and_hypotheticals(words: str, urgent: bool) -> None:
    assert (detect(words) is not None) is urgent


# --- amounts and times ---------------------------------------------------------------------------


def test_a_guess_after_a_trigger_is_how_long_the_twitch_lasted(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "thumb twitch after rowing, maybe twenty seconds")
    assert slots.get("duration") == "PT20S"


def test_an_amount_of_a_doing_is_still_the_doings(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "my calf twitched after cycling for an hour")
    assert "duration" not in slots


def test_a_time_said_as_when_it_started_is_the_twitchs(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "my neck's been twitching, probably the cold, started at ten")
    assert slots.get("time") == "10:00"


def test_a_value_said_in_the_plural_inside_a_longer_phrase_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "chin, a few seconds, way too many espressos"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "no"], now=EVENING)
    [episode] = diary_of(store)
    assert "caffeine" in episode.triggers, text


# --- history in other words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("clear out everything, i'd like a fresh start", "DeleteAllDataIntent"),
        ("have i ever had one in my shin", "CountTwitchesIntent"),
    ],
)
def test_history_in_other_words(gb: ModelMatcher, line: str, intent: str) -> None:
    assert slots_heard(gb, line)[0] == intent


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        ("forgot to drink any water at work", ["dehydration"]),
        ("a game of shinny on the pond", ["exercise"]),
        ("completely swamped this week", ["stress"]),
    ],
)
def test_everyday_trigger_words(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


# --- a twitch told in a question's story --------------------------------------------------------


def _asked(client: FlaskClient, intent: str, story: str) -> str:
    slots = {"question": story}
    text, _ = env.ask(client, env.intent(intent, EVENING, slots, locale="en-GB"))
    return text


def test_a_twitch_told_before_is_that_normal_is_answered_then_logged_through_post_alexa(
    client: FlaskClient,
) -> None:
    text = _asked(client, "AskIsThatNormalIntent", "my right shin has been jumping since lunch")
    # The answer first, then the entry the story is: its place and side taken, the next
    # detail asked.
    assert text.startswith("Yes")
    assert text.endswith(speech.ASK_DURATION)


@pytest.mark.parametrize(
    ("intent", "story"),
    [
        ("AskIsThatNormalIntent", "twitching that comes and goes"),  # no one's twitch told
        ("AskIsIntent", "it normal for my eyelid to twitch"),  # asked, not told
        ("AskIsThatNormalIntent", "my uncle has als"),  # no twitch in it
    ],
)
def test_a_question_that_tells_no_twitch_only_gets_its_answer_through_post_alexa(
    client: FlaskClient, intent: str, story: str
) -> None:
    assert speech.ASK_DURATION not in _asked(client, intent, story)


def test_a_twitch_told_with_a_question_is_saved_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my left forearm has been twitching on and off since breakfast, should i worry"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "skip", "no"],
                now=EVENING)  # fmt: skip
    [episode] = diary_of(store)
    assert (episode.location, episode.side) == ("forearm", "left"), text


# --- another intent's word in a slot, breath after exercise, worry about the past ---------------


def test_a_place_is_never_another_intents_word(gb: ModelMatcher) -> None:
    _, slots = slots_heard(
        gb, "i was so worn out i nearly collapsed on the sofa, my eyelid twitched"
    )
    assert slots.get("location") == "eyelid"


def test_a_symptom_heard_as_a_trigger_still_reaches_the_emergency_rules_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    line = "my thigh was twitching and then i couldn't breathe properly"
    assert alarmed(chat(app, clock, settings_api.url, [OPEN, line], now=EVENING))


@pytest.mark.parametrize(
    ("words", "urgent"),
    [
        ("bit breathless after netball but i am fine", False),
        ("short of breath after my spin class", False),
        ("breathless after the gym and my chest feels tight", True),
        ("still short of breath an hour after the match", True),
        ("suddenly breathless after my walk", True),
        ("my gran had a stroke last year, now i am scared about my twitches", False),
        ("my gran had a stroke last year and now she is slurring", True),
    ],
)
def test_breath_after_exercise_and_worry_about_the_past(words: str, urgent: bool) -> None:
    assert (detect(words) is not None) is urgent
