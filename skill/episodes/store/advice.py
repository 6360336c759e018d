"""AdviceStore: the scheduler's advice, recorded exactly once, spoken at the next session.

    twitch:{<user_key>}:advice_fired     hash  "<rule>|<run_key>" -> advice id  (idempotency)
    twitch:{<user_key>}:advice_pending   hash  advice id -> JSON advice          (not yet spoken)
    twitch:{<user_key>}:advice_notified  hash  advice id -> epoch                (message sent)
    twitch:{<user_key>}:advice_last      string JSON list of the advice last spoken   (to repeat)
    twitch:{<user_key>}:advice_outbox    hash  advice id -> "<ref>|<epoch>"   (message owed)

The fired record and the pending advice are written by one Lua script, so a sweep that
crashes, or three replicas racing on the same user, can never produce an advice twice nor
record one without queueing it. Delivery removes it from ``advice_pending``; the fired
record stays, so the same run of evidence never advises again. The sweep's form of the
script also puts the advice's skill message in the outbox (store/outbox.py) in the same
step, for users who consented to reminders.
"""

from __future__ import annotations

import functools
import json

from skill.episodes.advice import Advice
from skill.episodes.keys import user_slot_key
from skill.episodes.store.client import execute_scripted, guarded, guarded_write
from skill.episodes.store.connection import Connection

ADVICE_FIRED = "advice_fired"
ADVICE_PENDING = "advice_pending"
ADVICE_NOTIFIED = "advice_notified"
ADVICE_LAST = "advice_last"
ADVICE_OUTBOX = "advice_outbox"

# The fire-once step for one user, shared by the session's script and the sweep's batch.
# kf, kp: the user's fired and pending keys; for the sweep also kg, ko, kr: its read guard,
# outbox and reminders (one user's slot). epoch: now (epoch s); guard: the sweep batch's
# token ("" in session); owe_flag: "1" when messages are owed for new advice; items: a list
# of {idempotency field, advice id, advice JSON, message ref}.
# - A sweep writes nothing unless its guard is still there (store/sweep_guard.py): a user
#   forgotten since the sweep read them gets no key back. The guard is then dropped.
# - A new advice of a user whose reminders hash holds a messaging identity (consent) gets
#   its message owed in the outbox in the same step, so no crash can record one without
#   the other.
# Returns one 1 (new) or 0 (already fired) per item; for a sweep, also the user's whole
# outbox (flat HGETALL), the encrypted identity and 1 when refused, so the sweep needs no
# further read to send what is owed, including what a crashed sweep left unsent (when no
# message is owed, owe_flag ~= "1", the outbox and identity are left unread).
FIRE_ONCE_CORE_LUA = """
local function fire_once(kf, kp, kg, ko, kr, epoch, guard, owe_flag, items)
  local guarded = guard ~= ''
  local refused = guarded and redis.call('GET', kg) ~= guard
  local owe = owe_flag == '1' and not refused and redis.call('HEXISTS', kr, 'identity') == 1
  local created = {}
  if not refused then
    -- The new advice go into pending (and the outbox) in one HSET each: fewer calls, the
    -- same atomic step.
    local pending, owed = {}, {}
    for _, item in ipairs(items) do
      if redis.call('HSETNX', kf, item[1], item[2]) == 1 then
        pending[#pending + 1] = item[2]
        pending[#pending + 1] = item[3]
        if owe then
          owed[#owed + 1] = item[2]
          owed[#owed + 1] = item[4] .. '|' .. epoch
        end
        created[#created + 1] = 1
      else
        created[#created + 1] = 0
      end
    end
    if #pending > 0 then
      redis.call('HSET', kp, unpack(pending))
    end
    if #owed > 0 then
      redis.call('HSET', ko, unpack(owed))
    end
    if guarded then
      redis.call('DEL', kg)
    end
  end
  if not guarded then
    return created
  end
  if owe_flag ~= '1' then
    return {created, {}, false, refused and 1 or 0}
  end
  local outbox = redis.call('HGETALL', ko)
  return {created, outbox, redis.call('HGET', kr, 'identity'), refused and 1 or 0}
end
"""

# One user: KEYS fired, pending (and for a guarded call its guard, outbox, reminders); ARGV
# epoch, guard, owe flag, then quadruples: idempotency field, advice id, advice JSON, ref.
FIRE_ONCE_LUA = (
    FIRE_ONCE_CORE_LUA
    + """
local items = {}
for i = 4, #ARGV, 4 do
  items[#items + 1] = {ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]}
end
return fire_once(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[2], ARGV[3], items)
"""
)


def fire_once_args(
    epoch: int, advices: list[Advice], refs: list[str], *, guard: str = "", owe: bool = False
) -> list[str | int]:
    """ARGV of the fire-once script for one user's advice (refs: "" when nothing is sent)."""
    args: list[str | int] = [epoch, guard, "1" if owe else "0"]
    for advice, ref in zip(advices, refs, strict=True):
        args += [advice.fired_field, advice.id, advice_json(advice), ref]
    return args


# A sweep writes the same few advices (a rule and a run's first day, at one time) for many
# users: each is encoded once.
@functools.lru_cache(maxsize=4096)
def advice_json(advice: Advice) -> str:
    """The stored form of an advice (cached: a sweep gives the same few to many users)."""
    return advice.to_json()


class AdviceStore:
    """Record-once and deliver-once advice; pending advice follows the request's snapshot."""

    KEY_NAMES: tuple[str, ...] = (
        ADVICE_FIRED,
        ADVICE_PENDING,
        ADVICE_NOTIFIED,
        ADVICE_LAST,
        ADVICE_OUTBOX,
    )

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._snapshot = conn.snapshot

    @guarded_write
    def record_advice(self, user_key: str, advice: Advice) -> bool:
        """Queue ``advice`` unless its (rule, run) already fired; True when it is new."""
        return bool(self.record_advice_many([(user_key, advice)])[0])

    @guarded_write
    def record_advice_many(self, items: list[tuple[str, Advice]]) -> list[bool]:
        """The same for many users in one pipelined round trip, for advice heard in session:
        no guard (the user is here) and no message owed (store/outbox.py is the sweep's)."""
        if not items:
            return []
        positions: dict[str, list[int]] = {}  # user -> indexes into items, in order
        for index, (user_key, _) in enumerate(items):
            positions.setdefault(user_key, []).append(index)
        script = self._redis.register_script(FIRE_ONCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        for user_key, indexes in positions.items():  # one script call per user, not per advice
            keys = [user_slot_key(user_key, ADVICE_FIRED), user_slot_key(user_key, ADVICE_PENDING)]
            advices = [items[i][1] for i in indexes]
            # Unguarded, nothing owed: the time (ARGV[1]) is only written with an owed message.
            args = fire_once_args(0, advices, [""] * len(advices))
            script(keys=keys, args=args, client=pipe)
        created = [False] * len(items)
        replies = execute_scripted(self._redis, pipe, script)
        for indexes, flags in zip(positions.values(), replies, strict=True):
            for index, flag in zip(indexes, flags, strict=True):
                created[index] = bool(flag)
        return created

    @guarded
    def pending_advice(self, user_key: str) -> list[Advice]:
        """Advice not yet spoken, most urgent first."""
        snap = self._snapshot.covering(user_key)
        if snap is not None:
            raw = snap.pending
        else:
            raw = self._redis.hvals(user_slot_key(user_key, ADVICE_PENDING))
        return sorted((Advice.from_json(item) for item in raw), key=Advice.speaking_order)

    @guarded_write
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

    @guarded
    def last_advice(self, user_key: str) -> list[Advice]:
        """The advice spoken last (most urgent first), or an empty list."""
        raw = self._redis.get(user_slot_key(user_key, ADVICE_LAST))
        if not raw:
            return []
        items = [Advice(**fields) for fields in json.loads(raw)]
        return sorted(items, key=Advice.speaking_order)
