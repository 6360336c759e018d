"""Logging twitches through POST /alexa on a real Redis: one-shot and multi-turn dialogs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask.testing import FlaskClient

from devkit import diary_envelopes as d
from devkit import envelopes as env
from devkit.fake_settings_api import FakeSettingsApi
from skill import speech
from skill.episodes.store import Store
from tests.conftest import NOW

# NOW is 18:30 UTC on 2026-11-24: 18:30 in London, 13:30 in New York.


def _user(store: Store) -> str:
    return store.user_key(env.USER_ID)


@pytest.fixture(autouse=True)
def _check_in_already_offered(store: Store) -> None:
    """These tests follow the logging dialog; the check-in offered after a first entry has
    its own tests (tests/test_checkin_offer.py)."""
    store.profile.claim_profile_flag(_user(store), "checkin_offered")


def test_one_shot_is_saved_without_questions(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "my left calf twitched for two minutes after coffee this morning"
    slots = {
        "location": d.location("calf", "calf"),
        "side": d.side("left", "left"),
        "duration": "PT2M",
        "triggers": d.triggers(("coffee", "caffeine")),
        "time": "MO",
    }
    text, body = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert text == "Saved: left calf, 2 minutes, this morning, after caffeine. Goodbye."
    assert body["response"]["shouldEndSession"] is True
    assert not d.directives(body)
    [episode] = store.diary.all_episodes(_user(store))
    assert (episode.location, episode.side, episode.duration_seconds) == ("calf", "left", 120)
    assert episode.triggers == ("caffeine",)
    assert episode.time_of_day == "morning"
    assert episode.started_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 09:00 in London
    assert episode.local_date == date(2026, 11, 24)


def test_missing_location_is_delegated_to_alexa_then_details_are_asked_once(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    _, body = env.ask(client, d.log(NOW, {}, api=settings_api.url))
    [directive] = d.directives(body)
    assert directive["type"] == "Dialog.Delegate"
    assert "outputSpeech" not in body["response"]

    session = d.next_session(body)
    slots = {"location": d.location("eye lid", "eyelid")}
    text, body = env.ask(
        client, d.log(NOW, slots, api=settings_api.url, dialog_state="IN_PROGRESS", session=session)
    )
    assert text == speech.ASK_SIDE
    [directive] = d.directives(body)
    assert directive["type"] == "Dialog.ElicitSlot" and directive["slotToElicit"] == "side"
    assert body["response"]["shouldEndSession"] is False

    answers = [
        ("side", d.side("right", "right"), "duration", speech.ASK_DURATION),
        ("duration", "PT30S", "time", speech.ASK_TIME),
        ("time", "14:05", "triggers", speech.ASK_TRIGGERS),
    ]
    for name, value, next_slot, question in answers:
        slots[name] = value
        session = d.next_session(body)
        text, body = env.ask(
            client,
            d.log(NOW, slots, api=settings_api.url, dialog_state="IN_PROGRESS", session=session),
        )
        assert text == question
        assert d.directives(body)[0]["slotToElicit"] == next_slot
    assert store.diary.episode_count(_user(store)) == 0  # nothing saved before the dialog ends

    slots["triggers"] = d.triggers(("stress", "stress"), ("tired", "fatigue"))
    session = d.next_session(body)
    text, body = env.ask(
        client, d.log(NOW, slots, api=settings_api.url, dialog_state="COMPLETED", session=session)
    )
    assert text == (
        "Saved: right eyelid, 30 seconds, this afternoon, after fatigue and stress. Goodbye."
    )
    [episode] = store.diary.all_episodes(_user(store))
    assert episode.started_at == datetime(2026, 11, 24, 14, 5, tzinfo=UTC)
    assert episode.triggers == ("fatigue", "stress")


def _walk(client: FlaskClient, api: str, first: dict, replies: list) -> tuple[str, dict]:
    """Run a dialog: the first turn's slots, then (intent name or slots) per later turn."""
    text, body = env.ask(client, d.log(NOW, first, api=api))
    for reply in replies:
        session = d.next_session(body)
        if isinstance(reply, str):
            request = env.intent(reply, NOW, session=session, api_endpoint=api)
        else:
            request = d.log(NOW, reply, api=api, dialog_state="IN_PROGRESS", session=session)
        text, body = env.ask(client, request)
    return text, body


@pytest.mark.parametrize("skip_as", ["AMAZON.FallbackIntent", "AMAZON.NoIntent", "unknown-id"])
def test_skip_or_dont_know_moves_on_to_the_next_question(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi, skip_as: str
) -> None:
    first = {"location": d.location("calf", "calf"), "side": d.side("left", "left")}
    if skip_as == "unknown-id":
        skip: object = {**first, "duration": None, "triggers": d.triggers(("skip", "unknown"))}
        replies = [{**first, "duration": "PT1M"}, {**first, "time": "EV"}, skip]
    else:
        replies = [skip_as, skip_as, skip_as]
    text, _ = _walk(client, settings_api.url, first, replies)
    assert text.startswith("Saved: left calf")
    [episode] = store.diary.all_episodes(_user(store))
    assert episode.triggers == ()


def test_unmatched_location_is_asked_again_with_elicit_slot(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # "my left wotsit twitched": a twitch we understood, in a place we did not.
    first = {"location": d.location("wotsit", None), "duration": "PT5M"}
    text, body = env.ask(client, d.log(NOW, first, api=settings_api.url))
    assert text == speech.REASK_LOCATION
    assert d.directives(body)[0] == {
        "type": "Dialog.ElicitSlot",
        "slotToElicit": "location",
        "updatedIntent": body["response"]["directives"][0]["updatedIntent"],
    }
    text, _ = _walk(
        client,
        settings_api.url,
        first,
        [{"location": d.location("neck", "neck"), "duration": "PT5M", "time": "NI",
          "date": "2026-11-23"},
         {"triggers": d.triggers(("nothing", "none"))}],
    )  # fmt: skip
    # "last night" (a night and yesterday's date) said at 18:30.
    assert text == "Saved: neck, 5 minutes, last night, with no clear trigger. Goodbye."
    [episode] = store.diary.all_episodes(_user(store))
    assert episode.started_at == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)


def test_location_is_given_up_after_three_tries_and_nothing_is_saved(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    wrong = {"location": d.location("banana", None), "side": d.side("left", "left")}
    text, body = _walk(client, settings_api.url, wrong, [wrong, wrong])
    assert text == speech.REASK_LOCATION  # asked three times so far
    text, body = _walk(client, settings_api.url, wrong, [wrong, wrong, wrong])
    assert text == speech.LOCATION_GIVE_UP
    assert body["response"]["shouldEndSession"] is True
    assert store.diary.episode_count(_user(store)) == 0


def test_unmatched_side_is_asked_at_most_twice_then_dropped(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    base = {"location": d.location("calf", "calf"), "duration": "PT1M", "time": "MO"}
    base["triggers"] = d.triggers(("stress", "stress"))
    text, body = env.ask(
        client, d.log(NOW, {**base, "side": d.side("middle", None)}, api=settings_api.url)
    )
    assert text == f"{speech.DIDNT_CATCH} {speech.ASK_SIDE}"
    session = d.next_session(body)
    request = d.log(NOW, {**base, "side": d.side("up", None)}, api=settings_api.url,
                    dialog_state="IN_PROGRESS", session=session)  # fmt: skip
    text, body = env.ask(client, request)
    assert text == f"{speech.DIDNT_CATCH} {speech.ASK_SIDE}"
    request["session"]["attributes"] = d.next_session(body)
    text, _ = env.ask(client, request)
    assert text == "Saved: calf, 1 minute, this morning, after stress. Goodbye."


def test_stop_in_the_middle_says_nothing_was_saved(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    text, _ = _walk(
        client, settings_api.url, {"location": d.location("lip", "lip")}, ["AMAZON.StopIntent"]
    )
    assert text == speech.DRAFT_DROPPED
    assert store.diary.episode_count(_user(store)) == 0


def test_midline_locations_are_not_asked_for_a_side(
    client: FlaskClient, settings_api: FakeSettingsApi
) -> None:
    text, body = env.ask(
        client, d.log(NOW, {"location": d.location("tummy", "stomach")}, api=settings_api.url)
    )
    assert text == speech.ASK_DURATION


_complete = d.complete_slots


@pytest.mark.parametrize(
    ("slots", "started", "duration"),
    [
        (_complete(duration="PT1H30M"), datetime(2026, 11, 24, 9, 0, tzinfo=UTC), 5400),
        (_complete(duration="P2W"), datetime(2026, 11, 24, 9, 0, tzinfo=UTC), 14 * 86400),
        (_complete(duration="P3D"), datetime(2026, 11, 24, 9, 0, tzinfo=UTC), 3 * 86400),
        (_complete(time="14:00"), datetime(2026, 11, 24, 14, 0, tzinfo=UTC), 60),
        (_complete(time="noon"), datetime(2026, 11, 24, 12, 0, tzinfo=UTC), 60),
        (_complete(time="AF"), datetime(2026, 11, 24, 15, 0, tzinfo=UTC), 60),
        (_complete(time="EV"), datetime(2026, 11, 24, 18, 30, tzinfo=UTC), 60),  # evening now
        (_complete(time="20:00"), datetime(2026, 11, 23, 20, 0, tzinfo=UTC), 60),  # not yet today
        (_complete(time="19:15"), NOW, 60),  # within the hour: a rounded "just now"
        # Alexa sends 04:00 for "at four": at 18:30 that is this afternoon's four o'clock.
        (_complete(time="04:00"), datetime(2026, 11, 24, 16, 0, tzinfo=UTC), 60),
        # 09:00: the evening reading is still to come, so this morning.
        (_complete(time="09:00"), datetime(2026, 11, 24, 9, 0, tzinfo=UTC), 60),
        (_complete(time=None, date="PRESENT_REF"), NOW, 60),
        (_complete(time=None, date="2026-11-22"), datetime(2026, 11, 22, 12, tzinfo=UTC), 60),
        (_complete(date="XXXX-11-20"), datetime(2026, 11, 20, 9, tzinfo=UTC), 60),
        (_complete(date="2026-11-27"), datetime(2026, 11, 20, 9, tzinfo=UTC), 60),  # "Friday"
        (_complete(date="2026-11-24", time="22:00"), NOW, 60),  # said today: not in the future
        (_complete(date="2026-11-24", time="MO"), datetime(2026, 11, 24, 9, tzinfo=UTC), 60),
    ],
)
def test_slot_formats_through_the_skill(
    client: FlaskClient,
    store: Store,
    settings_api: FakeSettingsApi,
    slots: dict,
    started: datetime,
    duration: int,
) -> None:
    text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert text.startswith("Saved: left calf")
    [episode] = store.diary.all_episodes(_user(store))
    assert episode.started_at == started
    assert episode.duration_seconds == duration


def test_a_date_that_names_no_single_day_asks_which_day_once(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    slots = _complete(time=None, date="2026-W47")
    text, body = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert text == speech.ASK_DAY
    assert d.directives(body)[0]["slotToElicit"] == "time"
    request = d.follow_up(
        NOW, {**slots, "date": "2026-11-17", "time": "EV"}, body, api=settings_api.url
    )
    text, _ = env.ask(client, request)
    assert text == (
        "Saved: left calf, 1 minute, on November 17, in the evening, after stress. Goodbye."
    )


def test_an_odd_duration_is_asked_again(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    text, body = env.ask(client, d.log(NOW, _complete(duration="PTXM"), api=settings_api.url))
    assert text == f"{speech.DIDNT_CATCH} {speech.ASK_DURATION}"
    request = d.follow_up(NOW, _complete(duration="PT10M"), body, api=settings_api.url)
    text, _ = env.ask(client, request)
    assert text == "Saved: left calf, 10 minutes, this morning, after stress. Goodbye."


def test_a_bare_yes_gets_the_question_again(
    client: FlaskClient, store: Store, settings_api: FakeSettingsApi
) -> None:
    # A sparse report ("my calf twitched this morning") is asked about the side first.
    first = _complete(triggers=None, side=None, duration=None)
    text, _ = _walk(client, settings_api.url, first, [])
    assert text == speech.ASK_SIDE
    text, _ = _walk(client, settings_api.url, first, ["AMAZON.YesIntent"])
    assert text == f"{speech.DIDNT_CATCH} {speech.ASK_SIDE}"
    text, _ = _walk(client, settings_api.url, first, ["AMAZON.YesIntent", "AMAZON.YesIntent"])
    assert text == speech.ASK_DURATION


def test_logs_carry_no_user_id_or_entry_contents(
    client: FlaskClient, settings_api: FakeSettingsApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    slots = d.complete_slots(location=d.location("eyebrow", "eyebrow"))
    text, _ = env.ask(client, d.log(NOW, slots, api=settings_api.url))
    assert text.startswith("Saved: left eyebrow")
    env.ask(client, env.intent("ReadEntriesIntent", NOW, api_endpoint=settings_api.url))
    logged = " ".join(r.getMessage() for r in caplog.records if r.levelno >= 20)
    assert "episode saved" in logged
    for secret in ("eyebrow", "stress", env.USER_ID, "Europe/London"):
        assert secret not in logged
