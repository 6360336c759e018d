"""Logging the way people talk, through POST /alexa: times, plurals, everyday words, "other".

Envelopes are filled as the generated model makes Alexa fill them: the slot value is the
words said; a value or synonym of the type resolves ER_SUCCESS_MATCH with its id, any
other words ER_SUCCESS_NO_MATCH. Built-in slots carry Alexa's formats (NI, PT1H, dates).
London is UTC in November, so local times read as the UTC times below.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.envelopes import TestClock
from devkit.fake_settings_api import FakeSettingsApi
from skill.episodes import rules
from skill.episodes.export import to_csv, to_json
from skill.episodes.store import Store
from skill.report.data import log_row

EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday, 20:00 in London
FALLBACK = "AMAZON.FallbackIntent"


@pytest.fixture(autouse=True)
def _evening(clock: TestClock, store: Store) -> None:
    clock.now = EVENING
    store.profile.claim_profile_flag(store.user_key(env.USER_ID), "checkin_offered")


def _walk(client: FlaskClient, api: str, first: dict, replies: list) -> tuple[str, dict]:
    """The first LogTwitchIntent turn, then per later turn an intent name or slots."""
    text, body = env.ask(client, d.log(EVENING, first, api=api))
    for reply in replies:
        session = d.next_session(body)
        if isinstance(reply, str):
            request = env.intent(reply, EVENING, session=session, api_endpoint=api)
        else:
            request = d.log(EVENING, reply, api=api, dialog_state="IN_PROGRESS", session=session)
        text, body = env.ask(client, request)
    return text, body


def _history(name: str, api: str, **slots: dict) -> dict:
    return env.intent(name, EVENING, dict(slots) or None, api_endpoint=api)


def _only_episode(store: Store):  # type: ignore[no-untyped-def]
    [episode] = store.diary.all_episodes(store.user_key(env.USER_ID))
    return episode


# --- time -----------------------------------------------------------------------------------


def test_tonight_said_in_the_evening_is_today(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "my left calf twitched tonight" at 20:00: "tonight" is AMAZON.TIME NI.
    slots = {"location": d.location("calf", "calf"), "side": d.side("left", "left"), "time": "NI"}
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text == "Saved: left calf, tonight. Goodbye."
    episode = _only_episode(store)
    assert episode.local_date == date(2026, 11, 24)
    assert episode.started_at == EVENING


def test_this_evening_said_in_the_morning_is_yesterday_evening(
    client: FlaskClient, store: Store, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    morning = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    clock.now = morning
    slots = {"location": d.location("calf", "calf"), "side": d.side("left", "left"), "time": "EV"}
    text, _ = env.ask(client, d.log(morning, slots, api=settings_api.url))
    assert text == "Saved: left calf, yesterday evening. Goodbye."
    assert _only_episode(store).local_date == date(2026, 11, 23)


def test_an_hour_ago_is_resolved_against_now_in_the_users_zone(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "my neck twitched an hour ago": the ago slot; then skip the two details asked.
    text, _ = _walk(
        client,
        settings_api.url,
        {"location": d.location("neck", "neck"), "ago": "PT1H"},
        [FALLBACK, FALLBACK],
    )
    assert text == "Saved: neck, this evening. Goodbye."
    episode = _only_episode(store)
    assert episode.started_at == datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
    assert episode.time_of_day == "evening"


def test_ago_in_new_york_is_their_evening_not_londons(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    settings_api.zone = "America/New_York"  # 20:00 UTC is 15:00 there
    slots = {"location": d.location("neck", "neck"), "ago": "PT20M", "duration": "PT10S"}
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text == "Saved: neck, 10 seconds, this afternoon. Goodbye."
    assert _only_episode(store).started_at == datetime(2026, 11, 24, 19, 40, tzinfo=UTC)


def test_a_date_alone_stores_that_day_and_no_time_of_day(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "my thigh twitched yesterday": only the date; side and the rest are skipped.
    text, _ = _walk(
        client,
        settings_api.url,
        {"location": d.location("thigh", "thigh"), "date": "2026-11-23"},
        [FALLBACK, FALLBACK, FALLBACK],
    )
    assert text == "Saved: thigh, yesterday. Goodbye."
    episode = _only_episode(store)
    assert episode.local_date == date(2026, 11, 23)
    assert episode.time_of_day is None
    # Everything downstream copes with no time of day.
    text, _ = env.ask(client, _history("LastTwitchIntent", settings_api.url))
    assert text == "Your last twitch: thigh, yesterday. Anything else?"
    [row] = json.loads(to_json([episode]))["episodes"]
    assert row["time_of_day"] is None and row["local_date"] == "2026-11-23"
    assert to_csv([episode]).splitlines()[1].split(",")[7] == ""
    assert log_row(episode, UTC).clock == ""
    week_text, _ = env.ask(
        client, env.intent("WeeklySummaryIntent", EVENING, api_endpoint=settings_api.url)
    )
    assert week_text.startswith("1 twitch on 1 day in the last seven days.")


def test_a_weekday_without_a_time_is_read_back_as_the_day(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {"location": d.location("calf", "calf"), "side": d.side("left", "left"),
             "date": "2026-11-21", "duration": "PT1M"}  # fmt: skip
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text == "Saved: left calf, 1 minute, on Saturday. Goodbye."


def test_a_few_seconds_is_not_read_back_as_an_exact_three(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    slots = {"location": d.location("eyelid", "eyelid"), "side": d.side("left", "left"),
             "duration": "PT3S"}  # fmt: skip
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text == "Saved: left eyelid, a few seconds, this evening. Goodbye."


# --- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spoken", "value_id", "side"),
    [
        ("calves", "calf", "both"),  # "my calves twitched"
        ("both calves", None, "both"),  # "both my calves": not in the type as said
        ("my hammies", None, "both"),  # cleaned: "hammy", plural of a paired place
        ("thighs", "thigh", "both"),
        ("ribs", "ribs", None),  # a plural that is just the place
        ("fingers", "finger", None),  # five a side: a plural does not mean both sides
    ],
)
def test_a_plural_of_a_paired_place_means_both_sides(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi,
    spoken: str, value_id: str | None, side: str | None,
) -> None:  # fmt: skip
    slots = {"location": d.location(spoken, value_id), "duration": "PT1M", "time": "EV"}
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text.startswith("Saved: ")  # place and two details: saved as told
    assert _only_episode(store).side == side


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [("my tummy", "stomach"), ("the bum cheek", "buttock"), ("pinkies", "finger"),
     ("ball of the foot", "sole"), ("left quad", "quadriceps"), ("eye lids", "eyelid"),
     ("calf for about two minutes after my run", "calf"),
     # The ball of the foot is on its sole; the skin under the eye is the lower eyelid.
     ("under my eye", "eyelid"),
     # A place, then where on the body it is: the place said first is meant.
     ("wrist, left arm", "wrist"), ("the right side of my jaw", "jaw"),
     ("my side", "side")],
)  # fmt: skip
def test_an_unmatched_place_is_cleaned_and_retried(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, spoken: str, expected: str
) -> None:
    slots = {"location": d.location(spoken, None), "side": d.side("right", "right"),
             "duration": "PT1M"}  # fmt: skip
    text, _ = env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert text.startswith("Saved: ")
    assert _only_episode(store).location == expected


# --- triggers -------------------------------------------------------------------------------


def _log_triggers(client: FlaskClient, api: str, *pairs: tuple[str, str | None]) -> str:
    slots = {"location": d.location("calf", "calf"), "side": d.side("left", "left"),
             "triggers": d.triggers(*pairs)}  # fmt: skip
    text, _ = env.ask(client, d.log(EVENING, slots, api=api))
    return text


def test_everyday_trigger_words_are_cleaned_to_their_ids(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = _log_triggers(client, settings_api.url, ("three coffees", None), ("some red bull", None))
    assert text == "Saved: left calf, this evening, after caffeine. Goodbye."
    assert _only_episode(store).triggers == ("caffeine",)


def test_the_second_of_two_triggers_is_kept(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # One unresolved value holding both ("coffee and a bad night's sleep").
    _log_triggers(client, settings_api.url, ("an espresso and a bad nights sleep", None))
    assert _only_episode(store).triggers == ("caffeine", "poor_sleep")


def test_an_unknown_trigger_is_kept_in_the_users_words_everywhere(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    text = _log_triggers(
        client, settings_api.url, ("knackered", "fatigue"), ("arguing with my sister", None)
    )
    assert text == (
        "Saved: left calf, this evening, after fatigue and arguing with my sister. Goodbye."
    )
    episode = _only_episode(store)
    assert episode.triggers == ("fatigue", "other:arguing with my sister")
    read, _ = env.ask(client, _history("ReadEntriesIntent", settings_api.url))
    assert "arguing with my sister" in read
    assert "other:arguing with my sister" in to_csv([episode])


def test_a_negated_value_is_not_picked_out_of_a_phrase(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _log_triggers(client, settings_api.url, ("no coffee today", None))
    assert _only_episode(store).triggers == ("other:no coffee today",)


# --- widespread -----------------------------------------------------------------------------


def test_all_over_at_the_location_question_is_logged_as_widespread_and_spreads(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    text, _ = _walk(
        client,
        settings_api.url,
        {},
        [{"location": d.location("all over", "widespread")}, FALLBACK, FALLBACK, FALLBACK],
    )
    assert text == "Saved: all over, this evening. Goodbye."  # no "which side?" for all over
    episode = _only_episode(store)
    assert episode.location == "widespread"
    findings = rules.evaluate([episode], set(), {}, today=date(2026, 11, 24))
    assert [f.rule for f in findings] == [rules.SPREADING]


def test_my_whole_body_said_as_unmatched_words_is_widespread_too(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = {"location": d.location("my whole body again", None), "duration": "PT1M",
             "time": "EV"}  # fmt: skip
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    assert _only_episode(store).location == "widespread"


# --- history --------------------------------------------------------------------------------


def _seed(store: Store, *days: int) -> None:
    from skill.episodes.model import Episode

    user = store.user_key(env.USER_ID)
    for n in days:
        moment = datetime(2026, 11, n, 12, 0, tzinfo=UTC)
        store.diary.add_episode(
            user, Episode(f"e{n}", moment, moment.date(), "calf", time_of_day="afternoon"),
            check_at=moment,
        )  # fmt: skip


def test_the_last_seven_days_is_its_own_period(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _seed(store, 17, 18, 22, 23, 24)  # 18th is six days before Tuesday the 24th
    period = d.period("the last seven days", "last_7_days")
    text, _ = env.ask(client, _history("CountTwitchesIntent", settings_api.url, period=period))
    assert text == "You logged 4 twitches in the last seven days. Anything else?"
    week = d.period("this week", "this_week")  # the calendar week: Monday 23rd on
    text, _ = env.ask(client, _history("CountTwitchesIntent", settings_api.url, period=week))
    assert text == "You logged 2 twitches this week. Anything else?"


def test_this_week_is_the_calendar_week_in_the_users_zone(
    client: FlaskClient, store: Store, clock: TestClock, settings_api: FakeSettingsApi
) -> None:
    # 03:00 UTC on Monday the 23rd is still Sunday evening in New York: last week there.
    user = store.user_key(env.USER_ID)
    from skill.episodes.model import Episode

    moment = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    store.diary.add_episode(user, Episode("x", moment, date(2026, 11, 22), "calf"), check_at=moment)
    settings_api.zone = "America/New_York"
    week = d.period("this week", "this_week")
    text, _ = env.ask(client, _history("CountTwitchesIntent", settings_api.url, period=week))
    assert text == "You logged 0 twitches this week. Anything else?"


@pytest.mark.parametrize(
    ("said", "ids"),
    [
        # Words about a trigger the type does not list, each naming one of the article's.
        (("a late shift at the warehouse", None), ("fatigue",)),
        (("hardly slept a couple of hours", None), ("poor_sleep",)),
        (("a netball game", None), ("exercise",)),
        # A chore is a cause of its own, kept in the user's words, beside the sport.
        (("mowing the lawn then a long cycle", None), ("exercise", "other:mowing the lawn")),
        (("two mugs of builder's tea", None), ("caffeine",)),
        (("worrying about my mortgage", None), ("stress",)),
        # Two triggers in one unresolved phrase, no "and" between them.
        (("revising for my finals on barely any sleep", None), ("poor_sleep", "stress")),
        # A sport watched is no exercise; sleep as the moment ("dozing off") is no trigger.
        (("watching the rugby with a strong coffee", None), ("caffeine",)),
        (("a long walk while trying to get to sleep", None), ("exercise",)),
    ],
)
def test_everyday_words_about_a_trigger_name_it(
    client: FlaskClient,
    store: Store,
    settings_api: FakeSettingsApi,
    said: tuple[str, None],
    ids: tuple[str, ...],
) -> None:
    _log_triggers(client, settings_api.url, said)
    assert _only_episode(store).triggers == ids


def test_words_about_no_known_trigger_stay_in_the_users_words(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _log_triggers(client, settings_api.url, ("the team meeting ran late", None))
    # "ran" is a sport only as a whole word about running; "team" is not "tea".
    assert _only_episode(store).triggers == ("other:the team meeting ran late",)


@pytest.mark.parametrize(
    ("spoken", "location", "side"),
    [
        # One place said with another: the first is meant, and the side said goes with it.
        ("the ring finger on my left hand", "finger", "left"),
        ("the heel of my right foot", "foot", "right"),
        ("toes on both feet", "toe", "both"),
        ("the back of my left knee", "knee", "left"),
        # Two places side by side: the last is meant.
        ("right hand thumb", "thumb", "right"),
    ],
)
def test_a_place_said_with_another_is_its_head_with_the_side_said(
    client: FlaskClient,
    store: Store,
    settings_api: FakeSettingsApi,
    spoken: str,
    location: str,
    side: str,
) -> None:
    slots = {
        "location": d.location(spoken, None),
        "duration": "PT1M",
        "triggers": d.triggers(("none", "none")),
    }
    env.ask(client, d.log(EVENING, slots, api=settings_api.url))
    episode = _only_episode(store)
    assert (episode.location, episode.side) == (location, side)


def test_now_is_the_moment_said_and_days_ago_a_day_without_a_time(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    base = {"location": d.location("calf", "calf"), "side": d.side("left", "left"),
            "duration": "PT1M", "triggers": d.triggers(("none", "none"))}  # fmt: skip
    env.ask(client, d.log(EVENING, {**base, "date": "PRESENT_REF"}, api=settings_api.url))
    [now] = store.diary.all_episodes(store.user_key(env.USER_ID))
    assert (now.started_at, now.time_of_day) == (EVENING, "evening")
    env.ask(client, d.log(EVENING, {**base, "ago": "P3D"}, api=settings_api.url))
    three_days = next(
        e for e in store.diary.all_episodes(store.user_key(env.USER_ID)) if e.id != now.id
    )
    assert three_days.local_date == date(2026, 11, 21)
    assert three_days.time_of_day is None
