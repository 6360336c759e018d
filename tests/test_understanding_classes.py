"""Classes of everyday sentences the understanding benchmark found misread, each with new
sentences: places people name by a part of them, afterthought trigger clauses without a
subject, a time said inside a trigger's clause, and questions that open with a question
word. On an Echo (POST /alexa, envelopes filled from the generated model's values) and in
`twitch-diary chat` (the local matcher and the real skill).
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
from skill.episodes.model import Episode
from skill.episodes.store import Store
from skill.intents import LOCALES, load_model
from tests.chat_session import chat

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
TODAY = date(2026, 11, 24)
OPEN = "open muscle twitch diary"


def _episodes(store: Store) -> list[Episode]:
    return store.diary.all_episodes(store.user_key(env.USER_ID))


def _location_id(locale: str, spoken: str) -> str | None:
    """The id the locale's generated model resolves ``spoken`` to, as Alexa's entity
    resolution would (a value or a synonym of BODY_LOCATION), else None."""
    language = load_model(locale)["interactionModel"]["languageModel"]
    [body] = [t for t in language["types"] if t["name"] == "BODY_LOCATION"]
    for value in body["values"]:
        if spoken in (value["name"]["value"], *value["name"].get("synonyms", [])):
            return str(value["id"])
    return None


# --- a place named by a part of it -------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("spoken", "location"),
    # The shoulder blade lies on the upper back; the heel is part of the foot, not its sole.
    [("shoulder blade", "upper_back"), ("shoulder blades", "upper_back"), ("heel", "foot")],
)
def test_a_part_of_a_place_resolves_to_the_place_in_every_model(
    locale: str, spoken: str, location: str
) -> None:
    assert _location_id(locale, spoken) == location


@pytest.mark.parametrize(("spoken", "location"), [("shoulder blade", "upper_back"),
                                                  ("heel", "foot")])  # fmt: skip
def test_a_part_of_a_place_is_stored_as_the_place_through_post_alexa(
    client: FlaskClient, clock: TestClock, store: Store, settings_api: FakeSettingsApi,
    spoken: str, location: str,
) -> None:  # fmt: skip
    clock.now = EVENING
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")
    slots = {
        "location": d.location(spoken, _location_id("en-GB", spoken)),
        "side": d.side("left", "left"),
        "duration": "PT20S",
        "triggers": d.triggers(("none", "none")),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    [episode] = _episodes(store)
    assert (episode.location, episode.side) == (location, "left")


# --- the matcher -------------------------------------------------------------------------


def _trigger_words(found: Any) -> list[str]:
    slot = found.slots.get("triggers") or {}
    return [v["value"] for v in (slot.get("slotValue") or {}).get("values", [])]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        # An afterthought clause without "i", opened by a light verb or a denial.
        ("my elbow keeps twitching had a shocking night's sleep", "sleep"),
        ("my left shin jumped for ten seconds barely slept", "slept"),
        ("my wrist twitched hadn't drunk any water all morning", "water"),
        # "with" and who it was with closes the clause.
        ("my chin flickered didn't get much sleep with the twins", "sleep"),
        # A denial opening the clause is the value's own polarity.
        ("my calf is twitching and i had not drunk enough water", "water"),
    ],
)
def test_an_afterthought_trigger_clause_without_its_subject_is_a_trigger(
    gb: ModelMatcher, line: str, words: str
) -> None:
    found = gb.understand(line, TODAY)
    assert found.intent == "LogTwitchIntent"
    assert any(words in value for value in _trigger_words(found))


@pytest.mark.parametrize(
    "line",
    [
        "i hardly slept last night and now my wrist is twitching",
        "my thumb keeps jumping, didn't drink enough water yesterday",
        "after a heavy gym session yesterday my lower back is twitching",
    ],
)
def test_a_time_inside_a_trigger_clause_is_not_the_twitchs_when_it_is_going_on_now(
    gb: ModelMatcher, line: str
) -> None:
    found = gb.understand(line, TODAY)
    assert found.intent == "LogTwitchIntent"
    assert _trigger_words(found)
    assert "time" not in found.slots and "date" not in found.slots


def test_a_time_inside_a_trigger_clause_stays_when_the_twitch_was_then(
    gb: ModelMatcher,
) -> None:
    found = gb.understand("after a long swim last night my calf was twitching", TODAY)
    assert found.slots["time"]["value"] == "NI"


def test_a_span_of_the_day_said_of_the_twitch_is_its_time(gb: ModelMatcher) -> None:
    found = gb.understand("my forearm has been flickering on and off all morning", TODAY)
    assert found.slots["time"]["value"] == "MO"


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        # A question word swallowed into a place ("is eye") is still a question's opener.
        ("is calf twitching dangerous", "AskIsIntent"),
        ("what brings on thigh twitching", "AskWhatIntent"),
        # "can" opens a diary request only as "can you" / "can i".
        ("can stress make my lip twitch", "AskCanIntent"),
        ("can lack of magnesium cause twitching", "AskCanIntent"),
        ("could energy drinks make my eyelid flutter", "AskCouldIntent"),
        ("can you put down a twitch in my left wrist", "LogTwitchIntent"),
        ("can i add a twitch in my right shin", "LogTwitchIntent"),
        ("could i note down my calf twitching for a minute", "LogTwitchIntent"),
        # A story before a question's carrier is the question's, first word and all.
        ("my thigh jumped after a long bike ride, what should i do", "AskWhatToDoIntent"),
    ],
)
def test_a_question_word_first_is_a_question_and_a_request_frame_a_log(
    gb: ModelMatcher, line: str, intent: str
) -> None:
    assert gb.understand(line, TODAY).intent == intent


# --- through chat and the skill -------------------------------------------------------------


def test_an_afterthought_clause_and_its_day_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    line = "my right knee keeps twitching, barely slept at all yesterday"
    text = chat(app, clock, settings_api.url, [OPEN, line, "skip", "skip", "no"], now=EVENING)
    [episode] = _episodes(store)
    assert (episode.location, episode.side) == ("knee", "right")
    assert episode.local_date == date(2026, 11, 24)
    assert episode.triggers == ("poor_sleep",), text


def test_a_question_about_a_cause_is_answered_not_logged_through_chat(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = chat(app, clock, settings_api.url, [OPEN, "can stress make my eyelid twitch"],
                now=EVENING)  # fmt: skip
    assert not _episodes(store)
    assert "Left, right, or both sides?" not in text
    assert "stress" in text.lower()
