"""Classes the ninth understanding batch found misread, each with new sentences: a day said
after "since", an amount said with "back" or "ago", a speaker correcting themself, a clause
after "i am", a list value running into the next clause, an activity said after "while i
was", a moment long ago in its own slot, a life stage that is over, seizures called "fits",
everyday trigger words, and patterns asked in other words. On an Echo (POST /alexa,
envelopes filled the way the generated model fills them) and in `twitch-diary chat` (the
local matcher and the skill).
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
from skill.episodes.model import TRIGGERS
from skill.episodes.store import Store
from skill.episodes.trigger_concepts import concepts_in
from skill.faq.emergency import detect
from skill.intents import LOCALES, load_model
from tests.chat_session import chat
from tests.model_values import value_id
from tests.understanding_helpers import alarmed, diary_of, slots_heard

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
TODAY = date(2026, 11, 24)
OPEN = "open muscle twitch diary"


# --- a day after "since" -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("how many twitches have i had since sunday", "CountTwitchesIntent"),
        ("how many twitches did i log since friday", "CountTwitchesIntent"),
        ("where do i twitch most since monday", "TwitchPatternsIntent"),
    ],
)
def test_a_day_after_since_is_the_since_slot_not_that_one_day(
    gb: ModelMatcher, line: str, intent: str
) -> None:
    heard, slots = slots_heard(gb, line)
    assert heard == intent
    assert "since" in slots and "date" not in slots


def test_a_day_after_on_is_still_that_day(gb: ModelMatcher) -> None:
    heard, slots = slots_heard(gb, "how many twitches on monday")
    assert (heard, "date" in slots, "since" in slots) == ("CountTwitchesIntent", True, False)


def test_logging_since_a_day_keeps_that_day(gb: ModelMatcher) -> None:
    # Logging has one day slot: "since" there says when it started.
    _, slots = slots_heard(gb, "my calf has been twitching since yesterday")
    assert slots.get("date") == "2026-11-23"


# --- an amount said with "back" or "ago" --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "my right forearm is twitching, it started twenty minutes back",
        "my shin is twitching, it began ten minutes before",
    ],
)
def test_an_amount_with_back_is_when_it_started_not_how_long(gb: ModelMatcher, line: str) -> None:
    _, slots = slots_heard(gb, line)
    assert "duration" not in slots
    assert slots.get("ago") in ("PT20M", "PT10M")


def test_an_amount_with_for_is_still_how_long(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "my calf twitched for twenty minutes")
    assert (slots.get("duration"), "ago" in slots) == ("PT20M", False)


# --- a speaker correcting themself -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "location", "side"),
    [
        ("my belly twitched, wait no, it was more like my right ribs", "ribs", "right"),
        ("my left thumb, sorry i mean my left wrist, was twitching", "wrist", "left"),
        ("my right big toe, no wait, my heel twitched", "heel", "right"),
    ],
)
def test_what_is_said_after_a_correction_replaces_it(
    gb: ModelMatcher, line: str, location: str, side: str | None
) -> None:
    heard, slots = slots_heard(gb, line)
    assert heard == "LogTwitchIntent"
    assert slots["location"] == location
    assert slots.get("side") == side  # a side not said again stands


def test_a_correction_keeps_what_it_does_not_say_again(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "my left calf twitched at three pm, no wait, my left shin")
    assert (slots["location"], slots.get("time")) == ("shin", "15:00")


def test_a_correction_that_adds_a_day(gb: ModelMatcher) -> None:
    _, slots = slots_heard(gb, "my thigh twitched, no wait, it was yesterday")
    assert (slots["location"], slots.get("date")) == ("thigh", "2026-11-23")


def test_a_correction_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my jaw twitched, no wait, it was my left cheek, for ten seconds"
    text = chat(app, clock, settings_api.url, [OPEN, line, "no", "no"], now=EVENING)
    [episode] = diary_of(store)
    assert (episode.location, episode.side, episode.duration_seconds) == ("cheek", "left", 10), text


# --- clauses as trigger values ------------------------------------------------------------------


def test_a_clause_after_i_am_is_a_trigger_in_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my eyelid is twitching and i am sleeping just five hours a night"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "no"], now=EVENING)
    [episode] = diary_of(store)
    assert "poor_sleep" in episode.triggers, text


@pytest.mark.parametrize(
    "line",
    ["something twitched under my left eye", "a muscle flickered near my right knee"],
)
def test_a_list_value_does_not_end_on_the_glue_of_what_follows(gb: ModelMatcher, line: str) -> None:
    _, slots = slots_heard(gb, line)
    assert "triggers" not in slots


# --- a moment long ago, a life stage that is over ---------------------------------------------


def _log_said(client: FlaskClient, api: str, ago: str, words: str) -> str:
    slots = {
        "location": env.resolved_slot("location", "chest", "chest", "BODY_LOCATION"),
        "ago": ago,
        "triggers": d.triggers((words, None)),
    }
    text, _ = env.ask(client, d.log(EVENING, slots, api=api))
    return text


def test_a_breathing_problem_said_years_ago_in_the_ago_slot_is_calm_through_post_alexa(
    client: FlaskClient, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    said = _log_said(client, settings_api.url, "P3Y", "i could not breathe")
    assert not alarmed(said, "en-US")


def test_a_breathing_problem_said_hours_ago_is_still_urgent_through_post_alexa(
    client: FlaskClient, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    clock.now = EVENING
    assert alarmed(_log_said(client, settings_api.url, "PT2H", "i could not breathe"), "en-US")


@pytest.mark.parametrize(
    ("words", "urgent"),
    [
        ("back at uni i had a seizure, now i am fine, could stress bring twitches", False),
        ("when i was at school i passed out once, now i feel fine", False),
        ("i had a stroke years ago but now i am not fine, my arm is weak", True),
        ("my mum fainted and now it is not fine, she will not wake up", True),
        ("years ago i had a seizure, now i am fine but my arm suddenly went weak", True),
    ],
)
def test_a_life_stage_that_is_over_is_calm_unless_something_is_wrong_now(
    words: str, urgent: bool
) -> None:
    assert (detect(words) is not None) is urgent


# --- seizures called fits ----------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("spoken", ["fits", "a fit", "getting fits"])
def test_fits_are_a_seizure_in_every_model(locale: str, spoken: str) -> None:
    assert value_id(locale, "URGENT_SYMPTOM", spoken) == "stroke_or_seizure"


def test_fits_said_now_are_urgent_through_chat(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    text = chat(app, clock, settings_api.url, [OPEN, "my daughter is getting fits right now"],
                now=EVENING, locale="en-IN", zone="Asia/Kolkata")  # fmt: skip
    assert alarmed(text, "en-IN")


# --- everyday trigger words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "concepts"),
    [
        ("i am very tensed about the results", ["stress"]),
        ("drinking very less water these days", ["dehydration"]),
        ("sitting in an office chair all day", []),  # a chair is no chai
        ("a masala chai at breakfast", ["caffeine"]),
    ],
)
def test_everyday_trigger_words(words: str, concepts: list[str]) -> None:
    assert concepts_in(words) == concepts


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("spoken", ["pushups", "situps"])
def test_exercises_in_one_word_are_exercise_in_every_model(locale: str, spoken: str) -> None:
    assert value_id(locale, "TRIGGER", spoken) == "exercise"
    assert "exercise" in TRIGGERS


# --- patterns asked in other words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "period"),
    [
        ("what seems to trigger my twitches", None),
        ("which body part is twitching most in the past one week", "last_7_days"),
    ],
)
def test_patterns_in_other_words(line: str, period: str | None) -> None:
    matcher = ModelMatcher(load_model("en-IN"))
    found = matcher.understand(line, TODAY)
    assert found.intent == "TwitchPatternsIntent"
    resolved = found.slots.get("period", {}).get("resolutions", {})
    ids = [
        v["value"]["id"]
        for authority in resolved.get("resolutionsPerAuthority", [])
        for v in authority.get("values", [])
    ]
    assert (ids[0] if ids else None) == period
