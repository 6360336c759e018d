"""Advice the scheduler produced: recorded exactly once, spoken at the next session.

    twitch:{<user_key>}:advice_fired     hash  "<rule>|<run_key>" -> advice id  (idempotency)
    twitch:{<user_key>}:advice_pending   hash  advice id -> JSON advice          (not yet spoken)
    twitch:{<user_key>}:advice_notified  hash  advice id -> epoch                (message sent)

The fired record and the pending advice are written by one Lua script, so a sweep that
crashes, or three replicas racing on the same user, can never produce an advice twice nor
record one without queueing it. Delivery removes it from ``advice_pending``; the fired
record stays, so the same run of evidence never advises again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from skill.episodes.advice import Advice
from skill.episodes.keys import user_slot_key

ADVICE_FIRED = "advice_fired"
ADVICE_PENDING = "advice_pending"
ADVICE_NOTIFIED = "advice_notified"

# KEYS: fired, pending. ARGV: idempotency field, advice id, advice JSON. Returns 1 when new.
_FIRE_ONCE_LUA = """
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0
"""

class AdviceMixin:
    """Record-once and deliver-once advice."""

    _redis: Any
    KEY_NAMES: tuple[str, ...] = (ADVICE_FIRED, ADVICE_PENDING, ADVICE_NOTIFIED)

    def record_advice(self, user_key: str, advice: Advice) -> bool:
        """Queue ``advice`` unless its (rule, run) already fired; True when it is new."""
        return bool(self.record_advice_many([(user_key, advice)])[0])

    def record_advice_many(self, items: list[tuple[str, Advice]]) -> list[bool]:
        """The same for many users in one pipelined round trip (the sweep's batch write)."""
        if not items:
            return []
        script = self._redis.register_script(_FIRE_ONCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for user_key, advice in items:
            keys = [user_slot_key(user_key, ADVICE_FIRED), user_slot_key(user_key, ADVICE_PENDING)]
            script(keys=keys, args=[advice.fired_field, advice.id, advice.to_json()], client=pipe)
        return [bool(result) for result in pipe.execute()]

    def pending_advice(self, user_key: str) -> list[Advice]:
        """Advice not yet spoken, most urgent first."""
        raw = self._redis.hvals(user_slot_key(user_key, ADVICE_PENDING))
        return sorted((Advice.from_json(item) for item in raw), key=Advice.speaking_order)

    def mark_advice_delivered(self, user_key: str, advice_ids: list[str]) -> None:
        """Spoken: remove from the pending set (the fired record stays)."""
        if advice_ids:
            self._redis.hdel(user_slot_key(user_key, ADVICE_PENDING), *advice_ids)

    def claim_advice_notification(self, user_key: str, advice_id: str, now: datetime) -> bool:
        """True once per advice: who may send its out-of-session message (at most once)."""
        key = user_slot_key(user_key, ADVICE_NOTIFIED)
        return bool(self._redis.hsetnx(key, advice_id, int(now.timestamp())))
