"""The check-in offered after the first entry: consent by yes/no, created in the local cloud."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from devkit import envelopes as env
from devkit.alexa_sim.sim import AlexaSim
from devkit.envelopes import TestClock
from skill import speech
from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN
from tests.cloud.alexa_requests import GRANTED, with_token
from tests.conftest import NOW

DEVICE = env.DEVICE_ID


def first_entry(sim: AlexaSim, *, granted: bool) -> dict[str, Any]:
    slots = {
        "location": env.resolved_slot("location", "calf", "calf", "BODY_LOCATION"),
        "side": env.resolved_slot("side", "left", "left", "SIDE"),
        "duration": "PT2M",
    }
    body = env.intent("LogTwitchIntent", NOW, slots, dialog_state="STARTED",
                      permissions=GRANTED if granted else None)  # fmt: skip
    return with_token(body, sim, granted=granted)


def answer(sim: AlexaSim, name: str, reply: dict[str, Any], *, granted: bool) -> dict[str, Any]:
    body = env.intent(name, NOW, session=reply.get("sessionAttributes") or {},
                      permissions=GRANTED if granted else None)  # fmt: skip
    return with_token(body, sim, granted=granted)


def test_the_first_entry_offers_a_check_in_and_yes_creates_it(
    cloud_client: FlaskClient, sim: AlexaSim, store: Store, clock: TestClock
) -> None:
    sim.set_time_zone(DEVICE, "Europe/London")
    text, reply = env.ask(cloud_client, first_entry(sim, granted=True))
    assert text.startswith("Saved: left calf") and text.endswith(speech.CHECKIN_OFFER)
    assert reply["response"]["shouldEndSession"] is False
    text, _ = env.ask(cloud_client, answer(sim, "AMAZON.YesIntent", reply, granted=True))
    [reminder] = sim.reminders()
    assert reminder["trigger"]["type"] == "SCHEDULED_ABSOLUTE"
    assert reminder["trigger"]["scheduledTime"].startswith("2026-12-09T09:00")  # 14 days on
    assert "December 9" in text
    assert store.reminders.reminder_ids(store.user_key(env.USER_ID)).get(CHECKIN)


def test_no_means_no_reminder_and_no_second_offer(cloud_client: FlaskClient, sim: AlexaSim) -> None:
    _, reply = env.ask(cloud_client, first_entry(sim, granted=True))
    text, _ = env.ask(cloud_client, answer(sim, "AMAZON.NoIntent", reply, granted=True))
    assert text == speech.CHECKIN_DECLINED
    assert sim.reminders() == []
    again, reply = env.ask(cloud_client, first_entry(sim, granted=True))
    assert speech.CHECKIN_OFFER not in again
    assert reply["response"]["shouldEndSession"] is True


def test_yes_without_the_permission_asks_alexa_for_it(
    cloud_client: FlaskClient, sim: AlexaSim
) -> None:
    _, reply = env.ask(cloud_client, first_entry(sim, granted=False))
    _, reply = env.ask(cloud_client, answer(sim, "AMAZON.YesIntent", reply, granted=False))
    [directive] = reply["response"]["directives"]
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert sim.reminders() == []
