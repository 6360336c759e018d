"""A request's reads of its user in one round trip: the request-scoped snapshot.

The web edge opens ``store.snapshot.around_request(user_key, now)`` around each request. The
first read that the snapshot covers loads, in one MULTI (one user's slot, so also on a
cluster):

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
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from skill.episodes.keys import PROFILE, user_slot_key
from skill.episodes.store.advice import ADVICE_PENDING
from skill.episodes.store.client import guarded
from skill.episodes.store.diary import EPISODES, decode_episode
from skill.episodes.store.quiet_days import QUIET_DAYS
from skill.episodes.store.reminders import REMINDERS
from skill.episodes.store.snapshot_state import ACTIVE, RECENT, Snapshot


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
            ACTIVE.reset(token)

    @guarded
    def covering(self, user_key: str) -> Snapshot | None:
        """The request's live snapshot of ``user_key``, loaded on first use; else None."""
        snap = ACTIVE.get()
        if snap is None or not snap.live or snap.user_key != user_key:
            return None
        if not snap.loaded:
            self._load(snap)
        return snap

    def _load(self, snap: Snapshot) -> None:
        user = snap.user_key
        pipe = self._redis.pipeline(transaction=True)
        pipe.hgetall(user_slot_key(user, PROFILE))
        pipe.hvals(user_slot_key(user, ADVICE_PENDING))
        pipe.zcard(user_slot_key(user, EPISODES))
        pipe.hgetall(user_slot_key(user, REMINDERS))
        pipe.zrangebyscore(user_slot_key(user, QUIET_DAYS), snap.since.date().toordinal(), "+inf")
        since = int(snap.since.timestamp())
        pipe.zrangebyscore(user_slot_key(user, EPISODES), since, "+inf", withscores=True)
        profile, pending, count, reminders, quiet, recent = pipe.execute()
        snap.profile, snap.pending, snap.count = dict(profile), list(pending), int(count)
        snap.reminders = dict(reminders)
        snap.quiet = {date.fromisoformat(day) for day in quiet}
        snap.recent = [decode_episode(member, score) for member, score in recent]
        snap.loaded = True
