"""Advice the scheduler produced: recorded exactly once, spoken at the next session.

    twitch:{<user_key>}:advice_fired     hash  "<rule>|<run_key>" -> advice id  (idempotency)
    twitch:{<user_key>}:advice_pending   hash  advice id -> JSON advice          (not yet spoken)
    twitch:{<user_key>}:advice_notified  hash  advice id -> epoch                (message sent)
    twitch:{<user_key>}:advice_last      string JSON list of the advice last spoken   (to repeat)

The fired record and the pending advice are written by one Lua script, so a sweep that
crashes, or three replicas racing on the same user, can never produce an advice twice nor
record one without queueing it. Delivery removes it from ``advice_pending``; the fired
record stays, so the same run of evidence never advises again.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from skill.episodes.advice import Advice
from skill.episodes.keys import user_slot_key

ADVICE_FIRED = "advice_fired"
ADVICE_PENDING = "advice_pending"
ADVICE_NOTIFIED = "advice_notified"
ADVICE_LAST = "advice_last"

# KEYS: fired, pending (one user). ARGV: triples of idempotency field, advice id, advice JSON.
# Returns one 1 (new) or 0 (already fired) per triple.
_FIRE_ONCE_LUA = """
local created = {}
for i = 1, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2])
    created[#created + 1] = 1
  else
    created[#created + 1] = 0
  end
end
return created
"""

class AdviceMixin:
    """Record-once and deliver-once advice."""

    _redis: Any
    KEY_NAMES: tuple[str, ...] = (ADVICE_FIRED, ADVICE_PENDING, ADVICE_NOTIFIED, ADVICE_LAST)

    def record_advice(self, user_key: str, advice: Advice) -> bool:
        """Queue ``advice`` unless its (rule, run) already fired; True when it is new."""
        return bool(self.record_advice_many([(user_key, advice)])[0])

    def record_advice_many(self, items: list[tuple[str, Advice]]) -> list[bool]:
        """The same for many users in one pipelined round trip (the sweep's batch write)."""
        if not items:
            return []
        positions: dict[str, list[int]] = {}  # user -> indexes into items, in order
        for index, (user_key, _) in enumerate(items):
            positions.setdefault(user_key, []).append(index)
        script = self._redis.register_script(_FIRE_ONCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for user_key, indexes in positions.items():  # one script call per user, not per advice
            keys = [user_slot_key(user_key, ADVICE_FIRED), user_slot_key(user_key, ADVICE_PENDING)]
            advices = [items[i][1] for i in indexes]
            args = [part for a in advices for part in (a.fired_field, a.id, a.to_json())]
            script(keys=keys, args=args, client=pipe)
        created = [False] * len(items)
        for indexes, flags in zip(positions.values(), pipe.execute(), strict=True):
            for index, flag in zip(indexes, flags, strict=True):
                created[index] = bool(flag)
        return created

    def pending_advice(self, user_key: str) -> list[Advice]:
        """Advice not yet spoken, most urgent first."""
        raw = self._redis.hvals(user_slot_key(user_key, ADVICE_PENDING))
        return sorted((Advice.from_json(item) for item in raw), key=Advice.speaking_order)

    def mark_advice_delivered(self, user_key: str, advice: list[Advice]) -> None:
        """Spoken: remove from the pending set (the fired record stays) and keep it as the
        advice last spoken, for "what was my advice", in the same round trip."""
        if not advice:
            return
        pipe = self._redis.pipeline(transaction=True)
        pipe.hdel(user_slot_key(user_key, ADVICE_PENDING), *[a.id for a in advice])
        last = "[" + ",".join(a.to_json() for a in advice) + "]"
        pipe.set(user_slot_key(user_key, ADVICE_LAST), last)
        pipe.execute()

    def last_advice(self, user_key: str) -> list[Advice]:
        """The advice spoken last (most urgent first), or an empty list."""
        raw = self._redis.get(user_slot_key(user_key, ADVICE_LAST))
        if not raw:
            return []
        items = [Advice(**fields) for fields in json.loads(raw)]
        return sorted(items, key=Advice.speaking_order)

    def claim_advice_notification(self, user_key: str, advice_id: str, now: datetime) -> bool:
        """True once per advice: who may send its out-of-session message (at most once)."""
        key = user_slot_key(user_key, ADVICE_NOTIFIED)
        return bool(self._redis.hsetnx(key, advice_id, int(now.timestamp())))
