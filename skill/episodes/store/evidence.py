"""EvidenceStore: the scheduler's read model, what the rules need for many users in one trip.

For each user the read returns the diary's summary (the day and place of each entry,
deduplicated, as one string: store/diary.py keeps it at write time, and rebuilds it here for a
diary written before it existed), twitch-free days, symptom answers and cached time zone; a
batch of users is one pipeline of script calls, each for many users on one Redis. The cost
per user is the number of distinct (day, place) marks, never the number of entries. Keys are the
diary's, quiet days', symptoms' and profile's own (see those modules); this store
writes nothing but a missing summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from skill.episodes.keys import KEY_PREFIX, PROFILE
from skill.episodes.model import DiaryMark
from skill.episodes.store.advice import ADVICE_FIRED, ADVICE_OUTBOX
from skill.episodes.store.client import execute_scripted, guarded_write
from skill.episodes.store.connection import Connection
from skill.episodes.store.diary import EPISODES, MARK_LIST, MARKS, MARKS_LUA, decode_marks
from skill.episodes.store.quiet_days import QUIET_DAYS
from skill.episodes.store.sweep_guard import SWEEP_READ
from skill.episodes.store.symptoms import SYMPTOMS, decode_answer

PROFILE_ZONE_FIELD = "tz"  # written by skill/handlers/timezone.py
PROFILE_LOCALE_FIELD = "locale"  # ditto, when the Settings API gave no zone

# KEYS: for each user of the call, nine keys of the user's slot: episodes, marks, quiet days,
# symptoms, profile, sweep read guard, advice fired, advice outbox, mark list. ARGV: the
# profile's zone and locale fields; a sweep's guard token ("" for none) and its time to live
# (ms). Returns one reply per user, in order.
# - One call reads many users on one Redis (a cluster gets one user per call: each user is
#   in a slot of their own), so the per-call cost, in Redis and in the client, is paid per
#   chunk of users rather than per user.
# - The guard goes down first, in the same atomic step as the read, and only for a user with
#   evidence (store/sweep_guard.py): a user forgotten later gets nothing written back.
# - The marks come back as one string, the mark list the diary's writes keep (store/diary.py),
#   far cheaper to read and decode than a reply of many strings; so do the fired records
#   (joined by newlines), with which the sweep skips the write for a user whose advice has
#   all been given, and the outbox's size.
_EVIDENCE_LUA = (
    MARKS_LUA
    + """
local function evidence(k)
  local marks = mark_list_of(KEYS[k], KEYS[k + 1], KEYS[k + 8])
  local answers = redis.call('HGETALL', KEYS[k + 3])
  -- The summary exists exactly when the diary does (made above when missing).
  if ARGV[3] ~= '' and (marks or #answers > 0) then
    redis.call('SET', KEYS[k + 5], ARGV[3], 'PX', ARGV[4])
  end
  local profile = redis.call('HMGET', KEYS[k + 4], ARGV[1], ARGV[2])
  return {
    marks or '',
    redis.call('ZRANGE', KEYS[k + 2], 0, -1),
    answers,
    profile[1],
    profile[2],
    table.concat(redis.call('HKEYS', KEYS[k + 6]), '\\n'),
    redis.call('HLEN', KEYS[k + 7])
  }
end
local replies = {}
for k = 1, #KEYS, 9 do
  replies[#replies + 1] = evidence(k)
end
return replies
"""
)
# Users per script call on one Redis: Redis runs nothing else while a script runs, so a
# call is kept to about a millisecond or two; a batch's calls still share one round trip.
USERS_PER_CALL = 50
_KEY_NAMES = (
    EPISODES, MARKS, QUIET_DAYS, SYMPTOMS, PROFILE, SWEEP_READ, ADVICE_FIRED, ADVICE_OUTBOX,
    MARK_LIST,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """One user's inputs to the rules, and what the sweep needs to skip a needless write."""

    episodes: tuple[DiaryMark, ...]  # day and place of each entry (DayPlace), deduplicated
    quiet_days: frozenset[date]
    answers: dict[str, bool]
    time_zone: str | None
    locale: str | None = None
    fired: frozenset[str] = frozenset()  # "<rule>|<run_key>" of every advice already given
    owed_messages: int = 0  # messages in the outbox, owed by an earlier sweep


class EvidenceStore:
    """Batch reads for the sweep."""

    def __init__(self, conn: Connection) -> None:
        self._redis = conn.redis
        self._single_node = conn.single_node

    @guarded_write
    def evidence_many(
        self, user_keys: list[str], *, guard: str = "", lease: timedelta | None = None
    ) -> dict[str, Evidence]:
        """Evidence for every user in ``user_keys``, one pipelined round trip; unreadable
        episodes are skipped. With a ``guard`` token, each user with evidence gets the
        sweep's read guard for ``lease`` in the same step (store/sweep_guard.py)."""
        script = self._redis.register_script(_EVIDENCE_LUA)
        pipe = self._redis.pipeline(transaction=False)
        ttl_ms = int(lease.total_seconds() * 1000) if guard and lease else 0
        args = [PROFILE_ZONE_FIELD, PROFILE_LOCALE_FIELD, guard if ttl_ms else "", ttl_ms]
        per_call = USERS_PER_CALL if self._single_node else 1
        for start in range(0, len(user_keys), per_call):
            keys = [
                f"{KEY_PREFIX}:{{{user_key}}}:{name}"  # user_slot_key, inlined: a hot loop
                for user_key in user_keys[start : start + per_call]
                for name in _KEY_NAMES
            ]
            script(keys=keys, args=args, client=pipe)
        replies = [reply for call in execute_scripted(self._redis, pipe, script) for reply in call]
        return {
            user_key: _evidence(reply) for user_key, reply in zip(user_keys, replies, strict=True)
        }


def _evidence(reply: list[Any]) -> Evidence:
    joined, quiet, flat_answers, zone, locale, fired, owed = reply
    # Several twitches in one place on one day weigh the same for the rules: the summary
    # holds each (day, place) once.
    answers = (
        {
            item: decode_answer(str(value))
            for item, value in zip(flat_answers[0::2], flat_answers[1::2], strict=True)
        }
        if flat_answers
        else {}
    )
    return Evidence(
        episodes=decode_marks(joined or ""),
        quiet_days=frozenset(map(date.fromisoformat, quiet)) if quiet else frozenset(),
        answers=answers,
        time_zone=zone if isinstance(zone, str) else None,
        locale=locale if isinstance(locale, str) else None,
        fired=frozenset(fired.split("\n")) if fired else frozenset(),
        owed_messages=int(owed or 0),
    )
