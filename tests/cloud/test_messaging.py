"""Skill Messaging end to end: AlexaCloud -> sim -> MessageReceived at a running skill -> sim."""

from __future__ import annotations

from datetime import UTC, datetime

from flask.testing import FlaskClient

from devkit import envelopes
from devkit.alexa_sim.sim import AlexaSim
from devkit.envelopes import USER_ID, TestClock
from skill.cloud.client import AlexaCloud
from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN, GRANTED, REVOKED
from skill.handlers.base import SkillDeps
from skill.handlers.reminders import CheckinOutcome, create_checkin_reminder
from tests.cloud.alexa_requests import in_session

FIRST_TWITCH = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)


def with_checkin(deps: SkillDeps, sim: AlexaSim, clock: TestClock) -> str:
    """A user who consented in session and has the two-week check-in; returns its alertToken."""
    hi = in_session(sim, clock(), granted=True, deps=deps)
    assert create_checkin_reminder(hi, deps, FIRST_TWITCH) is CheckinOutcome.CREATED
    [reminder] = sim.reminders()
    return str(reminder["alertToken"])


def advise(cloud: AlexaCloud, sim: AlexaSim, store: Store) -> None:
    """What the scheduler will do: message the user by their stored identity, then wait."""
    identity = store.reminders.messaging_identity(store.user_key(USER_ID))
    assert identity == USER_ID
    cloud.send_skill_message(identity, {"kind": "advice"})
    assert sim.drain()


def test_advice_moves_the_checkin_to_next_morning_nine_local(
    skill_url: str,
    deps: SkillDeps,
    cloud: AlexaCloud,
    sim: AlexaSim,
    clock: TestClock,
    store: Store,
) -> None:
    alert_token = with_checkin(deps, sim, clock)
    clock.now = datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # 11:00 in New York
    advise(cloud, sim, store)

    [message] = sim.messages()
    assert message["status"] == "delivered: HTTP 200"
    [reminder] = sim.reminders()
    assert reminder["alertToken"] == alert_token
    assert reminder["updates"] == 1
    assert reminder["trigger"]["scheduledTime"] == "2026-11-27T09:00:00"
    assert reminder["trigger"]["timeZoneId"] == "America/New_York"
    assert reminder["nextFire"] == "2026-11-27T14:00:00.000Z"
    assert "recurrence" not in reminder["trigger"]
    assert store.reminders.reminder_ids(store.user_key(USER_ID)) == {CHECKIN: alert_token}


def test_the_moved_checkin_fires_the_next_morning(
    skill_url: str,
    deps: SkillDeps,
    cloud: AlexaCloud,
    sim: AlexaSim,
    clock: TestClock,
    store: Store,
) -> None:
    with_checkin(deps, sim, clock)
    advise(cloud, sim, store)  # 13:30 in New York: tomorrow 9:00
    clock.now = datetime(2026, 11, 25, 13, 59, tzinfo=UTC)
    assert sim.fire_due() == []
    clock.now = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    assert [event["userId"] for event in sim.fire_due()] == [USER_ID]


def test_advice_without_a_checkin_changes_nothing(
    skill_url: str, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.reminders.grant_consent(store.user_key(USER_ID), USER_ID, clock())
    advise(cloud, sim, store)
    assert sim.messages()[0]["status"] == "delivered: HTTP 200"
    assert sim.reminders() == []
    assert [r["method"] for r in sim.requests_to("/v1/alerts")] == []


def test_a_checkin_gone_from_amazon_is_forgotten(
    skill_url: str, cloud: AlexaCloud, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    user = store.user_key(USER_ID)
    store.reminders.grant_consent(user, USER_ID, clock())
    store.reminders.save_reminder_id(user, CHECKIN, "deleted-in-the-alexa-app")
    sim.session_token(USER_ID)  # the permission stands
    advise(cloud, sim, store)
    assert store.reminders.reminder_ids(user) == {}
    assert store.reminders.consent(user) == GRANTED
    assert sim.reminders() == []


def test_a_revoked_permission_is_noticed_out_of_session(
    skill_url: str,
    deps: SkillDeps,
    cloud: AlexaCloud,
    sim: AlexaSim,
    clock: TestClock,
    store: Store,
) -> None:
    with_checkin(deps, sim, clock)
    advise_identity = store.reminders.messaging_identity(store.user_key(USER_ID))
    sim.revoke(USER_ID)
    cloud.send_skill_message(advise_identity or "", {"kind": "advice"})
    assert sim.drain()
    user = store.user_key(USER_ID)
    assert store.reminders.consent(user) == REVOKED
    assert store.reminders.reminder_ids(user) == {}
    assert store.reminders.messaging_identity(user) is None
    assert sim.reminders()[0]["updates"] == 0


def test_unknown_message_kinds_are_acknowledged(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock
) -> None:
    body = sim.message_envelope(USER_ID, {"kind": "something-new"}, "token")
    reply = envelopes.post(cloud_client, body)
    assert reply.status_code == 200
    assert sim.requests_to("/v1/alerts") == []


def test_a_duplicate_message_moves_the_checkin_once(
    skill_url: str,
    deps: SkillDeps,
    cloud: AlexaCloud,
    sim: AlexaSim,
    clock: TestClock,
    store: Store,
) -> None:
    with_checkin(deps, sim, clock)
    advise(cloud, sim, store)
    advise(cloud, sim, store)  # Skill Messaging may deliver twice
    assert [m["status"] for m in sim.messages()] == ["delivered: HTTP 200"] * 2
    assert sim.reminders()[0]["updates"] == 1


def test_a_repeated_ref_moves_the_checkin_once_even_days_later(
    skill_url: str,
    deps: SkillDeps,
    cloud: AlexaCloud,
    sim: AlexaSim,
    clock: TestClock,
    store: Store,
) -> None:
    with_checkin(deps, sim, clock)
    cloud.send_skill_message(USER_ID, {"kind": "advice", "ref": "ref-one"})
    assert sim.drain()
    clock.now = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # a resend after a crash, days on
    cloud.send_skill_message(USER_ID, {"kind": "advice", "ref": "ref-one"})
    assert sim.drain()
    assert sim.reminders()[0]["updates"] == 1
    assert sim.reminders()[0]["trigger"]["scheduledTime"] == "2026-11-25T09:00:00"
    cloud.send_skill_message(USER_ID, {"kind": "advice", "ref": "ref-two"})  # new advice
    assert sim.drain()
    assert sim.reminders()[0]["updates"] == 2
    assert sim.reminders()[0]["trigger"]["scheduledTime"] == "2026-11-28T09:00:00"
