"""A request's reads of its user in one round trip: the request-scoped snapshot.

The web edge opens ``store.snapshot.around_request(user_key, now)`` around each request. The
first read that the snapshot covers loads, in one Lua script (atomic, as a MULTI was; one
user's slot, so also on a cluster; one command to pack and one reply to parse, where the
MULTI's eight cost the client about twice the CPU):

    profile (HGETALL), pending advice (HVALS), the diary's size (ZCARD), reminders (HGETALL),
    twitch-free days and diary entries from ``now - RECENT`` on (ZRANGEBYSCORE)

and every covered read of that user in the request is answered from it: the profile and its
once-only flags, pending advice, the entry count, reminder ids and consent, quiet days and
entries since the window's start (enough for "today" in any time zone). The covered reads
are the small stores' own methods (profile.py, advice.py, diary.py, reminders.py,
quiet_days.py): each asks ``covering(user_key)`` first and reads Redis when it answers None.
Writes the snapshot knows (profile fields, flags, a new entry) keep it up to date; any other
write to Redis in the request drops it (snapshot_state.py), and later reads go to Redis as
before. A request that reads nothing covered (a question) loads nothing.

Writes of the profile that need no answer (a field learned, a once-only flag the snapshot
shows unclaimed) are held with the loaded snapshot (``queue``) and go out with the request's
next write (the diary's, ``take_queued``) or, at the latest, when the request ends, before
its reply leaves (``around_request``): one round trip for a request's writes where each had
its own. The profile's own reads and direct writes send what is held first, so nothing
reads or overwrites around it; ``forget`` drops it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from skill.episodes.keys import PROFILE, StoreUnavailable, user_slot_key
from skill.episodes.store.advice import ADVICE_PENDING
from skill.episodes.store.client import guarded
from skill.episodes.store.diary import EPISODES, decode_episode
from skill.episodes.store.quiet_days import QUIET_DAYS
from skill.episodes.store.reminders import REMINDERS
from skill.episodes.store.snapshot_state import ACTIVE, RECENT, Snapshot

# KEYS: profile, pending advice, diary, reminders, quiet days; ARGV: the first quiet day's
# ordinal, the first entry's timestamp, then once-only profile flags to claim (HSETNX) after
# the profile is read. Replies as the commands' own, in one array; the claims' last.
_LOAD_LUA = """
local profile = redis.call('HGETALL', KEYS[1])
local claimed = {}
for i = 3, #ARGV do
  claimed[#claimed + 1] = redis.call('HSETNX', KEYS[1], ARGV[i], '1')
end
return {
  profile,
  redis.call('HVALS', KEYS[2]),
  redis.call('ZCARD', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('ZRANGEBYSCORE', KEYS[5], ARGV[1], '+inf'),
  redis.call('ZRANGEBYSCORE', KEYS[3], ARGV[2], '+inf', 'WITHSCORES'),
  claimed,
}
"""
_LOAD_SHA = hashlib.sha1(_LOAD_LUA.encode()).hexdigest()  # noqa: S324 - Redis names scripts so

log = logging.getLogger(__name__)


class RequestSnapshot:
    """Opens the snapshot around a request, and loads it for the first covered read."""

    def __init__(self, client: Any) -> None:
        self._redis = client

    @contextmanager
    def around_request(self, user_key: str, now: datetime) -> Iterator[None]:
        """Within this block, covered reads of ``user_key`` share one round trip."""
        token = ACTIVE.set(Snapshot(user_key, now - RECENT))
        try:
            yield
        finally:
            try:
                self.flush_queued()
            except StoreUnavailable:
                # Only answer-free profile writes are held: a zone asked again, a notice
                # said again next time. The safe side; the reply is not changed for it.
                log.warning("held profile writes not sent: store unavailable")
            finally:
                ACTIVE.reset(token)

    @staticmethod
    def queue(user_key: str, *command: Any) -> bool:
        """Hold ``command`` (a write of the user's profile that needs no answer) for the
        request's next write or its end; False when no loaded, live snapshot of the user is
        open (the caller then sends it itself)."""
        snap = ACTIVE.get()
        if snap is None or not (snap.loaded and snap.live and snap.user_key == user_key):
            return False
        snap.queued.append(command)
        return True

    @staticmethod
    def take_queued(user_key: str) -> list[tuple[Any, ...]]:
        """The held writes of ``user_key``, for the caller to send in its own round trip."""
        snap = ACTIVE.get()
        if snap is None or snap.user_key != user_key or not snap.queued:
            return []
        queued, snap.queued = snap.queued, []
        return queued

    @staticmethod
    def discard_queued(user_key: str) -> None:
        """Drop the held writes of ``user_key`` (the user is being forgotten)."""
        snap = ACTIVE.get()
        if snap is not None and snap.user_key == user_key:
            snap.queued = []

    @guarded
    def flush_queued(self) -> None:
        """Send the request's held writes now, in one atomic round trip (none: no trip)."""
        snap = ACTIVE.get()
        if snap is None or not snap.queued:
            return
        queued, snap.queued = snap.queued, []
        pipe = self._redis.pipeline(transaction=True)  # one user's slot: MULTI holds
        for command in queued:
            pipe.execute_command(*command)
        pipe.execute()

    @guarded
    def covering(self, user_key: str) -> Snapshot | None:
        """The request's live snapshot of ``user_key``, loaded on first use; else None."""
        snap = ACTIVE.get()
        if snap is None or not snap.live or snap.user_key != user_key:
            return None
        if not snap.loaded:
            self._load(snap)
        return snap

    @guarded
    def load_claiming(self, user_key: str, flag: str) -> bool | None:
        """Load the request's snapshot of ``user_key`` and claim the once-only profile
        ``flag`` (HSETNX) in the same script: whether this request claimed it. None when no
        live, unloaded snapshot of the user is open (the caller claims it on its own).

        For a request that reads the snapshot anyway and claims a flag first thing (a
        launch and its first-use notice): one round trip where the load and the claim took
        one each. The snapshot's profile then shows the flag set, as after HSETNX."""
        snap = ACTIVE.get()
        if snap is None or not snap.live or snap.user_key != user_key or snap.loaded:
            return None
        return self._load(snap, claims=(flag,))[0]

    def _load(self, snap: Snapshot, claims: tuple[str, ...] = ()) -> list[bool]:
        user = snap.user_key
        keys = [
            user_slot_key(user, name)
            for name in (PROFILE, ADVICE_PENDING, EPISODES, REMINDERS, QUIET_DAYS)
        ]
        args = [snap.since.date().toordinal(), int(snap.since.timestamp()), *claims]
        profile, pending, count, reminders, quiet, recent, claimed = self._run(keys, args)
        snap.profile, snap.pending, snap.count = _pairs(profile), list(pending), int(count)
        snap.profile.update(dict.fromkeys(claims, "1"))
        snap.reminders = _pairs(reminders)
        snap.quiet = {date.fromisoformat(day) for day in quiet}
        scores = (float(score) for score in recent[1::2])
        snap.recent = [decode_episode(m, s) for m, s in zip(recent[::2], scores, strict=True)]
        snap.loaded = True
        return [bool(answer) for answer in claimed]

    def _run(self, keys: list[str], args: list[Any]) -> list[Any]:
        """EVALSHA, not a Script object (which asks SCRIPT EXISTS first): a server that lost
        its scripts answers NOSCRIPT, and the script is then loaded and run again."""
        for attempt in (1, 2):
            try:
                reply: list[Any] = self._redis.evalsha(_LOAD_SHA, len(keys), *keys, *args)
                return reply
            except Exception as exc:  # redis-py's NoScriptError; redis is not imported here
                if attempt == 2 or type(exc).__name__ != "NoScriptError":
                    raise
                self._redis.script_load(_LOAD_LUA)
        raise AssertionError("unreachable")


def _pairs(flat: list[str]) -> dict[str, str]:
    """A hash as HGETALL inside Lua gives it: field, value, field, value..."""
    return dict(zip(flat[::2], flat[1::2], strict=True))
