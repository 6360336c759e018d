"""OutboxStore: skill messages owed with the advice, sent by the sweep, then marked sent.

    twitch:{<user_key>}:advice_outbox    hash  advice id -> "<ref>|<epoch recorded>"
    twitch:{<user_key>}:advice_notified  hash  advice id -> epoch the message was sent

A message is owed in the same Lua step that records a new advice (store/advice.py), only
for users with a messaging identity (they consented to reminders). The sweep sends what
is owed and then settles it: sent (moved to ``advice_notified``) or dropped (no identity
any more, refused for good, too old). Until settled it stays owed, so a sweep killed
between recording and settling leaves it for the next sweep that looks at the user (its
lease brings the user back): delivery is at least once. The ``ref`` is random and opaque,
the only thing a message carries besides its kind (no health details leave the service),
and lets the MessageReceived handler act on each message once (store/reminders.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from skill.episodes.advice import Advice
from skill.episodes.keys import KEY_PREFIX, user_slot_key
from skill.episodes.store.advice import (
    ADVICE_FIRED,
    ADVICE_NOTIFIED,
    ADVICE_OUTBOX,
    ADVICE_PENDING,
    FIRE_ONCE_CORE_LUA,
    advice_json,
)
from skill.episodes.store.client import execute_scripted, guarded, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.reminders import REMINDERS, decrypt_identity
from skill.episodes.store.sweep_guard import SWEEP_READ

# KEYS: outbox, notified. ARGV[1]: now (epoch s); then pairs: advice id, "1" sent | "0"
# dropped. Marks only what is still owed: for a user forgotten meanwhile the outbox is
# gone, and writing ``advice_notified`` would bring a key back after the deletion.
_SETTLE_LUA = """
for i = 2, #ARGV, 2 do
  if redis.call('HDEL', KEYS[1], ARGV[i]) == 1 and ARGV[i + 1] == '1' then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
  end
end
return 0
"""


# The sweep's fire-once write (store/advice.py) for many users in one call. KEYS: for each
# user of the call, five keys of the user's slot: fired, pending, read guard, outbox,
# reminders. ARGV[1]: now (epoch s); ARGV[2]: the batch's guard token; ARGV[3]: "1" when
# messages are owed; ARGV[4]: n, the call's distinct advice, then n triples (idempotency
# field, advice id, advice JSON), each sent once however many users it is for; then for
# each user in KEYS order: how many advice, and that many pairs (advice number 1..n, message
# ref). Returns one reply per user, in order. One Redis takes many users a call, a cluster
# one (each user is in a slot of their own).
_SWEEP_FIRE_ONCE_LUA = (
    FIRE_ONCE_CORE_LUA
    + """
local table_end = 4 + 3 * tonumber(ARGV[4])
local at = table_end + 1
local replies = {}
for k = 1, #KEYS, 5 do
  local items = {}
  local count = tonumber(ARGV[at])
  for j = 1, count do
    local a = 2 + 3 * tonumber(ARGV[at + 2 * j - 1])
    items[j] = {ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[at + 2 * j]}
  end
  at = at + 1 + 2 * count
  replies[#replies + 1] = fire_once(
    KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4], ARGV[1], ARGV[2], ARGV[3], items
  )
end
return replies
"""
)
_SWEEP_KEY_NAMES = (ADVICE_FIRED, ADVICE_PENDING, SWEEP_READ, ADVICE_OUTBOX, REMINDERS)
# Users per script call on one Redis: a call holds Redis for about a millisecond at most,
# and a batch's calls share one round trip.
USERS_PER_CALL = 50


@dataclass(frozen=True, slots=True)
class OwedMessage:
    """One skill message owed to a user: what to send, to whom, since when."""

    user_key: str
    advice_id: str
    ref: str
    recorded_at: int  # epoch seconds
    alexa_user_id: str | None  # None: the identity is gone (consent withdrawn)


@dataclass(frozen=True, slots=True)
class SweepRecord:
    """What recording a batch's advice produced."""

    created: dict[str, list[bool]]  # per user, one flag per advice passed in: new?
    owed: list[OwedMessage]  # every message owed to these users, new or left by a crash
    refused: set[str]  # users whose guard was gone: nothing was written for them


def new_ref() -> str:
    """A message ref: 72 random bits, URL-safe."""
    return secrets.token_urlsafe(9)


class OutboxStore:
    """Record a batch's advice with its owed messages; settle messages once sent."""

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._secret = conn.secret
        self._single_node = conn.single_node

    @guarded_write
    def record_sweep_advice(
        self, advice: dict[str, list[Advice]], now: datetime, guard: str, *, owe: bool = True
    ) -> SweepRecord:
        """Fire-once record of each user's advice plus the messages owed, one round trip.

        ``guard`` is the token the batch left before reading (store/sweep_guard.py): a user
        whose guard is gone (forgotten meanwhile) gets nothing written and is ``refused``.
        Every user in ``advice`` gets a script call, those with no advice too: that call
        returns what earlier sweeps left owed. ``owe=False``: no messaging configured.
        """
        script = self._redis.register_script(_SWEEP_FIRE_ONCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        users = list(advice)
        per_call = USERS_PER_CALL if self._single_node else 1
        for start in range(0, len(users), per_call):
            keys, args = _sweep_call(users[start : start + per_call], advice, now, guard, owe)
            script(keys=keys, args=args, client=pipe)
        replies = [reply for call in execute_scripted(self._redis, pipe, script) for reply in call]
        record = SweepRecord({}, [], set())
        for user_key, reply in zip(users, replies, strict=True):
            flags, flat, identity, refused = reply
            if refused:
                record.refused.add(user_key)
                flags = [0] * len(advice[user_key])
            record.created[user_key] = [bool(flag) for flag in flags]
            if owe and flat:
                record.owed.extend(self._owed(user_key, flat, identity))
        return record

    def _owed(self, user_key: str, flat: list[Any], identity: str | None) -> list[OwedMessage]:
        alexa_user_id = decrypt_identity(self._secret, identity)
        owed = []
        for advice_id, value in zip(flat[0::2], flat[1::2], strict=True):
            ref, _, at = str(value).rpartition("|")
            owed.append(OwedMessage(user_key, str(advice_id), ref, int(at or 0), alexa_user_id))
        return owed

    @guarded_write
    def settle_messages(
        self, sent: list[OwedMessage], dropped: list[OwedMessage], now: datetime
    ) -> None:
        """Owed no longer: ``sent`` are marked sent, ``dropped`` just removed; pipelined."""
        per_user: dict[str, list[str]] = {}
        for flag, messages in (("1", sent), ("0", dropped)):
            for message in messages:
                per_user.setdefault(message.user_key, []).extend((message.advice_id, flag))
        if not per_user:
            return
        script = self._redis.register_script(_SETTLE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for user_key, pairs in per_user.items():
            keys = [user_slot_key(user_key, name) for name in (ADVICE_OUTBOX, ADVICE_NOTIFIED)]
            script(keys=keys, args=[int(now.timestamp()), *pairs], client=pipe)
        execute_scripted(self._redis, pipe, script)

    @guarded
    def owed_messages(self, user_key: str) -> dict[str, str]:
        """Advice id -> ref of the messages still owed to one user (for tests and status)."""
        raw = self._redis.hgetall(user_slot_key(user_key, ADVICE_OUTBOX))
        return {str(k): str(v).rpartition("|")[0] for k, v in raw.items()}


def _sweep_call(
    users: list[str], advice: dict[str, list[Advice]], now: datetime, guard: str, owe: bool
) -> tuple[list[str], list[str | int]]:
    """KEYS and ARGV of one call of the sweep's fire-once script for ``users``."""
    numbers: dict[Advice, int] = {}  # the call's distinct advice, numbered from 1
    keys: list[str] = []
    per_user: list[str | int] = []
    for user_key in users:
        prefix = f"{KEY_PREFIX}:{{{user_key}}}:"  # user_slot_key, inlined: a hot loop
        keys += [prefix + name for name in _SWEEP_KEY_NAMES]
        items = advice[user_key]
        per_user.append(len(items))
        for item in items:
            per_user += [numbers.setdefault(item, len(numbers) + 1), new_ref() if owe else ""]
    args: list[str | int] = [int(now.timestamp()), guard, "1" if owe else "0", len(numbers)]
    for item in numbers:
        args += [item.fired_field, item.id, advice_json(item)]
    return keys, args + per_user
