"""Reminders through POST /alexa against the sim: consent flow, daily prompt, check-in, events."""

from __future__ import annotations

from datetime import UTC, datetime

from flask.testing import FlaskClient

from devkit import envelopes
from devkit.alexa_sim.sim import AlexaSim
from devkit.envelopes import DEVICE_ID, USER_ID, TestClock, ask
from skill.cloud import reminder_bodies
from skill.cloud.in_session import REMINDERS_SCOPE
from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN, DAILY, DENIED, GRANTED, REVOKED
from skill.handlers import reminder_speech as words
from skill.handlers.base import SkillDeps
from skill.handlers.reminders import CheckinOutcome, create_checkin_reminder, parse_time
from skill.web.app import create_app
from tests.cloud.alexa_requests import (
    GRANTED as GRANTED_PERMISSIONS,
)
from tests.cloud.alexa_requests import (
    in_session,
    permission_answer,
    reminder_intent,
)

RULE_8PM = "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"


def user(store: Store) -> str:
    return store.user_key(USER_ID)


def test_without_consent_the_skill_asks_for_permission(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    speech, reply = ask(cloud_client, reminder_intent(sim, clock(), "20:00"))
    [directive] = reply["response"]["directives"]
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"] == {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScope": REMINDERS_SCOPE,
    }
    assert directive["token"]
    assert "reprompt" not in reply["response"]
    assert speech == words.NEED_PERMISSION
    assert sim.reminders() == []
    assert store.reminders.messaging_identity(user(store)) is None


def test_accepted_consent_creates_the_reminder_the_user_asked_for(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    sim.set_time_zone(DEVICE_ID, "Europe/London")
    ask(cloud_client, reminder_intent(sim, clock(), "20:00"))
    speech, _ = ask(cloud_client, permission_answer(sim, clock(), "ACCEPTED"))

    [reminder] = sim.reminders()
    assert reminder["userId"] == USER_ID
    assert reminder["trigger"]["recurrence"]["recurrenceRules"] == [RULE_8PM]
    assert reminder["trigger"]["timeZoneId"] == "Europe/London"
    assert reminder["alertInfo"]["spokenInfo"]["content"][0]["text"] == (
        reminder_bodies.LOGGING_TEXT
    )
    assert "every day at 8 PM" in speech
    assert store.reminders.reminder_ids(user(store)) == {DAILY: reminder["alertToken"]}
    assert store.reminders.consent(user(store)) == GRANTED
    assert store.reminders.messaging_identity(user(store)) == USER_ID
    assert store.profile.profile(user(store))["tz"] == "Europe/London"


def test_denied_consent_is_respected_with_a_consent_card(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    ask(cloud_client, reminder_intent(sim, clock(), "20:00"))
    speech, reply = ask(cloud_client, permission_answer(sim, clock(), "DENIED"))
    assert reply["response"]["card"] == {
        "type": "AskForPermissionsConsent",
        "permissions": [REMINDERS_SCOPE],
    }
    assert speech.startswith("Okay, I won't set a reminder.")
    assert reply["response"]["shouldEndSession"] is False
    assert sim.reminders() == []
    assert store.reminders.consent(user(store)) == DENIED
    assert store.reminders.take_pending_reminder(user(store)) is None


def test_unanswered_consent_sets_nothing_and_sends_the_card(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    ask(cloud_client, reminder_intent(sim, clock(), "20:00"))
    _, reply = ask(cloud_client, permission_answer(sim, clock(), "NOT_ANSWERED"))
    assert reply["response"]["card"]["type"] == "AskForPermissionsConsent"
    assert sim.reminders() == []
    assert (
        store.reminders.consent(user(store)) is None
    )  # silence is not a "no": check-ins may ask later


def test_with_consent_the_reminder_is_created_at_once_and_moved_on_a_second_request(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    speech, _ = ask(
        cloud_client, reminder_intent(sim, clock(), "EV", permissions=GRANTED_PERMISSIONS)
    )
    assert "8 PM" in speech
    speech, _ = ask(
        cloud_client, reminder_intent(sim, clock(), "07:30", permissions=GRANTED_PERMISSIONS)
    )
    assert "7:30 AM" in speech
    [reminder] = sim.reminders()
    assert reminder["updates"] == 1
    assert reminder["trigger"]["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=7;BYMINUTE=30;BYSECOND=0"
    ]


def test_a_reminder_deleted_in_the_app_is_created_again(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.reminders.save_reminder_id(user(store), DAILY, "deleted-in-the-alexa-app")
    ask(cloud_client, reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS))
    [reminder] = sim.reminders()
    assert store.reminders.reminder_ids(user(store))[DAILY] == reminder["alertToken"]


def test_a_missing_time_is_asked_for(cloud_client: FlaskClient, sim: AlexaSim, clock) -> None:
    speech, reply = ask(cloud_client, reminder_intent(sim, clock(), None))
    [directive] = reply["response"]["directives"]
    assert directive["type"] == "Dialog.ElicitSlot"
    assert directive["slotToElicit"] == "time"
    assert speech == words.ASK_TIME
    assert sim.reminders() == []


def test_a_revoked_permission_from_the_api_asks_again_and_forgets(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.reminders.grant_consent(user(store), USER_ID, clock())
    store.reminders.save_reminder_id(user(store), CHECKIN, "old-checkin")
    body = reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS)
    sim.revoke(USER_ID)  # the envelope still claims consent; Amazon answers 401
    _, reply = ask(cloud_client, body)
    assert reply["response"]["directives"][0]["type"] == "Connections.SendRequest"
    assert store.reminders.consent(user(store)) == REVOKED
    assert store.reminders.reminder_ids(user(store)) == {}
    assert store.reminders.messaging_identity(user(store)) is None


def test_a_failing_cloud_gives_a_spoken_apology(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock
) -> None:
    sim.fail_next("/v1/alerts/reminders", 500, 500, 500, 500)
    speech, _ = ask(
        cloud_client, reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS)
    )
    assert speech == words.FAILED


def test_profile_time_zone_wins(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.profile.update_profile(
        user(store), {"tz": "Asia/Tokyo", "tz_checked": clock().isoformat()}
    )
    sim.set_time_zone(DEVICE_ID, "Europe/London")
    ask(cloud_client, reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS))
    assert sim.reminders()[0]["trigger"]["timeZoneId"] == "Asia/Tokyo"


def test_checkin_is_created_two_weeks_after_the_first_twitch(
    deps: SkillDeps, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    first = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)  # 18:00 in New York
    hi = in_session(sim, clock(), granted=True, deps=deps)
    assert create_checkin_reminder(hi, deps, first) is CheckinOutcome.CREATED
    [reminder] = sim.reminders()
    assert reminder["trigger"]["scheduledTime"] == "2026-12-05T09:00:00"
    assert reminder["trigger"]["timeZoneId"] == "America/New_York"
    assert reminder["alertInfo"]["spokenInfo"]["content"][0]["text"] == (
        reminder_bodies.CHECKIN_TEXT
    )
    again = in_session(sim, clock(), granted=True, deps=deps)
    assert create_checkin_reminder(again, deps, first) is CheckinOutcome.ALREADY_SET
    assert len(sim.reminders()) == 1


def test_checkin_without_consent_waits_for_the_answer(
    deps: SkillDeps, cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    first = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    hi = in_session(sim, clock(), granted=False, deps=deps)
    outcome = create_checkin_reminder(hi, deps, first)
    assert outcome is CheckinOutcome.NEEDS_CONSENT
    assert sim.reminders() == []
    speech, _ = ask(cloud_client, permission_answer(sim, clock(), "ACCEPTED"))
    assert "Saturday, December 5" in speech
    assert [r["trigger"]["scheduledTime"] for r in sim.reminders()] == ["2026-12-05T09:00:00"]
    assert store.reminders.reminder_ids(user(store)) == {CHECKIN: sim.reminders()[0]["alertToken"]}


def test_checkin_is_not_asked_for_again_after_a_no(
    deps: SkillDeps, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.reminders.decline_consent(user(store), clock())
    hi = in_session(sim, clock(), granted=False, deps=deps)
    assert create_checkin_reminder(hi, deps, clock()) is CheckinOutcome.DECLINED


def test_permission_changed_without_the_scope_forgets_everything(
    cloud_client: FlaskClient, clock: TestClock, store: Store
) -> None:
    store.reminders.grant_consent(user(store), USER_ID, clock())
    store.reminders.save_reminder_id(user(store), DAILY, "a1")
    event = envelopes.skill_event(
        "AlexaSkillEvent.SkillPermissionChanged", clock(), acceptedPermissions=[]
    )
    reply = envelopes.post(cloud_client, event)
    assert reply.status_code == 200
    assert store.reminders.consent(user(store)) == REVOKED
    assert store.reminders.reminder_ids(user(store)) == {}
    assert store.reminders.messaging_identity(user(store)) is None


def test_permission_accepted_event_keeps_the_messaging_identity(
    cloud_client: FlaskClient, clock: TestClock, store: Store
) -> None:
    event = envelopes.skill_event(
        "AlexaSkillEvent.SkillPermissionAccepted",
        clock(),
        acceptedPermissions=[{"scope": REMINDERS_SCOPE}],
    )
    assert envelopes.post(cloud_client, event).status_code == 200
    assert store.reminders.consent(user(store)) == GRANTED
    assert store.reminders.messaging_identity(user(store)) == USER_ID


def test_parse_time_reads_amazon_time_values() -> None:
    assert parse_time("20:00").hour == 20
    assert parse_time("EV").hour == 20
    assert parse_time("MO").hour == 9
    assert parse_time("tomorrow") is None
    assert parse_time(None) is None


def test_in_session_calls_retry_once_only(
    cloud_settings, store: Store, sim: AlexaSim, clock: TestClock
) -> None:
    """Alexa waits about 8 s: the skill's own client gives up after one retry."""
    app = create_app(cloud_settings, clock=clock, store=store)  # builds its own AlexaCloud
    store.profile.update_profile(
        user(store), {"tz": "America/New_York", "tz_checked": clock().isoformat()}
    )
    sim.fail_next("/v1/alerts/reminders", 503, 503)
    speech, _ = ask(
        app.test_client(), reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS)
    )
    assert speech == words.FAILED
    assert [r["status"] for r in sim.requests_to("/v1/alerts/reminders")] == [503, 503]


def test_a_broken_profile_time_zone_falls_back_to_the_device(
    cloud_client: FlaskClient, sim: AlexaSim, clock: TestClock, store: Store
) -> None:
    store.profile.update_profile(user(store), {"tz": "America", "tz_checked": clock().isoformat()})
    sim.set_time_zone(DEVICE_ID, "Europe/Berlin")
    ask(cloud_client, reminder_intent(sim, clock(), "20:00", permissions=GRANTED_PERMISSIONS))
    assert sim.reminders()[0]["trigger"]["timeZoneId"] == "Europe/Berlin"
    assert store.profile.profile(user(store))["tz"] == "Europe/Berlin"
