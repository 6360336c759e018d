"""Issue 13, item 3: "delete all my data" also deletes the user's reminders at Amazon.

The skill over HTTP (POST /alexa) with the local Alexa cloud as Amazon: the daily prompt
and the check-in are created there, then the user deletes everything in session.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.alexa_sim.sim import AlexaSim
from devkit.envelopes import USER_ID, TestClock
from skill import speech
from skill.cloud import reminder_bodies
from skill.cloud.client import AlexaCloud, ApiAccess
from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN, DAILY
from tests.cloud.alexa_requests import GRANTED, with_token

ZONE = "America/New_York"


def with_reminders(store: Store, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock) -> None:
    """The daily prompt and the check-in, set at the sim and remembered in the store."""
    user = store.user_key(USER_ID)
    store.reminders.grant_consent(user, USER_ID, clock())
    api = ApiAccess(sim.url, sim.session_token(USER_ID))
    daily = reminder_bodies.daily_reminder(clock(), ZONE, time(20, 0), "en-US")
    store.reminders.save_reminder_id(user, DAILY, cloud.create_reminder(api, daily))
    when = reminder_bodies.checkin_time(clock(), ZONE)
    checkin = reminder_bodies.one_shot_reminder(clock(), ZONE, when, "en-US")
    store.reminders.save_reminder_id(user, CHECKIN, cloud.create_reminder(api, checkin))
    assert len(sim.reminders()) == 2


def delete_everything(client: FlaskClient, sim: AlexaSim, clock: TestClock) -> dict[str, Any]:
    ask = env.intent("DeleteAllDataIntent", clock(), permissions=GRANTED)
    text, body = env.ask(client, with_token(ask, sim))
    assert text == speech.CONFIRM_DELETE_ALL
    yes = env.intent("AMAZON.YesIntent", clock(), session=body.get("sessionAttributes") or {},
                     permissions=GRANTED)  # fmt: skip
    _, reply = env.ask(client, with_token(yes, sim))
    return reply


def user_keys(store: Store) -> list[str]:
    user = store.user_key(USER_ID)
    return [key for key in store.client.scan_iter() if user in key]


def test_delete_all_my_data_deletes_the_reminders_at_amazon_too(
    cloud_client: FlaskClient, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    with_reminders(store, cloud, sim, clock)
    reply = delete_everything(cloud_client, sim, clock)
    assert env.speech_of(type("R", (), {"get_json": lambda self: reply})()) == speech.DELETED_ALL
    assert sim.reminders() == []
    deletes = [r for r in sim.requests_to("/v1/alerts/reminders/") if r["method"] == "DELETE"]
    assert [r["status"] for r in deletes] == [200, 200]
    assert user_keys(store) == []


def test_a_reminder_already_gone_at_amazon_does_not_stop_the_deletion(
    cloud_client: FlaskClient, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    with_reminders(store, cloud, sim, clock)
    user = store.user_key(USER_ID)
    store.reminders.save_reminder_id(
        user, CHECKIN, "deleted-in-the-alexa-app"
    )  # Amazon answers 404
    reply = delete_everything(cloud_client, sim, clock)
    assert "Done." in reply["response"]["outputSpeech"]["ssml"]
    assert sim.reminders() == []
    assert user_keys(store) == []


def test_when_amazon_fails_the_data_still_goes_and_the_user_hears_about_the_reminders(
    cloud_client: FlaskClient, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    with_reminders(store, cloud, sim, clock)
    sim.fail_next("/v1/alerts/reminders/", 503, 503, 503, 503)  # the call and every retry
    reply = delete_everything(cloud_client, sim, clock)
    spoken = reply["response"]["outputSpeech"]["ssml"]
    assert "couldn't remove your reminders" in spoken
    assert "Alexa app" in spoken
    assert reply["response"]["shouldEndSession"] is True
    assert user_keys(store) == []


def test_a_user_who_never_allowed_reminders_costs_no_call_to_amazon(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.profile.update_profile(store.user_key(USER_ID), {"notice_given": "1"})
    delete_everything(cloud_client, sim, clock)
    assert sim.requests_to("/v1/alerts") == []
    assert user_keys(store) == []
