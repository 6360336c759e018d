"""Reminder state in the store, on a real Redis: ids, consent, pending request, identity."""

from __future__ import annotations

import pytest

from skill.episodes.store import Store
from skill.episodes.store.reminders import CHECKIN, DAILY, DENIED, GRANTED, REVOKED
from tests.conftest import NOW

ALEXA_ID = "amzn1.ask.account.AEXAMPLEUSERFORREMINDERS"


def test_reminder_ids_are_kept_per_kind(store: Store) -> None:
    user = store.user_key(ALEXA_ID)
    assert store.reminders.reminder_ids(user) == {}
    store.reminders.save_reminder_id(user, DAILY, "alert-1")
    store.reminders.save_reminder_id(user, CHECKIN, "alert-2")
    assert store.reminders.reminder_ids(user) == {DAILY: "alert-1", CHECKIN: "alert-2"}
    store.reminders.drop_reminder_id(user, DAILY)
    assert store.reminders.reminder_ids(user) == {CHECKIN: "alert-2"}
    with pytest.raises(ValueError):
        store.reminders.save_reminder_id(user, "weekly", "alert-3")


def test_identity_is_stored_encrypted_and_only_with_consent(store: Store, redis_client) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.decline_consent(user, NOW)
    assert store.reminders.consent(user) == DENIED
    assert store.reminders.messaging_identity(user) is None

    store.reminders.grant_consent(user, ALEXA_ID, NOW)
    assert store.reminders.consent(user) == GRANTED
    assert store.reminders.messaging_identity(user) == ALEXA_ID
    dump = " ".join(f"{k} {redis_client.hgetall(k)}" for k in redis_client.keys("*"))
    assert ALEXA_ID not in dump and "AEXAMPLEUSER" not in dump


def test_identity_needs_the_same_secret(store: Store) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.grant_consent(user, ALEXA_ID, NOW)
    other = Store(store.client, b"a-different-secret-0123456789")
    assert other.reminders.messaging_identity(user) is None


def test_revoking_consent_forgets_ids_identity_and_pending(store: Store) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.grant_consent(user, ALEXA_ID, NOW)
    store.reminders.save_reminder_id(user, DAILY, "alert-1")
    store.reminders.save_reminder_id(user, CHECKIN, "alert-2")
    store.reminders.set_pending_reminder(user, {"kind": DAILY, "hour": 20, "minute": 0})
    store.reminders.revoke_consent(user, NOW)
    assert store.reminders.consent(user) == REVOKED
    assert store.reminders.reminder_ids(user) == {}
    assert store.reminders.messaging_identity(user) is None
    assert store.reminders.take_pending_reminder(user) is None


def test_pending_reminder_is_taken_once(store: Store) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.set_pending_reminder(user, {"kind": DAILY, "hour": 20, "minute": 0})
    assert store.reminders.take_pending_reminder(user) == {"kind": DAILY, "hour": 20, "minute": 0}
    assert store.reminders.take_pending_reminder(user) is None


def test_reminder_keys_share_the_users_hash_tag_and_are_forgotten(
    store: Store, redis_client
) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.grant_consent(user, ALEXA_ID, NOW)
    store.reminders.save_reminder_id(user, DAILY, "alert-1")
    assert all(k.startswith(f"twitch:{{{user}}}:") for k in redis_client.keys("*"))
    store.forget(user)
    assert redis_client.keys("*") == ["twitch:{erasure}:pending"]  # names no user


def test_reminder_fire_time_is_kept_and_forgotten_with_its_id(store: Store) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.save_reminder_id(
        user, CHECKIN, "alert-2", "2026-12-05T09:00:00 America/New_York"
    )
    assert (
        store.reminders.reminder_fires_at(user, CHECKIN) == "2026-12-05T09:00:00 America/New_York"
    )
    store.reminders.drop_reminder_id(user, CHECKIN)
    assert store.reminders.reminder_fires_at(user, CHECKIN) is None


def test_a_checkin_move_is_recorded_once_and_never_for_a_forgotten_user(
    store: Store, redis_client
) -> None:
    user = store.user_key(ALEXA_ID)
    store.reminders.save_reminder_id(user, CHECKIN, "alert-2")
    store.reminders.save_checkin_move(
        user, "alert-2", "2026-11-25T09:00:00 Europe/London", "ref-1", NOW
    )
    assert store.reminders.checkin_moved_for(user, "ref-1")
    assert not store.reminders.checkin_moved_for(user, "ref-2")
    assert store.reminders.reminder_fires_at(user, CHECKIN) == "2026-11-25T09:00:00 Europe/London"
    store.forget(user)  # "delete all my data" while the reminder was being moved
    store.reminders.save_checkin_move(
        user, "alert-2", "2026-11-26T09:00:00 Europe/London", "ref-2", NOW
    )
    assert [key for key in redis_client.keys("*") if user in key] == []
