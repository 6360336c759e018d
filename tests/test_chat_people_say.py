"""`twitch-diary chat` against the real skill: times, plurals, widespread, repair, declines.

The chat matcher fills slots from the generated model the way Alexa would; what is
checked here is what the skill then stored and said. 20:00 on a Tuesday in London.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask

from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.episodes.model import Episode
from skill.episodes.store import Store
from tests.chat_session import chat

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
OPEN = "open muscle twitch diary"


def _chat(app: Flask, clock: TestClock, api: str, lines: list[str]) -> str:
    return chat(app, clock, api, lines, now=EVENING)


def _episodes(store: Store) -> list[Episode]:
    return store.diary.all_episodes(store.user_key(env.USER_ID))


def test_tonight_in_the_evening_is_saved_on_todays_date(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = _chat(app, clock, settings_api.url, [OPEN, "my left calf twitched tonight"])
    assert "alexa: Saved: left calf, tonight." in text
    [episode] = _episodes(store)
    assert episode.local_date == date(2026, 11, 24) and episode.started_at == EVENING


def test_yesterday_alone_has_no_time_of_day(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = _chat(
        app, clock, settings_api.url, [OPEN, "my thigh twitched yesterday", "skip", "skip", "skip"]
    )
    assert "alexa: Saved: thigh, yesterday." in text
    [episode] = _episodes(store)
    assert episode.local_date == date(2026, 11, 23) and episode.time_of_day is None


def test_an_hour_ago_is_an_hour_before_the_request(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "my neck twitched an hour ago", "skip", "skip", "skip", "no"]
    _chat(app, clock, settings_api.url, lines)
    [episode] = _episodes(store)
    assert episode.location == "neck"
    assert episode.started_at == datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def test_all_over_help_and_two_triggers_in_one_dialog(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "log a twitch", "all over", "help", "two minutes", "skip",
             "after two coffees and a bad night's sleep"]  # fmt: skip
    text = _chat(app, clock, settings_api.url, lines)
    assert f"alexa: {speech.DIARY_HELP} {speech.ASK_DURATION}" in text
    [episode] = _episodes(store)
    assert (episode.location, episode.duration_seconds) == ("widespread", 120)
    assert episode.triggers == ("caffeine", "poor_sleep")


def test_my_calves_means_both_sides(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    _chat(app, clock, settings_api.url, [OPEN, "my calves twitched for a minute this evening"])
    [episode] = _episodes(store)
    assert (episode.location, episode.side) == ("calf", "both")


def test_set_a_timer_is_not_logged(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = _chat(app, clock, settings_api.url, [OPEN, "set a timer"])
    assert "Saved" not in text and speech.ASK_LOCATION not in text
    assert _episodes(store) == []


LATE_EVENING = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)


def test_a_trigger_told_first_in_new_words_is_understood(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "hardly slept at all and now my left wrist keeps twitching", "no"]
    _chat(app, clock, settings_api.url, lines)
    [episode] = _episodes(store)
    assert (episode.location, episode.side, episode.triggers) == ("wrist", "left", ("poor_sleep",))


def test_triggers_said_in_two_places_are_both_kept(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "after my swim my right shin was twitching i was so stressed", "no"]
    _chat(app, clock, settings_api.url, lines)
    [episode] = _episodes(store)
    assert episode.location == "shin"
    assert set(episode.triggers) == {"exercise", "stress"}


def test_a_clock_time_without_am_or_pm_is_the_latest_past_one(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "at about ten my left wrist twitched", "no"]
    chat(app, clock, settings_api.url, lines, now=LATE_EVENING)
    [episode] = _episodes(store)
    assert episode.started_at == datetime(2026, 11, 24, 22, 0, tzinfo=UTC)


def test_a_part_of_the_day_with_the_clock_sets_its_half(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    lines = [OPEN, "my right knee twitched at quarter past eleven last night", "no"]
    chat(app, clock, settings_api.url, lines, now=morning)
    [episode] = _episodes(store)
    assert episode.started_at == datetime(2026, 11, 23, 23, 15, tzinfo=UTC)
    assert episode.local_date == date(2026, 11, 23)


def test_since_a_stretch_of_time_is_when_it_started(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "my chin is twitching since forty minutes", "not sure", "nothing", "no"]
    _chat(app, clock, settings_api.url, lines)
    [episode] = _episodes(store)
    assert episode.location == "chin"
    assert episode.started_at == datetime(2026, 11, 24, 19, 20, tzinfo=UTC)
    assert episode.duration_seconds is None


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        ("how often has my right thumb twitched this month", "You logged 0 twitches in your thumb"),
        ("how many times i had twitching this week", "You logged 0 twitches this week"),
        ("what's been bringing them on", speech.PATTERN_TOO_FEW),
        ("have you spotted any trends so far", speech.PATTERN_TOO_FEW),
        ("can i get a recap of last week", "You have no twitches logged last week"),
        ("tell me the details of my last twitch", speech.NO_ENTRIES),
        ("which spot twitched the most this week", speech.PATTERN_TOO_FEW),
        ("could you run through what i logged yesterday", "You have no twitches logged yesterday"),
    ],
)
def test_history_asked_in_other_words(
    app: Flask, clock: TestClock, settings_api: FakeSettingsApi, line: str, reply: str
) -> None:
    text = _chat(app, clock, settings_api.url, [OPEN, line])
    assert f"alexa: {reply}" in text


@pytest.mark.parametrize(
    ("line", "location", "side"),
    [
        ("the middle finger on my right hand keeps twitching", "finger", "right"),
        ("the heel of my left foot was twitching for a few seconds", "foot", "left"),
        # A word before the place ("something") is no side.
        ("something twitched under my right eye", "eyelid", "right"),
    ],
)
def test_a_place_said_with_another_in_chat(
    app: Flask,
    clock: TestClock,
    store: Store,
    settings_api: FakeSettingsApi,
    line: str,
    location: str,
    side: str,
) -> None:
    _chat(app, clock, settings_api.url, [OPEN, line, "not sure", "nothing", "no"])
    [episode] = _episodes(store)
    assert (episode.location, episode.side) == (location, side)


def test_running_on_no_sleep_is_poor_sleep_and_pre_workout_a_stimulant(
    app: Flask, clock: TestClock, store: Store, settings_api: FakeSettingsApi
) -> None:
    lines = [OPEN, "my left calf keeps twitching i'm running on no sleep", "not sure", "no"]
    _chat(app, clock, settings_api.url, lines)
    lines = [OPEN, "my right thigh twitched after my pre workout", "not sure", "no"]
    _chat(app, clock, settings_api.url, lines)
    calf, thigh = sorted(_episodes(store), key=lambda e: e.location)
    assert calf.triggers == ("poor_sleep",)
    assert thigh.triggers == ("stimulants",)
