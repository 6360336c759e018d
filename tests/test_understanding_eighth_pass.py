"""Classes the eighth understanding batch found misread, each with new sentences: triggers
said to be absent, triggers in everyday words, a rate or an amount with its unit taken for
a duration or a clock time, a place's words making a time part of a trigger's clause,
history asked as "did i log anything", "my summary", "when did it happen", collapse said
in everyday words, a carrier question checked with its carrier, and an answer Alexa could
not place at the check-in offer. On an Echo (POST /alexa, envelopes filled the way the
generated model fills them) and in `twitch-diary chat` (the local matcher and the skill).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.chat.matcher import ModelMatcher
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.episodes.model import TRIGGERS, Episode
from skill.episodes.store import Store
from skill.episodes.trigger_concepts import concepts_in, denied
from tests.chat_session import chat
from tests.model_values import value_id
from tests.understanding_helpers import alarmed, diary_of

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
TODAY = date(2026, 11, 24)
OPEN = "open muscle twitch diary"


def _log_through_alexa(
    client: FlaskClient, store: Store, api: str, triggers: dict[str, Any]
) -> Episode:
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")
    slots = {
        "location": d.location("chin", "chin"),
        "duration": "PT10S",
        "triggers": triggers,
    }
    env.ask(client, d.log(EVENING, slots, api=api))
    [episode] = diary_of(store)
    return episode


# --- a trigger said to be absent -----------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "had not touched any tea",
        "didn't have a single espresso",
        "not worried at all",
        "i'm not the least bit tired",  # not a value: the words around it
        "slept really well",
        "had a good night's sleep",
        "gave up energy drinks",
    ],
)
def test_a_trigger_said_to_be_absent_names_nothing(words: str) -> None:
    assert concepts_in(words) == []
    assert denied(words)


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        # Lack of sleep is the trigger itself, however it is denied.
        ("could not sleep a wink", ["poor_sleep"]),
        ("not enough water", ["dehydration"]),
        # A denial of one thing leaves the next one said.
        ("no coffee but a horrible night", ["poor_sleep"]),
    ],
)
def test_a_denial_that_is_the_trigger_or_of_something_else_still_names_it(
    words: str, concepts: list[str]
) -> None:
    assert concepts_in(words) == concepts
    assert not denied(words)


def _canonical(episode: Episode) -> set[str]:
    return {t for t in episode.triggers if t in TRIGGERS}


def test_an_absent_trigger_is_not_the_trigger_it_denies_through_post_alexa(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    said = d.triggers(("hadn't drunk any cola", None), ("worn out", "fatigue"),
                      ("slept soundly", None))  # fmt: skip
    episode = _log_through_alexa(client, store, settings_api.url, said)
    assert _canonical(episode) == {"fatigue"}
    # ... kept in the user's words, as any trigger the types do not know.
    assert "other:hadn't drunk any cola" in episode.triggers


def test_an_absent_trigger_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "i didn't have any energy drinks today but my chin is twitching, feeling drained"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "no"], now=EVENING)
    [episode] = diary_of(store)
    assert episode.location == "chin"
    assert _canonical(episode) == {"fatigue"}, text


# --- triggers in everyday words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        ("an aerobics class", ["exercise"]),
        ("a long bushwalk", ["exercise"]),
        ("a horrible night", ["poor_sleep"]),
        ("could not fall asleep", ["poor_sleep"]),
        ("slept badly", ["poor_sleep"]),
        ("had a vape", ["stimulants"]),
        ("i'm dog tired", ["fatigue"]),
        ("a big presentation", ["stress"]),
        # A long spell of an activity is the activity, not tiredness said alone ...
        ("a long afternoon of cycling", ["exercise"]),
        # Everyday effort (chores) is kept in the user's words.
        ("a long afternoon of gardening", []),
        ("a long afternoon of digging", []),
        # ... unless the activity names no trigger.
        ("a long day of meetings", ["fatigue"]),
    ],
)
def test_a_trigger_in_everyday_words_names_its_concept(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


def test_a_long_spell_of_a_sport_is_the_sport_through_post_alexa(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    episode = _log_through_alexa(
        client, store, settings_api.url, d.triggers(("a long weekend of hiking", None))
    )
    assert episode.triggers == ("exercise",)


@pytest.mark.parametrize(
    ("spoken", "trigger"),
    [("dog tired", "fatigue"), ("aerobics", "exercise"), ("vaped", "stimulants"),
     ("slept badly", "poor_sleep"), ("running on five hours of sleep", "poor_sleep")],
)  # fmt: skip
def test_everyday_trigger_words_are_values_of_every_model(spoken: str, trigger: str) -> None:
    for locale in ("en-US", "en-GB", "en-AU", "en-IN", "en-CA"):
        assert value_id(locale, "TRIGGER", spoken) == trigger


def test_an_amount_of_sleep_is_a_trigger_not_a_clock_time_in_chat(gb: ModelMatcher) -> None:
    found = gb.understand("my jaw twitched, running on five hours of sleep", TODAY)
    assert found.intent == "LogTwitchIntent"
    assert "time" not in found.slots
    [value] = found.slots["triggers"]["slotValue"]["values"]
    assert value["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"] == (
        "poor_sleep"
    )


# --- a rate or an amount is no duration and no clock time -----------------------------------


@pytest.mark.parametrize(
    ("line", "absent"),
    [
        ("my eyelid flickers every few minutes", "duration"),
        ("my lip has been jumping each hour or so", "duration"),
        ("my calf twitched after cycling for three hours", "time"),
        ("my back twitched, been gardening for two hours", "time"),
    ],
)
def test_a_rate_or_an_amount_with_its_unit_is_not_the_twitchs(
    gb: ModelMatcher, line: str, absent: str
) -> None:
    found = gb.understand(line, TODAY)
    assert found.intent == "LogTwitchIntent"
    assert absent not in found.slots


def test_a_clock_time_without_a_unit_is_still_a_time(gb: ModelMatcher) -> None:
    found = gb.understand("my calf twitched for two minutes at four", TODAY)
    assert (found.slots["duration"]["value"], found.slots["time"]["value"]) == ("PT2M", "04:00")


# --- a place's words are no trigger clause ------------------------------------------------------


def test_a_time_after_the_side_is_the_twitchs_with_a_story_after_it(gb: ModelMatcher) -> None:
    line = "my wrist jumped on the right side this afternoon for a few seconds, rough week at work"
    found = gb.understand(line, TODAY)
    assert found.slots["time"]["value"] == "AF"


# --- history ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "intent", "period"),
    [
        ("have i recorded any twitches this week", "CountTwitchesIntent", "this_week"),
        ("did i note anything last month", "CountTwitchesIntent", "last_month"),
        ("could you give me my summary for this month", "TwitchPatternsIntent", "this_month"),
        ("can i get a summary for last week", "TwitchPatternsIntent", "last_week"),
        ("when did my latest episode occur", "LastTwitchIntent", None),
        ("so how often have i been getting these twitches", "TwitchPatternsIntent", None),
    ],
)
def test_history_asked_in_other_words(
    gb: ModelMatcher, line: str, intent: str, period: str | None
) -> None:
    found = gb.understand(line, TODAY)
    assert found.intent == intent
    said = found.slots.get("period") or {}
    ids = [
        v["value"]["id"]
        for r in (said.get("resolutions") or {}).get("resolutionsPerAuthority", [])
        for v in r.get("values", [])
    ]
    assert (ids[0] if ids else None) == period


def test_did_i_log_anything_is_counted_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = chat(app, clock, settings_api.url, [OPEN, "have i recorded any twitches this week"],
                now=EVENING)  # fmt: skip
    assert "0 twitches" in text or "no twitches" in text.lower()


# --- emergencies ------------------------------------------------------------------------------


@pytest.mark.parametrize("spoken", ["blacked out", "keeled over", "not moving", "stopped talking"])
def test_collapse_in_everyday_words_is_urgent_through_post_alexa(
    client: FlaskClient, spoken: str
) -> None:
    resolved = value_id("en-GB", "URGENT_SYMPTOM", spoken)
    assert resolved == "stroke_or_seizure"
    slot = env.resolved_slot("symptom", spoken, resolved, "URGENT_SYMPTOM")
    text, body = env.ask(
        client, env.intent("UrgentSymptomIntent", EVENING, {"symptom": slot}, locale="en-GB")
    )
    assert alarmed(text)
    assert body["response"]["shouldEndSession"] is True


def _urgent_words(client: FlaskClient, words: str) -> str:
    slot = env.resolved_slot("symptom", words, None, "URGENT_SYMPTOM")
    text, _ = env.ask(
        client, env.intent("UrgentSymptomIntent", EVENING, {"symptom": slot}, locale="en-GB")
    )
    return text


def test_a_long_statement_with_a_known_symptom_inside_is_urgent(client: FlaskClient) -> None:
    # The whole line is no value (ER_SUCCESS_NO_MATCH); the rules alone know none of it.
    assert alarmed(_urgent_words(client, "my flatmate keeled over on the stairs and is silent"))


@pytest.mark.parametrize(
    "words",
    [
        # The rules' calm readings of the rest still hold: pressed on, long ago, over.
        "my leg went dead from kneeling on it for ages",
        "my grandad keeled over once years ago",
        "i blacked out after giving blood but i am fine now",
        # A symptom the rules see and read as denied is not looked at again.
        "i was told choking is a warning sign, i haven't had that, just my eyelid",
    ],
)
def test_a_long_statement_the_rules_read_as_calm_stays_calm(
    client: FlaskClient, words: str
) -> None:
    assert not alarmed(_urgent_words(client, words))


def test_collapse_in_everyday_words_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = chat(app, clock, settings_api.url, [OPEN, "my brother just blacked out at the table"],
                now=EVENING)  # fmt: skip
    assert alarmed(text)


def test_a_carrier_question_is_checked_with_its_carrier_through_post_alexa(
    client: FlaskClient,
) -> None:
    # "what" + "if i began slurring ...": a hypothetical, asked; without its carrier the
    # words would read as a report.
    words = "if i began slurring would i be able to tell"
    text, _ = env.ask(
        client, env.intent("AskWhatIntent", EVENING, {"question": words}, locale="en-GB")
    )
    assert not alarmed(text)


# --- the check-in offer ---------------------------------------------------------------------------


def test_an_answer_alexa_could_not_place_declines_the_check_in_offer_through_post_alexa(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    slots = {"location": d.location("chin", "chin"), "duration": "PT10S",
             "triggers": d.triggers(("none", "none"))}  # fmt: skip
    said, offered = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert speech.CHECKIN_OFFER in said
    fallback = env.intent("AMAZON.FallbackIntent", EVENING, session=d.next_session(offered),
                          api_endpoint=settings_api.url)  # fmt: skip
    text, body = env.ask(client, fallback)
    assert text.startswith(speech.CHECKIN_DECLINED)
    assert body["response"]["shouldEndSession"] is False
    assert not store.reminders.reminder_ids(store.user_key(env.USER_ID))


def test_skip_at_the_check_in_offer_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my left chin twitched for ten seconds after a coffee"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip it", "when was my last twitch"],
                now=EVENING)  # fmt: skip
    assert speech.CHECKIN_DECLINED in text
    assert "Your last twitch" in text


# --- the words around a symptom --------------------------------------------------------------


def _urgent_with_context(
    client: FlaskClient, symptom: tuple[str, str | None], context: tuple[str, str | None]
) -> tuple[str, dict[str, Any]]:
    slots = {
        "symptom": env.resolved_slot("symptom", *symptom, "URGENT_SYMPTOM"),
        "context": env.resolved_slot("context", *context, "SYMPTOM_CONTEXT"),
    }
    return env.ask(client, env.intent("UrgentSymptomIntent", EVENING, slots, locale="en-GB"))


def test_a_context_is_read_as_said(client: FlaskClient) -> None:
    # Words that report something now stay urgent, whatever else was said.
    text, _ = _urgent_with_context(client, ("wheezing", "breathing"), ("and now he is blue", None))
    assert alarmed(text)


@pytest.mark.parametrize("said", ["from sheer boredom", "with embarrassment"])
def test_a_figure_of_speech_is_calm_through_post_alexa(client: FlaskClient, said: str) -> None:
    context = (said, value_id("en-GB", "SYMPTOM_CONTEXT", said))
    assert context[1] == "figurative"
    text, body = _urgent_with_context(client, ("fainted", "stroke_or_seizure"), context)
    assert not alarmed(text)
    assert body["response"]["shouldEndSession"] is False


def test_a_figure_of_speech_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "honestly i nearly fainted from embarrassment at work"
    text = chat(app, clock, settings_api.url, [OPEN, line], now=EVENING)
    assert not alarmed(text)


def test_a_context_that_may_be_a_wrong_split_is_not_read_as_calm_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "it's gone" is a way of saying it is over, but here it starts "gone weak": the
    # rules read the words as said, and a false calm is worse than a false alarm.
    line = "my arm was twitching and now it's gone all weak and i can't lift it"
    text = chat(app, clock, settings_api.url, [OPEN, line], now=EVENING)
    assert alarmed(text)
