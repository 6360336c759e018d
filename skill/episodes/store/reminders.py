"""RemindersStore: alert tokens, consent, a pending request and the messaging identity.

    twitch:{<user_key>}:reminders   hash
        daily      alertToken of the daily logging prompt
        checkin    alertToken of the two-week check-in
        <kind>_at  local time it was last set to fire at (so a repeated move is a no-op)
        consent    granted | denied | revoked   (the reminders permission)
        consent_at ISO time of the last change
        pending    JSON: the reminder the user asked for while the skill asked for consent
        identity   the Alexa userId, Fernet-encrypted, kept only while consent is granted
    twitch:{<user_key>}:checkin_moves   hash  message ref -> epoch the check-in was moved for it

A skill message may arrive more than once (ALEXA.md 3.2, and the sweep's outbox resends
what a crashed sweep may already have sent): the ref each advice message carries is
recorded with the move, so a repeat of it, at any later time, moves nothing.

Skill Messaging must address a user by their raw Alexa userId, which is never
kept in clear: it is encrypted with a key derived (HKDF) from the user-key
secret, stored only once the user has granted the reminders permission, and
dropped when they withdraw it.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from datetime import datetime
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import guarded, guarded_write
from skill.episodes.store.connection import Connection

log = logging.getLogger(__name__)

REMINDERS = "reminders"
CHECKIN_MOVES = "checkin_moves"
DAILY, CHECKIN = "daily", "checkin"
REMINDER_KINDS = (DAILY, CHECKIN)
GRANTED, DENIED, REVOKED = "granted", "denied", "revoked"
_IDENTITY = "identity"
_PENDING = "pending"


# KEYS: reminders, checkin_moves. ARGV: alert token, fires at, ref ("" for none), now.
# Only while the reminders hash exists: "delete all my data" during the PUT must not get
# these keys back.
_SAVE_MOVE_LUA = f"""
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], '{CHECKIN}', ARGV[1], '{CHECKIN}_at', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
end
return 1
"""


@functools.lru_cache(maxsize=4)
def _fernet(secret: bytes) -> Fernet:
    """The identity cipher: its own key, derived from the user-key secret, never the secret."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"twitch-diary", info=b"messaging-identity-v1"
    )
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(secret)))


def decrypt_identity(secret: bytes, token: str | None) -> str | None:
    """The Alexa userId in a stored identity token (also read by the sweep's outbox)."""
    if not token:
        return None
    try:
        return _fernet(secret).decrypt(str(token).encode()).decode()
    except InvalidToken:
        log.warning("messaging identity does not decrypt (was the secret changed?)")
        return None


class RemindersStore:
    """Reminder ids, consent and the encrypted messaging identity (see the module docstring);
    ids and consent follow the request's snapshot (snapshot.py)."""

    KEY_NAMES: tuple[str, ...] = (REMINDERS, CHECKIN_MOVES)

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._secret = conn.secret
        self._snapshot = conn.snapshot

    def _reminders_key(self, user_key: str) -> str:
        return user_slot_key(user_key, REMINDERS)

    @guarded
    def reminder_ids(self, user_key: str) -> dict[str, str]:
        """The user's known reminder alertTokens by kind (``daily``, ``checkin``)."""
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            return {kind: str(v) for kind in REMINDER_KINDS if (v := snap.reminders.get(kind))}
        values = self._redis.hmget(self._reminders_key(user_key), list(REMINDER_KINDS))
        return {kind: str(v) for kind, v in zip(REMINDER_KINDS, values, strict=True) if v}

    @guarded_write
    def save_reminder_id(
        self, user_key: str, kind: str, alert_token: str, fires_at: str | None = None
    ) -> None:
        """Remember the alertToken of the user's ``kind`` reminder, and when it fires (local)."""
        _check_kind(kind)
        fields = {kind: alert_token, f"{kind}_at": fires_at or ""}
        self._redis.hset(self._reminders_key(user_key), mapping=fields)

    @guarded
    def checkin_moved_for(self, user_key: str, ref: str) -> bool:
        """Whether the check-in was already moved for the skill message ``ref``."""
        return bool(self._redis.hexists(user_slot_key(user_key, CHECKIN_MOVES), ref))

    @guarded_write
    def save_checkin_move(
        self, user_key: str, alert_token: str, fires_at: str, ref: str | None, now: datetime
    ) -> None:
        """The check-in now fires at ``fires_at``, moved for message ``ref``: one step, so a
        repeat of the message finds the move recorded whenever the reminder says it moved.
        Nothing is written for a user forgotten while the reminder was being moved."""
        script = self._redis.register_script(_SAVE_MOVE_LUA)
        keys = [self._reminders_key(user_key), user_slot_key(user_key, CHECKIN_MOVES)]
        script(keys=keys, args=[alert_token, fires_at, ref or "", int(now.timestamp())])

    @guarded
    def reminder_fires_at(self, user_key: str, kind: str) -> str | None:
        """The local time the ``kind`` reminder was last set to fire at, as saved."""
        _check_kind(kind)
        value = self._redis.hget(self._reminders_key(user_key), f"{kind}_at")
        return str(value) if value else None

    @guarded_write
    def drop_reminder_id(self, user_key: str, kind: str) -> None:
        """Forget the ``kind`` reminder (it was deleted, or Amazon no longer has it)."""
        _check_kind(kind)
        self._redis.hdel(self._reminders_key(user_key), kind, f"{kind}_at")

    @guarded
    def consent(self, user_key: str) -> str | None:
        """The last known state of the reminders permission, or None if never asked."""
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            value = snap.reminders.get("consent")
        else:
            value = self._redis.hget(self._reminders_key(user_key), "consent")
        return str(value) if value else None

    @guarded_write
    def grant_consent(self, user_key: str, alexa_user_id: str, now: datetime) -> None:
        """The user granted the permission: keep their identity, encrypted, for messaging."""
        if not alexa_user_id:
            raise ValueError("granting consent needs the Alexa userId")
        identity = _fernet(self._secret).encrypt(alexa_user_id.encode()).decode()
        self._redis.hset(
            self._reminders_key(user_key),
            mapping={"consent": GRANTED, "consent_at": now.isoformat(), _IDENTITY: identity},
        )

    @guarded_write
    def decline_consent(self, user_key: str, now: datetime) -> None:
        """The user said no: remember it, so the skill does not ask again unprompted."""
        self._redis.hset(
            self._reminders_key(user_key),
            mapping={"consent": DENIED, "consent_at": now.isoformat()},
        )

    @guarded_write
    def revoke_consent(self, user_key: str, now: datetime) -> None:
        """Permission withdrawn: forget reminder ids, pending request and identity, in one step."""
        key = self._reminders_key(user_key)
        pipe = self._redis.pipeline(transaction=True)
        times = [f"{kind}_at" for kind in REMINDER_KINDS]
        pipe.hdel(key, *REMINDER_KINDS, *times, _IDENTITY, _PENDING)
        pipe.hset(key, mapping={"consent": REVOKED, "consent_at": now.isoformat()})
        pipe.execute()

    @guarded
    def messaging_identity(self, user_key: str) -> str | None:
        """The user's Alexa userId for Skill Messaging, if they consented; else None."""
        token = self._redis.hget(self._reminders_key(user_key), _IDENTITY)
        return decrypt_identity(self._secret, token)

    @guarded_write
    def set_pending_reminder(self, user_key: str, request: dict[str, Any]) -> None:
        """Keep what the user asked for while Alexa asks them for consent."""
        self._redis.hset(self._reminders_key(user_key), _PENDING, json.dumps(request))

    @guarded_write
    def take_pending_reminder(self, user_key: str) -> dict[str, Any] | None:
        """The pending request, removed as it is read (at most one answer acts on it)."""
        key = self._reminders_key(user_key)
        pipe = self._redis.pipeline(transaction=True)
        pipe.hget(key, _PENDING)
        pipe.hdel(key, _PENDING)
        raw, _ = pipe.execute()
        try:
            value = json.loads(raw) if raw else None
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


def _check_kind(kind: str) -> None:
    if kind not in REMINDER_KINDS:
        raise ValueError(f"unknown reminder kind {kind!r}")
