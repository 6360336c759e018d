"""The diary by voice through POST /alexa on a real Redis: history, deletion, concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.episodes.model import Episode
from skill.episodes.store import Store
from skill.episodes.store.diary import new_episode_id
from tests.conftest import NOW

# NOW: Tuesday 2026-11-24 18:30 UTC. The fake Settings API answers Europe/London (UTC+0).


def _add(store: Store, when: datetime, location: str = "calf", **fields: object) -> Episode:
    fields.setdefault("side", "left")
    fields.setdefault("time_of_day", "evening")
    episode = Episode(
        id=new_episode_id(),
        started_at=when,
        local_date=when.date(),
        location=location,
        **fields,  # type: ignore[arg-type]
    )
    store.diary.add_episode(store.user_key(env.USER_ID), episode, check_at=when)
    return episode


def _ask(
    client: FlaskClient, api: str, name: str, slots: dict | None = None, **kw: object
) -> tuple:
    return env.ask(client, env.intent(name, NOW, slots, api_endpoint=api, **kw))


def _utc(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_last_twitch(client: FlaskClient, store: Store, settings_api: FakeSettingsApi) -> None:
    assert _ask(client, settings_api.url, "LastTwitchIntent")[0] == speech.NO_ENTRIES
    _add(store, _utc(11, 20, 9), "eyelid", time_of_day="morning")
    _add(store, _utc(11, 23, 19), "calf", duration_seconds=120, triggers=("caffeine",))
    text, _ = _ask(client, settings_api.url, "LastTwitchIntent")
    assert text == (
        "Your last twitch: left calf, 2 minutes, yesterday evening, after caffeine. Anything else?"
    )


@pytest.fixture
def seeded(store: Store) -> None:
    for when in [
        _utc(11, 24, 9),  # today (Tuesday)
        _utc(11, 24, 17),
        _utc(11, 23),  # yesterday, Monday: this week
        _utc(11, 22),  # Sunday: last week
        _utc(11, 16),  # Monday last week
        _utc(11, 2),  # this month
        _utc(10, 30),  # last month
    ]:
        _add(store, when)


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ({}, "You logged 2 twitches today."),
        ({"period": d.period("today", "today")}, "You logged 2 twitches today."),
        ({"period": d.period("yesterday", "yesterday")}, "You logged 1 twitch yesterday."),
        ({"period": d.period("this week", "this_week")}, "You logged 3 twitches this week."),
        ({"period": d.period("last week", "last_week")}, "You logged 2 twitches last week."),
        ({"period": d.period("this month", "this_month")}, "You logged 6 twitches this month."),
        ({"period": d.period("last month", "last_month")}, "You logged 1 twitch last month."),
        ({"period": d.period("ever", "all_time")}, "You logged 7 twitches in total."),
        ({"date": "2026-11-22"}, "You logged 1 twitch on November 22."),
        ({"date": "PRESENT_REF"}, "You logged 2 twitches today."),
        ({"date": "2026-W47"}, "You logged 2 twitches from November 16 to November 22."),
        # The month of today runs on past it: said as since its first day.
        ({"date": "2026-11"}, "You logged 6 twitches since November 1."),
        ({"date": "2025-11-24"}, "You logged 0 twitches on November 24."),
        ({"date": "someday"}, speech.DATE_UNSUPPORTED),
        ({"period": d.period("this fortnight", None)}, speech.DATE_UNSUPPORTED),
    ],
)
def test_counts_by_period_and_date(
    client: FlaskClient, settings_api: FakeSettingsApi, seeded: None, slots: dict, expected: str
) -> None:
    # Each count is a finished answer: it ends with a short question (issue 12, item 1).
    unsupported = expected == speech.DATE_UNSUPPORTED
    asked = expected if unsupported else f"{expected} {speech.ANYTHING_ELSE}"
    assert _ask(client, settings_api.url, "CountTwitchesIntent", slots)[0] == asked


def test_counts_use_the_users_own_days(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    settings_api.zone = "America/New_York"
    _add(store, _utc(11, 24, 3))  # 22:00 on Monday in New York
    _add(store, _utc(11, 24, 15))  # 10:00 on Tuesday in New York
    assert _ask(client, settings_api.url, "CountTwitchesIntent")[0] == (
        "You logged 1 twitch today. Anything else?"
    )
    slots = {"period": d.period("yesterday", "yesterday")}
    assert _ask(client, settings_api.url, "CountTwitchesIntent", slots)[0] == (
        "You logged 1 twitch yesterday. Anything else?"
    )


def test_a_count_can_ask_about_one_place(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _add(store, _utc(11, 23, 9), "eyelid")
    _add(store, _utc(11, 24, 9), "eyelid", side="right")
    _add(store, _utc(11, 24, 10), "calf")
    # "how often did my eyelids twitch this week": Alexa resolves the plural to its id.
    week = {
        "period": d.period("this week", "this_week"),
        "location": d.location("eyelids", "eyelid"),
    }
    assert _ask(client, settings_api.url, "CountTwitchesIntent", week)[0] == (
        "You logged 2 twitches in your eyelid this week. Anything else?"
    )
    # An unresolved "my left calf" gets the cleaned second look; the day is today.
    today = {"location": d.location("my left calf", None)}
    assert _ask(client, settings_api.url, "CountTwitchesIntent", today)[0] == (
        "You logged 1 twitch in your calf today. Anything else?"
    )


def test_patterns(client: FlaskClient, store: Store, settings_api: FakeSettingsApi) -> None:
    _add(store, _utc(11, 20), "calf", triggers=("caffeine",))
    _add(store, _utc(11, 21), "eyelid", triggers=("none",))
    assert _ask(client, settings_api.url, "TwitchPatternsIntent")[0] == speech.PATTERN_TOO_FEW
    _add(store, _utc(11, 22, 8), "calf", triggers=("caffeine", "stress"), time_of_day="morning")
    _add(store, _utc(11, 23), "calf", triggers=("stress", "caffeine"))
    text, _ = _ask(client, settings_api.url, "TwitchPatternsIntent")
    assert text == (
        "Across 4 twitches: most often in your calf, 3 times, "
        "the most common trigger was caffeine and most were in the evening. Anything else?"
    )


def test_patterns_over_a_period_asked_for(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # Last week (Nov 16-22): three calf twitches after caffeine. This week: eyelids.
    for day in (16, 17, 18):
        _add(store, _utc(11, day), "calf", triggers=("caffeine",))
    for day in (23, 24):
        _add(store, _utc(11, day, 9), "eyelid", triggers=("stress",), time_of_day="morning")
    _add(store, _utc(11, 24, 10), "eyelid", triggers=("stress",), time_of_day="morning")
    last_week = {"period": d.period("last week", "last_week")}
    assert _ask(client, settings_api.url, "TwitchPatternsIntent", last_week)[0] == (
        "Across 3 twitches last week: most often in your calf, 3 times, "
        "the most common trigger was caffeine and most were in the evening. Anything else?"
    )
    this_week = {"period": d.period("this week", "this_week")}
    assert (
        "most often in your eyelid"
        in _ask(client, settings_api.url, "TwitchPatternsIntent", this_week)[0]
    )
    # Too few in a period says so, as over the whole diary.
    today = {"period": d.period("today", "today")}
    assert _ask(client, settings_api.url, "TwitchPatternsIntent", today)[0] == (
        speech.PATTERN_TOO_FEW
    )


def test_read_todays_entries(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {"period": d.period("today", "today")}
    assert _ask(client, settings_api.url, "ReadEntriesIntent", slots)[0] == (
        "You have no twitches logged today. Anything else?"
    )
    _add(store, _utc(11, 23))
    _add(store, _utc(11, 24, 8), "eyelid", side="right", time_of_day="morning")
    _add(
        store,
        _utc(11, 24, 14),
        "thigh",
        side="both",
        time_of_day="afternoon",
        duration_seconds=5400,
    )
    text, _ = _ask(client, settings_api.url, "ReadEntriesIntent", slots)
    assert text == (
        "Today, you logged 2 twitches. Right eyelid, this morning. "
        "Thigh, both sides, 1 hour 30 minutes, this afternoon. Anything else?"
    )


def test_reading_many_entries_stops_after_five(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    for hour in range(8):
        _add(store, _utc(11, 24, hour + 1), "toe")
    text, _ = _ask(client, settings_api.url, "ReadEntriesIntent", {"date": "2026-11-24"})
    assert text.startswith("Today, you logged 8 twitches.")
    assert text.count("Left toe") == 5 and text.endswith("And 3 more. Anything else?")


def test_delete_last_entry_names_it_and_deletes_exactly_it_on_yes(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    user = store.user_key(env.USER_ID)
    keep = _add(store, _utc(11, 23))
    _add(store, _utc(11, 24, 8), "eyelid", time_of_day="morning")
    text, body = _ask(client, settings_api.url, "DeleteLastEntryIntent")
    assert text == "Delete your last entry: left eyelid, this morning?"
    session = d.next_session(body)

    text, body = _ask(client, settings_api.url, "AMAZON.NoIntent", session=session)
    assert text == speech.NOT_DELETED and store.diary.episode_count(user) == 2

    _, body = _ask(client, settings_api.url, "DeleteLastEntryIntent")
    session = d.next_session(body)
    newer = _add(store, _utc(11, 24, 10), "shin")  # logged elsewhere while we asked
    text, body = _ask(client, settings_api.url, "AMAZON.YesIntent", session=session)
    assert text == speech.DELETED_LAST
    assert store.diary.all_episodes(user) == [keep, newer]
    assert "pending" not in d.next_session(body)

    text, _ = _ask(client, settings_api.url, "AMAZON.YesIntent", session=session)
    assert text == speech.ALREADY_GONE


def test_delete_last_with_an_empty_diary(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    assert _ask(client, settings_api.url, "DeleteLastEntryIntent")[0] == speech.NO_ENTRIES


def _keys_of(store: Store, redis_client) -> list[str]:
    user = store.user_key(env.USER_ID)
    return [k for k in redis_client.scan_iter(match="*") if user in k]


def test_delete_all_data_needs_a_yes_and_leaves_no_keys(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, redis_client
) -> None:
    _add(store, _utc(11, 23))
    store.profile.update_profile(store.user_key(env.USER_ID), {"notice_given": "1"})
    other = store.user_key("amzn1.ask.account.OTHER")
    store.diary.add_episode(
        other, store.diary.all_episodes(store.user_key(env.USER_ID))[0], check_at=NOW
    )

    text, body = _ask(client, settings_api.url, "DeleteAllDataIntent")
    assert text == speech.CONFIRM_DELETE_ALL
    text, _ = _ask(client, settings_api.url, "AMAZON.NoIntent", session=d.next_session(body))
    assert text == speech.KEPT_ALL and _keys_of(store, redis_client)

    _, body = _ask(client, settings_api.url, "DeleteAllDataIntent")
    text, reply = _ask(client, settings_api.url, "AMAZON.YesIntent", session=d.next_session(body))
    assert text == speech.DELETED_ALL and reply["response"]["shouldEndSession"] is True
    assert _keys_of(store, redis_client) == []
    assert store.due.due_count(NOW) == 1  # only the other user is still scheduled
    assert store.diary.episode_count(other) == 1


def test_skill_disabled_deletes_the_diary(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, redis_client
) -> None:
    _ask(client, settings_api.url, "LogTwitchIntent", {"location": d.location("calf", "calf"),
         "side": d.side("left", "left"), "duration": "PT1M", "time": "MO",
         "triggers": d.triggers(("stress", "stress"))}, dialog_state="STARTED")  # fmt: skip
    assert _keys_of(store, redis_client)
    reply = env.post(client, env.skill_event("AlexaSkillEvent.SkillDisabled", NOW))
    assert reply.status_code == 200
    assert _keys_of(store, redis_client) == []


def test_two_sessions_of_one_user_logging_at_once_lose_nothing(
    app: Flask, store: Store, settings_api: FakeSettingsApi
) -> None:
    per_session = 20
    replies: list[str] = []

    def session(worker: int) -> None:
        client = app.test_client()
        for n in range(per_session):
            slots = d.complete_slots(duration=f"PT{worker * 100 + n + 1}S")
            text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url))
            replies.append(text)

    threads = [threading.Thread(target=session, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(replies) == 2 * per_session and all(r.startswith("Saved:") for r in replies)
    stored = store.diary.all_episodes(store.user_key(env.USER_ID))
    expected = {w * 100 + n + 1 for w in range(2) for n in range(per_session)}
    assert {e.duration_seconds for e in stored} == expected


def test_a_question_asked_mid_entry_takes_over_the_yes_and_no(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _add(store, _utc(11, 23))
    sparse = d.complete_slots(triggers=None, side=None, duration=None)
    _, body = env.ask(client, d.log(NOW, sparse, api=settings_api.url))
    assert "diary_draft" in d.next_session(body)  # the skill is asking about the side
    _, body = _ask(client, settings_api.url, "DeleteLastEntryIntent", session=d.next_session(body))
    assert "diary_draft" not in d.next_session(body)
    text, _ = _ask(client, settings_api.url, "AMAZON.YesIntent", session=d.next_session(body))
    assert text == speech.DELETED_LAST
    assert store.diary.episode_count(store.user_key(env.USER_ID)) == 0
